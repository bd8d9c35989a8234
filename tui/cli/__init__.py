"""The ``brief-tui`` command (``main``): the TUI, or a script-friendly subcommand.

``command.py`` reads the command line and runs the TUI or a subcommand; ``output.py`` opens the
library and prints for scripts; ``topics.py``, ``entities.py`` and ``fetch.py`` are their
subcommands. Subcommands never import Textual, so ``brief-tui search`` starts fast.
"""

from tui.cli.command import main

__all__ = ["main"]
