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
    # a body or a document named "Thanh tra" is not an inspection
    ("Thanh tra tỉnh Yên Bái ban hành kết luận thanh tra về đất đai",
     "Ngày 2/10, Chánh Thanh tra tỉnh đã ký Kết luận thanh tra số 21/KL-TTr.", "issuance"),
    ("Đoàn thanh tra làm việc tại huyện Trạm Tấu", "Đoàn thanh tra của Sở Tài chính kiểm tra hồ sơ.", "inspection"),
    # an interview told by its question-and-answer form
    ("Người giữ lửa văn hóa Mông", "Nhân dịp Ngày hội văn hóa sắp diễn ra, phóng viên Báo Yên Bái trò chuyện "
     "với nghệ nhân Giàng A Tủa.\n\n- Thưa ông, ông học khèn từ khi nào?\n\n- Từ năm 10 tuổi.\n\n"
     "- Xin cảm ơn ông!", "interview"),
    ("Xã vùng cao trồng quế thoát nghèo", "Trao đổi với phóng viên, ông Vàng A Sử cho biết xã đã trồng 200 ha "
     "quế.\n* Thưa ông, đầu ra của cây quế thế nào?\n- Đã có doanh nghiệp bao tiêu.\n* Xin cảm ơn ông!",
     "interview"),
    # a decision recalled after the first paragraph is context of other news; declaring an epidemic is no rite
    ("Dịch tả lợn châu Phi lan rộng", "Từ đầu tháng 7 đến nay, dịch tả lợn châu Phi đã xuất hiện tại 14 thôn "
     "của 3 xã vùng cao, làm hơn 600 con lợn chết hoặc phải tiêu hủy.\nNhiều hộ chăn nuôi nhỏ lẻ chưa tiêm "
     "phòng đầy đủ.\nUBND huyện đã ban hành Quyết định số 88/QĐ-UBND ngày 2/8/2024 công bố dịch tại 3 xã.",
     "other"),
    # a decision in the second paragraph backs a figure, it is not the news
    ("Tỷ lệ che phủ rừng của huyện đạt 62%", "Kết quả kiểm kê rừng cuối năm cho thấy tỷ lệ che phủ rừng toàn "
     "huyện đạt 62%, tăng 1,2% so với năm trước và vượt chỉ tiêu.\n\nNgày 12/1, UBND huyện đã ban hành Quyết "
     "định số 30/QĐ-UBND công nhận kết quả kiểm kê.", "other"),
    ("Hơn 500 hộ dân có nhà mới", "Đến nay, toàn huyện đã hoàn thành 512 căn nhà cho hộ nghèo vùng cao, "
     "vượt kế hoạch đề ra.\n\n" + "Người dân phấn khởi vì có nơi ở ổn định.\n\n" * 20
     + "Trước đó, đoàn đã kiểm tra một số công trình.", "other"),

    # decisions on people and their discipline are issuance; a body's name holds no event
    ("Một Phó Giám đốc Sở bị kỷ luật khiển trách",
     "Ngày 4-3, Ủy ban Kiểm tra Tỉnh ủy cho biết Ban Thường vụ Tỉnh ủy đã thi hành kỷ luật bằng hình thức "
     "khiển trách đối với ông Lò Văn Pánh.", "issuance"),
    ("Điều động, bổ nhiệm Giám đốc Sở Tài chính",
     "Chủ tịch UBND tỉnh trao quyết định, tặng hoa chúc mừng tân Giám đốc Sở Tài chính.", "issuance"),
    ("Chủ tịch tỉnh Hà Giang làm Phó Bí thư Tuyên Quang",
     "Ông Nguyễn Văn Sơn được Bộ Chính trị điều động, chỉ định giữ chức Phó Bí thư Tỉnh ủy Tuyên Quang.",
     "issuance"),
    (None, "Ngày 25/3, UBND tỉnh ban hành kế hoạch tổ chức lễ khởi công và khánh thành 3 công trình chào mừng "
     "ngày giải phóng tỉnh.", "issuance"),
    # a conference whose title names what it reviews
    ("Hội nghị tổng kết công tác thanh tra năm 2025", "Sáng 8/1, Thanh tra tỉnh tổ chức hội nghị tổng kết.",
     "conference"),
    # the training once named, "Hội nghị" speaks of it
    (None, "Vừa qua, Sở Nội vụ tổ chức Hội nghị tập huấn nghiệp vụ cho cán bộ xã.\n\nTham dự Hội nghị có 120 "
     "cán bộ.\n\nTại Hội nghị, giảng viên giới thiệu 3 chuyên đề.", "training"),
    (None, "Ngày 9/10, Sở tổ chức Hội nghị trực tuyến tập huấn công tác thông tin đối ngoại.", "training"),
    # what is being prepared or checked on is not what happened
    ("Bí thư Huyện ủy kiểm tra công tác chuẩn bị tổ chức Lễ kỷ niệm 50 năm giải phóng huyện",
     "Sáng 18/4, Bí thư Huyện ủy đi kiểm tra công tác chuẩn bị Lễ kỷ niệm tại quảng trường.", "inspection"),
    (None, "Để chuẩn bị cho kỳ họp thứ Mười, Đoàn đại biểu Quốc hội tỉnh tổ chức tiếp xúc cử tri tại 5 xã.",
     "meeting"),
    ("Họp Ban Tổ chức Đại hội các dân tộc thiểu số huyện",
     "Chiều 3/5, Ban Tổ chức Đại hội tổ chức họp để thống nhất nội dung đại hội.", "meeting"),
    # the act a title names first is the news; a side event ("Dịp này") weighs little
    ("Phó Chủ tịch UBND tỉnh kiểm tra tiến độ dự án cầu và tặng quà công nhân",
     "Tại công trường, Phó Chủ tịch UBND tỉnh nghe báo cáo tiến độ thi công.\n\nDịp này, Phó Chủ tịch UBND "
     "tỉnh thăm hỏi, động viên và tặng quà cho công nhân.", "inspection"),
    # gifts handed out are a visit; a festival named by its proper name holds no ceremony
    (None, "Thay mặt lãnh đạo tỉnh, Chủ tịch UBND tỉnh trao tặng 30 suất quà cho hộ nghèo tại xã.", "visit"),
    (None, "Tỉnh quan tâm tổ chức các lễ Sene Dolta, Chôl Chnăm Thmây cho đồng bào.\n\n"
     "Hôm 9/4, Phó Chủ tịch Ủy ban Trung ương MTTQ Việt Nam đã có buổi làm việc với tỉnh.", "meeting"),
    ("Tổng kết công tác kiểm tra, giám sát năm 2025", "Sáng 9/1, Ủy ban Kiểm tra Huyện ủy tổ chức tổng kết.",
     "conference"),
    # a sector named for inspection, inspections counted or planned in the plural, are no inspection held
    ("Ngành Thanh tra tổng kết năm 2025",
     "Ngày 6-1, Bộ trưởng chủ trì hội nghị tổng kết công tác năm 2025 của ngành Thanh tra. Trong năm, toàn "
     "ngành triển khai 5.120 cuộc thanh tra, kiểm tra.", "conference"),
    # a Party commission's "kỳ họp" is no council session; its discipline decision is the news
    ("Kỷ luật khiển trách một Trưởng phòng",
     "Ngày 5-4, Ủy ban Kiểm tra Tỉnh ủy cho biết, tại kỳ họp thứ 12, Ủy ban đã quyết định thi hành kỷ luật "
     "bằng hình thức khiển trách đối với ông Vi Văn Sáng.", "issuance"),
    # talks with a foreign guest on the occasion of a visit are a meeting
    (None, "Chiều 9/5, tại Hà Nội, Phó Thủ tướng hội đàm với Bộ trưởng Ngoại giao Lào nhân chuyến thăm chính "
     "thức Việt Nam của ông.", "meeting"),
    # wreaths and incense for the fallen are a ceremony
    ("Đoàn đại biểu tỉnh dâng hoa, tưởng niệm các anh hùng liệt sĩ",
     "Sáng 26-7, đoàn đại biểu tỉnh đến dâng hoa, thắp hương tại Nghĩa trang liệt sĩ tỉnh.", "ceremony"),
    # a title quoting an office holder, over no event, is what he told the paper
    ("GIÁM ĐỐC SỞ NỘI VỤ HÀ VĂN THẮNG: CẢI CÁCH HÀNH CHÍNH PHẢI LẤY NGƯỜI DÂN LÀM TRUNG TÂM",
     "Năm qua, Sở Nội vụ đã tham mưu nhiều văn bản về cải cách hành chính.", "interview"),
    # "Hội nghị cũng công bố quyết định": the announcement is a conference's
    (None, "Sáng 5/11, Tỉnh ủy công bố quyết định chuẩn y Phó Bí thư Tỉnh ủy.\n\nHội nghị cũng công bố quyết "
     "định chuẩn y Ủy viên Ban Thường vụ.", "conference"),
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


