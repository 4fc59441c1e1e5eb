"""Datasette plugin for vnpolicy: SQL helpers, the home, province, search and article pages,
the Atom feed, readable table cells, and parameter checks.

Registered through the `datasette` entry point in pyproject.toml (`vnpolicy serve`
also registers it when the checkout is not installed).  store does the matching and
folding so the web, the CLI and Python sessions agree.  All article text is
HTML-escaped (markupsafe) before `<mark>` tags are added around mentions.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode

import sqlite_utils
from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

import store
from query.display import short_date, short_url
from web import charts

STATIC = Path(__file__).resolve().parents[1] / "static"

MAX_QUERY_LENGTH = 500
MENTION_KINDS = ("province", "official", "title", "organization", "document", "date", "event")


def _fts_folded(q):
    match = store.fts_query(q or "", folded=True)
    return match or '"\x01"'


@hookimpl
def prepare_connection(conn):
    conn.create_function("vn_fold", 1, store.fold, deterministic=True)
    conn.create_function("vn_doc_key", 1, store.document_key, deterministic=True)
    conn.create_function("vn_fts", 1, _fts_folded, deterministic=True)
    store.register_unpack_functions(conn)  # vn_record, vn_mentions: the mentions and records_view views


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
    article = dict(article, short_url=short_url(article.get("url"), 60),
                   published_date=short_date(article.get("published")))
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
        hit["published_date"] = short_date(hit.get("published"))
        hit["short_url"] = short_url(hit.get("url"))
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


# Columns a table page leaves out unless the URL names its columns (?_col= / ?_nocol=):
# internal keys that would push the table past 1,400 px.  JSON and CSV keep every column.
DEFAULT_HIDDEN_COLUMNS = {
    "events_view": ("event_key", "event_id", "main", "cluster", "sources"),
    "articles": ("text", "sapo", "captions", "raw_html_gz", "simhash", "sim_b0", "sim_b1",
                 "sim_b2", "sim_b3", "content_hash", "canonical_url", "ext_id"),
}
_TABLE_PAGE = re.compile(r"^/[^/]+/(?P<table>[A-Za-z_]+)$")


def default_columns(path: str, query_string: bytes) -> bytes:
    match = _TABLE_PAGE.match(path or "")
    hidden = DEFAULT_HIDDEN_COLUMNS.get(match.group("table")) if match else None
    if not hidden:
        return query_string
    keys = {k for k, _ in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)}
    if keys & {"_col", "_nocol"}:
        return query_string
    extra = urlencode([("_nocol", c) for c in hidden]).encode("ascii")
    return query_string + b"&" + extra if query_string else extra


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def checked(scope, receive, send):
            if scope.get("type") == "http":
                query_string, error = normalize_query_string(scope.get("query_string") or b"")
                if error:
                    await bad_request(error).asgi_send(send)
                    return
                query_string = default_columns(scope.get("path", ""), query_string)
                if query_string != scope.get("query_string"):
                    scope = dict(scope, query_string=query_string)
            await app(scope, receive, send)
        return checked
    return wrap


def _sdb(conn):
    return sqlite_utils.Database(conn, execute_plugins=False)


def _with_short_urls(events: list[dict]) -> list[dict]:
    for event in events:
        event["short_url"] = short_url(event.get("url"), 32)
        event["date"] = short_date(event.get("date"))
    return events


def _province_href(datasette):
    return lambda name: datasette.urls.path("/-/province/" + quote(name, safe=""))


async def home_page(request, datasette):
    def load(conn):
        db = _sdb(conn)
        return (store.events_per_month(db), store.events_per_province(db, limit=20), store.event_list(db, limit=15),
                *store.event_totals(db))

    months, provinces, events, total_events, total_articles = await _db(datasette).execute_fn(load)
    return Response.html(await datasette.render_template("vnpolicy_home.html", {
        "database": _db(datasette).name, "events": _with_short_urls(events),
        "total_events": total_events, "total_articles": total_articles, "extra_pages": [],
        "month_chart": charts.month_bars(months),
        "province_chart": charts.province_bars(provinces, title="Events per province (top 20)",
                                               href=_province_href(datasette)),
    }, request=request))


async def provinces_page(request, datasette):
    months, provinces = await _db(datasette).execute_fn(
        lambda conn: (store.events_per_month(_sdb(conn)), store.events_per_province(_sdb(conn), limit=200)))
    return Response.html(await datasette.render_template("vnpolicy_provinces.html", {
        "database": _db(datasette).name, "province": None,
        "province_chart": charts.province_bars(provinces, href=_province_href(datasette)),
        "month_chart": charts.month_bars(months, title="Events per month, all provinces"),
    }, request=request))


async def province_page(request, datasette):
    from monitor.feed import FilterError, check_filter

    try:
        province = check_filter("province", unquote(request.url_vars.get("name") or "", errors="replace"))
    except FilterError as exc:
        return bad_request(str(exc))
    if not province:
        return bad_request("province: a name is expected")
    months, events = await _db(datasette).execute_fn(
        lambda conn: (store.events_per_month(_sdb(conn), province), store.event_list(_sdb(conn), province, 200)))
    if not months and not events:
        return Response.html(str(Markup("<!DOCTYPE html><title>Not found</title><p>No events in {}</p>").format(
            province)), status=404)
    return Response.html(await datasette.render_template("vnpolicy_provinces.html", {
        "database": _db(datasette).name, "province": province, "events": _with_short_urls(events),
        "total": sum(n for _, n in months) or len(events),
        "month_chart": charts.month_bars(months, title=f"Events per month in {province}"),
    }, request=request))


async def stylesheet(request, datasette):
    return Response((STATIC / "vnpolicy.css").read_text("utf-8"), content_type="text/css; charset=utf-8",
                    headers={"Cache-Control": "max-age=300"})


@hookimpl
def extra_css_urls():
    return ["/-/vnpolicy.css"]


# Columns holding a URL, and the column of the article they belong to (for the link to its page).
URL_COLUMNS = {"url", "canonical_url", "homepage", "event_key"}
DATE_COLUMNS = {"date", "published", "updated", "created", "fetched", "at", "started", "finished"}


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Readable cells: titles link to the highlighted article page, URLs shortened, time stamps as dates."""
    if not isinstance(value, str) or not value:
        return None
    keys = row.keys() if hasattr(row, "keys") else []
    article_key = "article_id" if "article_id" in keys else "id" if table == "articles" and "id" in keys else None
    if column == "title" and article_key and isinstance(row[article_key], int):
        return Markup('<a href="{}">{}</a>').format(datasette.urls.path(f"/-/article/{row[article_key]}"), value)
    if column in URL_COLUMNS and value.startswith(("http://", "https://")):
        return Markup('<a href="{}" title="{}" rel="nofollow">{}</a>').format(value, value, short_url(value, 36))
    if column == "article_urls":
        return Markup(" ").join(Markup('<a href="{}" title="{}" rel="nofollow">{}</a>').format(
            u, u, short_url(u, 36)) for u in value.split() if u.startswith(("http://", "https://")))
    if column in DATE_COLUMNS and re.match(r"\d{4}-\d{2}-\d{2}[T ]", value):
        return Markup('<span title="{}">{}</span>').format(value, short_date(value))
    return None


@hookimpl
def register_routes():
    return [
        (r"^/$", home_page),
        (r"^/-/provinces$", provinces_page),
        (r"^/-/province/(?P<name>[^/]+)$", province_page),
        (r"^/-/vnpolicy\.css$", stylesheet),
        (r"^/-/article/(?P<id>[^/]+)$", article_page),
        (r"^/-/search$", search_page),
        (r"^/-/feed\.atom$", feed),
    ]


@hookimpl
def menu_links(datasette):
    return [{"href": datasette.urls.path("/"), "label": "Home"},
            {"href": datasette.urls.path("/-/search"), "label": "Search articles"},
            {"href": datasette.urls.path("/-/provinces"), "label": "Provinces"}]
