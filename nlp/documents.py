"""Citations of legal and Party documents in normalized Vietnamese news text.

Why a character-level pass: underthesea splits document numbers inconsistently
("123 / 2020 / NĐ-CP" is five tokens, "02/2022 / TT-UBDT" three), so citations are
found on the raw string and mapped to tokens later by the pipeline.

Three numbering regimes are recognised (see shared/research/domain-notes.md §6):
administrative `1719/QĐ-TTg` (Decree 30/2020), normative `30/2020/NĐ-CP` (with a
year) and Party `57-NQ/TW`; plus a bare number after a type word ("Kết luận số 65").
The type word written before the number wins over the symbol's code ("Công văn
431/HD-UBND" is a Công văn); with no type word the code decides, and a symbol
without a type code ("1458/UBDT-VP135") is a Công văn.  The signing date and
issuer are read from what follows ("ngày 14/10/2021 của Thủ tướng Chính phủ") or
from the clause that introduces it ("Ngày 27/6, UBND Thành phố ban hành Công văn
số ...").  Vocabulary lives in nlp/data/doc_types.json and nlp/data/doc_issuers.json.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from nlp.dates import _as_date, parse_date_at, resolve_day_month
from nlp.text import SpanMask

_DATA = Path(__file__).parent / "data"
TYPES = json.loads((_DATA / "doc_types.json").read_text(encoding="utf-8"))
ISSUERS = json.loads((_DATA / "doc_issuers.json").read_text(encoding="utf-8"))

TYPE_WORDS: dict[str, str | None] = {" ".join(k.split()): v for k, v in TYPES["type_words"].items()}
TYPE_CODES: dict[str, str] = TYPES["type_codes"]
PARTY_OVERRIDES: dict[str, str] = TYPES["party_overrides"]
BARE_OK = set(TYPES["bare_ok"])
SURNAMES = set(ISSUERS["surnames"])


@dataclass
class DocumentMention:
    start: int
    end: int
    text: str
    type: str | None
    number: str
    number_start: int
    number_end: int
    date: str | None = None
    issuer: str | None = None
    serial: str = ""
    year: int | None = None
    type_code: str | None = None
    issuer_code: str | None = None
    regime: str = "bare"  # administrative | normative | party | bare
    scored: bool = True  # False for nicknames ("Chương trình 1719"), returned only on request


SP = r"[ \t\u00a0]"
S = SP + "*"
_DASH_CHARS = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
DASH = f"[{_DASH_CHARS}]"
# A code segment; a dotted tail is part of it ("VPCP-V.I", a department of the Government Office).
CODE = r"[A-ZĐÐ][A-Za-zĐđÐ0-9]*(?:\.[A-ZĐ][A-Za-z0-9]{0,3}(?!\w|\.\w))?"
# A serial may carry a letter ("30a/2008/NQ-CP", "135a/QĐ-UBND"): a document inserted after another.
SERIAL = r"\d{1,5}[a-z]?"
_LEFT = rf"(?<![\w/.{_DASH_CHARS}])"


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", SP + "+") for w in sorted(words, key=len, reverse=True))


TYPE_ALT = _alt(TYPE_WORDS)
_SO = rf"(?:số|Số|SỐ){S}:?{S}"

# Coded numbers, tried in this order; each claims its characters.
# A stray type code before the year ("130/NĐ/2020/NĐ-CP", a slip of real pages) is kept as written.
NORMATIVE_RE = re.compile(
    rf"{_LEFT}(?P<n>{SERIAL}){S}/{S}(?:[A-ZĐÐ]{{1,4}}{S}/{S})?(?P<y>(?:19|20)\d\d){S}/{S}"
    rf"(?P<sym>{CODE}(?:{DASH}{CODE}){{0,6}})(?!\w)"
)
PARTY_RE = re.compile(
    rf"{_LEFT}(?P<n>{SERIAL}){S}{DASH}{S}(?P<tc>{CODE}){S}/{S}(?P<sym>{CODE}(?:{DASH}{CODE}){{0,2}})(?![\w/])"
)
ADMIN_RE = re.compile(rf"{_LEFT}(?P<n>{SERIAL}){S}/{S}(?P<sym>{CODE}(?:{DASH}{CODE}){{1,6}})(?![\w/])")
# "số 12/UBND": a single code segment is too loose alone; it needs a type word or "số" before it.
ADMIN_SHORT_RE = re.compile(rf"{_LEFT}(?P<n>{SERIAL}){S}/{S}(?P<sym>{CODE})(?![\w/]|{DASH}\w)")
# Bare number after a type word: "Kết luận số 65", "Nghị định 26", "Nghị định số 30/2020".
BARE_RE = re.compile(
    rf"(?<!\w)(?P<tw>{TYPE_ALT})(?:{SP}+(?:{_alt(TYPES['type_qualifiers'])})(?={SP}+(?:số|Số|SỐ)))?{SP}+"
    rf"(?P<so>{_SO})?(?P<n>\d{{1,5}}(?:/(?:19|20)\d\d)?)"
    rf"(?![\w]|[/.,{_DASH_CHARS}]\d|{S}[/{_DASH_CHARS}]{S}[A-Za-zĐđ])",
    re.IGNORECASE,
)
_BARE_UNITS_RE = re.compile(rf"{SP}+(?:{_alt(TYPES['bare_units_after'])})(?!\w)", re.IGNORECASE)
NICK_LAW_RE = re.compile(rf"(?<!\w)(?P<tw>Luật|Bộ luật)((?:{SP}+[\wĐđ]+){{1,6}}?){SP}+(?:năm{SP}+)?(?P<n>(?:19|20)\d\d)(?!\d)")

# What may stand right before a number: "Quyết định số ", "Kết luận số Kết luận số ", "Số: ".
# A type word may carry what the document is about: "Kết luận thanh tra số 09/KL-TTr".
_QUAL = rf"(?:{SP}+(?:{_alt(TYPES['type_qualifiers'])}))?"
PREFIX_RE = re.compile(rf"(?:(?P<tw>{TYPE_ALT}){_QUAL}{SP}+(?:{_SO})?){{1,2}}$|(?P<so>{_SO})$", re.IGNORECASE)
NAMED_PREFIX_RE = re.compile(
    rf"(?<!\w)(?P<tw>{_alt(TYPES['named_ok'])})(?:{SP}+[^\s,.;:()]+){{1,6}}?{SP}+{_SO}$", re.IGNORECASE
)
LIST_BEFORE_RE = re.compile(rf"(?:\d{{1,5}}{S}(?:,|và){S})+$")
_LIST_NUM_RE = re.compile(r"\d{1,5}")
LIST_GAP_RE = re.compile(rf"^{S}(?:,|;|và|,{S}và){S}$")

# Trail after the number: signing date and issuer.
# "ngày …", "ký ngày …", "được ký ngày …", and for a list "cùng ký ngày …", "đều được ban hành ngày …".
DATE_LEAD_RE = re.compile(
    rf"{S},?{S}(?:\({S})?(?:(?:(?:cùng|đều){SP}+)?(?:được{SP}+)?(?:ký(?:{SP}+ban{SP}+hành)?|ban{SP}+hành){SP}+)?"
    rf"(?:(?:vào|cùng){SP}+)?ngày{SP}+",
    re.IGNORECASE,
)
# Where a sentence opens: the start of the text, or the blank run after ". ! ?" or after a line break.
# The blank run is read once, from its first character (a match may not start inside it), so a long
# run of line breaks costs linear time, not quadratic; possessive, as a word never starts with a blank.
_OPENING = (r"(?:(?:^|(?<=[.!?]))[ \t\u00a0\n]*+"
            r"|(?<![ \t\u00a0\n])[ \t\u00a0]*+\n[ \t\u00a0\n]*+)")
# A later sentence that opens with the bare type word dates the document it refers back to: "Thông tư
# do Thứ trưởng … ký ngày 18/8/2023", "Quyết định này được ban hành ngày …".
ANAPHOR_SIGNED_RE = re.compile(
    rf"{_OPENING}(?P<tw>(?i:{TYPE_ALT}))(?:{SP}+này)?{SP}+"
    rf"(?:(?:do|được|đã|đã{SP}+được){SP}+[^.,;:!?\n]{{0,60}}?)?"
    rf"(?:ký(?:{SP}+ban{SP}+hành)?|ban{SP}+hành){SP}+(?:vào{SP}+|từ{SP}+)?ngày{SP}+"
)
# A document printed with its letterhead: "THÔNG BÁO  Số: 112/TB-HĐND … Cao Bằng, ngày 5/6/2024".
_HEADER_SO_RE = re.compile(rf"(?:^|\s)Số{S}:{S}$")
_HEADER_PLACE_DATE_RE = re.compile(
    rf"(?m)^[ \t\u00a0]*[A-ZĐ][\w\u00a0 .\-]{{1,40}}?,{SP}*ngày{SP}+")
HEADER_REACH = 600
# "Cùng ngày, Chủ tịch UBND tỉnh ký Quyết định số …": the sentence points back to the day just stated.
SAME_DAY_RE = re.compile(
    rf"{_OPENING}(?P<opener>(?i:{_alt(TYPES['same_day_openers'])}))(?!\w)")
ISSUER_LEAD_RE = re.compile(rf"{S},?{S}(?:của|do){SP}+")
_TOKEN_RE = re.compile(rf"{SP}*([^\s,;.:()\[\]\"“”‘’]+)")
_STOP_RE = re.compile(rf"(?:{_alt(ISSUERS['stop_words'])})(?!\w)")
_HEAD_RE = re.compile(rf"(?<!\w)(?:{_alt(ISSUERS['heads'])})(?!\w)")
_ADV = _alt(ISSUERS["verb_adverbs"])
SUBJECT_VERB_RE = re.compile(rf"(?:{SP}+(?:{_ADV}))*{SP}+(?:{_alt(ISSUERS['verbs'])}){SP}*$")
_CLAUSE_CUT_RE = re.compile(r"[,;:(\n\"“]")
_SENTENCE_END_RE = re.compile(r"[.!?;\n](?=\s+[^\s])|\n")
_DATE_WORD_RE = re.compile(rf"(?<!\w)ngày{SP}+", re.IGNORECASE)
_AT_RE = re.compile(rf"(?<!\w)(?:Tại|tại|Theo|theo){SP}+$")
_AFTER_SUBJECT_RE = re.compile(rf"{S},{S}")
_ISSUER_CODE_RE = re.compile(r"[A-ZĐÐ]{2,}[A-ZĐÐa-zđ0-9]*")
_ORG_LOWER = {"tỉnh", "thành", "phố", "huyện", "xã", "quận", "phường", "nhân", "dân", "nước", "thị", "trấn"}


def _code_type(code: str | None, party: bool = False) -> str | None:
    if not code:
        return None
    for variant in (code, code.replace("Ð", "Đ"), code.replace("Ð", "Đ").replace("D", "Đ")):
        if party and variant in PARTY_OVERRIDES:
            return PARTY_OVERRIDES[variant]
        if variant in TYPE_CODES:
            return TYPE_CODES[variant]
    return None


def _canonical_word(word: str | None) -> tuple[bool, str | None]:
    """(was a type word written, its canonical type or None for generic 'văn bản')."""
    if not word:
        return False, None
    key = " ".join(word.split()).lower()
    return key in TYPE_WORDS, TYPE_WORDS.get(key)


def _trim_name(tokens: list[str]) -> list[str]:
    """Cut a person's full name off the end: 'Chủ tịch UBND tỉnh Hoàng Xuân Ánh' -> '... tỉnh'."""
    for i in range(1, len(tokens)):
        tail = tokens[i:]
        if tokens[i] in SURNAMES and 3 <= len(tail) <= 4 and all(t[:1].isupper() for t in tail) \
                and " ".join(tail) != "Hồ Chí Minh":
            return tokens[:i]
    return tokens


