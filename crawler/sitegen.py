"""Render the bundled corpus as static local news sites, one per CMS family.

The demo and the round-trip tests need sites that look like the real ones
(see docs research on site structures) but live on loopback: a VC-style
"chinhphu" (IDs of 18 digits in ".htm", US-style feed dates with no zone), a
"zce" "nhandan" ("-post<id>.html", "+07:00" feed dates, a sitemap index with
monthly sitemaps), a "-a<id>.html" "baocantho" (breadcrumb h1, lead paragraph,
"<p><em>" captions, byline as the last paragraph, two-digit-year feed dates)
and a provincial "portal" (slugs cut at 60 characters, numbered page links).
Every page carries the noise real pages carry — menus, related boxes, ads,
photo captions, share bars — so parsing is tested, not just copying.

Input: corpus/articles/*.json ({id, site, slug, title, sapo, published,
published_time, author, text}) plus corpus/seeds/*.txt (" date YYYY-MM-DD title",
blank line, body).  Output: <out>/<site>/... and <out>/manifest.json listing each
site's entries and each article's URL and expected fields.

    manifest = build("/tmp/sites", "http://127.0.0.1:8000")
    server, base = serve("/tmp/sites")       # builds with the server's real base URL
"""
from __future__ import annotations

import hashlib
import html
import json
import re
import threading
import unicodedata
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from crawler.parse import CAPTION_LINE, CREDIT_LINE, is_byline

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SITES = ("chinhphu", "nhandan", "baocantho", "portal")
PER_PAGE = 5
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAYS_EN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

MENU = ("<nav class='menu'><a href='{home}'>Trang chủ</a> <a href='{home}chinh-tri'>Chính trị</a> "
        "<a href='{home}kinh-te'>Kinh tế</a> <a href='{home}xa-hoi'>Xã hội</a> <a href='{home}lien-he'>Liên hệ</a></nav>")
FOOTER = "<footer><p>Giấy phép số 123/GP-BTTTT. Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p></footer>"
AD = "<div class='ads_middle' id='adsWeb_AdsArticleMiddle'><a href='#'>QUẢNG CÁO: Vé máy bay giá rẻ</a></div>"
SHARE = "<div class='share-bar share'><a href='#'>Chia sẻ</a> <a href='#'>Zalo</a> <a href='#'>In bài</a></div>"


# --- corpus ------------------------------------------------------------------------------------------


def slugify(text: str, limit: int = 80) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:limit].strip("-")


def load_corpus(corpus: Path = CORPUS) -> list[dict[str, Any]]:
    """Corpus articles and seeds (nlp.corpus reads them), each given a site and a slug, sorted by id."""
    from nlp.corpus import load_articles

    out: list[dict[str, Any]] = []
    seeds = 0
    for a in load_articles(corpus):
        if a["id"].startswith("seed-"):  # seeds have no site of their own: alternate two families
            a = {**a, "site": ("portal", "chinhphu")[seeds % 2]}
            seeds += 1
        if a.get("site") in SITES and a.get("title") and a.get("text"):
            out.append({**a, "slug": a.get("slug") or slugify(a["title"], 70)})
    return sorted(out, key=lambda a: a["id"])


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def expected_fields(a: dict) -> dict[str, Any]:
    """What parsing the rendered page must give back (title, date in +07:00, body)."""
    pub = a.get("published")
    if pub and a.get("published_time"):
        published = f"{pub}T{a['published_time']}:00+07:00"
    else:
        published = pub or None
    title = " ".join(a["title"].split())
    paras = paragraphs(a["text"])
    while paras and paras[0].casefold() == title.casefold():  # the parser drops titles repeated atop the body
        paras = paras[1:]
    # the lead opens the text once, whether or not the body repeats it
    sapo = " ".join((a.get("sapo") or "").split())
    if sapo and not (paras and paras[0] == sapo):
        paras = [sapo, *paras]
    # and a photo caption written as a paragraph ("Ảnh: …") goes to captions, not the body
    paras = [p for p in paras if not CAPTION_LINE.match(p)]
    # and closing bylines and credits ("Tin, ảnh: …", a bare name, "Nguồn: …") are not body text
    while paras and (CREDIT_LINE.match(paras[-1]) or is_byline(paras[-1])):
        paras = paras[:-1]
    return {"title": title, "published": published, "text": "\n\n".join(paras)}


# --- per-family details ---------------------------------------------------------------------------------


def _num(a: dict, digits: int) -> str:
    return str(int(hashlib.sha1(a["id"].encode()).hexdigest(), 16))[:digits]


