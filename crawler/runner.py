"""Run one crawl in this process: entries -> Scrapy -> store -> extraction -> notification.

Twisted's reactor cannot be restarted, so `crawl()` runs once per process;
callers that crawl repeatedly (the scheduler, tests) run `vnpolicy crawl` as a
child process.  Extraction runs after the crawl over the articles this run
stored (so a slow NLP step never holds a download slot, and every fetched page
is already committed if extraction fails).
"""
from __future__ import annotations

import contextlib
import logging
import signal
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import settings as project
import store
from crawler import sources as catalog
from crawler.settings import scrapy_settings

log = logging.getLogger(__name__)


# Scrapy logs each failed download with a traceback; the crawl reports every failed URL itself,
# one line with its reason, so these loggers only speak when something is really wrong.
QUIET_LOGGERS = ("scrapy.downloadermiddlewares.retry", "scrapy.downloadermiddlewares.robotstxt",
                 "scrapy.core.downloader.handlers.http11")


def build_entries(source_rows: list[dict], urls: list[str] | None) -> list[dict]:
    """Discovery entries of catalog rows, then ad-hoc URLs, each filed under its host as a source."""
    entries = [e for row in source_rows for e in catalog.entries(row)]
    entries += [{"url": u, "kind": "auto", "source": adhoc_source(u)["name"]} for u in urls or []]
    return entries


def adhoc_source(url: str) -> dict:
    """The `sources` row of an ad-hoc URL's host, so `vnpolicy status` shows what `crawl --url` did."""
    parts = urlsplit(url)
    host = parts.netloc.lower()
    return {"name": host, "homepage": f"{parts.scheme}://{host}/", "adhoc": True, "enabled": True}


STOP_GRACE = 5.0  # seconds the crawl gets after SIGTERM/SIGINT to close cleanly before it is cut


class Interrupted(BaseException):
    """SIGTERM or SIGINT arrived; a BaseException so no `except Exception` swallows it."""

    def __init__(self, signum: int):
        super().__init__(f"interrupted by {signal.Signals(signum).name}")
        self.signum = signum


class _Stop:
    """Signal handling for one crawl process (Scrapy's own handlers are not installed).

    While Scrapy runs, the first signal asks it to stop (the article in hand is stored,
    queued requests are abandoned and counted) and arms a timer that stops the reactor
    after STOP_GRACE seconds whatever is still pending; a second signal stops it at
    once.  Afterwards (extraction, notification) a signal raises `Interrupted`.
    """

    def __init__(self, process):
        self.process = process
        self.signum: int | None = None
        self.in_reactor = True
        self.previous = {}

    def install(self) -> None:
        for sig in (signal.SIGTERM, signal.SIGINT):
            self.previous[sig] = signal.signal(sig, self.handle)

    def restore(self) -> None:
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)

    def handle(self, signum, frame) -> None:  # noqa: ARG002 - signal handler signature
        from twisted.internet import reactor

        first = self.signum is None
        self.signum = signum
        if not self.in_reactor:
            raise Interrupted(signum)
        if first:
            reactor.callFromThread(self._graceful)
        else:
            reactor.callFromThread(self._cut)

    def _graceful(self) -> None:
        from twisted.internet import reactor

        print(f"vnpolicy crawl: {signal.Signals(self.signum).name}: stopping (at most {STOP_GRACE:g} s)",
              file=sys.stderr, flush=True)
        for crawler in list(self.process.crawlers):
            crawler.vnpolicy_interrupted = signal.Signals(self.signum).name
        self.process.stop()
        reactor.callLater(STOP_GRACE, self._cut)

    def _cut(self) -> None:
        from twisted.internet import reactor

        with contextlib.suppress(RuntimeError):
            reactor.stop()


