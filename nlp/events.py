"""Which events an article reports: type, date, place, and the main one.

The type comes from trigger words (the spec's taxonomy) weighted by where they
stand: the title says what the news is, the lead says what happened, the rest
of the body mostly says what was discussed.  The date is the date stated in the
sentence that carries the trigger (or, for an issuance, the signing date of the
document issued); the place is the province named with the event ("tại …"),
else the article's one province, else none when the article spans several.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

EVENT_TYPES = ("training", "conference", "council_session", "meeting", "inspection", "visit",
               "ceremony", "issuance", "interview", "other")

# A line's opening blanks, read once from the first of them (a match may not start inside a run of
# blanks, which cost quadratic time on long runs of line breaks); `_hits` starts such a trigger where
# the line starts, after the run's first line break, as "^\s*" in multi-line mode did.
_LINE_OPEN = r"(?<!\s)(?:\A|[^\S\n]*+\n)\s*+"

# (type, pattern).  Patterns run on lower-cased normalized text.  Order is the
# tie-break: the more specific reading first.
TRIGGERS: list[tuple[str, str]] = [
    ("interview", rf"trả lời phỏng vấn|phỏng vấn|{_LINE_OPEN}(?:pv|phóng viên)\s*:|giao lưu trực tuyến|hỏi\s*-\s*đáp|"
                  r"phóng viên[^.\n]{0,60}(?:trao đổi|trò chuyện) với|"
                  r"(?:trao đổi|trò chuyện) với (?:phóng viên|pv\b|báo\b)|"
                  rf"{_LINE_OPEN}[-–*•]\s*(?:thưa|xin cảm ơn)\s+(?:ông|bà|anh|chị|đồng chí)|\(thực hiện\)"),
    ("training", r"hội nghị(?: trực tuyến)? tập huấn|lớp tập huấn|tập huấn|bồi dưỡng|lớp học|khóa học|lớp đào tạo|"
                 r"truyền thông nâng cao năng lực|khai giảng"),
    ("issuance", r"(?:vừa|đã|chính thức)\s+(?:ký|ban hành|phê duyệt|phê chuẩn|công nhận)|"
                 r"ký (?:ban hành )?(?:quyết định|nghị quyết|nghị định|chỉ thị|công điện|kế hoạch|thông tư)|"
                 r"ban hành (?:quyết định|nghị quyết|nghị định|chỉ thị|công điện|kế hoạch|thông tư|công văn|"
                 r"hướng dẫn|thông báo|đề án|chương trình)|phê duyệt|phê chuẩn|ban hành|công nhận|"
                 # a decision on a person: appointment, designation, transfer, discipline
                 r"có (?:quyết định|công văn|văn bản|thông báo|kết luận)\b|bổ nhiệm|"
                 r"(?:đã |vừa )?(?:thống nhất|đồng ý|chấp thuận) (?:phương án|chủ trương|đề nghị)|điều động|chỉ định|chuẩn y|"
                 r"miễn nhiệm|luân chuyển|(?:thi hành |bị |quyết định |hình thức )kỷ luật|"
                 r"kỷ luật (?:đảng viên|cán bộ|cảnh cáo|khiển trách|cách chức|bằng hình thức)"),
    # "HĐND tỉnh bầu ông X", "Thêm năm tỉnh bầu các chức danh": the vote is the session's news.
    ("council_session", r"kỳ họp(?! (?:giao ban|thường kỳ của ubnd))|phiên khai mạc kỳ họp|phiên bế mạc|"
                        r"(?:bỏ phiếu |tiến hành |đã |được )?\bbầu\b(?! cử| bổ sung ủy viên ubnd)"),
    # "Thanh tra tỉnh", "Chánh Thanh tra", "kết luận thanh tra" name a body or a document, not an inspection.
    ("inspection", r"kiểm tra|giám sát|khảo sát|(?<!chánh )(?<!kết luận )(?<!ngành )thanh tra"
                   r"(?! (?:tỉnh|chính phủ|bộ|huyện|thành phố|sở)\b)"),
    ("visit", r"thăm hỏi|thăm và tặng quà|thăm,? tặng quà|tặng quà|chúc tết|thăm|động viên|trao quà|"
              r"(?:trao tặng|trao|tặng) (?:(?:hơn |trên |gần )?\d[\d.]* )?(?:suất|phần) quà"),
    # "công bố dịch", "công bố tình trạng khẩn cấp" declare a state of affairs; no ceremony is held.
    # "lễ Sene Dolta", "lễ Vu Lan": a festival named by its proper name is a season, no ceremony held.
    ("ceremony", r"dâng hoa|dâng hương|thắp hương|(?<!khu )(?<!nhà )tưởng niệm|"
                 r"(?<!dịp )(?<!mùa )(?<!đón )(?<!ngày )\blễ\b(?! hội)(?!(?-i:\s+[A-ZĐ]\w*\s+[A-ZĐ]))|khánh thành|khởi công|trao tặng|kỷ niệm|"
                 r"ra mắt|phát động|gắn biển|mít tinh|trao quyết định|trao bằng|trao huân chương|"
                 r"(?<!hội nghị )công bố(?! (?:hết )?dịch| tình trạng| tình huống)"),
    ("conference", r"hội nghị|(?<!quốc )hội thảo(?! luận)|tọa đàm|diễn đàn|sơ kết|tổng kết|đại hội|giao ban|đối thoại|"
                   r"buổi sinh hoạt|sinh hoạt (?:pháp luật|chuyên đề|chính trị)"),
    ("meeting", r"buổi làm việc|làm việc với|làm việc tại|đã làm việc|tiếp xúc cử tri|tiếp công dân|"
                r"hội đàm|hội kiến|điện đàm|tiếp đoàn|tiếp xã giao|đã tiếp|buổi tiếp(?:\s+xúc)?\b|tiếp xúc cử tr[iì]|cử tri (?:tham )?dự\b|phiên họp|cuộc họp|họp báo|\bhọp\b"),
]
_COMPILED = [(t, re.compile(p, re.IGNORECASE)) for t, p in TRIGGERS]


def _lower_only(pattern: str) -> bool:
    """True when every letter the pattern spells (escapes aside) is lower case."""
    plain = re.sub(r"\\.", "", pattern)
    return plain == plain.lower()


class CaseFree:
    """A pattern compiled with IGNORECASE, run fast: IGNORECASE costs Python's engine about 2.6× on
    Vietnamese text, so when every letter the pattern spells is lower case it runs case-sensitively
    on the lowered text instead — same matches, same offsets (used only when lowering keeps the
    text's length; otherwise, and for patterns with capitals, the original runs)."""

    def __init__(self, compiled: re.Pattern):
        self.original = compiled
        self.fast = re.compile(compiled.pattern, compiled.flags & ~re.IGNORECASE) \
            if compiled.flags & re.IGNORECASE and _lower_only(compiled.pattern) else None

    def finditer(self, text: str, lowered: str | None):
        if self.fast is not None and lowered is not None:
            return self.fast.finditer(lowered)
        return self.original.finditer(text)


def lowered(text: str) -> str | None:
    """text.lower() when it has the same length (offsets carry over), else None."""
    low = text.lower()
    return low if len(low) == len(text) else None


_FAST = [(t, CaseFree(p)) for t, p in _COMPILED]
_PRIORITY = {t: i for i, (t, _) in enumerate(TRIGGERS)}

WORDS = json.loads((Path(__file__).resolve().parent / "data" / "event_words.json").read_text(encoding="utf-8"))


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


# A trigger inside a body's name ("Ủy ban Kiểm tra Tỉnh ủy", "Ban Tổ chức Đại hội") is no event.
_NOT_EVENT_NAME = re.compile(rf"(?<!\w)(?:{_alt(WORDS['not_event_names'])})(?!\w)", re.IGNORECASE)
# "tổng kết công tác thanh tra": the trigger right after is the subject ("Đoàn công tác kiểm tra" is a team
# that inspects).
_TOPIC_BEFORE = re.compile(
    rf"(?<!\w)(?:{_alt(WORDS['topic_before_not_after'])})\s+$|(?<!\w)(?P<topic>{_alt(WORDS['topic_before'])})\s+$",
    re.IGNORECASE)
# "kiểm tra công tác chuẩn bị tổ chức Lễ kỷ niệm …", "ban hành kế hoạch tổ chức lễ khởi công": what the
# clause goes on to name is prepared, planned or hailed, not held.
_TOPIC_CLAUSE = re.compile(rf"(?<!\w)(?:{_alt(WORDS['topic_clause'])})(?!\w)[^,;:.!?\n]*", re.IGNORECASE)
_TOPIC_SENTENCE = re.compile(rf"(?<!\w)(?:{_alt(WORDS['topic_sentence'])})(?!\w)[^.!?\n]*", re.IGNORECASE)
# "Sau hơn 1 tháng phát động": an act some time ago is background of the news.
# "tổng kết công tác kiểm tra, giám sát": the subject runs on through a list.
_TOPIC_LIST_BEFORE = re.compile(rf"(?<!\w)(?:{_alt(WORDS['topic_before'])})\s+[^,.;:!?\n]{{1,20}}(?:,|\svà)\s*$",
                                re.IGNORECASE)
# "triển khai 66.032 cuộc thanh tra", "các đợt kiểm tra": many of them, counted or planned, are no one event.
_COUNTED_BEFORE = re.compile(r"(?:\d[\d.,]*|các|những)\s+(?:cuộc|đợt|lượt)\s+$", re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,|và|,\s*và)\s*")
_SINCE_BEFORE = re.compile(r"(?<!\w)sau\s+(?:hơn\s+|gần\s+|khoảng\s+)?\d+\s+(?:ngày|tuần|tháng|năm)\s+$", re.IGNORECASE)
_NOT_VENUE_BEFORE = re.compile(rf"(?<!\w)(?:{_alt(WORDS['not_venue_before'])})(?!\w)[^,;.]{{0,30}}$", re.IGNORECASE)
_FUTURE = re.compile(rf"(?<!\w)(?:{_alt(WORDS['future_before'])})(?!\w)", re.IGNORECASE)

# A trigger in a clause that describes a habit ("thường xuyên đến gia đình động viên", "hằng tháng
# thăm hỏi") tells what people usually do, not what happened: it is not an event.
_HABITUAL = re.compile(
    r"thường xuyên|định kỳ|(?:hằng|hàng|mỗi)\s+(?:ngày|tuần|tháng|quý|năm|dịp|khi|buổi)", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[,;:.!?\n][^,;:.!?\n]*$")
# An issuance trigger whose sentence cites only documents signed this long before publication is
# background ("sau khi Quốc hội ban hành Nghị quyết … ngày 19/6/2020"), not the news.
BACKGROUND_DAYS = 30

TITLE_WEIGHT, LEAD_WEIGHT, BODY_WEIGHT = 4.0, 2.0, 0.5
MIN_SCORE = 1.0
_ANNOUNCING_CONFERENCE = re.compile(r"hội nghị (?:cũng |đã |đồng thời )?(?:công bố|trao|triển khai) (?:các )?quyết định",
                                    re.IGNORECASE)
_NATIONAL_BODY = re.compile(r"(?<!đại biểu )quốc hội(?! tỉnh)|chính phủ|thủ tướng|bộ chính trị|ban bí thư|trung ương", re.IGNORECASE)
LEAD_CHARS = 600

# A sentence ends at . ! ? before a space or a line end, not inside "TP.HCM", "1.204" nor after an
# abbreviation ("UBND TP. Hồ Chí Minh", "TS. Hà Thị Vân Anh").
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")
_ABBREVIATION = re.compile(r"(?<!\w)(?:TP|Tp|tp|TS|ThS|PGS|GS|BS|TX|TT|Q|P)$")
# The number is read from the start of its run of digits, dots and commas (a match may not start
# inside it), so a long run costs linear time, not quadratic; the figure is the prefix word, if any,
# then the number from its first digit: `_figures` below.
_FIGURE = re.compile(
    r"(?:(?P<pre>(?:hơn|gần|trên|khoảng|có|với|gồm)\s+)(?=\d)|(?<![\d.,])[.,]*)"
    r"(?P<num>\d[\d.,]*+)\s+(?:đại biểu|học viên|cán bộ|người|hộ|"
    r"thí sinh|doanh nghiệp|xã|phường|bản|thôn|tỷ đồng|triệu đồng|suất quà|phần quà|ha|km|công trình)",
    re.IGNORECASE,
)


def _figures(text: str, limit: int = 10) -> list[str]:
    """The first `limit` figures ("hơn 300 đại biểu", "1.200 hộ") as written."""
    out = []
    for m in _FIGURE.finditer(text):
        out.append(m.group(0) if m.group("pre") else text[m.start("num"):m.end()])
        if len(out) >= limit:
            break
    return out


# "Hội nghị trực tuyến", "kết nối trực tuyến" spread the event over several places; "dịch vụ công trực
# tuyến" is a topic.
_MULTI_PLACE = re.compile(
    r"\d+\s+tỉnh,?\s+thành|các tỉnh,? thành|cả nước|toàn quốc|điểm cầu|đồng loạt|"
    r"(?<!\w)(?:\d+|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+tỉnh(?!\s+(?:ủy|uỷ|đoàn|đội|hợp nhất|sáp nhập|được))\b|"
    r"(?:hội nghị|hội thảo|họp|hình thức|phương thức|kết nối|tổ chức|truyền hình)\s+trực tuyến",
    re.IGNORECASE)
# Held online: a province named in the sentence is where a participant sits, not the event's place.
_ONLINE = re.compile(r"(?:hội nghị|hội thảo|họp|hình thức|phương thức|kết nối|tổ chức|truyền hình)\s+trực tuyến|"
                     r"điểm cầu", re.IGNORECASE)
_PLACE_PREP = re.compile(r"(?:tại|ở|đến|về|trên địa bàn)\s+(?:(?:tỉnh|thành phố|tp\.?)\s*)?$", re.IGNORECASE)
# The province closing an address after "tại": "tại trụ sở Bộ (số 2 Ngọc Hà, Hà Nội)", "tại Nhà văn hóa
# xã, huyện Y, tỉnh X".  The place is that province, not the home province of the guests in the clause.
_VENUE_ADDRESS_BEFORE = re.compile(r"\btại\s[^.;:!?\n]{0,80}[,(]\s*(?:(?:tỉnh|thành phố|tp\.?)\s*)?$",
                                   re.IGNORECASE)
_VENUE_ADDRESS_AFTER = re.compile(r"\s*(?:[),.;]|$)")
# A venue abroad ("tại huyện Noọng Hẹt, tỉnh Xiêng Khoảng (Lào)", "tại Viêng Chăn, Lào,"): no Vietnamese
# province hosts it.  Country names are matched with their capitals and only as the last element of the
# venue, so "hội nghị Việt Nam - Lào" or a person called Đức does not move an event abroad.
_COUNTRIES = json.loads((Path(__file__).resolve().parent / "data" / "province_foreign.json")
                        .read_text(encoding="utf-8"))["countries"]
_ABROAD = re.compile(
    r"\b(?i:tại)\s[^.;:!?\n]{0,80}?(?:[(,]\s*|\b(?i:tại)\s+)(?:nước\s+(?:bạn\s+)?)?(?:"
    + "|".join(re.escape(c) for c in sorted(_COUNTRIES, key=len, reverse=True))
    + r")(?!\w)(?=\s*[),.;])")


@dataclass
class Event:
    type: str
    start: int
    end: int
    trigger: str
    date: str | None = None
    province: str | None = None
    main: bool = False
    score: float = 0.0
    officials: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"type": self.type, "date": self.date, "province": self.province, "main": self.main,
                "start": self.start, "end": self.end, "trigger": self.trigger,
                "officials": self.officials, "documents": self.documents, "figures": self.figures}


def sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.group(0) == "." and _ABBREVIATION.search(text, max(0, m.start() - 4), m.start()):
            continue
        if text[start:m.end()].strip():
            out.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def _hits(text: str):
    """(type, start, end, trigger) for every trigger, longest match at a place winning; triggers inside a
    body's name, or naming the subject or the object of the clause, are left out."""
    return list(_hits_of(text))


@lru_cache(maxsize=16)
def _hits_of(text: str) -> tuple:
    found = []
    low = lowered(text)
    for etype, pattern in _FAST:
        for m in pattern.finditer(text, low):
            start = m.start()
            if text[start:start + 1].isspace() and start:  # a line opening (_LINE_OPEN)
                start = text.index("\n", start) + 1
            if not _habitual(text, start):
                found.append((etype, start, m.end(), text[start:m.end()]))
    found.sort(key=lambda h: (h[1], -(h[2] - h[1]), _PRIORITY[h[0]]))
    masked = _masked(text)
    kept, last_end, dropped_end = [], -1, -1
    for h in found:
        if h[1] >= last_end:
            last_end = h[2]
            # "các đợt thanh tra, kiểm tra": a word listed right after a left-out one is left out too.
            listed = dropped_end >= 0 and _LIST_GAP.fullmatch(text, dropped_end, h[1]) is not None
            if not listed and not any(a <= h[1] < b for a, b in masked) and not _topic(text, h[1]):
                kept.append(h)
            else:
                dropped_end = h[2]
    return tuple(_anaphora(kept))


_MASKS = [CaseFree(p) for p in (_NOT_EVENT_NAME, _TOPIC_CLAUSE, _TOPIC_SENTENCE)]


@lru_cache(maxsize=16)
def _masked(text: str) -> tuple[tuple[int, int], ...]:
    # "Ban Tổ chức Đại hội": the name runs on over the event it is named for.
    low = lowered(text)
    spans = [(m.start(), m.end() + 2) for m in _MASKS[0].finditer(text, low)]
    spans += [(m.start() + 1, m.end()) for m in _MASKS[1].finditer(text, low)]
    spans += [(m.start() + 1, m.end()) for m in _MASKS[2].finditer(text, low)]
    return tuple(spans)


def _topic(text: str, pos: int) -> bool:
    m = _TOPIC_BEFORE.search(text, max(0, pos - 20), pos)
    return bool(m and m.group("topic")) or bool(_SINCE_BEFORE.search(text, max(0, pos - 30), pos)) \
        or bool(_TOPIC_LIST_BEFORE.search(text, max(0, pos - 40), pos)) \
        or bool(_COUNTED_BEFORE.search(text, max(0, pos - 30), pos))


def _anaphora(hits: list) -> list:
    """"Hội nghị tập huấn …" once named, "Tại Hội nghị" later speaks of the same training."""
    named = next((h for h in hits if h[0] == "training" and h[3].lower().startswith("hội nghị")), None)
    if named is None:
        return hits
    return [("training", *h[1:]) if h[0] == "conference" and h[1] > named[1] and h[3].lower() == "hội nghị"
            else h for h in hits]


_SIDE_EVENT = re.compile(rf"(?:^|[.!?\n]\s*)(?:{_alt(WORDS['side_event_openers'])})(?!\w)[^.!?\n]*$", re.IGNORECASE)


def _side_event(text: str, pos: int) -> bool:
    """Whether the sentence up to `pos` opens with "Dịp này", "Bên cạnh đó" …: a side event of the news."""
    return bool(_SIDE_EVENT.search(text, max(0, pos - 200), pos))


def _future(text: str, pos: int) -> bool:
    """Whether the sentence leading up to `pos` says the event is still to come ("sẽ", "dự kiến"): "sẽ được
    động thổ, khởi công và khánh thành" puts the whole list ahead."""
    window = text[max(0, pos - 80):pos]
    cut = re.search(r"[.!?\n][^.!?\n]*$", window)
    return bool(_FUTURE.search(window[cut.start():] if cut else window))


def _habitual(text: str, pos: int) -> bool:
    """Whether the clause that leads up to `pos` describes a habit."""
    window = text[max(0, pos - 80):pos]
    cut = _CLAUSE_START.search(window)
    return bool(_HABITUAL.search(window[cut.start():] if cut else window))


def _background_issuance(text: str, pos: int, documents, published) -> bool:
    """An issuance trigger whose sentence cites only documents signed well before publication."""
    pub = _iso_date(published)
    if pub is None or not documents or text[pos:pos + 3].lower() == "vừa":
        return False  # "vừa ký", "vừa ban hành": the signing is the news, however late the page went out
    sent = next(((a, b) for a, b in sentences(text) if a <= pos < b), (pos, pos))
    signed = [_iso_date(getattr(d, "date", None)) for d in documents if sent[0] <= d.start < sent[1]]
    signed = [d for d in signed if d is not None]
    return bool(signed) and all((pub - d).days > BACKGROUND_DAYS for d in signed)


def _iso_date(value) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def classify(title: str | None, text: str, documents=None, published=None) -> tuple[str, dict[str, float]]:
    """The main event type and every type's score.

    `documents` (mentions with start and date) and `published` let an issuance trigger that only
    recalls an old document count as background."""
    scores: dict[str, float] = {}
    title_hits = _hits(title or "")
    for etype, _s, _e, _t in title_hits:
        scores[etype] = scores.get(etype, 0.0) + TITLE_WEIGHT
    if len({h[0] for h in title_hits}) > 1:
        # "Chủ tịch UBND tỉnh kiểm tra dự án … và tặng quà Tết cho công nhân": the act named first is the news.
        scores[title_hits[0][0]] += TITLE_FIRST_BONUS
    lead_end = _lead_end(text)
    news = _dated_news_sentence(text)
    # Issuance news says so in its opening paragraph; a decision recalled in a later paragraph that the
    # LEAD_CHARS window happens to reach is context of other news (an epidemic, a tally).
    issue_end = _first_paragraph_end(text) or lead_end
    counted: set[tuple[str, int]] = set()
    for etype, s, _e, _t in _hits(text):
        # Synonyms in one sentence ("thăm hỏi, động viên và tặng quà") report one act: counted once.
        sentence = _sentence_start(text, s)
        if (etype, sentence) in counted:
            continue
        counted.add((etype, sentence))
        lead = (s < (issue_end if etype == "issuance" else lead_end) or news[0] <= s < news[1]) \
            and not _future(text, s) and not _side_event(text, s) \
            and not (etype == "issuance" and _background_issuance(text, s, documents, published))
        scores[etype] = scores.get(etype, 0.0) + (LEAD_WEIGHT if lead else BODY_WEIGHT)
    # "Hội nghị công bố quyết định" is a conference (the spec): the
    # announcement words in the title then speak for the conference.
    if "ceremony" in scores and (_ANNOUNCING_CONFERENCE.search((title or "") + "\n" + text) or (
            _HELD_CONFERENCE.search(text, 0, max(lead_end, news[1]))
            and all(_ANNOUNCING.fullmatch(t) for e, _s, _e, t in title_hits + _hits(text) if e == "ceremony"))):
        # "UBND huyện … Công bố quyết định khen thưởng" over "tổ chức hội nghị triển khai …": the
        # announcement is made at the conference.
        scores["conference"] = scores.get("conference", 0.0) + scores.pop("ceremony")
    if "issuance" in scores and not _issued_up_front(title, text, issue_end):
        # "Ngày 26/1, UBND tỉnh đã ban hành Quyết định … công nhận kết quả này" in the second paragraph of a
        # report on poverty figures: the decision backs the news, it is not the news.
        scores["issuance"] = min(scores["issuance"], MIN_SCORE - BODY_WEIGHT)
    if "council_session" in scores and not _COUNCIL.search((title or "") + "\n" + text):
        # "tại kỳ họp thứ 21, Ủy ban Kiểm tra Tỉnh ủy …": a Party commission's meeting, no council's session.
        scores.pop("council_session")
    best = max(scores.items(), key=lambda kv: (kv[1], -_PRIORITY[kv[0]])) if scores else ("other", 0.0)
    if best[1] < MIN_SCORE:
        # One passing word deep in the body ("đã kiểm tra …") is not the news; a title that quotes an
        # office holder ("BỘ TRƯỞNG BỘ NỘI VỤ …: LUÔN BÁM SÁT …") over no event is what he told the paper.
        return ("interview" if _QUOTED_TITLE.match(title or "") else "other"), scores
    return best[0], scores


TITLE_FIRST_BONUS = 1.0
_QUOTED_TITLE = re.compile(
    r"^\s*(?:phó\s+)?(?:bộ trưởng|thứ trưởng|chủ tịch|bí thư|giám đốc|chủ nhiệm|trưởng ban|tổng bí thư|"
    r"thủ tướng|viện trưởng|cục trưởng|vụ trưởng|chánh án|tổng giám đốc)\b[^:\n]{3,80}:\s*\S", re.IGNORECASE)
_COUNCIL = re.compile(r"hđnd|hội đồng nhân dân|quốc hội|đbqh", re.IGNORECASE)
_HELD_CONFERENCE = re.compile(r"tổ chức hội nghị|hội nghị (?:được tổ chức|diễn ra)", re.IGNORECASE)
_ANNOUNCING = re.compile(r"công bố|trao quyết định", re.IGNORECASE)
# A sentence that opens with the day it reports ("Hôm 11/4, …", "Sáng 26/8, …") is the news sentence,
# even after a paragraph of background.
_DATED_OPENING = re.compile(
    r"(?m)(?:^|(?<=[.!?]\s))[ \t(\-–]*(?:\([^)\n]{1,40}\)\s*[-–]?\s*)?"
    r"(?:(?:sáng|chiều|tối|trưa|đêm|hôm|ngày)(?:\s+(?:nay|qua|hôm qua))?\s+)(?:ngày\s+)?\d{1,2}\s*[/.\-]\s*\d{1,2}",
    re.IGNORECASE)


def _dated_news_sentence(text: str) -> tuple[int, int]:
    m = _DATED_OPENING.search(text)
    if not m:
        return (0, 0)
    end = _SENTENCE_END.search(text, m.end())
    return m.start(), (end.end() if end else len(text))


def _sentence_start(text: str, pos: int) -> int:
    cut = [m.end() for m in re.finditer(r"[.!?](?=\s)|\n", text[max(0, pos - 300):pos])]
    return max(0, pos - 300) + cut[-1] if cut else max(0, pos - 300)


def _issued_up_front(title: str | None, text: str, issue_end: int) -> bool:
    """Whether the title or the opening paragraph carries an issuance trigger."""
    return any(etype == "issuance" for etype, *_ in _hits(title or "")) \
        or any(etype == "issuance" and s < issue_end for etype, s, _e, _t in _hits(text))


def _first_paragraph_end(text: str) -> int:
    """End of the first paragraph of substance (80 characters or more), 0 when there is none."""
    for para in re.finditer(r"[^\n]+", text):
        if len(para.group(0).strip()) >= 80:
            return para.end()
    return 0


def _lead_end(text: str) -> int:
    """End of the lead: the first paragraph of substance, at least LEAD_CHARS."""
    return max(_first_paragraph_end(text), min(len(text), LEAD_CHARS))


def _date_in(span: tuple[int, int], dates: list, text: str | None = None) -> str | None:
    """The first date in the span; with `text`, not a deadline or a cut-off ("trước 30/10", "đến hết ngày")."""
    masked = _masked(text) if text is not None else ()
    for d in dates:
        if span[0] <= d.start < span[1] and d.value and not (
                text is not None and (_STATUS_BEFORE.search(text, max(span[0], d.start - 15), d.start)
                                      or (getattr(d, "kind", "full") != "relative"
                                          and any(a <= d.start < b for a, b in masked)))):
            return d.value
    return None


def find_events(text: str, title: str | None, dates: list, documents: list, provinces: list,
                officials: list, published: str | None = None) -> list[Event]:
    """Events of an article, the main one first.

    `dates`: date mentions with start/value (full dates only, datelines and
    document signing dates already marked by the caller through `in_document`);
    `documents`: document mentions (start, end, number, date); `provinces`:
    counted province mentions (start, end, name); `officials`: Official objects.
    """
    main_type, scores = classify(title, text, documents, published)
    # The days an anniversary spans ("(17/10/2002 - 17/10/2022)") are commemorated, not when the event is
    # held; nor does a document's signing date, even when its number is too odd to be read as a citation.
    event_dates = [d for d in dates if not getattr(d, "in_document", False)
                   and not any(a.start() <= d.start < a.end() for a in _ANNIVERSARY.finditer(text))
                   and not _SIGNED_AFTER_NUMBER.search(text, max(0, d.start - 40), d.start)]
    sents = sentences(text)
    hits = _hits(text)

    def sentence_of(pos: int) -> tuple[int, int]:
        for s in sents:
            if s[0] <= pos < s[1]:
                return s
        return (pos, pos)

    # A decision takes effect, is announced or handed over on days other than its signing: those days do not
    # date its issuance ("nghỉ hưu theo chế độ từ ngày 1/8/2022", "được Tỉnh ủy công bố ngày 15/11").
    signing_dates = [d for d in event_dates
                     if not _NOT_SIGNING_BEFORE.search(text, max(0, d.start - 30), d.start)]
    events: list[Event] = []
    seen_types: set[str] = set()
    for etype, s, _e, trig in hits:
        if etype in seen_types:
            continue
        seen_types.add(etype)
        sent = sentence_of(s)
        ev = Event(type=etype, start=sent[0], end=sent[1], trigger=trig, score=scores.get(etype, 0.0))
        if etype == "issuance":
            # "Ngày 12-6, Sở Nội vụ cho biết chủ tịch UBND tỉnh đã thống nhất …": the day of the report.
            ev.date = _date_in(sent, [d for d in signing_dates
                                      if not _REPORTED.search(text, getattr(d, "end", d.start), max(s, d.start))],
                               text)
        else:
            ev.date = _date_in(sent, event_dates, text)
        ev.province = _place_in(text, sent, provinces, etype)
        events.append(ev)

    main = next((ev for ev in events if ev.type == main_type), None)
    if main is None:
        main = Event(type=main_type, start=0, end=0, trigger="", score=scores.get(main_type, 0.0))
        events.insert(0, main)
    main.main = True
    if main.date is None and main.end > main.start:
        # Likewise the date: the title reports the visit, "Chiều 31/7, ông … đến thăm" in the lead dates it.
        main.date = _date_in_lead(text, main, hits, sentence_of,
                                  signing_dates if main.type == "issuance" else event_dates)
    if main.date is None and main.end > main.start and main.type != "issuance":
        main.date = _date_held(text, main, hits, sentence_of, event_dates)
    main.date = _main_date(main, text, event_dates, documents, sents, published)
    main_sentence = text[main.start:main.end]
    has_sentence = main.end > main.start
    named_inside = any(main.start <= p.start < main.end for p in provinces)
    # Held abroad, or online across many places at once ("kết nối tới điểm cầu …"): no province, and no
    # fallback to the provinces the article names.
    placeless = has_sentence and (_abroad(text, (main.start, main.end), provinces)
                                  or _national_venue(text, (main.start, main.end), provinces)
                                  or (_MULTI_PLACE.search(main_sentence) and not named_inside)
                                  or (_ONLINE.search(main_sentence) and main.province is None))
    if placeless:
        main.province = None
    elif main.province is None and has_sentence and not named_inside:
        # The first sentence of this kind may be the title, naming no place ("Phó Chủ tịch UBND tỉnh thăm
        # hỏi …"): the next sentences that report it in the lead say where.
        main.province = _place_in_lead(text, main, hits, sentence_of, provinces)
    if main.type == "interview":
        # An interview takes place where the text says it was held, not in the province it talks about.
        main.province = _interview_place(text, sents, provinces)
    elif placeless:
        pass
    elif main.type == "issuance" and _NATIONAL_ISSUER.search(text[main.start:main.end]):
        # A decision of the centre is issued in the capital, not in the province it concerns; a decision on
        # a provincial post ("phê chuẩn kết quả bầu Chủ tịch UBND tỉnh Khánh Hòa", "chỉ định giữ chức Phó
        # Bí thư Tỉnh ủy Thái Nguyên") happens where that post is, when the post names one province.
        main.province = _post_province(text, (main.start, main.end), provinces)
    elif main.type == "issuance" and not main.province and has_sentence \
            and (post := _post_province(text, (main.start, main.end), provinces)):
        main.province = post
    elif not main.province and not (main.end > main.start and _national_subject(text, main)
                                  and not any(main.start <= p.start < main.end for p in provinces)):
        # A national body's event whose sentence names no province happened
        # at the centre, not in the province a delegate comes from.
        main.province = _main_province(text, [p for p in provinces if not _former(text, p, provinces)])
    main.officials = [o.name for o in officials]
    main.documents = [d.number for d in documents if getattr(d, "number", None)]
    main.figures = _figures(text)
    for ev in events:
        if not ev.main:
            ev.officials = [o.name for o in officials
                            if any(ev.start <= s < ev.end for s, _e in getattr(o, "mentions", []))]
            ev.documents = [d.number for d in documents if ev.start <= d.start < ev.end]
    events.sort(key=lambda ev: (not ev.main, ev.start))
    return events


# "Tại trụ sở Ủy ban Dân tộc, …": held at a national body's seat, in no province the sentence names.
_NATIONAL_VENUE = re.compile(r"tại trụ sở (?:bộ|ủy ban dân tộc|uỷ ban dân tộc|ubdt|chính phủ|văn phòng chính phủ|"
                             r"quốc hội|văn phòng quốc hội|trung ương|ban [^,.]{0,30} trung ương)\b", re.IGNORECASE)
_IN_PROVINCE = re.compile(r"trên địa bàn(?: (?:tỉnh|thành phố))?|tại (?:các |một số )?(?:địa phương|tỉnh)\b|"
                          r"đại biểu quốc hội tỉnh|đoàn đbqh tỉnh", re.IGNORECASE)


def _national_venue(text: str, sent: tuple[int, int], provinces: list) -> bool:
    """Held at a national body's seat whose address names no province ("(số 2 Ngọc Hà, Hà Nội)" does)."""
    m = _NATIONAL_VENUE.search(text, sent[0], sent[1])
    return bool(m) and not any(m.end() <= p.start < m.end() + 40 for p in provinces)


def _national_subject(text: str, main: Event) -> bool:
    """Whether the main sentence is a national body's act at the centre: the body named outside what the
    sentence prepares for ("Để chuẩn bị cho kỳ họp thứ Tám, Quốc hội khóa XV, …"), and no word saying it
    happens in a province ("trên địa bàn tỉnh")."""
    sentence = list(text[main.start:main.end])
    for a, b in _masked(text):
        for k in range(max(a, main.start), min(b, main.end)):
            sentence[k - main.start] = " "
    plain = "".join(sentence)
    return bool(_NATIONAL_BODY.search(plain)) and not _IN_PROVINCE.search(plain)


_NATIONAL_ISSUER = re.compile(
    r"(?:thủ tướng|phó thủ tướng|chính phủ|bộ chính trị|ban bí thư|quốc hội|chủ tịch nước|bộ trưởng)"
    r"[^.\n]{0,40}(?:vừa|đã)?\s*(?:ký|ban hành|phê duyệt|phê chuẩn)", re.IGNORECASE)


_ANNIVERSARY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](?:19|20)\d\d\s*[-–]\s*\1[/.\-]\2[/.\-](?:19|20)\d\d")
_SIGNED_AFTER_NUMBER = re.compile(r"\d{1,5}/[\w/.\-]*[A-ZĐ][\w/.\-]*\s*,?\s*(?:ngày\s*)?$")
_REPORTED = re.compile(r"cho biết|thông tin|cho hay|thông báo", re.IGNORECASE)
_NOT_SIGNING_BEFORE = re.compile(r"(?:công bố|hiệu lực|kể từ|\btừ|trao|nghỉ hưu|thời hạn)(?:\s+\S+){0,2}\s*(?:ngày\s*)?$",
                                 re.IGNORECASE)
