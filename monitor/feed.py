"""`vnpolicy feed`: an Atom feed of events, newest change first.

Each event keeps one entry for its whole life: the entry id is a tag: URI built
from the event's stable `event_key`, and `updated` is `events.updated`, so a
re-extraction that changes an event makes readers replace the entry rather than
show a second one.  `build_feed` is also served by `vnpolicy serve` at
`/-/feed.atom`, hence a plain function returning the XML text.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

import settings
from monitor import fold, open_db, parse_time
from query.dates import DateError, iso, parse_date
from query.display import role_label, xml_text
from store.text import province_key


class _NoFeedLinks(BaseExtension):
    """The feed-level half of the related-links extension (nothing at feed level)."""


class _RelatedLinks(BaseEntryExtension):
    """`<link rel="related">` for the other reports of an entry's happening.

    feedgen 1.0.0 writes an entry's links with their href only (lkiesow/python-feedgen#135),
    so `entry.link(rel="related")` came out as a second rel-less, i.e. alternate, link:
    the reprint looked like the entry's own address.  This writes them itself.
    """

    def __init__(self):
        self.links: list[tuple[str, str]] = []

    def extend_atom(self, entry):
        for href, title in self.links:
            attrs = {"href": href, "rel": "related"}
            if title:
                attrs["title"] = title
            etree.SubElement(entry, "link", attrs)
        return entry


# Event type → the Vietnamese label readers see first in each title.
EVENT_LABELS: dict[str, str] = {
    "training": "Tập huấn",
    "conference": "Hội nghị",
    "council_session": "Kỳ họp",
    "meeting": "Làm việc",
    "inspection": "Kiểm tra, giám sát",
    "visit": "Thăm, tặng quà",
    "ceremony": "Lễ",
    "issuance": "Ban hành văn bản",
    "interview": "Phỏng vấn",
    "other": "Sự kiện",
}

# Administrative prefixes users may or may not type before a province name.
TAG_AUTHORITY = "vnpolicy.github.io,2025"
FEED_TITLE = "vnpolicy — sự kiện chính sách"


def event_label(event_type: str | None) -> str:
    return EVENT_LABELS.get(event_type or "other", EVENT_LABELS["other"])


def entry_id(event_key: str) -> str:
    """The entry's permanent id: a tag: URI (RFC 4151) made from the event key."""
    return f"tag:{TAG_AUTHORITY}:event:{quote(str(event_key), safe='/:#')}"






# Longest filter value accepted: a name or a document number is far shorter, and a
# 100,000-character LIKE pattern makes SQLite give up ("LIKE pattern too complex").
MAX_FILTER_LENGTH = 200
_CONTROL = re.compile("[\x00-\x1f\x7f]")


class FilterError(ValueError):
    """A filter value refused before it reaches SQL; the message is one line for the user."""


