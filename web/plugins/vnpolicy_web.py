"""Datasette plugin for vnpolicy: SQL helpers, the search page, the article page, the Atom feed.

Loaded through `--plugins-dir`; store.py does the matching and folding so the web, the
CLI and Python sessions agree.  All article text is HTML-escaped (markupsafe) before
`<mark>` tags are added around mentions.
"""
from __future__ import annotations

import sys
from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `datasette serve --plugins-dir` outside the project
    sys.path.insert(0, str(ROOT))

import sqlite_utils  # noqa: E402

import store  # noqa: E402

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


async def article_page(request, datasette):
    try:
        article_id = int(request.url_vars["id"])
    except (KeyError, ValueError):
        return Response.html("Bad article id", status=400)
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
    q = (request.args.get("q") or "").strip()
    province = (request.args.get("province") or "").strip() or None
    try:
        limit = max(1, min(int(request.args.get("limit") or 50), 500))
    except ValueError:
        limit = 50
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
    try:
        from monitor.feed import build_feed
    except ImportError:
        return Response.text("Atom feed not available in this installation", status=404)
    args = {k: (request.args.get(k) or None) for k in ("province", "type", "official", "document", "since")}
    xml = await _db(datasette).execute_fn(
        lambda conn: build_feed(sqlite_utils.Database(conn, execute_plugins=False),
                                self_url=datasette.absolute_url(request, request.full_path), **args))
    return Response(xml, content_type="application/atom+xml; charset=utf-8")


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
