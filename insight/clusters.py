"""Events merged across outlets: articles whose main events are the same happening share a cluster.

Blocking keeps it cheap: an event is compared only with the clusters of the same type, the
same province and an anchor date (the event's date, else the article's publication day)
within `WINDOW_DAYS`.  Within a block, a pair is scored on what reports of one happening
share: the officials, document numbers and figures ("58/58 đại biểu"), the headline and the
sentence around the event's trigger.  A stated event date that differs by more than a day is
a conflict, whatever else is shared.  The cluster id (`cluster_key`) is derived from the
founding event's stable key, so a recomputation in the same order gives the same ids.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import re
import tomllib
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

import store

WINDOW_DAYS = 2          # anchor dates of one happening's reports differ by a day or two
MAX_CANDIDATES = 12      # clusters examined per event: bounds the cost in a crowded block
MAX_MEMBERS = 8         # members of a candidate cluster compared with the new event
THRESHOLD = 0.5          # pair score at or above which two events are one happening
FLOOR = 0.6              # token-set ratio of unrelated headlines in one block; above it counts
SAME_OUTLET_TEXT = 0.8   # one outlet's two articles are one happening only when their sentences nearly agree
NUMBER_PENALTY = 0.2     # headlines whose numbers have nothing in common
TYPE_PENALTY = 0.1       # a main event typed "other" joins a typed one on stronger evidence
IDENTITY_SCORE = 0.6     # one place, one stated day, one kind, the same people or session: joined
MAX_DATE_GAP = 1         # stated event dates further apart than this (days) are two happenings
# Kinds that one happening can be reported as: the decision itself ("Bộ Chính trị chỉ định …", an
# issuance) and the conference or ceremony that announces it ("hội nghị công bố quyết định …").
# Such a pair joins only when both cite the same document.
ANNOUNCES = {"issuance": ("conference", "ceremony"), "conference": ("issuance",), "ceremony": ("issuance",)}
# Kinds that outlets give one happening interchangeably, no document needed: "hội nghị công bố quyết
# định" is a conference to one outlet and a ceremony ("công bố", "trao quyết định") to the next; a
# Party congress's election session is a conference or a ceremony ("ra mắt").
INTERCHANGEABLE = {frozenset(("conference", "ceremony"))}
ANY_DAY = ("0001-01-01", "9999-12-31")  # the window of an event with no date at all: the latest clusters


def _day(value) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def anchor(event: dict) -> str | None:
    """The day a happening is filed under: its stated date, else the article's publication day."""
    day = _day(event.get("date")) or _day(event.get("published"))
    return day.isoformat() if day else None


@lru_cache(maxsize=4096)
def province_block(province: str | None) -> str:
    return " ".join(store.fold(province or "").split())


def _overlap(a: set, b: set) -> float | None:
    if not a or not b:
        return None
    return len(a & b) / min(len(a), len(b))


_WORDS = tomllib.loads(Path(__file__).with_name("clusters.toml").read_text(encoding="utf-8"))
# A document key's number, after an optional type word: `match` gives the number any key starts
# with, `fullmatch` the number of a bare key.
_KEY_NUMBER = re.compile("(?:" + "|".join(map(re.escape, _WORDS["document_types"])) + r")?(\d+)")


@lru_cache(maxsize=65536)
def _numbers(key: str) -> tuple[str | None, str | None]:
    """(the number of a bare document key — "2231", "QUYETDINH2745" — else None, the number any key
    starts with — "2231" of "2231/QD-TTG" — else None)."""
    bare, lead = _KEY_NUMBER.fullmatch(key), _KEY_NUMBER.match(key)
    return (bare.group(1) if bare else None, lead.group(1) if lead else None)


def _documents(a: list | set | None, b: list | set | None, keyed: bool = False) -> float | None:
    """Overlap of two events' documents (None when either cites none); outlets drop the symbol
    ("Quyết định 2231") and keep the number, so a bare number matches its full form.  `keyed`:
    the arguments are already sets of document keys (`_doc_keys`)."""
    ka = set(a or ()) if keyed else {store.document_key(n) for n in a or []} - {""}
    kb = set(b or ()) if keyed else {store.document_key(n) for n in b or []} - {""}
    if not ka or not kb:
        return None
    small, large = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    # x and y name one document when equal, or when one is bare and the other starts with its number.
    numbers = [_numbers(y) for y in large]
    bare = {n for n, _ in numbers if n is not None}
    leads = {n for _, n in numbers if n is not None}
    found = 0
    for x in small:
        bx, lx = _numbers(x)
        found += x in large or (bx is not None and bx in leads) or (lx is not None and lx in bare)
    return found / len(small)


