"""`vnpolicy serve` in a real headless Chromium: events_view facets, search, article highlights, feed.

The server is the real command (`python pipeline.py serve`) on a free loopback port,
against a small database built with store functions.
"""
from __future__ import annotations

import os
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

import store
from tests.serving import serving
from tests.store_fixtures import ARTICLES, build_db

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ui")
    db_path = tmp / "ui.db"
    ids = build_db(db_path)
    db = store.connect(db_path)
    hostile = {"url": "https://x.example.vn/xss", "title": "<script>alert(1)</script> Tiêu đề",
               "text": "Văn bản <b>đậm</b> & <script>window.pwned=1</script> của UBND tỉnh Lai Châu."}
    ids["xss"], _, _ = store.save_article(db, hostile)
    start = hostile["text"].index("Lai Châu")
    store.save_extraction(db, ids["xss"], {"record": {}, "pipeline_version": "t", "events": [], "mentions": [
        {"kind": "province", "text": "Lai Châu", "start": start, "end": start + 8, "value": {}}]})
    db.close()
    with serving(db_path) as base:
        yield base, ids


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page()
        yield pg
        browser.close()


def test_events_view_facet_by_province(server, page):
    base, _ = server
    page.goto(base + "/ui/events_view")
    assert page.locator("table.rows-and-columns tbody tr").count() == 3
    facet = page.locator("#facet-province")
    assert "Lai Châu" in facet.inner_text()
    facet.get_by_role("link", name="Lai Châu").click()
    page.wait_for_url("**province=**")
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() == 1
    assert "Tập huấn" in rows.first.inner_text()


def test_search_without_diacritics(server, page):
    base, _ = server
    page.goto(base + "/-/search")
    page.fill("input[name=q]", "dong bao")
    page.click("input[type=submit]")
    page.wait_for_url("**q=dong+bao**")
    hits = page.locator("li.vnp-hit")
    assert hits.count() == 1
    assert hits.first.locator("mark").first.inner_text() == "Đồng bào"
    hits.first.locator("a").first.click()
    page.wait_for_url("**/-/article/**")
    assert page.locator("h1").inner_text() == ARTICLES[0]["title"]


def test_article_page_highlights_mentions(server, page):
    base, ids = server
    page.goto(f"{base}/-/article/{ids['lc-1']}")
    assert page.locator(".vnp-text mark.mention-official").inner_text() == "Tống Thanh Hải"
    assert page.locator(".vnp-text mark.mention-document").inner_text() == "1719/QĐ-TTg"
    assert page.locator(".vnp-text mark.mention-province").inner_text() == "Lai Châu"


def test_article_text_is_escaped(server, page):
    base, ids = server
    page.goto(f"{base}/-/article/{ids['xss']}")
    body = page.locator(".vnp-article").inner_text()
    assert "<script>window.pwned=1</script>" in body and "<b>đậm</b>" in body  # shown as text
    assert page.evaluate("window.pwned === undefined")
    assert page.locator(".vnp-article script").count() == 0
    assert page.locator(".vnp-text mark.mention-province").inner_text() == "Lai Châu"


def test_canned_query_officials_by_name_without_diacritics(server, page):
    base, _ = server
    page.goto(base + "/ui/officials_by_name?name=" + quote("nguyen thi ha"))
    assert "Nguyễn Thị Hà" in page.locator("table.rows-and-columns").inner_text()


def test_feed_and_read_only(server):
    base, _ = server
    xml = urllib.request.urlopen(base + "/-/feed.atom?province=" + quote("Lai Châu")).read().decode()
    if "Atom feed not available" not in xml:
        assert "<entry>" in xml and "Tập huấn" in xml
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(base + "/ui?sql=" + quote("DELETE FROM articles")).read()
    assert urllib.request.urlopen(base + "/ui/articles.json?_shape=array").read().count(b'"url"') == 4


def test_missing_article_is_404(server):
    base, _ = server
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(base + "/-/article/99999")
    assert err.value.code == 404


# (canned query, parameters, column to look at, values expected in that column — all of them, in order)
CANNED = [
    ("province_date_range", {"province": "Lai Châu", "start": "2025-01-01", "end": "2025-12-31"}, "title",
     [ARTICLES[0]["title"]]),
    ("province_date_range", {"province": "Hà Nội", "start": "2025-01-01", "end": "2025-06-30"}, "title", []),
    ("documents_cited", {"number": "1719/qd-ttg"}, "url", [ARTICLES[1]["url"], ARTICLES[0]["url"]]),
    ("documents_cited", {"number": "số 05/2011/NĐ-CP"}, "event_type", ["inspection"]),
    ("documents_cited", {"number": "nd-cp"}, "number", ["05/2011/NĐ-CP"]),  # part of a number
    ("search_articles", {"q": "vinh ha long"}, "url", [ARTICLES[2]["url"]]),
    ("search_articles", {"q": "1719/QĐ-TTg"}, "title", sorted([ARTICLES[0]["title"], ARTICLES[1]["title"]])),
    ("events_by_province", {"province": "Quảng Ninh"}, "type", ["conference"]),
]


