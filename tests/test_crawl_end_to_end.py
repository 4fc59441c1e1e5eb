"""`vnpolicy crawl` end to end: loopback sites -> Scrapy (child process) -> SQLite rows and fetch logs."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from crawlrun import crawl, outcomes, rows, vnpolicy
from httpserver import LocalServer, conditional, webhook

SITES = Path(__file__).parent / "sites"

ARTICLE_1 = "/thu-tuong-chu-tri-phien-hop-chinh-phu-thuong-ky-thang-8-102260822230251794.htm"
ARTICLE_2 = "/hoi-nghi-trien-khai-nghi-quyet-ve-chuyen-doi-so-102260821090000123.htm"
PAGE_2_ARTICLE = "/bai-trang-hai-ve-an-sinh-xa-hoi-102260801080000555.htm"
PAGE_3_ARTICLE = "/bai-trang-ba-khong-duoc-toi-102260701080000666.htm"


@pytest.fixture
def site():
    servers = {}

    def start(name: str) -> LocalServer:
        servers[name] = LocalServer(root=SITES / name).start()
        return servers[name]

    yield start
    for s in servers.values():
        s.stop()


def test_feed_and_paginated_listing_are_crawled_then_never_refetched(site, tmp_db):
    srv = site("chinhphu")
    args = ["--url", srv.url("/home.rss"), "--url", srv.url("/xa-hoi.htm"), "--max-pages", "2"]
    first = crawl(tmp_db, *args)
    assert first.returncode == 0, first.stderr
    stored = dict(rows(tmp_db, "SELECT url, title FROM articles"))
    assert set(stored) == {srv.url(ARTICLE_1), srv.url(ARTICLE_2), srv.url(PAGE_2_ARTICLE)}
    assert stored[srv.url(ARTICLE_1)] == "Thủ tướng chủ trì phiên họp Chính phủ thường kỳ tháng 8"
    assert srv.hits("/xa-hoi/trang-3.htm") == 0  # --max-pages 2
    assert srv.hits(PAGE_3_ARTICLE) == 0
    log = outcomes(tmp_db)
    assert log[srv.url(ARTICLE_1)][:2] == ("stored", 200)
    assert srv.hits(ARTICLE_1 + "?utm_source=rss&utm_medium=feed") == 0  # tracking params dropped
    assert "broken feed/sitemap items skipped: 1" in first.stdout
    raw = rows(tmp_db, "SELECT raw_html_gz FROM articles WHERE url = ?", [srv.url(ARTICLE_1)])[0][0]
    assert raw[:2] == b"\x1f\x8b"

    second = crawl(tmp_db, *args)
    assert second.returncode == 0, second.stderr
    assert srv.hits(ARTICLE_1) == 1 and srv.hits(ARTICLE_2) == 1 and srv.hits(PAGE_2_ARTICLE) == 1
    assert rows(tmp_db, "SELECT count(*) FROM articles")[0][0] == 3
    runs = rows(tmp_db, "SELECT status, counts FROM crawl_runs ORDER BY id")
    assert [r[0] for r in runs] == ["ok", "ok"]
    assert json.loads(runs[0][1]) == {"stored": 3}


def test_sitemap_index_leads_to_monthly_sitemaps(site, tmp_db):
    srv = site("nhandan")
    result = crawl(tmp_db, "--url", srv.url("/sitemap.xml"))
    assert result.returncode == 0, result.stderr
    urls = {r[0] for r in rows(tmp_db, "SELECT url FROM articles")}
    assert urls == {srv.url("/tinh-son-la-trien-khai-chinh-sach-dan-toc-post980623.html"),
                    srv.url("/can-tho-hop-tac-phat-trien-vung-post980700.html"),
                    srv.url("/quoc-hoi-thong-qua-luat-post970001.html")}
    published = dict(rows(tmp_db, "SELECT url, published FROM articles"))
    assert published[srv.url("/quoc-hoi-thong-qua-luat-post970001.html")] == "2025-06-16T10:00:00+07:00"


def test_feed_conditional_get_logs_not_modified(tmp_db):
    feed = (SITES / "nhandan/home.rss").read_text(encoding="utf-8")
    with LocalServer({"/rss/home.rss": conditional(feed, etag='"feed-v1"')}, root=SITES / "nhandan") as srv:
        assert crawl(tmp_db, "--url", srv.url("/rss/home.rss")).returncode == 0
        assert rows(tmp_db, "SELECT etag FROM http_validators") == [('"feed-v1"',)]
        second = crawl(tmp_db, "--url", srv.url("/rss/home.rss"))
        assert second.returncode == 0, second.stderr
        assert srv.requests_for("/rss/home.rss")[-1].headers.get("if-none-match") == '"feed-v1"'
    assert outcomes(tmp_db)[srv.url("/rss/home.rss")][:2] == ("not_modified", 304)


def test_syndicated_article_is_stored_once_and_linked(site, tmp_db):
    nhandan, cantho = site("nhandan"), site("baocantho")
    original = nhandan.url("/can-tho-hop-tac-phat-trien-vung-post980700.html")
    copy = cantho.url("/can-tho-hop-tac-phat-trien-vung-a196700.html")
    assert crawl(tmp_db, "--url", original).returncode == 0
    assert crawl(tmp_db, "--url", copy).returncode == 0
    got = {url: (aid, dup) for aid, url, dup in rows(tmp_db, "SELECT id, url, duplicate_of FROM articles")}
    assert got[original][1] is None
    assert got[copy][1] == got[original][0]
    assert outcomes(tmp_db)[copy][0] == "duplicate"


def test_ad_hoc_urls_are_told_apart_and_text_is_nfc(site, tmp_db):
    srv = site("portal")
    base = "/tin-tuc-su-kien/chuyen-de/tin-trong-nuoc/"
    result = crawl(tmp_db, "--url", srv.url("/tin-tuc-su-kien.html"), "--url", srv.url(base + "tong-ket-cp1258.html"),
                   "--url", srv.url(base + "tong-ket-cp1258-nocharset.html"))
    assert result.returncode == 0, result.stderr
    got = dict(rows(tmp_db, "SELECT url, title FROM articles"))
    assert got[srv.url(base + "hoi-nghi-nfd.html")] == ("Hội nghị phổ biến Nghị định số 178/2024/NĐ-CP về chính "
                                                       "sách tinh giản biên chế")
    assert got[srv.url(base + "tong-ket-cp1258.html")] == "Tỉnh Hà Giang tổng kết công tác dân tộc năm 2024"
    for (text,) in rows(tmp_db, "SELECT text FROM articles"):
        assert unicodedata.is_normalized("NFC", text)
    # the two cp1258 pages (with and without a charset) hold the same text: stored once, the other linked
    log = outcomes(tmp_db)
    pair = sorted(log[srv.url(base + name)][0] for name in ("tong-ket-cp1258.html", "tong-ket-cp1258-nocharset.html"))
    assert pair == ["duplicate", "stored"]
    assert srv.hits("/tin-tuc-su-kien.html?page=2") == 1


def test_spa_article_comes_from_the_json_api(tmp_path, tmp_db):
    with LocalServer(root=SITES / "moha") as srv:
        srv.add("/api/Public/PostDetail", (SITES / "moha/api/PostDetail.json").read_text(encoding="utf-8"))
        catalog = tmp_path / "sources.toml"
        catalog.write_text(f"""
