"""Insight: clusters of events across outlets, the officials' registry, documents' reach.
The logic is in insight/; these are its reads and writes (migration 0006)."""
from __future__ import annotations

import itertools
import json
import re
from collections import OrderedDict

from store import articles as _articles
from store import clock as _clock
from store import connection as _conn
from store import exports as _exports
from store import schema as _schema
from store.text import document_key, person_key

# ---------------------------------------------------------------------------

def outlet_of(url: str | None, source: str | None = None) -> str:
    """The outlet that published an article: its source name, else the URL's host without www."""
    if source:
        return source
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", str(url or ""), flags=re.I).split("/")[0].split(":")[0]
    return host[4:] if host.lower().startswith("www.") else host


def _article_cluster_ids(db, article_id: int) -> list[int]:
    return [r[0] for r in db.execute("SELECT DISTINCT cluster_id FROM events WHERE article_id = ? "
                                     "AND cluster_id IS NOT NULL", [article_id])]


def detach_article_events(db, article_id: int) -> list[int]:
    """Take one article's events out of their clusters; returns the clusters they left."""
    left = _article_cluster_ids(db, article_id)
    # Only rows that change: an UPDATE rewrites the entries of every index naming a SET column
    # (cluster_id, and merged in each events_view index) even when the value stays the same.
    # (`merged` is set only on a cluster's members: an article in no cluster has none to clear.)
    if left:
        db.execute("UPDATE events SET cluster_id = NULL, merged = 0 WHERE article_id = ? "
                   "AND (cluster_id IS NOT NULL OR merged != 0)", [article_id])
    return left


def _cluster_features(db, where: str, params: list) -> list[dict]:
    rows = db.execute(
        "SELECT e.id, e.event_key, e.article_id, e.cluster_id, e.type, e.date, e.province, a.title, e.summary, "
        "e.figures, a.published, substr(a.text, 1, 600), a.source, a.url, e.content_hash, " + _exports.EVENT_LISTS_SQL
        + f"FROM events e JOIN articles a ON a.id = e.article_id WHERE {where}", params).fetchall()
    keys = ("id", "event_key", "article_id", "cluster_id", "type", "date", "province", "title", "summary",
            "figures", "published", "lead", "source", "url", "content_hash", "officials", "documents")
    out = _exports.event_dicts(rows, keys)
    for d in out:
        d["outlet"] = outlet_of(d.pop("url"), d.pop("source"))
    return out


def event_features(article: dict, event_id: int, event_key: str, content: dict) -> dict:
    """What `events_for_clustering` reads of one event, from what the writer has just stored:
    `article` as store.get_article gives it, `content` the event's columns and lists."""
    text = article.get("text")
    return {"id": event_id, "event_key": event_key, "article_id": article["id"], "cluster_id": None,
            "type": content.get("type"), "date": content.get("date"), "province": content.get("province"),
            "title": article.get("title"), "summary": content.get("summary"),
            "figures": [v for v in json.loads(_conn._j(content.get("figures") or [])) if v],
            "published": article.get("published"), "lead": None if text is None else text[:600],
            "officials": [v for v in content.get("officials") or [] if v],
            "documents": [v for v in content.get("documents") or [] if v],
            "outlet": outlet_of(article.get("url"), article.get("source"))}


def events_for_clustering(db, article_id: int) -> list[dict]:
    """The main events of one article with what clustering compares (see insight.clusters.compare)."""
    out = _cluster_features(db, "e.article_id = ? AND e.main = 1 ORDER BY e.id", [article_id])
    for d in out:
        del d["content_hash"]
    return out