def _main_event(text, title=None, published=None):
    """The main event as the pipeline computes it, with the real date, document and province finders."""
    from nlp.dates import find_dates
    from nlp.documents import find_documents
    from nlp.events import find_events
    from nlp.provinces import find_provinces

    docs = find_documents(text, published)
    dates = [d for d in find_dates(text, published) if d.kind in ("full", "day_month", "relative", "weekday")]
    for d in dates:
        d.in_document = any(doc.start <= d.start < doc.end for doc in docs)
    provinces = [p for p in find_provinces(text) if p.counted]
    return find_events(text, title, dates, docs, provinces, [], published)[0]


@pytest.mark.parametrize("title,text,expected", [
    # a trigger in a clause describing a habit is not an event
    ("Những tấm lòng nơi biên giới",
     "Mỗi tháng, các chiến sĩ đều thường xuyên đến thăm hỏi các cụ già neo đơn trong bản, giúp bà con sửa nhà.",
     "other"),
    ("Những tấm lòng nơi biên giới",
     "Sáng 2/3, các chiến sĩ đã đến thăm hỏi các cụ già neo đơn trong bản, giúp bà con sửa nhà.", "visit"),
])
def test_habits_are_not_events(title, text, expected):
    assert classify(title, text)[0] == expected


def test_an_old_document_recalled_in_the_lead_is_not_the_news():
    from nlp.documents import find_documents

    title = "Quốc hội thảo luận về dự án Luật Địa chất và Khoáng sản"
    text = ("Sáng 8/11, tiếp tục Kỳ họp thứ 6, Quốc hội thảo luận về dự án luật. Năm ngoái, Chính phủ đã ban "
            "hành Nghị định số 45/2023/NĐ-CP ngày 1/7/2023 hướng dẫn và phê duyệt đề án thăm dò.")
    published = "2023-11-08"
    plain = classify(title, text)[1]  # without the documents' dates the old issuance weighs as the session
    assert plain["issuance"] >= plain["council_session"]
    assert classify(title, text, find_documents(text, published), published)[0] == "council_session"
    main = _main_event(text, title, published)
    assert (main.type, main.date) == ("council_session", "2023-11-08")


