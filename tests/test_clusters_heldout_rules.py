"""Held-out rules of event clusters (insight.clusters), on sentences written for this file.

Each scenario is stored through the real pipeline (store.save_article, nlp.extract,
store.save_extraction) into fresh SQLite files, in every saving order: a happening told by
several outlets must end in one cluster whichever report arrives first, and a different
happening on the same day, with the same official, must not join it.
"""
from __future__ import annotations

import itertools

import pytest

import nlp
import store
from insight import clusters

ARTICLES = {a["id"]: a for a in [
 {"id": "dt-paper", "outlet": "baodongthap", "url": "https://baodongthap.example.vn/tin/trao-quyet-dinh-giam-doc-so-y-te",
  "title": "Trao quyết định bổ nhiệm Giám đốc Sở Y tế", "published": "2025-09-18T17:05",
  "text": ("Trao quyết định bổ nhiệm Giám đốc Sở Y tế\n\nChiều 18/9, đồng chí Lâm Văn Tường, Phó Bí thư Tỉnh ủy, Chủ tịch UBND "
           "tỉnh trao Quyết định số 1532/QĐ-UBND ngày 17/9/2025 của Chủ tịch UBND tỉnh bổ nhiệm bà Đoàn Thị Mỹ Linh, "
           "Phó Giám đốc Sở Y tế, giữ chức Giám đốc Sở Y tế.\n\nChủ tịch UBND tỉnh đề nghị tân Giám đốc Sở sớm ổn định "
           "mạng lưới trạm y tế xã sau sắp xếp và nâng chất lượng khám chữa bệnh tuyến cơ sở.\n\nMinh Trí")},
 {"id": "dt-national", "outlet": "tinviet24", "url": "https://tinviet24.example.vn/dong-thap-co-tan-giam-doc-so-y-te-81234.html",
  "title": "Đồng Tháp có tân Giám đốc Sở Y tế", "published": "2025-09-19T07:40",
  "text": ("Đồng Tháp có tân Giám đốc Sở Y tế\n\nBà Đoàn Thị Mỹ Linh, 47 tuổi, vừa được Chủ tịch UBND tỉnh Đồng Tháp "
           "Lâm Văn Tường trao Quyết định 1532 bổ nhiệm làm Giám đốc Sở Y tế.\n\nBà Linh là bác sĩ chuyên khoa II, "
           "từng làm Giám đốc Bệnh viện Đa khoa tỉnh trước khi được bổ nhiệm Phó Giám đốc Sở năm 2022.\n\nHải Yến")},
 {"id": "tq-paper", "outlet": "baotuyenquang", "url": "https://baotuyenquang.example.vn/ky-hop-thu-8-hdnd-tinh-khoa-xix",
  "title": "HĐND tỉnh thông qua 9 nghị quyết tại kỳ họp thứ 8", "published": "2025-11-04T18:20",
  "text": ("HĐND tỉnh thông qua 9 nghị quyết tại kỳ họp thứ 8\n\nSáng 4/11, HĐND tỉnh Tuyên Quang khóa XIX tổ chức kỳ họp "
           "thứ 8 (kỳ họp chuyên đề). Đồng chí Vương Thị Hạnh, Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh chủ trì kỳ họp.\n\n"
           "Các đại biểu đã thông qua 9 nghị quyết, trong đó có chính sách hỗ trợ làm nhà cho hộ nghèo vùng cao và "
           "bổ sung vốn cho các công trình thủy lợi.\n\nThanh Phúc")},
 {"id": "tq-portal", "outlet": "tuyenquang-portal", "url": "https://tuyenquang.example.gov.vn/tin-tuc/be-mac-ky-hop-thu-tam",
  "title": "Bế mạc Kỳ họp thứ Tám HĐND tỉnh khóa XIX", "published": None,
  "text": ("Bế mạc Kỳ họp thứ Tám HĐND tỉnh khóa XIX\n\nChiều ngày 04/11/2025, Kỳ họp thứ Tám HĐND tỉnh Tuyên Quang "
           "khóa XIX đã bế mạc sau một ngày làm việc. 61/61 đại biểu có mặt biểu quyết thông qua các nghị quyết "
           "thuộc thẩm quyền.\n\nVăn phòng HĐND tỉnh")},
 {"id": "tq-next", "outlet": "baotuyenquang", "url": "https://baotuyenquang.example.vn/khai-mac-ky-hop-thu-9-hdnd-tinh",
  "title": "Khai mạc kỳ họp thứ 9 HĐND tỉnh khóa XIX", "published": "2025-11-05T10:00",
  "text": ("Khai mạc kỳ họp thứ 9 HĐND tỉnh khóa XIX\n\nSáng 5/11, HĐND tỉnh Tuyên Quang khóa XIX khai mạc kỳ họp thứ 9 "
           "để bầu bổ sung Phó Chủ tịch UBND tỉnh. Đồng chí Vương Thị Hạnh, Chủ tịch HĐND tỉnh chủ trì.\n\nThanh Phúc")},
 {"id": "cb-paper", "outlet": "baocaobang", "url": "https://baocaobang.example.vn/cong-bo-quyet-dinh-ve-cong-tac-can-bo-5521",
  "title": "Hội nghị công bố quyết định về công tác cán bộ", "published": "2025-08-12T11:00",
  "text": ("Hội nghị công bố quyết định về công tác cán bộ\n\nSáng 12/8, Tỉnh ủy Cao Bằng tổ chức hội nghị công bố "
           "quyết định của Ban Bí thư về công tác cán bộ. Theo đó, Ban Bí thư điều động ông Hà Minh Quyết, Phó Vụ trưởng "
           "Ban Tổ chức Trung ương, giữ chức Phó Bí thư Tỉnh ủy Cao Bằng nhiệm kỳ 2025 - 2030. Đồng chí Lục Văn Tâm, "
           "Phó Trưởng Ban Tổ chức Trung ương dự hội nghị.\n\nNông Thủy")},
 {"id": "cb-national", "outlet": "tinviet24", "url": "https://tinviet24.example.vn/ong-ha-minh-quyet-lam-pho-bi-thu-cao-bang-81001.html",
  "title": "Ông Hà Minh Quyết làm Phó bí thư Tỉnh ủy Cao Bằng", "published": "2025-08-12T12:30",
  "text": ("Ông Hà Minh Quyết làm Phó bí thư Tỉnh ủy Cao Bằng\n\nSáng 12/8, Phó trưởng Ban Tổ chức Trung ương Lục Văn Tâm "
           "trao quyết định tại lễ công bố quyết định của Ban Bí thư điều động ông Hà Minh Quyết về Cao Bằng làm Phó bí thư Tỉnh ủy.\n\n"
           "Ông Quyết 46 tuổi, quê Tuyên Quang, có 12 năm công tác tại Ban Tổ chức Trung ương.\n\nĐức Minh")},
 {"id": "cb-meeting", "outlet": "baocaobang", "url": "https://baocaobang.example.vn/pho-bi-thu-tinh-uy-lam-viec-voi-so-nong-nghiep-5530",
  "title": "Phó Bí thư Tỉnh ủy làm việc với Sở Nông nghiệp và Môi trường", "published": "2025-08-12T19:00",
  "text": ("Phó Bí thư Tỉnh ủy làm việc với Sở Nông nghiệp và Môi trường\n\nChiều 12/8, đồng chí Hà Minh Quyết, Phó Bí thư "
           "Tỉnh ủy Cao Bằng làm việc với Sở Nông nghiệp và Môi trường về tiến độ trồng rừng và phòng chống sạt lở.\n\n"
           "Nông Thủy")},
]}

