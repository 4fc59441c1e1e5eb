"""The extraction writer: records, events, officials, documents and the summaries kept with them,
in the same transaction as the rows they count."""
from __future__ import annotations

import hashlib
import re

from store import articles as _articles
from store import clock as _clock
from store import connection as _conn
from store import insight as _insight
from store import schema as _schema
from store.text import document_key, fold, person_key


def _person_id(db, name: str) -> int | None:
    key = person_key(name)
    if not key:
        return None
    db.execute("INSERT INTO persons (name, name_key) VALUES (?, ?) ON CONFLICT(name_key) DO NOTHING", [name, key])
    return db.execute("SELECT id FROM persons WHERE name_key = ?", [key]).fetchone()[0]


def _document_id(db, doc: dict) -> int | None:
    number = doc.get("number")
    key = document_key(number)
    if not key:
        return None
    date = doc.get("date")
    year = None
    m = re.search(r"\b(19|20)\d{2}\b", str(date or "")) or re.search(r"/((?:19|20)\d{2})/", str(number))
    if m:
        year = int(m.group(0).strip("/"))
    symbol = str(number).split("/")[-1] if "/" in str(number) else None
    type_code, issuer_code = (symbol.split("-", 1) + [None])[:2] if symbol else (None, None)
    db.execute(
        """INSERT INTO documents (number_key, number, type, date, issuer, year, type_code, issuer_code)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(number_key) DO UPDATE SET type = coalesce(documents.type, excluded.type),
             date = coalesce(documents.date, excluded.date), issuer = coalesce(documents.issuer, excluded.issuer),
             year = coalesce(documents.year, excluded.year)""",
        [key, number, doc.get("type"), _conn._s(date), doc.get("issuer"), year, type_code, issuer_code])
    return db.execute("SELECT id FROM documents WHERE number_key = ?", [key]).fetchone()[0]


def _events_of(extraction: dict, article: dict) -> list[dict]:
    events = list(extraction.get("events") or [])
    if not events:
        main = (extraction.get("record") or {}).get("event")
        if main and any(main.get(k) for k in ("type", "date", "province")):
            events = [dict(main, main=True)]
    return events


def _summary(event: dict, article: dict) -> str | None:
    text = article.get("text") or ""
    start, end = event.get("start"), event.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        left = max(text.rfind(".", 0, start) + 1, text.rfind("\n", 0, start) + 1, start - 200)
        right_candidates = [i for i in (text.find(".", end), text.find("\n", end)) if i != -1]
        right = min(right_candidates + [end + 200, len(text)])
        return text[left:right + 1].strip() or None
    return (article.get("sapo") or text[:280]).strip() or None


