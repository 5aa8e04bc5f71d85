"""`python -m generator`: the same as the `greffier` command."""

from generator.cli import main

main(prog_name="greffier")
