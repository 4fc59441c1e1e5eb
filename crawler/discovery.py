"""Discovery: tell what a fetched entry is, and read article links out of it.

An entry URL may be an RSS/Atom feed, a sitemap or sitemap index, an HTML listing
page or an article itself; `sniff` decides by content, not by the URL.  The
readers are pure functions of bytes, tolerant of broken items (lxml's recovering
parser; a bad item is counted, the rest are kept).
"""
from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree

from crawler import dates, families
from crawler.parse import canonical_url, decode, looks_binary, same_site

MAX_GUNZIP = 50 * 1024 * 1024

# Pagination link texts on Vietnamese sites (kept as data).
NEXT_TEXTS = {"trang sau", "sau", "tiếp", "trang tiếp", "xem tiếp", "next", "›", "»", ">", ">>", "tiếp theo"}


@dataclass
class Link:
    url: str
    title: str | None = None
    published: str | None = None


@dataclass
class Discovered:
    """What a discovery page gave: article links, further discovery pages, and problems counted."""

    kind: str
    articles: list[Link] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)   # sitemaps of an index, next listing pages
    bad_items: int = 0


def maybe_gunzip(body: bytes) -> bytes:
    if body[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(body)[:MAX_GUNZIP]
        except (OSError, EOFError):
            return body
    return body


def sniff(body: bytes, content_type: str = "") -> str:
    """"feed", "sitemap_index", "sitemap", "html", "json" or "binary", judged by the bytes."""
    body = maybe_gunzip(body)
    head = body[:4096].lstrip().lower()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if b"<sitemapindex" in head:
        return "sitemap_index"
    if b"<urlset" in head:
        return "sitemap"
    if re.search(rb"<rss[\s>]|<rdf:rdf|<feed[\s>][^>]*|<feed\s+xmlns", head) and b"<html" not in head:
        return "feed"
    if head[:1] in (b"{", b"["):
        return "json"
    if looks_binary(body, content_type):
        return "binary"
    return "html"


def _xml(body: bytes):
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(maybe_gunzip(body).strip() or b"<x/>", parser=parser)
    return root


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(el, *names: str) -> str:
    for child in el:
        if _local(child.tag) in names:
            if _local(child.tag) == "link" and child.get("href"):
                rel = child.get("rel", "alternate")
                if rel == "alternate":
                    return child.get("href").strip()
                continue
            return (child.text or "").strip()
    return ""


def feed_date(value: str | None) -> str | None:
    """A feed's pubDate/updated in any real style -> ISO +07:00 (None if unreadable)."""
    dt = dates.parse(value, dayfirst=False) if value else None
    return dates.iso(dt) if dt else None


def parse_feed(body: bytes, base_url: str) -> Discovered:
    """RSS 2.0, RSS 1.0 (RDF) or Atom -> links with titles and dates; items without a link are counted."""
    out = Discovered("feed")
    try:
        root = _xml(body)
    except etree.XMLSyntaxError:
        out.bad_items += 1
        return out
    if root is None:
        return out
    for el in root.iter():
        name = _local(el.tag)
        if name not in ("item", "entry"):
            continue
        link = _child_text(el, "link") or (_child_text(el, "guid") if re.match(r"https?://", _child_text(
            el, "guid")) else "")
        if not link or not re.match(r"^(https?:)?//|^/", link.strip()):
            out.bad_items += 1
            continue
        title = " ".join(_child_text(el, "title").split()) or None
        raw_date = _child_text(el, "pubdate", "published", "updated", "date")
        out.articles.append(Link(canonical_url(urljoin(base_url, link.strip())), title, feed_date(raw_date)))
    return out


def parse_sitemap(body: bytes, base_url: str) -> Discovered:
    """A <urlset> (article links, lastmod as date) or a <sitemapindex> (child sitemaps)."""
    try:
        root = _xml(body)
    except etree.XMLSyntaxError:
        return Discovered("sitemap", bad_items=1)
    kind = "sitemap_index" if root is not None and _local(root.tag) == "sitemapindex" else "sitemap"
    out = Discovered(kind)
    if root is None:
        return out
    for el in root:
        loc = _child_text(el, "loc")
        if not loc:
            out.bad_items += 1
            continue
        url = urljoin(base_url, loc)
        if kind == "sitemap_index":
            out.pages.append(url)
        else:
            lastmod = _child_text(el, "lastmod", "publication_date")
            for child in el.iter():
                if _local(child.tag) == "publication_date" and child.text:
                    lastmod = child.text.strip()
            out.articles.append(Link(canonical_url(url), None, feed_date(lastmod)))
    return out


# --- HTML listings -------------------------------------------------------------------------------


def is_article_url(url: str, family: dict) -> bool:
    path = urlsplit(url).path
    if family.get("skip_url") and re.search(family["skip_url"], urlsplit(url).path + "?" + urlsplit(url).query):
        return False
    if re.search(family["article_url"], path):
        return True
    if family.get("name") == "generic" and families.detect(url):  # ad-hoc listing: any family's pattern
        return True
    if family.get("name") != "generic":  # the family's own pattern failed: try the generic one
        generic = families.get("generic")
        return bool(re.search(generic["article_url"], path))
    return False


def _same_site(a: str, b: str) -> bool:
    return same_site(a, b)


def _page_number(url: str) -> int | None:
    m = re.search(r"/trang-(\d+)\.htm|[?&](?:page|p|trang)=(\d+)|/page/(\d+)", url)
    return int(next(g for g in m.groups() if g)) if m else None


def parse_listing(body: bytes, url: str, family: dict, headers=None) -> Discovered:
    """Article links (family URL pattern, selector, generic fallback) and the next listing page."""
    out = Discovered("listing")
    html, _ = decode(body, headers)
    try:
        doc = lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return out
    out.pages = next_pages(doc, url, family)
    seen: set[str] = set(out.pages) | {canonical_url(url)}
    anchors = doc.xpath("//a[@href]")
    selected = []
    if family.get("listing_links"):
        try:
            selected = doc.cssselect(family["listing_links"])
        except Exception:
            selected = []
    for a in [*selected, *anchors]:
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "tel:", "#")):
            continue
        target = canonical_url(urljoin(url, href))
        if not target.startswith("http") or not _same_site(target, url) or target in seen:
            continue
        if is_article_url(target, family):
            seen.add(target)
            out.articles.append(Link(target, " ".join(a.text_content().split()) or a.get("title"), _item_date(a)))
    return out