_ORDINAL = _WORDS["ordinals"]
_ROMAN = _WORDS["roman"]
_SESSION = re.compile(r"(?<!\w)(ky hop|dai hoi(?: dai bieu)?(?: dang bo)?[\w ]{0,40}? lan) thu "
                      r"(\d{1,3}|" + "|".join(_ORDINAL) + "|" + "|".join(sorted(_ROMAN, key=len, reverse=True))
                      + r")(?!\w)")


def _folded(event: dict, field: str) -> str:
    """The folded text of one field, computed once per event dict (an event meets many others)."""
    key = "_folded_" + field
    if key not in event:
        event[key] = store.fold(event.get(field) or "")
    return event[key]


def session_number(event: dict) -> tuple[str, int] | None:
    """("ky hop", 6) for "Kỳ họp thứ 6" / "Kỳ họp thứ Sáu", ("dai hoi", 1) for "Đại hội … lần thứ I":
    the first such number in the headline, else in the text's opening (the session the news is about)."""
    if "_session" in event:
        return event["_session"]
    event["_session"] = None
    for field in ("title", "lead"):
        m = _SESSION.search(_folded(event, field))
        if m:
            word = m.group(2)
            number = int(word) if word.isdigit() else _ORDINAL.get(word) or _ROMAN.get(word)
            event["_session"] = ("ky hop" if m.group(1) == "ky hop" else "dai hoi"), number
            break
    return event["_session"]


_ACT = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, _WORDS["appointee_acts"])) + r")(?!\w)")
ACT_AFTER = 60    # characters from the act word to the name it governs ("điều động đồng chí X")
ACT_BEFORE = 80   # from a name to a later act word ("ông X, Phó Chủ tịch …, được bầu")


# The keys of short strings that recur in every block (names, numbers, figures), cached: a new
# event meets the same members' strings over and over.
_person_key = lru_cache(maxsize=65536)(store.person_key)
_document_key = lru_cache(maxsize=65536)(store.document_key)


@lru_cache(maxsize=65536)
def _figure_key(figure: str) -> str:
    return " ".join(store.fold(figure).split())


def _people(event: dict) -> set[str]:
    """The event's officials' name keys, computed once per event dict."""
    if "_people" not in event:
        event["_people"] = {_person_key(n) for n in event.get("officials") or []} - {""}
    return event["_people"]


def _figure_keys(event: dict) -> set[str]:
    """The event's figures ("58/58 đại biểu") folded, spaces collapsed, computed once per event dict."""
    if "_figure_keys" not in event:
        event["_figure_keys"] = {_figure_key(f) for f in event.get("figures") or []} - {""}
    return event["_figure_keys"]


def _doc_keys(event: dict) -> set[str]:
    if "_doc_keys" not in event:
        event["_doc_keys"] = {_document_key(n) for n in event.get("documents") or []} - {""}
    return event["_doc_keys"]


def appointee(event: dict) -> str | None:
    """The person the personnel news is about: the official named right after the first act word of
    the event's sentence ("bổ nhiệm bà X", "chỉ định đồng chí Y") or right before it ("ông Z được
    bầu"); None when the sentence has no act word or no official near it."""
    if "_appointee" in event:
        return event["_appointee"]
    event["_appointee"] = None
    text = _folded(event, "summary") or _folded(event, "title")
    m = _ACT.search(text)
    if m:
        best = None
        for key in _people(event):
            pos = text.find(key)
            while pos >= 0:
                if pos >= m.end() and pos - m.end() <= ACT_AFTER:
                    dist = pos - m.end()
                elif pos + len(key) <= m.start() and m.start() - pos - len(key) <= ACT_BEFORE:
                    dist = m.start() - pos - len(key) + ACT_AFTER  # a name after the act word comes first
                else:
                    pos = text.find(key, pos + 1)
                    continue
                if best is None or dist < best[0]:
                    best = (dist, key)
                pos = text.find(key, pos + 1)
        event["_appointee"] = best[1] if best else None
    return event["_appointee"]


