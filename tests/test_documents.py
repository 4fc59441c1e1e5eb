"""Rule table for nlp.documents: one row per citation form, asserting the parsed fields."""
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.documents import find_documents, record_documents

PUB = dt.date(2025, 11, 13)

# (text, expected documents as (type, number, date, issuer)); issuer/date "…" means "not checked".
ROWS = [
    # a joint document lists every co-issuer in its symbol
    ("thực hiện Thông tư liên tịch số 07/2014/TTLT-BNV-BTC-BLĐTBXH-BYT-BGDĐT hướng dẫn chế độ",
     [("Thông tư liên tịch", "07/2014/TTLT-BNV-BTC-BLĐTBXH-BYT-BGDĐT", None, None)]),
    # "Cùng ngày," opening the sentence: signed the same day as the document cited before it
    ("Ngày 10/3/2024, UBND tỉnh ban hành Kế hoạch số 55/KH-UBND về phòng chống dịch. Cùng ngày, Sở Y tế "
     "có Công văn số 812/SYT-NV hướng dẫn các huyện.",
     [("Kế hoạch", "55/KH-UBND", "2024-03-10", "…"), ("Công văn", "812/SYT-NV", "2024-03-10", "…")]),
    # administrative regime
    ("theo Quyết định 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ.",
     [("Quyết định", "1719/QĐ-TTg", "2021-10-14", "Thủ tướng Chính phủ")]),
    ("triển khai Kế hoạch số 123/KH-UBND của UBND tỉnh Lai Châu về việc",
     [("Kế hoạch", "123/KH-UBND", None, "UBND tỉnh Lai Châu")]),
    ("Quyết định số 2253 /QĐ-UBND có hiệu lực", [("Quyết định", "2253/QĐ-UBND", None, None)]),
    ("Số: 145/CĐ-TTg gửi các tỉnh", [("Công điện", "145/CĐ-TTg", None, None)]),
    # normative regime
    ("theo Nghị định số 30/2020/NĐ-CP của Chính phủ về công tác văn thư",
     [("Nghị định", "30/2020/NĐ-CP", None, "Chính phủ")]),
    ("Nghị quyết số 88/2019/QH14 của Quốc hội phê duyệt Đề án", [("Nghị quyết", "88/2019/QH14", None, "Quốc hội")]),
    ("Luật số 45/2019/QH14 có hiệu lực", [("Luật", "45/2019/QH14", None, None)]),
    ("căn cứ 45/2019/QH14 và", [("Luật", "45/2019/QH14", None, None)]),
    ("Quyết định số 12/2018/QĐ-TTg ngày 06/3/2018 của Thủ tướng Chính phủ",
     [("Quyết định", "12/2018/QĐ-TTg", "2018-03-06", "Thủ tướng Chính phủ")]),
    ("Thông tư 02/2022/TT-UBDT hướng dẫn", [("Thông tư", "02/2022/TT-UBDT", None, None)]),
    ("theo Thông tư số 123 / 2020 / TT-BTC", [("Thông tư", "123/2020/TT-BTC", None, None)]),
    ("Thông tư liên tịch số 03/2016/TTLT-BTC-BNV", [("Thông tư liên tịch", "03/2016/TTLT-BTC-BNV", None, None)]),
    ("Luật Đất đai số 31/2024/QH15 quy định", [("Luật", "31/2024/QH15", None, None)]),
    ("Nghị định số 30/2020 quy định", [("Nghị định", "30/2020", None, None)]),
    # Party regime
    ("Nghị quyết số 57-NQ/TW của Bộ Chính trị", [("Nghị quyết", "57-NQ/TW", None, "Bộ Chính trị")]),
    ("Kết luận số 65-KL/TW Ngày 30/10/2019 của Bộ Chính trị về tiếp tục",
     [("Kết luận", "65-KL/TW", "2019-10-30", "Bộ Chính trị")]),
    ("Đề án số 04-ĐA/TU ngày 29-1-2021 của Tỉnh ủy về phát triển",
     [("Đề án", "04-ĐA/TU", "2021-01-29", "Tỉnh ủy")]),
    ("Hướng dẫn 36-HD/VPTW của Văn phòng Trung ương Đảng", [("Hướng dẫn", "36-HD/VPTW", None, "…")]),
    ("thực hiện Kết luận số 100 - KL/TW của Ban Bí thư", [("Kết luận", "100-KL/TW", None, "Ban Bí thư")]),
    ("Nghị quyết 19-NQ/TW về nông nghiệp", [("Nghị quyết", "19-NQ/TW", None, None)]),
    ("Thông tri số 19-TT/TW của Ban Bí thư", [("Thông tri", "19-TT/TW", None, "Ban Bí thư")]),
    ("theo 57\u2013NQ/TW (en dash)", [("Nghị quyết", "57\u2013NQ/TW", None, None)]),
    ("Nghị quyết số 24-NQ/TW của Ban Chấp hành Trung ương Đảng khóa IX về công tác dân tộc",
     [("Nghị quyết", "24-NQ/TW", None, "Ban Chấp hành Trung ương Đảng khóa IX")]),
    # bare numbers after a type word
    ("cụ thể hoá Kết luận số 65 ngày 30/10/2019 của Bộ Chính trị, là",
     [("Kết luận", "65", "2019-10-30", "Bộ Chính trị")]),
    ("nghỉ hưu trước tuổi theo Nghị định số 26 của Chính phủ).", [("Nghị định", "26", None, "Chính phủ")]),
    ("theo Nghị định 26 về tinh giản", [("Nghị định", "26", None, None)]),
    # a bare number repeating a coded citation of the same type is that document named short
    ("Tỉnh ủy quán triệt Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị. Sau 8 năm thực hiện Chỉ thị 05, "
     "phong trào học tập lan rộng.", [("Chỉ thị", "05-CT/TW", "2016-05-15", "Bộ Chính trị")]),
    ("Quyết định số 12/QĐ-UBND và Nghị quyết 12 của HĐND huyện",
     [("Quyết định", "12/QĐ-UBND", None, None), ("Nghị quyết", "12", None, "HĐND huyện")]),
    # type word wins over the code; code decides otherwise
    ("theo hướng dẫn tại Công văn 431/HD-UBND ngày 01/3/2018 của UBND tỉnh Cao Bằng.",
     [("Công văn", "431/HD-UBND", "2018-03-01", "UBND tỉnh Cao Bằng")]),
    ("văn bản số 1458/UBDT-VP135 gửi các tỉnh", [("Công văn", "1458/UBDT-VP135", None, None)]),
    ("Công văn số 3766/UBND-NC về việc tổ chức", [("Công văn", "3766/UBND-NC", None, None)]),
    ("theo số 12/CTr-UBND và 13/PA-UBND", [("Chương trình", "12/CTr-UBND", None, None),
                                          ("Phương án", "13/PA-UBND", None, None)]),
    ("ban hành 15/TB-VPCP", [("Thông báo", "15/TB-VPCP", None, None)]),
    ("ký 07/CT-TTg", [("Chỉ thị", "07/CT-TTg", None, None)]),
    ("số 22/BC-UBND và 23/TTr-UBND", [("Báo cáo", "22/BC-UBND", None, None), ("Tờ trình", "23/TTr-UBND", None, None)]),
    ("ban hành 09/QyĐ-UBND, 10/QC-UBND", [("Quy định", "09/QyĐ-UBND", None, None), ("Quy chế", "10/QC-UBND", None, None)]),
    ("số 11/QD-UBND (không dấu)", [("Quyết định", "11/QD-UBND", None, None)]),
    # lists
    ("Quyết định số 1896/QĐ-TTg, 1894/QĐ-TTg ngày 20/11/2020 của Thủ tướng",
     [("Quyết định", "1896/QĐ-TTg", "2020-11-20", "Thủ tướng"), ("Quyết định", "1894/QĐ-TTg", "2020-11-20", "Thủ tướng")]),
    ("các kết luận thanh tra số 09, 10, 11, 12/KL-TTr của Thanh tra tỉnh",
     [("Kết luận", "09/KL-TTr", None, "…"), ("Kết luận", "10/KL-TTr", None, "…"),
      ("Kết luận", "11/KL-TTr", None, "…"), ("Kết luận", "12/KL-TTr", None, "Thanh tra tỉnh")]),
    ("Kết luận số Kết luận số 200-KL/TW của Bộ Chính trị", [("Kết luận", "200-KL/TW", None, "Bộ Chính trị")]),
    # a list sharing the date written after it ("cùng ký ngày", "đều được ban hành ngày")
    ("Sở Tài chính trình các Quyết định số 301/QĐ-UBND và 302/QĐ-UBND, cùng ký ngày 3/9/2022, về giá đất.",
     [("Quyết định", "301/QĐ-UBND", "2022-09-03", "…"), ("Quyết định", "302/QĐ-UBND", "2022-09-03", "…")]),
    ("hai Kế hoạch số 40/KH-UBND, 41/KH-UBND đều được ban hành ngày 7/5/2021",
     [("Kế hoạch", "40/KH-UBND", "2021-05-07", "…"), ("Kế hoạch", "41/KH-UBND", "2021-05-07", "…")]),
    # issuer as subject, date before
    ("Ngày 14/01/2019, Chủ tịch UBND tỉnh Hoàng Xuân Ánh đã ký Quyết định số 46/QĐ-UBND về việc công nhận.",
     [("Quyết định", "46/QĐ-UBND", "2019-01-14", "Chủ tịch UBND tỉnh")]),
    ("Tại Hà Nội, ngày 27/6, UBND Thành phố ban hành Công văn số 3766/UBND-NC về việc",
     [("Công văn", "3766/UBND-NC", "2025-06-27", "UBND Thành phố")]),
    ("Thủ tướng Chính phủ Nguyễn Xuân Phúc vừa ký Quyết định số 1905/QĐ-TTg phê chuẩn",
     [("Quyết định", "1905/QĐ-TTg", None, "Thủ tướng Chính phủ")]),
    ("Tại Quyết định số 1896/QĐ-TTg, Thủ tướng phê chuẩn kết quả bầu",
     [("Quyết định", "1896/QĐ-TTg", None, "Thủ tướng")]),
    # the date opens the issuer's clause with no comma
    ("Sau khi lấy ý kiến cử tri, ngày 11/3/2022 UBND tỉnh đã ban hành Kế hoạch số 57/KH-UBND triển khai",
     [("Kế hoạch", "57/KH-UBND", "2022-03-11", "UBND tỉnh")]),
    # ... but a date elsewhere in the clause is not the signing date
    ("Công trình khởi công ngày 2/4/2024 nay UBND tỉnh ban hành Kế hoạch số 59/KH-UBND về vận hành",
     [("Kế hoạch", "59/KH-UBND", None, "…")]),
    # year-less signing dates
    ("Quyết định số 05/2025/QĐ-UBND ngày 30/6 của UBND tỉnh", [("Quyết định", "05/2025/QĐ-UBND", "2025-06-30", "…")]),
    ("Kế hoạch số 77/KH-UBND ngày 30/6 của UBND tỉnh", [("Kế hoạch", "77/KH-UBND", "2025-06-30", "…")]),
    ("Kế hoạch số 78/KH-UBND ngày 14 tháng 12 năm 2024", [("Kế hoạch", "78/KH-UBND", "2024-12-14", None)]),
    # the date belongs to the next citation, not this one
    ("Quyết định số 1/QĐ-UBND; Quyết định số 2/QĐ-UBND ngày 3/3/2024",
     [("Quyết định", "1/QĐ-UBND", None, None), ("Quyết định", "2/QĐ-UBND", "2024-03-03", None)]),
    # not documents
    ("giai đoạn 2021-2030 và 2021 – 2025", []),
    ("liên hệ 0912-345-678 hoặc 024.3823.4567", []),
    ("còn 3/9 nhóm chỉ tiêu chưa đạt", []),
    ("ngày 14/10/2021 và tỷ lệ 2/3", []),
    ("Chương trình 1719 đã giải quyết", []),
    ("Luật Đất đai 2024 có hiệu lực", []),
    ("trụ sở số 12 đường Lê Lợi", []),
    ("vừa ký Quyết định phê chuẩn kết quả bầu", []),
    ("kế hoạch 5 năm và Quyết định 3 năm", []),
    ("dịch COVID-19 và F0/F1", []),
    ("giải Euro 2024/U23-VN", []),
    ("Thông tư 10 điều và Nghị quyết 2 khoản", []),
    ("QUYẾT ĐỊNH SỐ 12/QĐ-UBND", [("Quyết định", "12/QĐ-UBND", None, None)]),
    ("Thông báo kết luận số 123-TB/TW của Bộ Chính trị", [("Thông báo", "123-TB/TW", None, "Bộ Chính trị")]),
    ("Quyết định số 5/QĐ-UBND do Chủ tịch UBND tỉnh ký ngày 2/2/2024",
     [("Quyết định", "5/QĐ-UBND", "2024-02-02", "Chủ tịch UBND tỉnh")]),
    # a serial with a letter: a document inserted after another of the same number
    ("căn cứ Quyết định số 215b/2019/QĐ-UBND ngày 3/5/2019 của UBND tỉnh",
     [("Quyết định", "215b/2019/QĐ-UBND", "2019-05-03", "UBND tỉnh")]),
    ("theo Kế hoạch 47a/KH-BDT về tuyên truyền", [("Kế hoạch", "47a/KH-BDT", None, None)]),
    ("thực hiện Kết luận số 14c-KL/TU của Ban Thường vụ Tỉnh ủy", [("Kết luận", "14c-KL/TU", None, "…")]),
    # a dotted department code belongs to the symbol, also at a sentence end
    ("Văn bản số 5512/VPCP-KTTH.II ngày 4/9/2023 của Văn phòng Chính phủ",
     [("Công văn", "5512/VPCP-KTTH.II", "2023-09-04", "Văn phòng Chính phủ")]),
    ("đã có Công văn 871/BNV-V.III.", [("Công văn", "871/BNV-V.III", None, None)]),
    # a type word qualified by its subject still reads the clause before it
    ("Ngày 2/10/2023, Chánh Thanh tra tỉnh Yên Bái Hà Đức Minh đã ký Kết luận thanh tra số 21/KL-TTr về",
     [("Kết luận", "21/KL-TTr", "2023-10-02", "Chánh Thanh tra tỉnh Yên Bái")]),
    ("Ban hành Kế hoạch kiểm tra số 33/KH-UBND ngày 7/4/2022 của UBND huyện",
     [("Kế hoạch", "33/KH-UBND", "2022-04-07", "UBND huyện")]),
    # a list under one symbol shares "cùng ngày …" and the issuer, and no listed serial is read again bare
    ("thi hành các Quyết định số 31, 32 và 33/QĐ-UBND cùng ngày 14/02/2023 của UBND huyện về phí chợ",
     [("Quyết định", "31/QĐ-UBND", "2023-02-14", "UBND huyện"),
      ("Quyết định", "32/QĐ-UBND", "2023-02-14", "UBND huyện"),
      ("Quyết định", "33/QĐ-UBND", "2023-02-14", "UBND huyện")]),
    ("nhưng các Chỉ thị số 7, 8/CT-UBND của Chủ tịch UBND tỉnh chưa được quán triệt",
     [("Chỉ thị", "7/CT-UBND", None, "Chủ tịch UBND tỉnh"), ("Chỉ thị", "8/CT-UBND", None, "Chủ tịch UBND tỉnh")]),
    # a later sentence opening with the bare type word dates the last document of that type
    ("Bộ Tài chính vừa ban hành Thông tư số 40/2024/TT-BTC về phí.\n\nThông tư được Thứ trưởng Cao Anh Tuấn "
     "ký ngày 12/6/2024 và thay thế Thông tư số 20/2019/TT-BTC.",
     [("Thông tư", "40/2024/TT-BTC", "2024-06-12", "…"), ("Thông tư", "20/2019/TT-BTC", None, "…")]),
    ("Bộ Tài chính vừa ban hành Thông tư số 40/2024/TT-BTC về phí. Thông tư có hiệu lực từ ngày 1/8/2024.",
     [("Thông tư", "40/2024/TT-BTC", None, "…")]),
    # a document printed with its header is dated by the place-and-date line below the number
    ("Huyện đoàn đã gửi kế hoạch tới các cơ sở:\nKẾ HOẠCH\tSố: 27-KH/HĐTN\nVề tổ chức Tháng Thanh niên\n"
     "Mường Tè, ngày 20 tháng 2 năm 2024\nT/M BAN THƯỜNG VỤ", [("Kế hoạch", "27-KH/HĐTN", "2024-02-20", "…")]),
]


