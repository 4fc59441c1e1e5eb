"""Officials extractor: named persons with their positions (title + organisation).

Rules and lexicons over the raw string, no per-article POS/NER call (underthesea's NER
is poor on this text and costs ~13x tokenisation). The text is split into word and
punctuation tokens with offsets; then three patterns assign chains of positions
("Ủy viên Trung ương Đảng - Bí thư Tỉnh ủy") to a name:

1. title chain, then the name at the end of the last organisation
   ("Thứ trưởng Bộ Nội vụ Nguyễn Thị Hà");
2. name, a separator or a link phrase, then the chain
   ("ông Tống Thanh Hải - Phó Chủ tịch Thường trực UBND tỉnh Lai Châu");
3. an appointment clause whose holder comes after "đối với"
   ("miễn nhiệm chức Chủ tịch UBND tỉnh Sóc Trăng ... đối với ông Trần Văn Chuyện").

Short later mentions ("Thứ trưởng Hà", "ông Hải") are merged into the full name that
ends with them. Organisations left implicit ("UBND tỉnh", "Tỉnh ủy") are completed with
the province named in the same sentence, else the article's province.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field
from functools import lru_cache

from nlp import names as N
from nlp import titles as T
from nlp.budget import check

# "K' Thị Điệp": a K'Ho/Êđê name particle may stand apart from the syllable it opens, so a capital
# letter with an apostrophe before a capitalised word is one token ("K'"), not a letter and a quote.
_TOKEN = re.compile(r"[A-Z]['’](?=[ \t]+[^\W\d_a-zđ])|[^\W\d_]+(?:['’][^\W\d_]+)?|\d+|\n|[^\w\s]")
_SENTENCE_END = {".", "!", "?", "\n", "…"}
_CHAIN_SEPARATORS = {",", ";", "-", "–", "—", "và", N.fold("kiêm")}
_NAME_TITLE_SEPARATORS = {",", "-", "–", "—", ":", "("}
_ROMAN = re.compile(r"^[IVXL]+$")
_MAX_HOLDER_LOOKAHEAD = 60
_KHU_VUC = (N.fold("khu"), N.fold("vực"))
_CU = N.fold("cũ")
_TRUOC_DAY = (N.fold("trước"), N.fold("đây"))
_NAY = N.fold("nay")
_TUNG = N.fold("từng")
_TUNG_LINKS = {N.fold("là"), N.fold("giữ"), N.fold("làm")}
_PARTNER_WORDS = {N.fold(w) for w in ("với", "cùng")}  # "phối hợp với Bộ Y": a partner, no one's office
_MAX_ASIDE = 8  # tokens in a caption's "(thứ 2 từ phải sang)"
_KHOA = N.fold("khóa")
_LAM = N.fold("làm")
_TUOI = N.fold("tuổi")
_PHU_TRACH = (N.fold("phụ"), N.fold("trách"))
_HONORIFIC_WORDS = {N.fold(w) for w in N.HONORIFICS if " " not in w}
_DELEGATE = (N.fold("đại"), N.fold("biểu"))
_DELEGATION = N.fold("Đoàn")
_EDE_PARTICLES = {N.fold("Y"), N.fold("H'"), N.fold("H’")}
_LONG_NAME_STARTS = ("H'", "H’", "K'", "K’")  # Êđê/Jrai names run to five syllables
_LEVEL_WORDS = {N.fold(w) for w in T.ORG_LEVELS if " " not in w}
_LEVEL_PHRASES = {N.fold(w) for w in T.ORG_LEVELS if w.count(" ") == 1}
_WEAK_SURNAMES = {N.fold(w) for w in N.WEAK_SURNAMES}
_IMPLICIT_BODY = {N.fold(k): v for k, v in T.IMPLICIT_BODY_HEAD.items()}
_NOT_IMPLICIT_BODIES = {N.fold(b) for b in T.NOT_IMPLICIT_BODIES}
_MIDDLE_NAMES = {N.fold(w) for w in N.MIDDLE_NAMES}
_PROVINCE_LEVEL_WORDS = {N.fold("tỉnh"), N.fold("TP")}
_WIDE_PLACES = {"province", "country"}
_VIET_NAM = N.fold("Việt Nam")
_MIDDLE_SURNAMES = {N.fold(w) for w in N.SURNAMES_BEFORE_MIDDLE}
_POSTED_TO = {N.fold(w) for w in T.POSTED_TO}
_SPEAKING_FOR = [tuple(N.fold(w).split()) for w in T.SPEAKING_FOR]
_CENTRAL_CITIES = {N.fold(c) for c in N.CENTRAL_CITIES}
_CITY_ONLY = _CENTRAL_CITIES - {N.fold("Huế"), N.fold("Thừa Thiên Huế")}


@dataclass
class Position:
    title: str
    organization: str | None = None
    former: bool = False
    start: int = 0
    end: int = 0

    def to_record(self) -> dict:
        return {"title": self.title, "organization": self.organization}


@dataclass
class Official:
    name: str
    positions: list[Position] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)

    def to_record(self) -> dict:
        return {"name": self.name, "positions": [p.to_record() for p in self.positions]}


@dataclass
class _Tok:
    text: str
    start: int
    end: int
    key: str  # folded


_fold = lru_cache(maxsize=65536)(N.fold)


def _tokenize(text: str) -> list[_Tok]:
    toks = [_Tok(w, m.start(), m.end(), _fold(w) if w != "\n" else "\n")
            for m in _TOKEN.finditer(text) for w in (m.group(),)]
    if "-" not in text:
        return toks
    # "Pi-năng Thị Thủy", "Bh-riu Liếc": a hyphenated syllable of an ethnic-minority name, capital then
    # lower case with no space around the hyphen, is one word ("QP-AN", "Rịa-Vũng" are not joined).
    out: list[_Tok] = []
    i = 0
    while i < len(toks):
        a = toks[i]
        if i + 2 < len(toks) and toks[i + 1].text == "-" and a.end == toks[i + 1].start \
                and toks[i + 1].end == toks[i + 2].start and a.text[:1].isupper() and a.text.isalpha() \
                and toks[i + 2].text.isalpha() and toks[i + 2].text.islower():
            word = text[a.start:toks[i + 2].end]
            out.append(_Tok(word, a.start, toks[i + 2].end, _fold(word)))
            i += 3
            continue
        out.append(a)
        i += 1
    return out


def _lexicon(phrases) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First folded token -> [(folded token tuple, phrase)], longest first."""
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase in phrases:
        keys = tuple(t.key for t in _tokenize(phrase))
        if keys:
            table.setdefault(keys[0], []).append((keys, phrase))
    for entries in table.values():
        entries.sort(key=lambda e: -len(e[0]))
    return table


_TITLES = _lexicon(T.TITLES)
_COMMITTEE_MEMBER = _lexicon(T.COMMITTEE_MEMBER)
_ORG_HEADS = _lexicon(T.ORG_HEADS)
_ORG_LEVELS = _lexicon(T.ORG_LEVELS)
_ORG_LOWER = _lexicon(T.ORG_LOWER_WORDS)
_PREFIXES = _lexicon((*N.HONORIFICS, *N.DEGREES, *N.RANKS))
_HONORIFICS = _lexicon(N.HONORIFICS)
_LINKS = _lexicon(T.NAME_TITLE_LINKS)
_HOLDER_LINKS = _lexicon(T.HOLDER_LINKS)
_NON_POSITIONS = _lexicon(T.NON_POSITIONS)
_FIELD_WORDS = _lexicon(T.ORG_FIELD_WORDS)
_SUBUNITS = _lexicon(T.SUBUNIT_PARENTS)
_PARENT_HEADS = _lexicon({h for heads in T.SUBUNIT_PARENTS.values() for h in heads})
_FIELD_VERBS = {N.fold(w) for w in T.FIELD_WORDS_ALSO_VERBS}
_NOT_ORG_WORDS = _lexicon(T.NOT_ORG_CONTINUATIONS)
_REFERRING = {N.fold(k): v for k, v in T.REFERRING_BODIES.items()}
_LOWER_REFERRING = _lexicon(T.LOWER_REFERRING_BODIES)
_OUTLET_HEADS = _lexicon(T.OUTLET_HEADS)
_OUTLET_LENGTHS = [(len(_tokenize(h)), h) for h in T.OUTLET_HEADS]
_CONNECTORS = {N.fold(w) for w in T.ORG_CONNECTORS}
_FORMER = {N.fold(w) for w in T.FORMER_MARKERS}
_APPOINTMENT_CUES = {tuple(t.key for t in _tokenize(w)) for w in T.APPOINTMENT_CUES}
_SHARED_HEAD = {N.fold(k): v for k, v in T.SHARED_HEAD.items()}
_HEAD_NOT_IN_TITLE = {N.fold(k) for k in T.HEAD_NOT_IN_TITLE}
_LOWER_HEADS = _lexicon(T.LOWER_ORG_HEADS)
_NEEDS_BODY = {N.fold(k) for k in T.NEEDS_BODY}
_NATIONAL = {N.fold(k) for k in T.NATIONAL_TITLES}
_COMMITTEE = {" ".join(t.key for t in _tokenize(k)): v for k, v in T.COMMITTEE_MEMBER.items()}
_PLURAL = {N.fold(w) for w in T.PLURAL_QUANTIFIERS}
_LIST_LINKS = _lexicon(T.LIST_LINKS)
_LIST_JOIN = {",", ";", N.fold("và")}
_LIST_END = {".", "\n", "…", ";", ",", N.fold("và"), "!", "?"}
_RANKS = _lexicon(N.RANKS)
_HAS = {N.fold(w) for w in ("có", "còn", "hiện", "vẫn")}
_FOREIGN_TITLES = {N.fold(w) for w in T.FOREIGN_STATE_TITLES}
_PROVINCE_SHORT_BODY = {N.fold(k): v for k, v in T.PROVINCE_SHORT_BODY.items()}
_FOREIGN_STATES = _lexicon(T.FOREIGN_STATES)
_CITY_ENDING = N.fold("thành phố")
_PROVINCE_ENDINGS = tuple(N.fold(e) for e in T.PROVINCE_LEVEL_ENDINGS)
# "Thừa Thiên - Huế", "Bà Rịa - Vũng Tàu": a province of several words written with a dash inside.
_DASHED_NAMES = {N.fold(re.sub(r"\s*[-–]\s*", " ", p)): p for p in N.province_names() if len(p.split()) >= 2}
_DASHED_PROVINCE = re.compile("|".join(
    r"(?<!\w)" + r"(?:\s*[-–]\s*|\s+)".join(map(re.escape, key.split())) + r"(?!\w)"
    for key in sorted((re.sub(r"\s*[-–]\s*", " ", p) for p in _DASHED_NAMES.values()), key=len, reverse=True)),
    re.IGNORECASE)
