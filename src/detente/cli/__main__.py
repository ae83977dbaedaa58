"""`python -m detente.cli ...`: the `detente` command, for when its script is not on the PATH."""

from detente.cli import main

main()