def _check(text, expected, published=PUB):
    docs = find_documents(text, published)
    for d in docs:
        assert text[d.start:d.end] == d.text
        assert d.start <= d.number_start < d.number_end <= d.end
        assert d.number.replace(" ", "") == "".join(text[d.number_start:d.number_end].split()) or "/" in d.number
    got = [(d.type, d.number, d.date, d.issuer) for d in docs]
    assert len(got) == len(expected), got
    for g, e in zip(got, expected, strict=True):
        assert g[:2] == e[:2], got
        if e[2] != "…":
            assert g[2] == e[2], got
        if e[3] != "…":
            assert g[3] == e[3], got


@pytest.mark.parametrize("text,expected", ROWS, ids=[r[0][:40] for r in ROWS])
def test_citation_forms(text, expected):
    _check(text, expected)


@pytest.mark.parametrize("text,number,fields", [
    ("1719/QĐ-TTg", "1719/QĐ-TTg", {"serial": "1719", "year": None, "type_code": "QĐ", "issuer_code": "TTg",
                                    "regime": "administrative"}),
    ("Công văn 4567/UBND-KT", "4567/UBND-KT", {"type_code": None, "issuer_code": "UBND-KT", "regime": "administrative"}),
    ("30/2020/NĐ-CP", "30/2020/NĐ-CP", {"serial": "30", "year": 2020, "type_code": "NĐ", "issuer_code": "CP",
                                        "regime": "normative"}),
    ("88/2019/QH14", "88/2019/QH14", {"year": 2019, "type_code": None, "issuer_code": "QH14", "regime": "normative"}),
    ("57-NQ/TW", "57-NQ/TW", {"serial": "57", "type_code": "NQ", "issuer_code": "TW", "regime": "party"}),
    ("Kết luận số 65 ngày", "65", {"serial": "65", "type_code": None, "regime": "bare"}),
])
def test_parsed_parts(text, number, fields):
    (doc,) = find_documents(text)
    assert doc.number == number
    for k, v in fields.items():
        assert getattr(doc, k) == v, k