def _issuer_phrase(text: str, pos: int, strict_lower: bool = False) -> tuple[str | None, int]:
    """Read an issuer phrase starting at `pos`; returns (phrase as written, end offset)."""
    tokens: list[tuple[str, int, int]] = []
    i = pos
    head = _HEAD_RE.match(text, pos)
    head_end = head.end() if head else pos
    while len(tokens) < 14:
        m = _TOKEN_RE.match(text, i)
        if not m:
            break
        tok, ts = m.group(1), m.start(1)
        if ts < head_end:
            tokens.append((tok, ts, m.end()))
            i = m.end()
            continue
        if _STOP_RE.match(text, ts) or tok.isdigit() and not (tokens and tokens[-1][0].lower() in ("khóa", "khoá")):
            break
        if tok == "và":
            nxt = _TOKEN_RE.match(text, m.end())
            if not nxt or not nxt.group(1)[:1].isupper():
                break
            nxt2 = _TOKEN_RE.match(text, nxt.end())
            pair = f"{nxt.group(1)} {nxt2.group(1)}".lower() if nxt2 else ""
            if nxt.group(1).lower() in TYPE_WORDS or pair in TYPE_WORDS:
                break  # "của Thủ tướng Chính phủ và Hướng dẫn số 5/HD-UBND": a second document, no co-issuer
        if strict_lower and tok[:1].islower() and tok not in _ORG_LOWER and tok not in ("và", "-"):
            break
        tokens.append((tok, ts, m.end()))
        i = m.end()
    while tokens and tokens[-1][0] in ("-", "–", "và"):
        tokens.pop()
    if not tokens or not (tokens[0][0][:1].isupper()):
        return None, pos
    words = _trim_name([t[0] for t in tokens])
    if not words:
        return None, pos
    kept = tokens[: len(words)]
    return text[kept[0][1]:kept[-1][2]], kept[-1][2]


