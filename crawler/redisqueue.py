"""Redis between crawler machines and the one database machine.

Crawlers (`vnpolicy crawl --redis URL --queue-only`) hold no database.  They share, in Redis:

- ``vnpolicy:seen`` — the set of article URLs already fetched (seeded from the database by the
  ingester, grown by every crawler as it queues an article).  Only article URLs: feeds, sitemaps
  and listing pages are read again on every round, so new articles are found.
- ``vnpolicy:claim:<url>`` — a lease: the crawler fetching an article right now.  A second crawler
  skips it.  A lease whose holder stopped beating (``vnpolicy:alive:<crawler>``, renewed every
  third of the lease) is taken over, so a killed crawler's articles are fetched by the next one.
- ``vnpolicy:articles`` — the queue of fetched articles and fetch outcomes, as JSON messages.
- ``vnpolicy:validators`` — feed ETag / Last-Modified, for conditional GET.

The ingester (`vnpolicy ingest --redis URL --db F`) moves one message at a time from the queue to
``vnpolicy:articles:processing`` (LMOVE), stores it, commits, and only then removes it from the
processing list.  If it is killed in between, the message is still there and the next ingester
puts it back on the queue first; an article already stored is not stored twice.
"""
from __future__ import annotations

import base64
import gzip
import json
import os
import socket
import time
import uuid
from collections.abc import Iterable
from typing import Any

PREFIX = "vnpolicy:"
QUEUE = PREFIX + "articles"
PROCESSING = QUEUE + ":processing"
SEEN = PREFIX + "seen"
CLAIM = PREFIX + "claim:"
ALIVE = PREFIX + "alive:"
VALIDATORS = PREFIX + "validators"
DEFAULT_LEASE = 30  # seconds a crawler's heartbeat lives; its claims are taken over after that

# known: -1; held by a live crawler: 0; claimed now: 1.  One script, so two crawlers never both win.
_CLAIM = """
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return -1 end
local owner = redis.call('GET', KEYS[2])
if owner and owner ~= ARGV[2] and redis.call('EXISTS', ARGV[4] .. owner) == 1 then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
return 1
"""


class QueueError(RuntimeError):
    """Redis cannot be reached or answered wrongly: a clear message for the operator."""


def connect(url: str):
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=30,
                                      health_check_interval=15)
        client.ping()
    except (redis.RedisError, ValueError) as exc:
        raise QueueError(f"cannot reach Redis at {url}: {exc}") from exc
    return client


def crawler_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def encode_html(raw: bytes | None) -> str | None:
    return base64.b64encode(gzip.compress(raw)).decode("ascii") if raw else None


def decode_html(value: str | None) -> bytes | None:
    return gzip.decompress(base64.b64decode(value)) if value else None


class Frontier:
    """The crawler's side: what is known, what it may fetch, where fetched articles go."""

    def __init__(self, url: str, lease: int = DEFAULT_LEASE, owner: str | None = None):
        self.client = connect(url)
        self.lease = max(2, int(lease))
        self.owner = owner or crawler_id()
        self._claim = self.client.register_script(_CLAIM)
        self.beat()

    def beat(self) -> None:
        """Say this crawler is alive (renewed by the spider every lease/3 seconds)."""
        self.client.set(ALIVE + self.owner, str(time.time()), ex=self.lease)

    def known(self, url: str) -> bool:
        return bool(self.client.sismember(SEEN, url))

    def claim(self, url: str) -> int:
        """-1 known, 0 another live crawler is fetching it, 1 this crawler may fetch it."""
        return int(self._claim(keys=[SEEN, CLAIM + url], args=[url, self.owner, self.lease * 20, ALIVE]))

    def release(self, *urls: str) -> None:
        urls = tuple(u for u in urls if u)
        if urls:
            self.client.delete(*(CLAIM + u for u in urls))

    def push(self, message: dict[str, Any] | None, seen: Iterable[str] = (), release: Iterable[str] = ()) -> None:
        """Queue a message (None: none); atomically mark its URLs seen and drop their claims."""
        seen, release = [u for u in seen if u], [u for u in release if u]
        pipe = self.client.pipeline(transaction=True)
        if message is not None:
            pipe.lpush(QUEUE, json.dumps(message, ensure_ascii=False))
        if seen:
            pipe.sadd(SEEN, *seen)
        if release:
            pipe.delete(*(CLAIM + u for u in release))
        pipe.execute()

    def validators(self, url: str) -> dict:
        raw = self.client.hget(VALIDATORS, url)
        return json.loads(raw) if raw else {}

    def set_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self.client.hset(VALIDATORS, url, json.dumps({"etag": etag, "last_modified": last_modified}))

    def close(self) -> None:
        try:
            self.client.delete(ALIVE + self.owner)
        finally:
            self.client.close()


class Inbox:
    """The ingester's side: a reliable queue (take, then acknowledge after the commit)."""

    def __init__(self, url: str):
        self.client = connect(url)

    def recover(self) -> int:
        """Put back on the queue what a killed ingester had taken but not acknowledged."""
        n = 0
        while self.client.lmove(PROCESSING, QUEUE, "RIGHT", "RIGHT") is not None:
            n += 1
        return n

    def seed(self, urls: Iterable[str], batch: int = 5000) -> int:
        """Add the database's article URLs to the seen set, so crawlers never fetch them."""
        n = 0
        chunk: list[str] = []
        for url in urls:
            if url:
                chunk.append(url)
            if len(chunk) >= batch:
                n += self.client.sadd(SEEN, *chunk)
                chunk = []
        if chunk:
            n += self.client.sadd(SEEN, *chunk)
        return n

    def take(self, timeout: float = 1.0) -> tuple[bytes, dict | None] | None:
        """The next message (moved to the processing list), or None after ``timeout`` seconds.

        A message that is not JSON comes back as (raw, None): the caller records and acknowledges it.
        """
        raw = self.client.blmove(QUEUE, PROCESSING, timeout, "RIGHT", "LEFT")
        if raw is None:
            return None
        try:
            message = json.loads(raw)
        except ValueError:
            return raw, None
        return raw, message if isinstance(message, dict) else None

    def ack(self, raw: bytes) -> None:
        self.client.lrem(PROCESSING, 1, raw)

    def mark_seen(self, *urls: str) -> None:
        urls = tuple(u for u in urls if u)
        if urls:
            self.client.sadd(SEEN, *urls)

    def pending(self) -> int:
        return int(self.client.llen(QUEUE)) + int(self.client.llen(PROCESSING))

    def close(self) -> None:
        self.client.close()
