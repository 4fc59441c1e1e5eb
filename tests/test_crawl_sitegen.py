"""Golden round trip: corpus article -> rendered family page -> crawl -> the same title, date and body."""
from __future__ import annotations

import json

import pytest
from crawlrun import crawl, rows
from httpserver import LocalServer

from crawler import sitegen
from crawler.parse import ArticleFields, parse_article


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("sites")
    manifest = sitegen.build(out)
    with LocalServer(root=out) as srv:
        yield out, srv, manifest


def test_every_family_is_built_with_feed_sitemap_and_listings(built):
    out, srv, manifest = built
    assert set(manifest["sites"]) == set(sitegen.SITES)
    assert len(manifest["articles"]) == len(sitegen.load_corpus())
    assert len({a["url"] for a in manifest["articles"]}) == len(manifest["articles"])
    for site in manifest["sites"].values():
        assert site["pages"] >= 2  # paginated listings
    portal = [a["url"] for a in manifest["articles"] if a["site"] == "portal"]
    assert all(len(u.rsplit("/", 1)[1]) <= len("x" * 60 + ".html") for u in portal)


def test_parsing_each_rendered_page_gives_back_the_article(built):
    out, srv, manifest = built
    for expected in manifest["articles"]:
        path = expected["url"].replace("{{base}}", "")
        body = (out / path.lstrip("/")).read_bytes().replace(b"{{base}}", srv.base.encode())
        got = parse_article(srv.base + path, body, {"Content-Type": "text/html; charset=utf-8"})
        assert isinstance(got, ArticleFields), (expected["id"], got)
        assert got.title == expected["title"], expected["id"]
        assert got.text == expected["text"], expected["id"]
        assert got.published == expected["published"], expected["id"]


def test_crawling_the_sites_stores_every_article_with_its_fields(built, tmp_db):
    out, srv, manifest = built
    args = []
    for site in manifest["sites"].values():
        args += ["--url", site["feed"].replace("{{base}}", srv.base)]
    args += ["--url", srv.url("/nhandan/sitemap.xml"), "--url", srv.url("/portal/tin-tuc-su-kien.html")]
    result = crawl(tmp_db, *args, "--max-pages", "5")
    assert result.returncode == 0, result.stderr
    stored = {url: (title, published, text) for url, title, published, text in
              rows(tmp_db, "SELECT url, title, published, text FROM articles")}
    for a in manifest["articles"]:
        url = a["url"].replace("{{base}}", srv.base)
        assert url in stored, a["id"]
        assert stored[url] == (a["title"], a["published"], a["text"]), a["id"]
    assert json.loads(rows(tmp_db, "SELECT counts FROM crawl_runs")[0][0]).get("stored") == len(manifest["articles"])


def test_serve_builds_with_the_real_base_url(tmp_path):
    from urllib.request import urlopen

    server, manifest = sitegen.serve(tmp_path, articles=sitegen.load_corpus()[:4])
    try:
        url = manifest["articles"][0]["url"]
        assert url.startswith("http://127.0.0.1:")
        assert manifest["articles"][0]["title"] in urlopen(url).read().decode("utf-8")
    finally:
        server.shutdown()
        server.server_close()