@pytest.mark.parametrize("intro,province", [
    ("Phóng viên Báo Nông thôn có cuộc trao đổi với ông Hà Văn Lợi, Giám đốc Sở Nông nghiệp tỉnh Yên Bái, "
     "về chuyển đổi cây trồng.", None),
    ("Phóng viên Báo Nông thôn có cuộc trao đổi với ông Hà Văn Lợi, Giám đốc Sở Nông nghiệp tỉnh Yên Bái, "
     "tại trụ sở Sở.", "Yên Bái"),
])
def test_an_interview_is_placed_only_where_it_was_held(intro, province):
    text = intro + "\n\nPV: Thưa ông, kết quả ra sao?\n\nÔng Hà Văn Lợi: Yên Bái đã chuyển đổi 500 ha ngô."
    main = _main_event(text, None, "2024-05-02")
    assert (main.type, main.province) == ("interview", province)


@pytest.mark.parametrize("text,date", [
    ("Rét đậm kéo dài ở vùng cao\n\nDo ảnh hưởng của không khí lạnh, từ ngày 3 - 6/1/2024, nhiều xã vùng cao "
     "tỉnh Hà Giang có băng giá, làm chết hơn 300 con gia súc của người dân.", "2024-01-03"),
    ("Giảm nghèo vùng cao\n\nTính đến ngày 30/9/2024, toàn tỉnh Hà Giang có thêm 2.100 hộ đồng bào thoát "
     "nghèo, vượt chỉ tiêu đề ra cho cả năm.", None),
    ("Giảm nghèo vùng cao\n\nThực hiện Kế hoạch số 88/KH-UBND ngày 2/3/2024 của UBND tỉnh Hà Giang, nhiều xã "
     "đã hỗ trợ bò giống cho hộ nghèo trong năm nay.", None),
    # a cut-off hour is a tally's date, not when the happening began
    ("Mưa lũ ở vùng cao\n\nĐến 6 giờ sáng ngày 12/7/2024, mưa lũ đã làm sạt lở 40 điểm trên các tuyến "
     "đường của tỉnh Hà Giang, nhiều thôn bị chia cắt.", None),
    ("Mưa lũ ở vùng cao\n\nTới 16h30 ngày 12/7/2024, nước sông Lô vẫn dâng cao, tỉnh Hà Giang sơ tán "
     "hàng trăm hộ dân.", None),
])
def test_a_happening_is_dated_by_its_lead_sentence(text, date):
    main = _main_event(text, None, "2024-10-15")
    assert (main.type, main.date) == ("other", date)


