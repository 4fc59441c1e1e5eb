"""Whole articles on real-world templates: lead first, noise out, the article's own date, canonical URL.

Every page here is written for the test, modelled on the structures of real outlets
(a "zce" paper with related stories inside the body and a sidebar of times, a VC
paper with a "read more" teaser box, a generic paper parsed by trafilatura whose
lead is only an <h2>, a paper with a "Tin nóng" list above the body and its date
written after a <div> headline, a section page that calls itself og:type=article).
"""
from __future__ import annotations

import pytest
from crawlrun import crawl, rows
from httpserver import LocalServer

from crawler import discovery, families
from crawler.parse import ArticleFields, is_byline, parse_article, pick_date, registered_domain, same_site

LEAD = ("(PNO) - Sáng 14-3, Ủy ban nhân dân tỉnh Điện Biên tổ chức hội nghị triển khai Nghị quyết số "
        "57-NQ/TW về phát triển khoa học, công nghệ và chuyển đổi số trên địa bàn tỉnh.")
BODY = [
    "Phát biểu khai mạc, Phó Chủ tịch UBND tỉnh Lò Văn Cương nhấn mạnh chuyển đổi số là nhiệm vụ xuyên suốt "
    "của cả hệ thống chính trị, cần được triển khai đồng bộ từ tỉnh đến cơ sở.",
    "Theo báo cáo của Sở Khoa học và Công nghệ, năm qua toàn tỉnh đã đưa 312 thủ tục hành chính lên môi "
    "trường mạng, tỷ lệ hồ sơ trực tuyến toàn trình đạt 64%.",
    "Hội nghị cũng dành thời gian thảo luận về nguồn nhân lực số, hạ tầng viễn thông ở các xã vùng cao "
    "và việc bảo đảm an toàn thông tin cho các hệ thống dùng chung.",
    "Kết luận hội nghị, Phó Chủ tịch UBND tỉnh giao các sở, ngành hoàn thành kế hoạch hành động trước "
    "ngày 30-4 và báo cáo kết quả hằng quý.",
]
TITLE = "Điện Biên triển khai Nghị quyết 57 về khoa học, công nghệ và chuyển đổi số"
RELATED = ["Lai Châu sơ kết ba tháng thực hiện Đề án 06", "Sơn La đưa 200 thủ tục hành chính lên cổng dịch vụ công",
           "Hà Giang tập huấn kỹ năng số cho cán bộ cơ sở"]


def teaser_stories(cls: str = "story") -> str:
    return "".join(f"<article class='{cls}'><figure class='{cls}__thumb'><a href='/tin-{i}-post90{i}.html'>"
                   f"<img src='/i{i}.jpg'></a></figure><h2 class='{cls}__heading'><a href='/tin-{i}-post90{i}.html'>"
                   f"{t}</a></h2></article>" for i, t in enumerate(RELATED))


def paras(items) -> str:
    return "".join(f"<p style='text-align: justify;'>{p}</p>" for p in items)


def zce_page(base: str = "https://baodienbien.example.vn") -> bytes:
    """A "zce" paper: sidebar of times above, the article's own <time> not under .article__meta,
    related stories and a topic stream inside the body, og:url a share link, rel=canonical right."""
    sidebar = "".join(f"<li><a href='/x-{i}-post80{i}.html'>Tin {i}</a><time class='time' "
                      f"datetime='2026-03-1{i}T0{i}:00:00+0700'>1{i}/03</time></li>" for i in range(3))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{TITLE}</title>
<link rel="canonical" href="{base}/dien-bien-trien-khai-nghi-quyet-57-post912345.html">
<meta property="og:url" content="{base}/share912345.html">
<meta property="article:published_time" content="2026-03-14T10:02:08+0700">
</head><body><aside class="col-left"><ul class="list-latest">{sidebar}</ul></aside>
<div class="article"><h1 class="article__title cms-title">{TITLE}</h1>
<div class="article__meta"><time class="article__time" datetime="2026-03-14T10:02:08+0700">14/03/2026 10:02</time>
<div class="author cms-author"><a class="name" href="#">HOÀNG LAM</a></div></div>
<div class="article__sapo cms-desc"><p>{LEAD}</p></div>
<div class="article__body zce-content-body cms-body" itemprop="articleBody">{paras(BODY[:2])}
<figure><img src="/a.jpg"><figcaption>Quang cảnh hội nghị. Ảnh: HOÀNG LAM</figcaption></figure>
<div class="article-relate" data-source="related-news">{teaser_stories()}</div>
{paras(BODY[2:])}
<div class="related-topic"><h3 class="box-heading"><a class="title" href="/chu-de/chuyen-doi-so-12.html">
<span>Dòng sự kiện:</span> Chuyển đổi số ở miền núi</a></h3></div>
</div></div></body></html>""".encode()


def vc_page() -> bytes:
    """A VC paper: the body holds a "read more" teaser box and a typed related box."""
    return f"""<html><head><meta charset="utf-8"><title>{TITLE}</title>
