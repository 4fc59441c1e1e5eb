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

from feedgen.feed import FeedGenerator

import settings
from monitor import columns, fold, has_table, isotime, open_db, parse_time
from query.dates import DateError, iso, parse_date
from query.display import role_label, xml_text

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
_PROVINCE_PREFIXES = ("thanh pho ", "tinh ", "tp. ", "tp ")
TAG_AUTHORITY = "vnpolicy.github.io,2025"
FEED_TITLE = "vnpolicy — sự kiện chính sách"


def event_label(event_type: str | None) -> str:
    return EVENT_LABELS.get(event_type or "other", EVENT_LABELS["other"])


def entry_id(event_key: str) -> str:
    """The entry's permanent id: a tag: URI (RFC 4151) made from the event key."""
    return f"tag:{TAG_AUTHORITY}:event:{quote(str(event_key), safe='/:#')}"


def province_key(name: str | None) -> str:
    """Folded province name without "Tỉnh"/"Thành phố": "TP. Hồ Chí Minh" → "ho chi minh"."""
    key = fold(name)
    for prefix in _PROVINCE_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix):].strip()
    return key


def document_key(number: str | None) -> str:
    """A document number compared without case, spaces or diacritics: "1719/qđ-ttg" = "1719/QĐ-TTg"."""
    return re.sub(r"\s+", "", fold(number)).upper()


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


def like_escape(text: str) -> str:
    """`text` with LIKE's wildcards escaped (ESCAPE '\\'): "%" and "_" match only themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


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


def _register_functions(db) -> None:
    """SQL helpers for the filters, prefixed so they never shadow store.py's own `vn_*` functions."""
    conn = db.conn
    conn.create_function("mon_province", 1, province_key, deterministic=True)
    conn.create_function("mon_fold", 1, fold, deterministic=True)
    conn.create_function("mon_document", 1, document_key, deterministic=True)
    conn.create_function("mon_time", 1, lambda v: isotime(parse_time(v)) if parse_time(v) else None,
                         deterministic=True)


def load_events(db, province=None, type=None, official=None, document=None, since=None,
                limit=200, event_ids=None, all_events=False) -> list[dict]:
    """Events joined with their article, officials and documents, newest change first.

    Only each article's main event unless `all_events`: the secondary ones ("the
    delegation also visited …") are kept in the database but would crowd a feed.
    """
    province, type, official, document = (check_filter(name, value) for name, value in (
        ("province", province), ("type", type), ("official", official), ("document", document)))
    since_date = parse_date(since, "since") if since not in (None, "") else None
    _register_functions(db)
    where, params = [], []
    if not all_events and "main" in columns(db, "events"):
        where.append("e.main = 1")
    if province:
        where.append("mon_province(e.province) = ?")
        params.append(province_key(province))
    if type:
        where.append("e.type = ?")
        params.append(type_key(type))
    if official and has_table(db, "event_officials"):
        where.append("EXISTS (SELECT 1 FROM event_officials o WHERE o.event_id = e.id"
                     " AND mon_fold(o.name) LIKE '%' || ? || '%' ESCAPE '\\')")
        params.append(like_escape(fold(official)))
    if document and has_table(db, "event_documents"):
        where.append("EXISTS (SELECT 1 FROM event_documents d WHERE d.event_id = e.id"
                     " AND mon_document(d.number) = ?)")
        params.append(document_key(document))
    if since_date:
        moment = parse_time(since_date)
        where.append("mon_time(coalesce(e.updated, e.created)) >= ?")
        params.append(isotime(moment))
    if "duplicate_of" in columns(db, "articles"):
        where.append("a.duplicate_of IS NULL")  # a reprinted story is the same event: listed once
    if "merged" in columns(db, "events"):
        where.append("e.merged = 0")  # one entry per happening: other outlets' reports are in its cluster
    if event_ids is not None:
        ids = [int(i) for i in event_ids]
        if not ids:
            return []
        where.append(f"e.id IN ({', '.join('?' * len(ids))})")
        params.extend(ids)
    sql = (
        "SELECT e.id, e.event_key, e.type, e.date, e.province, e.title AS event_title, e.summary,"
        " e.created, e.updated, a.url, a.title AS article_title, a.published"
        " FROM events e LEFT JOIN articles a ON a.id = e.article_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY mon_time(coalesce(e.updated, e.created)) DESC, e.id DESC"
    )
    if limit:
        sql += " LIMIT ?"
        params.append(int(limit))
    events = _rows(db, sql, params)
    officials = _officials(db, [e["id"] for e in events])
    documents = _documents(db, [e["id"] for e in events])
    clusters = _clusters(db, [e["id"] for e in events])
    for event in events:
        event["officials"] = officials.get(event["id"], [])
        event["documents"] = documents.get(event["id"], [])
        event["cluster"] = clusters.get(event["id"])
    return events