_WORD_DASH = re.compile(r"[^\W\d_]\s*([-–])\s*[^\W\d_]")
# "UBNDtỉnh Hà Tĩnh": a typist's missing space between an acronym and the unit word after it.
_GLUED_LEVEL = re.compile(r"(?<!\w)([A-ZĐ]{2,})(" + "|".join(w for w in T.ORG_LEVELS if w[:1].islower()) + r")(?!\w)")
_PREFIXED_CITIES = {city: tuple(re.compile(f) for f in forms) for city, forms in T.PREFIXED_CITY_FORMS.items()}


def _match(table, toks: list[_Tok], i: int) -> tuple[int, str] | None:
    """Longest lexicon entry starting at token i: (token count, phrase)."""
    if i >= len(toks):
        return None
    for keys, phrase in table.get(toks[i].key, ()):
        n = len(keys)
        if i + n <= len(toks) and all(toks[i + k].key == keys[k] for k in range(n)):
            return n, phrase
    return None


def _is_name_syllable(tok: _Tok) -> bool:
    return _name_syllable_text(tok.text)


@lru_cache(maxsize=65536)
def _name_syllable_text(word: str) -> bool:
    if not word[0].isupper() or not word[0].isalpha():
        return False
    parts = re.split(r"['’-]", word)
    return all(p[:1].isupper() or not p for p in parts[:1]) and all(
        p[1:].islower() or len(p) <= 1 for p in parts) and all(p.isalpha() for p in parts if p)


