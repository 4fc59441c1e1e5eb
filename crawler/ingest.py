"""`vnpolicy ingest`: the database machine's side of a scaled-out crawl.

Crawler machines run `vnpolicy crawl --redis URL --queue-only …` and hold no database; what
they fetch waits in the Redis queue (see crawler/redisqueue.py).  This command takes one
message at a time, stores it through store, commits, and only then acknowledges it, so a
kill at any moment loses nothing: the next start puts unacknowledged messages back first, and
an article already stored is not stored again.  New articles are extracted in batches (and
their events sent to the webhook with --notify) whenever the queue runs dry or a batch is full.

It runs as a service until SIGTERM/SIGINT; with --until-idle it stops once the queue is empty.

Exit codes: 0 done, 1 Redis or the database could not be used, 2 usage errors.
"""
from __future__ import annotations

import logging
import signal
import sys
import time

import settings as project
import store

log = logging.getLogger(__name__)
BATCH = 50  # articles extracted together


def configure(parser) -> None:
    parser.add_argument("--redis", required=True, metavar="URL", help="the Redis the crawlers queue into")
    parser.add_argument("--db", default=project.get("db"), help="SQLite database (default: %(default)s)")
    parser.add_argument("--until-idle", action="store_true",
                        help="stop when the queue is empty (default: run until SIGTERM, as a service)")
    parser.add_argument("--no-extract", dest="extract", action="store_false",
                        help="store articles without running extraction")
    parser.add_argument("--notify", default=project.get("notify_url"), metavar="URL",
                        help="send new events to this webhook after each batch (default: setting notify_url)")
    parser.add_argument("--workers", type=int, default=None, help="extraction processes")
    parser.add_argument("--idle-seconds", type=float, default=2.0, metavar="S",
                        help="with --until-idle: how long the queue must stay empty (default: %(default)s)")
    parser.epilog = ("Example (database machine):\n"
                     "  vnpolicy ingest --redis redis://10.0.0.5:6379/0 --db policy.db\n"
                     "and on each crawler machine:\n"
                     "  vnpolicy crawl --redis redis://10.0.0.5:6379/0 --queue-only --all")


