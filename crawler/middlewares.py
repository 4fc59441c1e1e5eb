"""Downloader middleware: exponential backoff before each retry.

Scrapy's RetryMiddleware re-schedules a failed request at once; a server that
answered 503 or timed out deserves a pause first.  A retried request carries
`retry_times` in its meta; this middleware waits RETRY_BACKOFF_BASE * 2**(n-1)
seconds (capped at RETRY_BACKOFF_MAX) before letting it go out.
"""
from __future__ import annotations

import asyncio

from twisted.internet import reactor
from twisted.internet.task import deferLater


class Backoff:
    def __init__(self, base: float, cap: float):
        self.base = base
        self.cap = cap

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        return cls(s.getfloat("RETRY_BACKOFF_BASE", 1.0), s.getfloat("RETRY_BACKOFF_MAX", 30.0))

    async def process_request(self, request, spider=None):
        n = int(request.meta.get("retry_times", 0) or 0)
        if n <= 0 or self.base <= 0 or request.meta.get("_backoff_done") == n:
            return None
        request.meta["_backoff_done"] = n
        delay = min(self.base * 2 ** (n - 1), self.cap)
        try:
            asyncio.get_running_loop()
            await asyncio.sleep(delay)
        except RuntimeError:  # not on the asyncio reactor
            from scrapy.utils.defer import maybe_deferred_to_future

            await maybe_deferred_to_future(deferLater(reactor, delay, lambda: None))
        return None
