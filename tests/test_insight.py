"""Events across outlets, officials' careers and documents' reach, on a real SQLite file built
through the real extraction (nlp.extract) of multi-outlet articles written for these tests."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import nlp
import store
from insight import clusters, registry
from monitor.feed import build_feed
from tests.insight_articles import ARTICLES, REPOST, happening_pairs

ROOT = Path(__file__).resolve().parent.parent


def _save(db, article: dict) -> tuple[int, str]:
    aid, outcome, _ = store.save_article(db, article, source=article["outlet"])
    if outcome == "stored":
        stats = store.save_extraction(db, aid, nlp.extract({k: article[k] for k in
                                                             ("id", "url", "title", "published", "text")}))
        assert not [k for k in stats if k.endswith("_error")], stats
    return aid, outcome


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("insight") / "insight.db"
    db = store.connect(path)
    ids = {}
    for article in [*ARTICLES, REPOST]:
        ids[article["id"]], _ = _save(db, article)
    db.close()
    return path, ids


def _cluster_of(db) -> dict[str, str]:
    return {ext: key for ext, key in db.execute(
        "SELECT a.ext_id, c.cluster_key FROM events e JOIN articles a ON a.id = e.article_id "
        "JOIN clusters c ON c.id = e.cluster_id WHERE e.main = 1")}


def _cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "pipeline.py"), *args], cwd=str(ROOT),
                          capture_output=True, text=True, timeout=120)


def test_pair_precision_and_recall_of_clusters_on_multi_outlet_articles(built):
    db = store.connect(built[0])
    predicted_of = _cluster_of(db)
    truth = {a["id"]: a["happening"] for a in ARTICLES}
    assert set(predicted_of) == set(truth)  # every stored article's main event has a cluster
    gold = happening_pairs(truth)
    predicted = happening_pairs(predicted_of)
    precision = len(gold & predicted) / len(predicted)
    recall = len(gold & predicted) / len(gold)
    print(f"pairs: gold {len(gold)} predicted {len(predicted)} precision {precision:.2f} recall {recall:.2f}")
    assert recall >= 0.75 and precision >= 0.90


def test_one_officials_two_elections_in_two_provinces_stay_two_happenings(built):
    db = store.connect(built[0])
    of = _cluster_of(db)
    assert of["bn-paper-1"] != of["tn-paper-1"]
    assert of["bn-paper-1"] == of["bn-portal-1"] == of["bn-national-1"]
    assert of["tn-paper-1"] == of["tn-portal-1"] == of["tn-national-1"]
    # Same province, day and chairing official, but morning and afternoon: two happenings.
    assert of["sl-paper-2"] != of["sl-portal-3"] and of["sl-paper-1"] != of["sl-paper-2"]


def test_the_crawlers_duplicate_joins_its_originals_cluster_and_the_view_lists_the_happening_once(built):
    db = store.connect(built[0])
    path, ids = built
    assert store.get_article(db, ids[REPOST["id"]])["duplicate_of"] == ids["bn-paper-1"]
    key = store.article_cluster_key(db, ids[REPOST["id"]])
    assert key == store.article_cluster_key(db, ids["bn-paper-1"])
    rows = db.execute("SELECT cluster, reported_by, sources FROM events_view WHERE cluster = ?", [key]).fetchall()
    assert len(rows) == 1
    assert rows[0][1] == 4 and "tonghoptin" in rows[0][2] and "bacninh-portal" in rows[0][2]
    page = store.cluster(db, key)
    assert [s["outlet"] for s in page["sources"]].count("tonghoptin") == 1
    assert len(page["events"]) == 3
    happenings = len({a["happening"] for a in ARTICLES})
    assert db.execute("SELECT count(*) FROM events_view WHERE main = 1").fetchone()[0] == happenings


def test_export_gives_each_records_event_its_cluster(built, tmp_path):
    out = tmp_path / "records.jsonl"
    run = _cli("export", "--db", str(built[0]), "--format", "jsonl", "--output", str(out))
    assert run.returncode == 0, run.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(ARTICLES) + 1  # one record per stored or duplicate article
    by_id = {r["id"]: r for r in records}
    assert by_id[REPOST["id"]]["event"]["cluster"] == by_id["bn-paper-1"]["event"]["cluster"]
    assert by_id[REPOST["id"]]["url"] == REPOST["url"] and by_id[REPOST["id"]]["officials"]
    assert by_id["bn-paper-1"]["event"]["cluster"] == by_id["bn-national-1"]["event"]["cluster"]
    assert by_id["bn-paper-1"]["event"]["cluster"] != by_id["pm-gov-1"]["event"]["cluster"]


def test_the_feed_lists_a_syndicated_happening_once_with_its_outlets(built):
    # (the Prime Minister's approval of the result is a second happening placed in Bắc Ninh)
    xml = build_feed(str(built[0]), province="Bắc Ninh", type="council_session")
    assert xml.count("<entry>") == 1  # four outlets' reports of the election, one entry
    assert "Đưa tin: 4 cơ quan báo chí" in xml


def test_clusters_are_stable_across_re_extraction_and_rebuild(built, tmp_path):
    path = tmp_path / "copy.db"
    src = store.connect(built[0])
    src.conn.execute("VACUUM INTO ?", [str(path)])
    db = store.connect(path)
    before = _cluster_of(db)
    article = next(a for a in ARTICLES if a["id"] == "bn-portal-1")
    aid = db.execute("SELECT id FROM articles WHERE ext_id = ?", [article["id"]]).fetchone()[0]
    store.save_extraction(db, aid, nlp.extract({k: article[k] for k in ("id", "url", "title", "published", "text")}))
    assert _cluster_of(db) == before
    assert clusters.rebuild(db) == len({a["happening"] for a in ARTICLES})
    assert _cluster_of(db) == before


def test_person_shows_both_elections_as_chairman_in_order(built):
    run = _cli("person", "dinh quang thach", "--db", str(built[0]), "--format", "json")
    assert run.returncode == 0, run.stderr
    persons = json.loads(run.stdout)
    assert len(persons) == 1 and persons[0]["name"] == "Đinh Quang Thạch"
    chair = [p for p in persons[0]["positions"] if p["title"] == "Chủ tịch"]
    assert [(p["organization"], p["province"], p["start"]) for p in chair] == [
        ("UBND tỉnh Bắc Ninh", "Bắc Ninh", "2024-03-14"), ("UBND tỉnh Thái Nguyên", "Thái Nguyên", "2025-08-12")]
    assert chair[0]["end"] == "2025-08-12"  # "nguyên Chủ tịch UBND tỉnh Bắc Ninh" when elected in Thái Nguyên
    assert chair[1]["end"] is None
    assert any("phe-chuan" in u for u in chair[0]["source_urls"])
    text = _cli("person", "Đinh Quang Thạch", "--db", str(built[0]))
    assert text.returncode == 0 and text.stdout.index("2024-03-14") < text.stdout.index("2025-08-12")


def test_person_ends_a_position_on_miễn_nhiệm_and_starts_one_on_bổ_nhiệm(built):
    db = store.connect(built[0])
    [khai] = registry.persons(db, "Hoàng Minh Khải")
    assert [(p["title"], p["end"], p["end_reason"]) for p in khai["positions"]] == [
        ("Chủ tịch", "2024-03-14", "miễn nhiệm")]
    [loc] = registry.persons(db, "Trịnh Xuân Lộc")
    deputy = next(p for p in loc["positions"] if p["title"] == "Thứ trưởng")
    assert (deputy["organization"], deputy["start"]) == ("Bộ Nội vụ", "2025-10-01")
    assert _cli("person", "Không Có Ai", "--db", str(built[0])).returncode == 1


SAME_NAME = [
    {"id": "hg-1", "outlet": "baohagiang", "url": "https://baohagiang.example.vn/tin/1",
     "title": "Lãnh đạo huyện kiểm tra mùa vụ", "published": "2025-03-04",
     "text": ("Ngày 04/3/2025, ông Nông Văn Tài, Chủ tịch UBND huyện Bắc Mê, tỉnh Hà Giang kiểm tra tiến độ "
              "gieo cấy lúa xuân tại các xã vùng cao của huyện.")},
    {"id": "ag-1", "outlet": "baoangiang", "url": "https://baoangiang.example.vn/tin/2",
     "title": "Sở Xây dựng làm việc với nhà đầu tư", "published": "2025-03-20",
     "text": ("Chiều 20/3/2025, ông Nông Văn Tài, Giám đốc Sở Xây dựng tỉnh An Giang làm việc với nhà đầu tư "
              "dự án khu dân cư mới tại thành phố Long Xuyên.")},
    {"id": "hg-2", "outlet": "baohagiang", "url": "https://baohagiang.example.vn/tin/3",
     "title": "Huyện Bắc Mê ra quân trồng rừng", "published": "2025-05-02",
     "text": ("Sáng 02/5/2025, ông Nông Văn Tài, Chủ tịch UBND huyện Bắc Mê, tỉnh Hà Giang dự lễ ra quân trồng "
              "rừng tại xã Yên Phong.")},
    {"id": "ag-2", "outlet": "baoangiang", "url": "https://baoangiang.example.vn/tin/4",
     "title": "Kiểm tra công trình trọng điểm", "published": "2025-06-10",
     "text": ("Ngày 10/6/2025, ông Nông Văn Tài, Giám đốc Sở Xây dựng tỉnh An Giang kiểm tra tiến độ các công "
              "trình trọng điểm trên địa bàn tỉnh.")},
]


def test_one_name_with_posts_in_two_provinces_at_once_is_two_persons_with_the_reason(tmp_path):
    db = store.connect(tmp_path / "names.db")
    for article in SAME_NAME:
        _save(db, article)
    persons = registry.persons(db, "Nông Văn Tài")
    assert len(persons) == 2
    assert sorted(p["provinces"][0] for p in persons) == ["An Giang", "Tuyên Quang"]  # Hà Giang → Tuyên Quang
    assert any(p["reason"] and "same time" in p["reason"] for p in persons)
    assert registry.rebuild(db) == 1  # one name, resolved into two persons when read
    assert len(registry.persons(db, "nong van tai")) == 2


def test_document_lists_its_citing_articles_with_province_date_and_event_type(built):
    run = _cli("document", "1719/qđ-ttg", "--db", str(built[0]), "--format", "json")
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    assert (doc["number"], doc["type"], doc["issuer"]) == ("1719/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ")
    assert [(c["province"], c["date"], c["event_type"]) for c in doc["citations"]] == [
        ("Sơn La", "2025-09-10", "training")] * 2
    pm = json.loads(_cli("document", "265/QĐ-TTg", "--db", str(built[0]), "--format", "json").stdout)
    assert pm["date"] == "2024-03-25" and len(pm["citations"]) == 2
    assert _cli("document", "9999/QĐ-XX", "--db", str(built[0])).returncode == 1


@pytest.mark.parametrize(("a", "b", "conflict"), [
    ({"date": "2025-09-10"}, {"date": "2025-09-14"}, "different dates"),
    ({"date": "2025-09-10", "lead": "Sáng 10/9, hội nghị"}, {"date": "2025-09-10", "lead": "Chiều 10/9/2025"},
     "sang and chieu"),
    ({"date": "2025-09-10", "outlet": "baosonla", "summary": "Hội nghị số 1 về nông thôn mới", "documents": ["1"]},
     {"date": "2025-09-10", "outlet": "baosonla", "summary": "Tập huấn chuyển đổi số cho cán bộ", "documents": ["1"]},
     "two articles of baosonla"),
])
def test_compare_calls_different_days_or_parts_of_day_a_conflict(a, b, conflict):
    score, reason = clusters.compare(a, b)
    assert score == 0.0 and reason.startswith("conflict") and conflict in reason


def test_shared_officials_alone_do_not_make_one_happening():
    a = {"date": "2025-09-10", "officials": ["Cầm Thị Nga"], "title": "Hội nghị sơ kết công tác dân tộc"}
    b = {"date": "2025-09-10", "officials": ["Cầm Thị Nga"], "title": "Triển khai phòng chống thiên tai"}
    assert clusters.compare(a, b)[0] < clusters.THRESHOLD


def test_a_malformed_extraction_is_stored_and_the_analyses_go_on(tmp_path):
    db = store.connect(tmp_path / "bad.db")
    aid, _, _ = store.save_article(db, {"url": "https://x.example.vn/a", "title": "T", "text": "Văn bản ngắn."})
    bad = {"record": {"officials": [{"name": "Lò Văn A", "positions": None}, {"name": None}],
                      "dates": [None, 5]},
           "events": [{"type": None, "date": "không phải ngày", "main": True, "officials": [None]}],
           "pipeline_version": "t"}
    store.save_extraction(db, aid, bad)
    assert db.execute("SELECT count(*) FROM records").fetchone()[0] == 1
    # No date to compare on: the event stands alone in a cluster of its own.
    assert db.execute("SELECT count(*), max(outlets) FROM clusters").fetchone() == (1, 1)
    assert db.execute("SELECT error FROM insight_errors").fetchall() == []


SUCCESSION = [
    {"id": "ls-1", "outlet": "baolangson", "url": "https://baolangson.example.vn/tin/ngan-sach",
     "title": "Lạng Sơn rà soát thu ngân sách", "published": "2024-06-11",
     "text": ("Ngày 11/6/2024, ông Phạm Văn Khoa, Giám đốc Sở Tài chính tỉnh Lạng Sơn báo cáo tình hình thu "
              "ngân sách 5 tháng đầu năm tại phiên họp thường kỳ của UBND tỉnh.")},
    {"id": "ls-2", "outlet": "langson-portal", "url": "https://langson.example.gov.vn/tin/bo-nhiem",
     "title": "Bổ nhiệm Giám đốc Sở Tài chính", "published": "2025-02-20",
     "text": ("Ngày 20/02/2025, Chủ tịch UBND tỉnh Lạng Sơn ký quyết định bổ nhiệm bà Vi Thị Hạnh, Phó Giám "
              "đốc Sở, giữ chức Giám đốc Sở Tài chính tỉnh Lạng Sơn kể từ ngày 01/3/2025.")},
]


def test_a_successors_appointment_ends_the_open_post_from_the_day_it_takes_effect(tmp_path):
    db = store.connect(tmp_path / "succession.db")
    for article in SUCCESSION:
        _save(db, article)
    [hanh] = registry.persons(db, "Vi Thị Hạnh")
    director = next(p for p in hanh["positions"] if p["title"] == "Giám đốc")
    assert (director["organization"], director["start"], director["start_act"]) == (
        "Sở Tài chính tỉnh Lạng Sơn", "2025-03-01", "bổ nhiệm")
    [khoa] = registry.persons(db, "Phạm Văn Khoa")
    assert [(p["start"], p["end"], p["end_reason"]) for p in khoa["positions"]] == [
        (None, "2025-03-01", "successor: Vi Thị Hạnh")]


def test_an_analysis_that_fails_on_bad_input_is_recorded_and_the_rest_is_kept(tmp_path):
    db = store.connect(tmp_path / "failing.db")
    text = "Ngày 5/3/2025, ông Lò Văn Ánh, Chủ tịch UBND xã, được bầu giữ chức Bí thư Đảng ủy xã."
    aid, _, _ = store.save_article(db, {"url": "https://x.example.vn/b", "title": "Bầu Bí thư", "text": text})
    officials = [{"name": "Lò Văn Ánh", "positions": [{"title": "Chủ tịch", "organization": "UBND xã"}]}]
    bad = {"record": {"officials": officials, "dates": 20250305},  # dates must be a list
           "events": [{"type": "other", "date": "2025-03-05", "main": True}], "pipeline_version": "t"}
    stats = store.save_extraction(db, aid, bad)
    assert "registry_error" in stats and "cluster_error" not in stats
    assert db.execute("SELECT stage FROM insight_errors WHERE article_id = ?", [aid]).fetchall() == [("registry",)]
    assert db.execute("SELECT count(*) FROM records").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM events WHERE cluster_id IS NOT NULL").fetchone()[0] == 1
    good = dict(bad, record={"officials": officials, "dates": ["2025-03-05"]})
    store.save_extraction(db, aid, good)  # fixed input clears the stored failure
    assert db.execute("SELECT count(*) FROM insight_errors").fetchone()[0] == 0
    assert [a["act"] for a in store.person_acts(db, "lo van anh")] == ["start", "holds"]


def test_insight_rebuild_command_recomputes_the_same_clusters(built, tmp_path):
    path = tmp_path / "rebuild.db"
    store.connect(built[0]).conn.execute("VACUUM INTO ?", [str(path)])
    before = _cluster_of(store.connect(path))
    run = _cli("insight", "--rebuild", "--db", str(path))
    assert run.returncode == 0, run.stderr
    assert f"{len({a['happening'] for a in ARTICLES})} cluster(s)" in run.stderr
    assert _cluster_of(store.connect(path)) == before
    assert _cli("insight", "--rebuild", "--db", str(tmp_path / "none.db")).returncode == 2


def _evidence_as_kept_and_as_read(db) -> tuple[dict, dict]:
    ids = [r[0] for r in db.execute("SELECT id FROM clusters ORDER BY id")]
    kept = store.cluster_evidence(db, ids, clusters.EVIDENCE_MEMBERS)
    read = {cid: [clusters.evidence_text([m]) for m in rows]
            for cid, rows in store.cluster_evidence_members(db, ids, clusters.EVIDENCE_MEMBERS).items()}
    return kept, read


def test_each_cluster_row_keeps_its_members_evidence_through_re_extraction_and_rebuild(built, tmp_path):
    path = tmp_path / "evidence.db"
    store.connect(built[0]).conn.execute("VACUUM INTO ?", [str(path)])
    db = store.connect(path)
    kept, read = _evidence_as_kept_and_as_read(db)
    assert kept == read and any(line for lines in kept.values() for line in lines)
    assert any(len(lines) > 1 for lines in kept.values())  # multi-outlet clusters keep each member
    article = next(a for a in ARTICLES if a["id"] == "bn-portal-1")
    aid = db.execute("SELECT id FROM articles WHERE ext_id = ?", [article["id"]]).fetchone()[0]
    store.save_extraction(db, aid, nlp.extract({k: article[k] for k in ("id", "url", "title", "published", "text")}))
    clusters.rebuild(db)
    assert _evidence_as_kept_and_as_read(db)[0] == _evidence_as_kept_and_as_read(db)[1]


def test_clusters_made_before_the_kept_evidence_are_read_from_their_events(built, tmp_path):
    # A database from before migration 0014 has no evidence on its cluster rows: the writer reads the
    # members instead and files each report where the kept copy would have.
    path = tmp_path / "old.db"
    store.connect(built[0]).conn.execute("VACUUM INTO ?", [str(path)])
    db = store.connect(path)
    before = _cluster_of(db)
    with store.write(db):
        db.execute("UPDATE clusters SET evidence = NULL")
    ids = [r[0] for r in db.execute("SELECT id FROM clusters")]
    assert set(store.cluster_evidence(db, ids, clusters.EVIDENCE_MEMBERS).values()) == {None}
    for article in ARTICLES:
        aid = db.execute("SELECT id FROM articles WHERE ext_id = ?", [article["id"]]).fetchone()[0]
        with store.write(db):
            clusters.assign(db, aid)

    def partition(of):  # (a lone report re-filed founds its cluster again, under a "-2" key)
        return {frozenset(a for a in of if of[a] == key) for key in of.values()}
    assert partition(_cluster_of(db)) == partition(before)


_NAMES = ["Nguyễn Văn An", "Lê Thị Bình", "Trần Văn Cường"]
_NUMBERS = ["1532", "Quyết định 1532", "1532/QĐ-UBND", "1532/QĐ-TTg", "88/NQ-HĐND", "88", "Nghị quyết 57",
            "57-NQ/TW", "2231/QĐ-TTg"]
_FIGURES = ["58/58 đại biểu", "1.150 tỷ đồng", "100%"]


def test_the_kept_evidence_finds_exactly_the_members_sharing_an_official_document_or_figure():
    import random

    rng = random.Random(7)

    def event():
        return {"officials": rng.sample(_NAMES, rng.randint(0, 2)), "documents": rng.sample(_NUMBERS, rng.randint(0, 3)),
                "figures": rng.sample(_FIGURES, rng.randint(0, 1))}

    seen = set()
    for _ in range(3000):
        a, members = event(), [event() for _ in range(rng.randint(1, 3))]
        direct = any(set(a["officials"]) & set(m["officials"]) or set(a["figures"]) & set(m["figures"])
                     or clusters._documents(a["documents"], m["documents"]) for m in members)
        wanted = clusters._evidence_keys(dict(a), wanted=True)
        lines = clusters.evidence_text([dict(m) for m in members]).split("\n")
        assert any(wanted.intersection(line.split("\t")) for line in lines if line) == bool(direct), (a, members)
        seen.add(bool(direct))
    assert seen == {True, False}


def test_one_statement_finds_each_blocks_candidates_as_one_query_per_block_would(built):
    db = store.connect(built[0])
    blocks = [r[0] for r in db.execute("SELECT DISTINCT province_block FROM clusters ORDER BY 1")] + ["nowhere"]
    for types in (None, ["council_session", "other"], ["conference", "ceremony", "issuance", "other"]):
        type_sql = f" AND type IN ({', '.join('?' * len(types))})" if types else ""
        windows = [(b, "2024-01-01", "2026-12-31", 2 + n % 3) for n, b in enumerate(blocks)]
        dated, undated, kept = store.candidate_clusters(db, types, windows, blocks, 2)
        expected_dated = [cid for b, lo, hi, limit in windows for (cid,) in db.execute(
            f"SELECT id FROM clusters WHERE province_block = ? AND date BETWEEN ? AND ?{type_sql} "
            "ORDER BY date DESC, id DESC LIMIT ?", [b, lo, hi, *(types or []), limit])]
        expected_undated = [cid for b in blocks for (cid,) in db.execute(
            f"SELECT id FROM clusters WHERE province_block = ? AND date IS NULL{type_sql} ORDER BY id DESC LIMIT 2",
            [b, *(types or [])])]
        assert (dated, undated) == (expected_dated, expected_undated)
        assert set(kept) == {*dated, *undated} and all(kept.values())
        if types is None:
            assert dated


def test_recounting_every_cluster_changes_nothing_the_writer_left(built, tmp_path):
    # New happenings are written whole when founded (store.found_cluster); joins and merges are
    # recounted (refresh_cluster): both must leave what a recount from the events gives.
    path = tmp_path / "recount.db"
    store.connect(built[0]).conn.execute("VACUUM INTO ?", [str(path)])
    db = store.connect(path)
    columns = ("cluster_key, type, province_block, date, province, rep_event_id, events, articles, outlets, "
               "outlet_names, sources, first_published, evidence")
    before = db.execute(f"SELECT {columns} FROM clusters ORDER BY id").fetchall()
    assert any(r[6] == 1 for r in before) and any(r[6] > 1 for r in before)
    merged = db.execute("SELECT id, merged FROM events ORDER BY id").fetchall()
    with store.write(db):
        for (cid,) in db.execute("SELECT id FROM clusters").fetchall():
            store.refresh_cluster(db, cid, evidence_of=clusters.evidence_text, first=clusters.EVIDENCE_MEMBERS)
    assert db.execute(f"SELECT {columns} FROM clusters ORDER BY id").fetchall() == before
    assert db.execute("SELECT id, merged FROM events ORDER BY id").fetchall() == merged


def test_the_writer_hands_clustering_the_events_as_it_would_read_them_back(tmp_path, monkeypatch):
    import copy

    handed = {}
    real = clusters.assign

    def spy(db, article_id, stale=None, known=None):
        handed[article_id] = copy.deepcopy((known or {}).get("main_events"))
        return real(db, article_id, stale, known)

    monkeypatch.setattr(clusters, "assign", spy)
    db = store.connect(tmp_path / "handed.db")
    ids = [_save(db, a)[0] for a in ARTICLES[:6]]
    aid = ids[0]
    article = ARTICLES[0]
    store.save_extraction(db, aid, nlp.extract({k: article[k] for k in ("id", "url", "title", "published", "text")}))
    assert set(handed) == set(ids) and all(handed.values())
    for article_id, events in handed.items():
        read = [{k: v for k, v in e.items() if k != "cluster_id"} for e in store.events_for_clustering(db, article_id)]
        assert [{k: v for k, v in e.items() if k != "cluster_id"} for e in events] == read


def test_a_writers_cached_members_follow_a_re_extraction(tmp_path):
    db = store.connect(tmp_path / "cache.db")
    article = ARTICLES[0]
    aid, _ = _save(db, article)
    cid = db.execute("SELECT cluster_id FROM events WHERE article_id = ? AND main = 1", [aid]).fetchone()[0]
    first = store.cluster_members(db, [cid], 8)[cid]
    assert store.cluster_members(db, [cid], 8)[cid][0] is first[0]  # kept by this connection
    extraction = nlp.extract({k: article[k] for k in ("id", "url", "title", "published", "text")})
    main = next(e for e in extraction["events"] if e.get("main"))
    main["date"] = "2019-01-02"
    store.save_extraction(db, aid, extraction)
    cid = db.execute("SELECT cluster_id FROM events WHERE article_id = ? AND main = 1", [aid]).fetchone()[0]
    again = store.cluster_members(db, [cid], 8)[cid]
    assert [m["date"] for m in again] == ["2019-01-02"] and again[0]["cluster_id"] == cid
    other = store.connect(tmp_path / "cache.db")  # another connection reads for itself
    assert store.cluster_members(other, [cid], 8)[cid][0] is not again[0]


def test_a_full_member_cache_still_returns_every_member(tmp_path, monkeypatch):
    # The cache is bounded: reading more members than it holds evicts the oldest, never one this
    # read is about to return.
    db = store.connect(tmp_path / "small.db")
    for article in ARTICLES:
        _save(db, article)
    ids = [r[0] for r in db.execute("SELECT id FROM clusters ORDER BY id")]
    expected = {cid: [m["id"] for m in rows] for cid, rows in store.cluster_members(db, ids, 8).items()}
    monkeypatch.setattr(store.insight, "MEMBER_CACHE", 2)
    for n in range(1, len(ids) + 1):
        got = store.cluster_members(db, ids[:n], 8)
        assert {cid: [m["id"] for m in rows] for cid, rows in got.items()} == {c: expected[c] for c in ids[:n]}
        assert len(db.__dict__["_vnpolicy_members"]) <= 2