_POST_CUE = re.compile(r"\b(?:bầu|phê chuẩn|giữ chức|chức vụ|chức danh|bổ nhiệm|chỉ định|chuẩn y)\b", re.IGNORECASE)


def _post_province(text: str, sent: tuple[int, int], provinces: list) -> str | None:
    cues = list(_POST_CUE.finditer(text, sent[0], sent[1]))
    if not cues:
        return None
    after = {p.name for p in provinces if cues[-1].end() <= p.start < sent[1]}
    return after.pop() if len(after) == 1 else None


def _place_in_lead(text: str, main: Event, hits, sentence_of, provinces: list) -> str | None:
    lead_end = _lead_end(text)
    for etype, s, _e, _t in hits:
        if etype != main.type or s < main.end or s >= lead_end:
            continue
        place = _place_in(text, sentence_of(s), provinces, etype)
        if place:
            return place
    return None


# "Đợt kiểm tra diễn ra trong ngày 21/9/2017" closing the report: a later sentence that names the event and
# says when it was held dates it when the lead does not.
_HELD = re.compile(r"diễn ra|được tổ chức|tổ chức vào|tiến hành|khai mạc|kéo dài", re.IGNORECASE)


def _abroad(text: str, sent: tuple[int, int], provinces: list) -> bool:
    """Whether the sentence's venue ("tại …") ends in a foreign country with no Vietnamese province in it."""
    for m in _ABROAD.finditer(text, sent[0], sent[1]):
        if not any(m.start() <= p.start < m.end() for p in provinces):
            return True
    return False


