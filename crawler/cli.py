"""`vnpolicy crawl`: crawl catalog sources or ad-hoc URLs into the database, then extract.

Exit codes: 0 the run finished (even with some bad pages, or every source skipped
because another crawl of it is running), 1 nothing could be fetched or used at all (every
URL failed: unreachable, HTTP error, not a page — a PDF or a JSON file end the same way)
or something fetched could not be stored (a full disk), 2 usage errors (no entries,
unknown source, bad option, bad --db), 128 + signal number when SIGTERM/SIGINT stopped it
(143, 130).  Every failed URL is printed on one line with its reason.
"""
from __future__ import annotations

import json
import signal
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
                        help="share the seen article URLs and fetch claims in Redis (redis://HOST:PORT/DB), "
                             "so several crawl processes or machines never fetch an article twice")
    parser.add_argument("--queue-only", action="store_true",
                        help="with --redis: no database here; fetched articles go to the Redis queue "
                             "for `vnpolicy ingest` on the database machine")
    parser.add_argument("--no-extract", dest="extract", action="store_false",
                        help="store articles without running extraction")
    parser.add_argument("--notify", default=project.get("notify_url"), metavar="URL",
                        help="after the crawl, send new events to this webhook (default: setting notify_url)")
    parser.add_argument("--max-pages", type=int, default=int(project.get("max_pages")), metavar="N",
                        help="most listing pages followed per entry; 0 follows pagination until a page "
                             "yields no new article (default: %(default)s)")
    parser.add_argument("--since", default=None, metavar="DATE",
                        help="skip feed, sitemap and listing links dated before this day, and stop a "
                             "listing's pagination at a page whose dated links are all older")
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
        for line in str(exc).splitlines():  # a bad catalog: one line per problem
            print(f"vnpolicy crawl: {line}", file=sys.stderr)
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
    if args.queue_only and not args.redis:
        print("vnpolicy crawl: --queue-only needs --redis URL (the queue lives there)", file=sys.stderr)
        return 2
    if args.max_pages < 0:
        print("vnpolicy crawl: --max-pages must be 0 (no limit) or more", file=sys.stderr)
        return 2
    from query.dates import DateError, iso

    try:
        args.since = iso(args.since, "--since")  # the one parser of typed dates: ISO or 01/07/2025
    except DateError as exc:
        print(f"vnpolicy crawl: {exc}", file=sys.stderr)
        return 2

    from crawler.redisqueue import QueueError
    from crawler.runner import crawl

    try:
        summary = crawl(args.db, sources=chosen, urls=args.url, redis_url=args.redis, extract=args.extract,
                        notify_url=args.notify, max_pages=args.max_pages, overrides=overrides,
                        workers=args.workers, since=args.since, queue_only=args.queue_only)
    except QueueError as exc:
        print(f"vnpolicy crawl: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({**summary, "new_articles": len(summary["new_articles"]),
                          "failures": [{"url": u, "outcome": o, "http_status": st, "reason": r}
                                       for u, o, st, r in summary["failures"]]}, ensure_ascii=False))
    else:
        print_summary(summary, f"Redis queue {args.redis}" if args.queue_only else args.db)
    if summary.get("status") == "interrupted":
        sig = summary.get("signal") or 15
        print(f"vnpolicy crawl: interrupted by {signal.Signals(sig).name}; the run is marked interrupted "
              "and the next crawl resumes", file=sys.stderr)
        return 128 + sig
    if summary.get("lost"):
        print(f"vnpolicy crawl: {summary['lost']} item(s) could not be stored (see the log above); "
              "the run is marked failed", file=sys.stderr)
        return 1
    if not summary["ok"]:
        print("vnpolicy crawl: nothing could be fetched or used (the reason of each URL is above)",
              file=sys.stderr)
        return 1
    return 0


MAX_FAILURE_LINES = 50


def print_summary(summary: dict, db: str) -> None:
    outcomes = summary["outcomes"]
    parts = ", ".join(f"{k} {v}" for k, v in outcomes.items()) or "no article pages"
    print(f"crawl finished -> {db}")
    print(f"  outcomes: {parts}")
    failures = summary.get("failures") or []
    for url, outcome, status, reason in failures[:MAX_FAILURE_LINES]:
        print(f"  failed {url}: {outcome}" + (f" (HTTP {status})" if status and status != 200 and outcome != "http_error" else "")
              + (f": {reason}" if reason else ""))
    if len(failures) > MAX_FAILURE_LINES:
        print(f"  … and {len(failures) - MAX_FAILURE_LINES} more failed URLs (see the fetches table)")
    print(f"  already known (not requested): {summary['known_skipped']}; discovery pages: "
          + (", ".join(f"{k} {v}" for k, v in summary["pages"].items()) or "none"))
    if summary.get("bad_feed_items"):
        print(f"  broken feed/sitemap items skipped: {summary['bad_feed_items']}")
    if summary.get("claimed_elsewhere"):
        print(f"  being fetched by another crawler: {summary['claimed_elsewhere']}")
    if summary.get("queued"):
        print(f"  queued for `vnpolicy ingest`: {summary['queued']}")
    else:
        print(f"  new articles: {len(summary['new_articles'])}; extracted: {summary['extracted']}"
              + (f" (errors: {summary['extraction_errors']})" if summary["extraction_errors"] else "")
              + (f"; extraction failed (stored with the reason): {summary['extraction_failed']}"
                 if summary.get("extraction_failed") else ""))
    if "notify" in summary:
        print(f"  notify: {summary['notify']}")
