# A small Debian problem for 'peerget debug solve': mutt needs a mail transport agent.
repo @System 100 testtags <inline>
#>=Ver: 3.0
#>=Pkg: libc6 2.36 9 amd64
#>+Prv:
#>libc6 = 2.36-9
#>-Prv:
#>=Pkg: mailutils 1.0 1 amd64
#>+Prv:
#>mailutils = 1.0-1
#>-Prv:
#>=Xsz: 10000 40000
repo bookworm 500 testtags <inline>
#>=Ver: 3.0
#>=Pkg: mutt 2.2.9 1 amd64
#>+Prv:
#>mutt = 2.2.9-1
#>-Prv:
#>+Req:
#>libc6 >= 2.34
#>default-mta | mail-transport-agent
#>-Req:
#>+Rec:
#>mailutils >= 1.1
#>-Rec:
#>=Xsz: 1500000 6000000
#>=Pkg: exim4 4.96 15 all
#>+Prv:
#>exim4 = 4.96-15
#>default-mta
#>mail-transport-agent
#>-Prv:
#>=Xsz: 8000 20000
#>=Pkg: mailutils 1.1 1 amd64
#>+Prv:
#>mailutils = 1.1-1
#>-Prv:
#>=Xsz: 12000 41000
system amd64 deb @System
job install name mutt
