"""The extractors as registered spaCy components.

Each component reads the normalized view of the text that the tokenizer left
on the Doc (`doc._.vnp_norm`), runs one pure extractor over it, keeps the raw
results on a Doc extension for the record builder and exposes them as spans
over the original text: `doc.spans["provinces"]`, `["dates"]`, `["documents"]`,
`["officials"]`, `["titles"]`, `["events"]`, and the non-overlapping ones as
`doc.ents` (PER, LOC, LAW, DATE).  Article metadata (published date, title)
rides on `doc._.vnp_meta`, set by `nlp.make_article_doc`.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import dates as dates_mod
from . import documents as documents_mod
from . import events as events_mod
from . import officials as officials_mod
from . import provinces as provinces_mod

for _name in ("vnp_norm", "vnp_meta", "vnp_provinces", "vnp_dates", "vnp_datelines", "vnp_documents",
              "vnp_officials", "vnp_events", "vnp_context_province", "vnp_context_year"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Span.has_extension("vnp_value"):
    Span.set_extension("vnp_value", default=None)


def published_date(meta: dict | None) -> dt.date | None:
    raw = (meta or {}).get("published")
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(str(raw)[:10])
    except ValueError:
        return None


def _span(doc: Doc, start: int, end: int, label: str, value=None) -> Span | None:
    """A span over the original text for a normalized [start, end)."""
    o_start, o_end = doc._.vnp_norm.span(start, end)
    span = doc.char_span(o_start, o_end, label=label, alignment_mode="expand")
    if span is not None and value is not None:
        span._.vnp_value = value
    return span


def _set_spans(doc: Doc, key: str, spans) -> None:
    doc.spans[key] = [s for s in spans if s is not None]


@Language.component("vnp_provinces")
def provinces_component(doc: Doc) -> Doc:
    text = doc._.vnp_norm.text
    mentions = provinces_mod.find_provinces(text)
    doc._.vnp_provinces = mentions
    counted = [m for m in mentions if getattr(m, "counted", True)]
    # The article's own province: the most named one, the first on a tie.
    counts = Counter(getattr(m, "key", m.name) for m in counted)
    first_name = {}
    for i, m in enumerate(counted):
        first_name.setdefault(getattr(m, "key", m.name), (i, m.name))
    doc._.vnp_context_province = (first_name[max(counts, key=lambda k: (counts[k], -first_name[k][0]))][1]
                                  if counts else None)
    _set_spans(doc, "provinces", [_span(doc, m.start, m.end, "LOC", m.name) for m in counted])
    return doc


_TITLE_YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20[0-4]\d)(?!\d)")


def context_year(meta: dict | None, text: str) -> int | None:
    """The year a day-and-month date belongs to: publication, else the title's year."""
    published = published_date(meta)
    if published:
        return published.year
    title = (meta or {}).get("title") or ""
    years = _TITLE_YEAR.findall(title)
    if len(set(years)) == 1:
        return int(years[0])
    return None


@Language.component("vnp_dates")
def dates_component(doc: Doc) -> Doc:
    text = doc._.vnp_norm.text
    meta = doc._.vnp_meta or {}
    year = context_year(meta, text)
    doc._.vnp_context_year = year
    mentions = dates_mod.find_dates(text, published_date(meta), year)
    doc._.vnp_dates = mentions
    doc._.vnp_datelines = dates_mod.dateline_spans(text)
    _set_spans(doc, "dates", [_span(doc, m.start, m.end, "DATE", m.value) for m in mentions])
    return doc


@Language.component("vnp_documents")
def documents_component(doc: Doc) -> Doc:
    text = doc._.vnp_norm.text
    mentions = documents_mod.find_documents(text, published_date(doc._.vnp_meta))
    doc._.vnp_documents = mentions
    _set_spans(doc, "documents", [_span(doc, m.start, m.end, "LAW", m.number) for m in mentions])
    return doc


@Language.component("vnp_officials")
def officials_component(doc: Doc) -> Doc:
    text = doc._.vnp_norm.text
    people = officials_mod.find_officials(text, doc._.vnp_context_province)
    doc._.vnp_officials = people
    names, titles = [], []
    for person in people:
        for start, end in person.mentions:
            names.append(_span(doc, start, end, "PER", person.name))
        for pos in person.positions:
            if getattr(pos, "end", 0) > getattr(pos, "start", 0):
                titles.append(_span(doc, pos.start, pos.end, "TITLE",
                                    {"title": pos.title, "organization": pos.organization}))
    _set_spans(doc, "officials", names)
    _set_spans(doc, "titles", titles)
    return doc


@Language.component("vnp_events")
def events_component(doc: Doc) -> Doc:
    text = doc._.vnp_norm.text
    meta = doc._.vnp_meta or {}
    docs = doc._.vnp_documents or []
    doc_spans = [(d.start, d.end) for d in docs]
    full_dates = []
    datelines = doc._.vnp_datelines or []
    for d in doc._.vnp_dates or []:
        if d.kind not in ("full", "day_month", "relative", "weekday") or not d.value:
            continue
        if any(s <= d.start < e for s, e in datelines):
            continue  # the page's own dateline is not when the event happened
        d.in_document = any(s <= d.start < e for s, e in doc_spans)
        full_dates.append(d)
    counted = [p for p in doc._.vnp_provinces or [] if getattr(p, "counted", True)]
    found = events_mod.find_events(text, meta.get("title"), full_dates, docs, counted,
                                   doc._.vnp_officials or [], meta.get("published"))
    doc._.vnp_events = found
    _set_spans(doc, "events", [_span(doc, ev.start, ev.end, ev.type.upper(), ev.to_dict())
                               for ev in found if ev.end > ev.start])
    ents = [s for key in ("officials", "provinces", "documents", "dates") for s in doc.spans.get(key, [])]
    doc.ents = filter_spans(ents)
    return doc


PIPE_NAMES = ("vnp_provinces", "vnp_dates", "vnp_documents", "vnp_officials", "vnp_events")