def _date_held(text: str, main: Event, hits, sentence_of, dates: list) -> str | None:
    for etype, s, _e, _t in hits:
        if etype != main.type or s < main.end:
            continue
        sent = sentence_of(s)
        if not _HELD.search(text, sent[0], sent[1]):
            continue
        for d in dates:
            if sent[0] <= d.start < sent[1] and d.value \
                    and not _STATUS_BEFORE.search(text, max(sent[0], d.start - 15), d.start):
                return d.value
    return None


def _date_in_lead(text: str, main: Event, hits, sentence_of, dates: list) -> str | None:
    lead_end = _lead_end(text)
    for etype, s, _e, _t in hits:
        if etype != main.type or s < main.end or s >= lead_end:
            continue
        value = _date_in(sentence_of(s), dates, text)
        if value:
            return value
    return None


def _main_date(main: Event, text: str, dates: list, documents: list, sents, published) -> str | None:
    if main.type == "issuance":
        # The date the decision was signed: a date in the sentence that issues
        # it, else the signing date of the first document cited in the lead.
        if main.date:
            return main.date
        lead_end = _lead_end(text)
        for d in documents:
            if d.start < lead_end and getattr(d, "date", None):
                return d.date
        return None
    if main.type == "other" and not main.date:
        return _lead_sentence_date(text, dates, sents)
    if main.type == "interview":
        # An interview is published after it is held: a later date in its sentence is what it talks about
        # ("Hội nghị … vào ngày mai (15/6)").
        pub = _iso_date(published)
        return main.date if not (main.date and pub and _iso_date(main.date) > pub) else None
    # The date of the event's sentence, else the first event-like date of the lead ("Sáng ngày 06/10, tại
    # …"); but the day it opened when the lead reports the close first ("chiều 08/12 … bế mạc. Kỳ họp khai
    # mạc từ ngày 06/12"): the spec dates an event by when it took place or began.
    lead_end = _lead_end(text)
    # Not a day the lead plans for ("chuẩn bị … để tổ chức lễ kỷ niệm … từ 15/8", "sẽ diễn ra").
    masked = _masked(text)
    lead = [d for d in dates if d.start < lead_end and d.value
            and getattr(d, "kind", "full") in ("full", "day_month", "relative", "weekday")
            and not _future(text, d.start)
            and (getattr(d, "kind", "full") == "relative" or not any(a <= d.start < b for a, b in masked))]
    first = main.date or (lead[0].value if lead else None)
    if first is None or _iso_date(first) is None:
        return first
    for d in lead:
        if _OPENED_BEFORE.search(text, max(0, d.start - 30), d.start) and d.value < first \
                and _iso_date(d.value) and (_iso_date(first) - _iso_date(d.value)).days <= OPENING_DAYS:
            return d.value
    return first