class _Parser:
    def __init__(self, text: str, context_province: str | None):
        self.text = text
        self.toks = _tokenize(text)
        self.starts = [t.start for t in self.toks]
        self.context_province = context_province
        self.places = N.place_names()
        self.words = N.dictionary_words()
        self.sentence, self.paragraph = [], []
        sid = pid = 0
        for t in self.toks:
            self.sentence.append(sid)
            self.paragraph.append(pid)
            if t.text in _SENTENCE_END:
                sid += 1
            if t.text == "\n":
                pid += 1
        self.province_at = self._find_provinces()
        self.former_units, self.former_zone = self._former_marks()

    # ---- small predicates -------------------------------------------------------------
    def tok(self, i: int) -> _Tok | None:
        return self.toks[i] if 0 <= i < len(self.toks) else None

    def name_run(self, i: int) -> int:
        """Number of consecutive name-like syllables from token i."""
        n = 0
        while i + n < len(self.toks) and _is_name_syllable(self.toks[i + n]):
            n += 1
        return n

    def place_at(self, i: int, local: bool) -> int:
        """Token count of the longest place name at i (provinces; districts/wards if local)."""
        best = 0
        for n in range(1, 5):
            if i + n > len(self.toks) or not _is_name_syllable(self.toks[i + n - 1]):
                break
            kind = self.places.get(" ".join(t.key for t in self.toks[i:i + n]))
            if kind in _WIDE_PLACES or (kind and local):
                best = n
        return best

    def _find_provinces(self) -> dict[int, str]:
        found = {}
        prov_keys = {N.fold(p): p for p in N.province_names()}
        dashed = self._dashed_provinces()
        i = 0
        while i < len(self.toks):
            if i in dashed:
                found[i], i = dashed[i]
                continue
            n = self.place_at(i, local=False)
            if n:
                key = " ".join(t.key for t in self.toks[i:i + n])
                outlet = any(i >= m and _match(_OUTLET_HEADS, self.toks, i - m) == (m, phrase)
                             and self.toks[i - m].text[:1].isupper()
                             for m, phrase in _OUTLET_LENGTHS)
                person = i > 0 and self.toks[i - 1].key in N.SURNAME_KEYS \
                    and (self.name_at(i - 1, generous=False) or (0, 0))[1] == i + n  # "Lê Vĩnh Phúc"
                if key in prov_keys and key != N.fold("Việt Nam") and not outlet and not person:
                    found[i] = prov_keys[key]
                i += max(n, 1)
            else:
                i += 1
        return found

    def _dashed_provinces(self) -> dict[int, tuple[str, int]]:
        """'Thừa Thiên - Huế': a two-part province written with a dash, as one name (not 'Huế').
        Token index of its first word -> (canonical name, index after it)."""
        out = {}
        found = {}
        # The long alternation runs only around each dash between two words (most texts have few).
        for dash in _WORD_DASH.finditer(self.text):
            at = dash.start(1)
            for m in _DASHED_PROVINCE.finditer(self.text, max(0, at - 40), min(len(self.text), at + 40)):
                if m.start() <= at < m.end():
                    found[m.start()] = m
        for m in found.values():
            a, b = _token_index(self, m.start()), _token_index(self, m.end() - 1) + 1
            name = _DASHED_NAMES.get(N.fold(re.sub(r"\s*[-–]\s*", " ", m.group())))
            if name and self.toks[a].start == m.start():
                out[a] = (name, b)
        return out

    def is_org_word(self, i: int) -> bool:
        return _match(_ORG_HEADS, self.toks, i) is not None or _match(_TITLES, self.toks, i) is not None

    def name_at(self, i: int, generous: bool) -> tuple[int, int] | None:
        """A full name (token span) starting exactly at i and ending at a boundary."""
        run = self.name_run(i)
        first_text = self.toks[i].text if i < len(self.toks) else ""
        longest = 5 if first_text == "Y" or first_text.startswith(_LONG_NAME_STARTS) else 4
        if not 2 <= run <= longest or self.place_at(i, local=False) == run:
            return None
        first = self.toks[i]
        if self.place_at(i + 1, local=False) == run - 1 and (
                self.is_org_word(i) or not N.is_surname(first.text) or first.key in N.NOT_NAME_KEYS):
            return None  # "Đoàn Quảng Ninh": a body of a province; "Lê Vĩnh Phúc" is a person
        if first.key in _MIDDLE_SURNAMES and run >= 3 and self.toks[i + 1].key in _MIDDLE_NAMES:
            return i, i + run  # "Thành Văn Nhựt": "Thành" opens a name only before a middle syllable
        if first.key in _WEAK_SURNAMES and self.place_at(i, local=True) == run:
            return None  # "A Lưới" is a district
        if (N.is_surname(first.text) or "-" in first.text) and (first.key not in N.NOT_NAME_KEYS or run >= 3):
            if not self.is_org_word(i) or first.key in N.SURNAME_KEYS:
                return i, i + run
        if generous and all(t.key not in N.NOT_NAME_KEYS for t in self.toks[i:i + run]) \
                and not any(N.is_surname(t.text) for t in self.toks[i + 1:i + run - 1]) \
                and not any(self.is_org_word(k) for k in range(i, i + run)) \
                and self.place_at(i, local=True) != run:
            return i, i + run
        return None

    def name_over_place(self, i: int, n: int, province_level: bool) -> tuple[int, int] | None:
        """After a unit word, a capitalised run that is a person rather than the unit's name.

        Provinces are a closed list, so after "tỉnh"/"thành phố" a 2-4 syllable run that is no
        province is a person ("UBND tỉnh A Đinh"); a ward or district that is only the head of
        the run ("tỉnh Hồ Văn X", "Đinh Văn" is a town) yields to a surname-first name whose
        rest is no name of its own."""
        run = self.name_run(i)
        if not 2 <= run <= 5 or n == run:
            return None
        name = self.name_at(i, generous=province_level and not n)
        if not name or name[1] != i + run:
            return None
        if not n:
            return name if province_level else None
        if self.places.get(" ".join(t.key for t in self.toks[i:i + n])) != "local" \
                or not N.is_surname(self.toks[i].text) or self.toks[i].key in _WEAK_SURNAMES:
            return None
        if run - n >= 2 and self.toks[i + n].key not in _MIDDLE_NAMES and self.name_at(i + n, generous=True):
            return None  # "huyện Đinh Văn Lò Văn X": the place, then a name of its own
        return name

    def country_at(self, i: int) -> int:
        """Token count of a country's name at i (Vietnam included), else 0."""
        n = self.place_at(i, local=False)
        key = " ".join(t.key for t in self.toks[i:i + n])
        return n if n and (self.places.get(key) == "country" or key == _VIET_NAM) else 0

    def posted_from(self, j: int) -> bool:
        """'Đại sứ Nhật Bản tại Việt Nam': a country right after an office names the sending state
        when "tại" and the host country follow."""
        n = self.country_at(j)
        return bool(n) and self.tok(j + n) is not None and self.toks[j + n].key in _POSTED_TO \
            and bool(self.country_at(j + n + 1))

    def split_name(self, i: int) -> tuple[int, int] | None:
        """In a capitalised run at i longer than a name, the name that ends it (surname first)."""
        run = self.name_run(i)
        for p in range(i, i + run - 1):
            if i + run - p <= 4 and N.is_surname(self.toks[p].text) and self.toks[p].key not in N.NOT_NAME_KEYS \
                    and self.place_at(p, local=False) != i + run - p:  # "Báo Hà Giang": a province
                return p, i + run
        return None

    # ---- titles and organisations ------------------------------------------------------
    def title_at(self, i: int, any_case: bool = False) -> tuple[int, str] | None:
        t = self.tok(i)
        if t is None or not t.text[:1].isalpha():
            return None
        if t.key not in _TITLES and t.key not in _COMMITTEE_MEMBER:
            return None  # no office starts with this word (most tokens: the cheap answer first)
        if not any_case and not t.text[0].isupper():
            # "đại biểu Quốc hội tỉnh X Vàng Thị Y": an office written in lower case is still one
            # when it holds a proper noun; "chủ tịch xã" and the like are not read here.
            m = self.title_at(i, any_case=True)
            if m and m[1] != "committee" \
                    and any(self.toks[k].text[:1].isupper() for k in range(i + 1, i + m[0])):
                return m
            return None
        if _match(_NON_POSITIONS, self.toks, i):
            return None
        member = _match(_COMMITTEE_MEMBER, self.toks, i)
        if member:
            return member[0], "committee"
        for keys, _phrase in _TITLES.get(t.key, ()):
            n = len(keys)
            if i + n > len(self.toks) or any(self.toks[i + k].key != keys[k] for k in range(n)):
                continue
            key = " ".join(keys)
            if key in _SHARED_HEAD and self.name_at(i + n - 1, generous=False):
                continue  # "Bí thư Đoàn Văn X": Đoàn is the surname, not the Youth Union
            return n, key
        return None

    def parse_position(self, i: int, owner_known: bool = False):
        """Parse [nguyên] TITLE [khóa XV] [ORG] [NAME] at i.

        owner_known: the holder was named before the chain ("ông X, Trưởng ấp Y"), so a
        capitalised run after a unit word is that unit's name, not a second person.
        Returns (Position, holder token span or None, next index) or None when no title."""
        former = False
        if self.tok(i) and self.tok(i).key in _FORMER:
            former, i = True, i + 1
        m = self.title_at(i, any_case=True)
        if not m:
            return None
        n, key = m
        t_start, j = i, i + n
        title_text = self.text[self.toks[i].start:self.toks[j - 1].end]
        foreign = self.foreign_holder(j) if key in _FOREIGN_TITLES else None
        if foreign:
            return (Position(title=title_text, organization=None, former=former, start=self.toks[i].start,
                             end=self.toks[j - 1].end), foreign, foreign[1])
        short_body = self.province_short_body(key, j)
        if short_body:
            org, holder = short_body
            return (Position(title=title_text, organization=org, former=former, start=self.toks[i].start,
                             end=self.toks[holder[0] - 1].end), holder, holder[1])
        org_start = None
        if key == "committee":
            title_text = "Ủy viên"
            org_implicit = _COMMITTEE[" ".join(t.key for t in self.toks[i:j])]
        else:
            org_implicit = None
        # "Đại biểu Quốc hội khóa XV": the term belongs to the title.
        if self.tok(j) and self.tok(j).key == _KHOA and self.tok(j + 1) and _ROMAN.match(self.toks[j + 1].text):
            j += 2
            title_text = self.text[self.toks[i].start:self.toks[j - 1].end]
        if self.tok(j + 2) and (self.toks[j].key, self.toks[j + 1].key) == _PHU_TRACH \
                and self.toks[j + 2].text[:1].isupper():
            j += 2  # "Phó Cục trưởng phụ trách Cục Việc làm": the body follows the duty
        if key in _SHARED_HEAD:
            nxt = self.tok(j)
            if nxt and nxt.text not in _SENTENCE_END and (
                    _is_name_syllable(nxt) or nxt.text.isupper() or _match(_ORG_LOWER, self.toks, j)
                    or _match(_ORG_LEVELS, self.toks, j)) and not self.name_at(j, generous=False):
                head_toks = _tokenize(_SHARED_HEAD[key])
                # "Phó Trưởng Ban Ban Dân tộc" (feed summaries double the word): the body is written out.
                doubled = [t.key for t in self.toks[j:j + len(head_toks)]] == [t.key for t in head_toks]
                org_start = j if doubled else j - len(head_toks)
            elif key in _NEEDS_BODY:
                return None
            low = _match(_ORG_LOWER, self.toks, j)
            body_starts = self.tok(j) is not None and (self.toks[j].text[:1].isupper() or (
                low is not None and self.tok(j + low[0]) is not None and self.toks[j + low[0]].text[:1].isupper()))
            if key in _NEEDS_BODY and (not body_starts or (i > 0 and self.toks[i - 1].key == _LAM)):
                return None  # "làm trưởng đoàn (kiểm tra)": the head of one trip, not a position
        lower_head = _match(_LOWER_HEADS, self.toks, j) if org_start is None else None
        after = j + lower_head[0] if lower_head else j
        if lower_head and not (self.toks[j].text[:1].islower() and self.tok(after) is not None and (
                self.toks[after].text[:1].isupper() or _match(_ORG_LEVELS, self.toks, after)
                or _match(_ORG_LOWER, self.toks, after))):
            lower_head = None
        if lower_head:
            # "Bí thư chi đoàn thôn Khuổi Ổ": a body opened in lower case.
            org_start = j
            org_end, holder, k = self.parse_org(j + lower_head[0] - 1, has_head=True, owner_known=owner_known)
        elif org_start is None and n >= 2 and (unit := self._title_unit(key)):
            # "Trưởng bản Nà Ngòa", "Trưởng khu vực 3": the unit's name follows the title's own unit word.
            org_end, holder, k = self.parse_org(j - 1, has_head=True, owner_known=owner_known)
            org_start = j - unit if org_end > j else None
        else:
            low = _match(_ORG_LOWER, self.toks, j) if org_start is not None else None
            skip = low[0] - 1 if low else 0  # "Trưởng đoàn đại biểu Quốc hội": a two-word continuation
            org_end, holder, k = self.parse_org(j + skip, has_head=org_start is not None, owner_known=owner_known)
        if org_start is None and org_end > j:
            org_start = j
        if key in _HEAD_NOT_IN_TITLE:
            head_len = len(_tokenize(_SHARED_HEAD[key]))
            title_text = self.text[self.toks[t_start].start:self.toks[t_start + n - head_len - 1].end]
            if org_start is None:
                org_start, org_end = t_start + n - head_len, max(org_end, t_start + n)
        organization = None
        if org_start is not None and org_end - org_start == 1 and self.toks[org_start].key in _LEVEL_WORDS:
            org_start = None  # "Trưởng bản Lò Văn Pánh": the unit word alone names no body
        if org_start is not None and holder is None:
            org_end, holder, k = self.parent_body(org_start, org_end, holder, k, owner_known)
        if org_start is not None:
            # "Phó Trưởng Công an xã Thiếu tá Đoàn Thị Hạnh": a rank before the holder is no part of the body.
            while org_end - org_start > 2 and (rank := next((r for r in range(1, 3) if _match(_RANKS, self.toks, org_end - r)
                                                              and _match(_RANKS, self.toks, org_end - r)[0] == r), 0)):
                org_end -= rank
            organization = self._clean_org(self.text[self.toks[org_start].start:self.toks[org_end - 1].end])
        elif org_implicit:
            organization = org_implicit
        elif holder is None and (ref := _match(_LOWER_REFERRING, self.toks, j)):
            org_end = k = j + ref[0]  # "Hiệu trưởng nhà trường": resolved to the school named before
            organization = self.text[self.toks[j].start:self.toks[k - 1].end]
        end = self.toks[max(org_end, j) - 1].end
        pos = Position(title=title_text, organization=organization, former=former,
                       start=self.toks[t_start].start, end=end)
        honorific = _match(_HONORIFICS, self.toks, k) if holder is None else None
        if honorific and self.name_at(k + honorific[0], generous=True):
            holder = self.name_at(k + honorific[0], generous=True)  # "Giám đốc Sở Y tế bà Nguyễn Thị Hoa"
        if holder is None and (name := self.name_after_break(k)):
            holder, k = name, name[1]
        if holder is None and self.tok(k) and _is_name_syllable(self.toks[k]) and self.name_run(k) == 1 \
                and not self.is_org_word(k) and self.toks[k].key not in N.NOT_NAME_KEYS:
            holder = ("short", k)
        return pos, holder, k

    def province_short_body(self, key: str, j: int):
        """'Chủ tịch Thái Nguyên Phạm Hoàng Sơn', 'Bí thư Hà Tĩnh Nguyễn Văn X': news headlines name the
        province for its People's Committee or Party committee. Returns (organization, holder) or None."""
        body = _PROVINCE_SHORT_BODY.get(key)
        if body is None or self.tok(j) is None or j not in self.province_at:
            return None
        province = self.province_at[j]
        n = self.place_at(j, local=False) or 1
        holder = self.name_at(j + n, generous=False) if self.tok(j + n) is not None else None
        if holder is None:
            return None
        city = N.fold(province) in _CITY_ONLY
        if body == "UBND":
            return f"UBND {'thành phố' if city else 'tỉnh'} {self.text[self.toks[j].start:self.toks[j + n - 1].end]}", holder
        return f"{'Thành ủy' if city else 'Tỉnh ủy'} {self.text[self.toks[j].start:self.toks[j + n - 1].end]}", holder

    def foreign_holder(self, j: int) -> tuple[int, int] | None:
        """'Tổng thống Mỹ Donald Trump': after a state office, a foreign country's short name and a name
        that is no Vietnamese one (its first syllable no Vietnamese surname): that name is the holder."""
        state = _match(_FOREIGN_STATES, self.toks, j)
        if not state or not self.toks[j].text[:1].isupper():
            return None
        k = j + state[0]
        run = 0
        while self.tok(k + run) is not None and self.toks[k + run].text[:1].isupper() \
                and self.toks[k + run].text.replace("-", "").isalpha() and run < 4:
            run += 1
        if run < 2 or N.is_surname(self.toks[k].text) or self.is_org_word(k):
            return None
        return k, k + run

    def name_after_break(self, k: int) -> tuple[int, int] | None:
        """'Viện trưởng Viện Kiểm sát nhân dân tối cao\nNguyễn Thế Bảo.': a stray line break inside a
        sentence (the line ends with no punctuation) between an office and a full name that goes on
        with the sentence; a name alone on its line is a byline, not a holder."""
        if not (self.tok(k + 1) and k > 0 and self.toks[k].text == "\n" and self.toks[k - 1].text[:1].isalnum()):
            return None
        name = self.name_at(k + 1, generous=False)
        if name is None or self.tok(name[1]) is None or self.toks[name[1]].text == "\n":
            return None
        return name

    def parent_body(self, org_start: int, org_end: int, holder, k: int, owner_known: bool):
        """'Khoa Luật, Trường Đại học Cần Thơ': a sub-unit that exists only inside a parent body
        takes the parent named right after a comma. Returns (org end, holder, next index)."""
        sub = _match(_SUBUNITS, self.toks, org_start)
        if not sub or org_end - org_start <= sub[0] or not self.tok(org_end + 1) \
                or self.toks[org_end].text != ",":
            return org_end, holder, k
        parent = _match(_PARENT_HEADS, self.toks, org_end + 1)
        if not parent or parent[1] not in T.SUBUNIT_PARENTS[sub[1]] or not self.toks[org_end + 1].text[:1].isupper():
            return org_end, holder, k
        end, more_holder, nxt = self.parse_org(org_end + parent[0], has_head=True, owner_known=owner_known)
        if end <= org_end + parent[0]:
            return org_end, holder, k
        return end, more_holder, nxt

    def _after_field(self, i: int) -> bool:
        """The tokens right before i are a field of a body's name ("Giao thông" in "Bộ Giao thông
        vận tải"), so a field word after it continues the name even in lower case."""
        return any(i >= m and (f := _match(_FIELD_WORDS, self.toks, i - m)) is not None and f[0] == m
                   for m in (1, 2, 3))

    @staticmethod
    def _title_unit(key: str) -> int:
        """Token count of the unit word a village-level office ends with ("trưởng bản" -> 1,
        "trưởng khu vực" -> 2), else 0."""
        words = key.split()
        if words[-1] in _LEVEL_WORDS:
            return 1
        return 2 if len(words) >= 3 and " ".join(words[-2:]) in _LEVEL_PHRASES else 0

    def parse_org(self, j: int, has_head: bool, owner_known: bool = False) -> tuple[int, tuple[int, int] | None, int]:
        """Organisation tokens from j: returns (org end index, holder name span, next index)."""
        toks = self.toks
        if not has_head:
            name = self.name_at(j, generous=True)
            if name:
                return j, name, name[1]
            t = self.tok(j)
            if t is None or not (_match(_ORG_HEADS, toks, j) or (t.text[:1].isupper() and t.text[:1].isalpha())):
                return j, None, j
            if self.place_at(j, local=False) and not _match(_ORG_HEADS, toks, j) and not self.posted_from(j):
                return j, None, j
            if not _match(_ORG_HEADS, toks, j) and self.name_run(j) == 1 and _is_name_syllable(t) \
                    and not (self.tok(j + 1) and self.toks[j + 1].text[:1].islower()
                             and f"{t.key} {self.toks[j + 1].key}" in self.words):
                return j, None, j  # "Thứ trưởng Hà": a given name, not a body
        # A head of several words is read whole ("Đại sứ quán": no "Đại sứ" then a lower-case "quán").
        head = None if has_head else _match(_ORG_HEADS, toks, j)
        end = j + (1 if has_head else head[0] if head and head[0] > 1 else 0)
        i = end
        after_place = False
        after_level = False
        while i < len(toks):
            t = toks[i]
            if t.text in {"-", "–", "&"} and i == end and i > j and self.tok(i + 1) is not None \
                    and self.toks[i + 1].text[:1].isupper() and self.title_at(i + 1) is None \
                    and not self.name_at(i + 1, generous=False):
                i += 1  # "Sở Lao động - Thương binh và Xã hội", "Sở GD&ĐT"
                continue
            if t.text == "," and i == end and i > j and (field := _match(_FIELD_WORDS, toks, i + 1)):
                if self.toks[i + 1].text[:1].isupper():
                    i += 1  # "Bộ Văn hóa, Thể thao và Du lịch"
                    continue
                if self._after_field(i) and N.fold(field[1]) not in _FIELD_VERBS:
                    i = end = i + 1 + field[0]  # "Cục Hộ tịch, quốc tịch, chứng thực": fields in lower case
                    continue
            if t.text == "(" and i == end and i > j and self.tok(i + 2) is not None \
                    and toks[i + 2].text == ")" and len(toks[i + 1].text) >= 2 and toks[i + 1].text.isupper():
                i = end = i + 3  # "Cơ quan Hợp tác quốc tế Nhật Bản (JICA)": the acronym in brackets
                continue
            if t.text in _SENTENCE_END or not t.text[:1].isalnum():
                break
            if t.key in _POSTED_TO and i == end and self.country_at(i + 1):
                i += 1  # "Đại sứ quán Nhật Bản tại Việt Nam": the country a mission is posted to
                continue
            level = _match(_ORG_LEVELS, toks, i)
            low = _match(_ORG_LOWER, toks, i)
            if level and low and low[0] > level[0]:
                level = None  # "Cục Bảo trợ xã hội": "xã hội" is a word, not the unit "xã"
            if level and t.text[:1].islower() or (level and t.key == "tp"):
                i += level[0]
                if t.key == "tp" and self.tok(i) and self.toks[i].text == ".":
                    i += 1
                end, after_level = i, True
                province_level = level[0] == 1 and t.key in _PROVINCE_LEVEL_WORDS
                n = self.place_at(i, local=True)
                whole = self.name_over_place(i, n, province_level) if not owner_known else None
                if whole:
                    return end, whole, whole[1]  # "UBND tỉnh Hồ Văn X": a surname that is also a ward
                if n:
                    i = end = i + n
                    after_place, after_level = True, False
                    continue
                run = self.name_run(i)
                if run:
                    name = self.split_name(i)
                    if name and name[0] > i:
                        end = name[0]
                        return end, name, name[1]
                    if name and 2 <= run <= 4 and not owner_known:
                        return end, name, name[1]  # "UBND tỉnh Hoàng Xuân Ánh": no place named
                    i = end = i + run
                    after_place, after_level = True, False
                continue
            if _is_name_syllable(t) or (t.text[:1].isupper() and t.text[:1].isalpha()):
                if owner_known and i == end and i > 0 and toks[i - 1].key in _LEVEL_WORDS \
                        and toks[i - 1].text[:1].islower() and 1 <= self.name_run(i) <= 4:
                    # "ông X, Trưởng ấp Cù Y": the hamlet's name (an acronym such as "KDC" is no
                    # name run: it falls through, so the index always advances)
                    i = end = i + self.name_run(i)
                    after_place = True
                    continue
                n = self.place_at(i, local=False)
                if n:
                    i = end = i + n
                    after_place = True
                    continue
                name = self.name_at(i, generous=after_place)
                if name and name[1] == i + self.name_run(i):
                    return end, name, name[1]
                run = self.name_run(i)
                if run > 4 or (run and self.split_name(i) and self.split_name(i)[0] > i and run > 2):
                    name = self.split_name(i)
                    if name and name[0] > i:
                        return name[0], name, name[1]
                i = end = i + max(run, 1)
                continue
            if t.text.isdigit() and i > j and i == end and not after_level and len(t.text) <= 3:
                i = end = i + 1
                continue
            if t.text[:1].islower():
                low = _match(_ORG_LOWER, toks, i)
                if low:
                    i = end = i + low[0]
                    continue
                prev = toks[i - 1] if i > 0 else None
                if prev is not None and i == end and prev.text[:1].isupper() and \
                        f"{prev.key} {t.key}" in self.words:
                    i = end = i + 1
                    continue
                nxt = self.tok(i + 1)
                if prev is not None and nxt is not None and i == end and prev.text[:1].isupper() and \
                        f"{prev.key} {t.key} {nxt.key}" in self.words:
                    i = end = i + 2  # "Hội Cựu chiến binh": a three-syllable word opened in capitals
                    continue
                field = _match(_FIELD_WORDS, toks, i)
                if field and i == end and self._after_field(i) and N.fold(field[1]) not in _FIELD_VERBS:
                    i = end = i + field[0]  # "Bộ Giao thông vận tải": a field named in sentence case
                    continue
                if t.key == "và" and i == end and self._after_field(i) \
                        and (field := _match(_FIELD_WORDS, toks, i + 1)):
                    i = end = i + 1 + field[0]  # "Bộ Kế hoạch và đầu tư"
                    continue
                if t.key in _CONNECTORS and self.tok(i + 1) and self.toks[i + 1].text[:1].isupper():
                    if t.key == "và" and self.name_at(i + 1, generous=False):
                        break
                    i += 1
                    continue
                # "Vụ tuyên truyền": a lower-case dictionary word right after the head.
                nxt = self.tok(i + 1)
                if i == end and i - j <= 1 and nxt is not None and f"{t.key} {nxt.key}" in self.words \
                        and not _match(_NOT_ORG_WORDS, toks, i):
                    i = end = i + 2
                    continue
            break
        return end, None, end

    @staticmethod
    def _clean_org(org: str) -> str | None:
        org = _GLUED_LEVEL.sub(r"\1 \2", " ".join(org.split())).strip(" ,;-–")
        return org or None

    def body_before(self, title: str, at: int, far: bool = True) -> str | None:
        """The nearest earlier body of the kind a bare office implies, within the paragraph; else
        the one body of that kind the article names before it ("Bộ Giáo dục và Đào tạo vừa ban
        hành ..." in the lead, "Thông tư do Thứ trưởng X ký" below). With two or more such bodies
        earlier in the article, the office stays without one rather than guess."""
        key = N.fold(title)
        head = _IMPLICIT_BODY.get(key[4:] if key.startswith(N.fold("phó ")) else key)
        if head is None:
            return None
        head_keys = tuple(t.key for t in _tokenize(head))
        same_paragraph = True
        bodies: dict[str, str] = {}
        for k in range(at - 1, -1, -1):
            if self.toks[k].text == "\n":
                same_paragraph = False
                if not far:
                    return None
            if self.toks[k].key != head_keys[0] or self.title_at(k - 1, any_case=True):
                continue
            body = self._body_at(k, head, head_keys)
            if body and same_paragraph:
                return body
            if body and N.fold(body) not in _NOT_IMPLICIT_BODIES and self.toks[k - 1].key not in _PARTNER_WORDS:
                bodies.setdefault(N.fold(body), body)
        return next(iter(bodies.values())) if len(bodies) == 1 else None

    def referent(self, org: str, at: int) -> str | None:
        """'Giám đốc Sở', 'Hiệu trưởng nhà trường': the body of that kind named in full earlier in
        the article. A bare head word ("Sở") resolves only when one such body is named (with two,
        "Sở" stays as written rather than guess); a phrase ("nhà trường") takes the nearest, and
        is dropped when none is named."""
        head = _REFERRING[N.fold(org)]
        head_keys = tuple(t.key for t in _tokenize(head))
        bodies = []
        for k in range(at - 1, -1, -1):
            if not self.title_at(k - 1, any_case=True):
                body = self._body_at(k, head, head_keys)
                if body and N.fold(body) not in {N.fold(b) for b in bodies}:
                    bodies.append(body)
        if org[:1].isupper():
            return bodies[0] if len(bodies) == 1 else org
        return bodies[0] if bodies else None

    def _body_at(self, k: int, head: str, head_keys: tuple[str, ...]) -> str | None:
        t = self.toks[k]
        if tuple(x.key for x in self.toks[k:k + len(head_keys)]) != head_keys \
                or t.text[:1].isupper() != head[:1].isupper():
            return None
        longer = _match(_ORG_HEADS, self.toks, k)
        if longer and longer[0] > len(head_keys):
            return None  # "Bộ Chỉ huy", "Bộ Tư lệnh": another kind of body
        end, _holder, _k = self.parse_org(k + len(head_keys) - 1, has_head=True, owner_known=True)
        if end > k + len(head_keys):
            return self._clean_org(self.text[t.start:self.toks[end - 1].end])
        return None

    def complete(self, org: str | None, at: int, chain_end: int = -1) -> str | None:
        """Append the province to a province-level body written without it: "UBND tỉnh" ->
        "UBND tỉnh Lai Châu", "Ban Dân tộc thành phố" -> "Ban Dân tộc thành phố Cần Thơ" (the
        body's own words kept, the province named as the text spells it)."""
        if not org:
            return org
        key = N.fold(org)
        if not key.endswith((*_PROVINCE_ENDINGS, _CITY_ENDING)):
            return org
        city = key.endswith(_CITY_ENDING)
        province = self.province_for(at, chain_end, accept=(lambda p: N.fold(p) in _CENTRAL_CITIES) if city
                                     else (lambda p: N.fold(p) not in _CITY_ONLY))
        if not province:
            return org
        if key.endswith(_CITY_ENDING) and province in _PREFIXED_CITIES:
            return self.complete_prefixed_city(org, at, province)
        return f"{org} {self.written_form(province)}"

    def complete_prefixed_city(self, org: str, at: int, province: str) -> str:
        """'UBND thành phố' in a Hồ Chí Minh City article -> the city as the text writes it
        ('UBND TP. Hồ Chí Minh'): that city's name is never written without its prefix."""
        # The spelled-out name before the abbreviation; of its forms, the nearest before the body,
        # else the first one after it.
        forms = next((found for pattern in _PREFIXED_CITIES[province]
                      if (found := list(pattern.finditer(self.text)))), [])
        if not forms:
            return f"{org} {province}"
        offset = self.toks[at].start if at < len(self.toks) else len(self.text)
        before = [m for m in forms if m.start() < offset]
        m = max(before, key=lambda f: f.start()) if before else min(forms, key=lambda f: f.start())
        return org[:len(org) - len("thành phố")].rstrip() + " " + m.group()

    def written_form(self, province: str) -> str:
        """The province as the text writes it when that differs only by a dash or spacing
        ("Thừa Thiên - Huế" for "Thừa Thiên Huế"), else the canonical name."""
        words = province.split()
        if len(words) < 2:
            return province
        pattern = r"(?<!\w)" + r"\s*[-–]?\s*".join(re.escape(w) for w in words) + r"(?!\w)"
        m = re.search(pattern, self.text)
        return " ".join(m.group().split()) if m else province

    def current_context(self) -> str | None:
        """The article's province, unless the text names it only as a former unit ("khu vực Đắk
        Nông (cũ)" in an article on the merged province): then the most named current one."""
        counts: dict[str, int] = {}
        for k, p in self.province_at.items():
            if k not in self.former_units:
                counts[p] = counts.get(p, 0) + 1
        if not counts or N.fold(self.context_province) in {N.fold(p) for p in counts}:
            return self.context_province
        named = [p for k, p in sorted(self.province_at.items()) if k in self.former_units]
        if N.fold(self.context_province) not in {N.fold(p) for p in named}:
            return self.context_province
        return max(counts, key=counts.get)  # first named wins a tie (dicts keep insertion order)

    @staticmethod
    def most_named(usable: dict[int, str]) -> str:
        counts: dict[str, int] = {}
        for k in sorted(usable):
            counts[usable[k]] = counts.get(usable[k], 0) + 1
        return max(counts, key=counts.get)

    def _former_marks(self) -> tuple[set[int], list[int]]:
        """Where the text speaks of the past, whose provinces complete no current body:
        - former units: a province written as "khu vực X", "X (cũ)", "X cũ", "X trước đây";
        - former clauses: from "từng là"/"từng giữ" or "nguyên"/"cựu" + an office to the end of
          the clause ("ông Vũ từng là Phó Bí thư Tỉnh ủy Hà Giang, nguyên Chủ tịch UBND tỉnh Hà
          Giang" tells nothing of the body of the next person named). Each clause gets its own id."""
        units = set()
        for k in self.province_at:
            before = tuple(t.key for t in self.toks[max(k - 2, 0):k])
            n = self.place_at(k, local=False) or 1
            after = [t.key for t in self.toks[k + n:k + n + 3]]
            if before == _KHU_VUC or after[:1] == [_CU] or (after[1:2] == [_CU] and after[:1] == ["("]) \
                    or tuple(after[:2]) == _TRUOC_DAY:
                units.add(k)
        zone, zones, current = 0, [0] * len(self.toks), 0
        for k, t in enumerate(self.toks):
            if t.text in _SENTENCE_END or t.text == ";" or t.key == _NAY:
                current = 0
            elif (t.key == _TUNG and self.tok(k + 1) and self.toks[k + 1].key in _TUNG_LINKS) or (
                    t.key in _FORMER and self.title_at(k + 1, any_case=True)):
                if not current:
                    zone += 1
                    current = zone
            zones[k] = current
        return units, zones

    def province_for(self, i: int, chain_end: int = -1, accept=None) -> str | None:
        """The province a body at token i belongs to: the nearest one earlier in the sentence or
        later within the same title chain (chain_end), else the article's. accept filters the kind
        of unit: a "thành phố" body belongs to a city run by the centre ("Sở ... thành phố" is never
        that of "phường Sóc Trăng"), a "tỉnh" body to no such city."""
        accept = accept or (lambda _p: True)
        sid = self.sentence[i] if i < len(self.sentence) else -1
        zone = self.former_zone[i] if i < len(self.former_zone) else 0
        usable = {k: p for k, p in self.province_at.items()
                  if k not in self.former_units and self.former_zone[k] in (0, zone) and accept(p)}
        same = [(abs(k - i), k > i, p) for k, p in usable.items() if self.sentence[k] == sid]
        before = [s for s in same if not s[1] or s[0] + i < chain_end]
        if before:
            return min(before)[2]
        # "Chủ tịch UBND tỉnh Khánh Hòa chủ trì ... Cùng dự có bà X, Phó Chánh Thanh tra tỉnh": the
        # province of the paragraph's earlier sentences beats the article's most named one.
        pid = self.paragraph[i] if i < len(self.paragraph) else -1
        earlier = [k for k in usable if k < i and self.paragraph[k] == pid]
        if earlier:
            return usable[max(earlier)]
        # A province later in the sentence usually belongs to another body ("... trình bày, kỳ họp
        # bãi bỏ Nghị quyết của HĐND tỉnh X"): the article's province wins over it.
        if self.context_province and accept(context := self.current_context() or ""):
            return context
        if self.context_province and usable:
            return self.most_named(usable)
        if same:
            return min(same)[2]
        named = {p for p in self.province_at.values() if accept(p)}
        return named.pop() if len(named) == 1 else None

    # ---- chains and names ----------------------------------------------------------------
    def chain(self, i: int, owner_known: bool = False):
        """Positions separated by , ; - from i; returns (positions, holder, next index)."""
        items, holder, k = [], None, i
        while True:
            parsed = self.parse_position(k, owner_known)
            if not parsed:
                break
            pos, holder, k = parsed
            items.append((pos, k))
            if holder is not None:
                break
            t = self.tok(k)
            if t and t.key in _CHAIN_SEPARATORS and self.parse_position(k + 1, owner_known) is not None:
                k += 1
                continue
            break
        # "Thứ trưởng, Phó Chủ nhiệm Ủy ban Dân tộc": a bare title borrows the next body.
        for a in range(len(items) - 2, -1, -1):
            pos, nxt = items[a]
            if pos.organization is None and N.fold(pos.title) not in _NATIONAL \
                    and self.tok(nxt) and self.toks[nxt].text == ",":
                pos.organization = items[a + 1][0].organization
        return [p for p, _ in items], holder, k

    def skip_prefixes(self, i: int) -> tuple[int, bool]:
        """Skip honorifics, degrees and ranks before a name; returns (index, had honorific)."""
        had = False
        while True:
            m = _match(_PREFIXES, self.toks, i)
            if not m:
                return i, had
            i += m[0]
            had = True
            while self.tok(i) and self.toks[i].text in {".", ",", ":"}:  # "các đồng chí: X - ..."
                i += 1

    def skip_aside(self, k: int) -> int:
        """'Ông Danh Út (bìa phải), Phó Chủ tịch ...': a photo caption's bracketed place of the person,
        in lower-case words and numbers, stands between the name and the separator before the office."""
        if not (self.tok(k) and self.toks[k].text == "("):
            return k
        end = k + 1
        while self.tok(end) is not None and end - k <= _MAX_ASIDE and (
                self.toks[end].text[:1].islower() or self.toks[end].text.isdigit()):
            end += 1
        if end > k + 1 and self.tok(end + 1) is not None and self.toks[end].text == ")" \
                and self.toks[end + 1].text in _NAME_TITLE_SEPARATORS:
            return end + 1
        return k

    def skip_descriptor(self, k: int) -> int:
        """'Ông Ksor Byưh, già làng, Trưởng thôn Plei Ơi': a description in lower-case words between
        commas stands between a name and the office. Returns the index of the office, else 0."""
        m = k
        while self.tok(m) is not None and m - k < 4 and self.toks[m].text[:1].islower() \
                and self.toks[m].text.isalpha():
            m += 1
        if m == k or self.tok(m + 1) is None or self.toks[m].text != "," or not self.title_at(m + 1):
            return 0
        return m + 1

    def body_spoken_for(self, a: int) -> str | None:
        """'Thay mặt Ủy ban MTTQ Việt Nam thành phố, bà X, Phó Chủ tịch': the body named after
        "thay mặt" and right before the person (a comma and honorifics between) is that body."""
        comma = next((c for c in range(a - 1, max(a - 5, 0), -1)
                      if self.toks[c].text == "," and self.skip_prefixes(c + 1)[0] == a), None)
        if comma is None:
            return None
        for s in range(comma - 2, max(comma - 20, -1), -1):
            if self.toks[s].text in _SENTENCE_END:
                return None
            cue = next((len(c) for c in _SPEAKING_FOR
                        if tuple(t.key for t in self.toks[s:s + len(c)]) == c), 0)
            head = _match(_ORG_HEADS, self.toks, s + cue) if cue else None
            if head and self.toks[s + cue].text[:1].isupper():
                end, _holder, _k = self.parse_org(s + cue + head[0] - 1, has_head=True, owner_known=True)
                if end == comma:
                    return self._clean_org(self.text[self.toks[s + cue].start:self.toks[end - 1].end])
                return None
        return None

    def names_a_body(self, name: tuple[int, int]) -> bool:
        """'Tại Đồn Biên phòng Đàm Thủy, ...': a run that is a known place right after a body's head
        or a unit word is that body's name, not a person (an honorific would say otherwise)."""
        a, b = name
        if self.place_at(a, local=True) != b - a:
            return False
        if a and self.toks[a - 1].key in _LEVEL_WORDS and self.toks[a - 1].text[:1].islower():
            return True
        return any(a - n >= 0 and (m := _match(_ORG_HEADS, self.toks, a - n)) and m[0] == n
                   for n in range(1, 4))

    def delegate_at(self, i: int):
        """'Đại biểu Hoàng Văn X (Đoàn Bắc Kạn)': a National Assembly deputy named with the
        delegation in brackets, as session reports write them. Returns a found entry or None."""
        if tuple(t.key for t in self.toks[i:i + 2]) != _DELEGATE:
            return None
        name = self.name_at(i + 2, generous=True)
        if not name or not self.tok(name[1] + 2) or self.toks[name[1]].text != "(" \
                or self.toks[name[1] + 1].key != _DELEGATION or not self.toks[name[1] + 1].text[:1].isupper():
            return None
        end = name[1] + 1
        while self.tok(end) is not None and self.toks[end].text not in {")", "\n"} and end - name[1] < 12:
            end += 1
        if self.tok(end) is None or self.toks[end].text != ")":
            return None
        org = self._clean_org(self.text[self.toks[name[1] + 1].start:self.toks[end - 1].end])
        pos = Position(title=T.DELEGATE_TITLE, organization=org, start=self.toks[i].start,
                       end=self.toks[end].end)
        return (*_name_of(self, name), [pos])

    def cue_before(self, i: int) -> bool:
        """An appointment cue ("chức", "chức vụ", "bổ nhiệm") ends right before token i."""
        return any(i >= len(keys) and tuple(t.key for t in self.toks[i - len(keys):i]) == keys
                   for keys in _APPOINTMENT_CUES)

    def listed_after(self, k: int) -> list[tuple[int, int]]:
        """'… đối với: Ông A, ông B và bà C.': further holders of the same office, joined by commas or
        "và", each a bare name (a name followed by its own office is left to be read on its own)."""
        out = []
        while self.tok(k) is not None and self.toks[k].key in _LIST_JOIN:
            j, _ = self.skip_prefixes(k + 1)
            name = self.name_at(j, generous=True) if self.tok(j) is not None else None
            if not name:
                break
            nxt = self.tok(name[1])
            if nxt is not None and (nxt.key not in _LIST_END or (
                    nxt.text == "," and self.title_at(name[1] + 1, any_case=True))):
                break
            out.append(name)
            k = name[1]
        return out

    def plural_list_at(self, i: int):
        """'Các phó chủ tịch UBND tỉnh gồm ông X, Y, Z', 'Bộ Tài chính còn có 3 thứ trưởng gồm: A, B':
        an office in the plural, then its holders. Returns (positions, [name spans], next index)."""
        t = self.tok(i)
        if t is None or not (t.key in _PLURAL or t.text.isdigit()):
            return None
        parsed = self.parse_position(i + 1, owner_known=False)
        if not parsed or parsed[1] is not None:
            return None
        pos, _holder, k = parsed
        link = _match(_LIST_LINKS, self.toks, k)
        if not link:
            return None
        k += link[0]
        while self.tok(k) is not None and self.toks[k].text == ":":
            k += 1
        j, _ = self.skip_prefixes(k)
        first = self.name_at(j, generous=True) if self.tok(j) is not None else None
        if not first:
            return None
        names = [first, *self.listed_after(first[1])]
        if pos.organization is None and N.fold(pos.title) not in _NATIONAL:
            pos.organization = self.owner_before(i)
        return [pos], names, names[-1][1]

    def owner_before(self, i: int) -> str | None:
        """'Bộ Tài chính còn có 3 thứ trưởng': the body that "has" the office, right before it."""
        k = i
        while k > 0 and self.toks[k - 1].key in _HAS:
            k -= 1
        if k == i:
            return None
        for s in range(k - 1, max(k - 10, -1), -1):
            if self.toks[s].text in _SENTENCE_END or self.toks[s].text == ",":
                return None
            head = _match(_ORG_HEADS, self.toks, s)
            if head and self.toks[s].text[:1].isupper():
                end, _holder, _k = self.parse_org(s + head[0] - 1, has_head=True, owner_known=True)
                if end == k:
                    return self._clean_org(self.text[self.toks[s].start:self.toks[end - 1].end])
        return None

    def holder_after(self, k: int) -> tuple[int, int] | None:
        """'... đối với ông Trần Văn Chuyện': the holder later in the same sentence."""
        sid = self.sentence[k - 1] if k else 0
        for i in range(k, min(len(self.toks), k + _MAX_HOLDER_LOOKAHEAD)):
            if self.sentence[i] != sid:
                return None
            m = _match(_HOLDER_LINKS, self.toks, i)
            if m:
                j = i + m[0]
                while self.tok(j) is not None and self.toks[j].text == ":":
                    j += 1  # "đối với: Ông A, ông B"
                j, _ = self.skip_prefixes(j)
                name = self.name_at(j, generous=True)
                if name:
                    return name
        return None


