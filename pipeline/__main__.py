"""`python -m pipeline` is the `notice-parse` command."""

from pipeline.cli import main

raise SystemExit(main())