_OPENED_BEFORE = re.compile(r"(?:khai mạc|bắt đầu|khai giảng)(?:\s+(?:từ|vào|hôm))?(?:\s+\S+)?\s+(?:ngày\s+)?$",
                            re.IGNORECASE)
OPENING_DAYS = 14


# A date that closes a tally or sets a deadline ("tính đến ngày 30/11", "đến hết ngày 15/7", "so với
# thời điểm 31/12", "Đến 17 giờ ngày 9/9", "tới 6h30 sáng ngày 2/8") is not when something happened.
_CLOCK = r"\d{1,2}\s*(?:giờ|h|g)(?:\s*\d{1,2}(?:\s*phút)?)?(?:\s+(?:sáng|trưa|chiều|tối|đêm))?"
_STATUS_BEFORE = re.compile(
    rf"tính đến|đến hết|(?:đến|tới)(?:\s+{_CLOCK})?\s+ngày|hạn|\btrước(?:\s+ngày)?\s*$|sau ngày|so với|thời điểm",
    re.IGNORECASE)


def _lead_sentence_date(text: str, dates: list, sents) -> str | None:
    """For news of no listed kind (a flood, a tally): the date the lead sentence says it happened or
    began ("từ ngày 21 - 23/7, mưa lớn …" → the 21st); none when that sentence's first date is a
    document's signing date or a cut-off, or when the first paragraph states no date (a tally whose
    later paragraph dates a side event, "Riêng dịp Lễ hội …, diễn ra từ ngày 15/6")."""
    lead_end = _first_paragraph_end(text) or _lead_end(text)
    ordered = sorted((d for d in dates if d.value and d.start < lead_end), key=lambda d: d.start)
    if not ordered:
        return None
    first = ordered[0]
    sent = next(((a, b) for a, b in sents if a <= first.start < b), (first.start, first.start))
    clause = text[sent[0]:first.start]
    cut = _CLAUSE_START.search(clause)
    clause = clause[cut.start():] if cut else clause
    if getattr(first, "in_document", False) or _STATUS_BEFORE.search(clause):
        return None
    return first.value