def _similar(a: dict, b: dict, field: str) -> float:
    """0..1 similarity of one short text field of two events after folding, beyond what unrelated
    headlines share."""
    fa, fb = _folded(a, field), _folded(b, field)
    if not fa or not fb:
        return 0.0
    ratio = fuzz.token_set_ratio(fa, fb) / 100.0
    return max(0.0, (ratio - FLOOR) / (1 - FLOOR))


_NUMBER = re.compile(r"\d+")
_PART = re.compile(r"(?<!\w)(sang|trua|chieu|toi|dem)\s+(?:nay\s+)?(?:ngay\s+)?(\d{1,2})\s*/\s*(\d{1,2})")


def part_of_day(event: dict) -> str | None:
    """"sang", "chieu" … when the text puts the event's date in a part of the day ("Chiều 10/9")."""
    day = _day(event.get("date"))
    if day is None:
        return None
    for m in _PART.finditer(_folded(event, "lead")):
        if int(m.group(2)) == day.day and int(m.group(3)) == day.month:
            return m.group(1)
    return None


def compare(a: dict, b: dict) -> tuple[float, str]:
    """(score 0..1, reason) that events `a` and `b` (same block) are one happening.

    Each event: {type, date, published, title, summary, lead (the text's opening),
    officials: [names], documents: [numbers], figures: [str]}.  A score of 0 with a reason
    starting "conflict" means the two cannot be one happening.  Shared officials alone are
    weak (a provincial leader attends several events a day): a pair needs some shared content
    too — a document, a figure, a similar headline or sentence.
    """
    da, db_ = _day(a.get("date")), _day(b.get("date"))
    if da and db_ and abs((da - db_).days) > MAX_DATE_GAP:
        return 0.0, f"conflict: different dates {da} and {db_}"
    text = _similar(a, b, "summary")
    if a.get("outlet") and a.get("outlet") == b.get("outlet") and text < SAME_OUTLET_TEXT:
        return 0.0, f"conflict: two articles of {a['outlet']}"  # an outlet reports a happening once
    sa, sb = session_number(a), session_number(b)
    if sa and sb and sa[0] == sb[0] and sa[1] != sb[1]:
        return 0.0, f"conflict: {sa[0]} {sa[1]} and {sb[1]}"  # "kỳ họp thứ 6" and "kỳ họp thứ 7"
    pa, pb = part_of_day(a), part_of_day(b)
    if pa and pb and pa != pb and not (sa and sa == sb):  # a one-day session opens in the morning, closes after noon
        return 0.0, f"conflict: {pa} and {pb} of the same day"
    score, why, content = 0.0, [], False
    officials = _overlap(_people(a), _people(b))
    if officials is not None:
        score += 0.25 * officials
        why.append(f"officials {officials:.2f}")
    documents = _documents(_doc_keys(a), _doc_keys(b), keyed=True)
    ka, kb = appointee(a), appointee(b)
    # "chỉ định ông X" and "điều động ông Y", neither named in the other report: two decisions.
    # (One outlet may lead with the dismissal, the other with the election: one report names both.)
    if ka and kb and ka != kb and not documents and ka not in _people(b) and kb not in _people(a):
        return 0.0, f"conflict: the news is about {ka} in one and {kb} in the other"
    if documents:
        score += 0.3 * documents
        content = True
        why.append(f"documents {documents:.2f}")
    figures = _overlap(_figure_keys(a), _figure_keys(b))
    if figures:
        score += 0.25 * figures
        content = True
        why.append(f"figures {figures:.2f}")
    title = _similar(a, b, "title")
    content = content or title >= 0.35 or text >= 0.4
    score += 0.3 * title + 0.3 * text
    why.append(f"title {title:.2f} text {text:.2f}")
    if da and db_ and da == db_:
        score += 0.1
        why.append("same date")
    ta, tb = a.get("type") or "other", b.get("type") or "other"
    # One place, one stated day, one kind of happening and the same people in it: two officials
    # named in both reports, or the same numbered session; a council holds one session a day, so
    # for a session one shared official is enough.  When a report states no date, the same
    # numbered session ("Kỳ họp thứ 6", "Đại hội … lần thứ I") with a shared official.  (Shared
    # people with no shared day or session stay weak.)
    people_a, people_b = _people(a), _people(b)
    shared_people = len(people_a & people_b)
    # Two leaders attend several ceremonies a day together: the same two people make one happening
    # only when nothing tells the reports apart — each naming a person the other does not (two
    # appointees announced by the same two leaders), figures that differ ("1.150 tỷ đồng" and
    # "620 tỷ đồng"), or headlines and sentences with nothing in common.
    figures_differ = bool(a.get("figures") and b.get("figures") and not figures)
    same_people = shared_people >= 2 and not (people_a - people_b and people_b - people_a) and \
        not figures_differ and (title > 0 or text > 0)
    same_place = bool(province_block(a.get("province"))) and \
        province_block(a.get("province")) == province_block(b.get("province"))
    same_session = bool(sa) and sa == sb
    # The decision and the ceremony announcing it, told the same day with the same two people and
    # no document against it (one report gives no number): the outlets typed one happening twice.
    same_kind = ta == tb or frozenset((ta, tb)) in INTERCHANGEABLE or \
        (tb in ANNOUNCES.get(ta, ()) and documents is None and same_people)
    identity = bool(same_place and same_kind and (
        (da and db_ and da == db_
         and (same_people or same_session or (ta == "council_session" and shared_people >= 1)))
        # a report with no date: the same numbered session of the same place with the same people
        or ((not da or not db_) and same_session and shared_people >= 1)))
    if identity:
        content = True
        why.append(f"same day and place, {shared_people} official(s) in both" + (", same session" if same_session else ""))
    elif same_session and same_place:
        content = True
        score += 0.1
        why.append("same session")
    if not content:
        return min(score, THRESHOLD - 0.01), ", ".join(why + ["nothing shared but people and place"])
    na, nb = set(_NUMBER.findall(a.get("title") or "")), set(_NUMBER.findall(b.get("title") or ""))
    if na and nb and not na & nb:
        score -= NUMBER_PENALTY  # "Kỳ họp thứ 18" and "Kỳ họp thứ 19"
        why.append("headline numbers differ")
    if "other" not in (ta, tb) and ta != tb and not documents and not identity and \
            frozenset((ta, tb)) not in INTERCHANGEABLE:
        return 0.0, f"conflict: {ta} and {tb} with no document in common"
    if ta != tb:
        score -= TYPE_PENALTY  # "other" is the extractor's doubt, not a different kind of happening
        why.append("types differ")
    if identity:
        score = max(score, IDENTITY_SCORE)
    return max(0.0, min(score, 1.0)), ", ".join(why)


