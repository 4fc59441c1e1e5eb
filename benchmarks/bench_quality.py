"""Quality benchmark: extraction scored against golden records.

Three sets: the bundled corpus (corpus/gold, scored by nlp.evaluate), and — when
this checkout sits beside the team's shared/ folder — the annotated dev set and
the real-text set (103 real articles from ../shared/eval/real/articles.jsonl,
their gold in corpus/real-gold/, one file per article id), both scored by the
team's scorer ../shared/eval/score.py run as a separate program. Real articles
without a gold file are not scored. Prints one table row per figure with the
issue's target beside it.

    python benchmarks/bench_quality.py [--json]
    python benchmarks/bench_quality.py --prefix c7      # one held-out set of corpus/ alone
    python benchmarks/bench_quality.py --real           # the real-text set alone
    python benchmarks/bench_quality.py --real --shared ../shared --real-gold corpus/real-gold
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


# The real-text targets of issue 13 (a hidden real set, same scorer).
REAL_TARGETS = {"provinces_f1": 0.98, "officials_f1": 0.96, "official_title": 0.98, "official_organization": 0.95,
                "documents_f1": 0.98, "document_date": 0.97, "dates_f1": 0.96, "event_type": 0.90,
                "event_date": 0.88, "event_province": 0.95}


def _arg(flag: str, default: Path) -> Path:
    return Path(sys.argv[sys.argv.index(flag) + 1]).resolve() if flag in sys.argv else default


def shared_dir() -> Path:
    return _arg("--shared", ROOT.parent / "shared")


def _scored(articles: Path, gold: Path) -> dict[str, float]:
    """Extract `articles` with the vnpolicy command and score them on `gold` with the team's scorer."""
    scorer = shared_dir() / "eval" / "score.py"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "pred.jsonl"
        vnpolicy = Path(sys.executable).with_name("vnpolicy")
        subprocess.run([str(vnpolicy), "extract", "--input", str(articles), "--output", str(out)],
                       check=True, capture_output=True)
        result = subprocess.run([sys.executable, str(scorer), str(gold), str(out), "--json"],
                                check=True, capture_output=True, text=True)
    raw = json.loads(result.stdout)
    return {name: raw[a][b] for name, (a, b) in SHARED_MAP.items()}


def dev_figures() -> dict[str, float] | None:
    shared = shared_dir() / "eval"
    if not (shared / "score.py").exists():
        return None
    return _scored(shared / "dev" / "articles.jsonl", shared / "dev" / "gold")


def real_figures() -> tuple[dict[str, float], int] | None:
    """Figures on the real-text set and how many of its articles have gold, or None when absent."""
    shared = shared_dir() / "eval"
    articles = shared / "real" / "articles.jsonl"
    gold = _arg("--real-gold", ROOT / "corpus" / "real-gold")
    n = len(list(gold.glob("*.json"))) if gold.is_dir() else 0
    if not (shared / "score.py").exists() or not articles.exists() or n == 0:
        return None
    return _scored(articles, gold), n


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
    rows.extend(real_rows())
    return rows


def real_rows() -> list[tuple[str, str, str]]:
    real = real_figures()
    if not real:
        return []
    figures, n = real
    return [(f"quality real text ({n} articles) {name}", f"{figures[name]:.3f}", f"≥ {target}")
            for name, target in REAL_TARGETS.items()]


if __name__ == "__main__":
    if "--prefix" in sys.argv:
        prefix = sys.argv[sys.argv.index("--prefix") + 1]
        for name, value in corpus_figures(prefix).items():
            print(f"corpus/{prefix} {name:28s} {value:.3f}")
        sys.exit(0)
    rows = real_rows() if "--real" in sys.argv else run()
    if "--json" in sys.argv:
        print(json.dumps(rows, ensure_ascii=False))
    else:
        for name, value, target in rows:
            print(f"{name:45s} {value:>8s}   target {target}")
