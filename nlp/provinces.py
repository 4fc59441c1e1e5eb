"""Province gazetteer and province mentions.

    >>> from nlp.provinces import gazetteer, canonical, find_provinces, provinces_in
    >>> canonical("TP.HCM"), canonical("Thanh Hoá"), canonical("Thừa Thiên - Huế")
    ('Hồ Chí Minh', 'Thanh Hóa', 'Thừa Thiên Huế')
    >>> provinces_in("Trường Đại học Nội vụ Hà Nội làm việc với UBND tỉnh Hậu Giang.")
    ['Hậu Giang']

The units come from underthesea's own `address/data/mapping.json` (63 provinces
valid until 30 June 2025, 34 from 1 July 2025, and the old→new mapping), read
from the installed package — nothing is downloaded.  What that file lacks
(spelling variants, the words around a name that decide whether it is a place,
regions, person and institution cues) is data in `data/provinces_aliases.json`.

How a mention is found: the text is mapped one character to one character to a
"skeleton" (lower case, tone marks removed), one compiled alternation of every
alias skeleton (longest first) runs over it, and each hit is confirmed on the
original text by `fold` (case and tone placement ignored, tones kept), so
"Thanh Hoá" and "Thanh Hóa" both match but "Hà Nam" never matches "Hạ Nam".
A capitalized word of an alias must be capitalized in the text: "biên giới hòa
bình" and "thái bình" are common words, not provinces.

Whether a mention counts (the spec's `provinces` field) is decided by a few
cheap looks at the words just before it (or before the list it closes), in this order:

- `region`: a region name (Tây Nguyên, miền núi phía Bắc) — stored, never counted;
- `outlet_tag`: inside a parenthesized credit, "(CTT-Đồng Nai)", "(Nguồn: …)";
- `institution`: inside an institution's proper name, "Trường Đại học Nội vụ Hà
  Nội", "Báo Sơn La", "Đài Phát thanh – Truyền hình Lai Châu".  After a
  lower-case "tỉnh"/"thành phố" the province is the territory of a provincial
  body and counts ("Bệnh viện Đa khoa tỉnh Lai Châu"), except after an outlet
  head (Báo, Đài, Cổng thông tin …: the outlet's name alone does not make the
  text refer to the province — the spec's convention on outlets);
- `person`: after an honorific ("ông Hà Giang") or right after a capitalized run
  that starts with a surname ("Nguyễn Hà Nam", "Nguyễn Thị Huế"); bare "Hồ Chí
  Minh" (Chủ tịch, tư tưởng, Đoàn TNCS …) — it counts only after "TP."/"thành
  phố"/"Thủ đô" or as "TP.HCM", "Sài Gòn";
- `feature`: a river, mountain or pass ("sông Đồng Nai", "Thái Bình Dương");
- `ward`: a commune or ward named like a province ("phường Hải Dương", "xã Hòa
  Bình") is a unit of its own, after the merger usually inside another province;
- `district`: a rural district ("huyện Quảng Ninh" of Quảng Bình), also further down a
  list ("các huyện Minh Hóa, Bố Trạch, Quảng Ninh"): a unit of another province.

Everything else counts, including district-level towns named after their
province ("thị xã Quảng Trị", "thành phố Thái Nguyên") and former provinces
after the merger ("khu vực Hòa Bình"), listed under the name the text uses.
"""
from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from textkeys import tone_key

DATA = Path(__file__).resolve().parent / "data" / "provinces_aliases.json"

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # grave, acute, tilde, hook, dot below
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_DASH_RUN = re.compile(rf"\s*[{_DASHES}]\s*")
_SEP = rf"(?:\s*[{_DASHES}]\s*|\s+)"
_WORD = re.compile(r"[^\W\d_]+")
_LIST_ITEM = r"(?:[A-ZĐ][^\W\d_]*|\d+)(?:[ \t\u00a0\-–]+(?:[A-ZĐ][^\W\d_]*|\d+)){0,4}"
_CLAUSE_STOP = re.compile(r"[,;:!?()\[\]\"“”\n]|\.\s")


@dataclass(frozen=True)
class Province:
    """One row of the gazetteer: a unit in one era (a unit that outlived the
    merger, such as Lai Châu, has an "old" and a "new" row)."""

    key: str            # underthesea's key, e.g. "tinhlaichau"; (key, era) is unique
    name: str           # "Tỉnh Lai Châu"
    short: str          # "Lai Châu"
    code: str           # the unit's code in that era
    era: str            # "old" (the 63, until 2025-06-30) or "new" (the 34, from 2025-07-01)
    current: str        # short name of the post-merger province it belongs to
    current_code: str
    valid_from: str | None
    valid_to: str | None


