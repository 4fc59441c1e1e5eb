"""The one spider: entries in, article pages out, every URL's outcome reported.

Sites differ only by configuration (family, selectors), so one generic spider
serves every source; its callbacks follow the discovery kinds (feed, sitemap,
listing, article).  The spider parses (crawler.parse / crawler.discovery are pure
functions) and yields items; only the pipeline writes.  It reads the database
for two things that must happen *before* a request: is this article URL already
known (then it is never requested again), and which validators does this feed
have (conditional GET).
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError

import store
from crawler import discovery, families
from crawler.parse import Rejection, blocked_marker, canonical_url, decode, parse_article

DISCOVERY_STATUSES = [304]
REDIRECTS = [301, 302, 303, 307, 308]
MAX_HOPS = 5
# Backfill without an operator limit still ends: a listing that yields "new" links forever (a
# calendar, a broken pager) stops after this many pages.
MAX_BACKFILL_PAGES = 1000


def outcome_item(url: str, outcome: str, source: str | None, status: int | None = None,
                 reason: str | None = None, **extra) -> dict[str, Any]:
    return {"_type": "outcome", "url": url, "outcome": outcome, "source": source, "http_status": status,
            "reason": reason, **extra}


# Network failures in words an operator reads at once (the exception's own text follows).
_PLAIN = [("ConnectionRefused", "connection refused"), ("DNSLookup", "host not found (DNS lookup failed)"),
          ("NoRouteError", "no route to host"), ("ConnectionLost", "connection lost"),
          ("ResponseNeverReceived", "no response received"), ("TCPTimedOut", "timeout (TCP connect)"),
          ("SSL", "TLS handshake failed")]


def _plain_reason(name: str, msg: str) -> str | None:
    for key, words in _PLAIN:
        if key.lower() in name.lower():
            detail = msg.split(": ", 1)[-1].strip().rstrip(".")
            if not detail or words.split()[0] in detail.lower():
                return words
            return f"{words}: {detail}"[:500]
    return None


class NewsSpider(scrapy.Spider):
    name = "vnpolicy"

    def __init__(self, entries: list[dict], db_path: str | None, max_pages: int = 0,
                 sources: dict[str, dict] | None = None,
                 since: str | None = None, redis_url: str | None = None, **kwargs):
        super().__init__(**kwargs)
        # With Redis, the seen set and the claims there keep several crawlers from fetching an
        # article twice; without a database (queue-only) they are the only memory.
        self.redis_url = redis_url
        self.frontier = None
        self._beat = None
        self.entries = entries
        self.db_path = str(db_path) if db_path else None
        # 0: follow listing pagination until a page yields nothing new (backfill); N: at most N pages.
        self.max_pages = max(0, int(max_pages or 0))
        self.since = since  # "YYYY-MM-DD": links dated before it are not requested, listings stop there
        self.requested: set[str] = set()  # article URLs requested by this run
        self.source_conf = sources or {}
        self.good_responses: dict[str | None, int] = {}
        self.new_articles: list[int] = []
        self.failures: list[tuple] = []  # (url, outcome, http status, reason) of every failed URL
        self._db = None

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.redis_url:
            from crawler.redisqueue import DEFAULT_LEASE, Frontier

            lease = crawler.settings.getint("VNPOLICY_LEASE_SECONDS", DEFAULT_LEASE)
            spider.frontier = Frontier(spider.redis_url, lease)
        return spider

    # --- helpers -------------------------------------------------------------------------------
    @property
    def db(self):
        if self._db is None:
            self._db = store.connect(self.db_path)
        return self._db

    def family_for(self, source: str | None, url: str) -> dict:
        conf = self.source_conf.get(source or "", {})
        name = conf.get("family") or families.detect(url) or "generic"
        row = families.get(name, conf.get("selectors"))
        if conf.get("api"):
            row["api"] = conf["api"]
        return row

    def known(self, url: str) -> bool:
        """Whether an article URL was stored (or, with a queue, fetched) before: then it is never requested."""
        if self.frontier is not None and self.frontier.known(url):
            return True
        return bool(self.db_path) and store.known_url(self.db, url)

    def is_new(self, url: str) -> bool:
        """A link is new when no earlier run has it; one this run already requested is new too."""
        url = canonical_url(url)
        return url in self.requested or not self.known(url)

    def too_old(self, published: str | None) -> bool:
        return bool(self.since and published and published[:10] < self.since)

    def count(self, key: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(f"vnpolicy/{key}", n)

    def _good(self, response) -> None:
        src = response.meta.get("source")
        self.good_responses[src] = self.good_responses.get(src, 0) + 1

    def discovery_request(self, url: str, kind: str, source: str | None, page: int = 1) -> scrapy.Request:
        headers = {}
        if kind in ("feed", "sitemap", "auto"):
            v = self.frontier.validators(url) if self.frontier is not None and not self.db_path \
                else store.validators(self.db, url)
            if v.get("etag"):
                headers["If-None-Match"] = v["etag"]
            if v.get("last_modified"):
                headers["If-Modified-Since"] = v["last_modified"]
        return scrapy.Request(url, callback=self.parse_entry, errback=self.on_error, headers=headers,
                              dont_filter=True,  # entry pages are read again on every crawl, by every crawler
                              meta={"kind": kind, "source": source, "page": page,
                                    "handle_httpstatus_list": DISCOVERY_STATUSES})

    def article_request(self, url: str, source: str | None, title: str | None = None,
                        published: str | None = None):
        """A request for an article page — or an outcome "skipped" when the URL is already stored."""
        url = canonical_url(url)
        if url in self.requested:
            return None
        if self.known(url):
            self.count("known_skipped")
            return None
        if self.too_old(published):
            self.count("older_than_since")
            return None
        if self.frontier is not None:
            claim = self.frontier.claim(url)
            if claim < 0:
                self.count("known_skipped")
                return None
            if claim == 0:  # another crawler is fetching it right now
                self.count("claimed_elsewhere")
                return None
        self.requested.add(url)
        fam = self.family_for(source, url)
        meta = {"kind": "article", "source": source, "feed_title": title, "feed_published": published}
        if fam.get("api") and fam.get("api_id"):
            import re

            m = re.search(fam["api_id"], urlsplit(url).path)
            if m:
                meta["article_url"] = url
                return scrapy.Request(fam["api"].format(id=m.group(1)), callback=self.parse_api,
                                      errback=self.on_error, meta=meta)
        # Redirects of article pages are followed here, not by RedirectMiddleware: the dupe filter would
        # silently swallow a loop, and each hop must be checked against the known URLs.
        meta.update({"dont_redirect": True, "handle_httpstatus_list": REDIRECTS, "origin_url": url, "hops": []})
        return scrapy.Request(url, callback=self.parse_article_page, errback=self.on_error, meta=meta)

    # --- start -----------------------------------------------------------------------------------
    async def start(self):
        if self.frontier is not None:
            from twisted.internet import task

            self._beat = task.LoopingCall(self.frontier.beat)
            self._beat.start(self.frontier.lease / 3, now=False)
        for entry in self.entries:
            kind = entry.get("kind") or "auto"
            if kind == "article":
                req = self.article_request(entry["url"], entry.get("source"))
                if req is not None:
                    yield req
            elif kind == "auto" and self.known(canonical_url(entry["url"])):
                self.count("known_skipped")  # an ad-hoc article URL stored by an earlier run
            else:
                yield self.discovery_request(entry["url"], kind, entry.get("source"))

    # --- callbacks -------------------------------------------------------------------------------
    def parse_entry(self, response):
        meta = response.meta
        source = meta.get("source")
        if response.status == 304:
            self._good(response)
            yield outcome_item(response.url, "not_modified", source, 304)
            return
        body = response.body
        ctype = response.headers.get("Content-Type", b"").decode("latin-1")
        kind = discovery.sniff(body, ctype)
        if kind == "binary":
            yield outcome_item(response.url, "parse_error", source, response.status,
                               f"not a page ({ctype.split(';')[0].strip() or 'binary bytes'})")
            return
        if kind == "json":
            yield outcome_item(response.url, "parse_error", source, response.status,
                               f"not a page ({ctype.split(';')[0].strip() or 'JSON'}): give a feed, sitemap, "
                               "listing or article URL")
            return
        validators = {"etag": response.headers.get("ETag", b"").decode("latin-1") or None,
                      "last_modified": response.headers.get("Last-Modified", b"").decode("latin-1") or None}
        if kind in ("feed", "sitemap", "sitemap_index"):
            self._good(response)
            parsed = (discovery.parse_feed(body, response.url) if kind == "feed"
                      else discovery.parse_sitemap(body, response.url))
            self.count(f"pages/{kind}")
            if parsed.bad_items:
                self.count("bad_feed_items", parsed.bad_items)
            if any(validators.values()):
                yield outcome_item(response.url, "discovered", source, response.status, kind,
                                   validators=validators)
            for sub in parsed.pages:
                yield self.discovery_request(sub, "sitemap", source)
            for link in parsed.articles:
                req = self.article_request(link.url, source, link.title, link.published)
                if req is not None:
                    yield req
            return
        html, _ = decode(body[:200_000], response.headers)
        marker = blocked_marker(html)
        if marker:
            yield outcome_item(response.url, "blocked", source, response.status, marker)
            return
        family = self.family_for(source, response.url)
        if meta.get("kind") in ("auto", "article") and \
                discovery.classify_html(response.url, body, family, response.headers) == "article":
            yield from self._article(response, response.url, source, family)
            return
        yield from self._listing(response, source, family)

    def _listing(self, response, source, family):
        self._good(response)
        yield from self._listing_links(response, source, family)

    def _listing_links(self, response, source, family):
        """Article links of a listing page, then the next page while this one gave something new.

        A first crawl thus backfills the whole section; a later one stops at the first page whose
        links are all known.  The operator's --max-pages and --since end it sooner.
        """
        parsed = discovery.parse_listing(response.body, response.url, family, response.headers)
        self.count("pages/listing")
        new = dated = old = 0
        for link in parsed.articles:
            if link.published and self.since:
                dated += 1
                if self.too_old(link.published):
                    old += 1
                    continue
            if self.is_new(link.url):
                new += 1
            req = self.article_request(link.url, source, link.title, link.published)
            if req is not None:
                yield req
        page = response.meta.get("page", 1)
        if not new:
            self.count("listing_stop/nothing_new")
        elif self.max_pages and page >= self.max_pages:
            self.count("listing_stop/max_pages")
        elif dated and old == dated:
            self.count("listing_stop/since")
        elif page >= MAX_BACKFILL_PAGES:
            self.count("listing_stop/backfill_cap")
        else:
            for nxt in parsed.pages[:1]:
                if canonical_url(nxt) != canonical_url(response.url):
                    yield self.discovery_request(nxt, "listing", source, page + 1)

    def parse_article_page(self, response):
        source = response.meta.get("source")
        if response.status in REDIRECTS:
            yield from self._follow_redirect(response, source)
            return
        yield from self._article(response, response.url, source, self.family_for(source, response.url))

    def _follow_redirect(self, response, source):
        origin = response.meta.get("origin_url", response.url)
        location = response.headers.get("Location", b"").decode("latin-1").strip()
        hops = [*response.meta.get("hops", []), response.url]
        if not location:
            yield outcome_item(origin, "http_error", source, response.status, "redirect without Location")
            return
        target = canonical_url(response.urljoin(location))
        if target in hops or len(hops) > MAX_HOPS:
            yield outcome_item(origin, "error", source, response.status,
                               f"redirect loop: {' -> '.join(hops + [target])}"[:500])
            return
        if self.known(target):
            self.count("known_skipped")
            return
        yield response.request.replace(url=target, dont_filter=True, meta={**response.meta, "hops": hops})

    def _article(self, response, url, source, family):
        result = parse_article(url, response.body, response.headers, family["name"],
                               self.source_conf.get(source or "", {}).get("selectors"))
        claim = response.meta.get("origin_url") or url
        if isinstance(result, Rejection):
            self.count(f"rejected/{result.outcome}")
            yield outcome_item(url, result.outcome, source, response.status, result.reason, claim_url=claim)
            return
        self._good(response)  # only a page that gave an article counts as fetched
        article = result.as_article()
        if not article.get("published") and response.meta.get("feed_published"):
            article["published"] = response.meta["feed_published"]
        yield {"_type": "article", "source": source, "fetched_url": canonical_url(response.url),
               "requested_url": response.request.url if response.request else url,
               "article": article, "raw_html": response.body, "http_status": response.status, "claim_url": claim}

    def parse_api(self, response):
        """moha-style single-page apps: the article is JSON (TieuDe, MoTa, NoiDung, NgayXuatBan)."""
        import json

        source = response.meta.get("source")
        url = response.meta["article_url"]
        try:
            data = json.loads(response.text).get("data") or {}
        except (ValueError, AttributeError) as exc:
            yield outcome_item(url, "parse_error", source, response.status, f"bad API JSON: {exc}")
            return
        html = (f"<html><head><title>{data.get('TieuDe', '')}</title></head><body>"
                f"<div class='mh-page-header'><h1>{data.get('TieuDe', '')}</h1></div>"
                f"<div class='mh-detail-date'>{data.get('NgayXuatBan', '')}</div>"
                f"<div class='mh-detail-content'><div class='sapo'>{data.get('MoTa', '')}</div>"
                f"<div class='mh-detail-body'>{data.get('NoiDung', '')}</div></div></body></html>")
        family = self.family_for(source, url)
        result = parse_article(url, html.encode("utf-8"), {"content-type": "text/html; charset=utf-8"}, "moha",
                               {**(self.source_conf.get(source or "", {}).get("selectors") or {}),
                                "sapo": [".sapo"]})
        if isinstance(result, Rejection):
            yield outcome_item(url, result.outcome, source, response.status, result.reason)
            return
        self._good(response)
        del family
        yield {"_type": "article", "source": source, "fetched_url": url, "requested_url": url,
               "article": result.as_article(), "raw_html": response.body, "http_status": response.status,
               "claim_url": url}

    # --- errors ----------------------------------------------------------------------------------
    def on_error(self, failure):
        request = failure.request
        url = request.meta.get("article_url") or (request.meta.get("redirect_urls") or [request.url])[0]
        source = request.meta.get("source")
        if failure.check(HttpError):
            status = failure.value.response.status
            self.count(f"http_error/{status}")
            yield outcome_item(url, "http_error", source, status, f"HTTP {status}")
            return
        if failure.check(IgnoreRequest):
            msg = str(failure.value)
            if "robots" in msg.lower():
                yield outcome_item(url, "robots", source, None, msg)
            elif "redirect" in msg.lower():
                yield outcome_item(url, "error", source, None, f"redirect loop: {msg}")
            else:
                yield outcome_item(url, "error", source, None, msg or "ignored")
            return
        name = type(failure.value).__name__
        msg = str(failure.value) or name
        plain = _plain_reason(name, msg)
        if plain:
            reason = plain
        elif "timeout" in name.lower() or "timed out" in msg.lower():
            reason = f"timeout: {msg}"
        elif "cancel" in name.lower() or "maxsize" in msg.lower() or "max size" in msg.lower():
            reason = f"too large: {msg}"
        else:
            reason = f"{name}: {msg}"
        yield outcome_item(url, "error", source, None, reason[:500])

    def closed(self, reason):
        if self._beat is not None and self._beat.running:
            self._beat.stop()
        if self.frontier is not None:
            self.frontier.close()
        if self._db is not None:
            self._db.close()