def _name_of(parser: _Parser, span: tuple[int, int]) -> tuple[str, int, int]:
    a, b = parser.toks[span[0]], parser.toks[span[1] - 1]
    return parser.text[a.start:b.end], a.start, b.end


def find_officials(text: str, context_province: str | None = None) -> list[Official]:
    """Every named person with at least one position, in order of first mention."""
    if not text:
        return []
    p = _Parser(text, context_province)
    found: list[tuple[str, int, int, list[Position]]] = []
    shorts: list[tuple[int, int, list[Position]]] = []
    toks = p.toks
    i, last, steps = 0, -1, 0
    reread = -1  # token index of a holder just named after its office, read again for its own chain
    while i < len(toks):
        if i <= last:  # every step moves forward: a rule that would stay or step back cannot loop
            i = last + 1
            if i >= len(toks):
                break
        last = i
        steps += 1
        if not steps & 255:
            check("officials")
        t = toks[i]
        plural = p.plural_list_at(i)
        if plural:
            positions, names, nxt = plural
            for span in names:
                found.append((*_name_of(p, span), [dataclasses.replace(pos) for pos in positions]))
            i = nxt
            continue
        # Pattern 2: [honorific] NAME sep [link] TITLE ...
        j, had_prefix = p.skip_prefixes(i)
        name = p.name_at(j, generous=had_prefix) if j < len(toks) else None
        delegate = p.delegate_at(i)
        if delegate:
            found.append(delegate)
            i = _token_index(p, delegate[3][0].end - 1) + 1
            continue
        if name and not had_prefix and p.names_a_body(name):
            i = name[1]
            continue
        if name and (had_prefix or p.title_at(i) is None):
            k = name[1]
            if p.tok(k + 3) and toks[k].text == "," and toks[k + 1].text.isdigit() \
                    and toks[k + 2].key == _TUOI and toks[k + 3].text == ",":
                k += 3  # "Chau Sóc Khanh, 22 tuổi, Bí thư Chi đoàn ấp X": the age stands between
            k = p.skip_aside(k)
            if p.tok(k) and toks[k].text in _NAME_TITLE_SEPARATORS:
                k += 1
                rank = _match(_RANKS, toks, k)
                if rank and p.tok(k + rank[0]) and toks[k + rank[0]].text in _NAME_TITLE_SEPARATORS \
                        and p.title_at(k + rank[0] + 1):
                    k += rank[0] + 1  # "ông Trần Văn Sơn, Đại tá, Chỉ huy trưởng …": a rank is no office
            link = _match(_LINKS, toks, k)
            if link:
                k += link[0]
            positions, holder, nxt = p.chain(k, owner_known=name[0] != reread) if k > name[1] else ([], None, k)
            if not positions and k > name[1] and (d := p.skip_descriptor(k)):
                positions, holder, nxt = p.chain(d, owner_known=True)
            if positions and holder is None and (body := p.body_spoken_for(name[0])):
                for pos in positions:
                    if pos.organization is None and N.fold(pos.title) not in _NATIONAL:
                        pos.organization = body
            for cue in (3, 2, 1):
                # "ông X, Phó Cục trưởng ... giữ chức Cục trưởng Cục Y": the new office is X's too.
                # Longest cue first, but "giữ chức Vụ trưởng" is no "giữ chức vụ" + "trưởng".
                if not positions or holder is not None \
                        or tuple(t.key for t in toks[nxt:nxt + cue]) not in _APPOINTMENT_CUES:
                    continue
                more, more_holder, nxt2 = p.chain(nxt + cue, owner_known=True)
                if more and more_holder is None:
                    positions, nxt = positions + more, nxt2
                    break
            if positions and holder is None:
                found.append((*_name_of(p, name), positions))
                i = nxt
                continue
            if positions and holder is not None and holder[0] != "short":
                # The chain after a named person is that person's; a second name where the
                # chain stops ("Trưởng thôn Ka Vin") is a place unless an honorific opens it.
                # In a list of offices each before its holder ("Chủ tịch Ủy ban … Đỗ Văn Chiến, Phó Thủ
                # tướng thường trực Nguyễn Hòa Bình, …") the office after a holder is the next one's.
                owner = holder if _match(_HONORIFICS, toks, holder[0] - 1) or (
                    holder[0] > 1 and _match(_HONORIFICS, toks, holder[0] - 2)) or (
                    name[0] == reread and k > name[1] and toks[name[1]].text == ","
                    and holder[1] - holder[0] >= 3 and toks[holder[0]].key in N.SURNAME_KEYS) else name
                found.append((*_name_of(p, owner), positions))
                i = holder[0] if owner is name else holder[1]
                continue
            i = name[1]
            continue
        # Pattern 1 and 3: TITLE chain [NAME]
        if p.title_at(i) or (t.key in _FORMER and p.title_at(i + 1)):
            positions, holder, nxt = p.chain(i)
            if positions:
                if holder and holder[0] == "short":
                    shorts.append((holder[1], holder[1] + 1, positions))
                    i = holder[1] + 1
                    continue
                linked = False
                if holder is None and p.cue_before(i):
                    holder = p.holder_after(nxt)
                    linked = holder is not None
                if holder is None and p.tok(nxt) and toks[nxt].text in {",", "-", "–"}:
                    # "Giám đốc Công an tỉnh, Thiếu tướng Nguyễn Văn X, phát biểu": rank or honorific
                    # then the holder right after the chain.
                    j, had_prefix = p.skip_prefixes(nxt + 1)
                    holder = p.name_at(j, generous=True) if had_prefix and j < len(toks) else None
                if holder is not None:
                    found.append((*_name_of(p, holder), positions))
                    if linked:
                        for span in p.listed_after(holder[1]):
                            found.append((*_name_of(p, span), [dataclasses.replace(pos) for pos in positions]))
                    # Re-read from the name: "đối với ông X, Phó Bí thư Tỉnh ủy" adds X's own chain.
                    reread = holder[0]
                    i = holder[0] if holder[0] > i else nxt
                    continue
                i = max(nxt, i + 1)
                continue
        i += 1
    return [o for o in _merge(p, found, shorts) if not _historical(text, o)]


