"""`vnpolicy insight`: see insight/cli.py."""
from insight.cli import configure_rebuild as configure
from insight.cli import run_rebuild as run

__all__ = ["configure", "run"]
