"""Event clusters against hand-labelled happenings: pair precision, recall and F1.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_clusters.py [--data FILE] [--seed N] [--quiet]

`--data` is a JSON-lines file with one article per line: id, outlet, url, title, published
(may be null), text and `happening` (articles with the same value report one happening).
The default is benchmarks/clusters_heldout.jsonl: personnel news and council sessions told by
2–4 invented outlets each, with hard negatives (one official's two elections in two provinces,
two provinces electing chairmen on one day, a session and the Prime Minister's later approval
of its result, two announcements in one province on one day, a council's two sessions a week
apart).  `--data tests/insight_articles.py` (any .py file) reads that module's articles
instead (see `load_module`).

Each article is saved, in file order (or shuffled with `--seed`), into one fresh temporary
database through the real pipeline: store.save_article (the crawler's duplicate detection
included: a copy is not extracted and joins its original's cluster), nlp.extract and
store.save_extraction (which assigns clusters).  Then every article's main-event cluster key
(store.article_cluster_key) is compared with `happening` over all pairs of articles: a pair
is predicted joined when both keys exist and are equal.  Printed: each article's main event
(type, date, province) and cluster, pair precision / recall / F1, and every wrong pair
(false join or missed join) with both titles.
"""
from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import nlp  # noqa: E402
import store  # noqa: E402

DEFAULT_DATA = ROOT / "benchmarks" / "clusters_heldout.jsonl"


def load_jsonl(path: Path) -> list[dict]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as exc:
            print(f"{path}:{n}: not JSON ({exc}); skipped", file=sys.stderr)
    return out


def load_module(path: Path) -> list[dict]:
    """Articles from a Python module: its ARTICLES list of dicts (or any module-level list of
    dicts with url and text).  The happening is `happening`, else `cluster`, else `group`."""
    spec = importlib.util.spec_from_file_location("_bench_clusters_data", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    lists = [v for v in vars(mod).values()
             if isinstance(v, list) and v and all(isinstance(a, dict) and "text" in a for a in v)]
    if not lists:
        raise SystemExit(f"{path}: no list of article dicts found")
    out = []
    for a in max(lists, key=len):
        a = dict(a)
        a.setdefault("happening", a.get("cluster", a.get("group")))
        a.setdefault("outlet", a.get("source") or a.get("site"))
        out.append(a)
    return out


def load(path: Path) -> list[dict]:
    return load_module(path) if path.suffix == ".py" else load_jsonl(path)


def run(articles: list[dict], db_path: Path) -> list[dict]:
    """Store and extract every article; returns rows with the cluster key and main event."""
    db = store.connect(db_path)
    rows = []
    for a in articles:
        art = {k: a.get(k) for k in ("id", "url", "title", "published", "text")}
        aid, outcome, dup_of = store.save_article(db, art, source=a.get("outlet"))
        if outcome == "stored":
            try:
                store.save_extraction(db, aid, nlp.extract(art))
            except Exception as exc:  # noqa: BLE001 — a failed article is a singleton, reported
                print(f"{a['id']}: extraction failed: {exc}", file=sys.stderr)
        rows.append({"id": a["id"], "aid": aid, "outcome": outcome, "dup_of": dup_of, "a": a})
    for r in rows:
        r["key"] = store.article_cluster_key(db, r["aid"])
        ev = db.execute("SELECT type, date, province FROM events WHERE article_id = coalesce(?, ?) AND main = 1 "
                        "ORDER BY id LIMIT 1", [r["dup_of"], r["aid"]]).fetchone()
        r["event"] = tuple(ev) if ev else (None, None, None)
    db.close()
    return rows


def score(rows: list[dict]) -> dict:
    tp = fp = fn = 0
    false_joins, missed = [], []
    for x, y in itertools.combinations(rows, 2):
        gold = x["a"].get("happening") is not None and x["a"]["happening"] == y["a"]["happening"]
        pred = x["key"] is not None and x["key"] == y["key"]
        if gold and pred:
            tp += 1
        elif pred:
            fp += 1
            false_joins.append((x, y))
        elif gold:
            fn += 1
            missed.append((x, y))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f,
            "false_joins": false_joins, "missed": missed}


def _label(r: dict) -> str:
    return f"{r['id']} [{r['a'].get('happening')}] {r['a'].get('title') or '(no title)'}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="JSON lines (or a .py module) of labelled articles")
    ap.add_argument("--seed", type=int, default=None, help="shuffle the saving order with this seed")
    ap.add_argument("--quiet", action="store_true", help="only the figures and the wrong pairs")
    args = ap.parse_args(argv)
    articles = load(args.data)
    if args.seed is not None:
        random.Random(args.seed).shuffle(articles)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        rows = run(articles, Path(tmp) / "clusters.db")
    elapsed = time.perf_counter() - t0
    if not args.quiet:
        print("article  happening  outcome    main event (type, date, province)            cluster")
        for r in rows:
            ev = ", ".join(str(v) for v in r["event"])
            print(f"{r['id']:<8} {str(r['a'].get('happening')):<10} {r['outcome']:<10} {ev:<44} {r['key']}")
        print()
    s = score(rows)
    happenings = len({r["a"].get("happening") for r in rows})
    clusters = len({r["key"] or f"none-{r['id']}" for r in rows})
    print(f"data: {args.data.name}, {len(rows)} articles, {happenings} happenings, {clusters} clusters "
          f"({elapsed:.1f} s)")
    print(f"pairs: {s['tp']} joined rightly, {s['fp']} false joins, {s['fn']} missed joins")
    print(f"pair precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['f1']:.3f}")
    for name, pairs in (("false join", s["false_joins"]), ("missed join", s["missed"])):
        for x, y in pairs:
            print(f"{name}: {_label(x)}  <->  {_label(y)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
