"""The one clock of the project: every stored time stamp is UTC, ISO 8601 to the second.

Stamps of that one shape sort as text in time order, so SQL can order and compare them
(the feed's `events_changed` index) without parsing.  `now()` is the only reader of the
system clock; tests move time by patching `store.clock.now`.  `parse()` reads what older
versions or other tools stored (naive ISO, a bare date, a trailing "Z") as UTC.
"""
from __future__ import annotations

import datetime as _dt


def now() -> str:
    """The current UTC time as a stamp: "2026-12-04T18:00:00+00:00"."""
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def utcnow() -> _dt.datetime:
    """The current time as an aware UTC datetime (read from `now()`, so a patched clock moves both)."""
    return parse(now())


def stamp(moment: _dt.datetime | None = None) -> str:
    """`moment` (default: now) as a stamp; a naive datetime is read as UTC."""
    if moment is None:
        return now()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.UTC)
    return moment.astimezone(_dt.UTC).isoformat(timespec="seconds")


def parse(value) -> _dt.datetime | None:
    """An aware UTC datetime from a stored value (ISO string, date, datetime), or None."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        moment = value
    elif isinstance(value, _dt.date):
        moment = _dt.datetime(value.year, value.month, value.day)
    else:
        text = str(value).strip().replace(" ", "T", 1)
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        try:
            moment = _dt.datetime.fromisoformat(text)
        except ValueError:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.UTC)
    return moment.astimezone(_dt.UTC)
