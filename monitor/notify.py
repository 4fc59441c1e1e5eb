"""Webhooks: each new event POSTed as JSON, through an outbox so none is ever lost.

After a crawl, `after_crawl` copies events that have no outbox row yet into the
outbox (with the JSON payload frozen at that moment), then `deliver` POSTs every
pending row.  A row leaves the pending state only when the receiver answers 2xx;
failures are retried with exponential backoff inside the call, and when the
receiver stays down the row keeps its attempts, error and next attempt time and
waits for the next call.  Each request carries the event key in the
`X-Vnpolicy-Event` header so that a receiver can drop the rare duplicate (a 2xx
lost on the way back is indistinguishable from a failure).
"""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from datetime import timedelta

import settings
import store
from monitor import isotime, open_db, parse_time, utcnow
from monitor.feed import entry_title, event_label, load_events

DEFAULT_MAX_ATTEMPTS = 4   # tries per row within one call
DEFAULT_BACKOFF = 1.0      # seconds before the second try; doubles after each failure
DEFAULT_TIMEOUT = 10.0     # seconds per request
MAX_RETRY_DELAY = 3600.0   # a row never waits longer than this between calls
CLAIM_SECONDS = 300        # a row being sent is hidden from other senders this long
_CHUNK = 500               # events per SQL IN (...) batch


def event_payload(event: dict) -> dict:
    """The JSON a webhook receives for one event (documented in docs/operations.md)."""
    return {
        "event_key": event.get("event_key"),
        "type": event.get("type"),
        "type_label": event_label(event.get("type")),
        "date": event.get("date"),
        "province": event.get("province"),
        "title": event.get("event_title") or event.get("article_title"),
        "headline": entry_title(event),
        "url": event.get("url"),
        "article_title": event.get("article_title"),
        "officials": [{"name": o["name"], "title": o.get("title")} for o in event.get("officials", [])],
        "documents": list(event.get("documents", [])),
        "created": event.get("created"),
        "updated": event.get("updated"),
    }


def enqueue_new(db) -> int:
    """Add an outbox row for every event whose key has none yet; returns how many."""
    db = open_db(db)
    ids = store.monitor.unqueued_event_ids(db)
    added = 0
    for start in range(0, len(ids), _CHUNK):
        events = load_events(db, event_ids=ids[start:start + _CHUNK], limit=None)
        events.sort(key=lambda e: e["id"])
        rows = [{
            "event_key": e["event_key"],
            "payload": json.dumps(event_payload(e), ensure_ascii=False),
            "attempts": 0,
            "next_attempt": None,
            "last_error": None,
            "delivered_at": None,
        } for e in events]
        added += store.monitor.queue_outbox(db, rows)
    return added


def _post(url: str, body: bytes, event_key: str, timeout: float) -> str | None:
    """POST one payload; None on a 2xx answer, else the reason it failed."""
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": str(settings.get("user_agent")),
        "X-Vnpolicy-Event": event_key,
    })
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (operator's URL)
            response.read()
            return None if 200 <= response.status < 300 else f"HTTP {response.status}"
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return f"{type(exc).__name__}: {reason}"


def _claim(db, row: dict, now) -> bool:
    """Mark `row` as being sent by us, unless another sender took it first."""
    return store.monitor.claim_outbox(db, row, isotime(now + timedelta(seconds=CLAIM_SECONDS)))


def pending(db) -> list[dict]:
    return store.monitor.pending_outbox(db)


def deliver(db, url: str, max_attempts: int = DEFAULT_MAX_ATTEMPTS, timeout: float = DEFAULT_TIMEOUT,
            backoff: float = DEFAULT_BACKOFF, sleep=time.sleep) -> dict:
    """POST every pending outbox row that is due; returns counts.

    Rows go out in outbox order.  When one row fails `max_attempts` times the
    receiver is taken to be down: the call stops and the rest wait, each failed row
    with a `next_attempt` pushed out exponentially (capped at an hour).
    """
    db = open_db(db)
    counts = {"delivered": 0, "failed": 0, "waiting": 0}
    now = utcnow()
    receiver_down = False
    for row in pending(db):
        due = parse_time(row["next_attempt"])
        if receiver_down or (due is not None and due > now):
            counts["waiting"] += 1
            continue
        if not _claim(db, row, now):
            continue  # another process is sending it
        attempts = int(row["attempts"] or 0)
        body = row["payload"].encode("utf-8") if isinstance(row["payload"], str) else json.dumps(
            row["payload"], ensure_ascii=False).encode("utf-8")
        error = None
        for attempt in range(max_attempts):
            error = _post(url, body, row["event_key"], timeout)
            attempts += 1
            if error is None:
                break
            if attempt + 1 < max_attempts:
                sleep(backoff * 2 ** attempt)
        if error is None:
            store.monitor.outbox_delivered(db, row["id"], attempts)
            counts["delivered"] += 1
        else:
            delay = min(backoff * 2 ** attempts, MAX_RETRY_DELAY)
            store.monitor.outbox_failed(db, row["id"], attempts, error,
                                        isotime(utcnow() + timedelta(seconds=delay)))
            counts["failed"] += 1
            receiver_down = True
    return counts


def after_crawl(db, notify_url: str | None = None, **deliver_options) -> dict:
    """Queue the events not yet in the outbox and deliver everything pending.

    Called by `vnpolicy crawl --notify URL` when a crawl ends (and by the scheduler).
    Without a URL (argument or the `notify_url` setting) nothing is queued: the
    outbox only fills for a configured receiver.
    """
    url = notify_url or settings.get("notify_url")
    if not url:
        return {"enqueued": 0, "delivered": 0, "failed": 0, "waiting": 0, "skipped": "no notify URL"}
    db = open_db(db)
    result = {"enqueued": enqueue_new(db)}
    result.update(deliver(db, url, **deliver_options))
    return result
