"""`python -m greffier`: the same as the `greffier` command."""

from .cli import main

main(prog_name="greffier")
