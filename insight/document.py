"""`vnpolicy document`: see insight/cli.py."""
from insight.cli import configure_document as configure
from insight.cli import run_document as run

__all__ = ["configure", "run"]