def _issuer_like(word: str) -> bool:
    """A word that can sit inside an issuer's name: capitalized, a code, or a lower-case place word."""
    return word[:1].isupper() or word in _ORG_LOWER or word in ("và", "-", "–", "khóa", "khoá")


def _sentence_start(text: str, pos: int) -> int:
    start = max(0, pos - 300)
    last = start
    for m in _SENTENCE_END_RE.finditer(text, start, pos):
        last = m.end()
    return last




@dataclass
class _Hit:
    """One number found, before the context (type word, date, issuer) is read."""
    ns: int
    ne: int
    serial: str
    number: str
    regime: str
    year: int | None
    type_code: str | None
    issuer_code: str | None


def _coded_hits(text: str, taken: SpanMask) -> list[tuple[_Hit, re.Match]]:
    hits = []
    for regime, rx in (("normative", NORMATIVE_RE), ("party", PARTY_RE), ("administrative", ADMIN_RE),
                       ("administrative", ADMIN_SHORT_RE)):
        for m in rx.finditer(text):
            if not taken.free(m.start(), m.end()):
                continue
            prefixed = PREFIX_RE.search(text, max(0, m.start() - 60), m.start()) is not None
            if rx is ADMIN_SHORT_RE and not prefixed:
                continue
            if rx is ADMIN_RE and not prefixed and not _code_type(re.split(DASH, m["sym"])[0]) \
                    and not _ISSUER_CODE_RE.fullmatch(re.split(DASH, m["sym"])[0]):
                continue  # "2024/U23-VN": no type code, no issuer-like code, no "số" -> not a citation
            sym = m["sym"]
            if regime == "party":
                tc, ic = m["tc"], sym
            else:
                parts = re.split(DASH, sym)
                if _code_type(parts[0]) and not (regime == "normative" and parts[0].startswith("QH")):
                    tc, ic = parts[0], "-".join(parts[1:]) or None
                else:
                    tc, ic = None, sym
            year = int(m["y"]) if regime == "normative" else None
            number = re.sub(r"\s+", "", text[m.start("n"):m.end()])
            hits.append((_Hit(m.start("n"), m.end(), m["n"], number, regime, year, tc, ic), m))
            taken.take(m.start(), m.end())
    return hits


