"""Clusters and the officials' registry at scale: insert speed with and without them, and the
latency of every new command and page.

    .venv/bin/python benchmarks/bench_insight.py [--articles 100000] [--db F --keep]

Two databases are built side by side from benchmarks/bench_store.py's generator (the corpus
extracted by the real pipeline, copied with names, provinces, dates and numbers varied):
each batch of 500 generated articles is saved into one database with clustering and
registry updates (store.INSIGHT_ON_SAVE, the default) and into the other without (as
before them), alternating which goes first, so machine load hits both alike.  Reported:
the storage time of each and the slowdown, on storage alone (strict) and on bench_store's
"insert with extraction" rate (generation included).  Target: within 20%.  Then --real more
articles (default 1,000) go through the insert as a crawl runs it, the real NLP extraction
included, into both databases at their built size: the slowdown a user sees.  Then it times,
on the first database, what the new commands and pages run (query + SVG): `vnpolicy
person`, `vnpolicy document`, /-/cluster, /-/person, /-/document, the events_view page,
count and facet with the cluster join, and the feed.  Target: each < 200 ms.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_store  # noqa: E402

import store  # noqa: E402

TARGET_MS = 200
TARGET_SLOWDOWN = 0.20


def store_batch(dbs: dict, items: list, n: int, seconds: dict) -> int:
    """Save batch `n` of (article, extraction) into dbs["on"] with clusters and registry and into
    dbs["off"] without, the first of the two alternating with n; adds each one's time to
    `seconds`.  Returns the number stored (with)."""
    stored = 0
    for key in (("on", "off") if n % 2 == 0 else ("off", "on")):
        store.extractions.INSIGHT_ON_SAVE = key == "on"
        t = time.perf_counter()
        with dbs[key].atomic():
            for article, extraction in items:
                article_id, outcome, _ = store.save_article(dbs[key], article)
                if outcome == "stored":
                    store.save_extraction(dbs[key], article_id, extraction)
                    stored += key == "on"
        seconds[key] += time.perf_counter() - t
    store.extractions.INSIGHT_ON_SAVE = True
    return stored


def build_pair(gen, path_on: Path, path_off: Path, articles: int) -> dict:
    """Build both databases batch by batch; returns seconds of generation and of each store."""
    dbs = {}
    for key, path in (("on", path_on), ("off", path_off)):
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        dbs[key] = store.connect(path)
    seconds = {"generate": 0.0, "on": 0.0, "off": 0.0}
    stored = 0
    for n, lo in enumerate(range(0, articles, bench_store.BATCH)):
        t = time.perf_counter()
        items = [gen.make(i) for i in range(lo, min(lo + bench_store.BATCH, articles))]
        seconds["generate"] += time.perf_counter() - t
        stored += store_batch(dbs, items, n, seconds)
        if n % 20 == 19:
            print(f"  {lo + len(items):,} articles: storage {seconds['on']:.0f} s with, {seconds['off']:.0f} s "
                  f"without", file=sys.stderr, flush=True)
    for db in dbs.values():
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("ANALYZE")
        db.close()
    return dict(seconds, stored=stored)


def real_pipeline(gen, path_on: Path, path_off: Path, start: int, count: int, batch: int = 50) -> dict:
    """The insert as a crawl or `vnpolicy reprocess` runs it, on the databases just built: each new
    article is extracted by the real NLP pipeline (timed once, the same work in both arms), then
    stored into the database with clusters and registry and into the one without, alternating
    which goes first.  Returns seconds of extraction and of each store."""
    import nlp

    dbs = {"on": store.connect(path_on), "off": store.connect(path_off)}
    seconds = {"extract": 0.0, "on": 0.0, "off": 0.0}
    for n, lo in enumerate(range(start, start + count, batch)):
        items = []
        for i in range(lo, min(lo + batch, start + count)):
            article, _ = gen.make(i)
            t = time.perf_counter()
            items.append((article, nlp.extract(article)))
            seconds["extract"] += time.perf_counter() - t
        store_batch(dbs, items, n, seconds)
    for db in dbs.values():
        db.close()
    return seconds


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best * 1000


def measure(path: Path) -> list[tuple[str, float, str]]:
    from insight import registry
    from insight.cli import person_json
    from web import charts

    db = store.connect(path, migrate=False)
    out = []
    big = db.execute("SELECT cluster_key, outlets FROM clusters ORDER BY events DESC LIMIT 1").fetchone()
    some = db.execute("SELECT cluster_key FROM clusters ORDER BY id LIMIT 1 OFFSET 1000").fetchone() or big
    name = db.execute("SELECT name FROM person_acts GROUP BY name_key ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    person = registry.persons(db, name)[0]["id"]
    doc = db.execute("SELECT number FROM documents ORDER BY articles DESC LIMIT 1").fetchone()[0]

    def cluster_page(key):
        c = store.cluster(db, key)
        charts.reports_timeline(c["sources"])
        return len(c["sources"])

    def person_page():
        ps = registry.persons(db, pid=person)
        for p in ps:
            charts.career_timeline(p["positions"])
        return sum(len(p["positions"]) for p in ps)

    def document_page():
        d = store.document_reach(db, doc)
        charts.citations_by_month(d["citations"])
        charts.citations_by_province(d["citations"])
        return len(d["citations"])

    def person_cmd(q):
        return len(json.dumps([person_json(p) for p in registry.persons(db, q)], ensure_ascii=False))

    cases = [
        (f"page /-/cluster (largest, {big[1]} outlets)", lambda: cluster_page(big[0])),
        ("page /-/cluster (another)", lambda: cluster_page(some[0])),
        (f"page /-/person (most acts: {name})", person_page),
        (f"command person {name!r} --format json", lambda: person_cmd(name)),
        (f"command person {store.fold(name).split()[0]!r} (surname: many persons)",
         lambda: person_cmd(store.fold(name).split()[0])),
        (f"page /-/document and command document ({doc}, most cited)", document_page),
        ("events_view page (cluster join)", lambda: db.execute(
            "SELECT * FROM events_view ORDER BY date DESC LIMIT 51").fetchall()),
        ("events_view count", lambda: db.execute("SELECT count(*) FROM events_view").fetchall()),
        ("events_view facet by province", lambda: db.execute(
            "SELECT province, count(*) FROM events_view WHERE province IS NOT NULL GROUP BY province "
            "ORDER BY 2 DESC LIMIT 31").fetchall()),
        ("events_view facet by type", lambda: db.execute(
            "SELECT type, count(*) FROM events_view WHERE type IS NOT NULL GROUP BY type "
            "ORDER BY 2 DESC LIMIT 31").fetchall()),
        ("most reported happenings (docs/querying.md, 0013 index)", lambda: db.execute(
            "SELECT e.date, e.type, e.province, e.title, c.outlets, c.outlet_names, c.cluster_key FROM clusters c "
            "JOIN events e ON e.id = c.rep_event_id WHERE e.main = 1 AND e.hidden = 0 "
            "ORDER BY c.outlets DESC, c.date DESC LIMIT 50").fetchall()),
        ("feed of 200 newest entries", lambda: __import__("monitor.feed", fromlist=["build_feed"]).build_feed(db)),
    ]
    for label, fn in cases:
        result = fn()
        size = result if isinstance(result, int) else len(result) if hasattr(result, "__len__") else ""
        out.append((label, timed(fn), str(size)))
    counts = db.execute("SELECT (SELECT count(*) FROM clusters), (SELECT count(*) FROM clusters WHERE outlets > 1), "
                        "(SELECT count(DISTINCT name_key) FROM person_acts), (SELECT count(*) FROM person_acts), "
                        "(SELECT count(*) FROM insight_errors)").fetchone()
    out.append(("clusters / multi-outlet / names / person acts / errors", 0.0, " / ".join(map(str, counts))))
    db.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--db", default=None, help="The database with clusters and registry (default: temporary).")
    ap.add_argument("--keep", action="store_true", help="Keep --db; if it exists, measure it without rebuilding.")
    ap.add_argument("--real", type=int, default=1000,
                    help="Then insert this many more articles through the real NLP pipeline (0: skip).")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="bench-insight-")
    path = Path(args.db or Path(tmp.name) / "insight.db")
    bad = 0
    if not (args.keep and path.exists()):
        gen = bench_store.Generator(bench_store.base_pairs(), bench_store.province_names())
        without = Path(tmp.name) / "without.db"
        b = build_pair(gen, path, without, args.articles)
        strict = b["on"] / b["off"] - 1
        rate_on = args.articles / (b["generate"] + b["on"])
        rate_off = args.articles / (b["generate"] + b["off"])
        overall = 1 - rate_on / rate_off
        bad += overall > TARGET_SLOWDOWN
        print(f"{'articles (stored)':<62} {args.articles:>10,} ({b['stored']:,})")
        print(f"{'storage time, with / without clusters and registry':<62} {b['on']:>8.1f} s / {b['off']:.1f} s"
              f"  (+{strict:.1%} on storage alone)")
        print(f"{'insert with extraction (bench_store), with / without':<62} {rate_on:>8,.0f} / {rate_off:,.0f} "
              f"articles/s  slowdown {overall:.1%} (target < {TARGET_SLOWDOWN:.0%})"
              f"{'  SLOW' if overall > TARGET_SLOWDOWN else ''}")
        if args.real:
            r = real_pipeline(gen, path, without, args.articles, args.real)
            real_on, real_off = args.real / (r["extract"] + r["on"]), args.real / (r["extract"] + r["off"])
            print(f"{'insert through the real NLP pipeline, ' + format(args.real, ',') + ' more, with / without':<62} "
                  f"{real_on:>8,.1f} / {real_off:,.1f} articles/s  slowdown {1 - real_on / real_off:.1%}  "
                  f"(extraction {r['extract'] / args.real * 1000:.1f} ms, storage {r['on'] / args.real * 1000:.2f} / "
                  f"{r['off'] / args.real * 1000:.2f} ms an article)")
    for label, ms, size in measure(path):
        slow = ms >= TARGET_MS
        bad += slow
        print(f"{label:<62} {ms:>10.1f} ms  {size}{'  SLOW' if slow else ''}")
    if not (args.db and args.keep):
        tmp.cleanup()
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
