"""`python -m tui.cli ...`: the same as the `imss-tui` command."""

from tui.cli import main

raise SystemExit(main())