def _type_for(hit: _Hit, word: str | None) -> str | None:
    written, canonical = _canonical_word(word)
    if written and canonical:
        return canonical
    code_type = _code_type(hit.type_code, party=hit.regime == "party")
    if code_type:
        return code_type
    if hit.regime == "normative" and hit.issuer_code:
        for prefix, kind in sorted(TYPES["normative_issuer_types"].items(), key=lambda kv: -len(kv[0])):
            if re.fullmatch(rf"{prefix}\d*", hit.issuer_code):
                return kind
    if hit.regime == "administrative":
        return "Công văn"
    if written:  # generic "văn bản số 12"
        return "Công văn"
    return None


def _read_trail(text: str, pos: int, hit: _Hit, pub) -> tuple[str | None, str | None, int]:
    """Signing date and issuer written right after the number; returns (date, issuer, end)."""
    date = issuer = None
    end = pos
    for _ in range(2):
        m = DATE_LEAD_RE.match(text, end) if date is None else None
        if m:
            parsed = parse_date_at(text, m.end())
            if parsed:
                pend, y, mo, d = parsed
                if y is not None:
                    value = dt.date(y, mo, d).isoformat()
                elif hit.year:
                    value = dt.date(hit.year, mo, d).isoformat() if _valid(hit.year, mo, d) else None
                else:
                    value, _how = resolve_day_month(d, mo, pub, None, not_after_published=True)
                date, end = value, pend
                continue
        m = ISSUER_LEAD_RE.match(text, end) if issuer is None else None
        if m:
            phrase, pend = _issuer_phrase(text, m.end())
            if phrase:
                issuer, end = phrase, pend
                continue
        break
    return date, issuer, end


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def _read_subject(text: str, span_start: int, hit: _Hit, pub) -> tuple[str | None, str | None]:
    """'Ngày 14/01/2019, Chủ tịch UBND tỉnh ... đã ký Quyết định số ...': issuer and date before."""
    sent = _sentence_start(text, span_start)
    prefix = text[sent:span_start]
    vm = SUBJECT_VERB_RE.search(prefix)
    if not vm:
        return None, None
    clause_end = sent + vm.start()
    cuts = [m.end() for m in _CLAUSE_CUT_RE.finditer(text, sent, clause_end)]
    clause_start = cuts[-1] if cuts else sent
    issuer = None
    head_start = clause_start
    for head in _HEAD_RE.finditer(text, clause_start, clause_end):
        words = text[head.start():clause_end].split()
        if len(words) <= 14 and all(_issuer_like(w) for w in text[head.end():clause_end].split()):
            kept = _trim_name(words)
            issuer = " ".join(kept) if kept else None
            if issuer and not text.startswith(issuer, head.start()):
                issuer = None  # irregular spacing: keep offsets honest, drop the issuer
            head_start = head.start()
            break
    date = None
    # The date stands before the subject's clause ("Ngày 14/01/2019, Chủ tịch …") or opens it with no
    # comma ("ngày 28/6/2024 HĐND tỉnh đã ban hành …"): then only spaces separate it from the issuer.
    date_end = head_start if issuer else clause_start
    for dm in _DATE_WORD_RE.finditer(text, sent, date_end):
        parsed = parse_date_at(text, dm.end())
        if parsed and (dm.start() < clause_start or not text[parsed[0]:date_end].strip()):
            _end, y, mo, d = parsed
            if y is not None:
                date = dt.date(y, mo, d).isoformat()
            else:
                date, _how = resolve_day_month(d, mo, pub, None, not_after_published=True)
    return issuer, date