<meta property="article:published_time" content="2026-03-14T08:01:53+07:00"></head><body>
<div class="detail-time"><div data-role="publishdate">14/03/2026 08:01 GMT+7</div></div>
<h1 class="detail-title" data-role="title">{TITLE}</h1><h2 class="detail-sapo" data-role="sapo">{LEAD}</h2>
<div class="detail-cmain"><div class="detail-content afcbc-body" data-role="content">{paras(BODY[:3])}
<div class="VCSortableInPreviewMode" type="RelatedOneNews"><a href="/a-20260301000000001.htm">{RELATED[0]}</a>
<p>Tỉnh Lai Châu vừa sơ kết ba tháng thực hiện Đề án 06, với 98% hồ sơ được số hóa tại bộ phận một cửa.</p></div>
{paras(BODY[3:])}
<div class="readmore-body-box d-none"><p>Các tỉnh miền núi phía Bắc đang đẩy mạnh chuyển đổi số trong cải cách
hành chính, từ cấp tỉnh đến cấp xã, với nhiều mô hình hay được nhân rộng.</p>
<a class="readmore-body-btn" href="#">Đọc tiếp</a></div>
<div class="notebox"><p>Mời bạn đọc tải ứng dụng của báo để nhận tin nóng mỗi ngày.</p></div>
</div></div></body></html>""".encode()


def trafilatura_page() -> bytes:
    """No family selector matches: the lead is an <h2> the reader sees, equal to og:description."""
    return f"""<html><head><meta charset="utf-8"><title>{TITLE} - Báo Tin Mới</title>
<meta property="og:description" content="{LEAD}"><meta property="og:type" content="article">
<meta property="article:published_time" content="2026-03-14T09:30:00"></head><body>
<nav class="menu"><a href="/">Trang chủ</a> <a href="/xa-hoi">Xã hội</a></nav>
<div class="left-col"><h1 class="title-main">{TITLE}</h1><h2 class="lead-box">{LEAD}</h2>
<div class="content-main">{"".join(f"<p class='ctmb'>{p}</p>" for p in BODY)}</div>
<p class="writer" style="text-align:right"><strong>Hà Thu (tổng hợp)</strong></p></div>
<div class="bottom-box"><h3>Tin cùng chuyên mục</h3><ul>{"".join(f"<li><a href='/t{i}-ar9{i}.html'>{t}</a></li>"
                                                      for i, t in enumerate(RELATED))}</ul></div>
</body></html>""".encode()


def hot_news_page() -> bytes:
    """A "Tin nóng" list above the body, the headline a <div>, the date written only after it, and no
    machine date at all."""
    hot = "".join(f"<li><article class='news_top_box'><a href='/tin-{i}-d5389{i}.html'><img src='/t{i}.jpg'></a>"
                  f"<a class='fs14 fbold' href='/tin-{i}-d5389{i}.html'>{t}</a></article></li>"
                  for i, t in enumerate(RELATED))
    return f"""<html><head><meta charset="utf-8"><title>{TITLE}</title>
<meta name="description" content="{LEAD}"></head><body>
<section class="main_cate"><div class="col160"><div class="head_box_cate_home"><a href="">Tin nóng</a></div>
<ul class="list_thumb_square">{hot}</ul></div>
<div class="col630"><div class="fs16"><a href="/chinh-tri-d1/">Chính trị</a></div>
<div class="title-detail">{TITLE}</div>
<div class="author-share-top"><a class="cl_green" href="">Nguyên Minh</a> <span class="post-time"> - 14/03/2026 08:47</span>
<span class="viewed">12/03/2026</span></div>
<div class="sapo_detail">{LEAD}</div>
<div id="content_detail_news">{paras(BODY)}</div></div></section></body></html>""".encode()


def section_page() -> bytes:
    """A section page that claims og:type=article and carries "detail-content" in a class name."""
    items = "".join(f"<li class='item'><h3><a href='/muc/tin-so-{i}-a1966{i:02d}.html'>Tin số {i} về chính sách "
                    f"dân tộc ở vùng cao</a></h3><p class='sapo'>Bản tin số {i}: UBND tỉnh triển khai chính sách "
                    f"hỗ trợ đồng bào dân tộc thiểu số, cấp phát giống cây trồng cho các hộ nghèo.</p></li>"
                    for i in range(12))
    return f"""<html><head><meta charset="utf-8"><title>Thời sự - Báo Miền Núi</title>
