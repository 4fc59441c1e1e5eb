"""Discovery rules: pubDate styles, feed/sitemap/listing readers, content sniffing."""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from crawler import dates, discovery, families

SITES = Path(__file__).parent / "sites"
BASE = "http://127.0.0.1:8000"


def saved(page: str) -> bytes:
    return (SITES / page).read_bytes().replace(b"{{base}}", BASE.encode())


@pytest.mark.parametrize("raw,expected", [
    ("8/22/2026 11:00:00 PM", "2026-08-22T23:00:00+07:00"),          # VC CMS feeds: US order, no zone
    ("8/21/2026 9:00:00 AM", "2026-08-21T09:00:00+07:00"),
    ("12/1/2026 12:05:00 AM", "2026-12-01T00:05:00+07:00"),
    ("Sat, 22 Aug 2026 22:58:22 +07:00", "2026-08-22T22:58:22+07:00"),  # nhandan
    ("Sat, 22 Aug 2026 22:58:22 +0700", "2026-08-22T22:58:22+07:00"),   # vnexpress
    ("Sat, 22 Aug 2026 22:58:22 +07", "2026-08-22T22:58:22+07:00"),     # vtv
    ("Sun, 23 Aug 26 05:52:00 +0700", "2026-08-23T05:52:00+07:00"),     # thanhnien: two-digit year
    ("Sat, 22 Aug 2026 15:58:22 GMT", "2026-08-22T22:58:22+07:00"),
    ("2026-08-22T15:58:22Z", "2026-08-22T22:58:22+07:00"),              # Atom
    ("2026-08-22T22:58:22+07:00", "2026-08-22T22:58:22+07:00"),
    ("2026-08-22", "2026-08-22T00:00:00+07:00"),
    ("not a date", None),
    ("", None),
])
def test_feed_dates(raw, expected):
    assert discovery.feed_date(raw) == expected


@pytest.mark.parametrize("raw,expected", [
    ("08/01/2026 - 18:21", "2026-01-08T18:21:00+07:00"),
    ("22/08/2026 23:02", "2026-08-22T23:02:00+07:00"),
    ("Thứ Năm, 13/11/2025 15:30", "2025-11-13T15:30:00+07:00"),
    ("15:30, 13/11/2025", "2025-11-13T15:30:00+07:00"),
    ("29/12/2025 22:32 GMT+7", "2025-12-29T22:32:00+07:00"),
    ("08:56 ngày 03-01-2026", "2026-01-03T08:56:00+07:00"),
    ("NGÀY 3 THÁNG 1, 2026 | 08:56", "2026-01-03T08:56:00+07:00"),
    ("ngày 13 tháng 11 năm 2025", "2025-11-13T00:00:00+07:00"),
    ("13/11/2025 03:30 PM", "2025-11-13T15:30:00+07:00"),
    ("31/02/2026 10:00", None),
])
def test_page_dates(raw, expected):
    assert dates.iso(dates.parse(raw)) == expected


