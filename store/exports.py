"""Reading: events for the feed and the monitor, export records, views as CSV, an article with its mentions."""
from __future__ import annotations

import json
from collections.abc import Iterator

from store import articles as _articles
from store import insight as _insight
from store import schema as _schema
from store.text import fold

# An event's officials and documents as JSON arrays, for SELECTs over `events e`.
EVENT_LISTS_SQL = ("(SELECT json_group_array(name) FROM event_officials WHERE event_id = e.id), "
                   "(SELECT json_group_array(number) FROM event_documents WHERE event_id = e.id) ")


def event_dicts(rows, keys: tuple[str, ...]) -> list[dict]:
    """Rows as dicts over `keys`, the JSON lists (figures, officials, documents) decoded, empty values dropped."""
    out = []
    for row in rows:
        d = dict(zip(keys, row, strict=True))
        for k in ("figures", "officials", "documents"):
            if k in d:
                d[k] = [v for v in json.loads(d[k] or "[]") if v]
        out.append(d)
    return out


def _event_rows(db, where: str, params: list) -> list[dict]:
    cur = db.execute(
        "SELECT e.id, e.event_key, e.article_id, e.main, e.type, e.date, e.province, e.title, e.summary, "
        "e.figures, e.pipeline_version, e.created, e.updated, a.url, a.published, " + EVENT_LISTS_SQL +
        f"FROM events e JOIN articles a ON a.id = e.article_id WHERE {where}", params)
    keys = ("id", "event_key", "article_id", "main", "type", "date", "province", "title", "summary", "figures",
            "pipeline_version", "created", "updated", "url", "published", "officials", "documents")
    out = event_dicts(cur.fetchall(), keys)
    for d in out:
        d["main"] = bool(d["main"])
    return out


def new_events(db, since_id: int = 0, limit: int | None = None) -> list[dict]:
    """Events with id > since_id (oldest first), each with url, officials, documents, figures."""
    sql = "e.id > ? AND a.duplicate_of IS NULL ORDER BY e.id"
    params: list = [since_id or 0]
    if limit:
        sql += " LIMIT ?"
        params.append(int(limit))
    return _event_rows(db, sql, params)


def events_updated_since(db, since: str) -> list[dict]:
    """Events whose `updated` stamp is at or after `since` (an ISO timestamp), oldest first."""
    return _event_rows(db, "e.updated >= ? AND a.duplicate_of IS NULL ORDER BY e.updated, e.id", [since])


def export_records(db, since: str | None = None, province: str | None = None) -> Iterator[dict]:
    """One dict per stored or duplicate article: {url, title, published, text, **record}.

    A duplicate (a reprint the crawler kept as `duplicate_of` another article) is exported
    with its original's extraction, but its own id, url, title, published and text; its
    `event.cluster` is its original's.  `since` keeps articles published on or after that
    ISO date (each article's own date); `province` keeps articles whose record (for a
    duplicate, the original's) lists that province (case and diacritics ignored).
    """
    # The original's extraction when there is one, else the article's own (a duplicate extracted
    # before it was found to be one, or whose original has none yet).
    sql = ("SELECT a.id, a.ext_id, a.url, a.title, a.published, a.text, a.duplicate_of,"
           " coalesce(o.data, r.data) FROM articles a"
           " LEFT JOIN records r ON r.article_id = a.id"
           " LEFT JOIN records o ON o.article_id = a.duplicate_of WHERE 1")
    params: list = []
    if since:
        sql += " AND a.published >= ?"
        params.append(str(since))
    if province:  # article_provinces holds the record's provinces, folded, written with it
        sql += (" AND EXISTS (SELECT 1 FROM article_provinces ap WHERE ap.province_key = ?"
                " AND ap.article_id IN (a.id, a.duplicate_of))")
        params.append(fold(province).strip())
    for aid, ext_id, url, title, published, text, duplicate_of, data in db.execute(sql + " ORDER BY a.id", params):
        rec = _schema.unpack_extraction(data).get("record") or {}
        out = {"id": ext_id or str(aid), "url": url, "title": title, "published": published, "text": text or "",
               "provinces": [], "officials": [], "documents": [], "dates": [], "event": None}
        for k, v in rec.items():
            if k in ("url", "title", "text"):
                continue
            if duplicate_of is not None and k in ("id", "published"):
                continue  # the reprint's own, not its original's
            if k == "id" and not v:
                continue
            if k == "published" and not v:
                continue
            out[k] = v
        out["url"] = url  # "as crawled"
        if isinstance(out.get("event"), dict):
            out["event"] = dict(out["event"], cluster=_insight.article_cluster_key(db, aid))
        yield out


def view_rows(db, view: str) -> tuple[list[str], Iterator[tuple]]:
    """(column names, rows) of one of the VIEWS; the name is checked against the list."""
    if view not in _schema.VIEWS:
        raise KeyError(f"unknown view {view!r}; choose from {', '.join(_schema.VIEWS)}")
    cur = db.execute(f"SELECT * FROM {view}")
    return [d[0] for d in cur.description], iter(cur)


def article_with_mentions(db, article_id: int) -> tuple[dict | None, list[dict]]:
    """An article and its mentions ordered by offset (for the highlighted article page)."""
    article = _articles.get_article(db, article_id)
    if article is None:
        return None, []
    row = db.execute("SELECT data FROM records WHERE article_id = ?", [article_id]).fetchone()
    mentions = _schema.unpack_mentions(row[0] if row else None, article.get("text") or "")
    mentions.sort(key=lambda m: (m["start"] if isinstance(m["start"], int) else -1,
                                 -(m["end"] if isinstance(m["end"], int) else -1)))
    return article, mentions


def all_article_urls(db) -> Iterator[str]:
    """Every stored article URL and canonical URL (to seed a shared seen-set, e.g. in Redis)."""
    for url, canonical in db.execute("SELECT url, canonical_url FROM articles"):
        yield url
        if canonical:
            yield canonical
