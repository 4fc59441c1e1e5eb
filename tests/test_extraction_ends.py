"""Extraction always ends: inputs that once looped forever or took quadratic time.

Each case runs in a forked child with a generous bound (a hang fails the test instead of
stalling the suite); speed itself is measured in benchmarks/, not here.
"""
from __future__ import annotations

import pytest
from bounded import run_bounded

import nlp
from nlp.officials import find_officials

HANG_BOUND = 60  # seconds; each case takes well under one


@pytest.fixture(scope="module", autouse=True)
def _loaded():
    nlp.load()  # loaded once here; the forked children inherit it


def _officials(text):
    return [(o.name, [(p.title, p.organization) for p in o.positions]) for o in find_officials(text)]


# A unit word (thôn, ấp, tổ dân phố...) then a capitalised token that is not a name: the
# officials parser once stopped advancing there and looped forever.
@pytest.mark.parametrize("text", [
    "Ông Nguyễn Văn Hùng, Trưởng thôn KDC phát biểu.",
    "Bà Lê Thị Mai, Trưởng ấp TDP cho biết việc làm đường đã xong.",
    "Ông Đỗ Văn Tư, Trưởng thôn XYZ, xã Ea Kar, phát biểu tại buổi họp.",
    "Ông Nguyễn Văn Hùng, Trưởng thôn KDC 2 phát biểu.\nÔng Vũ Văn An, Trưởng bản HTX phát biểu.",
])
def test_unit_word_then_acronym_ends(text):
    found = run_bounded(HANG_BOUND, _officials, text)
    assert found and found[0][1], found  # the person and a position are still read
    assert found[0][1][0][0].startswith("Trưởng")


def test_unit_word_then_acronym_through_extract():
    text = "Ông Nguyễn Văn Hùng, Trưởng thôn KDC phát biểu."
    result = run_bounded(HANG_BOUND, nlp.extract, {"id": "h", "url": None, "title": None,
                                                   "published": "2025-11-13", "text": text})
    names = [o["name"] for o in result["record"]["officials"]]
    assert names == ["Nguyễn Văn Hùng"]
    for m in result["mentions"]:
        assert text[m["start"]:m["end"]] == m["text"]
