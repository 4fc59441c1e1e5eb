"""`vnpolicy serve`: Datasette over the database, read-only, with vnpolicy's metadata and plugins.

Not `--immutable`: crawls keep writing to the file, and Datasette's default mode opens
it read-only (`mode=ro`) while seeing new rows.  No write permission is granted.  The
database is migrated first (store.connect) so the views and FTS table exist.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import settings
import store

from . import metadata

HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=settings.get("db"), help="SQLite database (default: %(default)s).")
    parser.add_argument("--host", default="127.0.0.1", help="Address to listen on (default: %(default)s).")
    parser.add_argument("--port", type=int, default=8001, help="Port (default: %(default)s; 0 picks a free one).")
    parser.add_argument("--allow-sql", action="store_true",
                        help="Let visitors run their own SQL (the SQL box, ?sql=). Off by default: one query "
                             "such as randomblob(500000000) can take gigabytes of memory. For trusted local use.")
    parser.epilog = "Example: vnpolicy serve --db vnpolicy.db --port 8001   (then open http://127.0.0.1:8001/)"


def datasette_args(db_path: str, metadata_path: str, host: str, port: int, allow_sql: bool = False,
                   immutable: bool = False) -> list[str]:
    # Arbitrary SQL is off unless asked for: table pages, facets, filters, canned queries,
    # search, article pages and feeds all work without it, and none of them can be made to
    # return an unbounded value.  A database that cannot be written (read-only file or
    # folder) is served immutable: Datasette's read-write open of a WAL file fails there.
    database = ["-i", str(db_path)] if immutable else [str(db_path)]
    return ["serve", *database, "--metadata", str(metadata_path),
            "--template-dir", str(TEMPLATES_DIR), "--host", host, "--port", str(port),
            "--setting", "sql_time_limit_ms", "3000", "--setting", "default_page_size", "50",
            "--setting", "suggest_facets", "off",  # suggestions scan every column of a large view
            "--setting", "default_allow_sql", "on" if allow_sql else "off",
            "--setting", "max_returned_rows", "1000",
            "--setting", "default_facet_size", "10"]  # the table stays in the first screen


def register_plugin():
    """The vnpolicy plugins (the research UI and the insight pages), registered once.

    An installed vnpolicy brings it through the `datasette` entry point (pyproject.toml);
    a checkout run without reinstalling does not, so it is registered here by module,
    never by editing sys.path.
    """
    from datasette.plugins import pm

    from web.plugins import vnpolicy_insight, vnpolicy_web

    for name, module in (("vnpolicy", vnpolicy_web), ("vnpolicy_insight", vnpolicy_insight)):
        if not pm.is_registered(module) and pm.get_plugin(name) is None:
            pm.register(module, name=name)
    return vnpolicy_web


def write_metadata(db_path: str, directory: str) -> Path:
    path = Path(directory) / "metadata.json"
    path.write_text(json.dumps(metadata.build(Path(db_path).stem), ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def run(args: argparse.Namespace) -> int:
    if not Path(args.db).exists():
        print(f"vnpolicy serve: no database at {args.db}", file=sys.stderr)
        return 2
    read_only = store.check_path(args.db)
    store.connect(args.db).close()  # migrate before Datasette opens it read-only
    from datasette.cli import cli

    register_plugin()
    with tempfile.TemporaryDirectory(prefix="vnpolicy-serve-") as tmp:
        meta = write_metadata(args.db, tmp)
        try:
            cli.main(datasette_args(args.db, meta, args.host, args.port,
                                   getattr(args, "allow_sql", False), immutable=read_only),
                     prog_name="datasette",
                     standalone_mode=False)
        except KeyboardInterrupt:
            return 0
    return 0