def article_path(a: dict) -> str:
    site, slug = a["site"], a.get("slug") or slugify(a["title"])
    d = (a.get("published") or "2025-01-01").replace("-", "")[2:]
    t = (a.get("published_time") or "00:00").replace(":", "")
    if site == "chinhphu":
        return f"/chinhphu/{slug}-102{d}{t}{_num(a, 4)}.htm"
    if site == "nhandan":
        return f"/nhandan/{slug}-post{_num(a, 6)}.html"
    if site == "baocantho":
        return f"/baocantho/{slug}-a{_num(a, 6)}.html"
    return f"/portal/tin-tuc-su-kien/chuyen-de/tin-trong-nuoc/{slug[:60]}.html"  # cut mid-word, as laichau does


def _dt(a: dict):
    if not a.get("published"):
        return None, None
    return date.fromisoformat(a["published"]), a.get("published_time")


def page_date(a: dict) -> str:
    d, t = _dt(a)
    if d is None:
        return ""
    dmy = d.strftime("%d/%m/%Y")
    site = a["site"]
    if site == "chinhphu":
        return f"<div class='detail-time'><div data-role='publishdate'><svg width='8'></svg> {dmy}{' ' + t if t else ''}</div></div>"
    if site == "nhandan":
        iso = f"{d.isoformat()}T{t}:00+0700" if t else d.isoformat()
        shown = d.strftime("%d-%m-%Y") + (f", {t}" if t else "")
        return f"<div class='article__meta'><time class='time' datetime='{iso}'>{WEEKDAYS[d.weekday()]}, {shown}</time>"
    if site == "baocantho":
        return f"<span class='pubdate'>{dmy}{' - ' + t if t else ''}</span>"
    return f"<div class='PostDate'>{WEEKDAYS[d.weekday()]}, {dmy}{' ' + t if t else ''}</div>"


def feed_date(a: dict) -> str | None:
    d, t = _dt(a)
    if d is None:
        return None
    hh, mm = (int(x) for x in (t or "06:00").split(":"))
    if a["site"] == "chinhphu":  # "8/22/2026 11:00:00 PM", no zone
        h12 = hh % 12 or 12
        return f"{d.month}/{d.day}/{d.year} {h12}:{mm:02d}:00 {'PM' if hh >= 12 else 'AM'}"
    day = f"{DAYS_EN[d.weekday()]}, {d.day:02d} {MONTHS_EN[d.month - 1]}"
    if a["site"] == "nhandan":
        return f"{day} {d.year} {hh:02d}:{mm:02d}:00 +07:00"
    if a["site"] == "baocantho":
        return f"{day} {d.year % 100:02d} {hh:02d}:{mm:02d}:00 +0700"
    return f"{day} {d.year} {hh:02d}:{mm:02d}:00 +07"