def candidate_clusters(db, types: list[str] | None, windows: list[tuple[str, str, str, int]],
                       undated_blocks: list[str], undated_limit: int
                       ) -> tuple[list[int], list[int], dict[int, str | None]]:
    """Clusters a new event may join, in one statement: for each (block, lo, hi, limit) of `windows`
    the latest `limit` clusters of that province block with an anchor date in [lo, hi], and for each
    of `undated_blocks` the latest `undated_limit` founded by a report with no date at all; of these
    `types` (None: any).  Returns (dated ids in window order, undated ids in block order, the
    evidence kept on each one's row: see `kept_evidence`)."""
    type_sql = f" AND type IN ({', '.join('?' * len(types))})" if types is not None else ""
    type_params = list(types) if types is not None else []
    arms, params = [], []
    for n, (block, lo, hi, limit) in enumerate(windows):
        arms.append(f"SELECT * FROM (SELECT {n}, id, evidence FROM clusters WHERE province_block = ? "
                    f"AND date BETWEEN ? AND ?{type_sql} ORDER BY date DESC, id DESC LIMIT ?)")
        params += [block, lo, hi, *type_params, int(limit)]
    for n, block in enumerate(undated_blocks, start=len(windows)):
        arms.append(f"SELECT * FROM (SELECT {n}, id, evidence FROM clusters WHERE province_block = ? AND date IS NULL"
                    f"{type_sql} ORDER BY id DESC LIMIT ?)")
        params += [block, *type_params, int(undated_limit)]
    if not arms:
        return [], [], {}
    rows = db.execute(" UNION ALL ".join(arms), params).fetchall()
    rows.sort(key=lambda r: r[0])  # stable: each arm keeps its own order
    return ([cid for arm, cid, _ in rows if arm < len(windows)], [cid for arm, cid, _ in rows if arm >= len(windows)],
            {cid: evidence for _, cid, evidence in rows})


def kept_evidence(evidence: str | None, limit: int) -> list[str] | None:
    """The evidence lines of a cluster's first `limit` members from its row's copy (`refresh_cluster`);
    None when the copy is missing (a cluster made before migration 0014) or holds fewer members."""
    first, _, lines = (evidence or "").partition("\n")
    return lines.split("\n")[:limit] if first.isdigit() and int(first) >= limit else None


def _first_members(cluster_ids: list[int], limit: int) -> tuple[str, list]:
    """A WHERE clause on `events e` for the first `limit` events (by id) of each cluster.  The ids go
    as one JSON array: one statement text for any number of clusters, prepared once."""
    return ("e.id IN (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY cluster_id ORDER BY id) AS n"
            " FROM events WHERE cluster_id IN (SELECT value FROM json_each(?))) WHERE n <= ?)"
            " ORDER BY e.cluster_id, e.id", [json.dumps([int(c) for c in cluster_ids]), int(limit)])


MEMBER_CACHE = 16384  # events whose features a writer's connection keeps for clustering (~6 KB each)


def cluster_members(db, cluster_ids: list[int], limit: int) -> dict[int, list[dict]]:
    """The first `limit` events (by id) of each cluster with what clustering compares.

    A writer meets the same candidate clusters for article after article (one province, a few
    days): each connection keeps the features of the last MEMBER_CACHE events it read, keyed by
    the event's id and content hash, so only the ids and hashes are read again.  (The cached dict
    also keeps what insight.clusters memoizes on it: folded texts, keys, session numbers.)"""
    out: dict[int, list[dict]] = {cid: [] for cid in cluster_ids}
    if not cluster_ids:
        return out
    where, params = _first_members(cluster_ids, limit)
    rows = db.execute(f"SELECT e.cluster_id, e.id, e.content_hash FROM events e WHERE {where}", params).fetchall()
    cache = db.__dict__.setdefault("_vnpolicy_members", OrderedDict())
    missing = [eid for _, eid, digest in rows if (eid, digest) not in cache]
    if missing:
        for d in _cluster_features(db, "e.id IN (SELECT value FROM json_each(?))", [json.dumps(missing)]):
            cache[(d["id"], d.pop("content_hash"))] = d
    for cluster_id, eid, digest in rows:
        d = cache[(eid, digest)]
        cache.move_to_end((eid, digest))
        d["cluster_id"] = cluster_id
        out[cluster_id].append(d)
    while len(cache) > MEMBER_CACHE:  # the least recently used go, after this call's are taken
        cache.popitem(last=False)
    return out


def cluster_evidence(db, cluster_ids: list[int], limit: int, live: set[int] | frozenset = frozenset()
                     ) -> dict[int, list[str] | None]:
    """The evidence lines `refresh_cluster` keeps on each cluster row for its first `limit` members
    (one page, none of the members'); None for the clusters in `live` (changed since their last
    refresh) and those with no copy of `limit` members: `cluster_evidence_members` reads them."""
    out: dict[int, list[str] | None] = {cid: None for cid in cluster_ids}
    stored = [int(cid) for cid in cluster_ids if cid not in live]
    if stored:
        for cid, evidence in db.execute("SELECT id, evidence FROM clusters WHERE id IN (SELECT value FROM json_each(?))",
                                        [json.dumps(stored)]):
            out[cid] = kept_evidence(evidence, limit)
    return out


