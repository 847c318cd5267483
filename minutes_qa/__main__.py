"""``python -m minutes_qa``: the CLI."""

from minutes_qa.cli import main

raise SystemExit(main())