def render_article(a: dict, base: str, related: list[dict]) -> str:
    e = html.escape
    site = a["site"]
    home = f"{base}/{site}/"
    paras = paragraphs(a["text"])
    caption = f"Quang cảnh sự kiện {e(a['title'][:40])}"
    rel = "".join(f"<li><a href='{base}{article_path(r)}'>{e(r['title'])}</a></li>" for r in related)
    author = e(a.get("author") or "")
    sapo = e(a.get("sapo") or "")
    body_parts = [f"<p>{e(p)}</p>" for p in paras]
    if site == "chinhphu":
        figure = (f"<figure class='VCSortableInPreviewMode' type='Photo'><div><a href='#'><img src='{home}img.jpg' "
                  f"alt='{caption}'></a></div><figcaption class='PhotoCMS_Caption'><p>{caption} - Ảnh: VGP</p>"
                  f"</figcaption></figure>")
        related_box = (f"<div class='VCSortableInPreviewMode' type='RelatedNewsBox'><div class='kbwscwl-relatedbox'>"
                       f"<ul>{rel}</ul></div></div>")
        body_parts.insert(1, figure)
        body_parts.insert(min(3, len(body_parts)), related_box + AD)
        main = (f"<ul class='list-cate'><li><a href='{home}'>Chính sách</a></li></ul>{page_date(a)}"
                f"<h1 class='detail-title' data-role='title'>{e(a['title'])}</h1>"
                + (f"<h2 class='detail-sapo' data-role='sapo'>{sapo}</h2>" if sapo else "")
                + "<div class='detail-cmain'><div class='detail-content afcbc-body' data-role='content'>"
                + "".join(body_parts) + "</div>"
                + (f"<div class='detail-author'>{author}</div>" if author else "") + "</div>")
    elif site == "nhandan":
        table = (f"<table class='picture'><tr><td><img src='{home}a.jpg'></td></tr>"
                 f"<tr><td class='caption'>{caption}. (Ảnh: Nhân Dân)</td></tr></table>")
        body_parts.insert(1, table)
        body_parts.insert(min(3, len(body_parts)), f"<div class='box-related related-news'><h3>Bài liên quan</h3>"
                                                    f"<ul>{rel}</ul></div>{AD}")
        meta = page_date(a) or "<div class='article__meta'>"
        main = (f"<div class='breadcrumb'><a href='{home}chinhtri'>Chính trị</a></div><article class='article'>"
                f"<h1 class='article__title cms-title'>{e(a['title'])}</h1>{meta}"
                + (f"<span class='article__author'>{author}</span>" if author else "") + "</div>"
                + (f"<div class='article__sapo cms-desc'>{sapo}</div>" if sapo else "")
                + "<div class='article__body zce-content-body cms-body' itemprop='articleBody'>" + "".join(body_parts)
                + "</div><div class='article__tag'><a href='#'>Thời sự</a></div></article>")
    elif site == "baocantho":
        body_parts.insert(1, f"<p style='text-align:center'><img src='{home}a.webp'></p>"
                             f"<p style='text-align:center'><em>{caption}.</em></p>")
        body_parts.insert(min(3, len(body_parts)), AD)
        if author:
            body_parts.append(f"<p style='text-align:right'><strong>Tin, ảnh: {author}</strong></p>")
        main = (f"<div id='content'><div id='colcate1'><div class='titlecate'><h1><a href='{home}news/thoi-su/'>"
                f"Thời sự</a></h1></div>{page_date(a)}<h1 class='fw700'>{e(a['title'])} <span class='icon'></span></h1>"
                + (f"<div class='detail-desc'><p>{sapo}</p></div>" if sapo else "")
                + "<div id='newscontents'><div class='content-fck'>" + "".join(body_parts) + "</div></div>"
                + f"<div class='block_tag'><a class='tag_item' href='#'>Cần Thơ</a></div><div class='same'><ul>{rel}</ul>"
                "</div></div></div>")
    else:
        body_parts.insert(1, f"<p><img src='{home}upload/2000066/a.jpg'></p><p><em>{caption}</em></p>")
        main = (f"<div class='ArticleDetail'><div class='ArticleHeader'>{e(a['title'])}</div>{page_date(a)}"
                + (f"<div class='ArticleSummary'>{sapo}</div>" if sapo else "")
                + "<div class='ArticleContent'>" + "".join(body_parts) + "</div>"
                + (f"<div class='PostAuthor'>{author}</div>" if author else "")
                + f"</div><div class='related-news'><h3>Tin khác</h3><ul>{rel}</ul></div>")
    url = base + article_path(a)
    return (f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>{e(a['title'])}</title>"
            f"<meta property='og:url' content='{url}'><meta property='og:type' content='article'></head><body>"
            f"<div class='header'>{MENU.format(home=home)}</div>{main}{SHARE}{FOOTER}</body></html>")


def render_listing(site: str, base: str, items: list[dict], page: int, pages: int) -> str:
    e = html.escape
    home = f"{base}/{site}/"
    links = "".join(
        f"<div class='box-stream-item ArticleInMenu'><div class='Title'><a class='box-stream-link-title b-title' "
        f"href='{base}{article_path(a)}'>{e(a['title'])}</a></div><p>{e(a.get('sapo') or '')}</p></div>" for a in items)
    nav = ""
    if page < pages:
        nxt = base + listing_path(site, page + 1)
        if site == "portal":
            nav = (f"<ul class='pagination'><li class='page-item active' data-page='{page}'><a href='#'>{page}</a></li>"
                   f"<li class='page-item' data-page='{page + 1}'><a rel='next' href='{nxt}'>{page + 1}</a></li></ul>")
        elif site == "chinhphu":
            nav = f"<div class='paging'><a href='{nxt}'>{page + 1}</a></div>"
        else:
            nav = f"<div class='pages'><a href='{nxt}'>Trang sau</a></div>"
    return (f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>Tin tức - trang {page}</title></head>"
            f"<body>{MENU.format(home=home)}<div class='ArticleList list-block'>{links}</div>{nav}{FOOTER}</body></html>")


def listing_path(site: str, page: int) -> str:
    first = {"chinhphu": "/chinhphu/chinh-sach.htm", "nhandan": "/nhandan/tin-moi.html",
             "baocantho": "/baocantho/news/thoi-su/index.html", "portal": "/portal/tin-tuc-su-kien.html"}[site]
    if page == 1:
        return first
    return {"chinhphu": f"/chinhphu/chinh-sach/trang-{page}.htm", "nhandan": f"/nhandan/tin-moi-trang-{page}.html",
            "baocantho": f"/baocantho/news/thoi-su/trang-{page}.html",
            "portal": f"/portal/tin-tuc-su-kien-trang-{page}.html"}[site]


def render_feed(site: str, base: str, items: list[dict]) -> str:
    e = html.escape
    out = [f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{site}</title>"
           f"<link>{base}/{site}/</link>"]
    for a in items:
        pub = feed_date(a)
        out.append(f"<item><title>{e(a['title'])}</title><link>{base}{article_path(a)}</link>"
                   f"<description>{e(a.get('sapo') or '')}</description>"
                   + (f"<pubDate>{pub}</pubDate>" if pub else "") + "</item>")
    return "".join(out) + "</channel></rss>"