def cluster_evidence_members(db, cluster_ids: list[int], limit: int) -> dict[int, list[dict]]:
    """The same members as `cluster_members`, with only their officials, documents and figures."""
    out: dict[int, list[dict]] = {cid: [] for cid in cluster_ids}
    if not cluster_ids:
        return out
    where, params = _first_members(cluster_ids, limit)
    rows = db.execute("SELECT e.cluster_id, e.figures, " + _exports.EVENT_LISTS_SQL + f"FROM events e WHERE {where}",
                      params).fetchall()
    for row in _exports.event_dicts(rows, ("cluster_id", "figures", "officials", "documents")):
        out[row["cluster_id"]].append(row)
    return out


def set_event_cluster(db, event_id: int, cluster_id: int) -> None:
    db.execute("UPDATE events SET cluster_id = ? WHERE id = ?", [cluster_id, event_id])


_SOURCE_COLUMNS = "a.id, a.url, a.source, a.published, a.title, a.duplicate_of"


def _sources(rows) -> list[dict]:
    sources = [{"article_id": aid, "url": url, "outlet": outlet_of(url, source), "published": published,
                "title": title, "duplicate_of": dup} for aid, url, source, published, title, dup in rows]
    return sorted(sources, key=lambda s: (s["published"] or "9999", s["article_id"]))


def _cluster_sources(db, cluster_id: int) -> list[dict]:
    """Every article reporting the cluster's happening, the crawler's duplicates of them included."""
    return _sources(db.execute(
        f"SELECT {_SOURCE_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id WHERE e.cluster_id = ?1 "
        f"UNION SELECT {_SOURCE_COLUMNS} FROM events e JOIN articles a ON a.duplicate_of = e.article_id "
        "WHERE e.cluster_id = ?1", [cluster_id]).fetchall())


def _article_sources(db, article_id: int) -> list[dict]:
    """`_cluster_sources` of a cluster whose only member is an event of this article."""
    return _sources(db.execute(f"SELECT {_SOURCE_COLUMNS} FROM articles a WHERE a.id = ?1 "
                               f"UNION SELECT {_SOURCE_COLUMNS} FROM articles a WHERE a.duplicate_of = ?1",
                               [article_id]).fetchall())


def _counts(sources: list[dict]) -> list:
    """articles, outlets, outlet_names, sources, first_published: the clusters columns counted from its sources."""
    outlets = list(dict.fromkeys(s["outlet"] for s in sources))
    published = min((s["published"] for s in sources if s["published"]), default=None)
    return [len(sources), len(outlets), ", ".join(outlets), _conn._j(sources), published]


def found_cluster(db, key: str, event: dict, block: str, date: str | None, evidence: str, first: int) -> str:
    """A new cluster whose one member is `event` ({id, article_id, type, province}), written whole in
    one statement (what `refresh_cluster` would make of it).
    `evidence`: the evidence text of the event (see refresh_cluster), kept for `first` members.
    Returns its key (`key`, or "key-2" … when taken)."""
    counts = _counts(_article_sources(db, event["article_id"]))
    for n in itertools.count(1):
        row = db.execute(
            "INSERT INTO clusters (cluster_key, type, province_block, date, updated, rep_event_id, province, events, "
            "articles, outlets, outlet_names, sources, first_published, evidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?) ON CONFLICT (cluster_key) DO NOTHING "
            "RETURNING id, cluster_key",
            [key if n == 1 else f"{key}-{n}", event.get("type"), block, date, _clock.now(), event["id"],
             event.get("province"), *counts, f"{int(first)}\n{evidence}"]).fetchone()
        if row:
            set_event_cluster(db, event["id"], row[0])
            return row[1]
    raise AssertionError("unreachable")


