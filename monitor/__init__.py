"""Monitoring: Atom feeds of events, webhooks with an outbox, the scheduler, source health.

Everything here reads and writes the database through `store.connect`; the few
small helpers below are shared by the four commands so that time stamps and
name folding mean the same thing in each of them.
"""
from __future__ import annotations

# One clock (store.clock): every stamp this package writes or compares is UTC, ISO 8601 to the
# second, the same shape as the crawler's and the writer's.
from store.clock import parse as parse_time  # noqa: E402,F401
from store.clock import stamp as isotime  # noqa: E402,F401
from store.clock import utcnow  # noqa: E402,F401
from textkeys import fold as fold_marks


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
    import store

    return store.connect(str(db))
