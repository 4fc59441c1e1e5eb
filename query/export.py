"""`vnpolicy export`: the stored records as JSON Lines, or the research views as CSV.

JSONL is the spec record (shared with `vnpolicy extract`) plus url, title, published
and text, one line per non-duplicate article.  CSV writes each view of store.VIEWS as a
table: a directory of files, or one file with --view.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import json
import sys
from pathlib import Path

import settings
import store
from query.dates import DateError, iso


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=settings.get("db"), help="SQLite database (default: %(default)s).")
    parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl", help="Output format.")
    parser.add_argument("--output", required=True,
                        help="File to write (jsonl, or csv with --view), a directory (csv), or - for stdout.")
    parser.add_argument("--since", default=None,
                        help="Only articles published on or after this date (2025-07-01, 2025-7-1 or 01/07/2025).")
    parser.add_argument("--province", default=None,
                        help="Only articles whose record lists this province (diacritics optional).")
    parser.add_argument("--view", choices=list(store.VIEWS), default=None,
                        help="With --format csv: write only this view, to the --output file.")
    parser.epilog = ("Example: vnpolicy export --db vnpolicy.db --format jsonl --output records.jsonl "
                     "--since 01/01/2025 --province 'Lai Châu'\n"
                     "         vnpolicy export --db vnpolicy.db --format csv --output views/")


@contextlib.contextmanager
def _open(output: str):
    if output == "-":
        yield sys.stdout
    else:
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as fh:
            yield fh


def write_jsonl(db, output: str, since=None, province=None) -> int:
    count = 0
    with _open(output) as fh:
        for record in store.export_records(db, since=since, province=province):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_view_csv(db, view: str, output: str) -> int:
    columns, rows = store.view_rows(db, view)
    count = 0
    with _open(output) as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def run(args: argparse.Namespace) -> int:
    if not Path(args.db).exists():
        print(f"vnpolicy export: no database at {args.db}", file=sys.stderr)
        return 2
    try:
        since = iso(args.since, "--since")
    except DateError as exc:
        print(f"vnpolicy export: {exc}", file=sys.stderr)
        return 2
    db = store.connect(args.db)
    if args.format == "jsonl":
        if args.view:
            print("vnpolicy export: --view applies to --format csv only", file=sys.stderr)
            return 2
        n = write_jsonl(db, args.output, since=since, province=args.province)
        print(f"exported {n} record(s)", file=sys.stderr)
        return 0
    if args.since or args.province:
        print("vnpolicy export: --since/--province apply to --format jsonl; views are exported whole",
              file=sys.stderr)
    if args.view:
        n = write_view_csv(db, args.view, args.output)
        print(f"exported {n} row(s) of {args.view}", file=sys.stderr)
        return 0
    if args.output == "-":
        print("vnpolicy export: csv of every view needs a directory; use --view NAME for stdout", file=sys.stderr)
        return 2
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        print(f"vnpolicy export: {out} is a file; csv without --view writes a directory", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    for view in store.VIEWS:
        n = write_view_csv(db, view, str(out / f"{view}.csv"))
        print(f"{view}: {n} row(s)", file=sys.stderr)
    return 0