@pytest.mark.parametrize("text,published,date", [
    # an interview's date is never after publication: a later date is the event it talks about
    ("Nhân dịp Hội nghị biểu dương sẽ diễn ra ngày 20/5, phóng viên trao đổi với ông Lò Văn Sơn, Trưởng "
     "Ban Dân tộc tỉnh.\n\n- Thưa ông, kết quả ra sao?\n\n- Rất khả quan.", "2024-05-18", None),
    ("Chiều 16/5, phóng viên trao đổi với ông Lò Văn Sơn, Trưởng Ban Dân tộc tỉnh.\n\n- Thưa ông, kết quả "
     "ra sao?\n\n- Rất khả quan.", "2024-05-18", "2024-05-16"),
])
def test_an_interview_is_dated_only_by_a_past_day(text, published, date):
    main = _main_event(text, None, published)
    assert (main.type, main.date) == ("interview", date)


def test_a_session_reported_at_its_close_is_dated_by_its_opening():
    text = ("Chiều 14/7/2022, HĐND tỉnh Sơn La khóa XV đã bế mạc kỳ họp thứ 5 sau 3 ngày làm việc. "
            "Kỳ họp khai mạc vào sáng ngày 12/7/2022 tại Hội trường tỉnh.")
    main = _main_event(text, None, "2022-07-14")
    assert (main.type, main.date) == ("council_session", "2022-07-12")


