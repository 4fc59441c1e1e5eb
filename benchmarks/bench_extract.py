"""Speed benchmark of extraction against the floor underthesea sets.

Builds N articles of typical length from the corpus (paragraphs recombined, so
no two are identical), then reports:
- underthesea `word_tokenize` alone over the same texts (the floor any
  pipeline built on it pays),
- `nlp.extract_many` with 1 and with 2 worker processes, articles/s and the
  ratio to the floor (target ≤ 2×; the two are timed article by article, interleaved,
  so that a shared machine's load weighs on both alike),
- peak RSS after N/4, N/2 and N articles in one process (target: flat).

    python benchmarks/bench_extract.py [--articles 500]
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def make_articles(n: int, seed: int = 7) -> list[dict]:
    from nlp.corpus import load_articles

    base = load_articles()
    paragraphs = [p for a in base for p in a["text"].split("\n\n") if len(p) > 80]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        a = base[i % len(base)]
        body = a["text"].split("\n\n")
        extra = rng.sample(paragraphs, k=min(2, len(paragraphs)))
        out.append({"id": f"bench-{i}", "url": None, "title": a.get("title"), "published": a.get("published"),
                    "text": "\n\n".join(body + extra)})
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(n: int = 500) -> list[tuple[str, str, str]]:
    import nlp
    from nlp.segment import _word_tokenize

    articles = make_articles(n)
    syllables = sum(len(a["text"].split()) for a in articles)
    nlp.load()
    word_tokenize = _word_tokenize()
    word_tokenize("khởi động")
    nlp.extract({"id": "warm", "text": "Khởi động.", "title": None, "published": None})
    # Interleaved, article by article: the floor and the extraction are timed under the same load
    # (on a shared machine a burst of one then a burst of the other measures the neighbours).
    floor = one = 0.0
    memory = []
    for i, a in enumerate(articles, 1):
        t = time.perf_counter()
        word_tokenize(a["text"])
        floor += time.perf_counter() - t
        t = time.perf_counter()
        next(nlp.extract_many([a], workers=1))
        one += time.perf_counter() - t
        if i in (n // 4, n // 2, n):
            memory.append(peak_rss_mb())
    rows = [("extract: articles", str(n), ""), ("extract: syllables per article", f"{syllables / n:.0f}", ""),
            ("extract: word_tokenize floor", f"{n / floor:.1f} art/s", "")]
    rows.append(("extract: 1 worker", f"{n / one:.1f} art/s", ""))
    rows.append(("extract: cost vs word_tokenize (1 worker)", f"{one / floor:.2f}×", "≤ 2×"))
    t = time.perf_counter()
    for _ in nlp.extract_many(articles, workers=2):
        pass
    two = time.perf_counter() - t
    rows.append(("extract: 2 workers", f"{n / two:.1f} art/s", ""))
    rows.append(("extract: peak RSS after N/4, N/2, N",
                 " / ".join(f"{m:.0f} MB" for m in memory), "flat"))
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=500)
    args = parser.parse_args()
    for name, value, target in run(args.articles):
        print(f"{name:45s} {value:>22s}   {('target ' + target) if target else ''}")
