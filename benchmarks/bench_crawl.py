"""Crawl speed: a loopback site of N generated articles crawled with extraction off, then on.

Reports pages/s (article pages stored per second of wall time, discovery included)
and the crawl process's peak memory (max RSS).  Politeness delays are switched
off (loopback); per-domain concurrency is raised to 8 so the crawler, not the
throttle, is measured.

    .venv/bin/python benchmarks/bench_crawl.py                 # 2,000 articles
    .venv/bin/python benchmarks/bench_crawl.py --articles 300 --json
"""
from __future__ import annotations

import argparse
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler import sitegen  # noqa: E402

CHILD = """
import resource, runpy, sys
sys.argv = ["vnpolicy"] + sys.argv[1:]
sys.path.insert(0, {root!r})
code = 0
try:
    runpy.run_path({pipeline!r}, run_name="__main__")
except SystemExit as exc:
    code = exc.code or 0
finally:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print("MAXRSS_KB", own, kids, file=sys.stderr)
sys.exit(code)
"""


def synthetic_articles(n: int, seed: int = 7) -> list[dict]:
    """n distinct articles: corpus paragraphs recombined (so no two texts are near-duplicates)."""
    corpus = sitegen.load_corpus()
    pool = [p for a in corpus for p in sitegen.paragraphs(a["text"])]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        base = corpus[i % len(corpus)]
        paras = rng.sample(pool, k=min(len(pool), rng.randint(3, 6)))
        while sum(map(len, paras)) < 300 and len(paras) < len(pool):  # short paragraphs: take more
            paras.append(rng.choice(pool))
        out.append({**base, "id": f"bench-{i:05d}", "slug": f"{sitegen.slugify(base['title'], 50)}-{i}",
                    "title": f"{base['title']} (bản tin {i})", "text": "\n\n".join(paras),
                    "published": base.get("published") or "2025-10-01", "published_time": "08:00"})
    return out


class Quiet(SimpleHTTPRequestHandler):
    extensions_map = sitegen._Quiet.extensions_map

    def log_message(self, *args):
        pass


def run_crawl(db: Path, urls: list[str], extract: bool) -> dict:
    cmd = [sys.executable, "-c", CHILD.format(root=str(ROOT), pipeline=str(ROOT / "pipeline.py")), "crawl",
           "--db", str(db), "--json", "-s", "AUTOTHROTTLE_ENABLED=false", "-s", "DOWNLOAD_DELAY=0",
           "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "CONCURRENT_REQUESTS=16"]
    for u in urls:
        cmd += ["--url", u]
    if not extract:
        cmd.append("--no-extract")
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"crawl failed ({proc.returncode}): {proc.stderr[-2000:]}")
    own, kids = next(line.split()[1:] for line in proc.stderr.splitlines() if line.startswith("MAXRSS_KB"))
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    con = sqlite3.connect(db)
    stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    return {"extract": extract, "seconds": round(wall, 1), "articles": stored,
            "pages_per_s": round(stored / wall, 1), "peak_rss_mb": round(int(own) / 1024, 1),
            "extraction_workers_peak_rss_mb": round(int(kids) / 1024, 1), "extracted": summary.get("extracted")}


def measure(articles: int = 2000) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp:
        tmp = Path(tmp)
        server = ThreadingHTTPServer(("127.0.0.1", 0), lambda *a, **k: Quiet(*a, directory=str(tmp / "site"), **k))
        server.daemon_threads = True
        base = f"http://127.0.0.1:{server.server_address[1]}"
        manifest = sitegen.build(tmp / "site", base, synthetic_articles(articles))
        Thread(target=server.serve_forever, daemon=True).start()
        urls = [site["sitemap"] for site in manifest["sites"].values()]
        try:
            return [run_crawl(tmp / f"bench-{flag}.db", urls, extract) for flag, extract in
                    (("off", False), ("on", True))]
        finally:
            server.shutdown()
            server.server_close()


def run(articles: int = 2000) -> list[tuple[str, str, str]]:
    """Rows for benchmarks/run_all.py: (figure, value, target)."""
    rows = []
    for r in measure(articles):
        mode = "extraction on" if r["extract"] else "extraction off"
        rows.append((f"crawl {articles} loopback articles, {mode}: pages/s",
                     f"{r['pages_per_s']} ({r['articles']} in {r['seconds']} s)", "≥ 20" if not r["extract"] else "≥ 5"))
        rows.append((f"crawl {articles} loopback articles, {mode}: peak RSS of the crawl process",
                     f"{r['peak_rss_mb']} MB", "< 600 MB"))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = measure(args.articles)
    if args.json:
        print(json.dumps(results))
    else:
        print(f"crawl benchmark: {args.articles} articles on loopback")
        for r in results:
            print(f"  extraction {'on ' if r['extract'] else 'off'}: {r['articles']} articles in {r['seconds']} s "
                  f"= {r['pages_per_s']} pages/s; peak RSS {r['peak_rss_mb']} MB"
                  + (f" (extraction children {r['extraction_workers_peak_rss_mb']} MB)" if r["extract"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
