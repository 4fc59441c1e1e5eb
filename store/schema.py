"""The schema, as data: tables, FTS, views, indexes and the ordered migrations that build them."""
from __future__ import annotations

import functools
import json
import zlib
from collections.abc import Iterable
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from store import clock as _clock
from store import connection as _conn
from store import extractions as _extractions

TABLES_V1 = [
    """CREATE TABLE sources (
        name TEXT PRIMARY KEY, province TEXT, homepage TEXT, family TEXT, config TEXT,
        enabled INTEGER NOT NULL DEFAULT 1, consecutive_failures INTEGER NOT NULL DEFAULT 0,
        disabled_reason TEXT, last_success TEXT, last_error TEXT, next_run TEXT)""",
    """CREATE TABLE crawl_runs (
        id INTEGER PRIMARY KEY, source TEXT, started TEXT NOT NULL, finished TEXT,
        status TEXT NOT NULL DEFAULT 'running', counts TEXT, error TEXT)""",
    """CREATE TABLE fetches (
        id INTEGER PRIMARY KEY, run_id INTEGER REFERENCES crawl_runs(id), url TEXT NOT NULL,
        outcome TEXT NOT NULL, http_status INTEGER, reason TEXT, at TEXT NOT NULL)""",
    """CREATE TABLE http_validators (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT)""",
    """CREATE TABLE articles (
        id INTEGER PRIMARY KEY, ext_id TEXT, url TEXT NOT NULL UNIQUE, canonical_url TEXT,
        source TEXT, site TEXT, title TEXT, sapo TEXT, text TEXT, author TEXT, published TEXT,
        fetched TEXT, content_hash TEXT, simhash INTEGER,
        sim_b0 INTEGER, sim_b1 INTEGER, sim_b2 INTEGER, sim_b3 INTEGER,
        duplicate_of INTEGER REFERENCES articles(id), raw_html_gz BLOB, search_folded TEXT)""",
    """CREATE TABLE duplicates (
        article_id INTEGER NOT NULL REFERENCES articles(id), other_id INTEGER NOT NULL REFERENCES articles(id),
        kind TEXT NOT NULL, similarity REAL, PRIMARY KEY (article_id, other_id))""",
    """CREATE TABLE mentions (
        id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id), kind TEXT NOT NULL,
        text TEXT, start INTEGER, "end" INTEGER, value TEXT, pipeline_version TEXT)""",
    """CREATE TABLE persons (id INTEGER PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE)""",
    """CREATE TABLE positions (
        person_id INTEGER NOT NULL REFERENCES persons(id), article_id INTEGER NOT NULL REFERENCES articles(id),
        title TEXT, organization TEXT, former INTEGER NOT NULL DEFAULT 0, pipeline_version TEXT)""",
    """CREATE TABLE organizations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE)""",
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY, number_key TEXT NOT NULL UNIQUE, number TEXT, type TEXT, date TEXT,
        issuer TEXT, year INTEGER, type_code TEXT, issuer_code TEXT)""",
    """CREATE TABLE citations (
        article_id INTEGER NOT NULL REFERENCES articles(id), document_id INTEGER NOT NULL REFERENCES documents(id),
        start INTEGER, "end" INTEGER, pipeline_version TEXT)""",
    """CREATE TABLE provinces (
        key TEXT NOT NULL, era TEXT NOT NULL, name TEXT NOT NULL, short TEXT, code TEXT, current TEXT,
        current_code TEXT, valid_from TEXT, valid_to TEXT, PRIMARY KEY (key, era))""",
    """CREATE TABLE events (
        id INTEGER PRIMARY KEY, event_key TEXT NOT NULL UNIQUE, article_id INTEGER NOT NULL REFERENCES articles(id),
        main INTEGER NOT NULL DEFAULT 0, type TEXT, date TEXT, province TEXT, title TEXT, summary TEXT,
        figures TEXT, content_hash TEXT, pipeline_version TEXT, created TEXT NOT NULL, updated TEXT NOT NULL)""",
    """CREATE TABLE event_officials (
        event_id INTEGER NOT NULL REFERENCES events(id), person_id INTEGER REFERENCES persons(id), name TEXT)""",
    """CREATE TABLE event_documents (
        event_id INTEGER NOT NULL REFERENCES events(id), document_id INTEGER REFERENCES documents(id), number TEXT)""",
    """CREATE TABLE event_provinces (event_id INTEGER NOT NULL REFERENCES events(id), province TEXT NOT NULL)""",
    """CREATE TABLE records (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id), record TEXT NOT NULL, pipeline_version TEXT,
        updated TEXT NOT NULL)""",
    """CREATE TABLE outbox (
        id INTEGER PRIMARY KEY, event_key TEXT NOT NULL, payload TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt TEXT, last_error TEXT, delivered_at TEXT)""",
    """CREATE TABLE job_runs (
        id INTEGER PRIMARY KEY, source TEXT, scheduled_for TEXT, started TEXT, finished TEXT, status TEXT,
        error TEXT, pid INTEGER)""",
]

# (table, columns, unique)
INDEXES = [
    ("crawl_runs", ["source", "started"], False),
    ("fetches", ["run_id"], False),
    ("fetches", ["url"], False),
    ("fetches", ["outcome"], False),
    ("articles", ["canonical_url"], False),
    ("articles", ["content_hash"], False),
    ("articles", ["duplicate_of"], False),
    ("articles", ["source"], False),
    ("articles", ["published"], False),
    ("articles", ["sim_b0"], False),
    ("articles", ["sim_b1"], False),
    ("articles", ["sim_b2"], False),
    ("articles", ["sim_b3"], False),
    ("duplicates", ["other_id"], False),
    ("mentions", ["article_id"], False),
    ("mentions", ["kind"], False),
    ("positions", ["person_id"], False),
    ("positions", ["article_id"], False),
    ("citations", ["article_id"], False),
    ("citations", ["document_id"], False),
    ("events", ["article_id"], False),
    ("events", ["province", "date"], False),
    ("events", ["type"], False),
    ("events", ["date"], False),
    ("event_officials", ["event_id"], False),
    ("event_officials", ["person_id"], False),
    ("event_documents", ["event_id"], False),
    ("event_documents", ["document_id"], False),
    ("event_provinces", ["event_id"], False),
    ("event_provinces", ["province"], False),
    ("outbox", ["delivered_at", "next_attempt"], False),
    ("outbox", ["event_key"], False),
    ("job_runs", ["source", "started"], False),
]

# Migration 0002's FTS5 table over title, text and the folded column (replaced by 0009, FTS_SQL).
FTS_SQL_V2 = [
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, search_folded, content='articles', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text, search_folded)
        VALUES (new.id, new.title, new.text, new.search_folded); END""",
    """CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text, search_folded)
        VALUES ('delete', old.id, old.title, old.text, old.search_folded); END""",
    """CREATE TRIGGER articles_au AFTER UPDATE OF title, text, search_folded ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text, search_folded)
        VALUES ('delete', old.id, old.title, old.text, old.search_folded);
        INSERT INTO articles_fts(rowid, title, text, search_folded)
        VALUES (new.id, new.title, new.text, new.search_folded); END""",
]