<meta property="og:type" content="article"></head><body><div class="detail-content-wrap">
<h1 class="titlecate">Thời sự</h1><ul class="list-block">{items}</ul>
<a href="/dang-ky.html">Đăng ký nhận tin</a> <a href="/chu-de/dai-hoi-dang-5.html">Đại hội Đảng</a>
<a href="/su-kien/nghi-quyet-57/">Nghị quyết 57</a> <a href="/muc/trang-2.html">2</a>
</div></body></html>""".encode()


def parsed(body: bytes, url: str) -> ArticleFields:
    result = parse_article(url, body, {"Content-Type": "text/html; charset=utf-8"})
    assert isinstance(result, ArticleFields), result
    return result


PAGES = {
    "zce": (zce_page, "https://baodienbien.example.vn/dien-bien-trien-khai-nghi-quyet-57-post912345.html"),
    "vc": (vc_page, "https://tinmoi.example.vn/dien-bien-trien-khai-nghi-quyet-57-20260314080153174.htm"),
    "generic": (trafilatura_page, "https://tinmoi.example.vn/dien-bien-trien-khai-nghi-quyet-57-ar994669.html"),
    "hot": (hot_news_page, "https://dautu.example.vn/dien-bien-trien-khai-nghi-quyet-57-d538952.html"),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_lead_opens_the_text_and_the_whole_body_is_kept(name):
    make, url = PAGES[name]
    r = parsed(make(), url)
    assert r.title == TITLE
    assert r.text.startswith(LEAD), r.text[:200]
    assert r.text.count(LEAD) == 1
    for p in BODY:
        assert p in r.text, (name, p)
    assert r.text.rstrip().endswith(BODY[-1]), r.text[-300:]


@pytest.mark.parametrize("name", list(PAGES))
def test_related_readmore_promo_hot_news_and_bylines_stay_out(name):
    make, url = PAGES[name]
    r = parsed(make(), url)
    for noise in [*RELATED, "Dòng sự kiện", "Đề án 06, với 98%", "Đọc tiếp", "tải ứng dụng", "Hà Thu",
                  "đẩy mạnh chuyển đổi số trong cải cách", "Tin nóng", "Quang cảnh hội nghị", "HOÀNG LAM"]:
        assert noise not in r.text, (name, noise)


@pytest.mark.parametrize("name,published", [
    ("zce", "2026-03-14T10:02:08+07:00"),     # article:published_time, not the sidebar's first <time>
    ("vc", "2026-03-14T08:01:53+07:00"),
    ("generic", "2026-03-14T09:30:00+07:00"),  # a metadata time with no zone is Vietnam time
    ("hot", "2026-03-14T08:47:00+07:00"),      # only visible, after the headline; the time of day kept
])
def test_the_article_own_date_with_its_time(name, published):
    make, url = PAGES[name]
    assert parsed(make(), url).published == published


def test_date_only_metadata_borrows_the_visible_time_of_the_same_day():
    assert pick_date(["2026-01-08", "08/01/2026 - 18:21"]) == ("2026-01-08T18:21:00+07:00", True)
    assert pick_date(["2026-01-08", "07/01/2026 - 18:21"]) == ("2026-01-08", False)  # another day: not lent
    assert pick_date(["not a date", "2026-01-08T09:00:00+07:00"])[0] == "2026-01-08T09:00:00+07:00"


def test_rel_canonical_wins_over_an_og_url_share_link():
    make, url = PAGES["zce"]
    assert parsed(make(), url).url == url


def test_public_suffix_list_tells_provincial_portals_apart():
    assert registered_domain("sonla.gov.vn") == "sonla.gov.vn"
    assert registered_domain("maison.sonla.gov.vn") == "sonla.gov.vn"
    assert registered_domain("www.baochinhphu.vn") == "baochinhphu.vn"
    assert not same_site("https://sonla.gov.vn/a", "https://laichau.gov.vn/a")
    assert same_site("https://tplaichau.laichau.gov.vn/x", "https://laichau.gov.vn/y")
    # a sonla page whose canonical points to laichau keeps its own address
    body = zce_page("https://laichau.gov.vn")
    url = "https://sonla.gov.vn/tin-tuc-su-kien/dien-bien-trien-khai-post912345.html"
    assert parsed(body, url).url == url


@pytest.mark.parametrize("line,byline", [
    ("Hà Thu (tổng hợp)", True), ("Tin, ảnh: P.Y", True), ("THUẬN VĂN", True), ("Nguyên Minh", True),
    ("Hoa nhập khẩu thiếu hàng", False), ("Hội nghị kết thúc lúc 11 giờ.", False),
    ("Đây là kết quả đáng ghi nhận của tỉnh Điện Biên trong năm qua", False),
])
def test_byline_lines(line, byline):
    assert is_byline(line) is byline


def test_section_page_is_a_listing_and_signup_topic_pages_are_not_followed():
    fam = families.get("generic")
    url = "https://baomiennui.example.vn/muc/thoi-su/"
    assert discovery.classify_html(url, section_page(), fam) == "listing"
    found = discovery.parse_listing(section_page(), url, fam)
    targets = [link.url for link in found.articles]
    assert len(targets) == 12
    assert not [t for t in targets if "dang-ky" in t or "chu-de" in t or "su-kien" in t]
    for name in ("zce", "vc", "generic", "hot"):  # and real article pages are articles, whatever the URL
        assert discovery.classify_html("https://x.example.vn/bai-viet", PAGES[name][0](), fam) == "article"


def test_crawl_url_of_a_section_page_stores_its_articles_not_itself(tmp_db):
    srv = LocalServer().start()
    try:
        srv.add("/muc/thoi-su/", section_page())
        for i in range(12):
            body = trafilatura_page().replace(TITLE.encode(), f"{TITLE} (kỳ {i})".encode()).replace(
                b"312 th", f"{300 + i} th".encode())
            srv.add(f"/muc/tin-so-{i}-a1966{i:02d}.html", body)
        result = crawl(tmp_db, "--url", srv.url("/muc/thoi-su/"))
        assert result.returncode == 0, result.stderr
        urls = [u for (u,) in rows(tmp_db, "SELECT url FROM articles")]
        assert len(urls) == 12 and srv.url("/muc/thoi-su/") not in urls
        assert not [p for p in srv.hits() if "dang-ky" in p or "chu-de" in p or "su-kien" in p]
    finally:
        srv.stop()


def moved_template_page() -> bytes:
    """The URL says one CMS, the markup is another: the headline is a plain <h1> (og:title is cut
    short), the lead a <p> whose class says "summary" (the meta description says something else), the
    body sits in a container whose class holds "story" — a noise word — and must stay."""
    return f"""<html><head><meta charset="utf-8"><title>Điện Biên triển khai Nghị quyết 57</title>