def crawl(db_path: str | Path | None, sources: list[dict] | None = None, urls: list[str] | None = None,
          redis_url: str | None = None, extract: bool = True, notify_url: str | None = None,
          max_pages: int | None = None, overrides: dict[str, Any] | None = None,
          workers: int | None = None, since: str | None = None, queue_only: bool = False) -> dict[str, Any]:
    """Crawl catalog rows (``sources``) and/or ad-hoc ``urls`` into ``db_path``; returns a summary.

    With ``queue_only`` (needs ``redis_url``) there is no database: articles and outcomes go to the
    Redis queue for `vnpolicy ingest`, and nothing is extracted here.

    Summary keys: outcomes (count per fetch outcome), responses (good responses), new_articles,
    failures, extracted, extraction_errors, extraction_failed (over the time budget or failing: stored
    as failed with the reason), notify, ok (something could be fetched), status (ok,
    failed, interrupted, skipped), lost (items that could not be stored), signal (the signal that
    stopped it), locked (sources skipped because another crawl of them is running).
    """
    if queue_only and not redis_url:
        raise ValueError("--queue-only needs --redis URL")
    if redis_url:
        from crawler.redisqueue import connect

        connect(redis_url).close()  # fail now, with a clear message, if Redis cannot be reached
    rows = sources or []
    if queue_only:  # no database here: Redis's seen set and leases keep crawlers apart
        summary = _crawl(None, rows, urls, redis_url, False, None, max_pages, overrides, workers, since, True)
        summary["locked"] = []
        return summary
    db_path = str(db_path)
    db = store.connect(db_path, require_write=True)  # migrations run once, before Scrapy starts
    try:
        store.close_dead_runs(db)
    finally:
        db.close()
    keys = {row["name"]: row for row in rows}
    url_keys = {u: f"host:{urlsplit(u).netloc.lower()}" for u in urls or []}
    # One crawl per source at a time: a second crawl skips what another process is crawling.
    # With --redis several processes share one frontier on purpose: Redis dedups their URLs.
    lock_keys = [] if redis_url else list(keys) + list(url_keys.values())
    with store.crawl_locks(db_path, lock_keys) as (held, busy):
        for key in busy:
            print(f"vnpolicy crawl: {key}: another crawl of this source is running on {db_path}; skipped",
                  file=sys.stderr, flush=True)
        rows = [r for r in rows if r["name"] not in busy]
        urls = [u for u in urls or [] if url_keys[u] not in busy]
        if busy and not rows and not urls:
            return {"outcomes": {}, "known_skipped": 0, "bad_feed_items": 0, "pages": {}, "responses": 0,
                    "new_articles": [], "failures": [], "extracted": 0, "extraction_errors": 0,
                    "finish_reason": None, "ok": True, "status": "skipped", "lost": 0, "signal": None,
                    "locked": busy}
        summary = _crawl(db_path, rows, urls, redis_url, extract, notify_url, max_pages, overrides, workers,
                         since, False)
        summary["locked"] = busy
        return summary


def _crawl(db_path, rows, urls, redis_url, extract, notify_url, max_pages, overrides, workers, since,
           queue_only) -> dict[str, Any]:
    from scrapy.crawler import CrawlerProcess

    from crawler.spiders.news import NewsSpider

    entries = build_entries(rows, urls)
    if not entries:
        raise ValueError("nothing to crawl: give sources or URLs")
    conf = {row["name"]: row for row in rows}
    for u in urls or []:
        conf.setdefault(adhoc_source(u)["name"], adhoc_source(u))
    process = CrawlerProcess(scrapy_settings(queue_only=queue_only, **(overrides or {})))
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler, entries=entries, db_path=db_path,
                  max_pages=int(project.get("max_pages")) if max_pages is None else max_pages, sources=conf,
                  since=since, redis_url=redis_url)
    stop = _Stop(process)
    stop.install()
    try:
        process.start(install_signal_handlers=False)
        stop.in_reactor = False
        if stop.signum is not None:
            raise Interrupted(stop.signum)
        stats = crawler.stats.get_stats() if crawler.stats else {}
        spider = crawler.spider
        outcomes = {k.split("/", 2)[2]: v for k, v in stats.items() if k.startswith("vnpolicy/outcome/")}
        summary: dict[str, Any] = {
            "outcomes": dict(sorted(outcomes.items())),
            "known_skipped": stats.get("vnpolicy/known_skipped", 0),
            "claimed_elsewhere": stats.get("vnpolicy/claimed_elsewhere", 0),
            "bad_feed_items": stats.get("vnpolicy/bad_feed_items", 0),
            "pages": {k.split("/", 2)[2]: v for k, v in stats.items() if k.startswith("vnpolicy/pages/")},
            "responses": sum(getattr(spider, "good_responses", {}).values()),
            "new_articles": list(getattr(spider, "new_articles", [])),
            "failures": list(getattr(spider, "failures", [])),
            "queued": getattr(spider, "queued", 0),
            "extracted": 0,
            "extraction_errors": 0,
            "extraction_failed": 0,
            "finish_reason": stats.get("finish_reason"),
            "lost": stats.get("vnpolicy/lost", 0),
            "signal": None,
        }
        # Exit 1 only when requests were made and none was answered; a run with everything known is fine.
        summary["ok"] = (summary["responses"] > 0 or not summary["outcomes"]) and not summary["lost"]
        if db_path is None:
            summary["status"] = "ok" if summary["ok"] else "failed"
            return summary
        summary["status"] = _close_runs(db_path, crawler, "ok" if summary["ok"] else "failed")
        if extract:
            # New articles, and any a killed run stored but never extracted.
            with contextlib.closing(store.connect(db_path)) as db:
                pending = list(dict.fromkeys(summary["new_articles"] + store.unextracted_ids(db)))
            if pending:
                summary.update(run_extraction(db_path, pending, workers))
        if notify_url:
            summary["notify"] = _notify(db_path, notify_url)
        return summary
    except Interrupted as exc:
        stop.in_reactor = False
        name = signal.Signals(exc.signum).name
        stats = crawler.stats.get_stats() if crawler.stats else {}
        lost = {"unfetched": max(0, stats.get("scheduler/enqueued", 0) - stats.get("response_received_count", 0)
                                 - stats.get("downloader/exception_count", 0)),
                "lost_storage": stats.get("vnpolicy/lost", 0),
                "unextracted": _count_unextracted(db_path) if extract and db_path else 0}
        if db_path is not None:
            _close_runs(db_path, crawler, "interrupted", f"interrupted by {name}", lost, force=True)
        outcomes = {k.split("/", 2)[2]: v for k, v in stats.items() if k.startswith("vnpolicy/outcome/")}
        return {"outcomes": dict(sorted(outcomes.items())), "known_skipped": stats.get("vnpolicy/known_skipped", 0),
                "bad_feed_items": 0, "pages": {}, "responses": 0,
                "new_articles": list(getattr(crawler.spider, "new_articles", []) or []),
                "failures": list(getattr(crawler.spider, "failures", []) or []), "extracted": 0,
                "extraction_errors": 0, "finish_reason": "interrupted", "ok": False, "status": "interrupted",
                "lost": stats.get("vnpolicy/lost", 0), "signal": exc.signum, **lost}
    finally:
        stop.restore()


