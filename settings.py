"""Every vnpolicy setting, declared once with its default and help text.

A setting is read from the environment variable named in its row, falling back
to the default here.  Command-line options that correspond to a setting use it
as their default, so `VNPOLICY_DB=/data/x.db vnpolicy export ...` works the same
as `--db /data/x.db`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: object
    help: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting("db", "VNPOLICY_DB", "vnpolicy.db", "SQLite database used by every command that takes --db."),
        Setting("user_agent", "VNPOLICY_USER_AGENT",
                "vnpolicy/0.1 (+https://github.com/vnpolicy/vnpolicy; research crawler)",
                "User-Agent sent by the crawler; it names the project and a contact URL."),
        Setting("concurrency_per_domain", "VNPOLICY_CONCURRENCY_PER_DOMAIN", 2,
                "Most concurrent requests the crawler makes to one domain."),
        Setting("download_timeout", "VNPOLICY_DOWNLOAD_TIMEOUT", 30, "Seconds before a request is abandoned."),
        Setting("download_maxsize", "VNPOLICY_DOWNLOAD_MAXSIZE", 5 * 1024 * 1024,
                "Largest response body, in bytes, the crawler accepts."),
        Setting("max_pages", "VNPOLICY_MAX_PAGES", 3, "How many listing pages the crawler follows per entry."),
        Setting("workers", "VNPOLICY_WORKERS", 1, "Extraction processes used by extract and crawl."),
        Setting("extract_budget_seconds", "VNPOLICY_EXTRACT_BUDGET_SECONDS", 30.0,
                "Most seconds one article's extraction may take (a longer article gets one second per "
                "extract_budget_chars characters); past it the article is stored with its extraction "
                "marked failed and the reason, and is not retried on every run (0: no budget)."),
        Setting("extract_budget_chars", "VNPOLICY_EXTRACT_BUDGET_CHARS", 5000,
                "Characters of text per second of budget for articles too long for extract_budget_seconds."),
        Setting("segment_piece_chars", "VNPOLICY_SEGMENT_PIECE_CHARS", 10000,
                "Longest piece of text underthesea segments at once (long articles are cut at line breaks, "
                "else spaces), which bounds its memory; offsets stay exact."),
        Setting("extract_piece_chars", "VNPOLICY_EXTRACT_PIECE_CHARS", 50000,
                "A text longer than this is read by the officials extractor in pieces of at most this many "
                "characters, cut at line breaks (its cost grows faster than the text); offsets stay exact."),
        Setting("notify_url", "VNPOLICY_NOTIFY_URL", None, "Webhook that receives each new event as JSON."),
        Setting("stale_hours", "VNPOLICY_STALE_HOURS", 48,
                "A source with no successful crawl for this long is reported stale by `vnpolicy status`."),
    ]
}


def get(name: str):
    """The value of a setting: its environment variable if set, else its default."""
    setting = SETTINGS[name]
    raw = os.environ.get(setting.env)
    if raw is None or raw == "":
        return setting.default
    if isinstance(setting.default, bool):
        return raw.lower() in {"1", "true", "yes", "on"}
    if isinstance(setting.default, int):
        return int(raw)
    if isinstance(setting.default, float):
        return float(raw)
    return raw
