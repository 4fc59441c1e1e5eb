"""The compact schema (migration 0009): no stored folded copy, one compressed extraction row per article.

A database written by the previous schema (migrations up to 0008, rows inserted the way
the 0008 writer did) must upgrade in place and then search, show mentions and export
exactly as one written by the current writer.
"""
from __future__ import annotations

import json
import sqlite3

import sqlite_utils

import store
from tests.store_fixtures import ARTICLES, PIPELINE, build_db, extraction_for


def _old_database(path) -> None:
    """The fixture articles and extractions as the 0008 schema stored them (folded copy, mention rows, JSON record)."""
    db = sqlite_utils.Database(path)
    store.MIGRATIONS.apply(db, stop_before="0009_compact")
    for article in ARTICLES:
        text = article["text"]
        article_id = db.execute(
            "INSERT INTO articles (ext_id, url, title, text, published, fetched, search_folded) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [article["id"], article["url"], article["title"], text, article["published"], "2025-01-01T00:00:00+00:00",
             store.fold(article["title"] + "\n" + text)]).lastrowid
        extraction = extraction_for(article)
        for m in extraction["mentions"]:
            db.execute('INSERT INTO mentions (article_id, kind, text, start, "end", value, pipeline_version) '
                       "VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [article_id, m["kind"], m["text"], m["start"], m["end"],
                        json.dumps(m["value"], ensure_ascii=False, sort_keys=True), PIPELINE])
        record = dict(extraction["record"])
        db.execute("INSERT INTO records (article_id, record, pipeline_version, updated) VALUES (?, ?, ?, ?)",
                   [article_id, json.dumps(record, ensure_ascii=False, sort_keys=True), PIPELINE,
                    "2025-01-01T00:00:00+00:00"])
        db.execute("INSERT INTO article_provinces (article_id, province_key) VALUES (?, ?)",
                   [article_id, store.fold(record["provinces"][0])])
    db.conn.commit()
    db.close()


def _export(db) -> list[str]:
    return [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in store.export_records(db)]


def test_previous_schema_upgrades_in_place_and_searches(tmp_path):
    _old_database(tmp_path / "old.db")
    build_db(tmp_path / "new.db")
    old, new = store.connect(tmp_path / "old.db"), store.connect(tmp_path / "new.db")
    assert store.schema_version(old)[-1] == store.MIGRATIONS._migrations[-1].name  # noqa: SLF001
    assert "search_folded" not in old["articles"].columns_dict
    assert "mentions" in old.view_names() and "mentions" not in old.table_names()
    old.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    for query in ("dong bao", "Đồng bào", "son la", "Hà", "Hạ", "ha", "1719/QĐ-TTg", "lai chau", "Lai Châu"):
        hits = [(h["url"], h["exact"], h["snippet"]) for h in store.search(old, query)]
        assert hits == [(h["url"], h["exact"], h["snippet"]) for h in store.search(new, query)], query
    assert [h["url"] for h in store.search(old, "Lai Châu")][:1] == [ARTICLES[0]["url"]]
    for article in ARTICLES:
        aid = old.execute("SELECT id FROM articles WHERE url = ?", [article["url"]]).fetchone()[0]
        _, mentions = store.article_with_mentions(old, aid)
        expected = sorted(extraction_for(article)["mentions"], key=lambda m: (m["start"], -m["end"]))
        assert mentions == expected
    records_old = {r["url"]: r for r in store.export_records(old)}
    records_new = {r["url"]: r for r in store.export_records(new)}
    for url, rec in records_new.items():
        assert {k: v for k, v in records_old[url].items() if k != "event"} == \
            {k: v for k, v in rec.items() if k != "event"}
    # the mentions view gives back what the mention rows held
    rows = old.execute('SELECT kind, text, start, "end", value, pipeline_version FROM mentions '
                       "ORDER BY article_id, seq").fetchall()
    assert len(rows) == sum(len(extraction_for(a)["mentions"]) for a in ARTICLES)
    assert all(r[5] == PIPELINE for r in rows)
    assert ("official", "Tống Thanh Hải") in {(r[0], r[1]) for r in rows}
    assert json.loads(old.execute("SELECT record FROM records_view ORDER BY article_id").fetchone()[0])["id"] == "lc-1"


def test_writer_keeps_one_compressed_row_and_no_folded_copy(tmp_path):
    ids = build_db(tmp_path / "a.db")
    db = store.connect(tmp_path / "a.db")
    assert "search_folded" not in db["articles"].columns_dict
    assert set(db["records"].columns_dict) == {"article_id", "pipeline_version", "updated", "data"}
    article = ARTICLES[0]
    data = db.execute("SELECT data FROM records WHERE article_id = ?", [ids["lc-1"]]).fetchone()[0]
    extraction = extraction_for(article)
    plain = json.dumps({"record": extraction["record"], "mentions": extraction["mentions"]}, ensure_ascii=False)
    assert isinstance(data, bytes) and len(data) < len(plain.encode())
    packed = store.unpack_extraction(data)
    assert packed["record"]["officials"][0]["name"] == "Tống Thanh Hải"
    assert all(len(m) == 4 for m in packed["mentions"])  # span texts come back from the article, not stored
    # the FTS index holds the folded text only: the folded view is its content
    assert db.execute("SELECT title, substr(text, 1, 34) FROM articles_fts WHERE rowid = ?", [ids["lc-1"]]).fetchone() \
        == ("tap huan trien khai chuong trinh 1719 tai lai chau", "ngay 12/3/2025, ubnd tinh lai chau")
    assert db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", ['"dong bao"']).fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'đồng'").fetchone()[0] == 0