def refresh_cluster(db, cluster_id: int, evidence_of=None, first: int = 0) -> str | None:
    """Recount one cluster (representative, outlets, sources); delete it when empty. Returns its key.

    `evidence_of`: its members changed, so the evidence kept on its row is rewritten: the text
    `evidence_of` makes of its first `first` members ({officials, documents, figures}), stored
    after a line with `first` (read back by `cluster_evidence`)."""
    first = int(first) if evidence_of else 0
    members = db.execute(
        "SELECT e.id, e.hidden, e.type, e.date, e.province, e.merged, e.figures, "
        "CASE WHEN e.n <= ? THEN (SELECT json_group_array(name) FROM event_officials WHERE event_id = e.id) END, "
        "CASE WHEN e.n <= ? THEN (SELECT json_group_array(number) FROM event_documents WHERE event_id = e.id) END "
        "FROM (SELECT id, hidden, type, date, province, merged, figures, row_number() OVER (ORDER BY id) AS n "
        "FROM events WHERE cluster_id = ?) e ORDER BY e.id", [first, first, cluster_id]).fetchall()
    if not members:
        db.execute("DELETE FROM clusters WHERE id = ?", [cluster_id])
        return None
    rep = next((m for m in members if not m[1]), members[0])
    if any(m[5] != (m[0] != rep[0]) for m in members):  # only the rows that change (see detach_article_events)
        db.execute("UPDATE events SET merged = (id != ?) WHERE cluster_id = ? AND merged != (id != ?)",
                   [rep[0], cluster_id, rep[0]])
    sets = ("rep_event_id = ?, type = ?, province = ?, events = ?, articles = ?, outlets = ?, outlet_names = ?, "
            "sources = ?, first_published = ?, updated = ?")
    params = [rep[0], rep[2], rep[4], len(members), *_counts(_cluster_sources(db, cluster_id)), _clock.now()]
    if first:
        sets += ", evidence = ?"
        params.append(f"{first}\n" + evidence_of(_exports.event_dicts(
            [m[6:] for m in members[:first]], ("figures", "officials", "documents"))))
    return db.execute(f"UPDATE clusters SET {sets} WHERE id = ? RETURNING cluster_key", [*params, cluster_id]
                      ).fetchone()[0]


def add_to_cluster(db, cluster_id: int, events: list[dict], evidence_of, first: int) -> str | None:
    """`refresh_cluster` for a cluster that has only gained `events` ({id, article_id}, set to it
    by `set_event_cluster`) since it was last counted: the counts, sources and evidence are brought
    up to date from its row and the new events' articles, without reading every member — the cost
    of a join no longer grows with the cluster.  Recounts in full when the row does not allow it
    (its representative gone or hidden, a new event older than a member, other changes)."""
    row = db.execute("SELECT c.rep_event_id, c.events, c.sources, c.evidence, r.cluster_id, r.hidden FROM clusters c "
                     "LEFT JOIN events r ON r.id = c.rep_event_id WHERE c.id = ?", [cluster_id]).fetchone()
    ids = sorted(int(e["id"]) for e in events)
    if row is None or row[4] != cluster_id or row[5] or min(ids) < row[0]:
        return refresh_cluster(db, cluster_id, evidence_of, first)
    count, newest_other = db.execute(
        "SELECT count(*), max(CASE WHEN id NOT IN (SELECT value FROM json_each(?1)) THEN id END) FROM events "
        "WHERE cluster_id = ?2", [json.dumps(ids), cluster_id]).fetchone()
    copy = kept_evidence(row[3], first) if first else []
    if count != row[1] + len(ids) or (newest_other or 0) > min(ids) or copy is None:
        return refresh_cluster(db, cluster_id, evidence_of, first)
    db.execute("UPDATE events SET merged = 1 WHERE id IN (SELECT value FROM json_each(?)) AND merged != 1",
               [json.dumps(ids)])  # the representative, the oldest visible member, stays
    sources = {s["article_id"]: s for s in json.loads(row[2] or "[]")}
    for article_id in dict.fromkeys(e["article_id"] for e in events):
        for source in _article_sources(db, article_id):
            sources.setdefault(source["article_id"], source)
    sets = "events = ?, articles = ?, outlets = ?, outlet_names = ?, sources = ?, first_published = ?, updated = ?"
    params = [count, *_counts(sorted(sources.values(), key=lambda s: (s["published"] or "9999", s["article_id"]))),
              _clock.now()]
    if first and len(copy) < first:  # the new events are the newest: their lines come last
        by_id = sorted(events, key=lambda e: e["id"])[:first - len(copy)]
        lines = copy + [evidence_of([e]) for e in by_id]
        sets += ", evidence = ?"
        params.append(f"{int(first)}\n" + "\n".join(lines))
    return db.execute(f"UPDATE clusters SET {sets} WHERE id = ? RETURNING cluster_key", [*params, cluster_id]
                      ).fetchone()[0]