_INTERVIEW_INTRO = re.compile(r"trao đổi với|phỏng vấn|trò chuyện với|có cuộc trao đổi", re.IGNORECASE)
_HELD_AT = re.compile(r"\btại\b", re.IGNORECASE)


def _interview_place(text: str, sents, provinces: list) -> str | None:
    """The province of the sentence that introduces the interview, when it says where it was held."""
    for a, b in sents:
        if _INTERVIEW_INTRO.search(text, a, b):
            if not _HELD_AT.search(text, a, b):
                return None
            return _place_in(text, (a, b), provinces, "interview")
    return None


_FORMER_UNIT = re.compile(r"khu vực\s+$|(?:tỉnh|thành phố)\s+cũ\s*$", re.IGNORECASE)
_UNIT_WORD = re.compile(r"(?:tỉnh|thành phố|tp\.?)\s*$", re.IGNORECASE)


# "Bà Rịa - Vũng Tàu (cũ)", "(Hòa Bình cũ)", "tỉnh Hà Giang trước đây": a unit before the 2025 merger.
_FORMER_AFTER = re.compile(r"\s*(?:\(\s*(?:cũ|trước đây)\s*\)|cũ\b|trước đây\b)", re.IGNORECASE)
# "…, nay là tỉnh Phú Thọ", "(nay thuộc TP. Hồ Chí Minh)": the unit it is now.
_NOW_AFTER = re.compile(r"[\s,;(]*(?:\(\s*cũ\s*\)|cũ)?[\s,;(]*nay\s+(?:là|thuộc)\s+(?:(?:tỉnh|thành phố|tp\.?)\s*)?$",
                        re.IGNORECASE)