<meta property="og:title" content="Điện Biên triển khai Nghị quyết 57">
<meta name="description" content="Tin tức mới nhất về Điện Biên.">
<meta property="article:published_time" content="2026-03-14T12:35:44+07:00"></head><body>
<article class="the-article"><header><p class="the-article-category"><a href="/thoi-su.html">Thời sự</a></p>
<h1 class="the-article-title">{TITLE}</h1><ul class="the-article-meta"><li>Thứ Bảy, 14/3/2026 12:35</li></ul></header>
<section class="main"><p class="the-article-summary">{LEAD}</p>
<div class="story-body">{paras(BODY)}<div class="notebox"><p>Mời bạn đọc tải ứng dụng của báo để nhận tin
nóng mỗi ngày, miễn phí.</p></div></div></section>
<ul class="the-article-tags"><li><a href="/tag/dien-bien.html">Điện Biên</a></li></ul></article></body></html>""".encode()


def test_a_moved_template_still_gives_headline_lead_and_whole_body():
    r = parsed(moved_template_page(), "https://baodienbien.example.vn/dien-bien-nghi-quyet-57-post1592.html")
    assert r.title == TITLE
    assert r.text.startswith(LEAD)
    assert all(p in r.text for p in BODY) and r.text.endswith(BODY[-1])
    assert "tải ứng dụng" not in r.text and "Điện Biên\n" not in r.text
    assert r.published == "2026-03-14T12:35:44+07:00"
