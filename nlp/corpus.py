"""The bundled corpus: seed articles and our own articles with golden records.

Layout (corpus/):
    seeds/*.txt            " date YYYY-MM-DD <title>", a blank line, the body
    articles/<id>.json     {id, site, slug, title, sapo, published, published_time, author, text}
    gold/<id>.json         the expected extraction record (spec shape)
"""
from __future__ import annotations

import json
import re
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"
_SEED_HEAD = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(.*)$")


def read_seed(path: Path) -> dict:
    raw = path.read_text(encoding="utf-8")
    head, _, body = raw.partition("\n")
    match = _SEED_HEAD.match(head)
    published, title = (match.group(1), match.group(2).strip()) if match else (None, head.strip())
    number = re.match(r"(\d+)", path.stem)
    return {"id": f"seed-{number.group(1) if number else path.stem}", "url": None, "site": "portal",
            "slug": None, "title": title, "sapo": None, "published": published, "published_time": None,
            "author": None, "text": body.strip("\n")}


def load_articles(root: Path = CORPUS_DIR) -> list[dict]:
    """Every corpus article (seeds first), as extraction input plus site fields."""
    articles = [read_seed(p) for p in sorted((root / "seeds").glob("*.txt"))]
    for path in sorted((root / "articles").glob("*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        article.setdefault("url", None)
        articles.append(article)
    return articles


def load_gold(root: Path = CORPUS_DIR) -> dict[str, dict]:
    return {r["id"]: r for r in (json.loads(p.read_text(encoding="utf-8"))
                                 for p in sorted((root / "gold").glob("*.json")))}