@pytest.mark.parametrize(("name", "params", "column", "expected"), CANNED)
def test_canned_query_json_over_http(server, name, params, column, expected):
    import json
    from urllib.parse import urlencode

    base, _ = server
    url = f"{base}/ui/{name}.json?{urlencode(dict(params, _shape='array'))}"
    rows = json.loads(urllib.request.urlopen(url, timeout=20).read())
    values = [r[column] for r in rows]
    assert (sorted(values) if name == "search_articles" else values) == expected


def test_packed_mentions_and_records_read_as_rows_over_http(server):
    """records.data is compressed: the mentions and records_view views unpack it in Datasette."""
    import json

    base, ids = server
    url = f"{base}/ui/mentions.json?article_id={ids['lc-1']}&_sort=start&_shape=array"
    rows = json.loads(urllib.request.urlopen(url, timeout=20).read())
    assert [(r["kind"], r["text"]) for r in rows][:2] == [("date", "12/3/2025"), ("province", "Lai Châu")]
    assert json.loads(next(r for r in rows if r["kind"] == "official")["value"]) == {"name": "Tống Thanh Hải"}
    url = f"{base}/ui/records_view.json?article_id={ids['hn-1']}&_shape=array"
    record = json.loads(json.loads(urllib.request.urlopen(url, timeout=20).read())[0]["record"])
    assert record["provinces"] == ["Hà Nội"]


