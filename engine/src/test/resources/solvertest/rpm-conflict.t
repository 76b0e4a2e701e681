# two requested packages that conflict: no solution
repo @System 0 testtags <inline>
#>=Ver: 3.0
repo fedora 0 testtags <inline>
#>=Ver: 3.0
#>=Pkg: mta-a 1 1 x86_64
#>+Prv:
#>mta-a = 1-1
#>-Prv:
#>+Con:
#>mta-b
#>-Con:
#>=Pkg: mta-b 1 1 x86_64
#>+Prv:
#>mta-b = 1-1
#>-Prv:
system x86_64 rpm @System
job install name mta-a
job install name mta-b