MAX_UNDATED_CANDIDATES = 4   # latest clusters of a block examined for an event with no date at all
MAX_UNDATED_MEMBERS = 6       # and the members of each read for it
MAX_OTHER_BLOCK = 4           # clusters examined in a block other than the event's own province
EVIDENCE_MEMBERS = max(MAX_MEMBERS, MAX_UNDATED_MEMBERS)  # members whose evidence a cluster row keeps
MAX_OFFICIAL_BLOCKS = 3  # provinces taken from the officials' other reports, most named first


def _officials_blocks(db, event: dict) -> list[str]:
    """Provinces where the event's officials appear in earlier reports (the registry's acts):
    where a province-less report ("Chủ tịch UBND tỉnh trao quyết định …") most likely belongs."""
    counts: dict[str, int] = {}
    for name in (event.get("officials") or [])[:4]:
        for province, current, n in store.act_provinces(db, _person_key(name)):
            for p in {province, current} - {None, ""}:
                b = province_block(p)
                counts[b] = counts.get(b, 0) + n
    return sorted(counts, key=lambda b: (-counts[b], b))[:MAX_OFFICIAL_BLOCKS]


# What a new event with no date to hold on to needs in common with a cluster: an official, a
# figure or a document (`_documents`: equal keys, or a bare number and a full one starting with
# it).  As strings, so that a cluster's members' evidence is kept on its row (store.refresh_cluster)
# and the test is one set intersection: "d:" a document key; "l:" a full key's leading number,
# met by an event's bare number; "b:" a bare number, met by an event's full key's leading number.

