"""Item pipeline: every article and every URL outcome written through store as it arrives.

Each article is committed when it arrives, so a crash or kill mid-crawl loses
nothing already fetched; the next run skips the stored URLs.  Feed validators
(ETag / Last-Modified) are written only when the run closes: a feed answered 304
next time must not hide articles this run never got to store.
"""
from __future__ import annotations

import logging
import sqlite3
import sys
import time

import store

log = logging.getLogger(__name__)
LOCK_RETRIES = 6
# Outcomes that mean a URL gave nothing; each is shown to the operator with its reason.
FAILED = {"error", "http_error", "parse_error", "blocked", "robots"}
PROGRESS_EVERY = 100  # a progress line on stderr every this many new articles


def _retry_locked(fn, *args, **kwargs):
    """Call a store function again when SQLite says "database is locked".

    Two crawl processes (``--redis``) write one file; a deferred transaction that
    read before another process committed fails at once with SQLITE_BUSY (no busy
    wait applies), and was rolled back — so trying again is safe.
    """
    for attempt in range(LOCK_RETRIES):
        try:
            return fn(*args, **kwargs)
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == LOCK_RETRIES - 1:
                raise
            time.sleep(0.05 * 2 ** attempt)


class StorePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.db = None
        self.runs: dict[str | None, int] = {}
        self.pending_validators: dict[str, dict] = {}
        self.logged: dict[str | None, int] = {}
        self.lost: dict[str | None, int] = {}  # items that could not be stored, per source
        self.lost_error: dict[str | None, str] = {}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        spider = spider or self.crawler.spider
        self.db = store.connect(spider.db_path)
        names = {e.get("source") for e in spider.entries} or {None}
        for name in sorted(names, key=lambda n: n or ""):
            conf = spider.source_conf.get(name or "")
            if conf:
                _retry_locked(store.upsert_source, self.db, {
                    "name": name, "province": conf.get("province"), "homepage": conf.get("homepage"),
                    "family": conf.get("family"), "config": conf, "enabled": 1 if conf.get("enabled", True) else 0})
            self.runs[name] = _retry_locked(store.start_run, self.db, name)
        spider.run_ids = dict(self.runs)

    def _run(self, source):
        self.logged[source] = self.logged.get(source, 0) + 1
        if source not in self.runs:
            self.runs[source] = _retry_locked(store.start_run, self.db, source)
        return self.runs[source]

    def process_item(self, item, spider=None):
        spider = spider or self.crawler.spider
        stats = self.crawler.stats
        try:
            if item.get("_type") == "article":
                self._article(item, spider)
            elif item.get("outcome") == "discovered":
                if item.get("validators"):
                    self.pending_validators[item["url"]] = item["validators"]
            else:
                _retry_locked(store.log_fetch, self.db, self._run(item.get("source")), item["url"], item["outcome"],
                              item.get("http_status"), item.get("reason"))
                stats.inc_value(f"vnpolicy/outcome/{item['outcome']}")
                if item["outcome"] in FAILED:
                    spider.failures.append((item["url"], item["outcome"], item.get("http_status"), item.get("reason")))
                if spider.frontier is not None:  # a failed article may be tried again, by anyone
                    spider.frontier.release(item.get("claim_url") or item["url"])
        except Exception as exc:  # a storage error on one item is recorded; the crawl goes on
            log.error("could not store %s: %s", item.get("url") or item.get("fetched_url"), exc)
            stats.inc_value("vnpolicy/outcome/error")
            stats.inc_value("vnpolicy/lost")
            source = item.get("source")
            self.lost[source] = self.lost.get(source, 0) + 1
            self.lost_error.setdefault(source, f"{type(exc).__name__}: {exc}")
            try:
                store.log_fetch(self.db, self._run(item.get("source")),
                                item.get("url") or item.get("fetched_url") or "?", "error", None,
                                f"storage error: {type(exc).__name__}: {exc}")
            except Exception:
                pass
        return {"url": item.get("url") or item.get("fetched_url"), "_type": item.get("_type")}

    def _article(self, item, spider):
        row = article_row(item)
        fetched, canonical = row["url"], item["article"].get("url")
        article_id, outcome, dup_of = _retry_locked(store.save_article, self.db, row, raw_html=item.get("raw_html"),
                                                    source=item.get("source"))
        reason = f"duplicate of article {dup_of}" if dup_of else None
        _retry_locked(store.log_fetch, self.db, self._run(item.get("source")), fetched, outcome,
                      item.get("http_status"), reason)
        self.crawler.stats.inc_value(f"vnpolicy/outcome/{outcome}")
        if spider.frontier is not None:  # other crawlers sharing this Redis now know it
            spider.frontier.push(None, seen=[fetched, canonical, item.get("requested_url")],
                                 release=[item.get("claim_url"), fetched])
        if outcome == "stored":
            spider.new_articles.append(article_id)
            if len(spider.new_articles) % PROGRESS_EVERY == 0:
                print(f"  … {len(spider.new_articles)} new articles stored", file=sys.stderr, flush=True)

    def close_spider(self, spider=None):
        spider = spider or self.crawler.spider
        for url, v in self.pending_validators.items():
            try:
                _retry_locked(store.set_validators, self.db, url, v.get("etag"), v.get("last_modified"))
            except Exception:
                log.exception("could not save validators of %s", url)
        for source, run_id in self.runs.items():
            # Failed = requests were made and none got an answer, or something could not be stored.
            ok = spider.good_responses.get(source, 0) > 0 or self.logged.get(source, 0) == 0
            lost = self.lost.get(source, 0)
            error = None if ok else "nothing could be fetched"
            if lost:
                error = f"{lost} item(s) could not be stored: {self.lost_error.get(source)}"
            try:
                _retry_locked(store.finish_run, self.db, run_id, "ok" if ok and not lost else "failed", error,
                              {"lost_storage": lost})
            except Exception as exc:  # e.g. a full disk: the runner closes the run, or the next crawl does
                log.error("could not close run %s: %s", run_id, exc)
        self.db.close()