VIEWS = {
    "events_view": """
        SELECT e.event_key, e.date, e.type, e.province,
               (SELECT group_concat(name, '; ') FROM event_officials eo WHERE eo.event_id = e.id) AS officials,
               (SELECT group_concat(number, '; ') FROM event_documents ed WHERE ed.event_id = e.id) AS documents,
               e.title, (SELECT a.url FROM articles a WHERE a.id = e.article_id) AS url,
               e.article_id, e.main, e.updated, e.id AS event_id,
               (SELECT c.cluster_key FROM clusters c WHERE c.id = e.cluster_id) AS cluster,
               coalesce((SELECT c.outlets FROM clusters c WHERE c.id = e.cluster_id), 1) AS reported_by,
               (SELECT c.outlet_names FROM clusters c WHERE c.id = e.cluster_id) AS sources
        FROM events e WHERE e.hidden = 0 AND e.merged = 0""",
    "officials_view": """
        SELECT p.name AS person, p.id AS person_id,
               (SELECT group_concat(t, '; ') FROM (
                   SELECT DISTINCT CASE WHEN po.former THEN 'nguyên ' ELSE '' END
                          || coalesce(po.title, '') || coalesce(' — ' || po.organization, '') AS t
                   FROM positions po WHERE po.person_id = p.id)) AS positions,
               (SELECT count(DISTINCT po.article_id) FROM positions po WHERE po.person_id = p.id) AS articles,
               (SELECT group_concat(url, ' ') FROM (
                   SELECT DISTINCT a.url FROM positions po JOIN articles a ON a.id = po.article_id
                   WHERE po.person_id = p.id)) AS article_urls
        FROM persons p""",
    "documents_view": """
        SELECT d.number, d.type, d.date, d.issuer, d.id AS document_id, d.citations, d.articles
        FROM documents d ORDER BY d.citations DESC, d.number""",
    "province_timeline": """
        SELECT t.province, nullif(t.date, '') AS date, nullif(t.type, '') AS type, t.count
        FROM timeline_counts t WHERE t.count > 0 ORDER BY t.province, t.date, t.type""",
}