def _evidence_keys(event: dict, wanted: bool = False) -> set[str]:
    """A cluster member's evidence, as kept on the cluster row; `wanted`: the keys a new event
    looks for among them (its bare numbers meet kept leading numbers, and the other way round)."""
    keys = {"p:" + k for k in _people(event)} | {"f:" + k for k in _figure_keys(event)}
    for key in _doc_keys(event):
        bare, lead = _numbers(key)
        if wanted:
            bare, lead = lead, bare
        keys.add("d:" + key)
        if lead is not None:
            keys.add("l:" + lead)
        if bare is not None:
            keys.add("b:" + bare)
    return keys


def evidence_text(members: list[dict]) -> str:
    """The stored evidence of a cluster's first members: a line per member, tab-separated keys."""
    return "\n".join("\t".join(sorted(_evidence_keys(m))) for m in members)


def _lacking_evidence(db, event: dict, cluster_ids: list[int], read: int, live: set[int],
                      kept: dict[int, str | None]) -> set[int]:
    """Those of `cluster_ids` none of whose first `read` members shares an official, a document or
    a figure with the event.  `kept`: the evidence on their rows (store.candidate_clusters);
    `live`: clusters changed in this transaction, read from their events."""
    wanted = _evidence_keys(event, wanted=True)
    if not wanted:
        return set(cluster_ids)
    stored = {c: None if c in live else store.kept_evidence(kept.get(c), read) for c in cluster_ids}
    lacking = set()
    unread = [c for c, lines in stored.items() if lines is None]
    computed = {c: [evidence_text([m]) for m in rows]
                for c, rows in store.cluster_evidence_members(db, unread, read).items()} if unread else {}
    for cluster_id in cluster_ids:
        lines = stored[cluster_id] if stored[cluster_id] is not None else computed[cluster_id]
        if not any(wanted.intersection(line.split("\t")) for line in lines if line):
            lacking.add(cluster_id)
    return lacking


def cluster_key_for(event_key: str) -> str:
    return "c-" + hashlib.sha1(event_key.encode()).hexdigest()[:12]


