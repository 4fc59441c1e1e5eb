"""From a processed Doc to the spec record and the stored mentions.

The record is the contract of ../shared/spec/extraction.md; the mentions keep
every fact behind it with offsets into the original text, so the database can
show where each one came from.
"""
from __future__ import annotations

import dataclasses

from spacy.tokens import Doc

from .components import published_date
from .documents import record_documents

FULL_DATE_KINDS = ("full", "day_month", "relative", "weekday")


def _official_record(person) -> dict:
    if hasattr(person, "to_record"):
        return person.to_record()
    return {"name": person.name,
            "positions": [{"title": p.title, "organization": p.organization} for p in person.positions]}


def record_from_doc(doc: Doc) -> dict:
    meta = doc._.vnp_meta or {}
    published = published_date(meta)
    provinces: list[str] = []
    seen_provinces: set[str] = set()
    for m in doc._.vnp_provinces or []:
        key = getattr(m, "key", m.name)  # "Thừa Thiên Huế" and "Huế" are one unit
        if getattr(m, "counted", True) and key not in seen_provinces:
            seen_provinces.add(key)
            provinces.append(m.name)

    # One entry per number; a later mention completes the first one's date and issuer.
    documents = record_documents([d for d in doc._.vnp_documents or [] if getattr(d, "number", None)])

    datelines = doc._.vnp_datelines or []
    stated, in_dateline = set(), set()
    for d in doc._.vnp_dates or []:
        if d.kind not in FULL_DATE_KINDS or not d.value or len(d.value) != 10:
            continue
        if any(s <= d.start < e for s, e in datelines):
            in_dateline.add(d.value)
        else:
            stated.add(d.value)

    events = doc._.vnp_events or []
    main = next((ev for ev in events if ev.main), None)
    return {
        "id": meta.get("id"),
        "url": meta.get("url"),
        "published": published.isoformat() if published else None,
        "provinces": provinces,
        "officials": [_official_record(p) for p in doc._.vnp_officials or []],
        "documents": documents,
        "dates": sorted(stated),
        "event": ({"type": main.type, "date": main.date, "province": main.province}
                  if main else {"type": "other", "date": None, "province": None}),
    }


def _plain(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # Field by field (what dataclasses.asdict gives, without its deep copies).
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def mentions_from_doc(doc: Doc) -> list[dict]:
    """Every fact with its offsets into the original text (doc.text)."""
    norm = doc._.vnp_norm
    original = doc._.vnp_original if doc._.vnp_original is not None else doc.text
    out: list[dict] = []

    def add(kind: str, start: int, end: int, value: dict) -> None:
        o_start, o_end = norm.span(start, end)
        out.append({"kind": kind, "text": original[o_start:o_end], "start": o_start, "end": o_end,
                    "value": value})

    skip = {"start", "end", "text"}
    for m in doc._.vnp_provinces or []:
        add("province", m.start, m.end, {k: v for k, v in _plain(m).items() if k not in skip})
    for m in doc._.vnp_dates or []:
        add("date", m.start, m.end, {k: v for k, v in _plain(m).items() if k not in skip})
    for m in doc._.vnp_documents or []:
        add("document", m.start, m.end, {k: v for k, v in _plain(m).items() if k not in skip})
    for person in doc._.vnp_officials or []:
        record = _official_record(person)
        for start, end in person.mentions:
            add("official", start, end, record)
        for pos in person.positions:
            if getattr(pos, "end", 0) > getattr(pos, "start", 0):
                add("title", pos.start, pos.end, {"name": person.name, "title": pos.title,
                                                  "organization": pos.organization,
                                                  "former": getattr(pos, "former", False)})
    for ev in doc._.vnp_events or []:
        if ev.end > ev.start:
            add("event", ev.start, ev.end, {k: v for k, v in ev.to_dict().items() if k not in ("start", "end")})
    out.sort(key=lambda m: (m["start"], m["end"], m["kind"]))
    return out


def events_from_doc(doc: Doc) -> list[dict]:
    norm = doc._.vnp_norm
    result = []
    for ev in doc._.vnp_events or []:
        item = ev.to_dict()
        item["start"], item["end"] = norm.span(ev.start, ev.end) if ev.end > ev.start else (0, 0)
        result.append(item)
    return result