MIGRATIONS = Migrations("vnpolicy")


def _run_all(db: sqlite_utils.Database, statements: Iterable[str]) -> None:
    # db.execute, not executescript: executescript would COMMIT the migration's transaction.
    for sql in statements:
        db.execute(sql)


@MIGRATIONS(name="0001_tables")
def _m0001_tables(db):
    _run_all(db, TABLES_V1)
    for table, columns, unique in INDEXES:
        name = "idx_{}_{}".format(table, "_".join(columns))
        cols = ", ".join(f'"{c}"' for c in columns)
        db.execute(f"CREATE {'UNIQUE ' if unique else ''}INDEX IF NOT EXISTS {name} ON {table} ({cols})")


@MIGRATIONS(name="0002_fts")
def _m0002_fts(db):
    _run_all(db, FTS_SQL_V2)
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")


@MIGRATIONS(name="0003_views")
def _m0003_views(db):
    _create_views(db)


SUMMARIES_V4 = [
    # events.hidden: 1 when the event's article is a duplicate, so events_view needs no lookup of the
    # (wide) article row per event, and its facets, counts and pages read (hidden, …) indexes only.
    "ALTER TABLE events ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0",
    "CREATE INDEX idx_events_hidden_province_date ON events (hidden, province, date)",
    "CREATE INDEX idx_events_hidden_type_date ON events (hidden, type, date)",
    "CREATE INDEX idx_events_hidden_date ON events (hidden, date)",
    # Citation counts kept on the document: documents_view is then an index scan, not a GROUP BY.
    "ALTER TABLE documents ADD COLUMN citations INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE documents ADD COLUMN articles INTEGER NOT NULL DEFAULT 0",
    "CREATE INDEX idx_documents_citations ON documents (citations DESC, number)",
    # province_timeline as a summary table ('' stands for a missing date or type: keys must be NOT NULL).
    """CREATE TABLE timeline_counts (
        province TEXT NOT NULL, date TEXT NOT NULL, type TEXT NOT NULL, count INTEGER NOT NULL,
        PRIMARY KEY (province, date, type)) WITHOUT ROWID""",
    # Provinces of each article's record, folded: the search filter reads this instead of JSON.
    """CREATE TABLE article_provinces (
        article_id INTEGER NOT NULL REFERENCES articles(id), province_key TEXT NOT NULL,
        PRIMARY KEY (province_key, article_id)) WITHOUT ROWID""",
    "CREATE INDEX idx_article_provinces_article ON article_provinces (article_id)",
]


@MIGRATIONS(name="0004_summaries")
def _m0004_summaries(db):
    """Precomputed columns and summary tables; filled here from the rows already stored."""
    for name in VIEWS:  # views may name the new columns: out of the way while tables change
        db.execute(f"DROP VIEW IF EXISTS {name}")
    _run_all(db, SUMMARIES_V4)
    db.execute("UPDATE events SET hidden = 1 WHERE article_id IN "
               "(SELECT id FROM articles WHERE duplicate_of IS NOT NULL)")
    db.execute("""UPDATE documents SET
                    citations = (SELECT count(*) FROM citations c WHERE c.document_id = documents.id),
                    articles = (SELECT count(DISTINCT c.article_id) FROM citations c
                                WHERE c.document_id = documents.id)""")
    db.execute("""INSERT INTO timeline_counts (province, date, type, count)
                  SELECT ep.province, coalesce(e.date, ''), coalesce(e.type, ''), count(*)
                  FROM events e JOIN event_provinces ep ON ep.event_id = e.id
                  WHERE e.hidden = 0 GROUP BY 1, 2, 3""")
    for article_id, record in db.execute("SELECT article_id, record FROM records").fetchall():
        try:
            provinces = (json.loads(record) or {}).get("provinces") or []
        except (ValueError, AttributeError):
            continue  # a damaged record only loses its search filter
        _extractions._set_article_provinces(db, article_id, provinces)
    _create_views(db)