def _count_unextracted(db_path: str) -> int:
    try:
        with contextlib.closing(store.connect(db_path)) as db:
            return len(store.unextracted_ids(db))
    except Exception:
        return 0


def _close_runs(db_path: str, crawler, status: str, error: str | None = None,
                lost: dict[str, int] | None = None, force: bool = False) -> str:
    """Make sure no run of this crawl stays `running`; returns the crawl's overall status.

    The item pipeline closes its runs when Scrapy closes the spider; a run it could not
    close (the reactor was cut, the disk was full) is closed here.  ``force`` rewrites
    even closed runs (an interruption during extraction).
    """
    run_ids = getattr(getattr(crawler, "spider", None), "run_ids", None) or {}
    worst = status
    try:
        with contextlib.closing(store.connect(db_path)) as db:
            for run_id in run_ids.values():
                current = store.run_status(db, run_id)
                if current == "running" or force:
                    store.finish_run(db, run_id, status, error or f"the crawl ended without closing this run "
                                     f"({getattr(crawler, 'vnpolicy_interrupted', None) or 'reactor stopped'})",
                                     lost)
                    current = status
                if current in ("failed", "interrupted") and worst == "ok":
                    worst = current
    except Exception as exc:  # a full disk: the next crawl closes these runs (store.close_dead_runs)
        log.error("could not close the crawl's runs: %s", exc)
        return "failed"
    return worst


def run_extraction(db_path: str, article_ids: list[int], workers: int | None = None) -> dict[str, int]:
    """nlp.extract over the new articles; one bad article is counted, never fatal."""
    import nlp
    from crawler.pipelines import _retry_locked

    db = store.connect(db_path)
    articles = [a for a in (store.get_article(db, i) for i in article_ids) if a and not a.get("duplicate_of")]
    batch = [{"id": a.get("ext_id") or str(a["id"]), "url": a["url"], "title": a["title"],
              "published": a["published"], "text": a["text"] or "", "_article_id": a["id"]} for a in articles]
    done = errors = failed = 0
    pending = list(batch)
    try:
        # errors="return": an article over its time budget (or failing) comes back as {"error": ...};
        # it is stored as failed with the reason, and later runs do not pick it again.
        results = nlp.extract_many([{k: v for k, v in b.items() if k != "_article_id"} for b in batch],
                                   workers=workers or int(project.get("workers")), errors="return")
        for item, extraction in zip(batch, results, strict=False):
            pending.pop(0)
            try:
                if extraction.get("error"):
                    failed += 1
                    log.warning("extraction of %s failed: %s", item["url"], extraction["error"])
                    _retry_locked(store.save_extraction_failure, db, item["_article_id"], extraction["error"],
                                  extraction.get("pipeline_version"))
                    continue
                _retry_locked(store.save_extraction, db, item["_article_id"], extraction)
                done += 1
            except Exception as exc:
                errors += 1
                log.warning("could not save extraction of %s: %s", item["url"], exc)
    except Exception as exc:  # one bad article broke the batch: go on one by one
        log.warning("batch extraction failed (%s); extracting the rest one by one", exc)
        for item in pending:
            try:
                extraction = nlp.extract({k: v for k, v in item.items() if k != "_article_id"})
                _retry_locked(store.save_extraction, db, item["_article_id"], extraction)
                done += 1
            except Exception as exc2:  # the page is stored; `vnpolicy reprocess` can retry it
                errors += 1
                log.warning("could not extract %s: %s", item["url"], exc2)
    db.close()
    return {"extracted": done, "extraction_errors": errors, "extraction_failed": failed}


def _notify(db_path: str, notify_url: str) -> dict:
    try:
        from monitor.notify import after_crawl
    except ImportError as exc:
        return {"error": f"notifications unavailable: {exc}"}
    db = store.connect(db_path)
    try:
        return after_crawl(db, notify_url)
    except Exception as exc:  # delivery problems stay in the outbox; the crawl itself succeeded
        return {"error": f"{type(exc).__name__}: {exc}"}
    finally:
        db.close()
