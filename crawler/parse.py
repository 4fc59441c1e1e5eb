"""Article pages -> fields: a pure function of (url, body bytes, headers).

No Scrapy, network or database here, so every rule is testable on a saved page.
`parse_article` returns `ArticleFields` or a `Rejection` that says why (blocked,
not HTML, no title, no body...) — a page is never silently dropped.

Order of work: decode the bytes (declared charset, meta charset, UTF-8, then
Vietnam's legacy windows-1258) and NFC-normalize; refuse block/captcha pages;
pick the CMS family (given, by URL pattern, or by markup); read title, sapo,
date and author from the family's selectors; take the body element, pull out
photo captions and the byline, drop noise (related boxes, ads, share bars) and
keep paragraphs.  When the family has no body selector or it matches nothing,
trafilatura extracts the text and htmldate the date.
"""
from __future__ import annotations

import codecs
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree

from crawler import dates, families

MIN_TEXT_CHARS = 60

# Text that marks a block, captcha or challenge page instead of an article (kept as data).
BLOCK_MARKERS = [
    "Thông báo từ chối truy cập",
    "Access Denied",
    "Attention Required! | Cloudflare",
    "cf-browser-verification",
    "challenge-platform",
    "cf_chl_opt",
    "Just a moment...",
    "DDoS protection by",
    "Vui lòng xác nhận bạn không phải là robot",
    "g-recaptcha",
    "hcaptcha",
]
_JS_CHALLENGE = re.compile(r"document\.cookie\s*=.{0,400}?(?:window\.)?location\.reload\(", re.S)

TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|zarsrc|categoryId|_ga|mc_cid|mc_eid|ref|src)$", re.I)

