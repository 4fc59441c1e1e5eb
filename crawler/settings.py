"""Every Scrapy setting the crawler uses, in one documented place.

Project-wide knobs (User-Agent, per-domain concurrency, timeout, max size) come
from the top-level `settings` module so operators set them once; the rest are
crawler policy.  `scrapy_settings(**overrides)` returns the dict handed to
CrawlerProcess; tests and `vnpolicy crawl -s NAME=VALUE` override single keys
(e.g. AUTOTHROTTLE_ENABLED=0 and a short DOWNLOAD_TIMEOUT on loopback).
"""
from __future__ import annotations

from typing import Any

import settings as project


def scrapy_settings(queue_only: bool = False, **overrides: Any) -> dict[str, Any]:
    s: dict[str, Any] = {
        # Politeness: identify ourselves, obey robots.txt, adapt speed to the server.
        "USER_AGENT": project.get("user_agent"),
        "ROBOTSTXT_OBEY": True,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": 1.0,
        "AUTOTHROTTLE_MAX_DELAY": 30.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "CONCURRENT_REQUESTS": 8,
        "CONCURRENT_REQUESTS_PER_DOMAIN": int(project.get("concurrency_per_domain")),
        "DOWNLOAD_DELAY": 0.25,
        # Limits: a stalled or enormous response must not hold the crawl.
        "DOWNLOAD_TIMEOUT": int(project.get("download_timeout")),
        "DOWNLOAD_MAXSIZE": int(project.get("download_maxsize")),
        "DOWNLOAD_WARNSIZE": 0,
        # Retries on 5xx and timeouts, spaced by exponential backoff (crawler.middlewares.Backoff).
        "RETRY_ENABLED": True,
        "RETRY_TIMES": 2,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "RETRY_BACKOFF_BASE": 1.0,   # seconds before the first retry; doubled each time
        "RETRY_BACKOFF_MAX": 30.0,
        "REDIRECT_MAX_TIMES": 5,     # a redirect loop ends quickly as outcome "error"
        "COOKIES_ENABLED": False,    # no session games with challenge pages
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "LOG_INSTALL_ROOT_HANDLER": True,
        "DOWNLOADER_MIDDLEWARES": {"crawler.middlewares.Backoff": 540},
        "ITEM_PIPELINES": {"crawler.pipelines.StorePipeline": 300},
        # The crawl log (fetches table) is the record of what happened; keep Scrapy's own quiet.
        "STATS_DUMP": False,
        "LOGSTATS_INTERVAL": 0,
        "HTTPERROR_ALLOW_ALL": False,
    }
    if queue_only:
        # Crawler machines without a database: articles and outcomes go to the Redis queue.
        s["ITEM_PIPELINES"] = {"crawler.pipelines.QueuePipeline": 300}
    s.update(overrides)
    return s


def parse_overrides(pairs: list[str] | None) -> dict[str, Any]:
    """`NAME=VALUE` strings (from `-s`) -> typed values (int, float, bool, else str)."""
    out: dict[str, Any] = {}
    for pair in pairs or []:
        name, sep, raw = pair.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"expected NAME=VALUE, got {pair!r}")
        value: Any = raw
        low = raw.lower()
        if low in ("true", "false"):
            value = low == "true"
        else:
            for cast in (int, float):
                try:
                    value = cast(raw)
                    break
                except ValueError:
                    pass
        out[name.strip()] = value
    return out
