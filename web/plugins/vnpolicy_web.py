"""Datasette plugin for vnpolicy: SQL helpers, the search page, the article page, the Atom feed.

Loaded through `--plugins-dir`; store.py does the matching and folding so the web, the
CLI and Python sessions agree.  All article text is HTML-escaped (markupsafe) before
`<mark>` tags are added around mentions.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `datasette serve --plugins-dir` outside the project
    sys.path.insert(0, str(ROOT))

import sqlite_utils  # noqa: E402

import store  # noqa: E402

MAX_QUERY_LENGTH = 500
MENTION_KINDS = ("province", "official", "title", "organization", "document", "date", "event")


def _fts_folded(q):
    match = store.fts_query(q or "", folded=True)
    return f"search_folded : ({match})" if match else 'search_folded : "\x01"'


@hookimpl
def prepare_connection(conn):
    conn.create_function("vn_fold", 1, store.fold, deterministic=True)
    conn.create_function("vn_doc_key", 1, store.document_key, deterministic=True)
    conn.create_function("vn_fts", 1, _fts_folded, deterministic=True)


def _db(datasette):
    return datasette.get_database()


def highlight(text: str, mentions: list[dict]) -> Markup:
    """Text with non-overlapping mentions wrapped in <mark class="mention-KIND">, everything escaped."""
    out, pos = [], 0
    for m in sorted(mentions, key=lambda m: (m.get("start") or 0, -(m.get("end") or 0))):
        start, end = m.get("start"), m.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or start < pos or end > len(text) or end <= start:
            continue
        kind = m.get("kind") if m.get("kind") in MENTION_KINDS else "other"
        out.append(escape(text[pos:start]))
        out.append(Markup('<mark class="mention-{}" title="{}">{}</mark>').format(
            kind, kind, escape(text[start:end])))
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


SQLITE_MAX_INT = 2**63 - 1


def bad_request(message: str) -> Response:
    """HTTP 400 with a one-line, escaped message: bad input is the client's, never a 500."""
    return Response.html(str(Markup("<!DOCTYPE html><title>Bad request</title><p>{}</p>").format(message)),
                         status=400)


async def article_page(request, datasette):
    raw = request.url_vars.get("id", "")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 19 or int(raw) > SQLITE_MAX_INT:
        return bad_request(f"Bad article id {raw[:40]!r}: a whole number is expected")
    article_id = int(raw)
    article, mentions = await _db(datasette).execute_fn(
        lambda conn: store.article_with_mentions(sqlite_utils.Database(conn, execute_plugins=False), article_id))
    if article is None:
        return Response.html(f"No article {article_id}", status=404)
    body = highlight(article["text"] or "", mentions)
    paragraphs = [Markup(p) for p in str(body).split("\n") if p.strip()]
    counts: dict[str, int] = {}
    for m in mentions:
        counts[m["kind"]] = counts.get(m["kind"], 0) + 1
    return Response.html(await datasette.render_template(
        "vnpolicy_article.html",
        {"article": article, "paragraphs": paragraphs, "mentions": mentions, "counts": counts,
         "database": _db(datasette).name},
        request=request))


async def search_page(request, datasette):
    from monitor.feed import FilterError, check_filter

    q = (request.args.get("q") or "").strip()
    if len(q) > MAX_QUERY_LENGTH:
        return bad_request(f"q: too long ({len(q)} characters; at most {MAX_QUERY_LENGTH})")
    if "\x00" in q:
        return bad_request("q: control characters are not allowed")
    try:
        province = check_filter("province", request.args.get("province"))
    except FilterError as exc:
        return bad_request(str(exc))
    try:
        limit = max(1, min(int(request.args.get("limit") or 50), 500))
    except ValueError:
        return bad_request("limit: a whole number is expected")
    hits = []
    if q:
        hits = await _db(datasette).execute_fn(
            lambda conn: store.search(sqlite_utils.Database(conn, execute_plugins=False), q, limit=limit,
                                      province=province))
    for hit in hits:
        hit["snippet_html"] = Markup("").join(
            Markup("<mark>{}</mark>").format(p) if marked else escape(p) for p, marked in hit["pieces"])
    return Response.html(await datasette.render_template(
        "vnpolicy_search.html", {"q": q, "province": province or "", "hits": hits}, request=request))


async def feed(request, datasette):
    from monitor.feed import FilterError, build_feed, check_filter
    from query.dates import DateError, iso

    try:
        args = {k: check_filter(k, request.args.get(k)) for k in ("province", "type", "official", "document")}
        args["since"] = iso(request.args.get("since"), "since")
    except (FilterError, DateError) as exc:
        return bad_request(str(exc))
    xml = await _db(datasette).execute_fn(
        lambda conn: build_feed(sqlite_utils.Database(conn, execute_plugins=False),
                                self_url=datasette.absolute_url(request, request.full_path), **args))
    return Response(xml, content_type="application/atom+xml; charset=utf-8")


# URL parameters that hold a date, on every page: the feed's `since`, the canned
# queries' `start`/`end`, and the `date` column filters of the tables and views.
DATE_PARAMS = re.compile(r"since|start|end|date(__(exact|not|gt|gte|lt|lte))?")


def normalize_query_string(query_string: bytes) -> tuple[bytes | None, str | None]:
    """(query string with every date parameter rewritten to ISO, None) or (None, one-line error).

    One parser (query.dates) reads dates everywhere, so `?start=01/07/2025` and
    `?date__gte=2025-7-1` mean 1 July 2025 and `?since=notadate` is a 400, not a 500.
    """
    from query.dates import DateError, parse_date

    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True, errors="replace")
    changed, out = False, []
    for key, value in pairs:
        if DATE_PARAMS.fullmatch(key) and value.strip():
            try:
                iso_value = parse_date(value, key).isoformat()
            except DateError as exc:
                return None, str(exc)
            if iso_value != value:
                changed, value = True, iso_value
        out.append((key, value))
    if not changed:
        return query_string, None
    return urlencode(out).encode("ascii"), None


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def checked(scope, receive, send):
            if scope.get("type") == "http" and scope.get("query_string"):
                query_string, error = normalize_query_string(scope["query_string"])
                if error:
                    await bad_request(error).asgi_send(send)
                    return
                if query_string != scope["query_string"]:
                    scope = dict(scope, query_string=query_string)
            await app(scope, receive, send)
        return checked
    return wrap


@hookimpl
def register_routes():
    return [
        (r"^/-/article/(?P<id>[^/]+)$", article_page),
        (r"^/-/search$", search_page),
        (r"^/-/feed\.atom$", feed),
    ]


@hookimpl
def menu_links(datasette):
    return [{"href": datasette.urls.path("/-/search"), "label": "Search articles"}]