def test_year_less_date_needs_a_year_source():
    (doc,) = find_documents("Kế hoạch số 77/KH-UBND ngày 30/6 của UBND tỉnh", None)
    assert doc.date is None
    (doc,) = find_documents("Kế hoạch số 77/KH-UBND ngày 30/12", dt.date(2025, 1, 3))
    assert doc.date == "2024-12-30"  # a signing date cannot follow the article


def test_nicknames_only_on_request():
    text = "Chương trình 1719 và Luật Đất đai 2024 cùng Quyết định số 1719/QĐ-TTg"
    assert [d.number for d in find_documents(text)] == ["1719/QĐ-TTg"]
    docs = find_documents(text, include_nicknames=True)
    assert sorted((d.number, d.scored) for d in docs) == [("1719", False), ("1719/QĐ-TTg", True), ("2024", False)]
    assert record_documents(docs) == [{"type": "Quyết định", "number": "1719/QĐ-TTg", "date": None, "issuer": None}]


def test_record_merges_repeated_citations():
    text = ("Ngày 27/6, UBND Thành phố ban hành Công văn số 3766/UBND-NC về việc tổ chức lễ. "
            "Cũng theo Công văn số 3766/UBND-NC, Sở Xây dựng trang trí.")
    recs = record_documents(find_documents(text, "2025-06-30"))
    assert recs == [{"type": "Công văn", "number": "3766/UBND-NC", "date": "2025-06-27", "issuer": "UBND Thành phố"}]