def test_updated_and_deleted_articles_leave_the_index(tmp_path):
    db = store.connect(tmp_path / "a.db")
    aid, _, _ = store.save_article(db, {"url": "https://x.vn/1", "title": "Đồng bào vùng cao",
                                        "text": "Hỗ trợ đồng bào làm nhà ở."})
    assert [h["id"] for h in store.search(db, "dong bao")] == [aid]
    store.save_article(db, {"url": "https://x.vn/1", "title": "Giảm nghèo", "text": "Xây trường học mới."})
    assert store.search(db, "dong bao") == []
    assert [h["id"] for h in store.search(db, "truong hoc")] == [aid]
    with store.write(db):
        db.execute("DELETE FROM articles WHERE id = ?", [aid])
    assert store.search(db, "truong hoc") == []
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


def test_mention_whose_text_is_not_at_its_offsets_is_kept(tmp_path):
    db = store.connect(tmp_path / "a.db")
    text = "Chủ tịch UBND tỉnh Sơn La dự hội nghị."
    aid, _, _ = store.save_article(db, {"url": "https://x.vn/2", "title": "Sơn La", "text": text})
    mentions = [{"kind": "province", "text": "Sơn La", "start": 19, "end": 25, "value": {"name": "Sơn La"}},
                {"kind": "official", "text": "Nguyễn Văn A", "start": None, "end": None, "value": {}},
                {"kind": "date", "text": "ngày khác", "start": 0, "end": 4, "value": {"date": None}}]
    store.save_extraction(db, aid, {"record": {"provinces": ["Sơn La"]}, "mentions": mentions,
                                    "pipeline_version": "v"})
    _, got = store.article_with_mentions(db, aid)
    assert sorted(got, key=lambda m: m["text"]) == sorted(mentions, key=lambda m: m["text"])
    assert {r[0] for r in db.execute("SELECT text FROM mentions WHERE article_id = ?", [aid])} == \
        {"Sơn La", "Nguyễn Văn A", "ngày khác"}


def test_damaged_extraction_row_reads_as_empty(tmp_path):
    ids = build_db(tmp_path / "a.db")
    db = store.connect(tmp_path / "a.db")
    with store.write(db):
        db.execute("UPDATE records SET data = ? WHERE article_id = ?", [b"not zlib", ids["lc-1"]])
    article, mentions = store.article_with_mentions(db, ids["lc-1"])
    assert article["url"] == ARTICLES[0]["url"] and mentions == []
    assert len(_export(db)) == len(ARTICLES)
    assert db.execute("SELECT record FROM records_view WHERE article_id = ?", [ids["lc-1"]]).fetchone()[0] is None


def test_plain_sqlite_reads_the_tables(tmp_path):
    """Without vnpolicy's functions (the sqlite3 shell): the tables, counts and search still work."""
    build_db(tmp_path / "a.db")
    conn = sqlite3.connect(tmp_path / "a.db")
    assert conn.execute("SELECT count(*) FROM records").fetchone()[0] == len(ARTICLES)
    assert conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", ['"dong bao"']).fetchone()[0] == 1
    conn.close()


def test_blobs_name_their_dictionary_and_plain_ones_still_read():
    article = ARTICLES[0]
    extraction = extraction_for(article)
    with_dict = store.pack_extraction(extraction["record"], extraction["mentions"], article["text"])
    plain = store.pack_extraction(extraction["record"], extraction["mentions"], article["text"], dictionary=False)
    assert len(with_dict) < len(plain)
    assert with_dict[1] & 0x20 and not plain[1] & 0x20  # zlib's FDICT flag
    assert store.unpack_extraction(with_dict) == store.unpack_extraction(plain)
    assert store.unpack_mentions(with_dict, article["text"]) == extraction["mentions"]
    unknown = with_dict[:2] + b"\x00\x00\x00\x01" + with_dict[6:]  # a dictionary this version does not have
    assert store.unpack_extraction(unknown) == {"record": None, "mentions": []}


def test_title_first_index_of_the_first_0009_is_rebuilt_text_first(tmp_path):
    """0009 first put the folded title before the text; 0011 rebuilds such an index text first."""
    path = tmp_path / "v1.db"
    build_db(path)
    db = store.connect(path)
    with store.write(db):
        for name in ("articles_ai", "articles_ad", "articles_au"):
            db.execute(f"DROP TRIGGER {name}")
        db.execute("DROP TABLE articles_fts")
        db.execute("DROP VIEW articles_search")
        db.execute("CREATE VIEW articles_search AS SELECT id, vn_fold(title) AS title, vn_fold(text) AS text "
                   "FROM articles")
        db.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles_search', "
                   "content_rowid='id', tokenize='unicode61 remove_diacritics 0')")
        db.execute("CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN INSERT INTO articles_fts(rowid, "
                   "title, text) VALUES (new.id, vn_fold(new.title), vn_fold(new.text)); END")
        db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
        db.execute("DELETE FROM _sqlite_migrations WHERE name = '0011_fts_text_first'")
    db.close()
    db = store.connect(path)
    assert [r[1] for r in db.execute("PRAGMA table_info(articles_fts)")] == ["text", "title"]
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    assert [h["url"] for h in store.search(db, "Đồng bào")] == [ARTICLES[0]["url"]]
    aid, _, _ = store.save_article(db, {"url": "https://x.vn/3", "title": "Hạ Long", "text": "Du lịch vịnh Hạ Long."})
    assert store.search(db, "Hạ Long")[0]["id"] == aid
