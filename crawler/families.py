"""CMS families as data: URL patterns and CSS selectors, one row per family.

Vietnamese news sites run on a handful of shared CMS templates (see
docs research: VC-style, "zce", "-a<id>.html", provincial portals...).  Each
family is described here once; a source in sources.toml names its family and may
override single selectors.  Code in parse.py and discovery.py reads these rows and
never hard-codes a site.

Keys of a family row:
  article_url   regex (searched in the URL path+query) telling an article from a section page
  skip_url      regex of links that are never articles (tags, topics, pagination...)
  title, sapo, body, date, author, captions   CSS selectors, tried in order (a list)
  date_attr     attribute holding a machine date on the `date` element, if any
  remove        CSS selectors of noise inside the body (related boxes, ads, share bars, players)
  author_last   the body's last paragraph is the byline when it matches this regex
  listing_links CSS selector of article links on listing pages (optional; URL pattern otherwise)
  next_page     CSS selectors of "next page" links on listings
  api           for single-page apps: URL template of the JSON API ({id} from `api_id` regex)
"""
from __future__ import annotations

import re
from typing import Any

# Noise found inside article bodies across families.
COMMON_REMOVE = [
    "script", "style", "noscript", "iframe", "form", "button", "ins",
    "[type=RelatedNewsBox]", ".kbwscwl-relatedbox", ".related-news", ".relate-news", ".box-related",
    ".same", ".c-box", ".ads", ".ads_middle", ".advertisement", "[id^=adsWeb_]", "[id^=AMN_res_]",
    ".share", ".social-share", ".share-bar", ".audio-article", ".select-accent-wrap",
    ".button-dowload-img", ".block_tag", ".tags", ".comment", ".comments",
]

COMMON_CAPTIONS = ["figcaption", ".PhotoCMS_Caption", "td.caption", ".image-caption", ".caption"]

# Links that are never articles: tags, topics and event streams ("Dòng sự kiện"), search, media,
# contact pages, sign-up / log-in / account pages, authors, pagination.
COMMON_SKIP = (r"/(tag|tags|chu-de|topic|topics|su-kien|dong-su-kien|event|events|timelinelist|tim-kiem|search"
               r"|video|podcast|rss|lien-he|gioi-thieu|tac-gia|author|authors|profile|user|account|tai-khoan)/"
               r"|/(dang-ky|dang-nhap|dang-xuat|login|logout|register|signup|sign-up|sign-in|subscribe|"
               r"quen-mat-khau)(?:[/.?]|$)"
               r"|[-/]trang-\d+(\.html?)?$|[-/]page-?\d+(\.html?)?$")

