"""Officials' registry: persons resolved across articles, positions as dated spells.

Two steps, both pure:
- `acts_of(article)`: what one article says about each official: a position started
  ("bầu", "bổ nhiệm", "phê chuẩn kết quả bầu", "chỉ định", "điều động", "luân chuyển" …,
  dated by "kể từ ngày …" when stated, else by the vote or decision: the event's date), a
  position ended ("miễn nhiệm", "nghỉ hưu", "cách chức" …), a former post ("nguyên …") or
  a post held on the article's day.
- `resolve(name, acts)`: the acts of one name become persons and spells.  One name is one
  person unless it holds current posts in two provinces at the same time (compared by the
  post-merger province, so Quảng Bình before 1 July 2025 and Quảng Trị after are one
  place); each such conflict starts another person and the reason is kept.

`update(db, article_id)` runs both for the names of one article (store.save_extraction
calls it); `rebuild(db)` recomputes everything.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from pathlib import Path

import store

NAMES_SHOWN = 20  # names resolved for one query ("Nguyễn" alone matches thousands)
CONFLICT_GRACE_DAYS = 31  # posts in two provinces this close in time may be one move reported late
_DATE = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})")
_FROM = re.compile(r"(?:kể từ|từ)\s+ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})", re.I)


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    return tomllib.loads((Path(__file__).with_name("acts.toml")).read_text(encoding="utf-8"))


# Titles, bodies and province names recur in every article: their folds are cached (the text's
# own stretches are folded by `_Folded`).
_fold = lru_cache(maxsize=16384)(store.fold)


@lru_cache(maxsize=1)
def _titles() -> list[tuple[str, str]]:
    from nlp.titles import TITLES

    return sorted(((store.fold(t), t) for t in TITLES), key=lambda p: -len(p[0]))


def _iso(m: re.Match) -> str | None:
    try:
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        import datetime as _dt
        return _dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=8192)  # one article's acts name the same bodies; articles repeat them
def _province(org: str | None, fallback: str | None, named: tuple[str, ...] = ()) -> tuple[str | None, str | None]:
    """(province as written, post-merger province) of a body; national bodies give (None, None).

    The province is the first of the article's provinces (`named`) that the body's name
    contains; a local body that names none is in the article's province (`fallback`).
    """
    folded = _fold(org or "")
    name = next((p for p in named if _fold(p) in folded), None) if org else None
    if name is None and org and not any(folded.startswith(p) for p in _lexicon()["bodies"]["national"]):
        name = fallback
    return (name, _current(name)) if name else (None, None)


@lru_cache(maxsize=512)
def _current(name: str) -> str:
    from nlp import provinces

    unit = provinces.unit(name)
    return unit.short if unit else name


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start) + 1, text.rfind("\n", 0, start) + 1, 0)
    right = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    return left, min(right + [len(text)])


@lru_cache(maxsize=4)
def _verbs(kind: str) -> re.Pattern:
    words = sorted(_lexicon()[kind], key=len, reverse=True)  # "phe chuan ket qua bau" before "bau"
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


def _last_verb(folded: str, kind: str) -> tuple[int, str, str] | None:
    """The last act word of `kind` in a folded stretch: (position, folded word, label)."""
    best = None
    for m in _verbs(kind).finditer(folded):
        best = m
    return (best.start(), best.group(0), _lexicon()[kind][best.group(0)]) if best else None


@lru_cache(maxsize=1)
def _stops() -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in _lexicon()["target"]["stops"]) + r")(?!\w)")


def _target(text: str, folded: str, pos: int, end: int, province: str | None) -> tuple[str, str | None] | None:
    """The position named after a cue ("giữ chức", "làm" …) in text[pos:end]: (title, organization)."""
    lex = _lexicon()["target"]
    cue = None
    stretch = folded[pos:end]
    for word in lex["cues"]:
        m = re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", stretch)
        if m and (cue is None or m.start() < cue[0]):
            cue = (m.start(), m.end())
    starts = [pos + cue[1]] if cue else []
    starts.append(pos)
    for at in starts:
        rest = folded[at:end]
        at += len(rest) - len(rest.lstrip(" ,:"))
        rest = rest.lstrip(" ,:")
        for ftitle, title in _titles():
            if rest.startswith(ftitle) and not rest[len(ftitle):len(ftitle) + 1].isalnum():
                rest_start = at + len(ftitle)
                stop = end
                tail = rest[len(ftitle):]
                for s in [",", ";", "(", ".", " - ", " – "]:
                    i = tail.find(s)
                    if i != -1:
                        stop = min(stop, rest_start + i)
                m = _stops().search(text[rest_start:stop].lower())
                if m:
                    stop = rest_start + m.start()
                org = " ".join(text[rest_start:stop].split()) or None
                if org and province and re.fullmatch(r"(?i)(UBND|HĐND|Ủy ban nhân dân|Hội đồng nhân dân)?\s*"
                                                     r"(tỉnh|thành phố)", org):
                    org = f"{org} {province}"
                return title, org
        if not cue:
            break
    return None


class _Folded:
    """store.fold(text), folded only where looked at: fold maps each character to one, so a
    slice of the folded text is the fold of the same slice (text in NFC)."""

    def __init__(self, text: str):
        self.text = text

    def __getitem__(self, item: slice) -> str:
        return store.fold(self.text[item])

    def startswith(self, prefix: str, at: int) -> bool:
        return store.fold(self.text[at:at + len(prefix)]) == prefix

    def find(self, sub: str, start: int, end: int) -> int:
        i = store.fold(self.text[start:end]).find(sub)
        return -1 if i == -1 else start + i


def _find_all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i != -1 and needle:
        out.append(i)
        i = text.find(needle, i + len(needle))
    return out


def acts_of(article: dict) -> list[dict]:
    """Acts of the officials of one article: {name, act: start|end|former|holds, verb, title,
    organization, province, province_current, date}."""
    text = unicodedata.normalize("NFC", article.get("text") or "")
    folded = _Folded(text)
    record = article.get("record") or {}
    event = article.get("event") or {}
    day = event.get("date") or (str(article.get("published"))[:10] if article.get("published") else None)
    fallback = event.get("province") or next(iter(record.get("provinces") or []), None)
    dates = sorted(d for d in record.get("dates") or [] if isinstance(d, str))
    officials = [o for o in record.get("officials") or [] if isinstance(o, dict) and o.get("name")]
    spans = sorted((i, i + len(o["name"]), o["name"]) for o in officials for i in _find_all(text, o["name"]))
    # "nguyên Chủ tịch UBND tỉnh X": the title mentions say which positions are former ones.
    former = {(v.get("name"), _fold(v.get("title")), _fold(v.get("organization")))
              for v in article.get("titles") or [] if v.get("former")}
    acts: list[dict] = []
    windows: dict[tuple[int, int], str] = {}
    for official in officials:
        name = official["name"]
        started: set[tuple] = set()
        ended = False
        for i, (s, e, n) in enumerate(spans):
            if n != name:
                continue
            lo, hi = _sentence_bounds(text, s, e)
            prev_end = max([pe for ps, pe, pn in spans[:i] if pn != name and pe <= s and pe > lo] or [lo])
            next_start = min([ps for ps, pe, pn in spans[i + 1:] if pn != name and ps >= e and ps < hi] or [hi])
            sentence = windows.get((lo, hi))
            if sentence is None:
                sentence = windows[(lo, hi)] = folded[lo:hi]
                if not (_verbs("start").search(sentence) or _verbs("end").search(sentence)):
                    sentence = windows[(lo, hi)] = ""
            if not sentence:
                continue  # no act named in this sentence
            left, right = sentence[prev_end - lo:s - lo], sentence[e - lo:next_start - lo]
            before = _last_verb(left, "start")
            after = _last_verb(right, "start") if before is None else None
            end_before = _last_verb(left, "end")
            end_after = _last_verb(right, "end")
            if end_before or end_after:
                verb = (end_before or end_after)[2]
                m = _FROM.search(text, lo, hi)
                when = _iso(m) if m else day
                for pos in official.get("positions") or []:
                    if pos.get("former"):
                        continue
                    acts.append({"name": name, "act": "end", "verb": verb, "title": pos.get("title"),
                                 "organization": pos.get("organization"), "date": when})
                    ended = True
                continue
            found = before or after
            if not found:
                continue
            target = None
            if before is not None:  # "phê chuẩn … chức vụ Chủ tịch UBND tỉnh … đối với ông X"
                verb_end = prev_end + before[0] + len(before[1])
                if re.search(r"(?<!\w)(chuc vu|chuc danh|giu chuc)(?!\w)", folded[verb_end:s]):
                    target = _target(text, folded, verb_end, s, fallback)
            target = target or _target(text, folded, e, next_start, fallback)
            if target is None or target in started:
                continue
            started.add(target)
            m = _FROM.search(text, lo, hi)
            when = _iso(m) if m else None
            if when is None and found[2] == "phê chuẩn kết quả bầu":
                when = dates[0] if dates else day  # the vote came before the approval
            acts.append({"name": name, "act": "start", "verb": found[2], "title": target[0],
                         "organization": target[1], "date": when or day})
        for pos in official.get("positions") or []:
            if (name, _fold(pos.get("title")), _fold(pos.get("organization"))) in former:
                pos = dict(pos, former=True)
            if ended and not pos.get("former"):
                continue
            if any(_fold(pos.get("title")) == _fold(t) and _fold(pos.get("organization"))
                   == _fold(o) for t, o in started):
                continue
            acts.append({"name": name, "act": "former" if pos.get("former") else "holds", "verb": None,
                         "title": pos.get("title"), "organization": pos.get("organization"), "date": day})
    named = tuple(p for p in record.get("provinces") or [] if isinstance(p, str) and p)
    for a in acts:
        a["province"], a["province_current"] = _province(a.get("organization"), fallback, named)
        if a["province"] is None and a["act"] == "start" and a.get("organization") is None:
            a["province"], a["province_current"] = _province("tỉnh", fallback, named)
    return acts


def _org_key(org: str | None) -> str:
    key = " ".join(_fold(org or "").split())
    for long, short in (("uy ban nhan dan", "ubnd"), ("hoi dong nhan dan", "hdnd"), ("thanh pho", "tp"),
                        ("tp.", "tp")):
        key = key.replace(long, short)
    return key


def _days(a: str, b: str) -> int:
    import datetime as _dt
    return (_dt.date.fromisoformat(a[:10]) - _dt.date.fromisoformat(b[:10])).days


def _clash(a: list[str], b: list[str]) -> bool:
    """Current posts seen over [first, last] in two provinces: held at the same time?

    A move reported a little late (the old post still named within CONFLICT_GRACE_DAYS of the
    new one's start) is not a clash; two posts first seen the same day are.
    """
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    if lo > hi:
        return False
    return a[0] == b[0] or _days(hi, lo) >= CONFLICT_GRACE_DAYS


def resolve(name: str, acts: list[dict]) -> list[dict]:
    """Persons of one name: [{name, provinces, reason, positions: [spell]}], spells by start.

    A spell: {title, organization, province, province_current, start, end, end_reason,
    start_act, first_seen, last_seen, article_ids}.
    """
    dated = sorted(acts, key=lambda a: (a.get("date") or "9999", a.get("id") or 0))
    # Tracks: current posts per post-merger province, as [first, last] day of evidence.
    tracks: dict[str, list[str]] = {}
    for a in dated:
        if a["act"] in ("start", "holds") and a.get("province_current") and a.get("date"):
            t = tracks.setdefault(a["province_current"], [a["date"], a["date"]])
            t[0], t[1] = min(t[0], a["date"]), max(t[1], a["date"])
    groups: list[dict] = []  # {provinces: [..], spans: [[first,last]], reason}
    for prov, span in sorted(tracks.items(), key=lambda kv: kv[1][0]):
        home = None
        for g in groups:
            clash = next((p for p, other in zip(g["provinces"], g["spans"], strict=True)
                          if _clash(other, span)), None)
            if clash is None:
                home = g
                break
            g.setdefault("clashes", []).append((clash, prov, span))
        if home is None:
            reason = None
            if groups:
                c = groups[-1].get("clashes", [])[-1]
                reason = (f"holds posts in {c[0]} and in {c[1]} at the same time "
                          f"({c[2][0]}..{c[2][1]}): two persons of one name")
            home = {"provinces": [], "spans": [], "reason": reason}
            groups.append(home)
        home["provinces"].append(prov)
        home["spans"].append(span)
    if not groups:
        groups = [{"provinces": [], "spans": [], "reason": None}]

    def group_of(act: dict) -> dict:
        prov = act.get("province_current")
        for g in groups:
            if prov in g["provinces"]:
                return g
        return groups[0]  # national bodies, unknown places, former posts: the first person

    persons = []
    for g in groups:
        spells: dict[tuple, dict] = {}
        for a in dated:
            if group_of(a) is not g:
                continue
            key = (_fold(a.get("title")), _org_key(a.get("organization")))
            sp = spells.setdefault(key, {"title": a.get("title"), "organization": a.get("organization"),
                                         "province": a.get("province"), "province_current": a.get("province_current"),
                                         "start": None, "end": None, "end_reason": None, "start_act": None,
                                         "first_seen": None, "last_seen": None, "article_ids": []})
            if a.get("article_id") not in sp["article_ids"]:
                sp["article_ids"].append(a.get("article_id"))
            d = a.get("date")
            if a["act"] == "start" and d and (sp["start"] is None or d < sp["start"]):
                sp["start"], sp["start_act"] = d, a.get("verb")
            elif a["act"] == "end" and d and (sp["end"] is None or d < sp["end"]):
                sp["end"], sp["end_reason"] = d, a.get("verb")
            elif a["act"] == "former" and d and sp["end"] is None:
                sp["end"], sp["end_reason"] = d, "nguyên (former by this date)"
            if d and a["act"] in ("start", "holds"):
                sp["first_seen"] = min(sp["first_seen"] or d, d)
                sp["last_seen"] = max(sp["last_seen"] or d, d)
        # A "former" mention dated before the spell started says nothing about its end.
        for sp in spells.values():
            if sp["end_reason"] and sp["end_reason"].startswith("nguyên") and sp["start"] and sp["end"] < sp["start"]:
                sp["end"], sp["end_reason"] = None, None
        ordered = sorted(spells.values(), key=lambda s: (s["start"] or s["first_seen"] or "9999", s["title"] or ""))
        persons.append({"name": name, "provinces": g["provinces"], "reason": g["reason"], "positions": ordered})
    return persons


def update(db, article_id: int, article: dict | None = None) -> set[str]:
    """Store one article's acts (replacing its old ones); returns the name keys touched.

    `article` (text, published, duplicate_of, record, event, titles) saves reading back what
    the caller just wrote; by default it is read from the database.  Persons are resolved
    when asked (`persons`), from the acts of one name: cheap, and always current.
    """
    article = article if article is not None else store.article_for_registry(db, article_id)
    acts = acts_of(article) if article and article.get("duplicate_of") is None else []
    return store.replace_person_acts(db, article_id, acts)


def rebuild(db) -> int:
    """Recompute the acts of every extracted article; returns the number of distinct names."""
    with store.write(db):
        store.clear_person_acts(db)
        for article_id in store.extracted_article_ids(db):
            update(db, article_id)
    return store.count_person_names(db)


def person_id(name_key: str, seq: int) -> str:
    """A person's id in URLs: the folded name with dashes, and its rank among persons of that name."""
    return "-".join(name_key.split()) + f"~{seq}"


def persons(db, name: str | None = None, pid: str | None = None) -> list[dict]:
    """Resolved persons matching `name` (or the one with id `pid`), each {id, name, reason,
    provinces, positions: [spell + source_urls]}, positions ordered by start.  An open post
    ends when another person later starts in it (the successor's start date)."""
    if pid is not None:
        key, _, seq = str(pid).rpartition("~")
        keys = [" ".join(key.split("-"))] if key and seq.isdigit() else []
    else:
        keys = store.person_name_keys(db, name or "", limit=NAMES_SHOWN)
    out = []
    for key in keys:
        acts = store.person_acts(db, key)
        if not acts:
            continue
        for seq, person in enumerate(resolve(acts[0]["name"], acts), 1):
            if pid is not None and person_id(key, seq) != pid:
                continue
            for sp in person["positions"]:
                sp["source_urls"] = store.article_urls(db, sp.pop("article_ids"))
                since = max(filter(None, (sp.get("start"), sp.get("last_seen"))), default=None)
                if not sp.get("end") and since and sp.get("organization") and sp.get("title"):
                    found = store.successor(db, sp["organization"], sp["title"], since, key)
                    if found:
                        sp["end"], sp["end_reason"] = found[1], f"successor: {found[0]}"
            out.append(dict(person, id=person_id(key, seq)))
    return out
