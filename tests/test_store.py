"""store: migrations, idempotent upserts, dedup, extraction replacement, views, crash safety, docs."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils

import store
from tests.store_fixtures import ARTICLES, build_db, extraction_for, fixture_db  # noqa: F401

ALL_MIGRATIONS = [m.name for m in store.MIGRATIONS._migrations]  # in the order they apply

ROOT = Path(__file__).resolve().parent.parent

LONG_TEXT = (
    "Chiều 14/11, tại trụ sở UBND tỉnh, đồng chí Phó Chủ tịch UBND tỉnh chủ trì hội nghị sơ kết công tác "
    "giảm nghèo bền vững giai đoạn 2021 đến 2025 với sự tham dự của lãnh đạo các sở ngành, các huyện và "
    "thành phố. Hội nghị đánh giá kết quả thực hiện các chương trình mục tiêu quốc gia, nhất là hỗ trợ nhà ở "
    "cho hộ nghèo, đào tạo nghề cho lao động nông thôn và phát triển sản xuất ở vùng đồng bào dân tộc thiểu số."
)


def article(url, text=LONG_TEXT, **extra):
    return {"url": url, "title": "Hội nghị sơ kết giảm nghèo", "text": text, "published": "2025-11-14", **extra}


# --- migrations -------------------------------------------------------------

def test_new_database_has_every_table_view_and_wal(tmp_path):
    db = store.connect(tmp_path / "a.db")
    tables = set(db.table_names())
    for name in ["sources", "crawl_runs", "fetches", "http_validators", "articles", "articles_fts", "duplicates",
                 "persons", "positions", "documents", "citations", "provinces", "events",
                 "event_officials", "event_documents", "event_provinces", "records", "outbox", "job_runs"]:
        assert name in tables, name
    assert set(store.VIEWS) | set(store.EXTRACTION_VIEWS) | {"articles_search"} <= set(db.view_names())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.schema_version(db) == [m.name for m in store.MIGRATIONS._migrations]  # noqa: SLF001
    assert {"event_key", "payload", "attempts", "next_attempt", "last_error", "delivered_at"} <= set(
        db["outbox"].columns_dict)
    assert {"source", "scheduled_for", "started", "finished", "status", "error", "pid"} <= set(
        db["job_runs"].columns_dict)


def test_old_database_upgrades_in_place(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    store.MIGRATIONS.apply(old, stop_before="0002_fts")  # a database made by version 1
    old.execute("INSERT INTO articles (url, title, text, search_folded) VALUES (?, ?, ?, ?)",
                ["https://x.vn/1", "Đồng bào vùng cao", "Hỗ trợ đồng bào", store.fold("Đồng bào vùng cao\nHỗ trợ")])
    old.close()
    db = store.connect(path)
    assert store.schema_version(db)[-1] == store.MIGRATIONS._migrations[-1].name  # noqa: SLF001
    assert [h["url"] for h in store.search(db, "dong bao")] == ["https://x.vn/1"]
    assert "events_view" in db.view_names()
    # connecting again applies nothing and keeps the data
    db.close()
    db = store.connect(path)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_changed_view_definition_is_recreated_on_connect(tmp_path, monkeypatch):
    path = tmp_path / "v.db"
    store.connect(path).close()
    monkeypatch.setitem(store.VIEWS, "province_timeline", "SELECT 1 AS one")
    db = store.connect(path)
    assert db.execute("SELECT * FROM province_timeline").fetchall() == [(1,)]


def test_provinces_loaded_from_gazetteer_shape(tmp_path):
    db = store.connect(tmp_path / "p.db")
    rows = [{"key": "tinhlaichau", "name": "Tỉnh Lai Châu", "short": "Lai Châu", "code": "12", "era": "old",
             "current": "Lai Châu", "current_code": "12", "valid_from": None, "valid_to": None},
            {"key": "tinhlaichau", "name": "Tỉnh Lai Châu", "short": "Lai Châu", "code": "12", "era": "new",
             "current": "Lai Châu", "current_code": "12", "valid_from": None, "valid_to": None}]
    db.execute("DELETE FROM provinces")
    assert store.load_provinces(db, rows) == 2
    assert store.load_provinces(db, rows) == 2  # idempotent upsert
    got = {r[0]: r[1:] for r in db.execute("SELECT era, valid_from, valid_to FROM provinces")}
    assert got == {"old": (None, "2025-06-30"), "new": ("2025-07-01", None)}


def test_provinces_filled_from_nlp_gazetteer(tmp_path):
    provinces = pytest.importorskip("nlp.provinces", reason="nlp.provinces not written yet")
    db = store.connect(tmp_path / "g.db")
    counts = dict(db.execute("SELECT era, count(*) FROM provinces GROUP BY era").fetchall())
    assert counts == {"old": 63, "new": 34}
    assert len(provinces.gazetteer()) == 97


# --- articles, dedup, known_url ---------------------------------------------

def test_save_article_twice_is_one_row(tmp_path):
    db = store.connect(tmp_path / "a.db")
    first = store.save_article(db, article("https://a.vn/1"), raw_html="<p>x</p>")
    second = store.save_article(db, article("https://a.vn/1"), raw_html="<p>x</p>")
    assert first == second == (first[0], "stored", None)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert store.raw_html(db, first[0]) == "<p>x</p>"
    assert [h["id"] for h in store.search(db, "giam ngheo")] == [first[0]]


@pytest.mark.parametrize("second_text, kind", [
    (LONG_TEXT, "exact"),
    ("  " + LONG_TEXT.upper().replace(" ", "   ") + "\n", "exact"),  # case and whitespace do not matter
    (LONG_TEXT.replace("hộ nghèo", "hộ cận nghèo"), "near"),  # one edited word
])
def test_duplicate_is_recorded_and_linked(tmp_path, second_text, kind):
    db = store.connect(tmp_path / "d.db")
    a_id, outcome, _ = store.save_article(db, article("https://a.vn/1"))
    b_id, outcome_b, dup_of = store.save_article(db, article("https://b.vn/2", second_text))
    assert outcome == "stored"
    assert (outcome_b, dup_of) == ("duplicate", a_id)
    assert db.execute("SELECT kind FROM duplicates WHERE article_id = ? AND other_id = ?",
                      [b_id, a_id]).fetchone()[0] == kind
    assert store.known_url(db, "https://b.vn/2")
    assert [h["id"] for h in store.search(db, "giam ngheo")] == [a_id]  # duplicates hidden from search


def test_different_story_is_not_a_duplicate(tmp_path):
    db = store.connect(tmp_path / "d.db")
    store.save_article(db, article("https://a.vn/1"))
    other = ("Sáng nay, Sở Giáo dục và Đào tạo tỉnh tổ chức lễ khai giảng năm học mới cho hơn hai nghìn học sinh "
             "các trường nội trú, với sự tham dự của đại diện lãnh đạo tỉnh và các thầy cô giáo.")
    assert store.save_article(db, article("https://c.vn/3", other))[1] == "stored"


def test_simhash_collision_without_word_overlap_is_not_a_duplicate(tmp_path, monkeypatch):
    db = store.connect(tmp_path / "d.db")
    monkeypatch.setattr(store.articles, "simhash", lambda text: 12345)  # every text nominated as near
    store.save_article(db, article("https://a.vn/1"))
    other = " ".join(f"từ{i}" for i in range(60))
    assert store.save_article(db, article("https://c.vn/3", other))[1] == "stored"
    assert store.save_article(db, article("https://c.vn/4", LONG_TEXT + " Thêm một câu."))[1] == "duplicate"


def test_short_identical_texts_dedup_exactly_empty_texts_do_not(tmp_path):
    db = store.connect(tmp_path / "d.db")
    assert store.save_article(db, article("https://a.vn/1", "Tin ngắn."))[1] == "stored"
    assert store.save_article(db, article("https://a.vn/2", "Tin ngắn."))[1] == "duplicate"
    assert store.save_article(db, article("https://a.vn/3", ""))[1] == "stored"
    assert store.save_article(db, article("https://a.vn/4", ""))[1] == "stored"


def test_known_url_includes_canonical(tmp_path):
    db = store.connect(tmp_path / "k.db")
    assert not store.known_url(db, "https://a.vn/x?utm=1")
    store.save_article(db, article("https://a.vn/x?utm=1", canonical_url="https://a.vn/x"))
    assert store.known_url(db, "https://a.vn/x?utm=1")
    assert store.known_url(db, "https://a.vn/x")
    assert not store.known_url(db, "https://a.vn/y")


def test_save_article_without_url_raises(tmp_path):
    db = store.connect(tmp_path / "k.db")
    with pytest.raises(ValueError, match="no url"):
        store.save_article(db, {"title": "x", "text": "y"})


# --- crawl bookkeeping ------------------------------------------------------

def test_runs_fetches_validators_and_source_health(tmp_path):
    db = store.connect(tmp_path / "r.db")
    store.upsert_source(db, {"name": "laichau", "province": "Lai Châu", "family": "rss", "config": {"x": 1}})
    store.upsert_source(db, {"name": "laichau", "province": "Lai Châu", "family": "rss", "config": {"x": 2}})
    run = store.start_run(db, "laichau")
    store.log_fetch(db, run, "https://a.vn/1", "stored", 200)
    store.log_fetch(db, run, "https://a.vn/2", "http_error", 500, "server error")
    store.log_fetch(db, run, "https://a.vn/3", "nonsense")
    counts = store.finish_run(db, run, "failed", "boom")
    assert counts == {"stored": 1, "http_error": 1, "error": 1}
    assert db.execute("SELECT reason FROM fetches WHERE url = 'https://a.vn/3'").fetchone()[0].startswith(
        "unknown outcome")
    src = db.execute("SELECT consecutive_failures, last_error, config FROM sources").fetchone()
    assert src == (1, "boom", '{"x": 2}')
    store.finish_run(db, store.start_run(db, "laichau"), "ok")
    assert db.execute("SELECT consecutive_failures, last_success IS NOT NULL FROM sources").fetchone() == (0, 1)
    assert store.validators(db, "https://a.vn/1") == {"etag": None, "last_modified": None}
    store.set_validators(db, "https://a.vn/1", '"abc"', "Tue, 01 Jul 2025 00:00:00 GMT")
    store.set_validators(db, "https://a.vn/1", '"def"', None)
    assert store.validators(db, "https://a.vn/1") == {"etag": '"def"', "last_modified": None}


# --- extractions ------------------------------------------------------------

def test_save_extraction_fills_tables_and_views(fixture_db):  # noqa: F811
    path, ids = fixture_db
    db = store.connect(path)
    lc = ids["lc-1"]
    assert db.execute("SELECT count(*) FROM mentions WHERE article_id = ?", [lc]).fetchone()[0] == 5
    ev = {r["event_key"]: r for r in db["events_view"].rows}
    key = ARTICLES[0]["url"] + "#0"
    assert ev[key]["type"] == "training" and ev[key]["officials"] == "Tống Thanh Hải"
    assert ev[key]["documents"] == "1719/QĐ-TTg"
    docs = list(db["documents_view"].rows)
    assert docs[0]["number"] == "1719/QĐ-TTg" and docs[0]["articles"] == 2  # ranked first
    officials = {r["person"]: r for r in db["officials_view"].rows}
    assert officials["Nguyễn Thị Hà"]["positions"] == "Phó Chủ tịch — UBND thành phố Hà Nội"
    assert officials["Nguyễn Thị Hà"]["articles"] == 1
    timeline = list(db["province_timeline"].rows)
    assert {"province": "Lai Châu", "date": "2025-03-12", "type": "training", "count": 1} in timeline
    cit = db.execute('SELECT start, "end" FROM citations WHERE article_id = ?', [lc]).fetchone()
    assert ARTICLES[0]["text"][cit[0]:cit[1]] == "1719/QĐ-TTg"
    assert json.loads(db.execute("SELECT record FROM records_view WHERE article_id = ?", [lc]).fetchone()[0])[
        "provinces"] == ["Lai Châu"]


def test_save_extraction_replaces_and_keeps_event_key(fixture_db, monkeypatch):  # noqa: F811
    path, ids = fixture_db
    db = store.connect(path)
    lc = ids["lc-1"]
    before = db.execute("SELECT id, event_key, updated FROM events WHERE article_id = ?", [lc]).fetchall()
    counts_before = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("mentions", "positions", "citations", "events", "event_officials", "persons")}

    monkeypatch.setattr(store.clock, "now", lambda: "2099-01-01T00:00:00+00:00")
    store.save_extraction(db, lc, extraction_for(ARTICLES[0]))  # same content again: nothing changes
    assert db.execute("SELECT id, event_key, updated FROM events WHERE article_id = ?", [lc]).fetchall() == before
    assert counts_before == {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in counts_before}

    changed = extraction_for(ARTICLES[0], version="test-2")
    changed["events"][0]["type"] = "conference"
    changed["mentions"] = changed["mentions"][:2]
    store.save_extraction(db, lc, changed)
    after = db.execute("SELECT id, event_key, updated, type, pipeline_version FROM events WHERE article_id = ?",
                       [lc]).fetchall()
    assert after == [(before[0][0], before[0][1], "2099-01-01T00:00:00+00:00", "conference", "test-2")]
    assert db.execute("SELECT count(*) FROM mentions WHERE article_id = ?", [lc]).fetchone()[0] == 2
    assert {r[0] for r in db.execute("SELECT DISTINCT pipeline_version FROM mentions WHERE article_id = ?",
                                     [lc])} == {"test-2"}


def test_events_removed_when_extraction_has_fewer(fixture_db):  # noqa: F811
    path, ids = fixture_db
    db = store.connect(path)
    ex = extraction_for(ARTICLES[1])
    ex["events"].append(dict(ex["events"][0], main=False, type="meeting"))
    store.save_extraction(db, ids["hn-1"], ex)
    assert db.execute("SELECT count(*) FROM events WHERE article_id = ?", [ids["hn-1"]]).fetchone()[0] == 2
    store.save_extraction(db, ids["hn-1"], extraction_for(ARTICLES[1]))
    assert db.execute("SELECT count(*) FROM events WHERE article_id = ?", [ids["hn-1"]]).fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM event_officials WHERE event_id NOT IN (SELECT id FROM events)"
                      ).fetchone()[0] == 0


def test_new_events_since_id(fixture_db):  # noqa: F811
    path, _ = fixture_db
    db = store.connect(path)
    events = store.new_events(db, 0)
    assert [e["event_key"] for e in events] == [a["url"] + "#0" for a in ARTICLES]
    assert events[1]["documents"] == ["1719/QĐ-TTg", "05/2011/NĐ-CP"]
    assert store.new_events(db, events[0]["id"])[0]["event_key"] == events[1]["event_key"]


def test_bad_extraction_pieces_are_skipped_not_fatal(fixture_db):  # noqa: F811
    path, ids = fixture_db
    db = store.connect(path)
    ex = {"record": {"officials": [{"name": ""}, {"name": "Lê Văn A", "positions": []}],
                     "documents": [{"number": None}]},
          "mentions": ["garbage", {"kind": "date", "text": "x", "start": 0, "end": 1}],
          "events": [None, {"type": "other"}], "pipeline_version": "v"}
    stats = store.save_extraction(db, ids["ql-1"], ex)
    assert stats["mentions"] == 1 and stats["officials"] == 1 and stats["documents"] == 0
    with pytest.raises(KeyError):
        store.save_extraction(db, 99999, ex)


# --- crash safety -------------------------------------------------------------

WRITER = """
import sys, time
sys.path.insert(0, {root!r})
import store
db = store.connect({path!r})
with db.atomic():
    for i in range(300):
        store.save_article(db, {{"url": f"https://k.vn/{{i}}", "title": "T", "text": f"bài số {{i}} " * 20}})
    print("inside", flush=True)
    time.sleep(120)