ELECTIONS = [
    {"id": "db-2024", "outlet": "baodienbien", "url": "https://baodienbien.example.vn/bau-chu-tich-ubnd-tinh-2024",
     "title": "Ông Tống Văn Lực được bầu làm Chủ tịch UBND tỉnh Điện Biên", "published": "2024-05-20T16:00",
     "text": ("Ông Tống Văn Lực được bầu làm Chủ tịch UBND tỉnh Điện Biên\n\nChiều 20/5, tại kỳ họp thứ 17 HĐND tỉnh "
              "Điện Biên khóa XV, ông Tống Văn Lực, Phó Bí thư Tỉnh ủy, được bầu giữ chức Chủ tịch UBND tỉnh Điện Biên "
              "với 50/50 đại biểu có mặt tán thành.\n\nQuỳnh Anh")},
    {"id": "lc-2025", "outlet": "baolaichau", "url": "https://baolaichau.example.vn/bau-chu-tich-ubnd-tinh-2025",
     "title": "Ông Tống Văn Lực được bầu làm Chủ tịch UBND tỉnh Lai Châu", "published": "2025-10-20T16:30",
     "text": ("Ông Tống Văn Lực được bầu làm Chủ tịch UBND tỉnh Lai Châu\n\nChiều 20/10, tại kỳ họp thứ 29 HĐND tỉnh "
              "Lai Châu khóa XV, ông Tống Văn Lực, nguyên Chủ tịch UBND tỉnh Điện Biên, Phó Bí thư Tỉnh ủy Lai Châu, "
              "được bầu giữ chức Chủ tịch UBND tỉnh Lai Châu với 47/47 đại biểu có mặt tán thành.\n\nMinh Châu")},
    {"id": "sl-2025", "outlet": "baosonla", "url": "https://baosonla.example.vn/bau-chu-tich-ubnd-tinh-2025",
     "title": "Ông Lường Văn Khiêm được bầu làm Chủ tịch UBND tỉnh Sơn La", "published": "2025-10-20T17:10",
     "text": ("Ông Lường Văn Khiêm được bầu làm Chủ tịch UBND tỉnh Sơn La\n\nChiều 20/10, tại kỳ họp thứ 29 HĐND tỉnh "
              "Sơn La khóa XV, ông Lường Văn Khiêm, Phó Bí thư Tỉnh ủy, được bầu giữ chức Chủ tịch UBND tỉnh Sơn La "
              "với 55/55 đại biểu có mặt tán thành.\n\nHà Vy")},
]

