# Debian alternatives and versioned provides, repositories inline
repo @System 100 testtags <inline>
#>=Ver: 3.0
#>=Pkg: libc6 2.36 9 amd64
#>+Prv:
#>libc6 = 2.36-9
#>-Prv:
repo stable 500 testtags <inline>
#>=Ver: 3.0
#>=Pkg: mutt 2.2.9 1 amd64
#>+Prv:
#>mutt = 2.2.9-1
#>-Prv:
#>+Req:
#>libc6 >= 2.34
#>default-mta | mail-transport-agent
#>-Req:
#>=Pkg: exim4 4.96 15 all
#>+Prv:
#>exim4 = 4.96-15
#>default-mta
#>mail-transport-agent
#>-Prv:
#>=Pkg: postfix 3.7.6 0 amd64
#>+Prv:
#>postfix = 3.7.6-0
#>mail-transport-agent
#>-Prv:
#>+Con:
#>mail-transport-agent
#>-Con:
system amd64 deb @System
job install name mutt
