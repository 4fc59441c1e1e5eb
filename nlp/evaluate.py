"""Score extraction records against golden ones, field by field.

The project's own measure for corpus/ (the golden test's quality floor and the
benchmarks).  It compares the way the extraction contract describes:
provinces, officials, documents and dates as sets (precision, recall, F1,
micro-averaged over articles); titles, organizations and document dates as
accuracies over matched items; the main event's type, date and province as
accuracies.  Comparison keys fold case, diacritic placement and the usual
abbreviations so that spelling variants of one fact count as one.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from nlp.names import fold as names_fold

_ABBREVIATIONS = [("ubnd", "ủy ban nhân dân"), ("hđnd", "hội đồng nhân dân"), ("mttq", "mặt trận tổ quốc")]
_PROVINCE_ALIASES = {"thừa thiên huế": "huế", "tp.hcm": "hồ chí minh", "tphcm": "hồ chí minh",
                     "sài gòn": "hồ chí minh", "thành phố hồ chí minh": "hồ chí minh"}


def key(text: str | None) -> str:
    """Case-folded, each syllable's tone mark moved last, spaces collapsed."""
    return names_fold(text) if text else ""


def province_key(name: str | None) -> str:
    k = key(name)
    for prefix in (key("tỉnh") + " ", key("thành phố") + " ", "tp. ", "tp."):
        if k.startswith(prefix) and k not in _aliases():
            k = k[len(prefix):].strip()
            break
    return _aliases().get(k, k)


def _aliases() -> dict[str, str]:
    return {key(a): key(b) for a, b in _PROVINCE_ALIASES.items()}


def org_key(org: str | None) -> str:
    k = key(org)
    for short, full in _ABBREVIATIONS:
        k = re.sub(rf"(?<!\w){re.escape(key(short))}(?!\w)", key(full), k)
    return k


def number_key(number: str | None) -> str:
    k = key(number).replace("đ", "d")
    k = re.sub(r"^số\s*", "", k)
    k = re.sub(r"[\u2010-\u2015\u2212]", "-", k)
    return re.sub(r"\s+", "", k)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(self.f1(), 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    hit: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.hit += bool(ok)

    def value(self) -> float:
        return self.hit / self.total if self.total else 1.0


@dataclass
class Report:
    sets: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in
                                                             ("provinces", "officials", "documents", "dates")})
    rates: dict[str, Accuracy] = field(default_factory=lambda: {k: Accuracy() for k in (
        "official_title", "official_organization", "document_type", "document_date",
        "event_type", "event_date", "event_province")})
    errors: dict[str, list[str]] = field(default_factory=dict)

    def figures(self) -> dict[str, float]:
        out = {f"{k}_f1": round(v.f1(), 4) for k, v in self.sets.items()}
        out.update({k: round(v.value(), 4) for k, v in self.rates.items()})
        return out


def _compare(report: Report, what: str, gold: dict, pred: dict, errors: list[str]) -> None:
    c = report.sets[what]
    c.tp += len(gold.keys() & pred.keys())
    c.fp += len(pred.keys() - gold.keys())
    c.fn += len(gold.keys() - pred.keys())
    errors += [f"missed {what}: {gold[k]}" for k in gold.keys() - pred.keys()]
    errors += [f"spurious {what}: {pred[k]}" for k in pred.keys() - gold.keys()]


def _same_document(g: dict, p: dict) -> bool:
    gk, pk = number_key(g.get("number")), number_key(p.get("number"))
    if gk == pk:
        return True
    bare = gk if not re.search(r"[/-]", gk) else pk if not re.search(r"[/-]", pk) else None
    lead = lambda s: (re.match(r"\d+", s) or [None])[0]  # noqa: E731
    return bare is not None and lead(gk) == lead(pk) and key(g.get("type")) == key(p.get("type"))


def score_one(report: Report, gold: dict, pred: dict) -> None:
    errors: list[str] = []
    _compare(report, "provinces", {province_key(x): x for x in gold.get("provinces") or []},
             {province_key(x): x for x in pred.get("provinces") or []}, errors)
    gp = {key(o["name"]): o for o in gold.get("officials") or []}
    pp = {key(o.get("name")): o for o in pred.get("officials") or [] if o.get("name")}
    _compare(report, "officials", {k: v["name"] for k, v in gp.items()}, {k: v["name"] for k, v in pp.items()},
             errors)
    for name in gp.keys() & pp.keys():
        g_titles = {key(p["title"]) for p in gp[name].get("positions") or [] if p.get("title")}
        p_titles = {key(p.get("title")) for p in pp[name].get("positions") or [] if p.get("title")}
        if g_titles:
            report.rates["official_title"].add(bool(g_titles & p_titles))
            if not g_titles & p_titles:
                errors.append(f"title of {gp[name]['name']}: {sorted(p_titles)} (gold {sorted(g_titles)})")
        g_orgs = {org_key(p["organization"]) for p in gp[name].get("positions") or [] if p.get("organization")}
        p_orgs = {org_key(p.get("organization")) for p in pp[name].get("positions") or [] if p.get("organization")}
        if g_orgs:
            ok = any(g == p or g in p or p in g for g in g_orgs for p in p_orgs)
            report.rates["official_organization"].add(ok)
            if not ok:
                errors.append(f"organization of {gp[name]['name']}: {sorted(p_orgs)} (gold {sorted(g_orgs)})")
    free = [d for d in pred.get("documents") or [] if d.get("number")]
    docs = report.sets["documents"]
    for g in gold.get("documents") or []:
        match = next((p for p in free if number_key(p["number"]) == number_key(g["number"])), None) or \
            next((p for p in free if _same_document(g, p)), None)
        if match is None:
            docs.fn += 1
            errors.append(f"missed document: {g.get('type')} {g.get('number')}")
            continue
        free.remove(match)
        docs.tp += 1
        report.rates["document_type"].add(key(g.get("type")) == key(match.get("type")))
        if g.get("date"):
            report.rates["document_date"].add(g.get("date") == match.get("date"))
            if g.get("date") != match.get("date"):
                errors.append(f"date of {g.get('number')}: {match.get('date')} (gold {g.get('date')})")
    docs.fp += len(free)
    errors += [f"spurious document: {p.get('type')} {p.get('number')}" for p in free]
    _compare(report, "dates", {d: d for d in gold.get("dates") or []}, {d: d for d in pred.get("dates") or []},
             errors)
    ge, pe = gold.get("event") or {}, pred.get("event") or {}
    for field_name, k in (("type", key), ("date", str), ("province", province_key)):
        gv, pv = ge.get(field_name), pe.get(field_name)
        ok = (gv is None and pv is None) or (gv is not None and pv is not None and k(gv) == k(pv))
        report.rates[f"event_{field_name}"].add(ok)
        if not ok:
            errors.append(f"event {field_name}: {pv} (gold {gv})")
    if errors:
        report.errors[str(gold.get("id"))] = errors


def score(gold: dict[str, dict], predictions: dict[str, dict]) -> Report:
    report = Report()
    for article_id, g in gold.items():
        score_one(report, g, predictions.get(article_id, {}))
    return report


def load_gold(directory: Path) -> dict[str, dict]:
    return {r["id"]: r for r in (json.loads(p.read_text(encoding="utf-8"))
                                 for p in sorted(Path(directory).glob("*.json")))}