def _status(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


# Hostile or mistyped parameters: each answered 400 with a one-line reason, never 500.
BAD_REQUESTS = [
    ("/-/feed.atom?since=notadate", b"not a date"),
    ("/-/feed.atom?since=yesterday", b"not a date"),
    ("/-/feed.atom?province=S%C6%A1n%00La", b"control characters"),
    ("/-/feed.atom?type=x%01", b"control characters"),
    ("/-/feed.atom?official=a%00", b"control characters"),
    ("/-/feed.atom?document=1719%01", b"control characters"),
    ("/-/feed.atom?official=" + "a" * 5000, b"too long"),
    ("/-/article/99999999999999999999999", b"whole number"),
    ("/-/article/-1", b"whole number"),
    ("/-/search?q=son+la&province=%01", b"control characters"),
    ("/-/search?q=son+la&limit=many", b"whole number"),
    ("/-/search?q=" + "a" * 1000, b"too long"),
    ("/-/province/x%00y", b"control characters"),
    ("/ui/province_date_range?province=x&start=notadate&end=2025-12-31", b"start: not a date"),
    ("/ui/events_view?date__gte=tomorrow", b"not a date"),
]


@pytest.mark.parametrize(("path", "message"), BAD_REQUESTS)
def test_bad_parameters_are_400_with_a_message(server, path, message):
    base, _ = server
    status, body = _status(base + path)
    assert status == 400 and message in body


def test_a_huge_official_filter_is_refused_not_a_500(server):
    base, _ = server
    status, _ = _status(base + "/-/feed.atom?official=" + "a" * 100_000)
    assert 400 <= status < 500


def test_dates_in_urls_accept_vietnamese_day_first_forms(server):
    import json

    base, _ = server
    url = base + "/ui/province_date_range.json?_shape=array&province=" + quote("Lai Châu")
    iso = json.loads(_status(url + "&start=2025-01-01&end=2025-12-31")[1])
    assert [r["title"] for r in iso] == [ARTICLES[0]["title"]]
    assert json.loads(_status(url + "&start=1/1/2025&end=31/12/2025")[1]) == iso
    dates = [r["date"] for r in json.loads(_status(base + "/ui/events_view.json?_shape=array&date__gte=1/8/2025")[1])]
    assert dates == ["2025-08-05"]


def test_feed_official_wildcards_are_escaped(server):
    base, _ = server
    status, body = _status(base + "/-/feed.atom?official=%25")
    assert status == 200 and b"<entry>" not in body
    status, body = _status(base + "/-/feed.atom?official=" + quote("Tống Thanh"))
    assert status == 200 and body.count(b"<entry>") == 1


def test_arbitrary_sql_is_off_by_default(server):
    base, _ = server
    status, _ = _status(base + "/ui?sql=" + quote("select length(randomblob(500000000))"))
    assert status == 403
    status, _ = _status(base + "/ui/events_view?_where=" + quote("1=1"))
    assert status == 403
    # the research views, filters and canned queries still answer
    assert _status(base + "/ui/events_view?province=" + quote("Lai Châu"))[0] == 200
    assert _status(base + "/ui/officials_by_name?name=ha")[0] == 200


def test_allow_sql_flag_turns_the_sql_box_on():
    from web.serve import datasette_args

    off = datasette_args("x.db", "m.json", "127.0.0.1", 1)
    on = datasette_args("x.db", "m.json", "127.0.0.1", 1, allow_sql=True)
    assert off[off.index("default_allow_sql") + 1] == "off" and on[on.index("default_allow_sql") + 1] == "on"


SCREENSHOTS = ROOT / "tests" / "screenshots"


def _shoot(page, base: str, path: str, name: str) -> None:
    """Open `path` at 1,400 px, refuse horizontal scrolling, and keep a full-page screenshot to look at."""
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(base + path)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    # the page, and any box inside it that scrolls (Datasette's .table-wrapper), fit in 1,400 px
    widest = page.evaluate("""[...document.querySelectorAll('*')].reduce((m, e) =>
        Math.max(m, e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'
                    ? e.scrollWidth : 0), document.documentElement.scrollWidth)""")
    assert widest <= 1400, f"{name} scrolls sideways ({widest} px)"


def test_home_page_leads_to_the_research_views_with_charts(server, page):
    base, _ = server
    _shoot(page, base, "/", "home")
    nav = page.locator(".vnp-nav").inner_text()
    for label in ("Events", "Officials", "Documents", "Provinces", "Search", "Atom feed"):
        assert label in nav
    assert "mentions" not in nav and "positions" not in nav
    charts = page.locator("svg.vnp-chart")
    assert charts.count() == 2
    assert page.locator("svg.vnp-chart rect.vnp-bar").count() >= 3
    page.locator("table.vnp-events a", has_text="Tập huấn triển khai").click()
    page.wait_for_url("**/-/article/**")
    assert page.locator(".vnp-text mark").count() > 0


def test_events_table_is_readable(server, page):
    base, ids = server
    _shoot(page, base, "/ui/events_view", "events")
    assert page.locator("dl.column-descriptions").is_hidden()
    link = page.locator("table.rows-and-columns td.col-title a").first
    assert "/-/article/" in link.get_attribute("href")
    url_cell = page.locator("table.rows-and-columns td.col-url a").first
    assert not url_cell.inner_text().startswith("http") and url_cell.get_attribute("href").startswith("https://")
    updated = page.locator("table.rows-and-columns td.col-updated").first.inner_text().strip()
    assert len(updated) == 10 and updated[4] == "-"
    assert page.locator("table.rows-and-columns th.col-event_key").count() == 0  # internal key left out
    page.goto(base + "/ui/events_view?_col=event_key")  # unless asked for
    assert page.locator("table.rows-and-columns th.col-event_key").count() == 1
    _shoot(page, base, "/ui/articles", "articles")  # the body text is left out of the table page
    assert page.locator("table.rows-and-columns th.col-text").count() == 0
    link = page.locator("table.rows-and-columns td.col-title a", has_text=ARTICLES[0]["title"])
    assert link.get_attribute("href").endswith(f"/-/article/{ids['lc-1']}")


def test_article_search_and_province_pages_render_at_1400(server, page):
    base, ids = server
    _shoot(page, base, f"/-/article/{ids['lc-1']}", "article")
    _shoot(page, base, "/-/search?q=" + quote("dong bao"), "search")
    hit = page.locator("li.vnp-hit small").first.inner_text()
    assert "https://" not in hit
    _shoot(page, base, "/-/provinces", "provinces")
    page.locator("svg.vnp-chart a", has_text="Lai Châu").click()
    page.wait_for_url("**/-/province/**")
    _shoot(page, base, "/-/province/" + quote("Lai Châu"), "province")
    assert page.locator("h1").inner_text() == "Lai Châu"
    assert page.locator("svg.vnp-chart rect.vnp-bar").count() == 1
    assert page.locator("table.vnp-events tbody tr").count() == 1


def test_plugin_is_registered_by_entry_point_without_a_sys_path_edit():
    import tomllib

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert pyproject["project"]["entry-points"]["datasette"] == {
        "vnpolicy": "web.plugins.vnpolicy_web", "vnpolicy_insight": "web.plugins.vnpolicy_insight"}
    for plugin in ("vnpolicy_web.py", "vnpolicy_insight.py"):
        assert "sys.path" not in (ROOT / "web" / "plugins" / plugin).read_text("utf-8")
    from web.serve import datasette_args, register_plugin

    assert "--plugins-dir" not in datasette_args("x.db", "m.json", "127.0.0.1", 1)
    from datasette.plugins import pm

    assert pm.is_registered(register_plugin())


def test_names_from_the_url_are_escaped_on_the_province_page(server):
    base, _ = server
    status, body = _status(base + "/-/province/" + quote("<script>alert(1)</script>", safe=""))
    assert status == 404 and b"<script>alert" not in body and b"&lt;script&gt;" in body


def test_database_page_hides_bookkeeping_so_the_sql_box_opens_on_articles():
    from web import metadata

    tables = metadata.build("x")["databases"]["x"]["tables"]
    assert tables["_sqlite_migrations"]["hidden"] and tables["http_validators"]["hidden"]
    shown = sorted(name for name, meta in tables.items() if not meta.get("hidden") and not name.endswith(
        ("_view", "_timeline")))
    assert shown[0] == "articles"