def render_sitemaps(site: str, base: str, items: list[dict]) -> dict[str, str]:
    """path -> XML.  nhandan gets an index of monthly sitemaps; the others one urlset."""
    def urlset(arts):
        rows = "".join(f"<url><loc>{base}{article_path(a)}</loc>"
                       + (f"<lastmod>{a['published']}</lastmod>" if a.get("published") else "") + "</url>"
                       for a in arts)
        return f"<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{rows}</urlset>"

    if site != "nhandan":
        return {f"/{site}/sitemap.xml": urlset(items)}
    months: dict[str, list[dict]] = {}
    for a in items:
        d = date.fromisoformat(a["published"]) if a.get("published") else date(2025, 1, 1)
        months.setdefault(f"news-{d.year}-{d.month}", []).append(a)
    out = {f"/nhandan/sitemaps/{m}.xml": urlset(arts) for m, arts in months.items()}
    index = "".join(f"<sitemap><loc>{base}{p}</loc></sitemap>" for p in out)
    out["/nhandan/sitemap.xml"] = (f"<?xml version='1.0' encoding='UTF-8'?><sitemapindex "
                                   f"xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{index}</sitemapindex>")
    return out


def feed_path(site: str) -> str:
    return {"chinhphu": "/chinhphu/home.rss", "nhandan": "/nhandan/rss/home.rss",
            "baocantho": "/baocantho/rss/thoi-su.rss", "portal": "/portal/rss/tin-tuc.rss"}[site]


# --- build and serve ------------------------------------------------------------------------------------


def build(out_dir: str | Path, base_url: str = "{{base}}", articles: list[dict] | None = None) -> dict[str, Any]:
    """Write the four sites under ``out_dir``; returns (and writes) the manifest."""
    out = Path(out_dir)
    base = base_url.rstrip("/")
    arts = articles if articles is not None else load_corpus()
    manifest: dict[str, Any] = {"base": base, "sites": {}, "articles": []}
    files: dict[str, str] = {}
    for site in SITES:
        items = sorted((a for a in arts if a["site"] == site),
                       key=lambda a: (a.get("published") or "", a.get("published_time") or ""), reverse=True)
        if not items:
            continue
        for i, a in enumerate(items):
            related = [items[(i + k) % len(items)] for k in (1, 2) if len(items) > k]
            files[article_path(a)] = render_article(a, base, related)
            manifest["articles"].append({"id": a["id"], "site": site, "url": base + article_path(a),
                                         **expected_fields(a)})
        pages = max(1, -(-len(items) // PER_PAGE))
        for p in range(1, pages + 1):
            files[listing_path(site, p)] = render_listing(site, base, items[(p - 1) * PER_PAGE: p * PER_PAGE], p, pages)
        files[feed_path(site)] = render_feed(site, base, items)
        files.update(render_sitemaps(site, base, items))
        files[f"/{site}/robots.txt"] = "User-agent: *\nDisallow: /admin/\n"
        manifest["sites"][site] = {"feed": base + feed_path(site), "sitemap": f"{base}/{site}/sitemap.xml",
                                   "listing": base + listing_path(site, 1), "pages": pages, "articles": len(items)}
    files["/robots.txt"] = "User-agent: *\nDisallow: /admin/\n"
    for path, text in files.items():
        target = out / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


class _Quiet(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".htm": "text/html; charset=utf-8",
                      ".html": "text/html; charset=utf-8", ".rss": "application/rss+xml; charset=utf-8",
                      ".xml": "application/xml; charset=utf-8", ".txt": "text/plain; charset=utf-8"}

    def log_message(self, format, *args):  # noqa: A002
        pass


def serve(out_dir: str | Path, host: str = "127.0.0.1", port: int = 0,
          articles: list[dict] | None = None) -> tuple[ThreadingHTTPServer, dict[str, Any]]:
    """Start a loopback server, build the sites with its real base URL, serve them in a thread.

    Returns (server, manifest); stop with ``server.shutdown(); server.server_close()``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    server = ThreadingHTTPServer((host, port), partial(_Quiet, directory=str(out)))
    server.daemon_threads = True
    manifest = build(out, f"http://{host}:{server.server_address[1]}", articles)
    threading.Thread(target=server.serve_forever, name="sitegen", daemon=True).start()
    return server, manifest


def main() -> None:  # python -m crawler.sitegen OUT_DIR [BASE_URL]
    import sys

    m = build(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "{{base}}")
    print(f"{len(m['articles'])} articles in {len(m['sites'])} sites -> {sys.argv[1]}")


if __name__ == "__main__":
    main()
