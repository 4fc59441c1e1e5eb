"""Datasette plugin for the insight pages: a happening across outlets, an official's career,
a document's reach.  Charts are SVG made on the server (web/charts.py), so the pages
work offline and without JavaScript.  Reads go through store like every other page.
"""
from __future__ import annotations

from urllib.parse import quote, unquote

import sqlite_utils
from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup

import store  # noqa: E402
from insight import registry  # noqa: E402
from web import charts  # noqa: E402

EVENT_LABELS = {"training": "Tập huấn", "conference": "Hội nghị", "council_session": "Kỳ họp",
                "meeting": "Làm việc", "inspection": "Kiểm tra, giám sát", "visit": "Thăm, tặng quà",
                "ceremony": "Lễ", "issuance": "Ban hành văn bản", "interview": "Phỏng vấn", "other": "Sự kiện"}


async def _read(datasette, fn):
    return await datasette.get_database().execute_fn(lambda conn: fn(sqlite_utils.Database(conn,
                                                                                            execute_plugins=False)))


def _has_insight(db) -> bool:
    return "clusters" in db.table_names()


async def _render(datasette, request, template, context):
    context = dict(context, labels=EVENT_LABELS, quote=quote, database=datasette.get_database().name)
    return Response.html(await datasette.render_template(template, context, request=request))


async def cluster_page(request, datasette):
    key = request.url_vars["key"]
    found = await _read(datasette, lambda db: store.cluster(db, key) if _has_insight(db) else None)
    if found is None:
        return Response.html(f"No cluster {Markup.escape(key)}", status=404)
    return await _render(datasette, request, "vnpolicy_cluster.html",
                         {"c": found, "chart": Markup(charts.reports_timeline(found["sources"]))})


async def person_page(request, datasette):
    raw = request.url_vars.get("id")
    name = (request.args.get("name") or "").strip()
    if raw is not None:
        persons = await _read(datasette, lambda db: registry.persons(db, pid=raw) if _has_insight(db) else [])
        if not persons:
            return Response.html(f"No person {Markup.escape(raw)}", status=404)
    else:
        persons = await _read(datasette, lambda db: registry.persons(db, name)
                              if name and _has_insight(db) else [])
    for p in persons:
        p["chart"] = Markup(charts.career_timeline(p["positions"], today=store.now()[:10]))
    return await _render(datasette, request, "vnpolicy_person.html", {"persons": persons, "name": name,
                                                                      "single": raw is not None})


async def document_page(request, datasette):
    # The path form (/-/document/1719/QĐ-TTg) reaches us percent-encoded as the browser sent it.
    number = unquote(request.url_vars.get("number") or "") or request.args.get("number") or ""
    if not number.strip():
        return Response.html("Give a document number: /-/document?number=1719/QĐ-TTg", status=400)
    doc = await _read(datasette, lambda db: store.document_reach(db, number) if _has_insight(db) else None)
    if doc is None:
        return Response.html(f"No document {Markup.escape(number)}", status=404)
    return await _render(datasette, request, "vnpolicy_document.html", {
        "doc": doc, "by_month": Markup(charts.citations_by_month(doc["citations"])),
        "by_province": Markup(charts.citations_by_province(doc["citations"]))})


@hookimpl
def register_routes():
    return [
        (r"^/-/cluster/(?P<key>[A-Za-z0-9-]+)$", cluster_page),
        (r"^/-/person/(?P<id>[^/]+)$", person_page),
        (r"^/-/person$", person_page),
        (r"^/-/document/(?P<number>.+)$", document_page),
        (r"^/-/document$", document_page),
    ]


@hookimpl
def menu_links(datasette):
    return [{"href": datasette.urls.path("/-/person"), "label": "Officials' careers"}]