@dataclass
class ProvinceMention:
    start: int
    end: int
    text: str                 # the place name as written: text[start:end]
    name: str                 # canonical short name as the text uses it (pre- or post-merger)
    current: str | None       # post-1-July-2025 province; None for regions and non-places
    current_code: str | None
    era: str | None           # "old": merged away on 2025-07-01; "both": still a province
    trigger: str | None       # the administrative words right before it, as written ("UBND tỉnh", "TP.")
    counted: bool
    reason: str | None = None  # why not counted: region, outlet_tag, institution, person, feature, ward
    key: str | None = None     # underthesea key of the unit named
    code: str | None = None    # that unit's code (its post-merger code when it still exists)


@dataclass(frozen=True)
class _Alias:
    canonical: str
    kind: str                  # "province", "region" or "not_place"
    key: str | None = None
    self_sufficient: bool = False
    reason: str | None = None
    city_of: str | None = None
    caps: tuple[bool, ...] = ()


# --- folding -----------------------------------------------------------------------------------------------

def fold(s: str) -> str:
    """Case and tone placement folded, tones kept: the lookup key for names.

    "Thanh Hoá" and "THANH HÓA" give the same string; "Hà" and "Hạ" do not.
    Dashes of any kind become " - " so "Bà Rịa-Vũng Tàu" and "Bà Rịa – Vũng Tàu"
    agree.  The key is textkeys.tone_key (the scorer's rule: each word's tone marks moved last).
    """
    if not s:
        return ""
    return tone_key(_DASH_RUN.sub(" - ", unicodedata.normalize("NFC", s)))


def _key(s: str) -> str:
    """`fold` with separators ignored: "TP. HCM" = "TP.HCM", "Thừa Thiên - Huế" = "Thừa Thiên Huế"."""
    return re.sub(r"\.\s+", ".", " ".join(fold(s).replace(" - ", " ").split()))


