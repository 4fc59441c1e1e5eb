"""Every vnpolicy setting, declared once with its default and help text.

A setting is read from the environment variable named in its row, falling back
to the default here.  Command-line options that correspond to a setting use it
as their default, so `VNPOLICY_DB=/data/x.db vnpolicy export ...` works the same
as `--db /data/x.db`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass


class SettingError(ValueError):
    """An environment variable holds a value its setting cannot take; the message is one line."""


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: object
    help: str
    minimum: float | None = None  # numbers: the smallest value accepted
    url: bool = False             # strings: must be an http(s) URL


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting("db", "VNPOLICY_DB", "vnpolicy.db", "SQLite database used by every command that takes --db."),
        Setting("user_agent", "VNPOLICY_USER_AGENT",
                "vnpolicy/0.1 (+https://github.com/vnpolicy/vnpolicy; research crawler)",
                "User-Agent sent by the crawler; it names the project and a contact URL."),
        Setting("concurrency_per_domain", "VNPOLICY_CONCURRENCY_PER_DOMAIN", 2,
                "Most concurrent requests the crawler makes to one domain.", minimum=1),
        Setting("download_timeout", "VNPOLICY_DOWNLOAD_TIMEOUT", 30, "Seconds before a request is abandoned.",
                minimum=1),
        Setting("download_maxsize", "VNPOLICY_DOWNLOAD_MAXSIZE", 5 * 1024 * 1024,
                "Largest response body, in bytes, the crawler accepts.", minimum=1024),
        Setting("max_pages", "VNPOLICY_MAX_PAGES", 0,
                "Most listing pages followed per entry; 0 follows pagination until a page yields nothing new.",
                minimum=0),
        Setting("workers", "VNPOLICY_WORKERS", 1, "Extraction processes used by extract and crawl.", minimum=1),
        Setting("extract_budget_seconds", "VNPOLICY_EXTRACT_BUDGET_SECONDS", 30.0,
                "Most seconds one article's extraction may take (a longer article gets one second per "
                "extract_budget_chars characters); past it the article is stored with its extraction "
                "marked failed and the reason, and is not retried on every run (0: no budget).", minimum=0),
        Setting("extract_budget_chars", "VNPOLICY_EXTRACT_BUDGET_CHARS", 5000,
                "Characters of text per second of budget for articles too long for extract_budget_seconds.",
                minimum=1),
        Setting("segment_piece_chars", "VNPOLICY_SEGMENT_PIECE_CHARS", 10000,
                "Longest piece of text underthesea segments at once (long articles are cut at line breaks, "
                "else spaces), which bounds its memory; offsets stay exact.", minimum=1000),
        Setting("extract_piece_chars", "VNPOLICY_EXTRACT_PIECE_CHARS", 50000,
                "A text longer than this is read by the officials extractor in pieces of at most this many "
                "characters, cut at line breaks (its cost grows faster than the text); offsets stay exact.",
                minimum=1000),
        Setting("notify_url", "VNPOLICY_NOTIFY_URL", None, "Webhook that receives each new event as JSON.",
                url=True),
        Setting("stale_hours", "VNPOLICY_STALE_HOURS", 48,
                "A source with no successful crawl for this long is reported stale by `vnpolicy status`.",
                minimum=1),
        Setting("db_max_mb", "VNPOLICY_DB_MAX_MB", 0.0,
                "Largest size, in MB, the database may grow to (0: no limit); past it writes fail as on a "
                "full disk and the crawl ends `failed`.", minimum=0),
    ]
}


def get(name: str):
    """The value of a setting: its environment variable if set, else its default.

    A value of the wrong type or out of range raises SettingError naming the variable.
    """
    import validation

    setting = SETTINGS[name]
    raw = os.environ.get(setting.env)
    if raw is None or raw == "":
        return setting.default
    where = f"environment variable {setting.env}"
    try:
        if isinstance(setting.default, bool):
            return validation.boolean(raw, where)
        if isinstance(setting.default, (int, float)):
            kind = float if isinstance(setting.default, float) else int
            return validation.number(raw, where, kind=kind, minimum=setting.minimum)
        if setting.url:
            return validation.url(raw, where)
    except validation.ConfigError as exc:
        raise SettingError(str(exc)) from None
    return raw


def check_all() -> list[str]:
    """One line per setting whose environment variable is unusable (empty when all are fine)."""
    errors = []
    for name in SETTINGS:
        try:
            get(name)
        except SettingError as exc:
            errors.append(str(exc))
    return errors