def _clusters(db, event_ids: list[int]) -> dict[int, dict]:
    """The outlets that reported each event's happening (store's clusters, when the schema has them)."""
    if not event_ids or not has_table(db, "clusters"):
        return {}
    import store
    return store.clusters_of_events(db, event_ids)


def _rows(db, sql: str, params) -> list[dict]:
    """Rows as dicts, text that is not valid UTF-8 decoded with replacement instead of failing."""
    conn = db.conn
    previous = conn.text_factory
    conn.text_factory = lambda raw: raw.decode("utf-8", errors="replace")
    try:
        return [dict(row) for row in db.query(sql, params)]
    finally:
        conn.text_factory = previous


def _in_clause(ids: list[int]) -> str:
    return ", ".join("?" * len(ids))


def _officials(db, event_ids: list[int]) -> dict[int, list[dict]]:
    """Officials per event, with the title (and organization) they held in the event's article."""
    if not event_ids or not has_table(db, "event_officials"):
        return {}
    rows = _rows(
        db, f"SELECT o.event_id, o.name, o.person_id, e.article_id FROM event_officials o"
        f" JOIN events e ON e.id = o.event_id WHERE o.event_id IN ({_in_clause(event_ids)}) ORDER BY o.rowid",
        event_ids)
    roles = _positions(db, sorted({r["person_id"] for r in rows if r["person_id"] is not None}))
    out: dict[int, list[dict]] = {}
    for row in rows:
        names = out.setdefault(row["event_id"], [])
        if not row["name"] or any(o["name"] == row["name"] for o in names):
            continue
        held = roles.get(row["person_id"], [])
        # The title given in this event's article, else the one from any other article.
        role = next((r for r in held if r["article_id"] == row["article_id"]), held[0] if held else None)
        full = role_label(role["title"], role.get("organization")) if role and role["title"] else None
        names.append({"name": row["name"], "title": full})
    return out


def _positions(db, person_ids: list[int]) -> dict[int, list[dict]]:
    cols = columns(db, "positions")
    if not person_ids or not {"person_id", "title", "article_id"} <= cols:
        return {}
    org = "organization" if "organization" in cols else "NULL AS organization"
    out: dict[int, list[dict]] = {}
    for start in range(0, len(person_ids), 500):
        chunk = person_ids[start:start + 500]
        for row in _rows(db, f"SELECT person_id, article_id, title, {org} FROM positions"
                         f" WHERE title IS NOT NULL AND person_id IN ({_in_clause(chunk)}) ORDER BY rowid",
                         chunk):
            out.setdefault(row["person_id"], []).append(row)
    return out


def _documents(db, event_ids: list[int]) -> dict[int, list[str]]:
    if not event_ids or not has_table(db, "event_documents"):
        return {}
    out: dict[int, list[str]] = {}
    sql = (f"SELECT event_id, number FROM event_documents WHERE event_id IN ({_in_clause(event_ids)})"
           " ORDER BY rowid")
    for row in _rows(db, sql, event_ids):
        numbers = out.setdefault(row["event_id"], [])
        if row["number"] and row["number"] not in numbers:
            numbers.append(row["number"])
    return out


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
                entry.link(href=xml_text(source["url"]), rel="related", title=xml_text(source.get("outlet") or ""))
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
