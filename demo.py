"""`vnpolicy demo`: the whole pipeline on the bundled corpus, on loopback only.

corpus/ is rendered as four local news sites (the real CMS families), served
on 127.0.0.1, crawled with the real crawler through their RSS feeds, sitemaps
and listings, extracted, and stored in a database; then the events found are
printed as a table, with the commands that open the UI and the feed.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default="demo.db", help="database to write (default %(default)s; replaced)")
    parser.add_argument("--keep", action="store_true", help="add to an existing --db instead of replacing it")
    parser.add_argument("--limit", type=int, default=60, help="rows of the events table to print")
    parser.epilog = "Example:\n  vnpolicy demo --db demo.db && vnpolicy serve --db demo.db"


def load_events(db_path: str, limit: int):
    import store

    db = store.connect(db_path)
    rows = store.event_list(db, limit=limit)
    return rows, store.event_totals(db)[0]


# Columns shown from the narrowest terminal up: (column, terminal width it needs).
# date, type and province never shrink; the title wraps; the lists come in when there is room.
COLUMNS = (("date", 0), ("type", 0), ("province", 0), ("title", 0), ("officials", 120), ("documents", 150))


def events_table(rows: list[dict], total: int, db_path, width: int):
    """A rich Table readable at `width` columns: narrow columns whole, the title wrapped, extra columns dropped."""
    from rich.table import Table

    shown = [c for c, needs in COLUMNS if width >= needs]
    table = Table(title=f"Main events found ({total} articles in {db_path})", show_lines=False, expand=False)
    for column in shown:
        values = [str(r.get(column) or "") for r in rows] + [column]
        if column in ("date", "type", "province"):
            table.add_column(column, no_wrap=True, min_width=max(map(len, values)))
        elif column == "title":
            table.add_column(column, overflow="fold", ratio=2, min_width=20)
        else:
            table.add_column(column, overflow="fold", ratio=1, max_width=40)
    for row in rows:
        table.add_row(*[str(row.get(c) or "") for c in shown])
    if len(shown) < len(COLUMNS):
        table.caption = "officials and documents shown in a wider terminal, or in vnpolicy serve"
    return table


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from crawler import sitegen

    console = Console(stderr=False)
    db_path = Path(args.db).resolve()  # the crawl runs in the checkout: the same file from any folder
    if not args.keep:
        for suffix in ("", "-wal", "-shm"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="vnpolicy-demo-") as tmp:
        server, manifest = sitegen.serve(Path(tmp))
        try:
            sites = manifest["sites"]
            console.print(f"[bold]Serving the corpus as {len(sites)} local sites[/] at {manifest['base']} "
                          f"({len(manifest['articles'])} articles)")
            command = [sys.executable, "-m", "pipeline", "crawl", "--db", str(db_path)]
            for site in sites.values():  # each site through its feed and its paginated listing
                command += ["--url", site["feed"], "--url", site["listing"]]
            console.print("[bold]Crawling and extracting[/] (the real Scrapy crawler, loopback only)…")
            proc = subprocess.run(command, cwd=Path(__file__).resolve().parent)
            if proc.returncode != 0:
                console.print(f"[red]vnpolicy demo: the crawl exited with {proc.returncode}[/]")
                return 1
        finally:
            server.shutdown()
            server.server_close()
    rows, total = load_events(str(db_path), args.limit)
    console.print(events_table(rows, total, db_path, console.width))
    console.print(f"\nOpen the UI:        vnpolicy serve --db {db_path} --port 8001   → http://127.0.0.1:8001")
    console.print(f"The Atom feed:      vnpolicy feed --db {db_path} --output events.atom")
    console.print(f"Export as JSONL:    vnpolicy export --db {db_path} --format jsonl --output events.jsonl")
    return 0 if total else 1
