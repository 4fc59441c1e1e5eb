"""`vnpolicy person`: see insight/cli.py."""
from insight.cli import configure_person as configure
from insight.cli import run_person as run

__all__ = ["configure", "run"]
