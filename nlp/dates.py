"""Date mentions in normalized Vietnamese news text.

Why our own patterns and not a date library: Vietnamese news writes dates as
"14/10/2021", "29-1-2021", "ngày 14 tháng 10 năm 2021", "từ ngày 13 đến 14/11",
"sáng nay", "thứ Hai"; the general parsers read "3/4/2025" month-first, fill
missing parts from *today*, and read "3/9 nhóm chỉ tiêu" or "trực 24/7" as dates.
A plain `re` pass with plausibility checks and trigger words is both faster and
more faithful.  Year-less dates are resolved against the publication date (or a
year given by the caller), never against the clock.

Every mention carries offsets into the input string: `text[m.start:m.end] == m.text`.
Vocabulary (triggers, relative phrases, weekdays) lives in nlp/data/date_words.json.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from nlp.text import SpanMask

WORDS = json.loads((Path(__file__).parent / "data" / "date_words.json").read_text(encoding="utf-8"))

SP = r"[ \t\u00a0]"
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
DASH = f"[{_DASHES}]"

# How far a year-less date may sit from the publication date before we assume it
# belongs to the neighbouring year ("ngày 28/12" read on 3 January).  News looks
# back more often than ahead, so the window reaches further into the past.
_MAX_DAYS_AHEAD = 120
_MAX_DAYS_BEHIND = 240
# A deadline ("hoàn thành trước ngày 30/6" in a January article) looks ahead: it may reach as far after
# publication as a reported day may lie before it.
_MAX_DAYS_AHEAD_DEADLINE = 240
# A day long past in the publication's year moves to the next year only when that puts it close ahead.
_MAX_DAYS_NEXT_YEAR = 90


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    kind: str  # full | day_month | month_year | year | period | relative | weekday
    value: str | None
    resolved_by: str = "text"  # text | published | context
    is_range: bool = False
    time_of_day: str | None = None


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", SP + "+") for w in sorted(words, key=len, reverse=True))


# --- patterns (module scope, compiled once) ---------------------------------------------------------

# Long form: "14 tháng 10 năm 2021", "14 tháng 10" (the "ngày" is checked as a trigger).
LONG_RE = re.compile(
    rf"(?<![\w/.])(?P<d>\d{{1,2}}){SP}+tháng{SP}+(?P<m>\d{{1,2}})(?!\d)"
    rf"(?:{SP}*(?:,|năm){SP}*(?P<y>\d{{4}})(?!\d))?",
    re.IGNORECASE,
)

# Day(s) + month (+ year): "14/10/2021", "29-1-2021", "06/10", "13-14/11", "24 và 25-6",
# "13 đến 14/11", "13 đên 14/11".  Lists and ranges share the month (and year) written last.
# A range may name the time of day at each end: "từ đêm 26 đến sáng 28/9".
# "đêm 30 rạng sáng 31/7": a night and the dawn that ends it need no other joining word.
_DAY_JOIN = (rf"(?:{SP}*(?:,|và|{DASH}|đến|đên|tới){SP}*(?:(?:rạng{SP}+)?(?:{_alt(WORDS['times_of_day'])}){SP}+)?"
             rf"|{SP}+rạng{SP}+(?:(?:{_alt(WORDS['times_of_day'])}){SP}+)?)(?:ngày{SP}+)?")
DM_RE = re.compile(
    rf"(?<![\w/.{_DASHES}])(?P<days>\d{{1,2}}(?:{_DAY_JOIN}\d{{1,2}}){{0,6}})"
    rf"(?P<sep>[/.{_DASHES}])(?P<m>\d{{1,2}})"
    rf"(?:(?P=sep)(?P<y>\d{{4}}|\d{{2}})|{SP}+năm{SP}+(?P<y2>\d{{4}}))?"
    rf"(?![\w/]|[.{_DASHES}]\d)",
    re.IGNORECASE,
)
_DAY_RE = re.compile(r"\d{1,2}")
_RANGE_JOIN_RE = re.compile(rf"{DASH}|đến|đên|tới|rạng", re.IGNORECASE)

# Words right before a year-less "d/m" that make it a date ("ngày 06/10", "từ 1/7", "Sáng 4-4").
_TRIGGER_RE = re.compile(
    rf"(?<!\w)(?:{_alt(WORDS['day_month_triggers'])}|{_alt(WORDS['weekdays'])})"
    rf"{SP}*[,(]?{SP}*(?:ngày{SP}*)?$",
    re.IGNORECASE,
)
# "3/9 nhóm chỉ tiêu", "1/3 số hộ": a fraction of something, not a date.
_FRACTION_AFTER_RE = re.compile(rf"{SP}+(?:số|tổng|nhóm|chỉ|phần|lượng|diện|dân|trong)(?!\w)", re.IGNORECASE)

MONTH_YEAR_RE = re.compile(
    rf"(?<!\w)tháng{SP}*(?P<m>\d{{1,2}}){SP}*(?:/|{DASH}|năm|,){SP}*(?P<y>\d{{4}})(?!\d)", re.IGNORECASE
)
PERIOD_RE = re.compile(
    rf"(?<![\w/.{_DASHES}])(?P<a>(?:19|20)\d\d){SP}*{DASH}{SP}*(?P<b>(?:19|20)\d\d)(?![\w/])"
)
YEAR_RE = re.compile(rf"(?<!\w)năm{SP}+(?P<y>(?:19|20)\d\d)(?!\d)", re.IGNORECASE)
THIS_YEAR_RE = re.compile(rf"(?<!\w)năm{SP}+nay(?!\w)", re.IGNORECASE)

RELATIVE = {" ".join(k.split()).lower(): v for k, v in WORDS["relative"].items()}
RELATIVE_RE = re.compile(rf"(?<!\w)(?:{_alt(RELATIVE)})(?!\w)", re.IGNORECASE)

WEEKDAYS = {k.lower(): v for k, v in WORDS["weekdays"].items()}
WEEKDAY_RE = re.compile(rf"(?<!\w)(?:{_alt(WEEKDAYS)})(?!\w)", re.IGNORECASE)
_WEEKDAY_BEFORE_RE = re.compile(rf"(?<!\w)(?:{_alt(WORDS['weekday_before'])}){SP}*$", re.IGNORECASE)
_WEEKDAY_AFTER_RE = re.compile(
    rf"^{SP}*(?:[,(]{SP}*)?(?:ngày{SP}*)?\d{{1,2}}[/.{_DASHES}]\d|^{SP}+(?:tuần|này|tới|vừa|trước)(?!\w)",
    re.IGNORECASE,
)
# "mỗi tối thứ Bảy", "các ngày thứ Bảy", "thứ Hai hằng tuần": a habit, not a day.
# "tiêm cả sáng thứ Bảy và Chủ nhật" (both weekend mornings) is a habit too, but "cả ngày thứ Hai" is
# all of one Monday: those words take no "ngày".
_HABITUAL_BEFORE_RE = re.compile(
    rf"(?<!\w)(?:(?:{_alt(WORDS['weekday_habitual_before'])})"
    rf"(?:{SP}+(?:buổi{SP}+)?(?:{_alt(WORDS['times_of_day'])}|ngày))?"
    rf"|(?:{_alt(WORDS['weekday_habitual_before_no_day'])})(?:{SP}+(?:buổi{SP}+)?(?:{_alt(WORDS['times_of_day'])}))?)"
    rf"{SP}*$",
    re.IGNORECASE,
)
_HABITUAL_AFTER_RE = re.compile(rf"{SP}*,?{SP}*(?:{_alt(WORDS['weekday_habitual_after'])})(?!\w)", re.IGNORECASE)
# "thứ Năm tuần trước" is last week's Thursday; "thứ Năm vừa qua" the last one before publication.
WEEK_SHIFT = {" ".join(k.split()).lower(): v for k, v in WORDS["weekday_week_shift"].items()}
_WEEK_SHIFT_RE = re.compile(rf"{SP}+(?P<w>{_alt(WEEK_SHIFT)})(?!\w)", re.IGNORECASE)
_WEEKDAY_PAST_RE = re.compile(rf"{SP}+(?:{_alt(WORDS['weekday_past'])})(?!\w)", re.IGNORECASE)
_WEEKDAY_NEXT_RE = re.compile(rf"{SP}+(?:{_alt(WORDS['weekday_next'])})(?!\w)", re.IGNORECASE)
# "lần thứ Năm", "kỳ họp thứ hai": ordinals, not weekdays.
_ORDINAL_BEFORE_RE = re.compile(
    rf"(?<!\w)(?:lần|kỳ|kì|khóa|phiên|lượt|đợt|hạng|vị trí|thế hệ|số|họp|Hội nghị|người|điều|là){SP}*$",
    re.IGNORECASE,
)

_TIME_OF_DAY = _alt(WORDS["times_of_day"])
_TOD_BEFORE_RE = re.compile(
    rf"(?<!\w)(?P<tod>(?:lúc{SP}+)?\d{{1,2}}{SP}*(?:giờ|h)(?:{SP}*\d{{1,2}}(?:{SP}*phút)?)?|{_TIME_OF_DAY})"
    rf"(?:{SP}+(?:ngày|hôm|nay|mai|qua))?{SP}*[,(]?{SP}*(?:ngày{SP}*)?$",
    re.IGNORECASE,
)
_TOD_AFTER_RE = re.compile(
    rf"^{SP}*,?{SP}*(?:lúc{SP}*|vào{SP}+lúc{SP}*)(?P<tod>\d{{1,2}}{SP}*(?:giờ|h|:)(?:{SP}*\d{{1,2}})?)",
    re.IGNORECASE,
)

# Page datelines: "04/04/2022 - 08:59", "Ngày đăng: 08/07/2024 11:38", "10:43, 29/03/2022",
# "Thứ Năm, 13/11/2025 15:30", "(03/08/2018)" after a title.
_DL_DATE = r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}"
_DL_TIME = r"\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*(?:SA|CH|AM|PM))?(?:\s*\(?(?:GMT|UTC)\s*[+\-]\s*\d{1,2}\)?)?"
_DL_WEEKDAY = rf"(?:{_alt(WEEKDAYS)}|T[2-7]|CN)"
_DL_LABEL = rf"(?:{_alt(WORDS['dateline_labels'])})"
_DL_BODY = (
    rf"(?:{_DL_WEEKDAY}\s*,?\s*)?(?:{_DL_DATE}(?:\s*[-,|–]?\s*(?:lúc\s*)?{_DL_TIME})?"
    rf"|{_DL_TIME}\s*[-,|–]?\s*(?:{_DL_WEEKDAY}\s*,?\s*)?{_DL_DATE})"
)
DATELINE_LINE_RE = re.compile(
    rf"^[ \t\u00a0]*(?P<body>(?:(?P<label>{_DL_LABEL})\s*:?\s*)?{_DL_BODY})[ \t\u00a0]*$",
    re.IGNORECASE | re.MULTILINE,
)
DATELINE_LABELED_RE = re.compile(
    rf"(?<!\w)(?:ngày{SP}+đăng|ngày{SP}+cập{SP}+nhật|cập{SP}+nhật(?:{SP}+lúc)?|đăng{SP}+(?:ngày|lúc)|"
    rf"thời{SP}+gian{SP}+đăng|ngày{SP}+xuất{SP}+bản){SP}*:?{SP}*{_DL_BODY}",
    re.IGNORECASE,
)
DATELINE_PAREN_RE = re.compile(rf"\({SP}*{_DL_DATE}(?:{SP}*[-,]?{SP}*{_DL_TIME})?{SP}*\)(?={SP}*$)", re.MULTILINE)
_DL_HAS_TIME_RE = re.compile(_DL_TIME)
_DL_TOP_CHARS = 400
_FIRST_LINE_YEAR_RE = re.compile(r"(?<![\d/.\-])(?:19|20)\d\d(?![\d/])")
# "Xuân Bính Thân 2016", "Tết Nguyên đán 2024": the Tet season of a year, which sits in its Jan-Feb.
_TET_YEAR_RE = re.compile(
    rf"(?<!\w)(?i:{_alt(WORDS['lunar_new_year'])})"
    rf"(?:{SP}+(?i:{_alt(WORDS['can_chi_stems'])}){SP}+(?i:{_alt(WORDS['can_chi_branches'])}))?"
    rf"{SP}+(?P<y>(?:19|20)\d\d)(?![\d/])")


# --- helpers ----------------------------------------------------------------------------------------

def _to_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _as_date(published) -> dt.date | None:
    """Accept a date, a datetime, an ISO string or None, so callers can pass article['published']."""
    if published is None or published == "":
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def _full_year(y: str) -> int:
    return int(y) if len(y) == 4 else 2000 + int(y)


def resolve_day_month(day: int, month: int, published=None, context_year: int | None = None,
                      not_after_published: bool = False,
                      max_days_ahead: int = _MAX_DAYS_AHEAD) -> tuple[str | None, str]:
    """ISO value and how it was resolved for a year-less day/month.

    With a publication date the year is the publication year unless that puts the
    day more than four months ahead or eight months behind (a 3 January article's
    "28/12" is last December, a November article's "15/1" is next January); `not_after_published` is for
    signing dates, which cannot follow the article; `max_days_ahead` widens the forward reach for
    deadlines.  Without one, `context_year`.
    """
    pub = _as_date(published)
    if pub is not None:
        cand = _to_date(pub.year, month, day)
        if cand is None and (month, day) == (2, 29):
            cand = _to_date(pub.year - 1, month, day)
        if cand is None:
            return None, "published"
        if not_after_published and cand > pub:
            cand = _to_date(cand.year - 1, month, day)
        elif (cand - pub).days > max_days_ahead:
            cand = _to_date(cand.year - 1, month, day)
        elif (pub - cand).days > _MAX_DAYS_BEHIND:
            # Next year's day only when it lies close ahead ("15/1" in a November article); a day that is
            # merely long past ("khởi công vào sáng 26/4" in a December article) stays in this year.
            nxt = _to_date(cand.year + 1, month, day)
            if nxt is not None and (nxt - pub).days <= min(max_days_ahead, _MAX_DAYS_NEXT_YEAR):
                cand = nxt
        return (cand.isoformat() if cand else None), "published"
    if context_year:
        cand = _to_date(int(context_year), month, day)
        return (cand.isoformat() if cand else None), "context"
    return None, "text"


def parse_date_at(text: str, pos: int):
    """Parse one explicit date starting at `pos` (used by nlp.documents for signing dates).

    Returns (end, year|None, month, day) or None.  Forms: d/m/y, d-m-y, d.m.y,
    "d tháng m năm y", and the year-less d/m and "d tháng m".
    """
    m = LONG_RE.match(text, pos)
    if m:
        day, month = int(m["d"]), int(m["m"])
        year = int(m["y"]) if m["y"] else None
        if 1 <= day <= 31 and 1 <= month <= 12 and (year is None or _to_date(year, month, day)):
            return m.end(), year, month, day
        return None
    m = DM_RE.match(text, pos)
    if m and _DAY_RE.fullmatch(m["days"]):
        day, month = int(m["days"]), int(m["m"])
        y = m["y"] or m["y2"]
        year = _full_year(y) if y else None
        if 1 <= day <= 31 and 1 <= month <= 12 and (year is None or _to_date(year, month, day)):
            return m.end(), year, month, day
    return None


def infer_context_year(text: str) -> int | None:
    """A year stated in the first line (usually the title), e.g. "... năm 2020 tại Trà Vinh".

    The spec lets the text give the year when the publication date is unknown.
    """
    first = text.split("\n", 1)[0]
    years = [int(y) for y in _FIRST_LINE_YEAR_RE.findall(first)]
    if years:
        return years[-1] if len(set(years)) == 1 else None
    return _first_full_date_year(text) or _tet_year(text) or _only_year(text)


def _only_year(text: str) -> int | None:
    """The one year a dateless page states for happenings ("… đạt chuẩn Nông thôn mới năm 2020"), when it
    states exactly one (terms, periods, births and signing dates aside)."""
    years = set()
    for m in _SENT_YEAR_RE.finditer(text):
        if _NOT_HAPPENING_BEFORE_RE.search(text, max(0, m.start() - 20), m.start()) \
                or _AFTER_NUMBER_RE.search(text, max(0, m.start() - 60), m.start()):
            continue
        years.add(int(m["y"]))
    return years.pop() if len(years) == 1 else None


def _tet_year(text: str) -> int | None:
    """The year of the Tet season the text names ("Nhân dịp Xuân Bính Thân 2016, ngày 3/2, …"), when it
    names only one: a page with no date of its own that is about Tet happens around that Tet."""
    years = {int(m["y"]) for m in _TET_YEAR_RE.finditer(text)}
    return years.pop() if len(years) == 1 else None


# A signing date right after a document number ("Quyết định số 12/QĐ-UBND ngày 5/8/2024") tells when the
# document was signed, not when the article was written.
_AFTER_NUMBER_RE = re.compile(rf"\d{{1,5}}[a-z]?{SP}*[/{_DASHES}]{SP}*[A-ZĐ][\w/.{_DASHES}]*{SP}*,?{SP}*(?:ngày{SP}*)?$")


def _first_full_date_year(text: str) -> int | None:
    """The year of the first full date the text states (the report's own time: "Sáng 12/11/2025, …"),
    skipping signing dates of documents; it resolves a later "trước ngày 30/11" when the page gives no
    publication date."""
    for rx, ykey in ((DM_RE, "y"), (LONG_RE, "y")):
        for m in rx.finditer(text):
            y = m[ykey] or (m["y2"] if rx is DM_RE else None)
            if not y or len(y) != 4 or (rx is DM_RE and not _DAY_RE.fullmatch(m["days"])):
                continue
            if _AFTER_NUMBER_RE.search(text, max(0, m.start() - 60), m.start()) \
                    or _NOT_HAPPENING_BEFORE_RE.search(text, max(0, m.start() - 20), m.start()):
                continue
            span = next((a for a in _ANNIVERSARY_RE.finditer(text, max(0, m.start() - 30), m.end() + 30)
                         if a.start() <= m.start() < a.end()), None)
            if span is not None:
                # "(15/9/1995-15/9/2015)": an anniversary is held in its later year; a period across
                # years ("từ 1/1/2016 đến 30/6/2022") names no one year.
                if (span["d1"], span["m1"]) != (span["d2"], span["m2"]):
                    continue
                return int(span["y2"])
            return int(y)
    return None


# The year a sentence states for its own happening: "Kỳ họp thường lệ cuối năm 2023, chiều 7/12 …",
# "lớp bồi dưỡng … năm 2024", "phiên họp thường kỳ tháng 7/2022", "Sáng 20/3/2025, …", the anniversary
# "(15/9/1995-15/9/2015)" (its later end).  Not a term or a period ("nhiệm kỳ 2021-2026", "giai đoạn
# 2021-2025"), a birth year, nor a signing date; a cited document's year only when the sentence carries
# the document out ("quán triệt Quy định số 144, ngày 09/5/2024").
_SENT_YEAR_RE = re.compile(
    rf"(?<![\w/.{_DASHES}])(?:\d{{1,2}}[/.{_DASHES}]\d{{1,2}}[/.{_DASHES}]|\d{{1,2}}{SP}+tháng{SP}+\d{{1,2}}{SP}+năm{SP}+"
    rf"|tháng{SP}*\d{{1,2}}{SP}*(?:/|{DASH}|năm){SP}*|(?<!\w)năm{SP}+)(?P<y>(?:19|20)\d\d)(?![\d/]|{SP}*{DASH}{SP}*(?:19|20)\d\d)",
    re.IGNORECASE)
_NOT_HAPPENING_BEFORE_RE = re.compile(
    rf"(?:nhiệm{SP}+kỳ|giai{SP}+đoạn|khóa|khoá|sinh|từ|đến|trước|sau|thời{SP}+kỳ|so{SP}+với|tầm{SP}+nhìn)"
    rf"(?:{SP}+(?:ngày|năm|tháng))?{SP}*$", re.IGNORECASE)
_CARRY_OUT_RE = re.compile(r"quán triệt|phổ biến|học tập|tuyên truyền", re.IGNORECASE)
_SENT_BOUNDARY_RE = re.compile(r"[.!?](?=\s)|\n")
_ANNIVERSARY_RE = re.compile(
    rf"(?P<d1>\d{{1,2}})[/.{_DASHES}](?P<m1>\d{{1,2}})[/.{_DASHES}](?P<y1>\d{{4}}){SP}*{DASH}{SP}*"
    rf"(?P<d2>\d{{1,2}})[/.{_DASHES}](?P<m2>\d{{1,2}})[/.{_DASHES}](?P<y2>\d{{4}})(?!\d)")


def _sentence_span(text: str, pos: int) -> tuple[int, int]:
    start = 0
    for m in _SENT_BOUNDARY_RE.finditer(text, max(0, pos - 400), pos):
        start = m.end()
    end = _SENT_BOUNDARY_RE.search(text, pos)
    return start, (end.start() if end else len(text))


def sentence_year(text: str, pos: int, day: int = 1, month: int = 1) -> int | None:
    """The one year the sentence around `pos` states for its own happening, else None.  A disseminated
    document's year counts only when the day (`day`, `month`) falls after its signing in that year."""
    a, b = _sentence_span(text, pos)
    years = set()
    for m in _ANNIVERSARY_RE.finditer(text, a, b):
        if (m["d1"], m["m1"]) == (m["d2"], m["m2"]):
            years.add(int(m["y2"]))
    carry = _CARRY_OUT_RE.search(text, a, b) is not None
    for m in _SENT_YEAR_RE.finditer(text, a, b):
        if any(x.start() <= m.start() < x.end() for x in _ANNIVERSARY_RE.finditer(text, a, b)):
            continue
        if _NOT_HAPPENING_BEFORE_RE.search(text, max(a, m.start() - 20), m.start()):
            continue
        if _AFTER_NUMBER_RE.search(text, max(a, m.start() - 60), m.start()):
            signed = parse_date_at(text, m.start())
            if not carry or signed is None or signed[1] is None or (month, day) < (signed[2], signed[3]):
                continue
        years.add(int(m["y"]))
    return years.pop() if len(years) == 1 else None


_DEADLINE_RE = re.compile(rf"(?<!\w)(?:{_alt(WORDS['deadline_before'])}){SP}*(?:ngày{SP}*)?$", re.IGNORECASE)
# "Nghị quyết số 104/2023/QH15 ngày 10/11": a year-less signing date takes the year in the number.
_NUMBER_YEAR_BEFORE_RE = re.compile(
    rf"(?<![\w/])\d{{1,5}}[a-z]?/(?P<y>(?:19|20)\d\d)/[A-ZĐ][\w/.{_DASHES}]*{SP}*,?{SP}*(?:ngày{SP}*)?$")


def _resolve_in_context(text: str, start: int, day: int, month: int, pub, ctx) -> tuple[str | None, str]:
    """Resolve a year-less date with what stands right before it: the year of a document number it signs,
    the past for any other document's signing date, the wider forward window for a deadline; without a
    publication date, the year its sentence states for the same happening."""
    window = max(0, start - 60)
    numbered = _NUMBER_YEAR_BEFORE_RE.search(text, window, start)
    if numbered:
        d = _to_date(int(numbered["y"]), month, day)
        if d is not None:
            return d.isoformat(), "context"
    if pub is None:
        year = sentence_year(text, start, day, month)
        if year:
            ctx = year
    if _AFTER_NUMBER_RE.search(text, window, start):
        return resolve_day_month(day, month, pub, ctx, not_after_published=True)
    if _DEADLINE_RE.search(text, max(0, start - 30), start):
        return resolve_day_month(day, month, pub, ctx, max_days_ahead=_MAX_DAYS_AHEAD_DEADLINE)
    return resolve_day_month(day, month, pub, ctx)


def _time_of_day(text: str, start: int, end: int) -> str | None:
    before = _TOD_BEFORE_RE.search(text, max(0, start - 30), start)
    if before and before.end() == start:
        return " ".join(before["tod"].split()).lower()
    after = _TOD_AFTER_RE.match(text[end:end + 30])
    return " ".join(after["tod"].split()) if after else None


_MONTH_WORD_BEFORE_RE = re.compile(rf"(?<!\w)tháng{SP}*$", re.IGNORECASE)
# "hưởng ứng Ngày Pháp luật Việt Nam (9-11)", "Ngày Quốc tế thiếu nhi (1/6)": a named day, its date in brackets.
_NAMED_DAY_RE = re.compile(rf"(?<!\w)Ngày(?:{SP}+[A-ZĐÂĂÊÔƠƯ]\w*)+(?:{SP}+\w+){{0,3}}{SP}*\({SP}*$")


def _has_trigger(text: str, start: int) -> bool:
    m = _TRIGGER_RE.search(text, max(0, start - 24), start)
    return bool(m and m.end() == start) or bool(_NAMED_DAY_RE.search(text, max(0, start - 60), start))




# --- passes -----------------------------------------------------------------------------------------

def _relative(text, pub, taken, out):
    for m in RELATIVE_RE.finditer(text):
        if not taken.free(m.start(), m.end()):
            continue
        phrase = " ".join(m.group(0).split()).lower()
        offset = RELATIVE[phrase]
        value = (pub + dt.timedelta(days=offset)).isoformat() if pub else None
        first = phrase.split()[0]
        tod = first if first in {"sáng", "trưa", "chiều", "tối", "đêm"} else None
        taken.take(m.start(), m.end())
        out.append(DateMention(m.start(), m.end(), m.group(0), "relative", value,
                               "published" if pub else "text", False, tod))
    for m in THIS_YEAR_RE.finditer(text):
        if taken.free(m.start(), m.end()):
            taken.take(m.start(), m.end())
            out.append(DateMention(m.start(), m.end(), m.group(0), "year",
                                   str(pub.year) if pub else None, "published" if pub else "text"))


def _long(text, pub, ctx, taken, out):
    for m in LONG_RE.finditer(text):
        day, month = int(m["d"]), int(m["m"])
        if not (1 <= day <= 31 and 1 <= month <= 12) or not taken.free(m.start(), m.end()):
            continue
        if m["y"]:
            d = _to_date(int(m["y"]), month, day)
            if d is None:
                continue
            value, how, kind = d.isoformat(), "text", "full"
        else:
            if not _has_trigger(text, m.start()):
                continue
            value, how = _resolve_in_context(text, m.start(), day, month, pub, ctx)
            kind = "day_month"
        taken.take(m.start(), m.end())
        tod = _time_of_day(text, m.start(), m.end())
        listed = _long_list_before(text, m.start(), taken)
        for a, b, joined_by_range in listed:
            d_before = int(text[a:b])
            first = _to_date(int(value[:4]), month, d_before) if value else None
            if first is None and value:
                continue
            taken.take(a, b)
            out.append(DateMention(a, b, text[a:b], kind, first.isoformat() if first else None, how,
                                   joined_by_range, _time_of_day(text, a, b)))
        out.append(DateMention(m.start(), m.end(), m.group(0), kind, value, how,
                               any(r for *_x, r in listed), tod))


def _full_pairs(text, taken, out):
    """"(15/9/1995-15/9/2015)", "(3.2.1930 – 3.2.2020)": two full dates joined by a dash, which the
    single-date pattern refuses (a dash glued to digits usually belongs to a number)."""
    for m in _ANNIVERSARY_RE.finditer(text):
        if not taken.free(m.start(), m.end()) or (m.start() > 0 and (text[m.start() - 1].isalnum()
                                                                    or text[m.start() - 1] in "/.")):
            continue
        ends = []
        for k, (a, b) in enumerate(((m.start("d1"), m.end("y1")), (m.start("d2"), m.end("y2"))), start=1):
            d = _to_date(int(m[f"y{k}"]), int(m[f"m{k}"]), int(m[f"d{k}"]))
            if d is None:
                break
            ends.append(DateMention(a, b, text[a:b], "full", d.isoformat(), "text", True))
        if len(ends) == 2 and ends[0].value <= ends[1].value:
            taken.take(m.start(), m.end())
            out.extend(ends)


_LONG_LIST_BEFORE_RE = re.compile(rf"(?<![\w/.{_DASHES}])(?P<d>\d{{1,2}})(?P<j>{_DAY_JOIN})$", re.IGNORECASE)


def _long_list_before(text: str, start: int, taken) -> list[tuple[int, int, bool]]:
    """Days written before "22 tháng 12 năm 2022" that share its month: "Chiều ngày 21 và sáng ngày 22
    tháng 12 năm 2022", "từ ngày 13 đến ngày 15 tháng 11" -> [(start, end, joined by a range word)]."""
    found, pos = [], start
    while len(found) < 6:
        m = _LONG_LIST_BEFORE_RE.search(text, max(0, pos - 40), pos)
        if m is None or not taken.free(m.start("d"), m.end("d")) or not _has_trigger(text, m.start("d")) \
                and not found and not re.search(r"(?:và|,)", m["j"]):
            break
        found.append((m.start("d"), m.end("d"), bool(_RANGE_JOIN_RE.search(m["j"]))))
        pos = m.start("d")
    return found[::-1]


_DM_PAIR_RE = re.compile(
    rf"(?<![\w/.{_DASHES}])(?P<d1>\d{{1,2}})(?P<sep>[/.{_DASHES}])(?P<m1>\d{{1,2}}){SP}*(?:đến|tới|{DASH}){SP}*"
    rf"(?:ngày{SP}+)?(?P<d2>\d{{1,2}})(?P=sep)(?P<m2>\d{{1,2}})(?![\w/]|[.{_DASHES}]\d)", re.IGNORECASE)


def _dm_pairs(text, pub, ctx, taken, out):
    """"từ ngày 15-10 đến 12-11": a range whose two ends each carry their month, which the list pattern
    would read as the days 15, 10 and 12 of November."""
    for m in _DM_PAIR_RE.finditer(text):
        if not taken.free(m.start(), m.end()) or not _has_trigger(text, m.start()):
            continue
        ends = []
        for k in (1, 2):
            day, month = int(m[f"d{k}"]), int(m[f"m{k}"])
            if not (1 <= month <= 12 and 1 <= day <= 31) or _to_date(2000, month, day) is None:
                break
            a, b = m.start(f"d{k}"), m.end(f"m{k}")
            value, how = _resolve_in_context(text, m.start(), day, month, pub, ctx)
            ends.append(DateMention(a, b, text[a:b], "day_month", value, how, True))
        if len(ends) == 2 and not (ends[0].value and ends[1].value and ends[0].value > ends[1].value):
            taken.take(m.start(), m.end())
            tod = _time_of_day(text, m.start(), m.end())
            for e in ends:
                e.time_of_day = tod
            out.extend(ends)


def _periods(text, taken, out):
    for m in PERIOD_RE.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        if b <= a or b - a > 50 or not taken.free(m.start(), m.end()):
            continue
        taken.take(m.start(), m.end())
        out.append(DateMention(m.start(), m.end(), m.group(0), "period", f"{a}/{b}", "text", True))


_CHAIN_RE = re.compile(rf"{SP}*(?:,|;|và|{DASH}|đến|đên|tới){SP}*(?:ngày{SP}*)?", re.IGNORECASE)


def _day_months(text, pub, ctx, taken, out):
    last_end = -1
    for m in DM_RE.finditer(text):
        if not taken.free(m.start(), m.end()) or _MONTH_WORD_BEFORE_RE.search(text, max(0, m.start() - 8), m.start()):
            continue  # "trợ cấp tháng 1-2 năm 2026": two months, no day
        month = int(m["m"])
        y = m["y"] or m["y2"]
        # "ngày 13/11 và 14/11": a date right after an accepted one is triggered by it.
        chained = last_end >= 0 and _CHAIN_RE.fullmatch(text, last_end, m.start()) is not None
        triggered = chained or _has_trigger(text, m.start())
        if y and len(y) == 2 and not triggered:
            continue
        if not y and (not triggered or _FRACTION_AFTER_RE.match(text, m.end())):
            continue
        if not 1 <= month <= 12:
            continue
        days = list(_DAY_RE.finditer(m["days"]))
        joins = [m["days"][a.end():b.start()] for a, b in zip(days, days[1:], strict=False)]
        is_range = len(days) == 2 and bool(_RANGE_JOIN_RE.search(joins[0]))
        if len(days) > 1 and not is_range and any(_RANGE_JOIN_RE.search(j) for j in joins):
            continue  # "1-2, 3/4": too odd to trust
        base = m.start("days")
        parsed = []
        for i, dm in enumerate(days):
            day = int(dm.group(0))
            last = i == len(days) - 1
            s = base + dm.start()
            e = m.end() if last else base + dm.end()
            if y:
                d = _to_date(_full_year(y), month, day)
                value, how, kind = (d.isoformat() if d else None), "text", "full"
                if d is None:
                    parsed = []
                    break
            else:
                if not 1 <= day <= 31 or _to_date(2000, month, day) is None:
                    parsed = []
                    break
                value, how = _resolve_in_context(text, m.start(), day, month, pub, ctx)
                kind = "day_month"
            parsed.append(DateMention(s, e, text[s:e], kind, value, how, is_range))
        if is_range and len(parsed) == 2 and parsed[0].value and parsed[1].value \
                and parsed[0].value > parsed[1].value:
            parsed = []  # "14-13/11" is not a range
        if not parsed:
            continue
        tod = _time_of_day(text, m.start(), m.end())
        for p in parsed:
            p.time_of_day = tod
        taken.take(m.start(), m.end())
        out.extend(parsed)
        last_end = m.end()


_RANGE_BETWEEN_RE = re.compile(
    rf"^{SP}*(?:{DASH}|đến|đên|tới){SP}*(?:(?:rạng{SP}+)?(?:{_TIME_OF_DAY}){SP}+)?(?:(?:hết{SP}+)?ngày{SP}+)?$",
    re.IGNORECASE)


def _link_ranges(text, out):
    """"từ 13/11 đến 15/11/2025": the first end borrows the second end's year."""
    dated = sorted((m for m in out if m.kind in ("full", "day_month")), key=lambda m: m.start)
    for a, b in zip(dated, dated[1:], strict=False):
        if not _RANGE_BETWEEN_RE.match(text[a.end:b.start]):
            continue
        a.is_range = b.is_range = True
        if a.kind == "day_month" and b.kind == "full" and b.value:
            by, bm = int(b.value[:4]), int(b.value[5:7])
            dm = DM_RE.match(text, a.start) or LONG_RE.match(text, a.start)
            if dm is None:
                continue
            day = int(_DAY_RE.findall(dm.groupdict().get("days") or dm["d"])[-1])
            month = int(dm["m"])
            d = _to_date(by if month <= bm else by - 1, month, day)
            if d:
                a.value, a.resolved_by = d.isoformat(), "text"


def _month_years(text, taken, out):
    for m in MONTH_YEAR_RE.finditer(text):
        month = int(m["m"])
        if 1 <= month <= 12 and taken.free(m.start(), m.end()):
            taken.take(m.start(), m.end())
            out.append(DateMention(m.start(), m.end(), m.group(0), "month_year", f"{m['y']}-{month:02d}"))


def _years(text, taken, out):
    for m in YEAR_RE.finditer(text):
        if taken.free(m.start(), m.end()):
            taken.take(m.start(), m.end())
            out.append(DateMention(m.start(), m.end(), m.group(0), "year", m["y"]))


def _weekday_value(text: str, end: int, pub: dt.date, idx: int) -> dt.date:
    """The day a weekday names: in the publication's week, shifted by "tuần trước/sau", the last (next)
    such day before (after) publication when followed by "vừa qua" ("tới"), else the nearest one."""
    day = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=idx)
    shift = _WEEK_SHIFT_RE.match(text, end)
    if shift:
        return day + dt.timedelta(days=WEEK_SHIFT[" ".join(shift["w"].split()).lower()])
    if _WEEKDAY_PAST_RE.match(text, end):
        return day - dt.timedelta(days=7) if day > pub else day
    if _WEEKDAY_NEXT_RE.match(text, end):
        return day + dt.timedelta(days=7) if day <= pub else day
    # A bare weekday is the nearest such day, the earlier one on a tie: a Monday article's "Chủ nhật"
    # is yesterday, not the Sunday that closes the publication's (Monday-first) week.
    return min((day - dt.timedelta(days=7), day, day + dt.timedelta(days=7)),
               key=lambda c: (abs((c - pub).days), c > pub))


_WEEKDAY_JOIN_RE = re.compile(rf"{SP}*(?:,|và|hoặc|{DASH}){SP}*", re.IGNORECASE)


def _weekdays(text, pub, taken, out):
    habit_end = -1
    for m in WEEKDAY_RE.finditer(text):
        s, e = m.start(), m.end()
        if not taken.free(s, e):
            continue
        before = text[max(0, s - 20):s]
        if _ORDINAL_BEFORE_RE.search(before):
            continue
        if _HABITUAL_BEFORE_RE.search(before) or _HABITUAL_AFTER_RE.match(text, e) \
                or (habit_end >= 0 and _WEEKDAY_JOIN_RE.fullmatch(text, habit_end, s)):
            habit_end = e  # "các ngày thứ Bảy và Chủ nhật": the habit carries to the next weekday
            continue
        word = m.group(0)
        looks_weekday = (
            bool(_WEEKDAY_BEFORE_RE.search(before))
            or bool(_WEEKDAY_AFTER_RE.match(text[e:e + 24]))
            or word.lower().startswith("chủ")
            or (word.split()[-1][:1].isupper() and not word.split()[-1].isdigit())
        )
        if not looks_weekday:
            continue
        idx = WEEKDAYS[" ".join(word.split()).lower()]
        value = None
        if pub is not None:
            value = _weekday_value(text, e, pub, idx).isoformat()
        # A weekday that introduces an explicit date takes that date ("Thứ Năm, 13/11/2025").
        follower = next((o for o in out if o.kind in ("full", "day_month") and 0 <= o.start - e <= 8), None)
        how = "published" if value else "text"
        if follower is not None:
            value, how = follower.value, follower.resolved_by
        taken.take(s, e)
        out.append(DateMention(s, e, word, "weekday", value, how, False, _time_of_day(text, s, e)))


# --- public API -------------------------------------------------------------------------------------

def find_dates(text: str, published=None, context_year: int | None = None) -> list[DateMention]:
    """Every date expression in `text`, in text order.

    `published` (date, datetime or ISO string) resolves year-less, relative and
    weekday mentions; otherwise `context_year`, otherwise the first line's single
    stated year (the title), otherwise they stay unresolved (value None).
    Document numbers ("1719/QĐ-TTg", "30/2020/NĐ-CP") never match: the patterns
    refuse digits glued to letters or to a further "/".
    """
    if not text:
        return []
    pub = _as_date(published)
    ctx = context_year if context_year else (None if pub else infer_context_year(text))
    taken = SpanMask(len(text))
    out: list[DateMention] = []
    _relative(text, pub, taken, out)
    _long(text, pub, ctx, taken, out)
    _full_pairs(text, taken, out)
    _periods(text, taken, out)
    _dm_pairs(text, pub, ctx, taken, out)
    _day_months(text, pub, ctx, taken, out)
    _link_ranges(text, out)
    _month_years(text, taken, out)
    _years(text, taken, out)
    _weekdays(text, pub, taken, out)
    out.sort(key=lambda m: (m.start, m.end))
    _explicit_after_relative(text, out)
    _speech_days(text, out)
    return out


_RELATIVE_GAP_RE = re.compile(rf"{SP}*[,(]?{SP}*(?:ngày{SP}*)?")


def _explicit_after_relative(text: str, out: list[DateMention]) -> None:
    """"Sáng qua 15/7/2019", "Hôm nay (31/8)": the explicit date that follows says which day the relative
    word means (the page may have gone out a day later than the words assume)."""
    for i, m in enumerate(out[:-1]):
        nxt = out[i + 1]
        if m.kind == "relative" and nxt.kind in ("full", "day_month") \
                and _RELATIVE_GAP_RE.fullmatch(text, m.end, nxt.start):
            if nxt.value:
                m.value, m.resolved_by = nxt.value, nxt.resolved_by


_SPEECH_OPENER_RE = re.compile(rf"(?m)^{SP}*(?i:{_alt(WORDS['speech_openers'])})(?!\w)")


def _speech_days(text: str, out: list[DateMention]) -> None:
    """A speech reproduced in full ("Thưa các đồng chí, Hôm nay, …") says "hôm nay" of the day it was
    delivered, which the report states before it ("Ngày 3/1, Tỉnh ủy tổ chức hội nghị …"), not of the
    day the page went out: its relative words count from the first calendar day the report states."""
    opener = _SPEECH_OPENER_RE.search(text)
    if not opener:
        return
    lines = dateline_spans(text)
    anchor = next((m for m in out if m.start < opener.start() and m.kind in ("full", "day_month")
                   and m.value and len(m.value) == 10
                   and not any(a <= m.start < b for a, b in lines)), None)
    if anchor is None:
        return
    day = dt.date.fromisoformat(anchor.value)
    for m in out:
        if m.kind == "relative" and m.start > opener.start():
            offset = RELATIVE[" ".join(m.text.split()).lower()]
            m.value = (day + dt.timedelta(days=offset)).isoformat()
            m.resolved_by = "context"


def full_dates(mentions: list[DateMention]) -> list[str]:
    """The ISO calendar dates the spec's `dates` field counts, sorted and unique."""
    keep = {"full", "day_month", "relative", "weekday"}
    return sorted({m.value for m in mentions if m.kind in keep and m.value and len(m.value) == 10})


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the page's own datelines, which the spec says are not stated dates.

    A line that is only a date (with a time, a weekday or a label such as
    "Ngày đăng:") anywhere; a bare date alone on a line only near the top; a
    labelled dateline inline; and "(03/08/2018)" closing a title line near the top.
    """
    spans: list[tuple[int, int]] = []
    for m in DATELINE_LINE_RE.finditer(text):
        body = m["body"]
        decorated = m["label"] or _DL_HAS_TIME_RE.search(body) or re.match(_DL_WEEKDAY, body, re.IGNORECASE)
        if decorated or m.start("body") < _DL_TOP_CHARS:
            spans.append((m.start("body"), m.end("body")))
    for m in DATELINE_LABELED_RE.finditer(text):
        spans.append((m.start(), m.end()))
    for m in DATELINE_PAREN_RE.finditer(text):
        if m.start() < _DL_TOP_CHARS:
            spans.append((m.start(), m.end()))
    merged: list[tuple[int, int]] = []
    for s, e in sorted(set(spans)):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
