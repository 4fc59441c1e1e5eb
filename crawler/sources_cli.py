"""`vnpolicy sources`: list the catalog (crawler/sources.toml) as a table or JSON."""
from __future__ import annotations

import json
import sys

from crawler import sources as catalog


def configure(parser) -> None:
    parser.add_argument("--json", action="store_true", help="print the sources as a JSON list")
    parser.add_argument("--sources-file", default=None, metavar="PATH",
                        help="catalog file instead of the bundled crawler/sources.toml")
    parser.add_argument("--province", default=None,
                        help="only sources of this province (substring match, with or without diacritics: "
                             "\"son la\" finds Sơn La)")
    parser.epilog = "Example: vnpolicy sources --json | jq '.[].name'"


def run(args) -> int:
    try:
        rows = catalog.load_sources(args.sources_file)
    except (ValueError, OSError) as exc:
        print(f"vnpolicy sources: {exc}", file=sys.stderr)
        return 2
    if args.province:
        from store import fold  # the project's one diacritic fold, as in search, export and feed

        wanted = " ".join(fold(args.province).split())
        rows = [r for r in rows if wanted in " ".join(fold(r.get("province") or "").split())]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    try:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"{len(rows)} sources")
        for col in ("name", "province", "family", "kind", "entries", "homepage"):
            table.add_column(col)
        for r in rows:
            n = sum(len(r.get(k, [])) for k in catalog.ENTRY_KINDS)
            table.add_row(r["name"], r.get("province") or "—", r["family"], r["kind"], str(n), r.get("homepage", ""))
        Console(width=160).print(table)
    except ImportError:
        for r in rows:
            print(f"{r['name']}\t{r.get('province') or '-'}\t{r['family']}\t{r['kind']}\t{r.get('homepage', '')}")
    return 0