_HISTORICAL = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in T.HISTORICAL_CUES) + r")(?!\w)[^.;!?\n]{0,30}$",
                         re.IGNORECASE)


_HISTORICAL_AFTER = re.compile(r"\s*,?\s*tại\s+(?:" + "|".join(re.escape(w) for w in T.HISTORICAL_PLACES) + r")(?!\w)",
                               re.IGNORECASE)


def _historical(text: str, person: Official) -> bool:
    """Whether every mention of the person follows a birthday, museum or memorial cue in its clause, or is
    honoured at a museum or memorial ("dâng hương Chủ tịch X tại bảo tàng X")."""
    spans = person.mentions or [(0, 0)]
    for s, e in spans:
        before = [p.start for p in person.positions if p.end <= s and s - p.end <= 3]
        at = min([s, *before])
        if not _HISTORICAL.search(text, max(0, at - 60), at) and not _HISTORICAL_AFTER.match(text, e):
            return False
    return bool(person.mentions)


def _merge(p: _Parser, found, shorts) -> list[Official]:
    people: dict[str, Official] = {}
    for name, start, end, positions in found:
        key = N.fold(name)
        person = people.get(key)
        if person is None:
            # A short form of a known full name ("Xuân Thắng") or its full form later.
            person = next((o for k, o in people.items() if k.endswith(" " + key) or _ede_short(key, k)), None)
            if person is None:
                later = next((k for k in people if _ede_short(k, key)), None)
                if later is not None:  # "Y Ngọc" named first, "Y Ngọc Niê" now: keep the full name
                    person = people[key] = people.pop(later)
                    person.name = name
                else:
                    person = people[key] = Official(name=name)
        person.mentions.append((start, end))
        chain_end = _token_index(p, max(pos.end for pos in positions))
        for pos in positions:
            at = _token_index(p, pos.start)
            same_office = [old for old in person.positions if N.fold(old.title) == N.fold(pos.title)]
            if pos.organization is None and not any(old.organization for old in same_office):
                # Beyond the paragraph only at the person's first mention with this office: a later
                # "Thứ trưởng X" may stand after a partner body ("phối hợp với Bộ Y") that is not X's.
                # An office already known with its body ("Chánh án Tòa án nhân dân tối cao X", then
                # "Chánh án X" after a provincial court) is that body's: the bare mention adds nothing.
                pos.organization = p.body_before(pos.title, at, far=not same_office)
            elif pos.organization and N.fold(pos.organization) in _REFERRING:
                pos.organization = p.referent(pos.organization, at)
            pos.organization = p.complete(pos.organization, at, chain_end)
            _add_position(person, pos)
    for a, b, positions in shorts:
        key = N.fold(p.toks[a].text)
        person = next((o for k, o in reversed(people.items()) if k.endswith(" " + key)), None)
        if person is None:
            continue
        person.mentions.append((p.toks[a].start, p.toks[b - 1].end))
        for pos in positions:
            pos.organization = p.complete(pos.organization, _token_index(p, pos.start))
            _add_position(person, pos)
    officials = [o for o in people.values() if o.positions]
    for person in officials:
        person.name = _full_form(p, person.name)
    _fill_from_office_bodies(officials)
    by_given: dict[str, Official] = {}
    for person in officials:
        by_given.setdefault(N.fold(person.name.split()[-1]), person)
    for i in range(len(p.toks) - 1):
        m = _match(_HONORIFICS, p.toks, i)
        k = i + m[0] if m else -1
        if m and k < len(p.toks) and p.name_run(k) == 1 and p.toks[k].key in by_given:
            by_given[p.toks[k].key].mentions.append((p.toks[k].start, p.toks[k].end))  # "ông Hải"
    for person in officials:
        for m in re.finditer(r"(?<!\w)" + re.escape(person.name) + r"(?!\w)", p.text):
            person.mentions.append((m.start(), m.end()))
        person.mentions = sorted(set(person.mentions))
        person.spans = sorted({(pos.start, pos.end) for pos in person.positions})
    officials.sort(key=lambda o: o.mentions[0][0])
    return officials