def _former(text: str, p, provinces: list | None = None) -> bool:
    """A unit marked former; in a list ("ở Bà Rịa - Vũng Tàu và Bình Dương (cũ)") the mark closing it covers
    every unit of the list."""
    if _FORMER_AFTER.match(text, p.end) or _FORMER_UNIT.search(text, max(0, p.start - 12), p.start):
        return True
    for q in provinces or ():
        if q.start > p.end and _LIST_JOIN.fullmatch(text, p.end, q.start):
            return _former(text, q, provinces)
    return False


_LIST_JOIN = re.compile(r"\s*(?:,|và|,\s*và)\s*(?:(?:tỉnh|thành phố|tp\.?)\s*)?", re.IGNORECASE)


def _place_in(text: str, sent: tuple[int, int], provinces: list, etype: str = "") -> str | None:
    """A province named as the place in this sentence ("tại …", "… tỉnh X"); a unit marked former is not
    where a post-merger event happened: the unit the text says it is now takes its place."""
    inside = [p for p in provinces if sent[0] <= p.start < sent[1]]
    former = [p for p in inside if _former(text, p, inside)]
    if former:
        now = [p for p in inside if p not in former
               and _NOW_AFTER.search(text, max(sent[0], p.start - 40), p.start)]
        if now:
            return now[0].name
        inside = [p for p in inside if p not in former]
    # "các Đại sứ quán, tổ chức quốc tế … tại Hà Nội": where those bodies sit, not where the event is.
    inside = [p for p in inside if not (_PLACE_PREP.search(text, max(sent[0], p.start - 30), p.start)
                                        and _NOT_VENUE_BEFORE.search(text, max(sent[0], p.start - 60),
                                                                     _PLACE_PREP.search(text, max(sent[0], p.start - 30), p.start).start()))]
    for p in inside:
        before = text[max(sent[0], p.start - 30):p.start]
        if _PLACE_PREP.search(before):
            return p.name
    for p in inside:
        if _VENUE_ADDRESS_BEFORE.search(text, max(sent[0], p.start - 100), p.start) \
                and _VENUE_ADDRESS_AFTER.match(text, p.end):
            return p.name
    if _MULTI_PLACE.search(text[sent[0]:sent[1]]):
        return None
    # A former unit ("khu vực Sóc Trăng trước đây") says where people came from.
    current = [p for p in inside if not _FORMER_UNIT.search(text[max(sent[0], p.start - 12):p.start])]
    names = list(dict.fromkeys(p.name for p in current))
    if len(names) == 1:
        return names[0]
    if etype != "issuance":
        # The body that holds it: "Sở … thành phố Cần Thơ tổ chức …".
        for p in current:
            if _UNIT_WORD.search(text[max(sent[0], p.start - 12):p.start]):
                return p.name
    return None


def _main_province(text: str, provinces: list) -> str | None:
    names: dict[str, int] = {}
    for p in provinces:
        names[p.name] = names.get(p.name, 0) + 1
    if not names:
        return None
    if len(names) == 1:
        return next(iter(names))
    ranked = sorted(names.items(), key=lambda kv: -kv[1])
    lead = text[:_lead_end(text)]
    if _MULTI_PLACE.search(lead):
        return None
    if ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0]
    return None
