# rpm rich dependencies, a file dependency and an epoch
repo @System 0 testtags <inline>
#>=Ver: 3.0
repo fedora 0 testtags <inline>
#>=Ver: 3.0
#>=Pkg: app 1.0 1 x86_64
#>+Prv:
#>app = 1.0-1
#>-Prv:
#>+Req:
#>(lib >= 2 | lib-compat) & shell
#>plugin <IF> (desktop <ELSE> plugin-cli)
#>/usr/bin/sh
#>-Req:
#>=Pkg: lib 1:2.0 3 x86_64
#>+Prv:
#>lib = 1:2.0-3
#>-Prv:
#>=Pkg: shell 5.2 1 x86_64
#>+Prv:
#>shell = 5.2-1
#>-Prv:
#>+Fls:
#>/usr/bin/sh
#>-Fls:
#>=Pkg: plugin-cli 1 1 noarch
#>+Prv:
#>plugin-cli = 1-1
#>-Prv:
system x86_64 rpm @System
job install name app