@MIGRATIONS(name="0005_captions")
def _m0005_captions(db):
    """Photo captions, kept apart from the body by the crawler's parsers, as a JSON list."""
    db.execute("ALTER TABLE articles ADD COLUMN captions TEXT")


INSIGHT_V6 = [
    # One happening reported by several outlets: events.cluster_id; every member but the cluster's
    # representative has merged = 1, so events_view and the feeds list the happening once.
    "ALTER TABLE events ADD COLUMN cluster_id INTEGER REFERENCES clusters(id)",
    "ALTER TABLE events ADD COLUMN merged INTEGER NOT NULL DEFAULT 0",
    "CREATE INDEX idx_events_cluster_id ON events (cluster_id)",
    # events_view filters on hidden = 0 AND merged = 0: the view's indexes carry both, so its counts
    # and facets stay index-only (migration 0004's (hidden, …) indexes are replaced).
    "DROP INDEX IF EXISTS idx_events_hidden_province_date",
    "DROP INDEX IF EXISTS idx_events_hidden_type_date",
    "DROP INDEX IF EXISTS idx_events_hidden_date",
    "CREATE INDEX idx_events_visible_province_date ON events (hidden, merged, province, date)",
    "CREATE INDEX idx_events_visible_type_date ON events (hidden, merged, type, date)",
    "CREATE INDEX idx_events_visible_date ON events (hidden, merged, date)",
    """CREATE TABLE clusters (
        id INTEGER PRIMARY KEY, cluster_key TEXT NOT NULL UNIQUE, type TEXT, province_block TEXT NOT NULL,
        date TEXT, province TEXT, rep_event_id INTEGER, events INTEGER NOT NULL DEFAULT 0,
        articles INTEGER NOT NULL DEFAULT 0, outlets INTEGER NOT NULL DEFAULT 0, outlet_names TEXT,
        sources TEXT, first_published TEXT, updated TEXT)""",
    "CREATE INDEX idx_clusters_block ON clusters (province_block, date)",
    # Officials' careers: what each article says a person started, ended or held; insight.registry
    # resolves the acts of a name into persons and dated spells when asked (cheap: one name's acts).
    """CREATE TABLE person_acts (
        id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id), name TEXT NOT NULL,
        name_key TEXT NOT NULL, act TEXT NOT NULL, verb TEXT, title TEXT, organization TEXT, province TEXT,
        province_current TEXT, date TEXT)""",
    "CREATE INDEX idx_person_acts_name ON person_acts (name_key)",
    "CREATE INDEX idx_person_acts_article ON person_acts (article_id)",
    # Successors are looked up among starts only: a partial index, a few % of the acts.
    "CREATE INDEX idx_person_acts_post ON person_acts (organization, title, date) WHERE act = 'start'",
    # What failed in an analysis, per article: the extraction itself is kept.
    """CREATE TABLE insight_errors (
        article_id INTEGER NOT NULL, stage TEXT NOT NULL, error TEXT, at TEXT NOT NULL,
        PRIMARY KEY (article_id, stage))""",
]


@MIGRATIONS(name="0006_insight")
def _m0006_insight(db):
    """Clusters of events across outlets and the officials' registry (filled by `vnpolicy insight
    --rebuild` for articles stored before this migration, and by every extraction after it)."""
    for name in VIEWS:
        db.execute(f"DROP VIEW IF EXISTS {name}")
    _run_all(db, INSIGHT_V6)
    _create_views(db)


@MIGRATIONS(name="0007_run_pid")
def _m0007_run_pid(db):
    """The pid of the crawl that holds a run, so a run whose process died can be closed."""
    db.execute("ALTER TABLE crawl_runs ADD COLUMN pid INTEGER")


@MIGRATIONS(name="0008_extraction_failures")
def _m0008_extraction_failures(db):
    """Articles whose extraction failed (over its time budget, or an error), with the reason, so a
    crawl or reprocess does not pick them again on every run; a successful extraction removes the row."""
    db.execute("""CREATE TABLE IF NOT EXISTS extraction_failures (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id), reason TEXT NOT NULL,
        pipeline_version TEXT, failed_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 1)""")


