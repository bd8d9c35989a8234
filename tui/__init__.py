"""brief-tui's user interface: the Textual app and the command line. Talks to ``search`` only."""

__version__ = "0.1.0"