BLOCK_TAGS = {"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "div", "section", "article"}
BLOCK_CHILDREN = {"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "div", "table", "ul", "ol",
                  "section", "article", "figure", "tr", "td"}


@dataclass
class ArticleFields:
    """What a page yields: body `text` (paragraphs split by a blank line) is what extraction sees."""

    url: str
    title: str
    text: str
    sapo: str | None = None
    published: str | None = None
    author: str | None = None
    captions: list[str] = field(default_factory=list)
    family: str = "generic"
    encoding: str = "utf-8"

    def as_article(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Rejection:
    """Why a page gave no article: ``outcome`` is "parse_error" or "blocked"."""

    outcome: str
    reason: str


# --- text helpers ---------------------------------------------------------------------------------


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean(text: str | None) -> str:
    """Collapse whitespace (incl. NBSP) and NFC-normalize."""
    if not text:
        return ""
    return nfc(" ".join(text.replace("\xa0", " ").replace("\u200b", "").split()))


def _header(headers: Any, name: str) -> str:
    if not headers:
        return ""
    for k, v in (headers.items() if hasattr(headers, "items") else headers):
        k = k.decode("latin-1") if isinstance(k, bytes) else k
        if k.lower() == name:
            if isinstance(v, list):
                v = v[0] if v else b""
            return v.decode("latin-1") if isinstance(v, bytes) else str(v)
    return ""


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def decode(body: bytes, headers: Any = None) -> tuple[str, str]:
    """Bytes -> (NFC text, codec used).  Declared charsets are trusted only when they decode."""
    if body.startswith(codecs.BOM_UTF8):
        return nfc(body[3:].decode("utf-8", "replace")), "utf-8"
    declared = []
    m = re.search(r"charset=([\w-]+)", _header(headers, "content-type"), re.I)
    if m:
        declared.append(_codec(m.group(1)))
    mm = _META_CHARSET.search(body[:4096])
    if mm:
        declared.append(_codec(mm.group(1).decode("ascii", "ignore")))
    candidates = [c for c in declared if c]
    # A page labelled latin-1/ascii is nearly always really UTF-8 (or cp1258) on Vietnamese sites.
    candidates = [c for c in candidates if c not in ("latin-1", "iso8859-1", "ascii", "cp1252")]
    for codec in [*candidates, "utf-8", "cp1258"]:
        try:
            return nfc(body.decode(codec)), codec
        except (UnicodeDecodeError, LookupError):
            continue
    return nfc(body.decode("utf-8", "replace")), "utf-8"


def looks_binary(body: bytes, content_type: str = "") -> bool:
    """True for images, PDFs and other bytes that are not a text document."""
    ctype = content_type.split(";")[0].strip().lower()
    if ctype and not (ctype.startswith("text/") or "html" in ctype or "xml" in ctype or "json" in ctype):
        return True
    head = body[:2048]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.05


def blocked_marker(text: str) -> str | None:
    """The block/captcha marker found in a page, if any (only in short pages or the <head>)."""
    probe = text[:20000]
    for marker in BLOCK_MARKERS:
        if marker in probe:
            return marker
    if _JS_CHALLENGE.search(probe):
        return "JS cookie challenge"
    return None


# --- URLs -------------------------------------------------------------------------------------------


def canonical_url(url: str) -> str:
    """Drop the fragment and tracking parameters (utm_*, fbclid, categoryId...); lowercase the host."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMS.match(k)]
    netloc = parts.netloc.lower()
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", urlencode(query), ""))


def _registered(host: str) -> str:
    host = host.lower().split(":")[0]
    return ".".join(host.split(".")[-2:]) if not re.match(r"^[\d.]+$", host) else host


def page_canonical(doc, url: str) -> str:
    """og:url or rel=canonical when it stays on the same site; else the fetched URL, cleaned."""
    for xp in ('//meta[@property="og:url"]/@content', '//link[@rel="canonical"]/@href'):
        for value in doc.xpath(xp):
            value = value.strip()
            if not value:
                continue
            absolute = urljoin(url, value)
            a, b = urlsplit(absolute), urlsplit(url)
            if a.scheme in ("http", "https") and _registered(a.netloc) == _registered(b.netloc) \
                    and a.port == b.port:
                return canonical_url(absolute)
    return canonical_url(url)


# --- DOM helpers ------------------------------------------------------------------------------------


def _first(doc, selectors: list[str]):
    for sel in selectors or []:
        try:
            found = doc.cssselect(sel)
        except Exception:  # a bad selector override must not kill the run
            continue
        if found:
            return found[0]
    return None


def _text(el) -> str:
    return clean(el.text_content()) if el is not None else ""


def _meta(doc, *names: str) -> str:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            values = doc.xpath(f'//meta[@{attr}="{name}"]/@content')
            if values and values[0].strip():
                return clean(values[0])
    return ""


def _jsonld(doc) -> dict:
    for script in doc.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if isinstance(item, dict) and str(item.get("@type", "")).endswith("Article"):
                return item
    return {}


def _drop(el) -> None:
    """Remove an element but keep its tail text."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def paragraphs(body) -> list[str]:
    """Block-level text of a body element, one string per paragraph, in order."""
    out: list[str] = []

    def walk(el) -> None:
        if not isinstance(el.tag, str):
            return
        tag = el.tag.lower()
        if tag == "br":
            return
        has_block_child = any(isinstance(c.tag, str) and c.tag.lower() in BLOCK_CHILDREN for c in el)
        if tag in BLOCK_TAGS and not has_block_child:
            t = clean(el.text_content())
            if t:
                out.append(t)
            return
        if el.text and el.text.strip() and tag in BLOCK_TAGS:
            out.append(clean(el.text))
        for child in el:
            walk(child)
            if child.tail and child.tail.strip() and tag in BLOCK_TAGS:
                out.append(clean(child.tail))

    walk(body)
    if not out:
        t = clean(body.text_content())
        if t:
            out.append(t)
    return out


# --- family detection by markup -------------------------------------------------------------------

_MARKUP_FAMILIES = [
    ("vc", "detail-content"),
    ("zce", "article__body"),
    ("acms", "content-fck"),
    ("portal", "ArticleContent"),
    ("moha", "mh-detail"),
]


def detect_family(url: str, html: str) -> str:
    by_url = families.detect(url)
    if by_url:
        return by_url
    for name, mark in _MARKUP_FAMILIES:
        if mark in html:
            return name
    return "generic"


# --- the parser -----------------------------------------------------------------------------------


def parse_article(url: str, body: bytes, headers: Any = None, family: str | None = None,
                  overrides: dict | None = None) -> ArticleFields | Rejection:
    """Parse one article page.  ``family`` None means: detect it; ``overrides`` replace selectors."""
    ctype = _header(headers, "content-type")
    if not body or not body.strip():
        return Rejection("parse_error", "empty page")
    if looks_binary(body, ctype):
        return Rejection("parse_error", f"not html ({ctype or 'binary bytes'})")
    html, encoding = decode(body, headers)
    marker = blocked_marker(html)
    if marker:
        return Rejection("blocked", marker)
    try:
        doc = lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError) as exc:
        return Rejection("parse_error", f"unparsable html: {exc}")
    fam_name = family or detect_family(url, html)
    fam = families.get(fam_name, overrides)
    if _first(doc, fam.get("body", [])) is None:  # URL said one family, markup says another (syndication, moves)
        for name, mark in _MARKUP_FAMILIES:
            if mark in html and name != fam["name"]:
                fam = families.get(name, overrides)
                break
    if fam.get("api") and doc.xpath('//div[@id="root" and not(*)]') and not _first(doc, fam["body"]):
        return Rejection("parse_error", "single-page app shell: article is in the JSON API")

    canonical = page_canonical(doc, url)
    ld = _jsonld(doc)

    # Title: the family's h1, never the breadcrumb; then og:title, JSON-LD, <title>.
    own_title = fam["name"] != "generic" or bool(overrides and overrides.get("title"))
    title = _text(_first(doc, fam["title"])) if own_title else _generic_title(doc)
    if not title:
        title = _meta(doc, "og:title") or clean(ld.get("headline")) or _generic_title(doc)
    sapo_el = _first(doc, fam.get("sapo", []))
    sapo = _text(sapo_el) or None
    author_el = _first(doc, fam.get("author", []))
    author = _text(author_el) or None

    # Date: element (attribute first), then meta / JSON-LD, then htmldate.
    raw_date = ""
    date_el = _first(doc, fam.get("date", []))
    if date_el is not None:
        raw_date = (date_el.get(fam.get("date_attr") or "") or "") if fam.get("date_attr") else ""
        raw_date = raw_date or _text(date_el)
    if not dates.parse(raw_date):
        raw_date = _meta(doc, "article:published_time", "datePublished", "pubdate") or clean(
            str(ld.get("datePublished") or ""))

    captions: list[str] = []
    text_paras: list[str] = []
    body_el = _first(doc, fam.get("body", []))
    if body_el is not None:
        for sel in fam.get("captions", []):
            try:
                found = body_el.cssselect(sel)
            except Exception:
                continue
            for el in found:
                t = _text(el)
                if t and t not in captions:
                    captions.append(t)
                _drop(el)
        for el in list(body_el.iter("p")):
            if _is_caption(el):
                t = _text(el)
                if t and t not in captions:
                    captions.append(t)
                _drop(el)
        for sel in list(fam.get("remove", [])) + list(fam.get("author", [])) + list(fam.get("sapo", [])):
            try:
                found = body_el.cssselect(sel)
            except Exception:
                continue
            for el in found:
                if el is not body_el:
                    _drop(el)
        text_paras = paragraphs(body_el)
        if title and text_paras and text_paras[0] == title:
            text_paras = text_paras[1:]
        # The lead is part of what the article says (the event is often only told there), so the
        # text that extraction reads starts with it, once; it is also kept apart as the sapo.
        if sapo and not (text_paras and text_paras[0] == sapo):
            text_paras = [sapo, *text_paras]
        pattern = fam.get("author_last")
        if pattern and text_paras and re.match(pattern, text_paras[-1], re.I):
            byline = text_paras.pop()
            author = author or clean(byline.split(":", 1)[1])
    else:
        extracted = _trafilatura(html, url)
        if extracted:
            text_paras = extracted.get("paragraphs", [])
            title = title or extracted.get("title", "")
            sapo = sapo or extracted.get("description")
            author = author or extracted.get("author")
            raw_date = raw_date or extracted.get("date") or ""
    if not dates.parse(raw_date):
        raw_date = _htmldate(html) or ""

    while text_paras and title and clean(text_paras[0]).casefold() == title.casefold():
        text_paras = text_paras[1:]
    while text_paras and CREDIT_LINE.match(text_paras[-1]):  # "Theo Nhân Dân": a credit, not body text
        text_paras.pop()
    text = "\n\n".join(p for p in text_paras if p)
    if not title:
        return Rejection("parse_error", "no title")
    if len(text) < MIN_TEXT_CHARS:
        return Rejection("parse_error", f"no body text ({len(text)} chars)")
    dt = dates.parse(raw_date)
    published = dates.iso(dt, with_time=dates.has_time(raw_date)) if dt else None
    if author and author.lower() in {"baochinhphu.vn", "báo nhân dân điện tử", "ban biên tập"}:
        author = None
    return ArticleFields(url=canonical, title=title, text=text, sapo=sapo, published=published,
                         author=author, captions=captions, family=fam["name"], encoding=encoding)


CREDIT_LINE = re.compile(r"^(Theo|Nguồn)\s*:?\s*\S.{0,50}$")
CAPTION_LINE = re.compile(r"^(Ảnh|Nguồn ảnh|Ảnh minh họa|Ảnh minh hoạ)\s*:", re.I)


def _is_caption(p) -> bool:
    """A photo caption written as a paragraph: "Ảnh: …", or an all-italic line right after an image."""
    text = _text(p)
    if not text:
        return False
    if CAPTION_LINE.match(text):
        return True
    italic = "".join(e.text_content() for e in p if isinstance(e.tag, str) and e.tag.lower() in ("em", "i"))
    if clean(italic) != text or len(text) > 300:
        return False
    prev = p.getprevious()
    return prev is not None and bool(prev.xpath(".//img") or (isinstance(prev.tag, str) and prev.tag == "img"))


def _generic_title(doc) -> str:
    """The h1 that agrees with og:title/<title> (so not a breadcrumb h1), else the longest h1."""
    heads = [t for t in (_text(h) for h in doc.xpath("//h1")) if t]
    hint = _meta(doc, "og:title") or clean("".join(doc.xpath("//title//text()")))
    hint_cf = hint.casefold().rstrip(". ")
    for h in heads:
        if h.casefold() in hint_cf or hint_cf.rstrip(".").startswith(h.casefold()[:40]):
            return h
    if heads:
        return max(heads, key=len)
    return re.split(r"\s+[|–-]\s+", hint)[0] if hint else ""


def _trafilatura(html: str, url: str) -> dict | None:
    """Body text by trafilatura, for families without selectors; paragraphs split on newlines."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, url=url, include_comments=False, include_tables=False,
                                          favor_precision=True, with_metadata=True)
    except Exception:  # trafilatura raises assorted errors on odd markup
        return None
    if not doc:
        return None
    doc = doc.as_dict() if hasattr(doc, "as_dict") else doc
    text = doc.get("text") or ""
    return {
        "paragraphs": [clean(p) for p in text.split("\n") if clean(p)],
        "title": clean(doc.get("title")),
        "description": clean(doc.get("description")) or None,
        "author": clean(doc.get("author")) or None,
        "date": doc.get("date"),
    }


def _htmldate(html: str) -> str | None:
    from htmldate import find_date

    try:
        return find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:
        return None
