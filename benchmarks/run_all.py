"""Run every benchmark and write benchmarks/RESULTS.md (machine, date, each figure).

    .venv/bin/python benchmarks/run_all.py [--quick]

Each benchmark module exposes `run(...) -> [(figure, value, target)]`; one that
fails is reported in the table with its error instead of stopping the others.
"""
from __future__ import annotations

import datetime as dt
import importlib
import os
import platform
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

BENCHMARKS = [
    ("bench_quality", {}, {}),
    ("bench_extract", {"n": 500}, {"n": 100}),
    ("bench_fuzz", {"n": 10000}, {"n": 300}),
    ("bench_crawl", {}, {"articles": 300}),
    ("bench_store", {}, {"articles": 10000}),
    ("bench_real_pages", {}, {}),
]


def main() -> int:
    quick = "--quick" in sys.argv
    rows: list[tuple[str, str, str]] = []
    for name, full, small in BENCHMARKS:
        print(f"running {name} …", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(name)
            rows.extend(module.run(**(small if quick else full)))
        except Exception as exc:  # noqa: BLE001 — one broken benchmark must not hide the others
            traceback.print_exc()
            rows.append((f"{name}", f"failed: {type(exc).__name__}: {exc}", ""))
    machine = (f"{platform.node() or 'unknown'} — {platform.system()} {platform.machine()}, "
               f"{os.cpu_count()} cores, Python {platform.python_version()}")
    lines = ["# Benchmark results", "",
             f"- date: {dt.datetime.now().strftime('%Y-%m-%d %H:%M')}",
             f"- machine: {machine}",
             f"- command: `.venv/bin/python benchmarks/run_all.py{' --quick' if quick else ''}`", "",
             "| figure | value | target |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    # Sections a benchmark writes for itself ("## …", e.g. the real-page table) are kept.
    old = (HERE / "RESULTS.md").read_text(encoding="utf-8") if (HERE / "RESULTS.md").exists() else ""
    sections = old[old.index("\n## "):].strip("\n") if "\n## " in old else ""
    (HERE / "RESULTS.md").write_text("\n".join(lines) + "\n" + ("\n" + sections + "\n" if sections else ""),
                                     encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
