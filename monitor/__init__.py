"""Monitoring: Atom feeds of events, webhooks with an outbox, the scheduler, source health.

Everything here reads and writes the database through `store.connect`; the few
small helpers below are shared by the four commands so that time stamps and
name folding mean the same thing in each of them.
"""
from __future__ import annotations

from datetime import UTC, date, datetime

from nlp.text import fold as fold_marks

# Time stamps written by this package: ISO 8601, UTC, millisecond precision, so
# that strings written by the scheduler, the outbox and the status command compare
# and parse the same way everywhere.
_TIMESPEC = "milliseconds"


def utcnow() -> datetime:
    return datetime.now(UTC)


def isotime(moment: datetime | None = None) -> str:
    """`moment` (default: now) as the ISO string this package stores."""
    moment = moment or utcnow()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec=_TIMESPEC)


def parse_time(value) -> datetime | None:
    """An aware UTC datetime from a stored value (ISO string, date, datetime), or None.

    Other stages store naive ISO strings, bare dates or a trailing "Z"; all are read
    as UTC rather than rejected, since a feed or a health check must not crash on a
    time stamp written by a different module.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    else:
        text = str(value).strip().replace(" ", "T", 1)
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def fold(text: str | None) -> str:
    """Lower case without diacritics, "đ" read as "d": "Sơn La" → "son la".

    Users type province and official names with or without marks; both must match.
    """
    if not text:
        return ""
    return " ".join(fold_marks(str(text)).split())


def open_db(db):
    """A `sqlite_utils.Database` for `db`, which may already be one or be a path.

    `store.connect` runs the migrations, so every command sees the current schema.
    """
    if hasattr(db, "execute") and hasattr(db, "table_names"):
        return db
    import store  # imported late: `vnpolicy --help` must not pay for it

    return store.connect(str(db))


def has_table(db, name: str) -> bool:
    return name in db.table_names()


def columns(db, table: str) -> set[str]:
    """Column names of `table` (empty when the table does not exist)."""
    if not has_table(db, table):
        return set()
    return set(db[table].columns_dict)