class Ingester:
    def __init__(self, redis_url: str, db_path: str, extract: bool = True, notify_url: str | None = None,
                 workers: int | None = None):
        from crawler.redisqueue import Inbox

        self.inbox = Inbox(redis_url)
        self.db_path = str(db_path)
        self.db = store.connect(self.db_path)
        self.extract = extract
        self.notify_url = notify_url
        self.workers = workers
        self.runs: dict[tuple, int] = {}
        self.pending: list[int] = []
        self.stopping = False
        self.counts = {"stored": 0, "duplicate": 0, "already_stored": 0, "outcomes": 0, "bad_messages": 0,
                       "recovered": 0, "seeded": 0, "extracted": 0, "extraction_errors": 0}

    def start(self) -> None:
        self.counts["recovered"] = self.inbox.recover()
        self.counts["seeded"] = self.inbox.seed(store.all_article_urls(self.db))
        if self.extract:  # what a killed ingester stored but never extracted
            self.pending = store.unextracted_ids(self.db)

    # --- one message ------------------------------------------------------------------------------
    def _run(self, run: str | None, source: str | None) -> int:
        key = (run, source or None)
        if key not in self.runs:
            self.runs[key] = store.start_run(self.db, source or None)
        return self.runs[key]

    def handle(self, message: dict) -> None:
        from crawler.pipelines import _retry_locked, article_row
        from crawler.redisqueue import decode_html

        kind = message.get("type")
        run, source = message.get("run"), message.get("source") or None
        if kind == "run_start":
            for name, conf in (message.get("sources") or {}).items():
                if conf:
                    _retry_locked(store.upsert_source, self.db, {
                        "name": name, "province": conf.get("province"), "homepage": conf.get("homepage"),
                        "family": conf.get("family"), "config": conf,
                        "enabled": 1 if conf.get("enabled", True) else 0})
                self._run(run, name or None)
        elif kind == "article":
            row = article_row(message)
            if store.known_url(self.db, row["url"]):  # delivered again after a kill: stored already
                self.counts["already_stored"] += 1
                return
            article_id, outcome, dup_of = _retry_locked(store.save_article, self.db, row,
                                                        raw_html=decode_html(message.get("raw_html")),
                                                        source=source)
            _retry_locked(store.log_fetch, self.db, self._run(run, source), row["url"], outcome,
                          message.get("http_status"), f"duplicate of article {dup_of}" if dup_of else None)
            self.counts[outcome] += 1
            self.inbox.mark_seen(row["url"], row.get("canonical_url"))
            if outcome == "stored" and self.extract:
                self.pending.append(article_id)
        elif kind == "outcome":
            _retry_locked(store.log_fetch, self.db, self._run(run, source), message.get("url") or "?",
                          message.get("outcome") or "error", message.get("http_status"), message.get("reason"))
            self.counts["outcomes"] += 1
        elif kind == "run_end":
            for name, status in (message.get("status") or {}).items():
                run_id = self._run(run, name or None)
                _retry_locked(store.finish_run, self.db, run_id, "ok" if status == "ok" else "failed",
                              None if status == "ok" else "nothing could be fetched")
                self.runs.pop((run, name or None), None)
        else:
            raise ValueError(f"unknown message type {kind!r}")

    # --- batches ----------------------------------------------------------------------------------
    def flush(self) -> None:
        """Extract the stored articles waiting, then notify."""
        if self.pending:
            from crawler.runner import run_extraction

            done = run_extraction(self.db_path, list(dict.fromkeys(self.pending)), self.workers)
            self.counts["extracted"] += done["extracted"]
            self.counts["extraction_errors"] += done["extraction_errors"]
            self.pending = []
            if self.notify_url:
                from crawler.runner import _notify

                _notify(self.db_path, self.notify_url)

    def loop(self, until_idle: bool = False, idle_seconds: float = 2.0) -> None:
        idle_since = None
        while not self.stopping:
            got = self.inbox.take(timeout=1)
            if got is None:
                self.flush()
                idle_since = idle_since or time.monotonic()
                if until_idle and self.inbox.pending() == 0 and time.monotonic() - idle_since >= idle_seconds:
                    break
                continue
            idle_since = None
            raw, message = got
            if message is None:
                self.counts["bad_messages"] += 1
                print(f"vnpolicy ingest: skipped a message that is not JSON: {raw[:80]!r}", file=sys.stderr)
            else:
                try:
                    self.handle(message)
                except Exception as exc:  # one bad message is reported and acknowledged; the rest go on
                    self.counts["bad_messages"] += 1
                    print(f"vnpolicy ingest: could not store a {message.get('type')} message "
                          f"({message.get('fetched_url') or message.get('url') or '?'}): "
                          f"{type(exc).__name__}: {exc}", file=sys.stderr)
            self.inbox.ack(raw)  # after the commit: a kill before this line re-delivers the message
            if len(self.pending) >= BATCH:
                self.flush()
        self.flush()

    def close(self) -> None:
        self.db.close()
        self.inbox.close()


def run(args) -> int:
    from crawler.redisqueue import QueueError

    try:
        ingester = Ingester(args.redis, args.db, extract=args.extract, notify_url=args.notify,
                            workers=args.workers)
        ingester.start()
    except QueueError as exc:
        print(f"vnpolicy ingest: {exc}", file=sys.stderr)
        return 1

    def stop(signum, frame):  # finish the message in hand, then leave
        ingester.stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        ingester.loop(until_idle=args.until_idle, idle_seconds=args.idle_seconds)
    except QueueError as exc:
        print(f"vnpolicy ingest: {exc}", file=sys.stderr)
        return 1
    finally:
        ingester.close()
    c = ingester.counts
    print(f"ingest finished -> {args.db}")
    print(f"  stored {c['stored']}, duplicates {c['duplicate']}, delivered again (already stored) "
          f"{c['already_stored']}, fetch outcomes logged {c['outcomes']}, bad messages {c['bad_messages']}")
    print(f"  put back from a stopped ingester: {c['recovered']}; URLs seeded into Redis: {c['seeded']}; "
          f"extracted: {c['extracted']}" + (f" (errors: {c['extraction_errors']})" if c["extraction_errors"] else ""))
    return 0
