"""The main event's type from title and lead: the spec's taxonomy as a table."""
import pytest

from nlp.events import classify

CASES = [
    ("Lớp tập huấn nghiệp vụ công tác dân tộc", "Khai mạc lớp học cho 70 học viên.", "training"),
    ("Hội nghị tập huấn chuyển đổi số", "Sáng nay, hội nghị tập huấn đã diễn ra.", "training"),
    ("Hội nghị sơ kết 5 năm thực hiện Chương trình", "Hội nghị đánh giá kết quả.", "conference"),
    ("Hội nghị công bố quyết định thành lập xã mới", "Tại hội nghị công bố quyết định…", "conference"),
    ("Khai mạc Kỳ họp thứ 12 HĐND tỉnh khóa XVI", "Kỳ họp xem xét 20 nghị quyết.", "council_session"),
    ("Phó Chủ tịch UBND tỉnh làm việc với huyện Mường La", "Tại buổi làm việc, huyện báo cáo.", "meeting"),
    ("Đoàn giám sát của HĐND tỉnh khảo sát tại xã", "Đoàn đã kiểm tra thực tế.", "inspection"),
    ("Lãnh đạo tỉnh thăm, tặng quà gia đình chính sách", "Đoàn đã đến thăm và tặng quà.", "visit"),
    ("CA tỉnh thăm, tặng quà chùa dịp lễ Sene Đôn Ta", "Nhân dịp lễ, đoàn đến thăm.", "visit"),
    ("Lễ khánh thành cầu dân sinh", "Sáng 5/3, lễ khánh thành đã diễn ra.", "ceremony"),
    ("Thủ tướng phê chuẩn kết quả bầu Chủ tịch UBND tỉnh", "Thủ tướng vừa ký Quyết định.", "issuance"),
    ("UBND tỉnh ban hành Kế hoạch thực hiện Chương trình", "UBND tỉnh vừa ban hành Kế hoạch số 12.", "issuance"),
    (None, "Ngày 14/01/2019, Chủ tịch UBND tỉnh đã ký Quyết định số 46/QĐ-UBND về việc công nhận xã.", "issuance"),
    ("Bí thư Tỉnh ủy trả lời phỏng vấn đầu xuân", "Phóng viên: Xin ông cho biết…", "interview"),
    ("Giá lúa tăng mạnh trong tháng", "Nông dân phấn khởi vì được mùa.", "other"),
    ("Công bố quyết định chỉ định Ban Chấp hành Đảng bộ xã",
     "Sáng nay, Ban Thường vụ Huyện ủy tổ chức hội nghị công bố quyết định về công tác cán bộ.", "conference"),
    ("Quốc hội thảo luận về dự án Luật Đất đai (sửa đổi)",
     "Chiều 2/11, tiếp tục chương trình Kỳ họp thứ 6, Quốc hội thảo luận ở hội trường.", "council_session"),
    ("Hơn 500 hộ dân có nhà mới", "Đến nay, toàn huyện đã hoàn thành 512 căn nhà cho hộ nghèo vùng cao, "
     "vượt kế hoạch đề ra.\n\n" + "Người dân phấn khởi vì có nơi ở ổn định.\n\n" * 20
     + "Trước đó, đoàn đã kiểm tra một số công trình.", "other"),
]


@pytest.mark.parametrize("title,lead,expected", CASES)
def test_main_event_type(title, lead, expected):
    assert classify(title, lead)[0] == expected


def test_a_national_session_is_not_placed_in_a_delegates_province():
    from nlp.events import find_events
    from nlp.provinces import find_provinces

    text = ("Sáng 5/11, tại Kỳ họp thứ 8, Quốc hội thảo luận về ngân sách. "
            "Đại biểu Nguyễn Văn Bình (Đoàn ĐBQH tỉnh Kon Tum) đề nghị tăng vốn cho vùng cao. "
            "Đại biểu Lê Thị Mai (Đoàn ĐBQH tỉnh Kon Tum) đồng tình.")
    provinces = [p for p in find_provinces(text) if p.counted]
    main = find_events(text, None, [], [], provinces, [], None)[0]
    assert main.type == "council_session"
    assert main.province is None


def test_the_organizing_body_places_a_training_not_the_trainees_former_unit():
    from nlp.events import find_events
    from nlp.provinces import find_provinces

    text = ("Từ ngày 3 đến 5/12, Sở Nội vụ thành phố Cần Thơ tổ chức lớp tập huấn cho cán bộ "
            "đến từ khu vực Hậu Giang trước đây.")
    provinces = [p for p in find_provinces(text) if p.counted]
    main = find_events(text, None, [], [], provinces, [], None)[0]
    assert (main.type, main.province) == ("training", "Cần Thơ")
