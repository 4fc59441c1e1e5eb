"""Quality benchmark: extraction scored against golden records.

Two sets: the bundled corpus (corpus/gold, scored by nlp.evaluate), and — when
this checkout sits beside the team's shared/ folder — the annotated dev set,
scored by the team's scorer ../shared/eval/score.py run as a separate program.
Prints one table row per figure with the issue's target beside it.

    python benchmarks/bench_quality.py [--json]
    python benchmarks/bench_quality.py --prefix c7      # one held-out set of corpus/ alone
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {"provinces_f1": 0.95, "officials_f1": 0.90, "official_title": 0.90, "official_organization": 0.85,
           "documents_f1": 0.95, "document_date": 0.95, "dates_f1": 0.90, "event_type": 0.80,
           "event_date": 0.80, "event_province": 0.90}
SHARED_MAP = {"provinces_f1": ("provinces", "f1"), "officials_f1": ("officials", "f1"),
              "official_title": ("official_title", "accuracy"),
              "official_organization": ("official_organization", "accuracy"),
              "documents_f1": ("documents", "f1"), "document_date": ("document_date", "accuracy"),
              "dates_f1": ("dates", "f1"), "event_type": ("event_type", "accuracy"),
              "event_date": ("event_date", "accuracy"), "event_province": ("event_province", "accuracy")}


def corpus_figures(prefix: str | None = None) -> dict[str, float]:
    """Figures on corpus/ — or on one set of it (`prefix`, e.g. "c7"), as measured at its first contact."""
    import nlp
    from nlp.corpus import load_articles, load_gold
    from nlp.evaluate import score

    gold = {k: v for k, v in load_gold().items() if prefix is None or k.startswith(prefix + "-")}
    articles = [a for a in load_articles() if a["id"] in gold]
    predictions = {r["record"]["id"]: r["record"] for r in nlp.extract_many(articles)}
    return score(gold, predictions).figures()


def dev_figures() -> dict[str, float] | None:
    shared = ROOT.parent / "shared" / "eval"
    if not (shared / "score.py").exists():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "dev.jsonl"
        vnpolicy = Path(sys.executable).with_name("vnpolicy")
        subprocess.run([str(vnpolicy), "extract", "--input", str(shared / "dev" / "articles.jsonl"),
                        "--output", str(out)], check=True, capture_output=True)
        result = subprocess.run([sys.executable, str(shared / "score.py"), str(shared / "dev" / "gold"),
                                 str(out), "--json"], check=True, capture_output=True, text=True)
    raw = json.loads(result.stdout)
    return {name: raw[a][b] for name, (a, b) in SHARED_MAP.items()}


def run() -> list[tuple[str, str, str]]:
    """Rows (figure, value, target) for RESULTS.md."""
    rows = []
    corpus = corpus_figures()
    dev = dev_figures()
    for name, target in TARGETS.items():
        rows.append((f"quality corpus/ {name}", f"{corpus[name]:.3f}", f"≥ {target}"))
    if dev:
        for name, target in TARGETS.items():
            rows.append((f"quality dev set {name}", f"{dev[name]:.3f}", f"≥ {target}"))
    return rows


if __name__ == "__main__":
    if "--prefix" in sys.argv:
        prefix = sys.argv[sys.argv.index("--prefix") + 1]
        for name, value in corpus_figures(prefix).items():
            print(f"corpus/{prefix} {name:28s} {value:.3f}")
        sys.exit(0)
    rows = run()
    if "--json" in sys.argv:
        print(json.dumps(rows, ensure_ascii=False))
    else:
        for name, value, target in rows:
            print(f"{name:45s} {value:>8s}   target {target}")
