"""Fuzz benchmark: extraction over N generated Vietnamese-like texts (tests/vntext.py).

Reports hangs (articles over the time budget), crashes (any other exception), offset
exactness of every mention (text[start:end] == mention text) and the slowest article's
time.  Targets: 0 hangs, 0 crashes, every offset exact.

    python benchmarks/bench_fuzz.py [--texts 10000] [--seed 1] [--budget 30]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def run(n: int = 10000, seed: int = 1, budget: float = 30.0) -> list[tuple[str, str, str]]:
    from vntext import article

    import nlp

    rng = random.Random(seed)
    nlp.extract({"id": "warm", "text": "Khởi động.", "title": None, "published": None})
    hangs, crashes, mentions, inexact, chars = [], [], 0, 0, 0
    slowest = (0.0, None, 0)
    started = time.perf_counter()
    for i in range(n):
        # Mostly article-sized texts, one in fifty ten times longer.
        size = rng.randint(0, 300) if rng.random() > 0.02 else rng.randint(1500, 3000)
        art = article(rng, f"fuzz-{seed}-{i}", size)
        chars += len(art["text"])
        t = time.perf_counter()
        try:
            result = nlp.extract(art, budget_seconds=budget)
        except nlp.BudgetExceeded as exc:
            hangs.append((art["id"], str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - counted and shown: that is the benchmark's point
            crashes.append((art["id"], f"{type(exc).__name__}: {exc}", traceback.format_exc(limit=3)))
            continue
        finally:
            elapsed = time.perf_counter() - t
            if elapsed > slowest[0]:
                slowest = (elapsed, art["id"], len(art["text"]))
        for m in result["mentions"]:
            mentions += 1
            if art["text"][m["start"]:m["end"]] != m["text"]:
                inexact += 1
    total = time.perf_counter() - started
    for ident, reason in hangs[:5]:
        print(f"  hang: {ident}: {reason}", file=sys.stderr)
    for ident, reason, tb in crashes[:5]:
        print(f"  crash: {ident}: {reason}\n{tb}", file=sys.stderr)
    return [
        ("fuzz: texts", f"{n} ({chars / max(n, 1):.0f} chars on average, seed {seed})", ""),
        ("fuzz: hangs (over the budget)", f"{len(hangs)} (budget {budget:g} s)", "0"),
        ("fuzz: crashes", str(len(crashes)), "0"),
        ("fuzz: mentions with exact offsets", f"{mentions - inexact} of {mentions}", "all"),
        ("fuzz: slowest article", f"{slowest[0]:.2f} s ({slowest[2]} chars, {slowest[1]})", ""),
        ("fuzz: total", f"{total:.0f} s ({n / total:.1f} texts/s)", ""),
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--budget", type=float, default=30.0)
    args = parser.parse_args()
    for name, value, target in run(args.texts, args.seed, args.budget):
        print(f"{name:40s} {value:>40s}   {('target ' + target) if target else ''}")
