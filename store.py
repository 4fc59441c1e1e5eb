"""The storage layer: the only module that knows SQL and the schema.

Everything else (crawler, nlp, query, web, monitor) calls the functions here, so the
schema can change in one place.  The schema is a list of ordered migrations
(`sqlite_utils.migrations.Migrations`, each applied in a transaction and recorded in
`_sqlite_migrations`), so a database made by an older version upgrades in place when
`connect()` opens it.  Full-text search, views and indexes are declared as data
(`FTS_SQL`, `VIEWS`, `INDEXES`).  What the views would otherwise recount on every page
(citations per document, events per province/day/type, which events belong to duplicate
articles) is kept in summary tables and columns (`SUMMARIES_V4`) that `save_extraction`
and `save_article` update in the same transaction as the rows they count.

Writes are idempotent upserts inside one transaction each: a crawl re-run or a killed
writer never leaves half an article or duplicate rows.  Values from users only ever
reach SQLite as bound parameters; full-text queries go through `fts_query()`, which
turns any string into quoted FTS5 phrases.

Vietnamese search: FTS5's unicode61 tokenizer never folds đ→d and (with
remove_diacritics 1) misses letters carrying two marks, so the FTS table indexes the
text folded by `fold()` (lower case, diacritics removed, đ→d), computed in its triggers
by the `vn_fold` SQL function: no folded copy is stored (migration 0009).  A query typed
with diacritics lists the matches having its exact words first (checked on the article),
so "Hà" does not drown in "Hạ".  Each article's record and mentions are one compressed
row (`records.data`, see `pack_extraction`).
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
import fcntl
import functools
import gzip
import hashlib
import json
import os
import re
import sqlite3
import unicodedata
import urllib.parse
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

FETCH_OUTCOMES = ("stored", "duplicate", "not_modified", "robots", "blocked", "http_error",
                  "parse_error", "skipped", "error")
RUN_STATUSES = ("running", "ok", "failed", "interrupted")
SQLITE_HEADER = b"SQLite format 3\x00"
NEAR_DUPLICATE_BITS = 3  # Hamming distance at or under which two simhashes are the same story
NEAR_DUPLICATE_JACCARD = 0.7  # word-pair overlap that confirms a simhash candidate
NEAR_CANDIDATES = 300  # band matches examined per insert: bounds the cost on a large corpus
MIN_WORDS_FOR_NEAR = 8  # below this a simhash says little: short texts only dedup exactly
MERGER_DATE = "2025-07-01"  # 63 provinces before, 34 from this day
# Page size of a new database: an article row (3-4 KB of text) leaves a fifth of a 4 KB page empty or
# spills into a half-empty overflow page; 16 KB pages hold four or five.  An existing file keeps its
# page size (only VACUUM changes it).
PAGE_SIZE = 16384
SEARCH_CANDIDATES = 2000  # newest full-text matches ranked by bm25 per search: bounds its cost


def now() -> str:
    """UTC timestamp, ISO 8601 to the second: sortable as text."""
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


# ---------------------------------------------------------------------------
# Text folding (shared by the writer and every search front end)
# ---------------------------------------------------------------------------

class _FoldTable(dict):
    """str.translate table built lazily: one output character per input character.

    Keeping the length lets a match found in folded text be mapped back to the
    original (NFC) text for snippets.
    """

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch in "đĐ":
            out = "d"
        else:
            base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
            out = base.lower() if base else " "
            if len(out) != 1:
                out = ch.lower() if len(ch.lower()) == 1 else ch
        self[code] = out
        return out


_FOLD = _FoldTable()


def fold(text: str | None) -> str:
    """Lower case, Vietnamese diacritics removed, đ→d; same length as NFC(text)."""
    if not text:
        return ""
    return unicodedata.normalize("NFC", text).translate(_FOLD)


def has_diacritics(text: str) -> bool:
    """True when folding changes more than letter case (the user typed marks or đ)."""
    nfc = unicodedata.normalize("NFC", text)
    return fold(nfc) != nfc.lower()


_TOKEN = re.compile(r"\w+")


def fts_query(query: str, folded: bool = False) -> str:
    """Turn any user string into a safe FTS5 query.

    Each whitespace-separated chunk becomes one quoted phrase of its word tokens, so
    "1719/QĐ-TTg" is the phrase "1719 QĐ TTg" and operators, quotes and parentheses
    typed by the user are plain text.  Phrases are ANDed.  Empty when nothing
    searchable remains.
    """
    phrases = []
    for chunk in (query or "").split():
        text = fold(chunk) if folded else unicodedata.normalize("NFC", chunk)
        tokens = [t for t in _TOKEN.findall(text) if t.strip("_")]
        if tokens:
            phrases.append('"' + " ".join(tokens).replace('"', '""') + '"')
    return " ".join(phrases)


def normalize_text(text: str | None) -> str:
    """Text as compared for exact duplicates: NFC, lower case, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text or "").lower().split())


def document_key(number: str | None) -> str:
    """Match key of a document number: case, spaces, "số", dash style ignored, Đ = D."""
    key = fold(number or "").upper()
    key = re.sub(r"^\s*SO\s+", "", key)
    key = re.sub(r"[\u2010-\u2015\u2212]", "-", key)
    return re.sub(r"\s+", "", key)


def person_key(name: str | None) -> str:
    """Match key of a person's name: folded, single-spaced."""
    return " ".join(fold(name or "").split())


# ---------------------------------------------------------------------------
# Simhash (near-duplicate detection)
# ---------------------------------------------------------------------------

def _features(text: str) -> list[str]:
    """Words with their repeats: unigram simhash moves least under small edits (measured: an
    inserted word flips 1-2 bits where 3-word shingles flip 4-9) and stays far (~27 bits) from
    a different story."""
    return normalize_text(text).split()


def simhash(text: str | None) -> int | None:
    """64-bit simhash over the words, as a signed int (SQLite INTEGER); None if too short."""
    shingles = _features(text or "")
    if len(shingles) < MIN_WORDS_FOR_NEAR:
        return None
    import numpy as np  # spaCy's dependency; vectorizes the 64 bit counts

    hashes = np.array([int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little")
                       for s in shingles], dtype=np.uint64)
    bits = (hashes[:, None] >> np.arange(64, dtype=np.uint64)) & np.uint64(1)
    votes = bits.sum(axis=0) * 2 > len(shingles)
    value = 0
    for i, v in enumerate(votes):
        if v:
            value |= 1 << i
    return value - (1 << 64) if value >= 1 << 63 else value


