"""Normalization and tokenization keep every offset valid, on hostile input."""
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.segment import build_doc
from nlp.text import normalize, normalize_text
from textkeys import fold

HOSTILE = [
    "",
    " ",
    "Thứ trưởng  Bộ Nội vụ   Nguyễn Thị Hà",             # double and triple spaces
    "tỉnh\u00a0Lai\u00a0Châu",                              # no-break spaces
    unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Thanh Hóa"),  # decomposed input
    "Lễ khánh thành 🎉🇻🇳 tại Hà Nội",                     # emoji and flags
    "\n\nSáng 4-4-2022,\t\tBan Thường vụ\r\n",
    "Ðồng chí Ðinh Xuân Thắng",                            # eth instead of Đ
    "Thanh Hoá, Khánh Hoà, Uỷ ban, thuỷ lợi, khoẻ mạnh",   # old tone placement
    "Quyết định 1719/QĐ-TTg ngày 14/10/2021\u200b",
    "a\u0301\u0323",                                        # stacked combining marks
]


@pytest.mark.parametrize("text", HOSTILE)
def test_normalized_spans_map_back_to_the_original(text):
    norm = normalize(text)
    assert len(norm.offsets) == len(norm.text) + 1
    for i in range(len(norm.text)):
        start, end = norm.span(i, i + 1)
        assert 0 <= start < end <= len(text)
        # A normalized letter comes from original text that folds to the same letter.
        if norm.text[i].isalpha():
            assert fold(norm.text[i]) in fold(normalize_text(text[max(0, start - 1):end + 1]))


@pytest.mark.parametrize("text", HOSTILE)
def test_doc_text_equals_input(text):
    from nlp import load

    doc = load().tokenizer(text)
    assert doc.text == text


@pytest.mark.parametrize("old,new", [
    ("Thanh Hoá", "Thanh Hóa"), ("Khánh Hoà", "Khánh Hòa"), ("Uỷ ban", "Ủy ban"), ("thuỷ", "thủy"),
    ("khoẻ", "khỏe"), ("quý", "quý"), ("hoàn thành", "hoàn thành"), ("Ðà Nẵng", "Đà Nẵng"),
])
def test_one_tone_placement(old, new):
    assert normalize(old).text == new


def test_nfd_input_is_composed_and_spans_cover_whole_clusters():
    original = unicodedata.normalize("NFD", "ở Hà Nội")
    norm = normalize(original)
    assert norm.text == "ở Hà Nội"
    start = norm.text.index("Hà Nội")
    o_start, o_end = norm.span(start, start + len("Hà Nội"))
    assert unicodedata.normalize("NFC", original[o_start:o_end]) == "Hà Nội"


def test_fold_removes_marks_and_d_stroke():
    assert fold("Quyết định Đồng bào") == "quyet dinh dong bao"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aăâeêioôơuưyđĐ áàảãạÁÀ\u0301\u0323\u00a0\n\t  1234/-.,ÐQ")),
               max_size=80))
def test_random_text_round_trips(text):
    from nlp import load

    norm = normalize(text)
    assert len(norm.offsets) == len(norm.text) + 1
    assert build_doc(load().vocab, text, norm).text == text