@pytest.mark.parametrize("title,text,province", [
    # the title names no province: the lead sentence that reports the visit does
    (None, "Chủ tịch UBND tỉnh thăm hỏi bà con vùng lũ\nSáng 3/9, ông Trần Văn Hòa, Chủ tịch UBND tỉnh Yên "
     "Bái đã đến thăm hỏi các hộ dân bị lũ cuốn trôi nhà ở xã Púng Luông.", "Yên Bái"),
    # "TP.HCM" in a title is one sentence, not two
    (None, "TP.HCM: Trao quà cho học sinh dân tộc\n\nSáng 2/9, đoàn đến thăm và trao quà cho học sinh.",
     "Hồ Chí Minh"),
    # online public services are a topic; an online conference has no single place
    (None, "Sáng 5/3, Sở Nội vụ tỉnh Tuyên Quang mở lớp tập huấn dịch vụ công trực tuyến cho công chức xã. "
     "Nhiều học viên đến từ khu vực Hà Giang cũ.", "Tuyên Quang"),
    (None, "Sáng 5/3, Sở Nội vụ tỉnh Tuyên Quang dự hội nghị trực tuyến tập huấn về dịch vụ công. "
     "Nhiều học viên đến từ khu vực Hà Giang cũ.", None),
    # the province closing the venue's address, not the guests' province
    (None, "Chiều 4/4, Thứ trưởng Bộ Y tế làm việc với đoàn công tác tỉnh Hà Giang tại trụ sở Bộ (số 138A "
     "Giảng Võ, Hà Nội) về y tế cơ sở.", "Hà Nội"),
    # held abroad: no province, though the organizer's is named; a Vietnamese venue stays
    (None, "Sáng 12/6, tại thủ đô Viêng Chăn (Lào), UBND tỉnh Điện Biên tổ chức lễ trao tặng nhà văn hóa cho "
     "bản Huội Sọt.", None),
    (None, "Sáng 12/6, tại tỉnh Điện Biên, đoàn công tác tỉnh Luông Pha Băng (Lào) dự lễ trao tặng nhà văn "
     "hóa cho bản Huội Sọt.", "Điện Biên"),
    # an online conference across many places is not placed where one connected site reports
    (None, "Sáng 9/1, Bộ Tư pháp tổ chức hội nghị trực tuyến tổng kết công tác năm, kết nối tới các điểm cầu "
     "địa phương.\nTại điểm cầu tỉnh Gia Lai, Giám đốc Sở Tư pháp báo cáo kết quả.", None),
    # a decision of the Prime Minister is not placed in the province it concerns
    (None, "Thủ tướng Chính phủ vừa ký Quyết định số 77/QĐ-TTg ngày 3/2/2024 công nhận thị xã Nghĩa Lộ, "
     "tỉnh Yên Bái hoàn thành nhiệm vụ xây dựng nông thôn mới.", None),
])
def test_the_main_event_is_placed_by_its_own_sentences(title, text, province):
    assert _main_event(text, title, "2024-09-03").province == province


def test_a_visit_named_in_the_title_is_dated_by_its_lead_sentence():
    text = ("Lãnh đạo huyện thăm hỏi người dân vùng sạt lở\nMưa lớn từ đêm 5 rạng sáng 6/9 làm sạt lở 3 ngôi nhà. "
            "Chiều 6/9, ông Lò Văn Pấng, Chủ tịch UBND huyện đã đến thăm hỏi các hộ dân.")
    main = _main_event(text, None, "2024-09-07")
    assert (main.type, main.date) == ("visit", "2024-09-06")


@pytest.mark.parametrize("text,date", [
    # a tally whose first paragraph states no date: a date in a later paragraph dates a side event
    ("Lượng khách tăng mạnh\nTheo thống kê của ngành du lịch tỉnh Hà Giang, trong 9 tháng năm 2024 toàn tỉnh "
     "đón 2,4 triệu lượt khách, tăng 12% so với cùng kỳ.\nRiêng Lễ hội hoa tam giác mạch diễn ra từ ngày "
     "10/10/2024 đến ngày 20/10/2024 đã đón 150.000 lượt khách.", None),
])
def test_a_tally_is_dated_only_by_its_first_paragraph(text, date):
    main = _main_event(text, None, "2024-10-25")
    assert (main.type, main.date) == ("other", date)