def _read_after_subject(text: str, end: int, prefix_start: int) -> str | None:
    """'Tại Quyết định số 1896/QĐ-TTg, Thủ tướng phê chuẩn ...': issuer as the next clause's subject."""
    if not _AT_RE.search(text, max(0, prefix_start - 12), prefix_start):
        return None
    m = _AFTER_SUBJECT_RE.match(text, end)
    if not m or not _HEAD_RE.match(text, m.end()):
        return None
    phrase, _ = _issuer_phrase(text, m.end(), strict_lower=True)
    return phrase


def find_documents(text: str, published: dt.date | str | None = None,
                   include_nicknames: bool = False) -> list[DocumentMention]:
    """Every document citation in `text`, in text order.

    `published` resolves a year-less signing date ("ngày 30/6") when the number
    carries no year.  `include_nicknames` adds "Chương trình 1719" / "Luật Đất
    đai 2024" style names with `scored=False` (the spec does not score them).
    """
    if not text:
        return []
    pub = _as_date(published)
    taken = SpanMask(len(text))
    found: list[tuple[_Hit, str | None, int]] = []  # hit, type word, span start

    for hit, _m in _coded_hits(text, taken):
        window = max(0, hit.ns - 80)
        lst = LIST_BEFORE_RE.search(text, window, hit.ns)
        first = lst.start() if lst and lst.end() == hit.ns else hit.ns
        pm = PREFIX_RE.search(text, max(0, first - 80), first)
        nm = NAMED_PREFIX_RE.search(text, max(0, first - 80), first) if not pm else None
        word = pm["tw"] if pm else (nm["tw"] if nm else None)
        start = pm.start() if pm else (nm.start() if nm else first)
        if lst and first != hit.ns and not (pm or nm):
            first = hit.ns  # a list of numbers needs "số" or a type word in front
        if first != hit.ns:
            taken.take(first, hit.ns)  # "số 12, 13 và 14/QĐ-UBND": the listed serials are not bare numbers
        for lm in (_LIST_NUM_RE.finditer(text, first, hit.ns) if first != hit.ns else ()):
            serial = lm.group(0)
            number = serial + hit.number[len(hit.serial):]
            sub = _Hit(lm.start(), lm.end(), serial, number, hit.regime, hit.year, hit.type_code, hit.issuer_code)
            found.append((sub, word, start if lm.start() == first else lm.start()))
        found.append((hit, word, start if first == hit.ns else hit.ns))

    nicknames: list[DocumentMention] = []
    for m in BARE_RE.finditer(text):
        s, e = m.start(), m.end()
        if not taken.free(s, e):
            continue
        written, canonical = _canonical_word(m["tw"])
        n = m["n"]
        year = int(n.split("/")[1]) if "/" in n else None
        yearlike = year is None and len(n) == 4 and 1900 <= int(n) <= 2100
        nickname = not m["so"] and (canonical not in BARE_OK or yearlike or _BARE_UNITS_RE.match(text, e))
        if canonical is None and not m["so"]:
            continue
        hit = _Hit(m.start("n"), e, n.split("/")[0], n, "normative" if year else "bare", year, None, None)
        pm = PREFIX_RE.search(text, max(0, s - 40), s)  # the doubled "Kết luận số Kết luận số 200"
        start = pm.start() if pm and pm["tw"] else s
        taken.take(start, e)
        if nickname:
            if include_nicknames and not yearlike:
                nicknames.append(DocumentMention(s, e, text[s:e], canonical, n, hit.ns, e, serial=hit.serial,
                                                 regime="bare", scored=False))
            continue
        found.append((hit, m["tw"], start))

    out: list[DocumentMention] = []
    for hit, word, start in found:
        doc_type = _type_for(hit, word)
        if doc_type is None:
            continue
        date, issuer, end = _read_trail(text, hit.ne, hit, pub)
        if issuer is None or date is None:
            s_issuer, s_date = _read_subject(text, start, hit, pub)
            issuer = issuer or s_issuer
            date = date or s_date
        if issuer is None:
            issuer = _read_after_subject(text, end, start)
        out.append(DocumentMention(
            start=start, end=end, text=text[start:end], type=doc_type, number=hit.number,
            number_start=hit.ns, number_end=hit.ne, date=date, issuer=issuer, serial=hit.serial,
            year=hit.year, type_code=hit.type_code, issuer_code=hit.issuer_code, regime=hit.regime,
        ))
    out.sort(key=lambda d: (d.number_start, d.number_end))
    out = _fold_short_references(out)
    _header_dates(text, out)
    _anaphor_dates(text, out, pub)
    _same_day_dates(text, out)
    _share_across_lists(text, out)
    if include_nicknames:
        out.extend(_law_nicknames(text, out))
        out.extend(nicknames)
        out.sort(key=lambda d: (d.number_start, d.number_end))
    return out