def clear_clusters(db) -> None:
    db.execute("UPDATE events SET cluster_id = NULL, merged = 0 WHERE cluster_id IS NOT NULL OR merged != 0")
    db.execute("DELETE FROM clusters")


def clustered_article_ids(db) -> list[int]:
    return [r[0] for r in db.execute("SELECT DISTINCT article_id FROM events WHERE main = 1 ORDER BY article_id")]


def count_clusters(db) -> int:
    return db.execute("SELECT count(*) FROM clusters").fetchone()[0]


def cluster(db, key: str) -> dict | None:
    """One cluster by key: {cluster, type, date, province, outlets, sources: [...], events: [...]}."""
    row = db.execute("SELECT id, cluster_key, type, date, province, outlets, outlet_names, sources, rep_event_id "
                     "FROM clusters WHERE cluster_key = ?", [key]).fetchone()
    if row is None:
        return None
    cid = row[0]
    events = _exports._event_rows(db, "e.cluster_id = ? ORDER BY a.published, e.id", [cid])
    for e in events:
        e["outlet"] = outlet_of(e["url"], db.execute("SELECT source FROM articles WHERE id = ?",
                                                     [e["article_id"]]).fetchone()[0])
    rep = next((e for e in events if e["id"] == row[8]), events[0] if events else {})
    return {"cluster": row[1], "type": row[2], "date": rep.get("date") or row[3], "province": row[4],
            "title": rep.get("title"), "summary": rep.get("summary"), "outlets": row[5],
            "outlet_names": row[6], "sources": json.loads(row[7] or "[]"), "events": events}


def clusters_of_events(db, event_ids: list[int]) -> dict[int, dict]:
    """event id -> {cluster, outlets, outlet_names, sources} (for feeds)."""
    out: dict[int, dict] = {}
    for start in range(0, len(event_ids), 500):
        chunk = [int(i) for i in event_ids[start:start + 500]]
        if not chunk:
            continue
        for eid, key, outlets, names, sources in db.execute(
                "SELECT e.id, c.cluster_key, c.outlets, c.outlet_names, c.sources FROM events e "
                f"JOIN clusters c ON c.id = e.cluster_id WHERE e.id IN ({', '.join('?' * len(chunk))})", chunk):
            out[eid] = {"cluster": key, "outlets": outlets, "outlet_names": names,
                        "sources": json.loads(sources or "[]")}
    return out


def article_cluster_key(db, article_id: int) -> str | None:
    """The cluster of an article's main event; a duplicate article gets its original's."""
    row = db.execute("SELECT c.cluster_key FROM events e JOIN clusters c ON c.id = e.cluster_id "
                     "WHERE e.article_id = coalesce((SELECT duplicate_of FROM articles WHERE id = ?), ?) "
                     "AND e.main = 1 ORDER BY e.id LIMIT 1", [article_id, article_id]).fetchone()
    return row[0] if row else None


# The registry of officials (insight.registry).

def article_for_registry(db, article_id: int) -> dict | None:
    """An article with its record, main event and the offsets of its official mentions."""
    article = _articles.get_article(db, article_id)
    if article is None:
        return None
    row = db.execute("SELECT data FROM records WHERE article_id = ?", [article_id]).fetchone()
    article["record"] = _schema.unpack_extraction(row[0] if row else None).get("record") or {}
    ev = db.execute("SELECT type, date, province FROM events WHERE article_id = ? AND main = 1 ORDER BY id LIMIT 1",
                    [article_id]).fetchone()
    article["event"] = dict(zip(("type", "date", "province"), ev, strict=True)) if ev else {}
    article["titles"] = [m["value"] for m in _schema.unpack_mentions(row[0] if row else None, article.get("text") or "")
                         if m["kind"] == "title" and m["value"] is not None]
    return article


