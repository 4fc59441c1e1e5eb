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

import settings as project
import store
from crawler import sources as catalog
from crawler.settings import scrapy_settings

log = logging.getLogger(__name__)


def build_entries(source_rows: list[dict], urls: list[str] | None) -> list[dict]:
    entries = [e for row in source_rows for e in catalog.entries(row)]
    entries += [{"url": u, "kind": "auto", "source": None} for u in urls or []]
    return entries


def crawl(db_path: str | Path, sources: list[dict] | None = None, urls: list[str] | None = None,
          redis_url: str | None = None, extract: bool = True, notify_url: str | None = None,
          max_pages: int | None = None, overrides: dict[str, Any] | None = None,
          workers: int | None = None) -> dict[str, Any]:
    """Crawl catalog rows (``sources``) and/or ad-hoc ``urls`` into ``db_path``; returns a summary.

    Summary keys: outcomes (count per fetch outcome), responses (good responses), new_articles,
    extracted, extraction_errors, extraction_failed (over the time budget or failing: stored as failed
    with the reason), notify, ok (something could be fetched).
    """
    import warnings

    from scrapy.crawler import CrawlerProcess
    from scrapy.exceptions import ScrapyDeprecationWarning

    from crawler.spiders.news import NewsSpider

    # scrapy-redis 0.9.1 predates Scrapy 2.13's API changes; its deprecation noise is not the operator's problem.
    warnings.filterwarnings("ignore", category=ScrapyDeprecationWarning, module="scrapy_redis")
    db_path = str(db_path)
    store.connect(db_path).close()  # migrations run once, before Scrapy starts
    rows = sources or []
    entries = build_entries(rows, urls)
    if not entries:
        raise ValueError("nothing to crawl: give sources or URLs")
    conf = {row["name"]: row for row in rows}
    process = CrawlerProcess(scrapy_settings(redis_url=redis_url, **(overrides or {})))
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler, entries=entries, db_path=db_path,
                  max_pages=max_pages or int(project.get("max_pages")), sources=conf,
                  shared_frontier=bool(redis_url))
    process.start()

    stats = crawler.stats.get_stats() if crawler.stats else {}
    spider = crawler.spider
    outcomes = {k.split("/", 2)[2]: v for k, v in stats.items() if k.startswith("vnpolicy/outcome/")}
    summary: dict[str, Any] = {
        "outcomes": dict(sorted(outcomes.items())),
        "known_skipped": stats.get("vnpolicy/known_skipped", 0),
        "bad_feed_items": stats.get("vnpolicy/bad_feed_items", 0),
        "pages": {k.split("/", 2)[2]: v for k, v in stats.items() if k.startswith("vnpolicy/pages/")},
        "responses": sum(getattr(spider, "good_responses", {}).values()),
        "new_articles": list(getattr(spider, "new_articles", [])),
        "extracted": 0,
        "extraction_errors": 0,
        "extraction_failed": 0,
        "finish_reason": stats.get("finish_reason"),
    }
    # Exit 1 only when requests were made and none was answered; a run with everything known is fine.
    summary["ok"] = summary["responses"] > 0 or not summary["outcomes"]
    if extract:
        # New articles, and any a killed run stored but never extracted.
        pending = list(dict.fromkeys(summary["new_articles"] + store.unextracted_ids(store.connect(db_path))))
        if pending:
            summary.update(run_extraction(db_path, pending, workers))
    if notify_url:
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
