"""The extractors as registered spaCy components.

Each component reads the normalized view of the text that the tokenizer left
on the Doc (`doc._.vnp_norm`), runs one pure extractor over it and keeps the raw
results on a Doc extension for the record builder.  The last one, `vnp_spans`,
exposes them as spans over the original text: `doc.spans["provinces"]`,
`["dates"]`, `["documents"]`, `["officials"]`, `["titles"]`, `["events"]`, and the
non-overlapping ones as `doc.ents` (PER, LOC, LAW, DATE).  Each span has exactly
the offsets of its stored mention: where underthesea joined a word across a
mention's edge, the token is cut there (no span grows to whole tokens).  Article metadata (published date, title)
rides on `doc._.vnp_meta`, set by `nlp.make_article_doc`.
"""
from __future__ import annotations

import bisect
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

for _name in ("vnp_norm", "vnp_original", "vnp_starts", "vnp_meta", "vnp_provinces", "vnp_dates", "vnp_datelines", "vnp_documents",
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
    return doc


_TITLE_YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20[0-4]\d)(?!\d)")


_PARTIAL_PUBLISHED = re.compile(r"((?:19|20)\d\d)(?:-\d\d?)?")


def context_year(meta: dict | None, text: str) -> int | None:
    """The year a day-and-month date belongs to: publication (also when the page showed only its
    month or year, "2025-07"), else the title's year."""
    published = published_date(meta)
    if published:
        return published.year
    partial = _PARTIAL_PUBLISHED.fullmatch(str((meta or {}).get("published") or "").strip())
    if partial:
        return int(partial.group(1))
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
    return doc


@Language.component("vnp_documents")
def documents_component(doc: Doc) -> Doc:
    text = doc._.vnp_norm.text
    mentions = documents_mod.find_documents(text, published_date(doc._.vnp_meta))
    doc._.vnp_documents = mentions
    return doc


@Language.component("vnp_officials")
def officials_component(doc: Doc) -> Doc:
    text = doc._.vnp_norm.text
    doc._.vnp_officials = officials_in_pieces(text, doc._.vnp_context_province)
    return doc


def officials_in_pieces(text: str, province: str | None, piece_chars: int | None = None) -> list:
    """`find_officials`, over a very long text in pieces (setting `extract_piece_chars`, cut at line
    breaks): the parser's cost grows faster than the text, so a 900,000-character page would take
    minutes whole.  A person named in several pieces is one official, with every mention and office."""
    if piece_chars is None:
        import settings

        piece_chars = int(settings.get("extract_piece_chars"))
    if len(text) <= piece_chars:
        return officials_mod.find_officials(text, province)
    from .budget import check
    from .names import fold
    from .segment import pieces

    people: dict[str, object] = {}
    for a, b in pieces(text, piece_chars):
        check("officials")
        for person in officials_mod.find_officials(text[a:b], province):
            person.mentions = [(s + a, e + a) for s, e in person.mentions]
            person.spans = [(s + a, e + a) for s, e in person.spans]
            for pos in person.positions:
                pos.start, pos.end = pos.start + a, pos.end + a
            known = people.get(fold(person.name))
            if known is None:
                people[fold(person.name)] = person
                continue
            known.mentions.extend(person.mentions)
            known.spans.extend(person.spans)
            offices = {(p.title, p.organization, p.former) for p in known.positions}
            known.positions.extend(p for p in person.positions
                                   if (p.title, p.organization, p.former) not in offices)
    return list(people.values())


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
    return doc


def _char_spans(doc: Doc) -> dict[str, list[tuple[int, int, str, object]]]:
    """Every span group as (start, end, label, value) in the original text: exactly the offsets
    the stored mentions get (nlp.record.mentions_from_doc maps them the same way)."""
    norm = doc._.vnp_norm
    groups: dict[str, list[tuple[int, int, str, object]]] = {k: [] for k in SPAN_KEYS}

    def add(key: str, start: int, end: int, label: str, value) -> None:
        if end > start:
            o_start, o_end = norm.span(start, end)
            if o_end > o_start:
                groups[key].append((o_start, o_end, label, value))

    for m in doc._.vnp_provinces or []:
        if getattr(m, "counted", True):
            add("provinces", m.start, m.end, "LOC", m.name)
    for m in doc._.vnp_dates or []:
        add("dates", m.start, m.end, "DATE", m.value)
    for m in doc._.vnp_documents or []:
        add("documents", m.start, m.end, "LAW", m.number)
    for person in doc._.vnp_officials or []:
        for start, end in person.mentions:
            add("officials", start, end, "PER", person.name)
        for pos in person.positions:
            add("titles", getattr(pos, "start", 0), getattr(pos, "end", 0), "TITLE",
                {"title": pos.title, "organization": pos.organization})
    for ev in doc._.vnp_events or []:
        add("events", ev.start, ev.end, ev.type.upper(), ev.to_dict())
    return groups


def _split_at(doc: Doc, bounds: list[int]) -> Doc:
    """`doc` with a token boundary at every offset in `bounds` (sorted): a word underthesea joined
    across a mention's edge ("Hà phát") is cut there, so spans need not grow to whole tokens."""
    text = doc._.vnp_original if doc._.vnp_original is not None else doc.text
    starts = doc._.vnp_starts
    if starts is None or len(starts) != len(doc):
        starts = [t.idx for t in doc]
    cuts: dict[int, list[int]] = {}
    for x in bounds:
        i = bisect.bisect_right(starts, x) - 1
        if i < 0:
            continue
        end = starts[i] + len(doc[i])
        if starts[i] < x < end:
            cuts.setdefault(i, []).append(x)
    if not cuts:
        return doc
    with doc.retokenize() as retokenizer:
        for i, xs in cuts.items():
            token = doc[i]
            points = [starts[i], *xs, starts[i] + len(token)]
            orths = [text[a:b] for a, b in zip(points, points[1:], strict=False)]
            retokenizer.split(token, orths, heads=[(token, 0)] * len(orths))
    doc._.vnp_starts = None  # stale now; nothing after this step reads it
    return doc


@Language.component("vnp_spans")
def spans_component(doc: Doc) -> Doc:
    """The results as spans over the original text, exactly where the stored mentions are:
    `doc.spans[...]` per group and the non-overlapping PER, LOC, LAW, DATE ones as `doc.ents`."""
    groups = _char_spans(doc)
    doc = _split_at(doc, sorted({x for spans in groups.values() for s, e, _l, _v in spans for x in (s, e)}))
    for key, spans in groups.items():
        made = []
        for start, end, label, value in spans:
            span = doc.char_span(start, end, label=label, alignment_mode="strict")
            if span is None:  # cannot happen after _split_at; kept so a bug costs a span, not the article
                continue
            span._.vnp_value = value
            made.append(span)
        doc.spans[key] = made
    ents = [s for key in ("officials", "provinces", "documents", "dates") for s in doc.spans[key]]
    doc.ents = filter_spans(ents)
    return doc


SPAN_KEYS = ("provinces", "dates", "documents", "officials", "titles", "events")
PIPE_NAMES = ("vnp_provinces", "vnp_dates", "vnp_documents", "vnp_officials", "vnp_events", "vnp_spans")