def replace_person_acts(db, article_id: int, acts: list[dict]) -> set[str]:
    """Store one article's acts (replacing its old ones); returns the name keys touched, old and new."""
    touched = {r[0] for r in db.execute("SELECT DISTINCT name_key FROM person_acts WHERE article_id = ?",
                                        [article_id])}
    if touched:
        db.execute("DELETE FROM person_acts WHERE article_id = ?", [article_id])
    rows = []
    for a in acts:
        key = person_key(a.get("name"))
        if not key:
            continue
        touched.add(key)
        rows.append([article_id, a["name"], key, a["act"], a.get("verb"), a.get("title"), a.get("organization"),
                     a.get("province"), a.get("province_current"), a.get("date")])
    db.conn.executemany("INSERT INTO person_acts (article_id, name, name_key, act, verb, title, organization, "
                        "province, province_current, date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return touched


def person_acts(db, name_key: str) -> list[dict]:
    rows = db.execute("SELECT id, article_id, name, act, verb, title, organization, province, province_current, "
                      "date FROM person_acts WHERE name_key = ?", [name_key]).fetchall()
    keys = ("id", "article_id", "name", "act", "verb", "title", "organization", "province", "province_current",
            "date")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def act_provinces(db, name_key: str, latest: int = 200) -> list[tuple[str | None, str | None, int]]:
    """(province, post-merger province, acts) of one name's `latest` acts, counted (a common name
    has thousands; where its bearers serve now is in the latest)."""
    return db.execute("SELECT province, province_current, count(*) FROM (SELECT province, province_current "
                      "FROM person_acts WHERE name_key = ? ORDER BY id DESC LIMIT ?) GROUP BY province, province_current",
                      [name_key, int(latest)]).fetchall()


def clear_person_acts(db) -> None:
    db.execute("DELETE FROM person_acts")


def extracted_article_ids(db) -> list[int]:
    return [r[0] for r in db.execute("SELECT article_id FROM records ORDER BY article_id")]


def person_name_keys(db, name: str, limit: int = 50) -> list[str]:
    """Name keys of officials matching `name`: the exact folded name first, then names starting
    with it, then names containing it as whole words ("quang thach")."""
    key = person_key(name)
    if not key:
        return []
    like = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    keys = [key] if db.execute("SELECT 1 FROM person_acts WHERE name_key = ? LIMIT 1", [key]).fetchone() else []
    keys += [r[0] for r in db.execute(  # a range, so the name_key index serves it
        "SELECT DISTINCT name_key FROM person_acts WHERE name_key > ? AND name_key < ? ORDER BY name_key LIMIT ?",
        [key + " ", key + "!", limit])]
    if not keys:
        keys += [r[0] for r in db.execute(
            "SELECT DISTINCT name_key FROM person_acts WHERE name_key LIKE ? ESCAPE '\\' ORDER BY name_key LIMIT ?",
            ["% " + like, limit - len(keys)])]
    return list(dict.fromkeys(keys))[:limit]


def article_urls(db, article_ids: list[int]) -> list[str]:
    ids = [int(i) for i in article_ids if i is not None]
    if not ids:
        return []
    return [u for (u,) in db.execute(f"SELECT url FROM articles WHERE id IN ({', '.join('?' * len(ids))}) "
                                     "ORDER BY published, id", ids)]


def successor(db, organization: str, title: str, since: str, name_key: str) -> tuple[str, str] | None:
    """(name, date) of the first other person who started in this post after `since`."""
    row = db.execute("SELECT name, date FROM person_acts WHERE organization = ? AND title = ? AND act = 'start' "
                     "AND date > ? AND name_key != ? ORDER BY date LIMIT 1",
                     [organization, title, since, name_key]).fetchone()
    return (row[0], row[1]) if row else None


# Documents' reach.

def document_reach(db, number: str) -> dict | None:
    """A document by number (any spelling document_key folds alike) and every article citing it:
    {number, type, issuer, date, citations: [{url, title, published, province, date, event_type,
    cluster}]} ordered by date.  A bare number ("57") matches when exactly one document has it."""
    key = document_key(number)
    if not key:
        return None
    row = db.execute("SELECT id, number, type, issuer, date FROM documents WHERE number_key = ?", [key]).fetchone()
    if row is None:
        found = db.execute("SELECT id, number, type, issuer, date FROM documents WHERE number_key LIKE ? LIMIT 2",
                           [key.replace("%", "") + "/%"]).fetchall() or db.execute(
            "SELECT id, number, type, issuer, date FROM documents WHERE number_key LIKE ? LIMIT 2",
            [key.replace("%", "") + "-%"]).fetchall()
        if len(found) != 1:
            return None
        row = found[0]
    did = row[0]
    cites = db.execute(
        "SELECT a.id, a.url, a.title, a.published, a.source, e.type, e.date, e.province, c.cluster_key, "
        "CASE WHEN e.province IS NULL THEN r.data END "
        "FROM (SELECT DISTINCT article_id FROM citations WHERE document_id = ?) ci "
        "JOIN articles a ON a.id = ci.article_id LEFT JOIN records r ON r.article_id = a.id "
        "LEFT JOIN events e ON e.id = (SELECT id FROM events WHERE article_id = a.id AND main = 1 ORDER BY id LIMIT 1) "
        "LEFT JOIN clusters c ON c.id = e.cluster_id "
        "WHERE a.duplicate_of IS NULL", [did]).fetchall()
    cites = [(*c[:7], c[7] if c[7] is not None else _first_province(c[9]), c[8]) for c in cites]
    issuer, date, type_ = row[3], row[4], row[2]
    if not (issuer and date and type_):  # from any citation that states them: the first few records
        for (data,) in db.execute("SELECT r.data FROM citations ci "
                                  "JOIN records r ON r.article_id = ci.article_id WHERE ci.document_id = ? "
                                  "ORDER BY ci.article_id LIMIT 50", [did]):
            docs = (_schema.unpack_extraction(data).get("record") or {}).get("documents")
            for d in docs if isinstance(docs, list) else []:
                if isinstance(d, dict) and document_key(d.get("number")) == document_key(row[1]):
                    issuer, date, type_ = issuer or d.get("issuer"), date or d.get("date"), type_ or d.get("type")
            if issuer and date and type_:
                break
    citations = []
    for aid, url, title, published, source, ev_type, ev_date, province, cluster_key in cites:
        ev = {"type": ev_type, "date": ev_date, "cluster": cluster_key}
        citations.append({"article_id": aid, "url": url, "title": title, "published": published,
                          "outlet": outlet_of(url, source), "province": province,
                          "date": ev.get("date") or (str(published)[:10] if published else None),
                          "event_type": ev.get("type"), "cluster": ev.get("cluster")})
    citations.sort(key=lambda c: (c["date"] or "9999", c["article_id"]))
    return {"number": row[1], "type": type_, "issuer": issuer, "date": date, "citations": citations}


def _first_province(data: bytes | None):
    provinces = (_schema.unpack_extraction(data).get("record") or {}).get("provinces")
    return provinces[0] if isinstance(provinces, list) and provinces else None


def count_person_names(db) -> int:
    return db.execute("SELECT count(DISTINCT name_key) FROM person_acts").fetchone()[0]


def _province_filter(where: str, province: str | None) -> tuple[str, list]:
    """`where`, narrowed to one province when one is given, and its parameters."""
    return (f"{where} AND province = ?", [province]) if province else (where, [])


def events_per_month(db, province: str | None = None) -> list[tuple[str, int]]:
    """[(YYYY-MM, events)] oldest first, from the summary table (dated events only; one province if given)."""
    where, params = _province_filter("count > 0 AND length(date) >= 7", province)
    sql = f"SELECT substr(date, 1, 7) AS month, SUM(count) FROM timeline_counts WHERE {where}"
    return [(m, int(n)) for m, n in db.execute(sql + " GROUP BY month ORDER BY month", params).fetchall()]


def events_per_province(db, limit: int = 40) -> list[tuple[str, int]]:
    """[(province, events)] most events first (events with a province only)."""
    rows = db.execute("SELECT province, SUM(count) AS n FROM timeline_counts WHERE count > 0 AND province != '' "
                      "GROUP BY province ORDER BY n DESC, province LIMIT ?", [limit]).fetchall()
    return [(p, int(n)) for p, n in rows]


def event_list(db, province: str | None = None, limit: int = 50) -> list[dict]:
    """Main events newest first, with the article id for the highlighted page (one province if given)."""
    where, params = _province_filter("main = 1", province)
    sql = f"SELECT event_key, date, type, province, officials, documents, title, url, article_id FROM events_view WHERE {where}"
    cur = db.execute(sql + " ORDER BY coalesce(date, '') DESC, article_id DESC LIMIT ?", params + [limit])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def event_totals(db) -> tuple[int, int]:
    """(main events shown in the views, non-duplicate articles)."""
    events = db.execute("SELECT count(*) FROM events_view WHERE main = 1").fetchone()[0]
    articles = db.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NULL").fetchone()[0]
    return int(events), int(articles)
