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
        Setting("max_pages", "VNPOLICY_MAX_PAGES", 0,
                "Most listing pages followed per entry; 0 follows pagination until a page yields nothing new."),
        Setting("workers", "VNPOLICY_WORKERS", 1, "Extraction processes used by extract and crawl."),
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
    return raw