def _ede_short(short: str, full: str) -> bool:
    """Êđê and Jrai names put the family name last and are shortened from the end: "Y Ngọc" is
    "Y Ngọc Niê", as "H'Zin" is "H'Zin Mlô" (folded keys)."""
    return full.startswith(short + " ") and short.split()[0] in _EDE_PARTICLES


def _full_form(p: _Parser, name: str) -> str:
    """A name found without its surname ("Ông Sà Mết hiện là Tổ trưởng") takes the full form the
    text writes elsewhere ("cựu chiến binh Sơn Sà Mết"): a surname right before the same syllables."""
    first = name.split()[0]
    if N.is_surname(first) or first[:1] == "Y":
        return name
    pattern = re.compile(r"(?<!\w)(\w+) " + re.escape(name) + r"(?!\w)")
    for m in pattern.finditer(p.text):
        word = m.group(1)
        if word[:1].isupper() and N.is_surname(word) and N.fold(word) not in N.NOT_NAME_KEYS \
                and N.fold(word) not in _HONORIFIC_WORDS:  # "Ông Quỳnh Văn Pọ": a courtesy, no surname
            k = _token_index(p, m.start())
            span = p.name_at(k, generous=False)
            if span and p.toks[span[1] - 1].end == m.end():
                return m.group()
    return name


