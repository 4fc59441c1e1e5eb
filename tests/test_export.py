"""`vnpolicy export`: JSON Lines records and CSV views, filters, stdout."""
from __future__ import annotations

import csv
import json

import pipeline
import store
from tests.store_fixtures import ARTICLES, extraction_for, fixture_db  # noqa: F401

SPEC_KEYS = {"id", "url", "published", "provinces", "officials", "documents", "dates", "event"}


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_one_spec_record_per_stored_or_duplicate_article(fixture_db, tmp_path):  # noqa: F811
    db_path, ids = fixture_db
    db = store.connect(db_path)
    copy = dict(ARTICLES[0], url="https://copy.example.vn/1", id="copy", title="Lai Châu tập huấn Chương trình 1719",
                published="2025-03-14")
    dup_id, outcome, original = store.save_article(db, copy)
    assert (outcome, original) == ("duplicate", ids["lc-1"])
    out = tmp_path / "out" / "records.jsonl"
    assert pipeline.main(["export", "--db", str(db_path), "--format", "jsonl", "--output", str(out)]) == 0
    records = _jsonl(out)
    # Issue 10: one record per stored or duplicate article (the duplicate used to be left out).
    assert [r["id"] for r in records] == ["lc-1", "hn-1", "ql-1", "copy"]
    first = records[0]
    assert SPEC_KEYS | {"title", "text"} <= set(first)
    assert first["url"] == ARTICLES[0]["url"] and first["text"] == ARTICLES[0]["text"]
    assert first["officials"][0]["positions"][0]["organization"] == "UBND tỉnh Lai Châu"
    reprint = records[3]
    # The reprint: its original's extraction (same event cluster), its own url, title and date.
    assert (reprint["url"], reprint["title"], reprint["published"]) == (copy["url"], copy["title"], "2025-03-14")
    assert {k: v for k, v in reprint.items() if k not in ("id", "url", "title", "published")} == \
        {k: v for k, v in first.items() if k not in ("id", "url", "title", "published")}
    cluster = first["event"].pop("cluster")  # the happening's id across outlets
    assert cluster.startswith("c-") and cluster != records[1]["event"]["cluster"]
    assert reprint["event"]["cluster"] == cluster
    assert first["event"] == {"type": "training", "date": "2025-03-12", "province": "Lai Châu"}
    # The filters see the reprint by its own date and its original's provinces.
    since = [r["id"] for r in store.export_records(db, since="2025-03-13")]
    assert since == ["hn-1", "copy"]
    assert [r["id"] for r in store.export_records(db, province="lai chau")] == ["lc-1", "copy"]


def test_jsonl_since_and_province(fixture_db, capsys):  # noqa: F811
    db_path, _ = fixture_db
    assert pipeline.main(["export", "--db", str(db_path), "--output", "-", "--since", "2025-01-01"]) == 0
    ids = [json.loads(x)["id"] for x in capsys.readouterr().out.splitlines()]
    assert ids == ["lc-1", "hn-1"]
    assert pipeline.main(["export", "--db", str(db_path), "--output", "-", "--province", "quang ninh"]) == 0
    assert [json.loads(x)["id"] for x in capsys.readouterr().out.splitlines()] == ["ql-1"]
    assert pipeline.main(["export", "--db", str(db_path), "--output", "-", "--since", "2025-01-01",
                          "--province", "Quảng Ninh"]) == 0
    assert capsys.readouterr().out == ""


def test_article_without_extraction_still_exported(tmp_path):
    db = store.connect(tmp_path / "e.db")
    store.save_article(db, {"url": "https://x.vn/1", "title": "T", "text": "Nội dung", "published": None})
    rec = list(store.export_records(db))
    assert rec == [{"id": "1", "url": "https://x.vn/1", "title": "T", "published": None, "text": "Nội dung",
                    "provinces": [], "officials": [], "documents": [], "dates": [], "event": None}]