def save_extraction(db, article_id: int, extraction: dict) -> dict:
    """Replace one article's extracted rows (mentions, positions, citations, events, record).

    One transaction; idempotent.  Events keep their `event_key` (article URL + "#" +
    index) and id; `updated` changes only when the event's content changed, which is
    what feeds watch.  Returns counts of what was written.
    """
    article = _articles.get_article(db, article_id)
    if article is None:
        raise KeyError(f"save_extraction: no article {article_id}")
    version = str(extraction.get("pipeline_version") or "")
    record = dict(extraction.get("record") or {})
    stamp = _clock.now()
    stats = {"mentions": 0, "officials": 0, "documents": 0, "events": 0, "events_changed": 0}
    hidden = article.get("duplicate_of") is not None
    with _conn.write(db):
        if not hidden:
            _timeline_add(db, _timeline_rows(db, article_id), -1)
        _citation_counts_add(db, article_id, -1)
        mentions = [m for m in extraction.get("mentions") or [] if isinstance(m, dict)]
        stats["mentions"] = len(mentions)

        db.execute("DELETE FROM positions WHERE article_id = ?", [article_id])
        for official in record.get("officials") or []:
            pid = _person_id(db, official.get("name"))
            if pid is None:
                continue
            stats["officials"] += 1
            for pos in official.get("positions") or [{}]:
                db.execute("INSERT INTO positions (person_id, article_id, title, organization, former, "
                           "pipeline_version) VALUES (?, ?, ?, ?, ?, ?)",
                           [pid, article_id, pos.get("title"), pos.get("organization"),
                            int(bool(pos.get("former"))), version])

        db.execute("DELETE FROM citations WHERE article_id = ?", [article_id])
        doc_mentions = [m for m in extraction.get("mentions") or []
                        if isinstance(m, dict) and m.get("kind") == "document"]
        for doc in record.get("documents") or []:
            did = _document_id(db, doc)
            if did is None:
                continue
            stats["documents"] += 1
            key = document_key(doc.get("number"))
            spans = [(m.get("start"), m.get("end")) for m in doc_mentions
                     if document_key((m.get("value") or {}).get("number") or m.get("text")) == key
                     or key in document_key(m.get("text"))] or [(None, None)]
            for start, end in spans:
                db.execute('INSERT INTO citations (article_id, document_id, start, "end", pipeline_version) '
                           "VALUES (?, ?, ?, ?, ?)", [article_id, did, start, end, version])

        _citation_counts_add(db, article_id, +1)
        stale_clusters = _insight._article_cluster_ids(db, article_id)
        main_events = _save_events(db, article, _events_of(extraction, article), version, stamp, stats)
        if hidden:
            db.execute("UPDATE events SET hidden = 1 WHERE article_id = ?", [article_id])
        else:
            _timeline_add(db, _timeline_rows(db, article_id), +1)
        _set_article_provinces(db, article_id, record.get("provinces") or [])

        record.setdefault("url", article["url"])
        db.execute("DELETE FROM extraction_failures WHERE article_id = ?", [article_id])
        db.execute("""INSERT INTO records (article_id, data, pipeline_version, updated) VALUES (?, ?, ?, ?)
                      ON CONFLICT(article_id) DO UPDATE SET data=excluded.data,
                        pipeline_version=excluded.pipeline_version, updated=excluded.updated""",
                   [article_id, _schema.pack_extraction(record, mentions, article.get("text") or ""), version, stamp])
        main = next((e for e in _events_of(extraction, article) if isinstance(e, dict) and e.get("main")), None)
        titles = [m.get("value") for m in extraction.get("mentions") or []
                  if isinstance(m, dict) and m.get("kind") == "title" and isinstance(m.get("value"), dict)]
        _run_insight(db, article_id, stale_clusters, stats, dict(
            article, record=record, titles=titles, main_events=main_events,
            event={k: main.get(k) for k in ("type", "date", "province")} if main else {}))
    return stats


INSIGHT_ON_SAVE = True  # False: a bulk load skips clusters and registry; `vnpolicy insight --rebuild` after


def _run_insight(db, article_id: int, stale_clusters: list[int], stats: dict, article: dict) -> None:
    """Clusters and the officials' registry, updated in the extraction's transaction.

    Each runs in a savepoint: a failure is stored in `insight_errors` (and counted in the
    stats) and the extraction itself is kept.
    """
    if not INSIGHT_ON_SAVE:
        return
    from insight import clusters, registry

    db.execute("DELETE FROM insight_errors WHERE article_id = ?", [article_id])
    for stage, step in (("cluster", lambda: clusters.assign(db, article_id, stale_clusters, article)),
                        ("registry", lambda: registry.update(db, article_id, article))):
        db.execute("SAVEPOINT insight")
        try:
            step()
        except Exception as exc:  # an analysis bug must not lose the article's extraction
            db.execute("ROLLBACK TO insight")
            stats[f"{stage}_error"] = f"{type(exc).__name__}: {exc}"
            db["insight_errors"].insert({"article_id": article_id, "stage": stage,
                                         "error": f"{type(exc).__name__}: {exc}"[:2000], "at": _clock.now()},
                                        replace=True)
        finally:
            db.execute("RELEASE insight")


# Summaries kept by the writer in the same transaction as the rows they count (migration 0004).

def _timeline_rows(db, article_id: int) -> list[tuple]:
    return db.execute("SELECT ep.province, coalesce(e.date, ''), coalesce(e.type, '') FROM events e "
                      "JOIN event_provinces ep ON ep.event_id = e.id WHERE e.article_id = ?",
                      [article_id]).fetchall()


def _timeline_add(db, rows: list[tuple], sign: int) -> None:
    for province, date, type_ in rows:
        db.execute("INSERT INTO timeline_counts (province, date, type, count) VALUES (?, ?, ?, ?) "
                   "ON CONFLICT(province, date, type) DO UPDATE SET count = count + excluded.count",
                   [province, date, type_, sign])
        if sign < 0:
            db.execute("DELETE FROM timeline_counts WHERE province = ? AND date = ? AND type = ? AND count <= 0",
                       [province, date, type_])