def _skeleton_table() -> dict[int, str]:
    """One character to one character: lower case without tone marks (vowel quality and đ kept).

    Being length-preserving, offsets found in the skeleton are offsets in the text.
    """
    table: dict[int, str] = {}
    for cp in list(range(0x41, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        low = ch.lower()
        if len(low) != 1:
            continue
        base = unicodedata.normalize(
            "NFC", "".join(c for c in unicodedata.normalize("NFD", low) if c not in _TONES))
        if len(base) == 1 and base != ch:
            table[cp] = base
    return table


_SKELETON = _skeleton_table()


def _skeleton(s: str) -> str:
    return s.translate(_SKELETON)


def _caps(form: str) -> tuple[bool, ...]:
    return tuple(w[0].isupper() for w in _WORD.findall(form))


def _caps_ok(span: str, caps: tuple[bool, ...]) -> bool:
    words = _WORD.findall(span)
    if not words:
        return False
    if len(words) != len(caps):
        return words[0][0].isupper()
    return all(w[0].isupper() or not need for w, need in zip(words, caps, strict=True))


# --- the gazetteer -----------------------------------------------------------------------------------------

def _mapping_path() -> Path:
    """underthesea's mapping.json, found without importing underthesea (which is slow to import)."""
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("underthesea is not installed: the province gazetteer is built from its "
                           "address/data/mapping.json")
    path = Path(list(spec.submodule_search_locations)[0]) / "address" / "data" / "mapping.json"
    if not path.is_file():
        raise RuntimeError(f"underthesea's administrative mapping is missing: {path}")
    return path


@lru_cache(maxsize=1)
def address_table() -> dict:
    """underthesea's whole administrative table (provinces, wards, old→new), parsed once per process."""
    with open(_mapping_path(), encoding="utf-8") as fh:
        return json.load(fh)


def _mapping() -> dict:
    return address_table()


@lru_cache(maxsize=1)
def _data() -> dict:
    with open(DATA, encoding="utf-8") as fh:
        return json.load(fh)


def _day_before(iso: str) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(iso) - timedelta(days=1)).isoformat()


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[Province, ...]:
    m = _mapping()
    effective = m["metadata"].get("effective_date") or "2025-07-01"
    new = m["province_names"]
    rows = []
    for key, unit in m["old_province_names"].items():
        cur = new[m["province_mapping"][key]]
        rows.append(Province(key, unit["name"], unit["short"], unit["code"], "old", cur["short"], cur["code"],
                             None, _day_before(effective)))
    for key, unit in new.items():
        rows.append(Province(key, unit["name"], unit["short"], unit["code"], "new", unit["short"], unit["code"],
                             effective, None))
    return tuple(rows)


def gazetteer() -> list[Province]:
    """Every province-level unit of both eras: 63 "old" rows then 34 "new" rows, in the mapping's order.

    Stable output for the `provinces` table: (key, era) is unique.
    """
    return list(_gazetteer())


@lru_cache(maxsize=1)
def _units() -> dict[str, dict]:
    """Per unit key: what a mention of it carries."""
    m = _mapping()
    new = m["province_names"]
    units = {}
    for key, unit in m["old_province_names"].items():
        cur_key = m["province_mapping"][key]
        units[key] = {"short": unit["short"], "code": new[key]["code"] if key in new else unit["code"],
                      "current": new[cur_key]["short"], "current_code": new[cur_key]["code"],
                      "era": "both" if key in new else "old"}
    return units


# --- aliases and the one regex -----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _aliases() -> dict[str, _Alias]:
    data = _data()
    by_short = {u["short"]: k for k, u in _units().items()}
    aliases: dict[str, _Alias] = {}

    def add(form: str, entry: _Alias) -> None:
        aliases.setdefault(_key(form), entry)

    for key, unit in _units().items():
        add(unit["short"], _Alias(unit["short"], "province", key, caps=_caps(unit["short"])))
    for row in data["aliases"]:
        key = row.get("key") or by_short[row["canonical"]]
        for form in [row["canonical"], *row["forms"]]:
            add(form, _Alias(row["canonical"], "province", key, bool(row.get("self_sufficient")),
                             caps=_caps(form)))
    for form in data["regions"]:
        add(form, _Alias(form, "region", reason="region", caps=_caps(form)))
    for row in data["not_places"]:
        add(row["form"], _Alias(row["form"], "not_place", by_short.get(row.get("city_of") or ""),
                                reason=row["reason"], city_of=row.get("city_of"), caps=_caps(row["form"])))
    return aliases


@lru_cache(maxsize=1)
def _forms() -> list[str]:
    data = _data()
    forms = [u["short"] for u in _units().values()]
    for row in data["aliases"]:
        forms += [row["canonical"], *row["forms"]]
    forms += data["regions"] + [row["form"] for row in data["not_places"]]
    return forms


def _form_pattern(form: str) -> str:
    parts = re.split(_SEP, _skeleton(form).strip())
    return _SEP.join(re.escape(p).replace(r"\.", r"\.\s?") for p in parts)


@lru_cache(maxsize=1)
def _regex() -> re.Pattern:
    patterns = {_form_pattern(f): len(_skeleton(f)) for f in _forms()}
    alternation = "|".join(p for p, _ in sorted(patterns.items(), key=lambda kv: (-kv[1], kv[0])))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")


def _alternation(words) -> str:
    items = sorted(set(words), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in item.split()) for item in items)


@lru_cache(maxsize=1)
def _cues() -> dict:
    d = _data()
    triggers = {fold(k): v for k, v in d["triggers"].items()}
    return {
        "triggers": triggers,
        "trigger_re": re.compile(rf"(?<!\w)(?P<trig>{_alternation(d['triggers'])})\s*$", re.IGNORECASE),
        "head_re": re.compile(rf"(?<!\w)(?:{_alternation(d['institution_heads'] + d['outlet_heads'])})(?!\w)"),
        "outlets": {fold(h) for h in d["outlet_heads"]},
        "need_capital": {fold(h) for h in d["heads_needing_capital"]},
        "breakers": {fold(w) for w in d["institution_breakers"]},
        "max_words": d["institution_max_words"],
        "max_lower": d["institution_max_lowercase"],
        "honorific_re": re.compile(rf"(?<!\w)(?:{_alternation(d['honorifics'])})\s+$", re.IGNORECASE),
        "surnames": set(d["surnames"]),
        "honorifics": {fold(h) for h in d["honorifics"]},
        "run_max": d["person_run_max"],
        "feature_re": re.compile(rf"(?<!\w)(?:{_alternation(d['feature_heads'])})\s+$", re.IGNORECASE),
        "tag_re": re.compile(
            rf"\(\s*(?:(?:{_alternation(d['outlet_tag_prefixes'])})(?!\w)[^()]*"
            rf"|[A-ZĐ]{{2,}}[\w.]*\s*[{_DASHES}/]\s*)$"),
        "requires": {k: tuple(fold(t) for t in v) for k, v in d["requires_trigger"].items()},
        "list_re": re.compile(
            rf"(?<!\w)(?P<trig>{_alternation(d['list_triggers'])})\s+"
            rf"(?:{_LIST_ITEM}\s*(?:,|;|\s+và)\s*){{1,8}}(?:và\s+)?$"),
    }


