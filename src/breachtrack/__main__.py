from breachtrack.cli import main

main()
