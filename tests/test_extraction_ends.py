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


# ---- inputs that once took quadratic time --------------------------------------------------------
# Each is sized so the old code ran for minutes; the linear code takes well under a second.

def _anaphor_after_blank_lines(n):
    from nlp.documents import find_documents

    text = ("UBND tỉnh thực hiện Thông tư số 12/2023/TT-BNV." + "\n" * n
            + "Thông tư do Thứ trưởng Bộ Nội vụ ký ngày 18/8/2023.\n" + "\n \t" * n + "Cùng ngày, UBND xã họp.")
    return [(d.number, d.date) for d in find_documents(text, "2023-09-01")]


def test_long_runs_of_line_breaks_are_linear():
    # "^\s*"-style sentence openings once restarted inside every blank of a run.
    assert run_bounded(HANG_BOUND, _anaphor_after_blank_lines, 150_000) == [("12/2023/TT-BNV", "2023-08-18")]


def _interview_after_blank_lines(n):
    from nlp.events import _hits

    text = "phóng viên hỏi." + "\n" * n + "  pv: xin chào" + " \n" * n + "\n- thưa ông, vâng." + "\n" * n + "hết"
    return [(h[0], h[1], h[3].strip()) for h in _hits(text)]


def test_line_opening_triggers_are_linear_and_start_at_the_line():
    n = 150_000
    hits = run_bounded(HANG_BOUND, _interview_after_blank_lines, n)
    assert [(t, trig) for t, _s, trig in hits] == [("interview", "pv:"), ("interview", "- thưa ông")]
    assert hits[0][1] == len("phóng viên hỏi.") + 1  # after the run's first line break, as "^\s*" did


def _figures_after_digits(n):
    from nlp.events import _figures

    return _figures("Có " + "1" * n + " 7 người, " + "2," * n + " hơn 300 đại biểu, ,5 hộ và 1.200 hộ")


def test_long_runs_of_digits_are_linear():
    assert run_bounded(HANG_BOUND, _figures_after_digits, 300_000) == ["7 người", "hơn 300 đại biểu", "5 hộ",
                                                                       "1.200 hộ"]


def _spans_over_marks(n):
    from nlp.text import normalize

    original = "Ông a" + "\u0301" * n + " Hà."
    norm = normalize(original)
    spans = [norm.span(i, i + 1) for i in range(0, len(norm.text), max(1, len(norm.text) // 5000))]
    return spans + [norm.span(0, len(norm.text))], len(original)


def test_long_runs_of_combining_marks_map_back_in_linear_time():
    spans, n = run_bounded(HANG_BOUND, _spans_over_marks, 200_000)
    assert all(0 <= s < e <= n for s, e in spans)
    assert spans[-1] == (0, n)