@pytest.mark.parametrize("body,kind", [
    (b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "feed"),
    (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry/></feed>', "feed"),
    (b'<?xml version="1.0"?><sitemapindex xmlns="x"><sitemap/></sitemapindex>', "sitemap_index"),
    (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>', "sitemap"),
    (gzip.compress(b'<urlset xmlns="x"><url><loc>http://a/b</loc></url></urlset>'), "sitemap"),
    (b"<!DOCTYPE html><html><body>hi</body></html>", "html"),
    (b'{"data": 1}', "json"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
])
def test_sniff_by_content(body, kind):
    assert discovery.sniff(body) == kind


def test_feed_keeps_good_items_and_counts_broken_ones():
    found = discovery.parse_feed(saved("chinhphu/home.rss"), BASE + "/home.rss")
    assert [link.url for link in found.articles] == [
        BASE + "/thu-tuong-chu-tri-phien-hop-chinh-phu-thuong-ky-thang-8-102260822230251794.htm",
        BASE + "/hoi-nghi-trien-khai-nghi-quyet-ve-chuyen-doi-so-102260821090000123.htm",
    ]
    assert found.articles[0].published == "2026-08-22T23:00:00+07:00"
    assert found.bad_items == 1


def test_feed_relative_links_and_two_digit_years():
    found = discovery.parse_feed(saved("baocantho/rss/thoi-su.rss"), BASE + "/rss/thoi-su.rss")
    assert found.articles[0].url == BASE + "/can-tho-trien-khai-quyet-dinh-1719-a196670.html"
    assert found.articles[0].published == "2026-01-08T18:21:00+07:00"


def test_truncated_feed_still_yields_items_before_the_break():
    body = saved("nhandan/home.rss")
    cut = body[: body.index(b"<item><title>M")]
    found = discovery.parse_feed(cut, BASE + "/rss/home.rss")
    assert [link.url for link in found.articles] == [BASE + "/tinh-son-la-trien-khai-chinh-sach-dan-toc-post980623.html"]


def test_sitemap_index_and_monthly_sitemap():
    index = discovery.parse_sitemap(saved("nhandan/sitemap.xml"), BASE + "/sitemap.xml")
    assert index.kind == "sitemap_index"
    assert index.pages == [BASE + "/sitemaps/news-2026-8.xml", BASE + "/sitemaps/news-2026-7.xml"]
    month = discovery.parse_sitemap(saved("nhandan/sitemaps/news-2026-7.xml"), BASE + "/x.xml")
    assert [link.url for link in month.articles] == [BASE + "/quoc-hoi-thong-qua-luat-post970001.html"]
    assert month.bad_items == 1


@pytest.mark.parametrize("page,family,articles,next_page", [
    ("chinhphu/xa-hoi.htm", "vc",
     ["/hoi-nghi-trien-khai-nghi-quyet-ve-chuyen-doi-so-102260821090000123.htm",
      "/thu-tuong-chu-tri-phien-hop-chinh-phu-thuong-ky-thang-8-102260822230251794.htm"], "/xa-hoi/trang-2.htm"),
    ("baocantho/thoi-su.html", "acms", ["/can-tho-trien-khai-quyet-dinh-1719-a196670.html"], "/thoi-su.html?page=2"),
    ("portal/tin-tuc-su-kien.html", "portal",
     ["/tin-tuc-su-kien/chuyen-de/tin-trong-nuoc/ubnd-tinh-trien-khai-ke-hoach-phat-trien-kinh-te-xa-hoi-nam-2026-"
      "va-phat-trien-nen-v.html", "/tin-tuc-su-kien/chuyen-de/tin-trong-nuoc/hoi-nghi-nfd.html"],
     "/tin-tuc-su-kien.html?page=2"),
])
def test_listing_links_and_next_page(page, family, articles, next_page):
    url = BASE + "/" + page.split("/", 1)[1]
    found = discovery.parse_listing(saved(page), url, families.get(family))
    assert [link.url for link in found.articles] == [BASE + a for a in articles]
    assert found.pages == [BASE + next_page]


def test_vc_ajax_timeline_pagination():
    first = discovery.parse_listing(saved("chinhphu/chinh-tri.htm"), BASE + "/chinh-tri.htm", families.get("vc"))
    assert first.pages == [BASE + "/timelinelist/1234/2.htm"]
    second = discovery.parse_listing(saved("chinhphu/timelinelist/1234/2.htm"), BASE + "/timelinelist/1234/2.htm",
                                     families.get("vc"))
    assert [link.url for link in second.articles] == [BASE + "/bai-trang-hai-ve-an-sinh-xa-hoi-102260801080000555.htm"]
    assert second.pages == [BASE + "/timelinelist/1234/3.htm"]


@pytest.mark.parametrize("url,family,is_article", [
    ("https://baochinhphu.vn/thu-tuong-chu-tri-102260822230251794.htm", "vc", True),
    ("https://baochinhphu.vn/xa-hoi/trang-2.htm", "vc", False),
    ("https://baochinhphu.vn/timelinelist/1234567890123/2.htm", "vc", False),
    ("https://nhandan.vn/tinh-son-la-trien-khai-post980623.html", "zce", True),
    ("https://nhandan.vn/chinhtri", "zce", False),
    ("https://baocantho.com.vn/can-tho-trien-khai-a196670.html", "acms", True),
    ("https://baocantho.com.vn/news/thoi-su/", "acms", False),
    ("https://laichau.gov.vn/tin-tuc-su-kien/chuyen-de/tin-trong-nuoc/ubnd-tinh-phat-trien-nen-v.html", "portal", True),
    ("https://moha.gov.vn/tin-tuc/bo-noi-vu-huong-dan---id12345", "moha", True),
    ("https://moha.gov.vn/chuyen-muc/tin-tuc---id1", "moha", False),
    ("https://dangcongsan.vn/thoi-su/dong-chi-tong-bi-thu-lam-viec-voi-ban-thuong-vu-tinh-uy.html", "generic", True),
    ("https://dangcongsan.vn/tag/son-la.html", "generic", False),
])
def test_article_links_told_from_section_links(url, family, is_article):
    assert discovery.is_article_url(url, families.get(family)) is is_article


@pytest.mark.parametrize("url,page,expected", [
    ("https://baochinhphu.vn/xa-hoi.htm", 2, "https://baochinhphu.vn/xa-hoi/trang-2.htm"),
    ("https://baochinhphu.vn/xa-hoi/trang-2.htm", 3, "https://baochinhphu.vn/xa-hoi/trang-3.htm"),
    ("https://sonla.gov.vn/tin-chinh-tri", 2, "https://sonla.gov.vn/tin-chinh-tri?page=2"),
])
def test_guess_next_page(url, page, expected):
    assert discovery.guess_next_page(url, page) == expected


@pytest.mark.parametrize("page,expected", [
    ("chinhphu/xa-hoi.htm", "listing"),
    ("baocantho/thoi-su.html", "listing"),
    ("nhandan/tinh-son-la-trien-khai-chinh-sach-dan-toc-post980623.html", "article"),
    ("portal/tin-tuc-su-kien/chuyen-de/tin-trong-nuoc/hoi-nghi-nfd.html", "article"),
])
def test_classify_ad_hoc_html(page, expected):
    url = BASE + "/" + page.split("/", 1)[1]
    assert discovery.classify_html(url, saved(page), families.get("generic")) == expected