# Two leaders at two happenings of one day: a bridge opening and a factory ground-breaking;
# two appointees announced by the same two Party officials.
SAME_LEADERS = [
    {"id": "n1a", "outlet": "baovinhlong", "url": "https://baovinhlong.example.vn/n1a.html", "title": "Khánh thành cầu Hòa Lộc nối hai bờ sông Cổ Chiên", "published": "2025-09-02T11:00", "text": "Khánh thành cầu Hòa Lộc nối hai bờ sông Cổ Chiên\n\nSáng 2/9, UBND tỉnh Vĩnh Long tổ chức lễ khánh thành cầu Hòa Lộc, công trình chào mừng 80 năm Quốc khánh. Dự lễ có đồng chí Trần Văn Quảng, Bí thư Tỉnh ủy và đồng chí Lữ Thanh Bình, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh.\n\nCầu dài 1.240 m, tổng vốn đầu tư 1.150 tỷ đồng, rút ngắn hơn 40 km đường vòng cho người dân hai bên sông.\n\nNgọc Hân"},
    {"id": "n1c", "outlet": "tinviet24", "url": "https://tinviet24.example.vn/n1c.html", "title": "Vĩnh Long thông xe cầu hơn 1.100 tỷ đồng", "published": "2025-09-02T14:20", "text": "Vĩnh Long thông xe cầu hơn 1.100 tỷ đồng\n\nCầu Hòa Lộc bắc qua sông Cổ Chiên được đưa vào sử dụng sáng 2/9, sau hai năm thi công.\n\nBí thư Tỉnh ủy Vĩnh Long Trần Văn Quảng và Chủ tịch UBND tỉnh Lữ Thanh Bình cắt băng thông xe. Công trình dài 1.240 m, vốn 1.150 tỷ đồng.\n\nHoài Thanh"},
    {"id": "n1b", "outlet": "vinhlong-portal", "url": "https://vinhlong-portal.example.vn/n1b.html", "title": "Khởi công nhà máy chế biến trái cây xuất khẩu", "published": "2025-09-02T18:30", "text": "Khởi công nhà máy chế biến trái cây xuất khẩu\n\nNgày 2/9, tại xã Long Hồ, Công ty cổ phần Nông sản Mekong Xanh tổ chức lễ khởi công nhà máy chế biến trái cây xuất khẩu công suất 50.000 tấn mỗi năm. Đồng chí Trần Văn Quảng, Bí thư Tỉnh ủy và đồng chí Lữ Thanh Bình, Chủ tịch UBND tỉnh Vĩnh Long dự và thực hiện nghi thức khởi công.\n\nNhà máy có tổng vốn đầu tư 620 tỷ đồng, dự kiến tạo việc làm cho 800 lao động.\n\nPhương Nghi"},
    {"id": "n3a", "outlet": "baoquangtri", "url": "https://baoquangtri.example.vn/n3a.html", "title": "Công bố quyết định chỉ định Bí thư Đảng ủy phường Đông Hà", "published": "2025-10-02T10:40", "text": "Công bố quyết định chỉ định Bí thư Đảng ủy phường Đông Hà\n\nNgày 2/10, Ban Thường vụ Tỉnh ủy Quảng Trị tổ chức hội nghị công bố quyết định chỉ định đồng chí Hồ Sỹ Nguyên, Phó Giám đốc Sở Nội vụ, giữ chức Bí thư Đảng ủy phường Đông Hà. Đồng chí Lê Văn Thành, Phó Bí thư Thường trực Tỉnh ủy và đồng chí Phan Hữu Lộc, Trưởng Ban Tổ chức Tỉnh ủy dự và trao quyết định.\n\nThu Trang"},
    {"id": "n3b", "outlet": "tinviet24", "url": "https://tinviet24.example.vn/n3b.html", "title": "Trao quyết định điều động Giám đốc Sở Xây dựng", "published": "2025-10-02T16:10", "text": "Trao quyết định điều động Giám đốc Sở Xây dựng\n\nNgày 2/10, Ban Thường vụ Tỉnh ủy Quảng Trị tổ chức hội nghị công bố quyết định điều động đồng chí Nguyễn Văn Tài, Bí thư Huyện ủy Gio Linh (cũ), giữ chức Giám đốc Sở Xây dựng. Đồng chí Lê Văn Thành, Phó Bí thư Thường trực Tỉnh ủy và đồng chí Phan Hữu Lộc, Trưởng Ban Tổ chức Tỉnh ủy trao quyết định.\n\nQuang Hiếu"},
]


