"""`python -m bidkit` runs the same entry point as the `bidkit` command."""

from __future__ import annotations

import sys

from bidkit.cli import main

if __name__ == "__main__":
    sys.exit(main())