def assign(db, article_id: int, stale: list[int] | None = None, known: dict | None = None) -> list[str]:
    """Give each main event of one article a cluster (joining a matching one or founding one).

    Runs inside the caller's transaction (store.save_extraction); `stale` are clusters the
    article's events belonged to before re-extraction (recounted, deleted when empty; None:
    not known, looked up).  `known`: what the writer already holds — the article's `record` and
    its `main_events` as store.events_for_clustering reads them — so they are not read back.
    Returns the cluster keys.
    """
    # `stale`, given by store.save_extraction, already names every cluster the article was in:
    # an article in none (a new one) has nothing to take out.
    touched: set[int] = set(stale or [])
    if stale is None or stale:
        touched |= set(store.detach_article_events(db, article_id))
    keys = []
    record_blocks = None
    recount = set(touched)  # clusters that lost members or were merged: recounted from their events
    joined: dict[int, list[dict]] = {}  # clusters that only gained this article's events
    known = known or {}
    events = known["main_events"] if "main_events" in known else store.events_for_clustering(db, article_id)
    for event in events:
        day = anchor(event)
        block = province_block(event.get("province"))
        best = None
        stored_type = event.get("type")
        event["type"] = stored_type or "other"
        # Where to look: the event's province and the clusters that have none (a provincial
        # paper's "UBND tỉnh" never names its province; the national outlet's report of the same
        # happening does); an event with no province also looks in the provinces its article names.
        blocks = [block, ""] if block else [""]
        if not block:
            if record_blocks is None:
                record = known["record"] if "record" in known else \
                    (store.article_for_registry(db, article_id) or {}).get("record")
                names = (record or {}).get("provinces") or []
                record_blocks = [province_block(n) for n in names if isinstance(n, str)][:3]
            blocks += [b for b in record_blocks if b and b not in blocks]
            blocks += [b for b in _officials_blocks(db, event) if b not in blocks]
        # When: a window around the anchor day; with no date at all, the latest clusters of the
        # block (a page without a date is most often a fresh one), on the same evidence.
        if day:
            lo = (_dt.date.fromisoformat(day) - _dt.timedelta(days=WINDOW_DAYS)).isoformat()
            hi = (_dt.date.fromisoformat(day) + _dt.timedelta(days=WINDOW_DAYS)).isoformat()
        else:
            lo, hi = ANY_DAY
        types = None if event["type"] == "other" else \
            [event["type"], *ANNOUNCES.get(event["type"], ()),
             *(t for pair in INTERCHANGEABLE if event["type"] in pair for t in pair if t != event["type"]), "other"]
        limit = MAX_CANDIDATES if day else MAX_UNDATED_CANDIDATES
        # The event's own block is searched widely; the others (province-less clusters, the
        # provinces its article or officials name) only for their latest few, which bounds the
        # cost where many reports carry no province.
        # A cluster founded by a report with no date has no anchor: the window never finds it, so
        # the latest such clusters are examined too, on the evidence an undated event needs.
        dated, undated_ids, kept = store.candidate_clusters(
            db, types, [(b, lo, hi, limit if b == block else MAX_OTHER_BLOCK) for b in blocks],
            blocks, MAX_UNDATED_CANDIDATES)
        candidates = list(dict.fromkeys(dated))
        undated = set(undated_ids)
        candidates += [c for c in undated if c not in candidates]
        read = MAX_MEMBERS if day else MAX_UNDATED_MEMBERS
        # With no date to hold on to, only a shared person, document or figure can join: those
        # clusters are first read for that evidence alone, and read whole only when they have it.
        need_evidence = [c for c in candidates if not day or c in undated]
        lacking = _lacking_evidence(db, event, need_evidence, read, touched, kept) if need_evidence else set()
        wanted = [c for c in candidates if c not in lacking]
        members = store.cluster_members(db, wanted, read) if wanted else {}
        matched = []  # (score, cluster id) of every cluster the event joins
        for cluster_id, rows in members.items():
            scores = [compare(event, m) for m in rows if m["article_id"] != article_id]
            if not scores or any(r.startswith("conflict") for _, r in scores):
                continue
            top = max(s for s, _ in scores)
            if top >= THRESHOLD:
                matched.append((top, cluster_id))
        if matched:
            matched.sort(key=lambda m: -m[0])  # the best score; on a tie the first candidate (stable sort)
            best = matched[0][1]
            moved = _merge_into(db, best, [c for _, c in matched[1:]], members, read)
            if moved:
                touched |= moved
                recount.add(best)
        if best is None:  # a new happening: its cluster is written whole, nothing to recount
            keys.append(store.found_cluster(db, cluster_key_for(event["event_key"]), dict(event, type=stored_type),
                                            block, day, evidence_text([event]), EVIDENCE_MEMBERS))
            continue
        store.set_event_cluster(db, event["id"], best)
        joined.setdefault(best, []).append(event)
        touched.add(best)
    for cluster_id in touched:
        if cluster_id in joined and cluster_id not in recount:  # new reports added, nothing else changed
            key = store.add_to_cluster(db, cluster_id, joined[cluster_id], evidence_of=evidence_text,
                                       first=EVIDENCE_MEMBERS)
        else:
            key = store.refresh_cluster(db, cluster_id, evidence_of=evidence_text, first=EVIDENCE_MEMBERS)
        if key:
            keys.append(key)
    return keys


def _merge_into(db, best: int, others: list[int], members: dict[int, list[dict]], read: int) -> set[int]:
    """An event that is one happening with two clusters bridges them: reports saved in another
    order would have met first (the portal's report arriving before the paper's that links it).
    Each other cluster moves into `best` when none of its members conflicts with one of best's
    (different days, parts of day, numbered sessions, two articles of one outlet) and it is
    wholly known (fewer than `read`, the most members read per cluster).  Returns the clusters emptied."""
    moved: set[int] = set()
    for other in others:
        rows, kept = members.get(other) or [], members.get(best) or []
        if not rows or len(rows) >= read or len(kept) >= read:
            continue
        if any(compare(m, k)[1].startswith("conflict") for m in rows for k in kept):
            continue
        for m in rows:
            store.set_event_cluster(db, m["id"], best)
        kept.extend(rows)
        moved.add(other)
    return moved


def rebuild(db) -> int:
    """Recompute every cluster from scratch, articles in id order; returns the number of clusters."""
    with store.write(db):
        store.clear_clusters(db)
        for article_id in store.clustered_article_ids(db):
            assign(db, article_id)
    return store.count_clusters(db)