def _implicit_head(title: str) -> str | None:
    key = N.fold(title)
    return _IMPLICIT_BODY.get(key[4:] if key.startswith(N.fold("phó ")) else key)


def _fill_from_office_bodies(officials: list[Official]) -> None:
    """A bare office ("Thứ trưởng Y", far from any ministry) takes the body of its kind that the
    article gives other offices, when there is exactly one ("Bộ trưởng Bộ Dân tộc và Tôn giáo X").
    A body merely mentioned ("phối hợp với Bộ Nông nghiệp") is no office's and is not used."""
    bodies: dict[str, dict[str, str]] = {}
    for person in officials:
        for pos in person.positions:
            head = _implicit_head(pos.title)
            if head and head[:1].isupper() and pos.organization \
                    and N.fold(pos.organization).startswith(N.fold(head) + " ") \
                    and N.fold(pos.organization) not in _NOT_IMPLICIT_BODIES:
                bodies.setdefault(head, {}).setdefault(N.fold(pos.organization), pos.organization)
    for person in officials:
        for pos in person.positions:
            head = _implicit_head(pos.title)
            if pos.organization is None and head in bodies and len(bodies[head]) == 1:
                pos.organization = next(iter(bodies[head].values()))


def _token_index(p: _Parser, offset: int) -> int:
    idx = bisect.bisect_left(p.starts, offset)
    return min(idx, max(len(p.toks) - 1, 0))


def _add_position(person: Official, pos: Position) -> None:
    title = N.fold(pos.title)
    org = N.fold(pos.organization) if pos.organization else None
    for old in person.positions:
        if N.fold(old.title) != title:
            continue
        old_org = N.fold(old.organization) if old.organization else None
        if old_org == org or (org is None) or (old_org and org in old_org):
            return
        if old_org is None or old_org in org:
            old.organization = pos.organization
            return
    person.positions.append(pos)