def _item_date(a) -> str | None:
    """The date written in a listing item next to its link (a <time datetime> or "dd/mm/yyyy"), if any."""
    el = a
    for _ in range(3):
        el = el.getparent()
        if el is None or not isinstance(el.tag, str):
            return None
        text = " ".join(el.text_content().split())
        if len(text) > 600:
            return None
        for t in el.iter("time"):
            dt = dates.parse(t.get("datetime") or t.text_content())
            if dt:
                return dates.iso(dt)
        rest = text.replace(" ".join(a.text_content().split()), " ")
        if re.search(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2}", rest):
            dt = dates.parse(rest)
            if dt:
                return dates.iso(dt)
        if el.tag.lower() in ("li", "article", "tr"):
            return None
    return None


def next_pages(doc, url: str, family: dict) -> list[str]:
    """The next listing page: rel=next, the family's selector, a "Trang sau" link, or page N+1 links."""
    current = _page_number(url) or 1
    for sel in family.get("next_page", []):
        try:
            found = doc.cssselect(sel)
        except Exception:
            continue
        for a in found:
            if a.get("href"):
                return [canonical_url(urljoin(url, a.get("href")))]
    for a in doc.xpath("//a[@href]"):
        text = " ".join(a.text_content().split()).lower()
        if text in NEXT_TEXTS or (a.get("rel") or "").lower() == "next":
            return [canonical_url(urljoin(url, a.get("href")))]
    for a in doc.xpath("//a[@href]"):
        target = canonical_url(urljoin(url, a.get("href")))
        if _page_number(target) == current + 1 and _same_site(target, url):
            return [target]
    # VC CMS: the section page holds its zone id; later pages come from /timelinelist/<zone>/<page>.htm
    zone = doc.xpath('//input[@id="hdZoneId"]/@value')
    m = re.search(r"/timelinelist/(\d+)/(\d+)\.htm", url)
    if m:
        return [urljoin(url, f"/timelinelist/{m.group(1)}/{int(m.group(2)) + 1}.htm")]
    if zone and zone[0].strip().isdigit():
        return [urljoin(url, f"/timelinelist/{zone[0].strip()}/2.htm")]
    return []


def guess_next_page(url: str, page: int) -> str:
    """URL of listing page ``page`` in the two common schemes ("/trang-N.htm", "?page=N")."""
    parts = urlsplit(url)
    if parts.path.endswith(".htm") and "/trang-" not in parts.path:
        return urlunsplit(parts._replace(path=parts.path[:-4] + f"/trang-{page}.htm"))
    if "/trang-" in parts.path:
        return urlunsplit(parts._replace(path=re.sub(r"/trang-\d+\.htm", f"/trang-{page}.htm", parts.path)))
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "page"] + [("page", str(page))]
    return urlunsplit(parts._replace(query=urlencode(query)))


def has_article_body(doc) -> bool:
    """Whether a page holds running text: one element with three or more paragraphs of prose
    (40+ characters, mostly not link text) side by side, 400+ characters in all.  A section page's
    teasers each sit in their own item, so no element gathers them."""
    for parent in doc.iter():
        if not isinstance(parent.tag, str):
            continue
        prose = 0
        chars = 0
        for child in parent:
            if not isinstance(child.tag, str) or child.tag.lower() not in ("p", "div", "h2", "h3", "blockquote"):
                continue
            text = " ".join(child.text_content().split())
            if len(text) < 40 or len(text) > 5000:
                continue
            linked = sum(len(" ".join(a.text_content().split())) for a in child.iter("a"))
            if linked / len(text) < 0.5:
                prose += 1
                chars += len(text)
        if prose >= 3 and chars >= 400:
            return True
    return False


def classify_html(url: str, body: bytes, family: dict, headers=None) -> str:
    """"article" or "listing" for an ad-hoc HTML entry.

    A URL of a family's article pattern is an article.  Otherwise the markup decides, not marker
    strings (section pages carry og:type=article or "detail-content" too): a page whose running text
    sits together is an article; without it, ten or more article links make a listing; then
    og:type/JSON-LD "article" (a short article) and, failing that, any article link.
    """
    if re.search(family["article_url"], urlsplit(url).path) and family.get("name") != "generic":
        return "article"
    html, _ = decode(body[:2_000_000], headers)
    try:
        doc = lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return "article"  # parsing it as an article gives the reason
    for el in doc.xpath("//script|//style|//noscript|//nav|//footer|//header"):
        el.drop_tree()
    if has_article_body(doc):
        return "article"
    links = len(parse_listing(body, url, family, headers).articles)
    if links >= 10:
        return "listing"  # a section page, whatever its og:type says
    low = html[:400_000].lower()
    if re.search(r'<meta[^>]+property=["\']og:type["\'][^>]+content=["\']article', low) or \
            re.search(r'"@type"\s*:\s*"(news)?article"', low):
        return "article"  # a short article with a few related links
    return "listing" if links else "article"
