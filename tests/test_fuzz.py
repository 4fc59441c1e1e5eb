"""Property-based fuzzing of extraction over Vietnamese-like text (tests/vntext.py).

For every generated article: no exception, the article ends within a time bound (the
extraction's own budget: over it, nlp.BudgetExceeded fails the example), and every
offset is exact — text[start:end] is the mention's text, events' spans lie in the text.
benchmarks/bench_fuzz.py runs the same generator over 10,000 texts.
"""
from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_pipeline import spans_agree_with_mentions
from vntext import article

import nlp

EXAMPLE_BUDGET = 20.0  # seconds per example: catches a hang or a quadratic blow-up, not a speed test


def check_offsets(art: dict, result: dict) -> None:
    text = art["text"]
    for m in result["mentions"]:
        assert 0 <= m["start"] <= m["end"] <= len(text), m
        assert text[m["start"]:m["end"]] == m["text"], m
    for ev in result["events"]:
        assert 0 <= ev["start"] <= ev["end"] <= len(text), ev
    record = result["record"]
    assert record["id"] == art["id"]
    assert isinstance(record["event"]["type"], str)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), size=st.integers(min_value=0, max_value=400))
def test_extraction_never_raises_and_offsets_are_exact(seed, size):
    art = article(random.Random(seed), f"fuzz-{seed}", size)
    doc = nlp.process(art, budget_seconds=EXAMPLE_BUDGET)
    result = nlp.extract(art, budget_seconds=EXAMPLE_BUDGET)
    check_offsets(art, result)
    spans_agree_with_mentions(doc, result)  # doc.ents and doc.spans are exactly the stored mentions


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("aăâeêioôơuưyđĐ AÁÀẢÃẠKDCthôn\n\t.,:;-/()0123456789\u0301\u0323"
                                              "\u00a0\u200b")), max_size=600),
       st.sampled_from([None, "2025-11-13"]))
def test_arbitrary_character_soup_never_raises(text, published):
    art = {"id": "soup", "url": None, "title": None, "published": published, "text": text}
    check_offsets(art, nlp.extract(art, budget_seconds=EXAMPLE_BUDGET))