def test_an_event_undated_in_the_lead_is_dated_where_the_text_says_it_was_held():
    text = ("Khảo sát mô hình nuôi cá lồng tại huyện Quỳnh Nhai\nĐoàn khảo sát của Sở Nông nghiệp tỉnh Sơn La "
            "đã khảo sát mô hình nuôi cá lồng trên lòng hồ thủy điện của các hợp tác xã.\n"
            + "Các hợp tác xã đề nghị hỗ trợ con giống và thức ăn cho vụ nuôi tới.\n" * 10
            + "Đợt khảo sát được tiến hành trong ngày 14/8/2019, trước khi mùa mưa lũ bắt đầu.")
    main = _main_event(text, None, None)
    assert (main.type, main.date, main.province) == ("inspection", "2019-08-14", "Sơn La")


@pytest.mark.parametrize("text,province", [
    # a unit marked former is not where a post-merger event took place; the unit it is now is
    ("Sáng 12/11, tại xã Mai Hạ, tỉnh Hòa Bình (cũ), nay là tỉnh Phú Thọ, Sở Nội vụ tổ chức lớp tập huấn "
     "cho cán bộ xã.", "Phú Thọ"),
    ("Sáng 12/11, Sở Tư pháp tổ chức lớp tập huấn tại xã Long Điền, Bà Rịa - Vũng Tàu (cũ), nay thuộc "
     "TP. Hồ Chí Minh.", "Hồ Chí Minh"),
    ("Sáng 12/11, tại phường Long Hương, tỉnh Bà Rịa - Vũng Tàu (cũ), Sở Nội vụ tổ chức lớp tập huấn.", None),
    # a mark closing a list covers every unit of it; the province the delegation comes from remains
    ("Sáng 2-9, đoàn đại biểu TP Hồ Chí Minh dâng hoa tại nghĩa trang liệt sĩ ở Long An và Tây Ninh (cũ). Đoàn "
     "do Phó Bí thư Thành ủy TP Hồ Chí Minh làm trưởng đoàn.", "Hồ Chí Minh"),
    # a unit not marked former stays the place
    ("Sáng 12/11, tại xã Mai Hạ, tỉnh Phú Thọ, Sở Nội vụ tổ chức lớp tập huấn cho cán bộ xã.", "Phú Thọ"),
])
def test_a_former_province_is_not_the_place_of_a_post_merger_event(text, province):
    assert _main_event(text, None, "2025-11-13").province == province


def test_today_stays_the_date_of_the_event_being_prepared_for():
    text = ("Theo Hội Nông dân tỉnh, để chuẩn bị hội nghị đối thoại hôm nay, đơn vị đã lấy ý kiến của hội viên.\n"
            "Qua đó, hơn 50 kiến nghị được gửi tới Chủ tịch UBND tỉnh tại hội nghị.")
    main = _main_event(text, None, "2024-05-06")
    assert (main.type, main.date) == ("conference", "2024-05-06")


def test_a_day_planned_in_a_prepared_clause_does_not_date_the_meeting():
    text = ("Tại cuộc họp, Sở Văn hóa chuẩn bị các phần việc để tổ chức lễ kỷ niệm và các hoạt động xuyên suốt "
            "từ 15/8 đến 2/9.\nPhó Chủ tịch UBND tỉnh yêu cầu các sở khẩn trương hoàn thành.")
    main = _main_event(text, None, "2024-06-20")
    assert (main.type, main.date) == ("meeting", None)


@pytest.mark.parametrize("text", [
    "HỘI NGHỊ tổng kết; Lễ Khai Giảng lớp TẬP HUẤN, kiểm TRA công tác.",
    "İstanbul: đoàn công tác thăm và làm việc; Hội nghị trực tuyến",  # İ lowers to two characters
    "Ủy ban Kiểm tra Tỉnh ủy họp; BAN TỔ CHỨC ĐẠI HỘI làm việc",
])
def test_triggers_run_case_free_with_the_same_matches(text):
    from nlp import events as E
    low = E.lowered(text)
    for _, pattern in E._FAST:
        assert [m.span() for m in pattern.finditer(text, low)] == [m.span() for m in pattern.original.finditer(text)]
    assert any(p.fast is not None for _, p in E._FAST)  # the fast path is really taken