# Migration 0009: a smaller database (issue 12).  Measured at 20,000 articles: the folded copy of
# each text (search_folded) took 2.5 KB an article, the FTS index 3.7 KB (each word indexed twice,
# with and without diacritics), mentions 5.2 KB with their indexes, records 1 KB.
#
# * No stored folded copy: the FTS5 table indexes the folded title and text only, computed by vn_fold
#   in the triggers that feed it (on the raw bytes, so a row holding invalid UTF-8 is indexed, not
#   refused); its external content is the view articles_search.  An exact (diacritics typed) match
#   is checked on the article's own words when searching.
# * One compressed row per extraction: `records.data` is zlib-compressed JSON holding the record
#   and the mentions ([kind, start, end, value] each; the span text is the article's text at those
#   offsets, stored only when it is not).  The `mentions` and `records_view` views give them back as
#   rows to SQL (they need the vn_mentions / vn_record functions: store.connect, Datasette).
FTS_SQL = [
    # text before title: FTS5 marks every hit outside column 0 with its column number (2 bytes a
    # word and article), so the big column comes first (measured: 1.78 -> 1.3 KB an article).
    """CREATE VIEW articles_search AS
        SELECT id, vn_fold(CAST(text AS BLOB)) AS text, vn_fold(CAST(title AS BLOB)) AS title FROM articles""",
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        text, title, content='articles_search', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, text, title)
        VALUES (new.id, vn_fold(CAST(new.text AS BLOB)), vn_fold(CAST(new.title AS BLOB))); END""",
    """CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, text, title)
        VALUES ('delete', old.id, vn_fold(CAST(old.text AS BLOB)), vn_fold(CAST(old.title AS BLOB))); END""",
    """CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, text, title)
        VALUES ('delete', old.id, vn_fold(CAST(old.text AS BLOB)), vn_fold(CAST(old.title AS BLOB)));
        INSERT INTO articles_fts(rowid, text, title)
        VALUES (new.id, vn_fold(CAST(new.text AS BLOB)), vn_fold(CAST(new.title AS BLOB))); END""",
]

# Views over the compressed extractions (kept out of VIEWS: counting them decompresses every row).
EXTRACTION_VIEWS = {
    "mentions": """
        SELECT r.article_id, CAST(j.key AS INTEGER) AS seq, json_extract(j.value, '$[0]') AS kind,
               coalesce(json_extract(j.value, '$[4]'),
                        substr(a.text, json_extract(j.value, '$[1]') + 1,
                               json_extract(j.value, '$[2]') - json_extract(j.value, '$[1]'))) AS text,
               json_extract(j.value, '$[1]') AS start, json_extract(j.value, '$[2]') AS "end",
               json_extract(j.value, '$[3]') AS value, r.pipeline_version
        FROM records r LEFT JOIN articles a ON a.id = r.article_id, json_each(vn_mentions(r.data)) j""",
    "records_view": """
        SELECT r.article_id, vn_record(r.data) AS record, r.pipeline_version, r.updated FROM records r""",
}


# zlib preset dictionaries of `records.data`, by their Adler-32 (which a zlib stream made with one names in its
# header).  Data files made by scripts/make_extraction_dict.py; one in use never changes: a new one is added.
EXTRACTION_DICT_FILES = ("extraction_dict_v1.txt",)


@functools.cache
def _extraction_dicts() -> dict[int, bytes]:
    out = {}
    for name in EXTRACTION_DICT_FILES:
        path = Path(__file__).with_name(name)
        data = "".join(path.read_text(encoding="utf-8").splitlines()).encode("utf-8")
        out[zlib.adler32(data)] = data
    return out


def _extraction_dict() -> bytes:
    """The dictionary new blobs are packed with: the last of EXTRACTION_DICT_FILES."""
    return list(_extraction_dicts().values())[-1]


def pack_extraction(record: dict | None, mentions: list, text: str, dictionary: bool = True) -> bytes:
    """The `records.data` blob: zlib-compressed JSON {"record", "mentions": [[kind, start, end, value(, text)]]}.

    A mention's text is left out when it is `text[start:end]` (the contract of nlp.extract).
    The preset dictionary (the JSON keys and common short values) saves about a fifth.
    """
    rows = []
    for m in mentions:
        if not isinstance(m, dict):
            continue
        start, end, span = m.get("start"), m.get("end"), m.get("text")
        row = [m.get("kind"), start, end, m.get("value") or {}]
        derivable = (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)
                     and text[start:end] == span)
        if not derivable:
            row.append(span)
        rows.append(row)
    payload = json.dumps({"record": record, "mentions": rows}, ensure_ascii=False, sort_keys=True,
                         separators=(",", ":")).encode("utf-8")
    if not dictionary:
        return zlib.compress(payload, 9)
    packer = zlib.compressobj(9, zdict=_extraction_dict())
    return packer.compress(payload) + packer.flush()


def unpack_extraction(data: bytes | None) -> dict:
    """{"record": dict | None, "mentions": [[kind, start, end, value(, text)]]} from a `records.data` blob."""
    if not data:
        return {"record": None, "mentions": []}
    try:
        if len(data) > 6 and data[1] & 0x20:  # FDICT: made with the preset dictionary its header names
            unpacker = zlib.decompressobj(zdict=_extraction_dicts()[int.from_bytes(data[2:6], "big")])
            raw = unpacker.decompress(data) + unpacker.flush()
        else:
            raw = zlib.decompress(data)
        out = json.loads(raw.decode("utf-8"))
    except (zlib.error, ValueError, UnicodeDecodeError, KeyError, TypeError):
        return {"record": None, "mentions": []}  # a damaged blob reads as no extraction, never a crash
    return out if isinstance(out, dict) else {"record": None, "mentions": []}


def unpack_mentions(data: bytes | None, text: str) -> list[dict]:
    """The mentions of a `records.data` blob as nlp.extract gave them (text restored from the article)."""
    out = []
    for row in unpack_extraction(data).get("mentions") or []:
        kind, start, end, value = (list(row) + [None] * 4)[:4]
        span = row[4] if len(row) > 4 else text[start:end]
        out.append({"kind": kind, "text": span, "start": start, "end": end, "value": value or {}})
    return out


def _sql_record(data):
    record = unpack_extraction(data).get("record")
    return None if record is None else _conn._j(record)


def _sql_mentions(data):
    return json.dumps(unpack_extraction(data).get("mentions") or [], ensure_ascii=False, sort_keys=True)


@MIGRATIONS(name="0009_compact")
def _m0009_compact(db):
    """One folded FTS column fed by triggers instead of a stored folded copy; records and mentions
    packed into one compressed row per article (see FTS_SQL and EXTRACTION_VIEWS)."""
    for name in ("articles_ai", "articles_ad", "articles_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    db.execute("DROP TABLE IF EXISTS articles_fts")
    db.execute("ALTER TABLE articles DROP COLUMN search_folded")
    _run_all(db, FTS_SQL)
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")

    db.execute("ALTER TABLE records ADD COLUMN data BLOB")
    for (article_id,) in db.execute("SELECT article_id FROM records UNION SELECT DISTINCT article_id FROM mentions "
                                    "ORDER BY 1").fetchall():
        row = db.execute("SELECT record, pipeline_version FROM records WHERE article_id = ?", [article_id]).fetchone()
        try:
            record = json.loads(row[0]) if row and row[0] else None
        except ValueError:
            record = {"unreadable_record": row[0]}  # kept as it was, never dropped
        text = db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        article_text = text[0] if text and text[0] else ""
        mentions = []
        for kind, span, start, end, value in db.execute(
                'SELECT kind, text, start, "end", value FROM mentions WHERE article_id = ? ORDER BY id', [article_id]):
            try:
                value = json.loads(value) if value else {}
            except ValueError:
                value = {"unreadable_value": value}
            mentions.append({"kind": kind, "text": span, "start": start, "end": end, "value": value})
        blob = pack_extraction(record, mentions, article_text)
        if row:
            db.execute("UPDATE records SET data = ? WHERE article_id = ?", [blob, article_id])
        else:  # mentions without a record (written by hand): kept, with the mentions' version
            version = db.execute("SELECT pipeline_version FROM mentions WHERE article_id = ? LIMIT 1",
                                 [article_id]).fetchone()[0]
            db.execute("INSERT INTO records (article_id, record, pipeline_version, updated, data) "
                       "VALUES (?, '', ?, ?, ?)", [article_id, version, _clock.now(), blob])
    db.execute("DROP TABLE mentions")
    db.execute("ALTER TABLE records DROP COLUMN record")
    _create_views(db)



@MIGRATIONS(name="0010_events_changed")
def _m0010_events_changed(db):
    """The feed's order (latest change first) as an index, so ORDER BY … LIMIT reads only the page:
    every stamp comes from store.clock, so text order is time order."""
    db.execute("CREATE INDEX IF NOT EXISTS events_changed ON events (coalesce(updated, created) DESC, id DESC)")


@MIGRATIONS(name="0011_fts_text_first")
def _m0011_fts_text_first(db):
    """The folded FTS columns text first (FTS5 spends 2 bytes on every word hit outside column 0, 0.5 KB
    an article with the title first): a database made by the first version of 0009, title first, gets
    its index rebuilt; one made by the current 0009 is left as it is."""
    if [r[1] for r in db.execute("PRAGMA table_info(articles_fts)").fetchall()] == ["text", "title"]:
        return
    for name in ("articles_ai", "articles_ad", "articles_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    db.execute("DROP TABLE IF EXISTS articles_fts")
    db.execute("DROP VIEW IF EXISTS articles_search")
    _run_all(db, FTS_SQL)
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")


@MIGRATIONS(name="0012_drop_reserved_organizations")
def _m0012_drop_reserved_organizations(db):
    """The `organizations` table was created empty "for a later version" and never written: a
    body is the `organization` column of `positions` (and of the spec record), so the table goes."""
    db.execute("DROP TABLE IF EXISTS organizations")

@MIGRATIONS(name="0013_clusters_outlets")
def _m0013_clusters_outlets(db):
    """The happenings most widely reported, newest first, read from an index: "which outlets
    reported this" starts from clusters ordered by outlets (0.6 s at 100,000 articles without it;
    events_view's reported_by is a lookup per row, so ordering the view by it reads every event)."""
    db.execute("CREATE INDEX IF NOT EXISTS idx_clusters_outlets ON clusters (outlets DESC, date DESC)")