@pytest.fixture(scope="module")
def extracted():
    """Each article's extraction, once (the pipeline is pure: text in, facts out)."""
    out = {}
    for a in [*ARTICLES.values(), *ELECTIONS, *SAME_LEADERS]:
        out[a["id"]] = nlp.extract({k: a[k] for k in ("id", "url", "title", "published", "text")})
    return out


def _clusters_after_saving(path, articles, extracted) -> dict[str, str | None]:
    db = store.connect(path)
    ids = {}
    for a in articles:
        aid, outcome, _ = store.save_article(db, {k: a[k] for k in ("id", "url", "title", "published", "text")},
                                             source=a["outlet"])
        assert outcome == "stored"
        store.save_extraction(db, aid, extracted[a["id"]])
        ids[a["id"]] = aid
    keys = {i: store.article_cluster_key(db, aid) for i, aid in ids.items()}
    db.close()
    return keys


def _partition(keys: dict[str, str | None]) -> set[frozenset]:
    groups: dict[str, set] = {}
    for article, key in keys.items():
        assert key is not None, f"{article} has no cluster"
        groups.setdefault(key, set()).add(article)
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize(("ids", "expected"), [
    # The paper never names its province ("Chủ tịch UBND tỉnh"); the national outlet does and
    # gives the decision's bare number ("Quyết định 1532").
    (["dt-paper", "dt-national"], {frozenset({"dt-paper", "dt-national"})}),
    # Morning opening and afternoon closing of one numbered session ("thứ 8" = "thứ Tám", the
    # portal page has no date); the next day's session 9, same chair, is another happening.
    (["tq-paper", "tq-portal", "tq-next"], {frozenset({"tq-paper", "tq-portal"}), frozenset({"tq-next"})}),
    # The announcement conference and the national report of the decision the same morning, the
    # same two officials, no document number; the new deputy secretary's afternoon meeting apart.
    (["cb-paper", "cb-national", "cb-meeting"], {frozenset({"cb-paper", "cb-national"}), frozenset({"cb-meeting"})}),
    # One official elected chairman of two provinces (2024, 2025); two provinces the same day.
    (["db-2024", "lc-2025", "sl-2025"], {frozenset({"db-2024"}), frozenset({"lc-2025"}), frozenset({"sl-2025"})}),
    # The same two leaders, one day, one province: the same people alone do not make one happening
    # when the figures differ or each announcement names its own appointee.
    (["n1a", "n1c", "n1b"], {frozenset({"n1a", "n1c"}), frozenset({"n1b"})}),
    (["n3a", "n3b"], {frozenset({"n3a"}), frozenset({"n3b"})}),
])
def test_a_happening_is_one_cluster_in_every_saving_order(tmp_path, extracted, ids, expected):
    pool = {**ARTICLES, **{a["id"]: a for a in [*ELECTIONS, *SAME_LEADERS]}}
    for n, order in enumerate(itertools.permutations(ids)):
        keys = _clusters_after_saving(tmp_path / f"order{n}.db", [pool[i] for i in order], extracted)
        assert _partition(keys) == expected, f"saving order {order}"