# --- judging one hit ---------------------------------------------------------------------------------------

def _trigger(text: str, start: int) -> tuple[str | None, int]:
    m = _cues()["trigger_re"].search(text, max(0, start - 48), start)
    if m:
        return m.group("trig"), m.start("trig")
    # A name further down a list of districts or communes is one too: "các huyện Minh Hóa, Bố Trạch, X".
    lm = _cues()["list_re"].search(text, max(0, start - 160), start)
    if lm:
        return lm.group("trig"), lm.start("trig")
    return None, start


def _institution(text: str, anchor: int, trigger: str | None) -> bool:
    """Is the name (or its trigger) inside an institution's proper name that opens shortly before?"""
    c = _cues()
    lo = max(0, anchor - 120)
    clause_start = lo
    for stop in _CLAUSE_STOP.finditer(text, lo, anchor):
        clause_start = stop.end()
    heads = list(c["head_re"].finditer(text, clause_start, anchor))
    if not heads:
        return False
    head = heads[-1]
    head_key = fold(head.group(0))
    after = text[head.end():]
    if head_key in c["need_capital"]:
        nxt = _WORD.search(after)
        if not nxt or not nxt.group(0)[0].isupper():
            return False
    words = _WORD.findall(text[head.end():anchor])
    if len(words) > c["max_words"]:
        return False
    if sum(1 for w in words if not w[0].isupper()) > c["max_lower"]:
        return False
    if any(fold(w) in c["breakers"] for w in words):
        return False
    if head_key in c["outlets"]:
        return True
    # "Bệnh viện Đa khoa tỉnh Hòa Bình", "Trường Chính trị tỉnh Điện Biên": the province is part of the
    # institution's name even after a lower-case "tỉnh" (the spec: a province inside an institution's
    # proper name is not counted).  Bodies of the province itself (Sở, Ban, UBND) are not heads.
    return True


def _person(text: str, start: int) -> bool:
    c = _cues()
    if c["honorific_re"].search(text, max(0, start - 20), start):
        return True
    run: list[str] = []
    end = start
    for _ in range(c["run_max"]):
        m = re.search(r"(?<!\w)(\w+) $", text[max(0, end - 30):end])
        if not m or not m.group(1)[0].isupper() or (len(m.group(1)) > 1 and m.group(1).isupper()):
            break
        run.insert(0, m.group(1))
        end = end - len(m.group(0))
    # "Nguyễn Hà Nam", "Ông Nguyễn Hà Nam": a surname opens the run, or follows a capitalized honorific.
    for word in run:
        if word in c["surnames"]:
            return True
        if fold(word) not in c["honorifics"]:
            return False
    return False


def _judge(text: str, start: int, end: int, alias: _Alias) -> ProvinceMention:
    c = _cues()
    span = text[start:end]
    trigger, anchor = _trigger(text, start)
    level = c["triggers"].get(fold(re.sub(r"^[Cc]ác\s+", "", trigger))) if trigger else None
    key = alias.key
    name = alias.city_of or alias.canonical if alias.kind == "not_place" else alias.canonical
    reason = None
    if alias.kind == "region":
        reason = "region"
    elif alias.kind == "not_place" and not (alias.city_of and level in ("city", "district")):
        reason = alias.reason
    elif c["tag_re"].search(text, max(0, anchor - 40), anchor) and re.match(r"\s*\)", text[end:end + 3]):
        reason = "outlet_tag"
    elif _institution(text, anchor, trigger):
        reason = "institution"
    elif trigger is None and _person(text, start):
        reason = "person"
    elif trigger is None and c["feature_re"].search(text, max(0, start - 20), start):
        reason = "feature"
    elif level in ("ward", "county"):
        reason = "ward" if level == "ward" else "district"
    elif alias.canonical in c["requires"] and not alias.self_sufficient:
        if not (trigger and any(fold(trigger).endswith(t) for t in c["requires"][alias.canonical])):
            reason = "person"
    unit = _units().get(key) if key else None
    return ProvinceMention(
        start=start, end=end, text=span, name=name if unit else alias.canonical,
        current=unit["current"] if unit else None, current_code=unit["current_code"] if unit else None,
        era=unit["era"] if unit else None, trigger=trigger, counted=reason is None and unit is not None,
        reason=reason, key=key if unit else None, code=unit["code"] if unit else None)