@MIGRATIONS(name="0014_clusters_evidence")
def _m0014_clusters_evidence(db):
    """Finding the clusters a new event may join without reading their members' pages.  A copy of
    the officials, documents and figures of each cluster's first members, kept by the writer: a
    new event checks a province's latest undated clusters for shared evidence, and reading them
    from the cluster row costs one page instead of a dozen scattered ones.  Clusters made before
    it have none and are read from their events until they next change."""
    if "evidence" not in {r[1] for r in db.execute("PRAGMA table_info(clusters)").fetchall()}:
        db.execute("ALTER TABLE clusters ADD COLUMN evidence TEXT")
    # The candidates' search (store.insight.candidate_clusters) from the index alone: a block's
    # clusters of a few days, or its latest undated ones (ordered by id), filtered by type.
    db.execute("DROP INDEX IF EXISTS idx_clusters_block")
    db.execute("CREATE INDEX idx_clusters_block ON clusters (province_block, date, id, type)")


@MIGRATIONS(name="0015_person_acts_provinces")
def _m0015_person_acts_provinces(db):
    """Where an official's latest acts were (store.insight.act_provinces, asked by clustering for
    every report with no province) read from the index alone: a name's entries in id order carry
    their provinces, instead of 200 table rows scattered over the file (0.18 → 0.05 ms a name
    at 100,000 articles).  It replaces the name index: every lookup by name_key still uses it."""
    db.execute("DROP INDEX IF EXISTS idx_person_acts_name")
    db.execute("CREATE INDEX idx_person_acts_name ON person_acts (name_key, id, province, province_current)")


def _all_views(db) -> dict[str, str]:
    """VIEWS, and EXTRACTION_VIEWS once migration 0009 has packed the extractions."""
    packed = any(r[1] == "data" for r in db.execute("PRAGMA table_info(records)").fetchall())
    return {**VIEWS, **EXTRACTION_VIEWS} if packed else dict(VIEWS)


def _create_views(db) -> None:
    for name, sql in _all_views(db).items():
        db.execute(f"DROP VIEW IF EXISTS {name}")
        db.execute(f"CREATE VIEW {name} AS {sql.strip()}")


def _views_current(db) -> bool:
    existing = {r[0]: r[1] for r in db.execute("SELECT name, sql FROM sqlite_master WHERE type='view'")}
    return all(existing.get(n) == f"CREATE VIEW {n} AS {s.strip()}" for n, s in _all_views(db).items())


def schema_version(db) -> list[str]:
    """Names of the migrations applied to this database, in order."""
    return [m.name for m in MIGRATIONS.applied(db)]