def _citation_counts_add(db, article_id: int, sign: int) -> None:
    """Add (or take away) one article's citations to documents.citations / documents.articles."""
    db.execute("""UPDATE documents SET citations = citations + ? * c.n, articles = articles + ?
                  FROM (SELECT document_id, count(*) AS n FROM citations WHERE article_id = ?
                        GROUP BY document_id) AS c WHERE documents.id = c.document_id""",
               [sign, sign, article_id])


def _set_hidden(db, article_id: int, hidden: bool) -> None:
    """An article became (or stopped being) a duplicate: its events leave (or join) the views."""
    if hidden:
        _timeline_add(db, _timeline_rows(db, article_id), -1)
    db.execute("UPDATE events SET hidden = ? WHERE article_id = ?", [int(hidden), article_id])
    if not hidden:
        _timeline_add(db, _timeline_rows(db, article_id), +1)


def _set_article_provinces(db, article_id: int, provinces: list) -> None:
    db.execute("DELETE FROM article_provinces WHERE article_id = ?", [article_id])
    keys = {fold(p).strip() for p in provinces if isinstance(p, str) and p.strip()}
    for key in sorted(keys):
        db.execute("INSERT INTO article_provinces (article_id, province_key) VALUES (?, ?)", [article_id, key])


def _save_events(db, article: dict, events: list[dict], version: str, stamp: str, stats: dict) -> list[dict]:
    """Write one article's events; returns its main events as clustering reads them
    (store.insight.event_features), ordered by id."""
    article_id = article["id"]
    main = []
    old = {k: (i, h) for i, k, h in db.execute(
        "SELECT id, event_key, content_hash FROM events WHERE article_id = ?", [article_id]).fetchall()}
    kept = set()
    for index, ev in enumerate(events):
        if not isinstance(ev, dict):
            continue
        key = f"{article['url']}#{index}"
        officials = [o for o in ev.get("officials") or [] if o]
        documents = [d for d in ev.get("documents") or [] if d]
        content = {
            "main": bool(ev.get("main", index == 0)), "type": ev.get("type"), "date": _conn._s(ev.get("date")),
            "province": ev.get("province"), "title": article.get("title"), "summary": _summary(ev, article),
            "figures": list(ev.get("figures") or []), "officials": officials, "documents": documents,
        }
        digest = hashlib.sha1(_conn._j(content).encode()).hexdigest()
        values = [int(content["main"]), content["type"], content["date"], content["province"], content["title"],
                  content["summary"], _conn._j(content["figures"]), digest, version]
        if key in old:
            event_id, old_hash = old[key]
            if old_hash != digest:
                db.execute("UPDATE events SET main=?, type=?, date=?, province=?, title=?, summary=?, figures=?, "
                           "content_hash=?, pipeline_version=?, updated=? WHERE id = ?", values + [stamp, event_id])
                stats["events_changed"] += 1
            else:
                db.execute("UPDATE events SET pipeline_version = ? WHERE id = ?", [version, event_id])
        else:
            event_id = db.execute(
                "INSERT INTO events (main, type, date, province, title, summary, figures, content_hash, "
                "pipeline_version, event_key, article_id, created, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                values + [key, article_id, stamp, stamp]).lastrowid
            stats["events_changed"] += 1
        kept.add(key)
        stats["events"] += 1
        if content["main"]:
            main.append(_insight.event_features(article, event_id, key, content))
        for table in ("event_officials", "event_documents", "event_provinces"):
            db.execute(f"DELETE FROM {table} WHERE event_id = ?", [event_id])
        for name in officials:
            db.execute("INSERT INTO event_officials (event_id, person_id, name) VALUES (?, ?, ?)",
                       [event_id, _person_id(db, name), name])
        for number in documents:
            did = _document_id(db, {"number": number})
            db.execute("INSERT INTO event_documents (event_id, document_id, number) VALUES (?, ?, ?)",
                       [event_id, did, number])
        if content["province"]:
            db.execute("INSERT INTO event_provinces (event_id, province) VALUES (?, ?)",
                       [event_id, content["province"]])
    for key, (event_id, _) in old.items():
        if key not in kept:
            for table in ("event_officials", "event_documents", "event_provinces"):
                db.execute(f"DELETE FROM {table} WHERE event_id = ?", [event_id])
            db.execute("DELETE FROM events WHERE id = ?", [event_id])
    return sorted(main, key=lambda e: e["id"])