"""


def test_writer_killed_mid_transaction_leaves_consistent_db(tmp_path):
    path = tmp_path / "kill.db"
    build_db(path)
    proc = subprocess.Popen([sys.executable, "-c", WRITER.format(root=str(ROOT), path=str(path))],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "inside"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    db = store.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == len(ARTICLES)
    assert not store.known_url(db, "https://k.vn/0")


# --- documentation ------------------------------------------------------------

def _sql_blocks(text):
    return re.findall(r"```sql\n(.*?)```", text, flags=re.S)


def test_querying_doc_sql_runs_on_fixture(fixture_db):  # noqa: F811
    path, _ = fixture_db
    blocks = _sql_blocks((ROOT / "docs" / "querying.md").read_text(encoding="utf-8"))
    assert len(blocks) >= 5
    db = store.connect(path)
    results = [db.execute(sql).fetchall() for sql in blocks]
    assert all(results), "every documented query returns rows on the fixture database"


def test_every_table_view_and_column_is_described_in_web_metadata(tmp_path):
    from web import metadata

    db = store.connect(tmp_path / "m.db")
    names = [t for t in db.table_names() if not t.startswith(("articles_fts", "_sqlite"))] + db.view_names()
    for name in names:
        assert name in metadata.TABLES, f"{name} has no description in web/metadata.py"
        cols = set(db[name].columns_dict)
        assert cols <= set(metadata.TABLES[name][1]), f"{name}: undocumented {cols - set(metadata.TABLES[name][1])}"
    built = metadata.build("x")
    assert built["databases"]["x"]["tables"]["events_view"]["facets"] == ["province", "type"]
    for query in built["databases"]["x"]["queries"].values():
        assert query["title"] and query["sql"]


# --- summaries kept by the writer (migration 0004) --------------------------

# The definitions the summaries replace: what the views computed by GROUP BY before 0004.
RECOUNT = {
    "timeline": """SELECT ep.province, e.date, e.type, count(*) FROM events e
                   JOIN event_provinces ep ON ep.event_id = e.id
                   JOIN articles a ON a.id = e.article_id AND a.duplicate_of IS NULL
                   GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""",
    "documents": """SELECT d.number, count(c.article_id), count(DISTINCT c.article_id) FROM documents d
                    LEFT JOIN citations c ON c.document_id = d.id GROUP BY d.id ORDER BY d.number""",
    "events": """SELECT e.event_key FROM events e JOIN articles a ON a.id = e.article_id
                 WHERE a.duplicate_of IS NULL ORDER BY 1""",
}


def assert_summaries_match(db):
    assert db.execute("SELECT * FROM province_timeline ORDER BY 1, 2, 3").fetchall() == \
        db.execute(RECOUNT["timeline"]).fetchall()
    assert db.execute("SELECT number, citations, articles FROM documents_view ORDER BY number").fetchall() == \
        db.execute(RECOUNT["documents"]).fetchall()
    assert db.execute("SELECT event_key FROM events_view ORDER BY 1").fetchall() == \
        db.execute(RECOUNT["events"]).fetchall()


def test_summaries_follow_reextraction_and_duplicates(fixture_db):  # noqa: F811
    path, ids = fixture_db
    db = store.connect(path)
    assert_summaries_match(db)
    assert db.execute("SELECT citations, articles FROM documents WHERE number = '1719/QĐ-TTg'").fetchone() == (2, 2)
    # re-extraction moves an event to another day and type and drops a document
    ex = extraction_for(ARTICLES[1])
    ex["events"][0].update(type="meeting", date="2025-08-06", documents=["1719/QĐ-TTg"])
    ex["record"]["documents"] = ex["record"]["documents"][:1]
    store.save_extraction(db, ids["hn-1"], ex)
    store.save_extraction(db, ids["hn-1"], ex)  # idempotent: nothing counted twice
    assert_summaries_match(db)
    assert db.execute("SELECT citations FROM documents WHERE number = '05/2011/NĐ-CP'").fetchone() == (0,)
    assert ("Hà Nội", "2025-08-06", "meeting", 1) in db.execute("SELECT * FROM province_timeline").fetchall()
    # the Lai Châu article is saved again with the Hà Nội text: it becomes a duplicate, its event leaves
    store.save_article(db, dict(ARTICLES[0], text=ARTICLES[1]["text"]))
    assert_summaries_match(db)
    assert db.execute("SELECT count(*) FROM events_view WHERE province = 'Lai Châu'").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM province_timeline WHERE province = 'Lai Châu'").fetchone() == (0,)
    # and comes back when its own text returns
    store.save_article(db, ARTICLES[0])
    assert_summaries_match(db)
    assert db.execute("SELECT count(*) FROM events_view WHERE province = 'Lai Châu'").fetchone() == (1,)


def test_summaries_filled_when_a_version_3_database_upgrades(tmp_path):
    path = tmp_path / "v3.db"
    old = sqlite_utils.Database(path)
    store.MIGRATIONS.apply(old, stop_before="0004_summaries")  # the schema before summaries
    sql = [
        ("INSERT INTO articles (id, url, title, text) VALUES (1, 'https://a.vn/1', 'A', 'x')", []),
        ("INSERT INTO articles (id, url, title, text, duplicate_of) VALUES (2, 'https://a.vn/2', 'B', 'x', 1)", []),
        ("INSERT INTO documents (id, number_key, number) VALUES (1, '1719/QD-TTG', '1719/QĐ-TTg')", []),
        ("INSERT INTO citations (article_id, document_id) VALUES (1, 1), (1, 1), (2, 1)", []),
        ("INSERT INTO records (article_id, record, updated) VALUES (1, ?, 'now'), (2, 'not json', 'now')",
         [json.dumps({"provinces": ["Lai Châu", "Điện Biên"]})]),
    ]
    for i, (aid, date, etype) in enumerate([(1, "2025-03-12", "training"), (1, None, "meeting"),
                                            (2, "2025-03-12", "training")], 1):
        sql += [("INSERT INTO events (id, event_key, article_id, type, date, province, created, updated) "
                 "VALUES (?, ?, ?, ?, ?, 'Lai Châu', 'now', 'now')", [i, f"k{i}", aid, etype, date]),
                ("INSERT INTO event_provinces (event_id, province) VALUES (?, 'Lai Châu')", [i])]
    for statement, params in sql:
        old.execute(statement, params)
    old.conn.commit()
    old.close()
    db = store.connect(path)
    assert store.schema_version(db) == ALL_MIGRATIONS
    assert_summaries_match(db)
    assert db.execute("SELECT * FROM province_timeline").fetchall() == [
        ("Lai Châu", None, "meeting", 1), ("Lai Châu", "2025-03-12", "training", 1)]
    assert db.execute("SELECT citations, articles FROM documents_view").fetchone() == (3, 2)
    assert db.execute("SELECT article_id, province_key FROM article_provinces ORDER BY 2").fetchall() == [
        (1, "dien bien"), (1, "lai chau")]
    assert db.execute("SELECT id, hidden FROM events ORDER BY id").fetchall() == [(1, 0), (2, 0), (3, 1)]


def test_captions_are_stored_apart_from_the_text(tmp_path):
    db = store.connect(tmp_path / "c.db")
    article_id, outcome, _ = store.save_article(db, {
        "url": "https://c.vn/1", "title": "Lễ khánh thành", "text": "Sáng 5/3, lễ khánh thành cầu diễn ra.",
        "captions": ["Quang cảnh buổi lễ. Ảnh: Văn Ngọc"]})
    assert outcome == "stored"
    row = db.execute("SELECT text, captions FROM articles WHERE id = ?", [article_id]).fetchone()
    assert "Ảnh" not in row[0]
    assert json.loads(row[1]) == ["Quang cảnh buổi lễ. Ảnh: Văn Ngọc"]


def test_two_processes_opening_a_new_database_at_once_both_succeed(tmp_path):
    # Four processes open each of 12 new files at the same moment (each waits for its "go" file
    # after importing store): the switch to WAL once answered one of them "database is locked".
    rounds = 12
    code = (f"import os, sys, time; sys.path.insert(0, {str(ROOT)!r}); import store\n"
            f"for i in range({rounds}):\n"
            f"    while not os.path.exists(os.path.join({str(tmp_path)!r}, f'go{{i}}')): time.sleep(0.001)\n"
            f"    store.connect(os.path.join({str(tmp_path)!r}, f'race{{i}}.db')).close()\n"
            f"    open(os.path.join({str(tmp_path)!r}, f'done{{i}}-{{os.getpid()}}'), 'w').close()\n")
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(4)]
    for i in range(rounds):
        (tmp_path / f"go{i}").touch()
        deadline = time.monotonic() + 60
        while len(list(tmp_path.glob(f"done{i}-*"))) < 4 and time.monotonic() < deadline \
                and all(p.poll() is None for p in procs):
            time.sleep(0.01)
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [err for _, err in outs]
    for i in range(rounds):
        assert store.schema_version(store.connect(tmp_path / f"race{i}.db"))[-1] == ALL_MIGRATIONS[-1]


@pytest.mark.parametrize("number", ["1719/qd-ttg", "số 05/2011/NĐ-CP", "nd-cp", "qd", "9999/XYZ"])
def test_documents_cited_gives_one_answer_by_either_plan(fixture_db, number):  # noqa: F811
    """Few citations are read from the documents, many by walking events newest first: same rows."""
    from store.canned import FEW_CITATIONS, QUERIES
    path, _ = fixture_db
    db = store.connect(path)
    sql = QUERIES["documents_cited"]["sql"]
    walk = sql.replace(f"<= {FEW_CITATIONS}", "<= -1").replace(f"> {FEW_CITATIONS}", "> -1")
    assert walk != sql
    by_documents = db.execute(sql, {"number": number}).fetchall()
    by_events = db.execute(walk, {"number": number}).fetchall()
    assert by_documents == by_events
    assert (by_documents == []) == (number == "9999/XYZ")

def test_the_most_reported_happenings_are_read_from_an_index(fixture_db):  # noqa: F811
    """Migration 0013: clusters ordered by outlets is an index walk, not a sort of every cluster."""
    db = store.connect(fixture_db[0])
    sql = ("SELECT c.cluster_key FROM clusters c JOIN events e ON e.id = c.rep_event_id "
           "WHERE e.main = 1 AND e.hidden = 0 ORDER BY c.outlets DESC, c.date DESC LIMIT 50")
    plan = " ".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql))
    assert "idx_clusters_outlets" in plan and "TEMP B-TREE" not in plan, plan
    assert db.execute(sql).fetchall()


def test_an_officials_latest_provinces_are_read_from_an_index(fixture_db):  # noqa: F811
    """Migration 0015: clustering asks where a name's latest acts were for every report with no
    province; the index holds the answer, no table row is read."""
    db = store.connect(fixture_db[0])
    name_key = db.execute("SELECT name_key FROM person_acts WHERE province IS NOT NULL LIMIT 1").fetchone()[0]
    plan = " ".join(row[3] for row in db.execute(
        "EXPLAIN QUERY PLAN SELECT province, province_current, count(*) FROM (SELECT province, province_current "
        "FROM person_acts WHERE name_key = ? ORDER BY id DESC LIMIT ?) GROUP BY province, province_current",
        [name_key, 200]))
    assert "COVERING INDEX idx_person_acts_name" in plan, plan
    counted = store.act_provinces(db, name_key)
    latest = db.execute("SELECT province, province_current FROM person_acts NOT INDEXED WHERE name_key = ? "
                        "ORDER BY id DESC LIMIT 200", [name_key]).fetchall()
    assert sorted(counted, key=repr) == sorted(
        {(p, c, latest.count((p, c))) for p, c in latest}, key=repr)