def test_csv_every_view_to_directory(fixture_db, tmp_path):  # noqa: F811
    db_path, _ = fixture_db
    out = tmp_path / "views"
    assert pipeline.main(["export", "--db", str(db_path), "--format", "csv", "--output", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{v}.csv" for v in store.VIEWS)
    with (out / "events_view.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 3
    assert {r["province"] for r in rows} == {"Lai Châu", "Hà Nội", "Quảng Ninh"}
    with (out / "documents_view.csv").open(encoding="utf-8") as fh:
        assert next(csv.DictReader(fh))["number"] == "1719/QĐ-TTg"


def test_csv_one_view_to_stdout(fixture_db, capsys):  # noqa: F811
    db_path, _ = fixture_db
    assert pipeline.main(["export", "--db", str(db_path), "--format", "csv", "--view", "officials_view",
                          "--output", "-"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert {r["person"] for r in rows} == {"Tống Thanh Hải", "Nguyễn Thị Hà", "Cao Tường Huy"}


def test_csv_all_views_to_stdout_is_refused(fixture_db, capsys):  # noqa: F811
    assert pipeline.main(["export", "--db", str(fixture_db[0]), "--format", "csv", "--output", "-"]) == 2
    assert "directory" in capsys.readouterr().err


# --- reprocess (the researchers' re-extraction command) ------------------------

class FakeNlp:
    """The nlp contract (extract, extract_many, PIPELINE_VERSION) with hand-written results."""

    PIPELINE_VERSION = "test-2"

    def __init__(self, fail_url=None):
        self.fail_url = fail_url
        self.seen = []

    def extract(self, article):
        self.seen.append(article["id"])
        if article["url"] == self.fail_url:
            raise ValueError("bad text")
        source = next(a for a in ARTICLES if a["url"] == article["url"])
        assert article["text"] == source["text"]
        ex = extraction_for(source, version=self.PIPELINE_VERSION)
        if source["id"] == "ql-1":
            ex["events"][0]["type"] = "ceremony"
        return ex

    def extract_many(self, articles, workers=1, errors="raise"):
        for a in articles:
            try:
                yield self.extract(a)
            except ValueError as exc:
                if errors == "raise":
                    raise
                yield {"error": f"ValueError: {exc}", "pipeline_version": self.PIPELINE_VERSION}


def test_reprocess_replaces_rows_and_counts_failures(fixture_db):  # noqa: F811
    from query.reprocess import reprocess

    db_path, ids = fixture_db
    db = store.connect(db_path)
    stats = reprocess(db, FakeNlp(fail_url=ARTICLES[1]["url"]))
    assert stats["articles"] == 2 and stats["failed"] == 1 and ARTICLES[1]["url"] in stats["errors"][0]
    assert stats["events_changed"] == 1  # only ql-1's event changed
    versions = dict(db.execute("SELECT article_id, pipeline_version FROM records").fetchall())
    assert versions == {ids["lc-1"]: "test-2", ids["hn-1"]: "test-1", ids["ql-1"]: "test-2"}
    assert db.execute("SELECT type FROM events WHERE article_id = ?", [ids["ql-1"]]).fetchone()[0] == "ceremony"
    reason = db.execute("SELECT reason, pipeline_version FROM extraction_failures WHERE article_id = ?",
                        [ids["hn-1"]]).fetchone()
    assert reason == ("ValueError: bad text", "test-2")  # the failure is stored with its reason
    fake = FakeNlp()
    stats = reprocess(db, fake, stale_only=True)  # the failed article is not retried on every run
    assert fake.seen == [] and stats["articles"] == 0
    assert store.unextracted_ids(db) == []  # nor by the next crawl
    stats = reprocess(db, fake, stale_only=True, retry_failed=True)  # only the article the failure left
    assert fake.seen == ["hn-1"] and stats == {"articles": 1, "events_changed": 0, "failed": 0, "errors": []}
    assert db.execute("SELECT count(*) FROM extraction_failures").fetchone() == (0,)  # success clears it


def test_reprocess_cli_missing_db(tmp_path, capsys):
    assert pipeline.main(["reprocess", "--db", str(tmp_path / "none.db")]) == 2
    assert "no database" in capsys.readouterr().err


def test_reprocess_cli_with_the_real_pipeline(tmp_path, capsys):
    """`vnpolicy reprocess` on three corpus articles with the real nlp: stale rows replaced, version kept."""
    import nlp
    from nlp.corpus import load_articles

    path = tmp_path / "real.db"
    db = store.connect(path)
    chosen = [a for a in load_articles() if a.get("text")][:3]
    ids = []
    for i, a in enumerate(chosen):
        article = {"id": a["id"], "url": a.get("url") or f"https://corpus.example.vn/{a['id']}",
                   "title": a.get("title"), "published": a.get("published"), "text": a["text"]}
        article_id, outcome, _ = store.save_article(db, article)
        assert outcome == "stored"
        ids.append(article_id)
        # what an older pipeline left: a mention and an event the real one does not produce
        stale = {"record": {"provinces": ["Nowhere"]}, "pipeline_version": "old-0",
                 "mentions": [{"kind": "official", "text": "x", "start": 0, "end": 1, "value": {}}],
                 "events": [{"type": "other", "date": "1999-01-01", "province": "Nowhere", "main": True}] * (i + 4)}
        store.save_extraction(db, article_id, stale)
    db.close()

    assert pipeline.main(["reprocess", "--db", str(path), "--no-progress"]) == 0
    assert "re-extracted 3 article(s)" in capsys.readouterr().err
    db = store.connect(path)
    versions = db.execute("SELECT pipeline_version FROM records ORDER BY article_id").fetchall()
    assert versions == [(nlp.PIPELINE_VERSION,)] * 3
    assert db.execute("SELECT count(*) FROM events WHERE province = 'Nowhere' OR date = '1999-01-01'").fetchone() \
        == (0,)
    assert db.execute("SELECT DISTINCT pipeline_version FROM mentions").fetchall() == [(nlp.PIPELINE_VERSION,)]
    assert db.execute("SELECT count(*) FROM article_provinces WHERE province_key = 'nowhere'").fetchone() == (0,)
    for article_id, a in zip(ids, chosen, strict=True):
        text = db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()[0]
        rows = db.execute('SELECT text, start, "end" FROM mentions WHERE article_id = ?', [article_id]).fetchall()
        assert rows and all(text[s:e] == t for t, s, e in rows), a["id"]
        record = json.loads(db.execute("SELECT record FROM records_view WHERE article_id = ?",
                                       [article_id]).fetchone()[0])
        assert record["provinces"] and "Nowhere" not in record["provinces"]
    events = db.execute("SELECT id, event_key, updated FROM events ORDER BY id").fetchall()
    assert events and all(key.split("#")[1].isdigit() for _, key, _ in events)
    db.close()

    # run again: same pipeline, so the same events keep their keys, ids and `updated` stamps
    assert pipeline.main(["reprocess", "--db", str(path), "--no-progress"]) == 0
    assert "0 event(s) new or changed" in capsys.readouterr().err
    db = store.connect(path)
    assert db.execute("SELECT id, event_key, updated FROM events ORDER BY id").fetchall() == events
