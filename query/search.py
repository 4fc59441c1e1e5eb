"""`vnpolicy search`: full-text search with or without Vietnamese diacritics.

The matching rules live in store.search (one place for SQL); this module only parses
options and prints.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import settings
import store


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", help="Words to find; diacritics optional (\"dong bao\" finds \"đồng bào\").")
    parser.add_argument("--db", default=settings.get("db"), help="SQLite database (default: %(default)s).")
    parser.add_argument("--limit", type=int, default=20, help="Most results to print (default: %(default)s).")
    parser.add_argument("--province", default=None, help="Only articles whose record lists this province.")
    parser.add_argument("--json", action="store_true", help="Print one JSON object per result instead of text.")
    parser.epilog = 'Example: vnpolicy search --db vnpolicy.db "quyet dinh 1719" --limit 5'


def run(args: argparse.Namespace) -> int:
    if not Path(args.db).exists():
        print(f"vnpolicy search: no database at {args.db}", file=sys.stderr)
        return 2
    db = store.connect(args.db)
    hits = store.search(db, args.query, limit=args.limit, province=args.province)
    out = sys.stdout
    for hit in hits:
        if args.json:
            out.write(json.dumps({k: hit[k] for k in ("id", "title", "published", "url", "snippet", "exact")},
                                 ensure_ascii=False) + "\n")
            continue
        snippet = "".join(f"[{p}]" if marked else p for p, marked in hit["pieces"])
        out.write(f"{hit['published'] or '----------'}  {hit['title'] or '(no title)'}\n")
        out.write(f"    {hit['url']}\n    {' '.join(snippet.split())}\n\n")
    if not args.json:
        print(f"{len(hits)} result(s)", file=sys.stderr)
    return 0
