"""`vnpolicy crawl`: crawl catalog sources or ad-hoc URLs into the database, then extract.

Exit codes: 0 the run finished (even with some bad pages), 1 nothing could be
fetched at all, 2 usage errors (no entries, unknown source, bad option).
"""
from __future__ import annotations

import json
import sys

import settings as project
from crawler import sources as catalog


def configure(parser) -> None:
    parser.add_argument("--db", default=project.get("db"), help="SQLite database (default: %(default)s)")
    parser.add_argument("--source", action="append", default=[], metavar="NAME",
                        help="crawl this catalog source (repeatable; see `vnpolicy sources`)")
    parser.add_argument("--all", action="store_true", help="crawl every enabled catalog source")
    parser.add_argument("--url", action="append", default=[], metavar="URL",
                        help="crawl an ad-hoc entry: feed, sitemap (index), listing page or article (repeatable)")
    parser.add_argument("--sources-file", default=None, metavar="PATH",
                        help="catalog file instead of the bundled crawler/sources.toml")
    parser.add_argument("--redis", default=None, metavar="URL",
                        help="share the frontier and seen-URL filter in Redis (redis://HOST:PORT/DB) "
                             "so several crawl processes split one crawl")
    parser.add_argument("--no-extract", dest="extract", action="store_false",
                        help="store articles without running extraction")
    parser.add_argument("--notify", default=project.get("notify_url"), metavar="URL",
                        help="after the crawl, send new events to this webhook (default: setting notify_url)")
    parser.add_argument("--max-pages", type=int, default=int(project.get("max_pages")), metavar="N",
                        help="listing pages followed per entry (default: %(default)s)")
    parser.add_argument("--workers", type=int, default=None, help="extraction processes")
    parser.add_argument("-s", "--set", dest="overrides", action="append", default=[], metavar="NAME=VALUE",
                        help="override one Scrapy setting, e.g. -s DOWNLOAD_TIMEOUT=5 (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.epilog = ("Examples:\n"
                     "  vnpolicy crawl --source baochinhphu --db news.db\n"
                     "  vnpolicy crawl --url https://baochinhphu.vn/home.rss --url "
                     "https://nhandan.vn/sitemap.xml --db news.db --no-extract")


def run(args) -> int:
    from crawler.settings import parse_overrides

    try:
        overrides = parse_overrides(args.overrides)
        rows = catalog.load_sources(args.sources_file) if (args.source or args.all) else []
    except (ValueError, OSError) as exc:
        print(f"vnpolicy crawl: {exc}", file=sys.stderr)
        return 2
    if args.all:
        chosen = [r for r in rows if r.get("enabled", True)]
    else:
        by_name = {r["name"]: r for r in rows}
        unknown = [n for n in args.source if n not in by_name]
        if unknown:
            print(f"vnpolicy crawl: unknown source(s): {', '.join(unknown)} (see `vnpolicy sources`)",
                  file=sys.stderr)
            return 2
        chosen = [by_name[n] for n in args.source]
    bad = [u for u in args.url if not u.startswith(("http://", "https://"))]
    if bad:
        print(f"vnpolicy crawl: not an http(s) URL: {', '.join(bad)}", file=sys.stderr)
        return 2
    if not chosen and not args.url:
        print("vnpolicy crawl: nothing to crawl: give --source NAME, --all or --url URL", file=sys.stderr)
        return 2
    if args.max_pages < 1:
        print("vnpolicy crawl: --max-pages must be at least 1", file=sys.stderr)
        return 2

    from crawler.runner import crawl

    summary = crawl(args.db, sources=chosen, urls=args.url, redis_url=args.redis, extract=args.extract,
                    notify_url=args.notify, max_pages=args.max_pages, overrides=overrides, workers=args.workers)
    if args.json:
        print(json.dumps({**summary, "new_articles": len(summary["new_articles"])}, ensure_ascii=False))
    else:
        print_summary(summary, args.db)
    if not summary["ok"]:
        print("vnpolicy crawl: nothing could be fetched", file=sys.stderr)
        return 1
    return 0


def print_summary(summary: dict, db: str) -> None:
    outcomes = summary["outcomes"]
    parts = ", ".join(f"{k} {v}" for k, v in outcomes.items()) or "no article pages"
    print(f"crawl finished -> {db}")
    print(f"  outcomes: {parts}")
    print(f"  already known (not requested): {summary['known_skipped']}; discovery pages: "
          + (", ".join(f"{k} {v}" for k, v in summary["pages"].items()) or "none"))
    if summary.get("bad_feed_items"):
        print(f"  broken feed/sitemap items skipped: {summary['bad_feed_items']}")
    print(f"  new articles: {len(summary['new_articles'])}; extracted: {summary['extracted']}"
          + (f" (errors: {summary['extraction_errors']})" if summary["extraction_errors"] else "")
          + (f"; extraction failed (stored with the reason): {summary['extraction_failed']}"
             if summary.get("extraction_failed") else ""))
    if "notify" in summary:
        print(f"  notify: {summary['notify']}")
