"""``python -m tui.cli``: the ``brief-tui`` command."""

import sys

from tui.cli.command import main

sys.exit(main())
