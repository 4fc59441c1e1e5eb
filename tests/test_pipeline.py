"""The spaCy pipeline a researcher loads: one call, spans and ents over the input."""
import nlp
import nlp.events

TEXT = ("Phát biểu khai mạc hội nghị, Thứ trưởng Bộ Nội vụ Nguyễn Thị Hà nhấn mạnh việc thực hiện "
        "Quyết định 1719/QĐ-TTg ngày 14/10/2021 tại tỉnh  Lai\u00a0Châu.")


def test_pipeline_components_are_registered_by_name():
    pipe = nlp.load()
    assert pipe.pipe_names == ["vnp_provinces", "vnp_dates", "vnp_documents", "vnp_officials", "vnp_events",
                               "vnp_spans"]
    assert nlp.load() is pipe  # built once per process


def test_calling_the_pipeline_on_text_gives_spans_over_the_original():
    doc = nlp.load()(TEXT)
    assert doc.text == TEXT
    labels = {(e.text, e.label_) for e in doc.ents}
    assert ("1719/QĐ-TTg", "LAW") in {(s.text.split()[-1], s.label_) for s in doc.spans["documents"]} or \
        any("1719/QĐ-TTg" in s.text for s in doc.spans["documents"])
    assert ("Nguyễn Thị Hà", "PER") in labels
    assert any(s.text == "Lai\u00a0Châu" for s in doc.spans["provinces"])
    assert any(s.label_ == "DATE" and s._.vnp_value == "2021-10-14" for s in doc.spans["dates"])


def test_batches_through_nlp_pipe_keep_order():
    pipe = nlp.load()
    texts = [TEXT, "Lễ khánh thành cầu tại tỉnh Sơn La.", ""]
    docs = list(pipe.pipe(texts))
    assert [d.text for d in docs] == texts


def test_mentions_point_into_the_original_text():
    result = nlp.extract({"id": "x", "text": TEXT, "published": "2025-09-25", "title": None})
    assert result["mentions"], "expected mentions"
    for m in result["mentions"]:
        assert TEXT[m["start"]:m["end"]] == m["text"]
    assert result["events"][0]["main"] is True


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = ["Thứ trưởng", "Bộ Nội vụ", "Nguyễn Thị Hà", "ông", "tỉnh", "Lai Châu", "Quyết định", "số", "1719/QĐ-TTg",
           "ngày", "14/10/2021", "13-14/11", "hôm nay", "tập huấn", "tại", "Hà Nội", "TP.HCM", "Ảnh:", "-", ",", ";",
           "\n\n", "  ", "\u00a0", "Ð", "65-KL/TW", "30/2020/NĐ-CP", "Chủ tịch UBND", "(", ")", "“", "”", "2021-2030"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=6)), max_size=40))
def test_random_text_never_raises_and_every_offset_is_valid(pieces):
    text = " ".join(pieces)
    result = nlp.extract({"id": "h", "text": text, "published": "2025-11-13", "title": None})
    for m in result["mentions"]:
        assert 0 <= m["start"] <= m["end"] <= len(text)
        assert text[m["start"]:m["end"]] == m["text"]
    assert result["record"]["event"]["type"] in nlp.events.EVENT_TYPES


KIND_OF_LABEL = {"PER": "official", "LOC": "province", "LAW": "document", "DATE": "date"}


def spans_agree_with_mentions(doc, result) -> None:
    """Every ent and every span is exactly a stored mention: same kind, offsets and text."""
    text = doc.text
    mentions = {(m["kind"], m["start"], m["end"], m["text"]) for m in result["mentions"]}
    for ent in doc.ents:
        assert (KIND_OF_LABEL[ent.label_], ent.start_char, ent.end_char, ent.text) in mentions, ent
    for key, kind in (("officials", "official"), ("provinces", "province"), ("documents", "document"),
                      ("dates", "date"), ("titles", "title"), ("events", "event")):
        for span in doc.spans[key]:
            assert (kind, span.start_char, span.end_char, span.text) in mentions, (key, span)
            assert text[span.start_char:span.end_char] == span.text


def test_ents_agree_exactly_with_the_stored_mentions():
    # underthesea joins "Hà phát" or "Hà nhấn" into one word; the PER must still end at "Hà".
    texts = [TEXT, "Bà Nguyễn Thị Hà phát biểu tại hội nghị ở tỉnh Lai Châu ngày 5/6/2025.",
             "Ông Lò Văn Hùng, Chủ tịch UBND xã Nà Tấu, huyện Điện Biên, tỉnh Điện Biên phát biểu.",
             "Chủ tịch UBND tỉnh Lai Châu Lê Văn Lương dự hội nghị.\nÔng Nguyễn Văn Hùng, Trưởng thôn KDC phát biểu.",
             "Thủ tướng ký Quyết định số 1719/QĐ-TTg ngày 14/10/2021, Nghị định 30/2020/NĐ-CP."]
    for text in texts:
        article = {"id": "e", "url": None, "title": None, "published": "2025-06-06", "text": text}
        doc = nlp.process(article)
        result = nlp.extract(article)
        spans_agree_with_mentions(doc, result)
        assert {m["text"] for m in result["mentions"] if m["kind"] == "official"} <= {e.text for e in doc.ents}
    doc = nlp.load()("Các đại biểu hưởng ứng.\n\nThứ trưởng Nguyễn Thị Hà phát biểu tại Hội nghị.")
    assert [(e.text, e.label_) for e in doc.ents if e.label_ == "PER"] == [("Nguyễn Thị Hà", "PER")]
