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


# ---- the per-article budget ----------------------------------------------------------------------

SENTENCE = ("Chiều 12/3, Chủ tịch UBND tỉnh Lai Châu Lê Văn Lương dự hội nghị tổng kết công tác dân tộc "
            "theo Quyết định số 1719/QĐ-TTg tại xã Bình Lư.\n")
# ~300,000 characters on other matters (not a near-duplicate of SENTENCE): seconds of work, far over 0.5 s
SLOW_TEXT = "".join(f"Đoàn kiểm tra số {i} của Sở Nông nghiệp làm việc với hợp tác xã {i % 97} ở thôn Nà "
                    f"{i % 13} về {i * 7 % 1000} ha lúa ngày {i % 28 + 1}/{i % 12 + 1}/2024.\n" for i in range(2500))


def _article(ident, text):
    return {"id": ident, "url": f"https://tin.example.vn/{ident}", "title": "Hội nghị", "published": "2025-03-13",
            "text": text}


@pytest.fixture
def small_budget(monkeypatch):
    nlp.extract(_article("warm", SENTENCE))  # underthesea's model loads on first use, outside any budget
    monkeypatch.setenv("VNPOLICY_EXTRACT_BUDGET_SECONDS", "0.5")
    monkeypatch.setenv("VNPOLICY_EXTRACT_BUDGET_CHARS", str(10**9))


def test_an_article_over_its_budget_stops_and_the_batch_goes_on(small_budget):
    def run():
        started = __import__("time").monotonic()
        with pytest.raises(nlp.BudgetExceeded, match="0.5 s extraction budget"):
            nlp.extract(_article("slow", SLOW_TEXT))
        stopped_after = __import__("time").monotonic() - started
        results = list(nlp.extract_many([_article("a", SENTENCE), _article("slow", SLOW_TEXT),
                                         _article("b", SENTENCE)], errors="return"))
        return stopped_after, results

    stopped_after, results = run_bounded(HANG_BOUND, run)
    assert stopped_after < 5  # interrupted near the deadline, not run to the end
    assert [r.get("error") is None for r in results] == [True, False, True]
    assert "BudgetExceeded" in results[1]["error"] and results[1]["id"] == "slow"
    assert results[0]["record"]["officials"][0]["name"] == "Lê Văn Lương"


def test_long_texts_are_segmented_in_bounded_pieces_with_exact_offsets():
    from nlp.segment import pieces, segment

    text = (SENTENCE * 40) + "x" * 700 + " " + SENTENCE
    cuts = pieces(text, 500)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(b - a <= 500 and a < b for a, b in cuts)
    assert all(cuts[i][1] == cuts[i + 1][0] for i in range(len(cuts) - 1))
    assert all(text[b - 1] == "\n" for a, b in cuts[:10])  # cut at line breaks where there are some
    words = segment(text, piece_chars=500)
    assert all(0 <= s < e <= len(text) and not text[s:e].isspace() for s, e in words)
    assert all(words[i][1] <= words[i + 1][0] for i in range(len(words) - 1))
    assert {text[s:e] for s, e in words} >= {"Lai Châu", "Quyết định", "tổng kết"}
    assert nlp.load().max_length > 2_000_000  # spaCy's E088 no longer refuses a 2 MB article


def test_crawl_extraction_stores_the_failure_with_its_reason_and_does_not_retry_it(small_budget, tmp_path):
    import store
    from crawler.runner import run_extraction

    path = tmp_path / "budget.db"
    db = store.connect(path)
    ids = [store.save_article(db, _article(name, text))[0]
           for name, text in (("a", SENTENCE), ("slow", SLOW_TEXT), ("b", SENTENCE.replace("12/3", "14/3")))]
    db.close()
    summary = run_bounded(HANG_BOUND, run_extraction, str(path), ids)
    assert summary == {"extracted": 2, "extraction_errors": 0, "extraction_failed": 1}
    db = store.connect(path)
    failures = store.extraction_failures(db)
    assert [(f["article_id"], f["pipeline_version"]) for f in failures] == [(ids[1], nlp.PIPELINE_VERSION)]
    assert "BudgetExceeded" in failures[0]["reason"] and "budget" in failures[0]["reason"]
    assert store.unextracted_ids(db) == []  # the next crawl does not pick it up again
    assert [a["article_id"] for a in store.articles_for_extraction(db, nlp.PIPELINE_VERSION,
                                                                   nlp.PIPELINE_VERSION)] == []


def test_officials_of_a_long_text_are_read_in_pieces_and_merged():
    from nlp.components import officials_in_pieces

    first = "Chủ tịch UBND tỉnh Lai Châu Lê Văn Lương dự hội nghị tổng kết.\n"
    filler = "Các đại biểu thảo luận về kế hoạch phát triển kinh tế của địa phương trong năm tới.\n" * 30
    later = "Ông Lê Văn Lương, Bí thư Tỉnh ủy, phát biểu. Giám đốc Sở Nội vụ Trần Thị Mai báo cáo.\n"
    text = first + filler + later + filler + later
    assert len(text) > 3 * 1500
    whole = officials_in_pieces(text, "Lai Châu", piece_chars=10**6)
    pieces = officials_in_pieces(text, "Lai Châu", piece_chars=1500)
    assert [o.name for o in pieces] == [o.name for o in whole] == ["Lê Văn Lương", "Trần Thị Mai"]
    luong = pieces[0]
    assert len(luong.mentions) == 3 and {p.title for p in luong.positions} == {"Chủ tịch", "Bí thư"}
    for person in pieces:
        for s, e in person.mentions:
            assert text[s:e] == person.name
        for pos in person.positions:
            assert pos.title in text[pos.start:pos.end]
