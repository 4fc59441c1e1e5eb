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
from pathlib import Path
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


_TLD = None


def registered_domain(host: str) -> str:
    """The site a host belongs to, by the public suffix list: sonla.gov.vn and laichau.gov.vn differ.

    tldextract's bundled snapshot only (``suffix_list_urls=()``): the crawler never downloads it.
    An IP address or a single-label host is its own site.
    """
    global _TLD
    host = host.lower().split("@")[-1].split(":")[0].strip(".")
    if not host or re.match(r"^[\d.]+$", host) or "." not in host:
        return host
    if _TLD is None:
        import tldextract

        _TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    ext = _TLD(host)
    if not ext.suffix or not ext.domain:
        return host
    return f"{ext.domain}.{ext.suffix}"


def same_site(a: str, b: str) -> bool:
    """Whether two URLs belong to one site (registered domain under the public suffix list)."""
    ha, hb = urlsplit(a).netloc, urlsplit(b).netloc
    return registered_domain(ha) == registered_domain(hb)


def page_canonical(doc, url: str) -> str:
    """rel=canonical, else og:url, when it stays on the same site and port; else the fetched URL, cleaned.

    rel=canonical first: og:url is often a share link (``/share874982.html``).
    """
    for xp in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        for value in doc.xpath(xp):
            value = value.strip()
            if not value:
                continue
            absolute = urljoin(url, value)
            a, b = urlsplit(absolute), urlsplit(url)
            if a.scheme in ("http", "https") and same_site(absolute, url) and a.port == b.port:
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


# --- noise: blocks that are not the article's own text ------------------------------------------

_NOISE_FILE = Path(__file__).with_name("noise_words.txt")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
NOISE_TAGS = {"div", "section", "aside", "nav", "ul", "ol", "li", "table", "article", "p", "span", "figure",
              "footer", "h2", "h3", "h4", "h5", "h6", "blockquote", "center", "dl"}
LINK_BLOCK_TAGS = {"div", "section", "aside", "nav", "ul", "ol", "table", "article", "p", "li", "center"}


def _load_noise_words() -> tuple[frozenset[str], tuple[str, ...]]:
    parts: set[str] = set()
    inside: list[str] = []
    for line in _NOISE_FILE.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if not word:
            continue
        if word.startswith("~"):
            inside.append(word[1:])
            word = word[1:]
        parts.add(word)
    return frozenset(parts), tuple(inside)


NOISE_PARTS, NOISE_INSIDE = _load_noise_words()


def noise_attribute(el) -> str | None:
    """The class/id/type value that marks ``el`` as noise (see noise_words.txt), or None."""
    for value in [*(el.get("class") or "").split(), el.get("id") or "", el.get("type") or ""]:
        if not value:
            continue
        parts = re.split(r"[^a-z]+", _CAMEL.sub("-", value).lower())
        if any(part in NOISE_PARTS for part in parts):
            return value
        squashed = re.sub(r"[^a-z]", "", value.lower())
        if any(word in squashed for word in NOISE_INSIDE):
            return value
    return None


def _main_chars(el) -> int:
    """Characters of the running text under ``el``: paragraphs of 80+ characters outside links."""
    total = 0
    for p in el.iter("p"):
        t = clean(p.text_content())
        if len(t) >= 80:
            total += len(t) - len(clean("".join(a.text_content() for a in p.iter("a"))))
    return total


def _link_density(el) -> float:
    text = clean(el.text_content())
    if not text:
        return 0.0
    linked = sum(len(clean(a.text_content())) for a in el.iter("a"))
    return min(1.0, linked / len(text))


def remove_noise(root, protect: list | None = None) -> list[str]:
    """Drop related/readmore/promo/byline/share blocks and link lists under ``root``; return what went.

    A block goes when its class, id or type holds a noise word (noise_words.txt), or when it is
    mostly link text (a list of headlines: "Tin nóng", "Bài liên quan", "Xem thêm: …").  A block
    never goes when it holds the headline, one of ``protect`` or 30% of the running text.
    """
    total_main = _main_chars(root) or 1
    guarded: set = set()
    for el in protect or []:
        if el is not None:
            guarded.update(el.iterancestors())
            guarded.add(el)
    for h1 in root.iter("h1"):
        guarded.update(h1.iterancestors())
        guarded.add(h1)
    removed: list[str] = []
    candidates = []
    for el in root.iter():
        if el is root or not isinstance(el.tag, str) or el in guarded:
            continue
        tag = el.tag.lower()
        if tag not in NOISE_TAGS:
            continue
        why = noise_attribute(el)
        if not why and tag in LINK_BLOCK_TAGS and el.find(".//a") is not None:
            text = clean(el.text_content())
            if text and _link_density(el) >= (0.9 if tag in ("p", "li") else 0.75):
                why = "links"
        if why:
            candidates.append((el, why))
    gone: set = set()
    for el, why in candidates:
        if any(a in gone for a in el.iterancestors()):
            continue
        if _main_chars(el) >= 0.3 * total_main and total_main > 1:
            continue
        text = _text(el)
        _drop(el)
        gone.add(el)
        if text:
            removed.append(f"{why}: {text[:80]}")
    return removed