def _bands(value: int | None) -> list[int | None]:
    """Four 16-bit bands: two hashes within 3 bits share at least one band (pigeonhole)."""
    if value is None:
        return [None] * 4
    u = value & ((1 << 64) - 1)
    return [(u >> (16 * i)) & 0xFFFF for i in range(4)]


def hamming(a: int, b: int) -> int:
    return ((a ^ b) & ((1 << 64) - 1)).bit_count()


# ---------------------------------------------------------------------------
# Schema, as data
# ---------------------------------------------------------------------------

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
        _set_article_provinces(db, article_id, provinces)
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
#   in the triggers that feed it; its external content is the view articles_search.  An exact
#   (diacritics typed) match is checked on the article's own words when searching.
# * One compressed row per extraction: `records.data` is zlib-compressed JSON holding the record
#   and the mentions ([kind, start, end, value] each; the span text is the article's text at those
#   offsets, stored only when it is not).  The `mentions` and `records_view` views give them back as
#   rows to SQL (they need the vn_mentions / vn_record functions: store.connect, Datasette).
FTS_SQL = [
    # text before title: FTS5 marks every hit outside column 0 with its column number (2 bytes a
    # word and article), so the big column comes first (measured: 1.78 -> 1.3 KB an article).
    """CREATE VIEW articles_search AS
        SELECT id, vn_fold(text) AS text, vn_fold(title) AS title FROM articles""",
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        text, title, content='articles_search', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, text, title) VALUES (new.id, vn_fold(new.text), vn_fold(new.title)); END""",
    """CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, text, title)
        VALUES ('delete', old.id, vn_fold(old.text), vn_fold(old.title)); END""",
    """CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, text, title)
        VALUES ('delete', old.id, vn_fold(old.text), vn_fold(old.title));
        INSERT INTO articles_fts(rowid, text, title) VALUES (new.id, vn_fold(new.text), vn_fold(new.title)); END""",
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
    return None if record is None else _j(record)


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
                       "VALUES (?, '', ?, ?, ?)", [article_id, version, now(), blob])
    db.execute("DROP TABLE mentions")
    db.execute("ALTER TABLE records DROP COLUMN record")
    _create_views(db)


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


# ---------------------------------------------------------------------------
# Connection
# ---------------------------------------------------------------------------

class DatabaseError(Exception):
    """The --db path cannot be used: a folder, not SQLite, unreadable, or read-only for a writer.

    Its message is one line meant for the operator; commands exit 2 on it.
    """


def check_path(path, require_write: bool = False, sniff: bool = True) -> bool:
    """Whether `path` must be opened read-only; DatabaseError when it cannot be used at all.

    ``sniff`` reads the file's first bytes to tell SQLite from anything else.  Only for a
    process with no connection to that file yet: closing any descriptor of a database
    file drops every POSIX lock SQLite holds on it in this process (a corruption risk),
    so `connect` leaves the test to SQLite itself ("file is not a database").

    Read-only means the file, or the folder that holds it (WAL needs to create files
    there), cannot be written.  A missing file is fine for a writer whose folder is
    writable (it will be created).
    """
    if str(path) == ":memory:":
        return False
    p = os.path.abspath(os.fspath(path))
    folder = os.path.dirname(p)
    if os.path.isdir(p):
        raise DatabaseError(f"{path}: is a folder, not a database file")
    if not os.path.exists(p):
        if not os.path.isdir(folder):
            raise DatabaseError(f"{path}: the folder {folder} does not exist")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise DatabaseError(f"{path}: does not exist and the folder {folder} is read-only")
        return False
    if not os.access(p, os.R_OK):
        raise DatabaseError(f"{path}: permission denied (cannot read the file)")
    if sniff:
        try:
            with open(p, "rb") as fh:
                header = fh.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise DatabaseError(f"{path}: cannot read: {exc.strerror or exc}") from None
        if header and header != SQLITE_HEADER:
            raise DatabaseError(f"{path}: not an SQLite database")
    readonly = not os.access(p, os.W_OK) or not os.access(folder, os.W_OK | os.X_OK)
    if readonly and require_write:
        where = "file" if not os.access(p, os.W_OK) else f"folder {folder}"
        raise DatabaseError(f"{path}: the database is read-only (the {where} cannot be written)")
    return readonly


def _open_readonly(path) -> sqlite3.Connection:
    """A read-only connection; in a read-only folder without WAL index, opened immutable."""
    p = os.path.abspath(os.fspath(path))
    folder_ro = not os.access(os.path.dirname(p), os.W_OK | os.X_OK)
    mode = "immutable=1" if folder_ro and not os.path.exists(p + "-shm") else "mode=ro"
    return sqlite3.connect(f"file:{urllib.parse.quote(p)}?{mode}", uri=True, check_same_thread=False)


def connect(path, migrate: bool = True, readonly: bool | None = None,
            require_write: bool = False) -> sqlite_utils.Database:
    """Open (or create) the database in WAL mode and apply pending migrations.

    Views are data: when `VIEWS` changed since the database was made they are
    recreated, so a view fix needs no new migration.  A database that cannot be
    written (read-only file or folder) is opened read-only (``readonly=None``, the
    default, decides by itself) and left exactly as it is: no migration, no WAL
    switch.  ``require_write`` makes that case a DatabaseError, as are a folder,
    a file that is not SQLite or an unreadable one — one line, no traceback.
    """
    auto_ro = check_path(path, require_write=require_write, sniff=False)
    readonly = auto_ro if readonly is None else readonly
    try:
        if readonly:
            db = sqlite_utils.Database(_open_readonly(path), execute_plugins=False)
            db.conn.execute("PRAGMA busy_timeout = 30000")
            db.conn.execute("PRAGMA query_only = 1")
            db.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            _register_functions(db)
            return db
        db = sqlite_utils.Database(path, execute_plugins=False)
        db.conn.execute("PRAGMA busy_timeout = 30000")
        if str(path) != ":memory:":
            if db.conn.execute("PRAGMA page_count").fetchone()[0] == 0:  # a new file: before WAL, the only time
                db.conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            db.conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise DatabaseError(f"{path}: not an SQLite database") from None
        raise DatabaseError(f"{path}: {exc}") from None
    db.conn.execute("PRAGMA synchronous = NORMAL")
    db.conn.execute("PRAGMA foreign_keys = OFF")
    _limit_size(db)
    _register_functions(db)
    if migrate:
        # Two processes opening a new database at once (two crawlers, a crawl and
        # the scheduler) would both create the tables: one migrates, the other waits.
        with _schema_lock(path):
            MIGRATIONS.apply(db)
            if not _views_current(db):
                with write(db):
                    _create_views(db)
            load_provinces(db)
    return db


def _limit_size(db) -> None:
    """The `db_max_mb` setting: past it writes fail with "database or disk is full", as on a full disk."""
    import settings as project

    mb = project.get("db_max_mb")
    if mb:
        page_size = db.conn.execute("PRAGMA page_size").fetchone()[0]
        db.conn.execute(f"PRAGMA max_page_count = {max(1, int(mb * 1024 * 1024 // page_size))}")


@contextlib.contextmanager
def _schema_lock(path):
    """An exclusive lock on `<db>.lock` for the time of a migration (none for :memory:)."""
    if str(path) == ":memory:":
        yield
        return
    try:
        handle = open(f"{path}.lock", "a")  # noqa: SIM115 — held for the lock's lifetime
    except OSError:  # a read-only location: nobody can migrate there anyway
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def crawl_locks(path, keys: Iterable[str]):
    """Hold a lock per crawl key (a source name, or ``host:NAME`` for ad-hoc URLs) on `path`.

    Yields ``(held, busy)``: the keys this process now holds and those another live
    process holds.  The locks are POSIX byte-range locks on one file, ``<db>.crawl.lock``,
    one byte per key (its CRC-32): the kernel drops them when the holder dies, even by
    kill -9, so there is nothing stale to clean up.  Without a lock file (read-only
    folder, :memory:) every key is held.
    """
    import zlib

    keys = list(dict.fromkeys(keys))
    if str(path) == ":memory:":
        yield keys, []
        return
    try:
        handle = open(f"{path}.crawl.lock", "a")  # noqa: SIM115 — held for the locks' lifetime
    except OSError:
        yield keys, []
        return
    held, busy = [], []
    with handle:
        for key in keys:
            try:
                fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, zlib.crc32(key.encode("utf-8")))
                held.append(key)
            except OSError:
                busy.append(key)
        try:
            yield held, busy
        finally:
            for key in held:
                with contextlib.suppress(OSError):
                    fcntl.lockf(handle, fcntl.LOCK_UN, 1, zlib.crc32(key.encode("utf-8")))


@contextlib.contextmanager
def write(db):
    """A write transaction that takes SQLite's write lock up front (BEGIN IMMEDIATE).

    A deferred transaction that reads before it writes cannot wait for another
    process's write lock (SQLITE_BUSY at once, whatever busy_timeout says);
    an immediate one waits its turn. Nested calls become savepoints.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    else:
        db.conn.commit()


