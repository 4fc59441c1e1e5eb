"""Run one crawl in this process: entries -> Scrapy -> store -> extraction -> notification.

Twisted's reactor cannot be restarted, so `crawl()` runs once per process;
callers that crawl repeatedly (the scheduler, tests) run `vnpolicy crawl` as a
child process.  Extraction runs after the crawl over the articles this run
stored (so a slow NLP step never holds a download slot, and every fetched page
is already committed if extraction fails).
"""
from __future__ import annotations

import logging
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


def crawl(db_path: str | Path | None, sources: list[dict] | None = None, urls: list[str] | None = None,
          redis_url: str | None = None, extract: bool = True, notify_url: str | None = None,
          max_pages: int | None = None, overrides: dict[str, Any] | None = None,
          workers: int | None = None, since: str | None = None, queue_only: bool = False) -> dict[str, Any]:
    """Crawl catalog rows (``sources``) and/or ad-hoc ``urls`` into ``db_path``; returns a summary.

    With ``queue_only`` (needs ``redis_url``) there is no database: articles and outcomes go to the
    Redis queue for `vnpolicy ingest`, and nothing is extracted here.

    Summary keys: outcomes (count per fetch outcome), responses (good responses), new_articles,
    extracted, extraction_errors, notify, ok (something could be fetched).
    """
    from scrapy.crawler import CrawlerProcess

    from crawler.spiders.news import NewsSpider

    if queue_only and not redis_url:
        raise ValueError("--queue-only needs --redis URL")
    if redis_url:
        from crawler.redisqueue import connect

        connect(redis_url).close()  # fail now, with a clear message, if Redis cannot be reached
    db_path = None if queue_only else str(db_path)
    if db_path:
        store.connect(db_path).close()  # migrations run once, before Scrapy starts
    rows = sources or []
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
    process.start()

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
        "finish_reason": stats.get("finish_reason"),
    }
    # Exit 1 only when requests were made and none was answered; a run with everything known is fine.
    summary["ok"] = summary["responses"] > 0 or not summary["outcomes"]
    if extract and db_path:
        # New articles, and any a killed run stored but never extracted.
        pending = list(dict.fromkeys(summary["new_articles"] + store.unextracted_ids(store.connect(db_path))))
        if pending:
            summary.update(run_extraction(db_path, pending, workers))
    if notify_url and db_path:
        summary["notify"] = _notify(db_path, notify_url)
    return summary


def run_extraction(db_path: str, article_ids: list[int], workers: int | None = None) -> dict[str, int]:
    """nlp.extract over the new articles; one bad article is counted, never fatal."""
    import nlp
    from crawler.pipelines import _retry_locked

    db = store.connect(db_path)
    articles = [a for a in (store.get_article(db, i) for i in article_ids) if a and not a.get("duplicate_of")]
    batch = [{"id": a.get("ext_id") or str(a["id"]), "url": a["url"], "title": a["title"],
              "published": a["published"], "text": a["text"] or "", "_article_id": a["id"]} for a in articles]
    done = errors = 0
    pending = list(batch)
    try:
        results = nlp.extract_many([{k: v for k, v in b.items() if k != "_article_id"} for b in batch],
                                   workers=workers or int(project.get("workers")))
        for item, extraction in zip(batch, results, strict=False):
            pending.pop(0)
            try:
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
    return {"extracted": done, "extraction_errors": errors}


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