ALPHABET = "0123456789/-–: ,.;()\nsốSốngàyQĐNĐTTgUBNDKLTWQuyếtđịnhKếtluậnNghịquyếtcủaThủtướngChínhphủ"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=120), st.sampled_from([None, "2025-01-03", dt.date(2020, 2, 29)]))
def test_random_text_never_raises(text, published):
    for d in find_documents(text, published, include_nicknames=True):
        assert 0 <= d.start <= d.number_start < d.number_end <= d.end <= len(text)
        assert text[d.start:d.end] == d.text
        if d.date:
            dt.date.fromisoformat(d.date)


@pytest.mark.parametrize("text,number,issuer", [
    # an issuer that runs on into the sentence, into page furniture, or into a second document
    ("Theo Nghị định số 31/2025/NĐ-CP của Chính phủ tăng mức phụ cấp cho cán bộ thôn bản.", "31/2025/NĐ-CP",
     "Chính phủ"),
    ("Nghị quyết số 08-NQ/TU ngày 2/4/2024 của Ban Thường vụ Tỉnh ủy Lượt xem: 2.045", "08-NQ/TU",
     "Ban Thường vụ Tỉnh ủy"),
    ("Thực hiện Quyết định số 90/QĐ-TTg của Thủ tướng Chính phủ và Kế hoạch số 14/KH-UBND của UBND tỉnh.",
     "90/QĐ-TTg", "Thủ tướng Chính phủ"),
])
def test_an_issuer_stops_where_the_body_ends(text, number, issuer):
    found = {d.number: d for d in find_documents(text, "2025-06-01")}
    assert found[number].issuer == issuer


@pytest.mark.parametrize("text,number", [
    # a type word qualified by what the document does, before "số"
    ("Hai cơ quan thực hiện tốt chương trình phối hợp số 17 về công tác dân tộc.", "17"),
    ("Tỉnh ủy ban hành Chương trình hành động số 09-CTr/TU thực hiện nghị quyết.", "09-CTr/TU"),
    # a stray type code before the year, as real pages slip
    ("theo Nghị định số 45/NĐ/2021/NĐ-CP ngày 2/4/2021 của Chính phủ", "45/NĐ/2021/NĐ-CP"),
])
def test_real_page_citation_forms(text, number):
    assert number in [d.number for d in find_documents(text, "2025-06-01")]
