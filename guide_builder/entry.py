"""The `guide` console script: interrupt handling first, then the (heavier) command line.

Importing the CLI takes a moment (typer, rich); Ctrl-C or SIGTERM in that moment would
otherwise end in Python's own traceback. The handlers are installed before that import,
and an interruption during it exits 130 quietly, as it does later on.

The cycle collector is turned off first too (the command keeps it off, cli.main): the
imports make many objects, and collecting among them cost some 2 ms before a build.
"""

from __future__ import annotations

import gc
import sys

from guide_builder.signals import INTERRUPTED, install_interrupt_handlers


def main() -> None:
    """Install the interrupt handlers, then run `guide`."""
    gc.disable()
    install_interrupt_handlers()
    try:
        from guide_builder.cli import main as cli_main
    except KeyboardInterrupt:
        sys.stderr.write("Error: interrupted\n")
        sys.exit(INTERRUPTED)
    cli_main()
