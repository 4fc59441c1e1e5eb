"""Vietnamese full-text search: folded and exact matching, hostile strings, the CLI."""
from __future__ import annotations

import json

import pytest

import pipeline
import store
from tests.store_fixtures import ARTICLES, fixture_db  # noqa: F401

LC, HN, QN = (a["url"] for a in ARTICLES)


@pytest.mark.parametrize("text, folded", [
    ("Quyết định", "quyet dinh"),
    ("ĐỒNG BÀO", "dong bao"),
    ("Thanh Hoá", "thanh hoa"),
    ("Thanh Hóa", "thanh hoa"),
    ("1719/QĐ-TTg", "1719/qd-ttg"),
    ("Hội nghị tướng", "hoi nghi tuong"),
    ("", ""),
])
def test_fold(text, folded):
    assert store.fold(text) == folded


@pytest.mark.parametrize("query, expected", [
    ("quyet dinh 1719", {LC, HN}),        # no diacritics typed: folded column
    ("Quyết định 1719", {LC, HN}),        # with diacritics: exact words
    ("dong bao", {LC}),                   # đ → d
    ("đồng bào", {LC}),
    ("QD-TTg", {LC, HN}),                 # symbol typed without Đ
    ("1719/QĐ-TTg", {LC, HN}),            # slashes and hyphens are not FTS syntax
    ("05/2011/NĐ-CP", {HN}),
    ("ha long", {QN}),
    ("xuc tien du lich", {QN}),
    ("tong thanh hai", {LC}),
    ("không có từ này", set()),
])
def test_search_finds(fixture_db, query, expected):  # noqa: F811
    db = store.connect(fixture_db[0])
    assert {h["url"] for h in store.search(db, query)} == expected


def test_diacritics_typed_rank_exact_words_first(fixture_db):  # noqa: F811
    db = store.connect(fixture_db[0])
    hits = store.search(db, "Hạ")  # "Hạ Long" in QN; HN has "Hà Nội", "Hà Đông", "Thị Hà"
    assert hits[0]["url"] == QN and hits[0]["exact"]
    assert all(not h["exact"] for h in hits[1:])
    hits = store.search(db, "Hà")
    assert hits[0]["url"] == HN and hits[0]["exact"]
    assert QN in {h["url"] for h in hits if not h["exact"]}  # folded matches follow
    assert {h["url"] for h in store.search(db, "ha")} == {HN, QN}


@pytest.mark.parametrize("hostile", [
    '"', '""', "AND (", "OR", "NOT", "NEAR(", "*", "title:", "{title} : x", "'; DROP TABLE articles; --",
    "a\x00b", "(((", "-", "^", "1719/QĐ-TTg)", "  ", "",
])
def test_hostile_queries_never_raise(fixture_db, hostile):  # noqa: F811
    db = store.connect(fixture_db[0])
    hits = store.search(db, hostile)
    assert isinstance(hits, list)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == len(ARTICLES)


def test_snippet_highlights_original_text(fixture_db):  # noqa: F811
    db = store.connect(fixture_db[0])
    hit = store.search(db, "dong bao")[0]
    assert ("Đồng bào", True) in hit["pieces"]


def test_province_filter(fixture_db):  # noqa: F811
    db = store.connect(fixture_db[0])
    assert {h["url"] for h in store.search(db, "1719", province="ha noi")} == {HN}


def test_cli_prints_title_date_url_snippet(fixture_db, capsys):  # noqa: F811
    assert pipeline.main(["search", "--db", str(fixture_db[0]), "dong bao", "--limit", "5"]) == 0
    out = capsys.readouterr().out
    assert ARTICLES[0]["title"] in out and LC in out and "2025-03-12" in out and "[Đồng bào]" in out


def test_cli_json_and_limit(fixture_db, capsys):  # noqa: F811
    assert pipeline.main(["search", "--db", str(fixture_db[0]), "1719", "--limit", "1", "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["url"] in {LC, HN}


def test_cli_missing_db_is_usage_error(tmp_path, capsys):
    assert pipeline.main(["search", "--db", str(tmp_path / "none.db"), "x"]) == 2
    assert "no database" in capsys.readouterr().err