def article_row(item: dict) -> dict:
    """The articles row of a fetched page (a spider item or a queue message): stored under the URL
    it was fetched at, with the page's canonical URL beside it."""
    art = dict(item["article"])
    canonical = art.pop("url")
    art.pop("family", None)
    art.pop("encoding", None)
    captions = art.pop("captions", [])
    fetched = item["fetched_url"]
    return {**art, "url": fetched, "canonical_url": canonical if canonical != fetched else None,
            "captions": captions, "site": _host(fetched)}


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc.lower()


class QueuePipeline:
    """Crawler machines without a database: every article and outcome goes to the Redis queue.

    The ingester (`vnpolicy ingest`) stores them.  An article is queued, marked seen and its claim
    dropped in one Redis transaction, so a crawler killed at any point loses nothing: what it
    queued is queued, what it had not is fetched by the next crawler.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.frontier = None
        self.run = None
        self.pending_validators: dict[str, dict] = {}
        self.logged: dict[str | None, int] = {}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        from crawler.redisqueue import QUEUE

        spider = spider or self.crawler.spider
        self.frontier = spider.frontier
        self.run = self.frontier.owner
        names = sorted({e.get("source") for e in spider.entries} or {None}, key=lambda n: n or "")
        self.frontier.push({"type": "run_start", "run": self.run, "started": store.now(),
                            "sources": {n or "": spider.source_conf.get(n or "") for n in names}})
        log.info("queue-only crawl %s -> %s", self.run, QUEUE)

    def process_item(self, item, spider=None):
        from crawler.redisqueue import encode_html

        spider = spider or self.crawler.spider
        stats = self.crawler.stats
        source = item.get("source")
        if item.get("_type") == "article":
            art = item["article"]
            message = {"type": "article", "run": self.run, "source": source, "article": art,
                       "fetched_url": item["fetched_url"], "requested_url": item.get("requested_url"),
                       "http_status": item.get("http_status"), "fetched": store.now(),
                       "raw_html": encode_html(item.get("raw_html"))}
            self.frontier.push(message, seen=[item["fetched_url"], art.get("url"), item.get("requested_url")],
                               release=[item.get("claim_url"), item["fetched_url"]])
            stats.inc_value("vnpolicy/outcome/queued")
            spider.queued = getattr(spider, "queued", 0) + 1
        elif item.get("outcome") == "discovered":
            if item.get("validators"):
                self.pending_validators[item["url"]] = item["validators"]
        else:
            self.logged[source] = self.logged.get(source, 0) + 1
            self.frontier.push({"type": "outcome", "run": self.run, "source": source, "url": item["url"],
                                "outcome": item["outcome"], "http_status": item.get("http_status"),
                                "reason": item.get("reason")}, release=[item.get("claim_url") or item["url"]])
            stats.inc_value(f"vnpolicy/outcome/{item['outcome']}")
            if item["outcome"] in FAILED:
                spider.failures.append((item["url"], item["outcome"], item.get("http_status"), item.get("reason")))
        return {"url": item.get("url") or item.get("fetched_url"), "_type": item.get("_type")}

    def close_spider(self, spider=None):
        spider = spider or self.crawler.spider
        for url, v in self.pending_validators.items():
            self.frontier.set_validators(url, v.get("etag"), v.get("last_modified"))
        names = {e.get("source") for e in spider.entries} or {None}
        status = {n or "": ("ok" if spider.good_responses.get(n, 0) > 0 or self.logged.get(n, 0) == 0
                            else "failed") for n in names}
        self.frontier.push({"type": "run_end", "run": self.run, "status": status, "finished": store.now()})