FAMILIES: dict[str, dict[str, Any]] = {
    # baochinhphu.vn, vpcp, xaydungchinhsach, tuoitre, soha: IDs of 10-18 digits in ".htm"
    "vc": {
        "article_url": r"-\d{10,}\.htm$",
        "skip_url": COMMON_SKIP,
        "title": ["h1.detail-title", "[data-role=title]"],
        "sapo": ["h2.detail-sapo", "[data-role=sapo]", ".detail-sapo"],
        "body": ["div.detail-content[data-role=content]", "div.detail-content", ".detail-cmain"],
        "date": ["[data-role=publishdate]", ".detail-time", "p.meta"],
        "author": [".detail-author", "[data-role=author]", ".author-info .name", ".author"],
        "captions": COMMON_CAPTIONS,
        "remove": COMMON_REMOVE + ["figure", ".VCSortableInPreviewMode[type=Photo]"],
        "listing_links": ".box-stream-item a.box-stream-link-title, .box-category-item a, h3 a, h2 a",
        "next_page": ["a.next", "a[rel=next]", ".paging a.next"],
    },
    # nhandan.vn, vietnamplus, sggp, baohatinh, baogialai, baolaocai: "-post<id>.html"
    "zce": {
        "article_url": r"-post\d+\.html$",
        "skip_url": COMMON_SKIP,
        "title": ["h1.article__title", "h1.cms-title"],
        "sapo": ["div.article__sapo", ".cms-desc"],
        "body": ["div.article__body", ".zce-content-body", "[itemprop=articleBody]"],
        "date": [".article__meta time", "time.time", ".article__meta .time"],
        "date_attr": "datetime",
        "author": [".article__author", ".article__meta .author"],
        "captions": COMMON_CAPTIONS,
        "remove": COMMON_REMOVE + ["figure", "table.picture", ".article__tag"],
        "next_page": ["a[rel=next]", ".pagination a.next", "a.next"],
    },
    # baocantho, baobinhduong, baodongthap, baotayninh, baovinhlong: "-a<id>.html"
    "acms": {
        "article_url": r"-a\d+\.html$",
        "skip_url": COMMON_SKIP,
        "title": ["h1.fw700", "#colcate1 h1.title", "h1.detail-title"],
        "sapo": [".detail-desc", ".sapo"],
        "body": ["#newscontents .content-fck", "#contentNews .singular-content", ".content-fck"],
        "date": ["span.pubdate", ".pubdate", ".date-post"],
        "author": [],
        "author_last": r"^(Tin|Bài|Ảnh|Tin, ảnh|Bài, ảnh|Tin và ảnh|Bài và ảnh)\s*:\s*\S.{0,60}$",
        "captions": COMMON_CAPTIONS + ["p[style*=center] > em", "p[align=center] > em"],
        "remove": COMMON_REMOVE + ["figure"],
        "listing_links": "ul.list-block li a.b-title, a.b-title, a.b-img",
        "next_page": ["a.next", "a[rel=next]"],
    },
    # provincial portals (sonla.gov.vn, laichau.gov.vn style): .ArticleHeader/.ArticleContent
    "portal": {
        "article_url": r"/tin-tuc-su-kien/(?:[\w-]+/)*[\w-]+\.html$|/tin-tuc/[\w-]+-\d+$",
        "skip_url": COMMON_SKIP + r"|\?page=|/chuyen-muc/",
        "title": [".ArticleHeader", ".journal-content-article h1", "h1.title"],
        "sapo": [".ArticleSummary", ".journal-content-article .summary"],
        "body": [".ArticleContent", ".journal-content-article", ".asset-full-content"],
        "date": [".PostDate", ".date"],
        "author": [".PostAuthor", ".ArticleAuthor"],
        "captions": COMMON_CAPTIONS,
        "remove": COMMON_REMOVE + ["figure"],
        "listing_links": ".ArticleList .Title a, .ArticleInMenu .Title a",
        "next_page": ["li.page-item a[rel=next]", "a[rel=next]", "li.page-item.next a"],
    },
    # moha.gov.vn: a single-page app whose article comes from a JSON API
    "moha": {
        "article_url": r"/tin-tuc/[\w-]+---id\d+$",
        "skip_url": COMMON_SKIP + r"|/chuyen-muc/",
        "api_id": r"---id(\d+)$",
        "api": "https://api-portal.moha.gov.vn/api/Public/PostDetail?ID={id}",
        "title": ["div.mh-page-header h1"],
        "sapo": ["div.mh-detail-content > div > b", "div.mh-detail-content > b"],
        "body": ["div.mh-detail-body", "div.mh-detail-content"],
        "date": [".mh-detail-date", ".date"],
        "author": [".mh-detail-author"],
        "captions": COMMON_CAPTIONS,
        "remove": COMMON_REMOVE,
        "listing_links": "a[href*='/tin-tuc/']",
        "next_page": ["a[rel=next]"],
    },
    # dangcongsan.vn and other sites: semantic markup, trafilatura does the body
    "generic": {
        "article_url": (r"-\d{5,}\.html?$|-a\d+\.html$|-post\d+\.html$|---id\d+$"
                        r"|/\d{4}/\d{2}/[\w-]{20,}|/[a-z0-9]+(?:-[a-z0-9]+){5,}(?:\.html?)?$"),
        "skip_url": COMMON_SKIP,
        "title": ["h1.detail-title", "h1.article__title", "h1.post-title", "article h1", "h1"],
        "sapo": [".detail-sapo", ".article__sapo", ".post-summary", ".sapo", ".summary"],
        "body": [],
        "date": ["time[datetime]", ".post-subinfo", ".date"],
        "date_attr": "datetime",
        "author": [".author", ".post-author"],
        "captions": COMMON_CAPTIONS,
        "remove": COMMON_REMOVE,
        "next_page": ["a[rel=next]", "a.next"],
    },
}

# Aliases: sources.toml may name the family by its best-known site.
ALIASES = {"chinhphu": "vc", "baochinhphu": "vc", "nhandan": "zce", "baocantho": "acms", "a-id": "acms"}


def get(name: str | None, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The family row for ``name`` (generic when unknown) with a source's selector overrides applied."""
    key = ALIASES.get(name or "generic", name or "generic")
    row = dict(FAMILIES.get(key, FAMILIES["generic"]))
    row["name"] = key if key in FAMILIES else "generic"
    for k, v in (overrides or {}).items():
        base = row.get(k)
        if isinstance(base, list):  # selector lists: the override is tried first, the defaults stay
            new = [v] if isinstance(v, str) else list(v)
            row[k] = new + [sel for sel in base if sel not in new]
        else:
            row[k] = v
    return row


def detect(url: str) -> str | None:
    """The family whose article URL pattern matches ``url``, or None (generic handles it)."""
    for name, row in FAMILIES.items():
        if name == "generic":
            continue
        if re.search(row["article_url"], url.split("#")[0].split("?")[0]):
            return name
    return None