# --- public API --------------------------------------------------------------------------------------------

def find_provinces(text: str) -> list[ProvinceMention]:
    """Every province (and region) mention in `text`, counted or not, in text order.

    `text[m.start:m.end] == m.text`.  Never raises on odd input: a non-string or
    empty text gives [].
    """
    if not text or not isinstance(text, str):
        return []
    aliases = _aliases()
    out = []
    skeleton = _skeleton(text)
    for m in _regex().finditer(skeleton):
        found = _confirm(text, skeleton, m.start(), m.end(), aliases)
        if found is not None:
            out.append(_judge(text, *found))
    _bare_names_of_wards(text, out)
    return out


_LIST_GLUE_RE = re.compile(r"\s*(?:,|;|và|hoặc)\s*")


def _bare_names_of_wards(text: str, mentions: list[ProvinceMention]) -> None:
    """A bare name ("… tại Sóc Trăng") in a text that names it only as a ward or commune ("phường Sóc
    Trăng") and never as a province ("tỉnh Sóc Trăng") is that ward named short, not the province.
    A name further down a list of provinces ("ba tỉnh Vĩnh Long, Bến Tre, Trà Vinh") is not bare."""
    wards = {m.key for m in mentions if m.reason == "ward" and m.key}
    as_province = {m.key for m in mentions if m.counted and m.trigger}
    prev = None
    for m in mentions:
        listed = (prev is not None and prev.counted and _LIST_GLUE_RE.fullmatch(text, prev.end, m.start))
        if not listed and m.counted and m.trigger is None and m.key in wards and m.key not in as_province:
            m.counted = False
            m.reason = "ward"
        prev = m


def _confirm(text: str, skeleton: str, start: int, end: int, aliases: dict) -> tuple | None:
    """The longest alias at `start` that the original text really spells, tones and capitals included.

    The skeleton hit may be a longer phrase the text does not spell ("châu Á - Thái Bình Dương"
    written otherwise) or a common word ("hòa bình"); then shorter aliases at the same start are tried.
    """
    regex = _regex()
    for _ in range(4):
        span = text[start:end]
        alias = aliases.get(_key(span))
        if alias is not None and _caps_ok(span, alias.caps):
            return start, end, alias
        shorter = regex.match(skeleton, start, end - 1)
        while shorter is not None and shorter.end() > start and _is_word(skeleton, shorter.end()):
            shorter = regex.match(skeleton, start, shorter.end() - 1)
        if shorter is None:
            return None
        end = shorter.end()
    return None


def _is_word(s: str, i: int) -> bool:
    """Does a word continue across position i (so a match ending there would cut a word)?"""
    return 0 < i < len(s) and (s[i].isalnum() or s[i] == "_") and (s[i - 1].isalnum() or s[i - 1] == "_")


def provinces_in(text: str) -> list[str]:
    """The spec's `provinces`: counted names, each unit once, in order of first mention.

    One unit named two ways ("Thừa Thiên Huế" … "Huế", "TP.HCM" … "Sài Gòn")
    is listed once, under the first name the text uses.
    """
    seen: set[str] = set()
    names = []
    for m in find_provinces(text):
        if m.counted and m.key not in seen:
            seen.add(m.key)
            names.append(m.name)
    return names


@lru_cache(maxsize=1)
def _prefix_re() -> re.Pattern:
    return re.compile(rf"^(?:{_alternation(_data()['triggers'])})\s*", re.IGNORECASE)


def canonical(name: str) -> str | None:
    """Any spelling of a province → its canonical short name; None if it is not a province.

    "TP.HCM", "Thành phố Hồ Chí Minh", "Sài Gòn" → "Hồ Chí Minh"; "Thanh Hoá" →
    "Thanh Hóa"; "Thừa Thiên - Huế" → "Thừa Thiên Huế"; "TP. Huế" → "Huế".
    """
    if not name or not isinstance(name, str):
        return None
    aliases = _aliases()
    for candidate in (name, _prefix_re().sub("", name.strip())):
        alias = aliases.get(_key(candidate))
        if alias is not None and alias.kind == "province":
            return alias.canonical
    return None


def unit(name: str) -> Province | None:
    """The post-merger gazetteer row of the province a name belongs to ("Hậu Giang" → Cần Thơ's row)."""
    canon = canonical(name)
    if canon is None:
        return None
    key = _aliases()[_key(canon)].key
    cur = _units()[key]["current"]
    return next((p for p in _gazetteer() if p.era == "new" and p.short == cur), None)