# Closing credits and bylines that end a body: "Tin, ảnh: P.Y", "Hà Thu (tổng hợp)", "THUẬN VĂN".
BYLINE = re.compile(r"^(?:(?:Tin|Bài|Ảnh|Tin, ảnh|Bài, ảnh|Tin và ảnh|Bài và ảnh|Thực hiện|Nhóm phóng viên)"
                    r"\s*:\s*\S.{0,60}|[^.!?:;]{2,40}\((?:tổng hợp|TH|theo [^)]{1,40})\))$", re.I)


def is_byline(text: str) -> bool:
    """A body's last line that names the writer rather than saying something."""
    text = clean(text)
    if not text or len(text) > 70:
        return False
    if BYLINE.match(text):
        return True
    words = text.replace("-", " ").split()
    # A bare name: one to five capitalized words (or initials such as "P.Y"), no sentence punctuation.
    return 1 <= len(words) <= 5 and not re.search(r"[,;:!?]|\.\s|\.$", text) and \
        all(w[0].isupper() or not w[0].isalpha() for w in words) and len(text) <= 40


# --- date of the article itself -----------------------------------------------------------------

_DATE_CLASS = re.compile(r"date|time|publish|pubdate|post-?time|ngay", re.I)


def _date_candidates(doc, fam: dict, ld: dict, title_el) -> list[str]:
    """Publication date strings in the order they are trusted: the page's own metadata
    (article:published_time, JSON-LD datePublished), the article's <time datetime>, the family's
    date element, then the first date written after the headline.  Sidebars come last or never."""
    out: list[str] = []
    out.append(_meta(doc, "article:published_time", "datePublished", "pubdate", "publishdate",
                     "dc.date.issued", "dc.date"))
    out.append(clean(str(ld.get("datePublished") or "")))
    scopes = [el for el in (title_el.getparent() if title_el is not None else None,
                            title_el.getparent().getparent() if title_el is not None and
                            title_el.getparent() is not None else None) if el is not None]
    for scope in scopes:
        for t in scope.iter("time"):
            if t.get("datetime"):
                out.append(t.get("datetime"))
                break
    date_el = _first(doc, fam.get("date", []))
    if date_el is not None:
        if fam.get("date_attr") and date_el.get(fam["date_attr"]):
            out.append(date_el.get(fam["date_attr"]))
        out.append(_text(date_el))
    if title_el is not None:
        seen = 0
        for el in title_el.itersiblings():
            for sub in el.iter():
                if not isinstance(sub.tag, str):
                    continue
                cls = (sub.get("class") or "") + " " + (sub.get("id") or "")
                if _DATE_CLASS.search(cls) or sub.tag == "time":
                    t = sub.get("datetime") or _text(sub)
                    if t and len(t) < 80:
                        out.append(t)
            seen += 1
            if seen >= 4:
                break
    return [c for c in out if c]


def pick_date(candidates: list[str]) -> tuple[str, bool]:
    """The first readable candidate; when it has no time of day, a later one of the same day lends
    its time.  Returns (ISO string or "", has_time)."""
    first = None
    for raw in candidates:
        dt = dates.parse(raw)
        if dt is None:
            continue
        timed = dates.has_time(raw)
        if first is None:
            first = (dt, timed)
            if timed:
                break
        elif timed and dt.date() == first[0].date():
            first = (dt, True)
            break
    if first is None:
        return "", False
    return dates.iso(first[0], with_time=first[1]), first[1]


# --- the lead -----------------------------------------------------------------------------------

LEAD_WORDS = frozenset(w for w in (line.split("#", 1)[0].strip().lower() for line in
                                   Path(__file__).with_name("lead_words.txt").read_text(encoding="utf-8").splitlines())
                       if w)


def _lead_by_class(doc, title_el):
    """The first element after the headline whose class/id names it a lead (lead_words.txt)."""
    if title_el is None:
        return None
    passed = False
    seen = 0
    for el in doc.iter():
        if el is title_el:
            passed = True
            continue
        if not passed or not isinstance(el.tag, str):
            continue
        seen += 1
        if seen > 400:
            return None
        names = [*(el.get("class") or "").split(), el.get("id") or ""]
        parts = {p for v in names for p in re.split(r"[^a-z]+", _CAMEL.sub("-", v).lower()) if p}
        if parts & LEAD_WORDS and not noise_attribute(el):
            t = _text(el)
            if 40 <= len(t) <= 1500:
                return el
    return None