[[source]]
name = "moha-local"
family = "moha"
homepage = "{srv.url('/')}"
articles = ["{srv.url('/tin-tuc/bo-noi-vu-huong-dan-sap-xep-don-vi-hanh-chinh---id12345')}"]
api = "{srv.url('/api/Public/PostDetail')}?ID={{id}}"
""", encoding="utf-8")
        result = crawl(tmp_db, "--sources-file", str(catalog), "--source", "moha-local")
        assert result.returncode == 0, result.stderr
        assert srv.hits("/api/Public/PostDetail?ID=12345") == 1
    (url, title, sapo, text, published, source), = rows(
        tmp_db, "SELECT url, title, sapo, text, published, source FROM articles")
    assert url.endswith("---id12345")
    assert title == "Bộ Nội vụ hướng dẫn sắp xếp đơn vị hành chính cấp xã"
    assert sapo.startswith("Bộ Nội vụ ban hành văn bản")
    assert text.startswith(sapo + "\n\nTheo hướng dẫn, các tỉnh hoàn thành đề án")  # the lead opens the text
    assert published == "2025-04-15T09:30:00+07:00"
    assert source == "moha-local"
    assert rows(tmp_db, "SELECT name, family FROM sources") == [("moha-local", "moha")]


def test_crawl_extracts_and_export_yields_records(site, tmp_db, tmp_path):
    srv = site("nhandan")
    result = crawl(tmp_db, "--url", srv.url("/tinh-son-la-trien-khai-chinh-sach-dan-toc-post980623.html"),
                   extract=True)
    assert result.returncode == 0, result.stderr
    assert "extracted: 1" in result.stdout
    out = tmp_path / "out.jsonl"
    export = vnpolicy("export", "--db", str(tmp_db), "--format", "jsonl", "--output", str(out))
    assert export.returncode == 0, export.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 1
    assert records[0]["title"] == "Tỉnh Sơn La triển khai chính sách dân tộc"
    assert "Sơn La" in records[0]["provinces"]


def test_notify_sends_new_events_to_the_webhook(site, tmp_db):
    srv = site("chinhphu")
    srv.add("/hook", webhook())
    result = crawl(tmp_db, "--url", srv.url(ARTICLE_1), "--notify", srv.url("/hook"), extract=True)
    assert result.returncode == 0, result.stderr
    posts = srv.requests_for("/hook")
    assert posts and all(p.method == "POST" for p in posts)
    assert ARTICLE_1 in posts[0].body.decode("utf-8")
    again = crawl(tmp_db, "--url", srv.url(ARTICLE_1), "--notify", srv.url("/hook"), extract=True)
    assert again.returncode == 0, again.stderr
    assert srv.hits(ARTICLE_1) == 1  # an ad-hoc article URL already stored is not requested again
    assert len(srv.requests_for("/hook")) == len(posts)  # nothing new, nothing sent


def test_exit_code_1_when_nothing_could_be_fetched(tmp_db):
    with LocalServer() as srv:
        dead = srv.url("/feed.rss")
    result = crawl(tmp_db, "--url", dead, "-s", "RETRY_TIMES=0")
    assert result.returncode == 1
    assert "nothing could be fetched" in result.stderr
    assert rows(tmp_db, "SELECT status FROM crawl_runs") == [("failed",)]
    assert outcomes(tmp_db)[dead][0] == "error"


@pytest.mark.parametrize("args,message", [
    ([], "nothing to crawl"),
    (["--source", "no-such-source"], "unknown source"),
    (["--url", "ftp://example.org/x"], "not an http(s) URL"),
    (["--url", "http://127.0.0.1:9/x", "-s", "NOEQUALS"], "NAME=VALUE"),
])
def test_usage_errors_exit_2(tmp_db, args, message):
    result = vnpolicy("crawl", "--db", str(tmp_db), *args)
    assert result.returncode == 2
    assert message in result.stderr