def _register_functions(db) -> None:
    """SQL helpers for researchers: vn_fold('Đồng') = 'dong'; vn_doc_key('số 1719/QĐ-TTg')."""
    db.conn.create_function("vn_fold", 1, fold, deterministic=True)
    db.conn.create_function("vn_doc_key", 1, document_key, deterministic=True)
    register_unpack_functions(db.conn)


def register_unpack_functions(conn) -> None:
    """vn_record(records.data) -> the record as JSON; vn_mentions(records.data) -> its mentions as a
    JSON array of [kind, start, end, value(, text)] (the `mentions` and `records_view` views use them)."""
    conn.create_function("vn_record", 1, _sql_record, deterministic=True)
    conn.create_function("vn_mentions", 1, _sql_mentions, deterministic=True)


def load_provinces(db, rows: Iterable | None = None) -> int:
    """Fill `provinces` from nlp.provinces.gazetteer() (63 "old" + 34 "new" rows); idempotent.

    Rows are dicts or dataclasses with key, name, short, code, era ("old"/"new"),
    current (short name of the post-merger province), current_code, valid_from, valid_to.
    Skipped quietly (returns 0) while the gazetteer is not importable; runs again on the
    next connect when the table is still empty.
    """
    if rows is None:
        if db.execute("SELECT count(*) FROM provinces").fetchone()[0]:
            return 0
        try:
            from nlp.provinces import gazetteer
            rows = list(gazetteer())
        except Exception:  # the gazetteer is another stage's module; its absence must not stop storage
            return 0
    count = 0
    with write(db):
        for row in rows:
            if dataclasses.is_dataclass(row):
                row = dataclasses.asdict(row)
            era = str(row.get("era") or "")
            new_era = era == "new"
            db.execute(
                """INSERT INTO provinces (key, era, name, short, code, current, current_code, valid_from, valid_to)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(key, era) DO UPDATE SET name=excluded.name, short=excluded.short,
                     code=excluded.code, current=excluded.current, current_code=excluded.current_code,
                     valid_from=excluded.valid_from, valid_to=excluded.valid_to""",
                [row.get("key") or row.get("name"), era, row.get("name"), row.get("short"), _s(row.get("code")),
                 _s(row.get("current")), _s(row.get("current_code")),
                 row.get("valid_from") or (MERGER_DATE if new_era else None),
                 row.get("valid_to") or (None if new_era else "2025-06-30")],
            )
            count += 1
    return count


def _s(value):
    return None if value is None else str(value)