def _visible_lead(doc, description: str, title: str):
    """The element a reader sees as the lead: its text is the meta description (or starts it)."""
    if not description or len(description) < 40:
        return None
    probe = description.rstrip(". …").rstrip(".")[:60].casefold()
    for el in doc.xpath("//body//*[self::p or self::h2 or self::div or self::span or self::strong]"):
        t = _text(el)
        if 40 <= len(t) <= 1500 and t.casefold().startswith(probe) and t.casefold() != title.casefold():
            # the innermost element holding it
            inner = [c for c in el if isinstance(c.tag, str) and _text(c).casefold().startswith(probe)]
            return inner[0] if inner and len(_text(inner[0])) >= 0.8 * len(t) else el
    return None


def lead_first(paras: list[str], lead: str | None) -> list[str]:
    """The lead at the start of the text, once: dropped where the body repeats it, then prepended."""
    if not lead:
        return paras
    key = clean(lead).casefold()
    return [clean(lead), *(p for p in paras if clean(p).casefold() != key)]


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
    title_el = _first(doc, fam["title"]) if own_title else None
    title = _text(title_el) if own_title else _generic_title(doc)
    if not title:  # the family's selector missed (a moved template): the page's own h1, then metadata
        title = _generic_title(doc) or _meta(doc, "og:title") or clean(ld.get("headline"))
    if title_el is None and title:
        title_el = _element_with_text(doc, title)
    description = _meta(doc, "og:description", "description") or clean(str(ld.get("description") or ""))
    sapo_el = _first(doc, fam.get("sapo", []))
    if sapo_el is None:
        sapo_el = _lead_by_class(doc, title_el)
    if sapo_el is None:
        sapo_el = _visible_lead(doc, description, title)
    sapo = _text(sapo_el) or None
    author_el = _first(doc, fam.get("author", []))
    author = _text(author_el) or None

    # Date: the article's own metadata first, then its <time datetime>, then visible text near the title.
    raw_date, _timed = pick_date(_date_candidates(doc, fam, ld, title_el))

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
        remove_noise(body_el)
        text_paras = paragraphs(body_el)
        if title and text_paras and text_paras[0] == title:
            text_paras = text_paras[1:]
    else:
        for el in doc.xpath("//script|//style|//noscript|//template"):
            _drop(el)
        body = doc.find("body")
        if body is not None:
            for el in list(body.iter("p")):
                if _is_caption(el):
                    t = _text(el)
                    if t and t not in captions:
                        captions.append(t)
                    _drop(el)
            remove_noise(body, protect=[title_el, sapo_el])
        extracted = _trafilatura(lxml.html.tostring(doc, encoding="unicode"), url)
        if extracted:
            text_paras = extracted.get("paragraphs", [])
            title = title or extracted.get("title", "")
            author = author or extracted.get("author")
            if not raw_date and extracted.get("date"):
                raw_date, _timed = pick_date([extracted["date"]])
    if not raw_date:
        raw_date, _timed = pick_date([_htmldate(html) or ""])

    while text_paras and title and clean(text_paras[0]).casefold() == title.casefold():
        text_paras = text_paras[1:]
    # The lead is part of what the article says (the event is often only told there), so the text
    # that extraction reads starts with it, once, whichever path parsed the page; it is also kept
    # apart as the sapo.
    text_paras = lead_first(text_paras, sapo)
    while text_paras and (CREDIT_LINE.match(text_paras[-1]) or is_byline(text_paras[-1])):
        line = text_paras.pop()  # "Theo Nhân Dân", "Tin, ảnh: P.Y", "Hà Thu (tổng hợp)": credits
        if ":" in line and not author:
            author = clean(line.split(":", 1)[1]) or None
    pattern = fam.get("author_last")
    if pattern and text_paras and re.match(pattern, text_paras[-1], re.I):
        byline = text_paras.pop()
        author = author or clean(byline.split(":", 1)[1])
    text = "\n\n".join(p for p in text_paras if p)
    if not title:
        return Rejection("parse_error", "no title")
    if len(text) < MIN_TEXT_CHARS:
        return Rejection("parse_error", f"no body text ({len(text)} chars)")
    published = raw_date or None
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


def _element_with_text(doc, text: str):
    """The innermost element of the body whose whole text is ``text`` (the visible headline)."""
    want = clean(text).casefold()
    for el in doc.xpath("//body//*[self::h1 or self::h2 or self::div or self::p or self::span or self::header]"):
        if _text(el).casefold() == want:
            inner = [c for c in el.iter() if c is not el and isinstance(c.tag, str) and _text(c).casefold() == want]
            return inner[-1] if inner else el
    return None


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
