"""The cluster, person and document pages of `vnpolicy serve` in a real headless Chromium.

The database is built by the real extraction of the multi-outlet test articles (plus three
more citing Decision 1719 in other provinces and months); the server is the real command.
Screenshots go to tests/screenshots/ (git-ignored) for a person to look at.
"""
from __future__ import annotations

import os
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

import nlp
import store
from tests.insight_articles import ARTICLES, REPOST
from tests.serving import serving

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "tests" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is not installed")

MORE_1719 = [
    {"id": "lc-1719", "outlet": "baolaichau", "url": "https://baolaichau.example.vn/tin/hoi-nghi-1719",
     "title": "Lai Châu triển khai Chương trình 1719 năm 2025", "published": "2025-10-15",
     "text": ("Sáng 15/10/2025, UBND tỉnh Lai Châu tổ chức hội nghị triển khai Quyết định 1719/QĐ-TTg của Thủ "
              "tướng Chính phủ. Ông Hà Văn Lợi, Phó Chủ tịch UBND tỉnh Lai Châu, chủ trì hội nghị.")},
    {"id": "tq-1719", "outlet": "baotuyenquang", "url": "https://baotuyenquang.example.vn/tin/ke-hoach-1719",
     "title": "Tuyên Quang ban hành kế hoạch thực hiện Chương trình 1719", "published": "2025-11-03",
     "text": ("Ngày 03/11/2025, UBND tỉnh Tuyên Quang ban hành Kế hoạch số 212/KH-UBND thực hiện Quyết định "
              "1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ trên địa bàn tỉnh.")},
    {"id": "lc-1719b", "outlet": "laichau-portal", "url": "https://laichau.example.gov.vn/tin/tap-huan-1719",
     "title": "Tập huấn nghiệp vụ Chương trình 1719 cho cán bộ xã", "published": "2025-11-20",
     "text": ("Ngày 20/11/2025, Ban Dân tộc tỉnh Lai Châu mở lớp tập huấn nghiệp vụ thực hiện Quyết định "
              "1719/QĐ-TTg cho 90 cán bộ các xã vùng đặc biệt khó khăn.")},
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db_path = tmp_path_factory.mktemp("insight-ui") / "insight.db"
    db = store.connect(db_path)
    for article in [*ARTICLES, REPOST, *MORE_1719]:
        aid, outcome, _ = store.save_article(db, article, source=article["outlet"])
        if outcome == "stored":
            store.save_extraction(db, aid, nlp.extract({k: article[k] for k in
                                                        ("id", "url", "title", "published", "text")}))
    keys = {ext: key for ext, key in db.execute(
        "SELECT a.ext_id, c.cluster_key FROM events e JOIN articles a ON a.id = e.article_id "
        "JOIN clusters c ON c.id = e.cluster_id WHERE e.main = 1")}
    person = __import__("insight.registry", fromlist=["persons"]).persons(db, "Đinh Quang Thạch")[0]["id"]
    db.close()
    with serving(db_path) as base:
        yield base, keys, person


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page(viewport={"width": 1100, "height": 900})
        # Offline: a page that asked the network for a script, font or chart library would fail here.
        asked = []
        pg.on("request", lambda r: asked.append(r.url) if not r.url.startswith(server[0]) else None)
        yield pg
        assert asked == [], f"pages requested outside resources: {asked}"
        browser.close()


def test_cluster_page_lists_every_outlet_and_the_crawlers_copy(server, page):
    base, keys, _ = server
    page.goto(f"{base}/-/cluster/{keys['bn-paper-1']}")
    assert "Đưa tin bởi 4 cơ quan báo chí" in page.locator(".vnp-reported").inner_text()
    rows = page.locator("table.vnp-sources tr")
    assert rows.count() == 1 + 4
    assert "bản sao" in page.locator("table.vnp-sources").inner_text()
    dots = page.locator("svg.vnp-reports circle.vnp-report")
    assert dots.count() == 4
    assert page.locator("svg.vnp-reports").bounding_box()["height"] > 50  # the chart is drawn
    page.screenshot(path=str(SHOTS / "cluster.png"), full_page=True)
    page.locator("table.vnp-events a", has_text="Đinh Quang Thạch").first.click()
    page.wait_for_url("**/-/person?name=**")
    assert "Đinh Quang Thạch" in page.locator("h1").first.inner_text()


def test_person_page_draws_the_career_as_a_timeline_in_order(server, page):
    base, _, person = server
    page.goto(f"{base}/-/person/{person}")
    starts = [s for s in page.locator("svg.vnp-timeline rect.vnp-spell").evaluate_all(
        "els => els.map(e => e.getAttribute('data-start'))")]
    assert starts == ["2024-03-14", "2025-08-12"]
    xs = page.locator("svg.vnp-timeline rect.vnp-spell").evaluate_all(
        "els => els.map(e => parseFloat(e.getAttribute('x')))")
    assert xs[0] < xs[1]
    table = page.locator("table.vnp-positions").inner_text()
    assert table.index("2024-03-14") < table.index("2025-08-12") and "Thái Nguyên" in table
    page.screenshot(path=str(SHOTS / "person.png"), full_page=True)
    page.goto(f"{base}/-/person?name=" + quote("dinh quang"))
    assert page.locator("section.vnp-career").count() == 1


def test_document_page_charts_citations_per_month_and_province(server, page):
    base, _, _ = server
    page.goto(f"{base}/-/document?number=" + quote("1719/QĐ-TTg"))
    assert page.locator("h1").inner_text() == "Quyết định 1719/QĐ-TTg"
    assert page.locator(".vnp-count").inner_text() == "5"
    bars = page.locator("svg.vnp-chart-months rect.vnp-bar").evaluate_all(
        "els => els.map(e => [e.dataset.month, e.dataset.province, +e.dataset.count])")
    assert sorted(bars) == [["2025-09", "Sơn La", 2], ["2025-10", "Lai Châu", 1], ["2025-11", "Lai Châu", 1],
                            ["2025-11", "Tuyên Quang", 1]]
    provinces = page.locator("svg.vnp-chart-provinces rect.vnp-bar").evaluate_all(
        "els => els.map(e => [e.dataset.province, +e.dataset.count])")
    assert sorted(provinces) == [["Lai Châu", 2], ["Sơn La", 2], ["Tuyên Quang", 1]]
    page.screenshot(path=str(SHOTS / "document.png"), full_page=True)


def test_unknown_cluster_person_and_document_are_404(server):
    base, _, _ = server
    for path in ("/-/cluster/c-000000000000", "/-/person/khong-co-ai~1", "/-/document?number=" + quote("1/XX")):
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(base + path)
        assert err.value.code == 404


def test_the_path_form_of_a_document_page_finds_the_document(server):
    # README gives /-/document/NUMBER; a browser sends "QĐ" and a "/" typed as %2F percent-encoded.
    base, _, _ = server
    pages = []
    for path in ("/-/document/" + quote("1719/QĐ-TTg"), "/-/document/" + quote("1719/QĐ-TTg", safe=""),
                 "/-/document?number=" + quote("1719/QĐ-TTg")):
        with urllib.request.urlopen(base + path) as response:
            assert response.status == 200
            pages.append(response.read().decode("utf-8"))
    assert all("1719/QĐ-TTg" in page and "Tuyên Quang" in page for page in pages)