def check_filter(name: str, value):
    """`value` stripped, or None when blank; FilterError for control characters or an absurd length."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    if len(text) > MAX_FILTER_LENGTH:
        raise FilterError(f"{name}: too long ({len(text)} characters; at most {MAX_FILTER_LENGTH})")
    if _CONTROL.search(text):
        raise FilterError(f"{name}: control characters are not allowed")
    return text




def type_key(value: str | None) -> str | None:
    """`--type` accepts the type name or its Vietnamese label ("tap huan" → "training")."""
    if not value:
        return None
    folded = fold(value)
    for name, label in EVENT_LABELS.items():
        if folded in (name, fold(label)):
            return name
    return value


def format_date(value) -> str:
    moment = parse_time(value)
    return moment.strftime("%d/%m/%Y") if moment else ""


def entry_title(event: dict) -> str:
    """"Hội nghị tập huấn công tác dân tộc — Sơn La, 13/11/2025".

    The type label leads unless the headline already says it, so titles do not
    stutter ("Tập huấn: Hội nghị tập huấn …").
    """
    label = event_label(event.get("type"))
    headline = (event.get("event_title") or event.get("article_title") or "").strip()
    if not headline:
        text = label
    elif fold(label) in fold(headline):
        text = headline
    else:
        text = f"{label}: {headline}"
    place = ", ".join(part for part in (event.get("province") or "", format_date(event.get("date"))) if part)
    return f"{text} — {place}" if place else text


def entry_summary(event: dict) -> str:
    parts = [f"{event_label(event.get('type'))}."]
    if event.get("summary"):
        parts.append(str(event["summary"]).strip())
    officials = [
        f"{o['name']} ({o['title']})" if o.get("title") else o["name"] for o in event.get("officials", [])
    ]
    if officials:
        parts.append("Cán bộ: " + "; ".join(officials) + ".")
    if event.get("documents"):
        parts.append("Văn bản: " + "; ".join(event["documents"]) + ".")
    cluster = event.get("cluster") or {}
    if (cluster.get("outlets") or 0) > 1:
        parts.append(f"Đưa tin: {cluster['outlets']} cơ quan báo chí ({cluster.get('outlet_names')}).")
    if event.get("article_title") and event.get("article_title") != event.get("event_title"):
        parts.append(f"Bài báo: {event['article_title']}")
    return " ".join(parts)


def load_events(db, province=None, type=None, official=None, document=None, since=None,
                limit=200, event_ids=None, all_events=False) -> list[dict]:
    """Events joined with their article, officials and documents, newest change first.

    Only each article's main event unless `all_events`: the secondary ones ("the
    delegation also visited …") are kept in the database but would crowd a feed.
    """
    province, type, official, document = (check_filter(name, value) for name, value in (
        ("province", province), ("type", type), ("official", official), ("document", document)))
    since_date = parse_date(since, "since") if since not in (None, "") else None
    import store

    events = store.monitor.feed_events(
        db, province=province, type=type_key(type), official=official, document=document,
        since=store.clock.stamp(parse_time(since_date)) if since_date else None,
        limit=limit, event_ids=event_ids, all_events=all_events)
    for event in events:
        event["officials"] = [{"name": o["name"],
                               "title": role_label(o["title"], o["organization"]) if o["title"] else None}
                              for o in event["officials"]]
    return events


def build_feed(db, province=None, type=None, official=None, document=None, since=None, limit=200,
               self_url=None, all_events=False) -> str:
    """The Atom XML (a str) of events matching the filters, newest change first.

    `db` is a path or an open `sqlite_utils.Database`; `self_url` is the feed's own
    address when it is served over HTTP.
    """
    db = open_db(db)
    events = load_events(db, province=province, type=type, official=official, document=document,
                         since=since, limit=limit, all_events=all_events)
    fg = FeedGenerator()
    fg.register_extension("related", _NoFeedLinks, _RelatedLinks, atom=True, rss=False)
    filters = {"province": province, "type": type, "official": official, "document": document}
    shown = {k: v for k, v in filters.items() if v}
    fg.id(f"tag:{TAG_AUTHORITY}:feed" + "".join(f":{k}={quote(fold(str(v)))}" for k, v in shown.items()))
    fg.title(xml_text(FEED_TITLE + "".join(f" — {v}" for v in shown.values())))
    fg.author({"name": "vnpolicy"})
    fg.language("vi")
    fg.subtitle("Sự kiện trích xuất từ tin tức chính sách của các tỉnh, thành phố và Chính phủ.")
    if self_url:
        fg.link(href=xml_text(self_url), rel="self")
    newest = None
    for event in events:
        updated = parse_time(event.get("updated")) or parse_time(event.get("created")) or parse_time(
            event.get("published"))
        if updated is None:
            updated = parse_time("1970-01-01")
        newest = max(newest, updated) if newest else updated
        entry = fg.add_entry(order="append")
        entry.id(entry_id(event.get("event_key") or f"event-{event['id']}"))
        entry.title(xml_text(entry_title(event)))
        entry.summary(xml_text(entry_summary(event)))
        entry.updated(updated)
        published = parse_time(event.get("published"))
        if published:
            entry.published(published)
        if event.get("url"):
            entry.link(href=xml_text(event["url"]), rel="alternate")
        for source in (event.get("cluster") or {}).get("sources", [])[1:]:
            if source.get("url") and source["url"] != event.get("url"):
                entry.related.links.append((xml_text(source["url"]), xml_text(source.get("outlet") or "")))
        entry.category(term=xml_text(event.get("type") or "other"), label=event_label(event.get("type")))
        if event.get("province"):
            entry.category(term=xml_text(province_key(event["province"])), label=xml_text(event["province"]))
    # A feed with nothing new must not look changed: its date is its newest entry's.
    fg.updated(newest or parse_time("1970-01-01"))
    return fg.atom_str(pretty=True).decode("utf-8")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=settings.get("db"), help="SQLite database (default: %(default)s).")
    parser.add_argument("--province", help="Only events in this province (diacritics and case ignored).")
    parser.add_argument("--type", help="Only events of this type (e.g. training, conference, or 'Tập huấn').")
    parser.add_argument("--official", help="Only events naming this official (part of the name is enough).")
    parser.add_argument("--document", help="Only events citing this document number, e.g. 1719/QĐ-TTg.")
    parser.add_argument("--since",
                        help="Only events created or changed on or after this date (2025-07-01 or 01/07/2025).")
    parser.add_argument("--limit", type=int, default=200, help="Most entries in the feed (default: 200).")
    parser.add_argument("--all-events", action="store_true",
                        help="Also list each article's secondary events, not only its main event.")
    parser.add_argument("--output", "-o", help="Write the feed to this file (default: stdout).")
    parser.epilog = "Example: vnpolicy feed --db vnpolicy.db --province 'son la' --output son-la.atom"


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomically(path: str, text: str) -> None:
    """Replace `path` in one step, so a web server never serves half a feed."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a feed is published like an export (0644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run(args: argparse.Namespace) -> int:
    if not Path(args.db).exists():
        print(f"vnpolicy feed: no database at {args.db}", file=sys.stderr)
        return 2
    try:
        since = iso(args.since, "--since")
        xml = build_feed(args.db, province=args.province, type=args.type, official=args.official,
                         document=args.document, since=since, limit=args.limit,
                         all_events=args.all_events)
    except (DateError, FilterError) as exc:
        print(f"vnpolicy feed: {exc}", file=sys.stderr)
        return 2
    if args.output:
        write_atomically(args.output, xml)
    else:
        sys.stdout.write(xml)
    return 0