def _fold_short_references(docs: list[DocumentMention]) -> list[DocumentMention]:
    """'Nghị quyết 49' after 'Nghị quyết số 49-NQ/TW': a bare number of the same type and serial as a
    coded citation in the same text is that document named short, not another one; what it adds (a
    date, an issuer) goes to the coded citation."""
    coded = {}
    for d in docs:
        if d.regime != "bare" and d.serial:
            coded.setdefault((d.type, d.serial.lstrip("0")), d)
    out = []
    for d in docs:
        full = coded.get((d.type, (d.serial or "").lstrip("0"))) if d.regime == "bare" else None
        if full is None:
            out.append(d)
            continue
        full.date = full.date or d.date
        full.issuer = full.issuer or d.issuer
    return out


def _header_dates(text: str, docs: list[DocumentMention]) -> None:
    """A document reproduced with its header ("Số: 112/TB-HĐND") is dated by the place-and-date line
    printed below it ("Cao Bằng, ngày 5/6/2024"), before the next document begins."""
    for i, d in enumerate(docs):
        if d.date or not _HEADER_SO_RE.search(text, max(0, d.number_start - 12), d.number_start):
            continue
        limit = min(len(text), d.number_end + HEADER_REACH)
        if i + 1 < len(docs):
            limit = min(limit, docs[i + 1].start)
        m = _HEADER_PLACE_DATE_RE.search(text, d.number_end, limit)
        parsed = parse_date_at(text, m.end()) if m else None
        if parsed and parsed[1] is not None:
            _end, y, mo, day = parsed
            d.date = dt.date(y, mo, day).isoformat()


