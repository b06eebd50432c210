"""yblint: a consistency linter for yearbook and annual-report drafts (Chinese first)."""

__version__ = "0.1.0"