def _j(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


# ---------------------------------------------------------------------------
# Crawl bookkeeping
# ---------------------------------------------------------------------------

def upsert_source(db, source: dict) -> None:
    """Insert or update one `sources` row (configuration columns only; health columns kept)."""
    row = dict(source)
    if isinstance(row.get("config"), (dict, list)):
        row["config"] = _j(row["config"])
    cols = [c for c in ("name", "province", "homepage", "family", "config", "enabled") if c in row]
    updates = ", ".join(f"{c}=excluded.{c}" for c in cols if c != "name") or "name=excluded.name"
    db.execute(f"INSERT INTO sources ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)}) "
               f"ON CONFLICT(name) DO UPDATE SET {updates}", [row[c] for c in cols])


def start_run(db, source: str | None) -> int:
    return db.execute("INSERT INTO crawl_runs (source, started, status, pid) VALUES (?, ?, 'running', ?)",
                      [source, now(), os.getpid()]).lastrowid


def log_fetch(db, run_id: int | None, url: str, outcome: str, http_status: int | None = None,
              reason: str | None = None) -> None:
    """Record one fetch; an unknown outcome is stored as "error" with the bad value in the reason."""
    if outcome not in FETCH_OUTCOMES:
        reason = f"unknown outcome {outcome!r}" + (f": {reason}" if reason else "")
        outcome = "error"
    db.execute("INSERT INTO fetches (run_id, url, outcome, http_status, reason, at) VALUES (?, ?, ?, ?, ?, ?)",
               [run_id, url, outcome, http_status, None if reason is None else str(reason)[:2000], now()])


def finish_run(db, run_id: int, status: str = "ok", error: str | None = None,
               lost: dict[str, int] | None = None) -> dict:
    """Close a run: counts per fetch outcome, and the source's health columns updated.

    ``lost`` adds what the run could not record or finish (e.g. ``lost_storage`` items
    that failed to be written, ``unfetched`` requests abandoned by an interruption,
    ``unextracted`` articles left for the next run) to the stored counts.
    """
    if status not in RUN_STATUSES or status == "running":
        error = f"unknown status {status!r}" + (f": {error}" if error else "")
        status = "failed"
    with write(db):
        counts = dict(db.execute("SELECT outcome, count(*) FROM fetches WHERE run_id = ? GROUP BY outcome",
                                 [run_id]).fetchall())
        counts.update({k: int(v) for k, v in (lost or {}).items() if v})
        stamp = now()
        db.execute("UPDATE crawl_runs SET finished = ?, status = ?, counts = ?, error = ? WHERE id = ?",
                   [stamp, status, _j(counts), None if error is None else str(error)[:2000], run_id])
        row = db.execute("SELECT source FROM crawl_runs WHERE id = ?", [run_id]).fetchone()
        if row and row[0]:
            if status == "ok":
                db.execute("UPDATE sources SET last_success = ?, consecutive_failures = 0 WHERE name = ?",
                           [stamp, row[0]])
            elif status == "failed":
                db.execute("UPDATE sources SET last_error = ?, consecutive_failures = consecutive_failures + 1 "
                           "WHERE name = ?", [error or status, row[0]])
            else:  # interrupted: the operator stopped it, not a failure of the source
                db.execute("UPDATE sources SET last_error = ? WHERE name = ?", [error or status, row[0]])
    return counts


def run_status(db, run_id: int) -> str | None:
    row = db.execute("SELECT status FROM crawl_runs WHERE id = ?", [run_id]).fetchone()
    return row[0] if row else None


def _pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def close_dead_runs(db) -> int:
    """Runs left `running` by a process that is gone (kill -9, power loss) become `interrupted`."""
    rows = db.execute("SELECT id, pid FROM crawl_runs WHERE status = 'running'").fetchall()
    closed = 0
    for run_id, pid in rows:
        if pid is not None and pid != os.getpid() and not _pid_alive(pid):
            finish_run(db, run_id, "interrupted", f"the crawl process (pid {pid}) ended without closing this run")
            closed += 1
    return closed


def validators(db, url: str) -> dict:
    row = db.execute("SELECT etag, last_modified FROM http_validators WHERE url = ?", [url]).fetchone()
    return {"etag": row[0], "last_modified": row[1]} if row else {"etag": None, "last_modified": None}


def set_validators(db, url: str, etag: str | None, last_modified: str | None) -> None:
    db.execute("""INSERT INTO http_validators (url, etag, last_modified) VALUES (?, ?, ?)
                  ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, last_modified=excluded.last_modified""",
               [url, etag, last_modified])


# ---------------------------------------------------------------------------
# Articles
# ---------------------------------------------------------------------------

def known_url(db, url: str) -> bool:
    """True when the URL was stored (as an article, a duplicate, or another page's canonical URL)."""
    if not url:
        return False
    return db.execute("SELECT 1 FROM articles WHERE url = ? OR canonical_url = ? LIMIT 1",
                      [url, url]).fetchone() is not None


def _find_duplicate(db, article_id, content_hash, sim, text) -> tuple[int | None, str | None, float | None]:
    if content_hash:
        row = db.execute("SELECT id FROM articles WHERE content_hash = ? AND +duplicate_of IS NULL AND id IS NOT ? "
                         "ORDER BY id LIMIT 1", [content_hash, article_id]).fetchone()
        if row:
            return row[0], "exact", 1.0
    if sim is not None:
        b = _bands(sim)
        rows = db.execute(
            "SELECT id, simhash FROM articles WHERE (sim_b0 = ? OR sim_b1 = ? OR sim_b2 = ? OR sim_b3 = ?) "
            "AND +duplicate_of IS NULL AND simhash IS NOT NULL AND id IS NOT ? LIMIT ?",
            [*b, article_id, NEAR_CANDIDATES]).fetchall()
        for _, other in sorted((hamming(sim, h), i) for i, h in rows if hamming(sim, h) <= NEAR_DUPLICATE_BITS):
            # Simhash only nominates: Vietnamese syllables repeat across unrelated stories, so the
            # word-pair overlap confirms before an article is hidden as a duplicate.
            stored = db.execute("SELECT text FROM articles WHERE id = ?", [other]).fetchone()[0]
            similarity = jaccard(text, stored)
            if similarity >= NEAR_DUPLICATE_JACCARD:
                return other, "near", round(similarity, 4)
    return None, None, None


def _pairs(text: str | None) -> set[str]:
    words = normalize_text(text).split()
    return {words[i] + " " + words[i + 1] for i in range(len(words) - 1)}


def jaccard(a: str | None, b: str | None) -> float:
    """Overlap of the word-pair sets of two texts (0..1)."""
    pa, pb = _pairs(a), _pairs(b)
    return len(pa & pb) / len(pa | pb) if pa or pb else 0.0


def save_article(db, article: dict, raw_html: str | bytes | None = None,
                 source: str | None = None) -> tuple[int, str, int | None]:
    """Store one article; returns (article_id, "stored" | "duplicate", duplicate_of).

    A page whose normalized text equals a stored article's, or whose simhash is within
    3 bits of one, is still recorded (so its URL is never requested again) with
    `duplicate_of` set and a `duplicates` row.  Saving the same URL again updates it.
    """
    url = article.get("url")
    if not url:
        raise ValueError("save_article: article has no url")
    title = article.get("title")
    text = article.get("text") or ""
    # Copies are told by the body: a syndicating site rewrites the lead that opens the text.
    sapo = (article.get("sapo") or "").strip()
    body = text[len(sapo):].lstrip() if sapo and text.startswith(sapo) and len(text) > len(sapo) else text
    norm = normalize_text(body)
    content_hash = hashlib.sha1(norm.encode()).hexdigest() if norm else None
    sim = simhash(body)
    if isinstance(raw_html, str):
        raw_html = raw_html.encode("utf-8", "replace")
    raw_gz = gzip.compress(raw_html) if raw_html else None
    row = {
        "ext_id": _s(article.get("id")),
        "url": url,
        "canonical_url": article.get("canonical_url"),
        "source": source or article.get("source"),
        "site": article.get("site"),
        "title": title,
        "sapo": article.get("sapo"),
        "text": text,
        "author": article.get("author"),
        "captions": _j(article.get("captions")) if article.get("captions") else None,
        "published": _s(article.get("published")),
        "fetched": _s(article.get("fetched")) or now(),
        "content_hash": content_hash,
        "simhash": sim,
        **dict(zip(("sim_b0", "sim_b1", "sim_b2", "sim_b3"), _bands(sim), strict=True)),
        "raw_html_gz": raw_gz,
    }
    with write(db):
        existing = db.execute("SELECT id, duplicate_of FROM articles WHERE url = ?", [url]).fetchone()
        article_id = existing[0] if existing else None
        dup_of, kind, similarity = _find_duplicate(db, article_id, content_hash, sim, body)
        row["duplicate_of"] = dup_of
        if article_id is None:
            cols = list(row)
            article_id = db.execute(f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                    [row[c] for c in cols]).lastrowid
        else:
            if raw_gz is None:
                row.pop("raw_html_gz")
            sets = ", ".join(f"{c} = ?" for c in row if c != "url")
            db.execute(f"UPDATE articles SET {sets} WHERE id = ?", [v for c, v in row.items() if c != "url"]
                       + [article_id])
            db.execute("DELETE FROM duplicates WHERE article_id = ?", [article_id])
            if (existing[1] is None) != (dup_of is None):  # its events join or leave the visible set
                _set_hidden(db, article_id, dup_of is not None)
        if dup_of is not None:
            db.execute("INSERT OR REPLACE INTO duplicates (article_id, other_id, kind, similarity) VALUES (?, ?, ?, ?)",
                       [article_id, dup_of, kind, similarity])
            for cluster_id in _article_cluster_ids(db, dup_of):  # the copy's outlet joins its original's cluster
                refresh_cluster(db, cluster_id)
            return article_id, "duplicate", dup_of
    return article_id, "stored", None


def get_article(db, article_id: int) -> dict | None:
    row = db.execute("SELECT id, ext_id, url, title, sapo, text, published, source, duplicate_of FROM articles "
                     "WHERE id = ?", [article_id]).fetchone()
    if not row:
        return None
    keys = ("id", "ext_id", "url", "title", "sapo", "text", "published", "source", "duplicate_of")
    return dict(zip(keys, row, strict=True))


def raw_html(db, article_id: int) -> str | None:
    row = db.execute("SELECT raw_html_gz FROM articles WHERE id = ?", [article_id]).fetchone()
    return gzip.decompress(row[0]).decode("utf-8", "replace") if row and row[0] else None


def articles_for_extraction(db, stale_only_version: str | None = None,
                            skip_failed_version: str | None = None) -> Iterator[dict]:
    """Non-duplicate articles as nlp.extract input dicts {id, url, title, published, text} (+ article_id).

    With `stale_only_version`, only those whose record was made by another pipeline version.
    With `skip_failed_version`, not those whose extraction already failed with that version
    (`save_extraction_failure`): a new version may succeed, the same one would fail again.
    """
    sql = ("SELECT a.id, coalesce(a.ext_id, CAST(a.id AS TEXT)), a.url, a.title, a.published, a.text "
           "FROM articles a LEFT JOIN records r ON r.article_id = a.id WHERE a.duplicate_of IS NULL")
    params: list = []
    if stale_only_version is not None:
        sql += " AND (r.pipeline_version IS NULL OR r.pipeline_version != ?)"
        params.append(stale_only_version)
    if skip_failed_version is not None:
        sql += (" AND a.id NOT IN (SELECT article_id FROM extraction_failures "
                "WHERE pipeline_version IS ?)")
        params.append(skip_failed_version)
    for aid, ext, url, title, published, text in db.execute(sql + " ORDER BY a.id", params).fetchall():
        yield {"article_id": aid, "id": ext, "url": url, "title": title, "published": published, "text": text or ""}


def unextracted_ids(db) -> list[int]:
    """Stored, non-duplicate articles with no extraction record (a run killed between the two),
    except those whose extraction failed (they wait for `vnpolicy reprocess --retry-failed` or a
    new pipeline version, instead of failing again on every crawl)."""
    return [r[0] for r in db.execute(
        "SELECT a.id FROM articles a LEFT JOIN records r ON r.article_id = a.id "
        "WHERE a.duplicate_of IS NULL AND r.article_id IS NULL "
        "AND a.id NOT IN (SELECT article_id FROM extraction_failures) ORDER BY a.id").fetchall()]


def save_extraction_failure(db, article_id: int, reason: str, pipeline_version: str | None = None) -> None:
    """Record that `article_id`'s extraction failed and why (its earlier extraction, if any, stays)."""
    with write(db):
        db.execute("""INSERT INTO extraction_failures (article_id, reason, pipeline_version, failed_at)
                      VALUES (?, ?, ?, ?)
                      ON CONFLICT(article_id) DO UPDATE SET reason = excluded.reason,
                        pipeline_version = excluded.pipeline_version, failed_at = excluded.failed_at,
                        attempts = extraction_failures.attempts + 1""",
                   [article_id, str(reason)[:2000], pipeline_version, now()])


def extraction_failures(db) -> list[dict]:
    """Every recorded extraction failure: article_id, url, reason, pipeline_version, failed_at, attempts."""
    cur = db.execute("SELECT f.article_id, a.url, f.reason, f.pipeline_version, f.failed_at, f.attempts "
                     "FROM extraction_failures f LEFT JOIN articles a ON a.id = f.article_id ORDER BY f.article_id")
    keys = [d[0] for d in cur.description]
    return [dict(zip(keys, row, strict=True)) for row in cur.fetchall()]


def count_articles(db, stale_only_version: str | None = None) -> int:
    return sum(1 for _ in articles_for_extraction(db, stale_only_version)) if stale_only_version else \
        db.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NULL").fetchone()[0]


# ---------------------------------------------------------------------------
# Extractions
# ---------------------------------------------------------------------------

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
        [key, number, doc.get("type"), _s(date), doc.get("issuer"), year, type_code, issuer_code])
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
    article = get_article(db, article_id)
    if article is None:
        raise KeyError(f"save_extraction: no article {article_id}")
    version = str(extraction.get("pipeline_version") or "")
    record = dict(extraction.get("record") or {})
    stamp = now()
    stats = {"mentions": 0, "officials": 0, "documents": 0, "events": 0, "events_changed": 0}
    hidden = article.get("duplicate_of") is not None
    with write(db):
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
        stale_clusters = _article_cluster_ids(db, article_id)
        _save_events(db, article, _events_of(extraction, article), version, stamp, stats)
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
                   [article_id, pack_extraction(record, mentions, article.get("text") or ""), version, stamp])
        main = next((e for e in _events_of(extraction, article) if isinstance(e, dict) and e.get("main")), None)
        titles = [m.get("value") for m in extraction.get("mentions") or []
                  if isinstance(m, dict) and m.get("kind") == "title" and isinstance(m.get("value"), dict)]
        _run_insight(db, article_id, stale_clusters, stats, dict(
            article, record=record, titles=titles,
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
    for stage, step in (("cluster", lambda: clusters.assign(db, article_id, stale_clusters)),
                        ("registry", lambda: registry.update(db, article_id, article))):
        db.execute("SAVEPOINT insight")
        try:
            step()
        except Exception as exc:  # an analysis bug must not lose the article's extraction
            db.execute("ROLLBACK TO insight")
            stats[f"{stage}_error"] = f"{type(exc).__name__}: {exc}"
            db.execute("INSERT OR REPLACE INTO insight_errors (article_id, stage, error, at) VALUES (?, ?, ?, ?)",
                       [article_id, stage, f"{type(exc).__name__}: {exc}"[:2000], now()])
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


def _save_events(db, article: dict, events: list[dict], version: str, stamp: str, stats: dict) -> None:
    article_id = article["id"]
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
            "main": bool(ev.get("main", index == 0)), "type": ev.get("type"), "date": _s(ev.get("date")),
            "province": ev.get("province"), "title": article.get("title"), "summary": _summary(ev, article),
            "figures": list(ev.get("figures") or []), "officials": officials, "documents": documents,
        }
        digest = hashlib.sha1(_j(content).encode()).hexdigest()
        values = [int(content["main"]), content["type"], content["date"], content["province"], content["title"],
                  content["summary"], _j(content["figures"]), digest, version]
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


# ---------------------------------------------------------------------------
# Reading: events, exports, search
# ---------------------------------------------------------------------------

def _event_rows(db, where: str, params: list) -> list[dict]:
    cur = db.execute(
        "SELECT e.id, e.event_key, e.article_id, e.main, e.type, e.date, e.province, e.title, e.summary, "
        "e.figures, e.pipeline_version, e.created, e.updated, a.url, a.published, "
        "(SELECT json_group_array(name) FROM event_officials WHERE event_id = e.id), "
        "(SELECT json_group_array(number) FROM event_documents WHERE event_id = e.id) "
        f"FROM events e JOIN articles a ON a.id = e.article_id WHERE {where}", params)
    keys = ("id", "event_key", "article_id", "main", "type", "date", "province", "title", "summary", "figures",
            "pipeline_version", "created", "updated", "url", "published", "officials", "documents")
    out = []
    for row in cur.fetchall():
        d = dict(zip(keys, row, strict=True))
        d["main"] = bool(d["main"])
        for k in ("figures", "officials", "documents"):
            d[k] = json.loads(d[k]) if d[k] else []
        out.append(d)
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
    """One dict per non-duplicate article: {url, title, published, text, **record}.

    `since` keeps articles published on or after that ISO date; `province` keeps
    articles whose record lists that province (case and diacritics ignored).
    """
    sql = ("SELECT a.id, a.ext_id, a.url, a.title, a.published, a.text, r.data FROM articles a "
           "LEFT JOIN records r ON r.article_id = a.id WHERE a.duplicate_of IS NULL")
    params: list = []
    if since:
        sql += " AND a.published >= ?"
        params.append(str(since))
    if province:  # article_provinces holds the record's provinces, folded, written with it
        sql += " AND EXISTS (SELECT 1 FROM article_provinces ap WHERE ap.province_key = ? AND ap.article_id = a.id)"
        params.append(fold(province).strip())
    for aid, ext_id, url, title, published, text, data in db.execute(sql + " ORDER BY a.id", params):
        rec = unpack_extraction(data).get("record") or {}
        out = {"id": ext_id or str(aid), "url": url, "title": title, "published": published, "text": text or "",
               "provinces": [], "officials": [], "documents": [], "dates": [], "event": None}
        for k, v in rec.items():
            if k in ("url", "title", "text"):
                continue
            if k == "id" and not v:
                continue
            if k == "published" and not v:
                continue
            out[k] = v
        out["url"] = url  # "as crawled"
        if isinstance(out.get("event"), dict):
            out["event"] = dict(out["event"], cluster=article_cluster_key(db, aid))
        yield out


def view_rows(db, view: str) -> tuple[list[str], Iterator[tuple]]:
    """(column names, rows) of one of the VIEWS; the name is checked against the list."""
    if view not in VIEWS:
        raise KeyError(f"unknown view {view!r}; choose from {', '.join(VIEWS)}")
    cur = db.execute(f"SELECT * FROM {view}")
    return [d[0] for d in cur.description], iter(cur)


def _snippet(text: str, query: str, width: int = 160) -> list[tuple[str, bool]]:
    """A window of `text` around the first match, as (piece, highlighted) pairs; diacritic-insensitive."""
    nfc = unicodedata.normalize("NFC", text or "")
    folded = nfc.translate(_FOLD)
    words = [w for w in _TOKEN.findall(fold(query)) if w.strip("_")]
    spans = []
    for w in words:
        spans += [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(w) + r"(?!\w)", folded)]
    merged: list[list[int]] = []
    for s, e in sorted(spans):  # "Đồng" + " " + "bào" → one highlight
        if merged and s <= merged[-1][1] + 1 and not folded[merged[-1][1]:s].strip():
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    spans = [(s, e) for s, e in merged]
    first = spans[0][0] if spans else 0
    lo = max(0, first - width // 3)
    hi = min(len(nfc), lo + width)
    pieces: list[tuple[str, bool]] = [("…", False)] if lo > 0 else []
    pos = lo
    for s, e in spans:
        if s < pos or e > hi:
            continue
        pieces += [(nfc[pos:s], False), (nfc[s:e], True)]
        pos = e
    pieces.append((nfc[pos:hi], False))
    if hi < len(nfc):
        pieces.append(("…", False))
    return [p for p in pieces if p[0]]


_WORD = re.compile(r"[^\W_]+")  # a word as FTS5's unicode61 tokenizer cuts it (underscore separates)
EXACT_BATCH = 100  # candidates read at a time when checking exact (diacritics typed) matches


def _words(text: str | None) -> str:
    """NFC lower-case words, space-separated and space-framed: a phrase is found by substring."""
    return " " + " ".join(_WORD.findall(unicodedata.normalize("NFC", text or "").lower())) + " "


def _exact_phrases(query: str) -> list[str]:
    """The phrases fts_query() makes of `query`, unfolded, in the form _words() gives."""
    phrases = []
    for chunk in (query or "").split():
        words = _words(chunk)
        if words.strip():
            phrases.append(words)
    return phrases


def search(db, query: str, limit: int = 20, province: str | None = None) -> list[dict]:
    """Full-text search over non-duplicate articles, with or without Vietnamese diacritics.

    The index holds the folded words (no diacritics, đ→d), so every query matches there
    first.  A query typed with diacritics lists the articles having those exact words
    (in the title or the text, checked on the article itself; a title match weighs five
    times a text match) before the other folded matches, so "Hà" does not drown in "Hạ".
    Each hit: id, title, published, url, snippet (text), pieces [(text, highlighted)],
    exact (bool).
    """
    limit = max(1, min(int(limit or 20), 1000))
    folded_q = fts_query(query, folded=True)
    if not folded_q:
        return []
    # Rank at most SEARCH_CANDIDATES matches, the newest first: FTS5 hands rowids over in
    # descending order and stops at the LIMIT, so bm25() runs on a bounded set and "đồng bào",
    # which nearly every article contains, costs no more than a rare word.  Folded matches rank
    # with title and text alike (bm25 weights 1, 1); exact ones with the title first (5, 1).
    inner = ("SELECT rowid AS id, bm25(articles_fts, 1.0, 1.0) AS folded, bm25(articles_fts, 1.0, 5.0) AS exact "
             "FROM articles_fts WHERE articles_fts MATCH ? AND rowid NOT IN (SELECT id FROM articles "
             "WHERE duplicate_of IS NOT NULL)")
    params: list = [folded_q]
    if province:
        inner += (" AND EXISTS (SELECT 1 FROM article_provinces ap WHERE ap.province_key = ? "
                  "AND ap.article_id = articles_fts.rowid)")
        params.append(fold(province).strip())
    candidates = f"SELECT c.id, c.exact FROM ({inner} ORDER BY rowid DESC LIMIT ?) c ORDER BY c.folded"
    params.append(SEARCH_CANDIDATES)
    phrases = _exact_phrases(query) if has_diacritics(query or "") else []
    if not phrases:
        ids = [r[0] for r in db.execute(candidates + " LIMIT ?", params + [limit]).fetchall()]
        return [_hit(row, query, False) for row in _hit_rows(db, ids)]
    ranked = db.execute(candidates, params).fetchall()  # folded order; the exact order below
    by_exact = [i for i, _ in sorted(ranked, key=lambda r: r[1])]
    exact: list[tuple] = []
    for lo in range(0, len(by_exact), EXACT_BATCH):
        for row in _hit_rows(db, by_exact[lo:lo + EXACT_BATCH]):
            if all(p in _words(row[1]) or p in _words(row[4]) for p in phrases):
                exact.append(row)
        if len(exact) >= limit:
            break
    exact = exact[:limit]
    taken = {row[0] for row in exact}
    rest = [i for i, _ in ranked if i not in taken][:limit - len(exact)]
    return [_hit(row, query, True) for row in exact] + [_hit(row, query, False) for row in _hit_rows(db, rest)]


def _hit_rows(db, ids: list[int]) -> list[tuple]:
    """(id, title, published, url, text) of these articles, in the order of `ids`."""
    if not ids:
        return []
    rows = {r[0]: r for r in db.execute("SELECT id, title, published, url, text FROM articles WHERE id IN "
                                        f"({', '.join('?' * len(ids))})", ids).fetchall()}
    return [rows[i] for i in ids if i in rows]


def _hit(row: tuple, query: str, exact: bool) -> dict:
    aid, title, published, url, text = row
    pieces = _snippet(text or "", query)
    return {"id": aid, "title": title, "published": published, "url": url, "exact": exact,
            "pieces": pieces, "snippet": "".join(p for p, _ in pieces)}


def article_with_mentions(db, article_id: int) -> tuple[dict | None, list[dict]]:
    """An article and its mentions ordered by offset (for the highlighted article page)."""
    article = get_article(db, article_id)
    if article is None:
        return None, []
    row = db.execute("SELECT data FROM records WHERE article_id = ?", [article_id]).fetchone()
    mentions = unpack_mentions(row[0] if row else None, article.get("text") or "")
    mentions.sort(key=lambda m: (m["start"] if isinstance(m["start"], int) else -1,
                                 -(m["end"] if isinstance(m["end"], int) else -1)))
    return article, mentions


def all_article_urls(db) -> Iterator[str]:
    """Every stored article URL and canonical URL (to seed a shared seen-set, e.g. in Redis)."""
    for url, canonical in db.execute("SELECT url, canonical_url FROM articles"):
        yield url
        if canonical:
            yield canonical


# ---------------------------------------------------------------------------
# Insight: clusters of events across outlets, the officials' registry, documents' reach.
# The logic is in insight/; these are its reads and writes (migration 0006).
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
    db.execute("UPDATE events SET cluster_id = NULL, merged = 0 WHERE article_id = ?", [article_id])
    return left


def _cluster_features(db, where: str, params: list) -> list[dict]:
    rows = db.execute(
        "SELECT e.id, e.event_key, e.article_id, e.cluster_id, e.type, e.date, e.province, a.title, e.summary, "
        "e.figures, a.published, substr(a.text, 1, 600), a.source, a.url, "
        "(SELECT json_group_array(name) FROM event_officials WHERE event_id = e.id), "
        "(SELECT json_group_array(number) FROM event_documents WHERE event_id = e.id) "
        f"FROM events e JOIN articles a ON a.id = e.article_id WHERE {where}", params).fetchall()
    keys = ("id", "event_key", "article_id", "cluster_id", "type", "date", "province", "title", "summary",
            "figures", "published", "lead", "source", "url", "officials", "documents")
    out = []
    for row in rows:
        d = dict(zip(keys, row, strict=True))
        d["outlet"] = outlet_of(d.pop("url"), d.pop("source"))
        for k in ("figures", "officials", "documents"):
            d[k] = [v for v in json.loads(d[k] or "[]") if v]
        out.append(d)
    return out


def events_for_clustering(db, article_id: int) -> list[dict]:
    """The main events of one article with what clustering compares (see insight.clusters.compare)."""
    return _cluster_features(db, "e.article_id = ? AND e.main = 1 ORDER BY e.id", [article_id])


def cluster_candidates(db, types: list[str] | None, block: str, lo: str, hi: str, limit: int) -> list[int]:
    """Clusters of one province block with an anchor date in [lo, hi] (of these types, or any)."""
    sql = "SELECT id FROM clusters WHERE province_block = ? AND date BETWEEN ? AND ?"
    params: list = [block, lo, hi]
    if types is not None:
        sql += f" AND type IN ({', '.join('?' * len(types))})"
        params += list(types)
    return [r[0] for r in db.execute(sql + " ORDER BY date DESC, id DESC LIMIT ?", params + [int(limit)])]


def cluster_members(db, cluster_ids: list[int], limit: int) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    for cid in cluster_ids:
        out[cid] = _cluster_features(db, "e.cluster_id = ? ORDER BY e.id LIMIT ?", [cid, int(limit)])
    return out


def create_cluster(db, key: str, type_: str | None, block: str, date: str | None) -> int:
    candidate, n = key, 1
    while db.execute("SELECT 1 FROM clusters WHERE cluster_key = ?", [candidate]).fetchone():
        n += 1
        candidate = f"{key}-{n}"
    return db.execute("INSERT INTO clusters (cluster_key, type, province_block, date, updated) VALUES (?, ?, ?, ?, ?)",
                      [candidate, type_, block, date, now()]).lastrowid


def set_event_cluster(db, event_id: int, cluster_id: int) -> None:
    db.execute("UPDATE events SET cluster_id = ? WHERE id = ?", [cluster_id, event_id])


def _cluster_sources(db, cluster_id: int) -> list[dict]:
    """Every article reporting the cluster's happening, the crawler's duplicates of them included."""
    rows = db.execute(
        "SELECT DISTINCT a.id, a.url, a.source, a.published, a.title, a.duplicate_of FROM events e "
        "JOIN articles a ON a.id = e.article_id WHERE e.cluster_id = ?", [cluster_id]).fetchall()
    ids = [r[0] for r in rows]
    if ids:
        rows += db.execute(
            f"SELECT id, url, source, published, title, duplicate_of FROM articles WHERE duplicate_of IN "
            f"({', '.join('?' * len(ids))}) AND id NOT IN ({', '.join('?' * len(ids))})", ids + ids).fetchall()
    sources = [{"article_id": aid, "url": url, "outlet": outlet_of(url, source), "published": published,
                "title": title, "duplicate_of": dup} for aid, url, source, published, title, dup in rows]
    return sorted(sources, key=lambda s: (s["published"] or "9999", s["article_id"]))


def refresh_cluster(db, cluster_id: int) -> str | None:
    """Recount one cluster (representative, outlets, sources); delete it when empty. Returns its key."""
    members = db.execute("SELECT id, hidden, type, date, province FROM events WHERE cluster_id = ? ORDER BY id",
                         [cluster_id]).fetchall()
    if not members:
        db.execute("DELETE FROM clusters WHERE id = ?", [cluster_id])
        return None
    rep = next((m for m in members if not m[1]), members[0])
    db.execute("UPDATE events SET merged = (id != ?) WHERE cluster_id = ?", [rep[0], cluster_id])
    sources = _cluster_sources(db, cluster_id)
    outlets = list(dict.fromkeys(s["outlet"] for s in sources))
    published = min((s["published"] for s in sources if s["published"]), default=None)
    db.execute("UPDATE clusters SET rep_event_id = ?, type = ?, province = ?, events = ?, articles = ?, outlets = ?, "
               "outlet_names = ?, sources = ?, first_published = ?, updated = ? WHERE id = ?",
               [rep[0], rep[2], rep[4], len(members), len(sources), len(outlets), ", ".join(outlets),
                _j(sources), published, now(), cluster_id])
    return db.execute("SELECT cluster_key FROM clusters WHERE id = ?", [cluster_id]).fetchone()[0]


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
    events = _event_rows(db, "e.cluster_id = ? ORDER BY a.published, e.id", [cid])
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
    article = get_article(db, article_id)
    if article is None:
        return None
    row = db.execute("SELECT data FROM records WHERE article_id = ?", [article_id]).fetchone()
    article["record"] = unpack_extraction(row[0] if row else None).get("record") or {}
    ev = db.execute("SELECT type, date, province FROM events WHERE article_id = ? AND main = 1 ORDER BY id LIMIT 1",
                    [article_id]).fetchone()
    article["event"] = dict(zip(("type", "date", "province"), ev, strict=True)) if ev else {}
    article["titles"] = [m["value"] for m in unpack_mentions(row[0] if row else None, article.get("text") or "")
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
            docs = (unpack_extraction(data).get("record") or {}).get("documents")
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
    provinces = (unpack_extraction(data).get("record") or {}).get("provinces")
    return provinces[0] if isinstance(provinces, list) and provinces else None


def count_person_names(db) -> int:
    return db.execute("SELECT count(DISTINCT name_key) FROM person_acts").fetchone()[0]


def events_per_month(db, province: str | None = None) -> list[tuple[str, int]]:
    """[(YYYY-MM, events)] oldest first, from the summary table (dated events only; one province if given)."""
    sql = ("SELECT substr(date, 1, 7) AS month, SUM(count) FROM timeline_counts "
           "WHERE count > 0 AND length(date) >= 7")
    params: list = []
    if province:
        sql += " AND province = ?"
        params.append(province)
    return [(m, int(n)) for m, n in db.execute(sql + " GROUP BY month ORDER BY month", params).fetchall()]


def events_per_province(db, limit: int = 40) -> list[tuple[str, int]]:
    """[(province, events)] most events first (events with a province only)."""
    rows = db.execute("SELECT province, SUM(count) AS n FROM timeline_counts WHERE count > 0 AND province != '' "
                      "GROUP BY province ORDER BY n DESC, province LIMIT ?", [limit]).fetchall()
    return [(p, int(n)) for p, n in rows]


def event_list(db, province: str | None = None, limit: int = 50) -> list[dict]:
    """Main events newest first, with the article id for the highlighted page (one province if given)."""
    sql = ("SELECT event_key, date, type, province, officials, documents, title, url, article_id "
           "FROM events_view WHERE main = 1")
    params: list = []
    if province:
        sql += " AND province = ?"
        params.append(province)
    cur = db.execute(sql + " ORDER BY coalesce(date, '') DESC, article_id DESC LIMIT ?", params + [limit])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def event_totals(db) -> tuple[int, int]:
    """(main events shown in the views, non-duplicate articles)."""
    events = db.execute("SELECT count(*) FROM events_view WHERE main = 1").fetchone()[0]
    articles = db.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NULL").fetchone()[0]
    return int(events), int(articles)