def _anaphor_dates(text: str, docs: list[DocumentMention], pub) -> None:
    """'Thông tư do Thứ trưởng … ký ngày 18/8/2023': the signing date of the last document of that type
    cited before the sentence, when its citation gave none."""
    for m in ANAPHOR_SIGNED_RE.finditer(text):
        written, canonical = _canonical_word(m["tw"])
        if not (written and canonical) or not m["tw"][:1].isupper():
            continue
        before = [d for d in docs if d.type == canonical and d.scored and d.number_end <= m.start("tw")]
        if not before or before[-1].date:
            continue
        parsed = parse_date_at(text, m.end())
        if not parsed:
            continue
        _end, y, mo, day = parsed
        if y is not None:
            value = dt.date(y, mo, day).isoformat()
        else:
            value, _how = resolve_day_month(day, mo, pub, None, not_after_published=True)
        target = before[-1]
        for d in docs:
            if d.number == target.number and not d.date:
                d.date = value


def _same_day_dates(text: str, docs: list[DocumentMention]) -> None:
    """A sentence opening with "Cùng ngày," signs its document on the day of the document cited just
    before it, so an undated citation there takes that document's date."""
    for m in SAME_DAY_RE.finditer(text):
        sent_end = min((i for i in (text.find(c, m.end()) for c in ".!?\n") if i >= 0), default=len(text))
        before = [d for d in docs if d.number_end <= m.start("opener") and d.scored and d.date]
        if not before:
            continue
        for d in docs:
            if m.end() <= d.number_start < sent_end and not d.date:
                d.date = before[-1].date


def _share_across_lists(text: str, docs: list[DocumentMention]) -> None:
    """'Quyết định số 1896/QĐ-TTg, 1894/QĐ-TTg ngày ... của ...': the list shares date and issuer."""
    for i in range(len(docs) - 2, -1, -1):
        a, b = docs[i], docs[i + 1]
        if a.type == b.type and LIST_GAP_RE.match(text[a.number_end:b.number_start] if a.end <= b.start
                                                  else text[a.end:b.start] if a.end <= b.start else "-"):
            a.date = a.date or b.date
            a.issuer = a.issuer or b.issuer


def _law_nicknames(text: str, docs: list[DocumentMention]) -> list[DocumentMention]:
    spans = [(d.start, d.end) for d in docs]
    out = []
    for m in NICK_LAW_RE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in spans):
            continue
        out.append(DocumentMention(m.start(), m.end(), m.group(0), "Luật", m["n"], m.start("n"), m.end("n"),
                                   serial=m["n"], regime="bare", scored=False))
    return out


def record_documents(mentions: list[DocumentMention]) -> list[dict]:
    """The spec record's `documents` field: scored citations, one per number, first mention's details
    completed by later mentions of the same number."""
    by_key: dict[str, dict] = {}
    for d in mentions:
        if not d.scored:
            continue
        key = re.sub(r"\s+", "", d.number).replace("Ð", "Đ").upper()
        rec = by_key.get(key)
        if rec is None:
            by_key[key] = {"type": d.type, "number": d.number, "date": d.date, "issuer": d.issuer}
        else:
            rec["date"] = rec["date"] or d.date
            rec["issuer"] = rec["issuer"] or d.issuer
    return list(by_key.values())
