# a dist-upgrade that pulls in a new dependency
repo @System 100 testtags <inline>
#>=Ver: 3.0
#>=Pkg: editor 1.0 1 amd64
#>+Prv:
#>editor = 1.0-1
#>-Prv:
#>=Pkg: oldlib 1.0 1 amd64
#>+Prv:
#>oldlib = 1.0-1
#>-Prv:
repo stable 500 testtags <inline>
#>=Ver: 3.0
#>=Pkg: editor 2.0 1 amd64
#>+Prv:
#>editor = 2.0-1
#>-Prv:
#>+Req:
#>newlib
#>oldlib >= 1.1
#>-Req:
#>=Pkg: newlib 2.0 1 amd64
#>+Prv:
#>newlib = 2.0-1
#>-Prv:
#>=Pkg: oldlib 1.1 1 amd64
#>+Prv:
#>oldlib = 1.1-1
#>-Prv:
system amd64 deb @System
job distupgrade all packages