def test_a_bare_document_number_matches_its_full_form_and_only_it():
    assert clusters._documents(["Quyết định 1532"], ["1532/QĐ-UBND"]) == 1.0
    assert clusters._documents(["1532"], ["1532/QĐ-UBND", "88/NQ-HĐND"]) == 1.0
    assert clusters._documents(["1532/QĐ-UBND"], ["1533/QĐ-UBND"]) == 0.0
    assert clusters._documents(["1532/QĐ-UBND"], ["1532/QĐ-TTg"]) == 0.0  # two issuers, two documents
    assert clusters._documents([], ["1532"]) is None


@pytest.mark.parametrize(("text", "number"), [
    ("Bế mạc Kỳ họp thứ Tám HĐND tỉnh khóa XIX", ("ky hop", 8)),
    ("Sáng 4/11, HĐND tỉnh tổ chức kỳ họp thứ 8 (chuyên đề)", ("ky hop", 8)),
    ("Đại hội đại biểu Đảng bộ tỉnh lần thứ I, nhiệm kỳ 2025 - 2030", ("dai hoi", 1)),
    ("Thứ Sáu, ngày 7/11, tỉnh tổ chức hội nghị", None),  # a weekday is not a session
])
def test_session_numbers_read_digits_words_and_roman_numerals(text, number):
    assert clusters.session_number({"title": text}) == number


def test_different_session_numbers_are_two_happenings_even_a_day_apart():
    a = {"date": "2025-11-04", "province": "Tuyên Quang", "type": "council_session",
         "title": "Kỳ họp thứ 8 HĐND tỉnh", "officials": ["Vương Thị Hạnh"]}
    b = {"date": "2025-11-05", "province": "Tuyên Quang", "type": "council_session",
         "title": "Khai mạc kỳ họp thứ 9 HĐND tỉnh", "officials": ["Vương Thị Hạnh"]}
    score, reason = clusters.compare(a, b)
    assert score == 0.0 and reason.startswith("conflict")


def test_one_shared_leader_on_one_day_is_still_not_enough_outside_a_session():
    a = {"date": "2025-08-12", "province": "Cao Bằng", "type": "conference",
         "title": "Hội nghị công bố quyết định về công tác cán bộ", "officials": ["Hà Minh Quyết"]}
    b = {"date": "2025-08-12", "province": "Cao Bằng", "type": "conference",
         "title": "Hội nghị triển khai nhiệm vụ trồng rừng", "officials": ["Hà Minh Quyết"]}
    assert clusters.compare(a, b)[0] < clusters.THRESHOLD


def test_the_person_a_personnel_sentence_is_about():
    assert clusters.appointee({"summary": "Ban Thường vụ Tỉnh ủy công bố quyết định chỉ định đồng chí Hồ Sỹ Nguyên, "
                               "Phó Giám đốc Sở Nội vụ, giữ chức Bí thư Đảng ủy phường",
                               "officials": ["Lê Văn Thành", "Hồ Sỹ Nguyên"]}) == "ho sy nguyen"
    assert clusters.appointee({"summary": "Ông Tống Văn Lực, Phó Bí thư Tỉnh ủy, được bầu giữ chức Chủ tịch UBND tỉnh",
                               "officials": ["Tống Văn Lực"]}) == "tong van luc"
    assert clusters.appointee({"summary": "Hội nghị sơ kết công tác dân vận", "officials": ["Tống Văn Lực"]}) is None
