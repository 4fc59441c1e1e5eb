"""Golden test: the bundled corpus, extracted and compared field by field.

Each figure is pinned just under what the extractor measured when the floor was
last raised (tests/quality_floor.json); a change that makes any figure drop
below its floor fails here, like trafilatura's evaluation gate.  The articles
and their golden records are ours (corpus/), never the team's dev set.
"""
import json
from pathlib import Path

import pytest

import nlp
from nlp.corpus import load_articles, load_gold
from nlp.evaluate import score

FLOOR = json.loads((Path(__file__).parent / "quality_floor.json").read_text())


@pytest.fixture(scope="module")
def report():
    gold = load_gold()
    articles = [a for a in load_articles() if a["id"] in gold]
    assert len(articles) == len(gold) >= 40, "the corpus must hold at least 40 annotated articles"
    predictions = {r["record"]["id"]: r["record"] for r in nlp.extract_many(articles)}
    return score(gold, predictions)


@pytest.mark.parametrize("figure", sorted(FLOOR))
def test_figure_stays_above_its_floor(report, figure):
    value = report.figures()[figure]
    detail = "\n".join(f"{k}: {e}" for k, errs in report.errors.items() for e in errs)
    assert value >= FLOOR[figure], f"{figure} fell to {value:.3f} (floor {FLOOR[figure]})\n{detail}"


def test_every_record_has_the_contract_shape():
    article = load_articles()[0]
    record = nlp.extract(article)["record"]
    assert set(record) == {"id", "url", "published", "provinces", "officials", "documents", "dates", "event"}
    assert set(record["event"]) == {"type", "date", "province"}
    for person in record["officials"]:
        assert set(person) == {"name", "positions"}
        for position in person["positions"]:
            assert set(position) == {"title", "organization"}
    for document in record["documents"]:
        assert set(document) == {"type", "number", "date", "issuer"}
