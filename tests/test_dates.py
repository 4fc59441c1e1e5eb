"""Rule table for nlp.dates: one row per date form, asserting kind, value and resolution."""
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.dates import dateline_spans, find_dates, full_dates, infer_context_year

PUB = dt.date(2025, 11, 13)  # a Thursday

# (text, published, context_year, expected [(mention text, kind, value)])
ROWS = [
    ("ngày 14/10/2021 của", PUB, None, [("14/10/2021", "full", "2021-10-14")]),
    ("ngày 14-10-2021", PUB, None, [("14-10-2021", "full", "2021-10-14")]),
    ("ngày 14.10.2021", PUB, None, [("14.10.2021", "full", "2021-10-14")]),
    ("ngày 14 tháng 10 năm 2021", PUB, None, [("14 tháng 10 năm 2021", "full", "2021-10-14")]),
    ("ngày 01/3/2018 của UBND", PUB, None, [("01/3/2018", "full", "2018-03-01")]),
    ("Sáng 4-4-2022, Ban Thường vụ", PUB, None, [("4-4-2022", "full", "2022-04-04")]),
    ("ngày 29-1-2021", PUB, None, [("29-1-2021", "full", "2021-01-29")]),
    ("ngày 14/10/21", PUB, None, [("14/10/21", "full", "2021-10-14")]),
    ("ngày 06/10, tại", dt.date(2020, 10, 7), None, [("06/10", "day_month", "2020-10-06")]),
    ("Sáng ngày 06/10, tại", None, 2020, [("06/10", "day_month", "2020-10-06")]),
    ("Sáng ngày 06/10, tại", None, None, [("06/10", "day_month", None)]),
    ("Sáng ngày 08/7 khai mạc", dt.date(2024, 7, 8), None, [("08/7", "day_month", "2024-07-08")]),
    ("hoạt động từ 1/7.", dt.date(2025, 6, 30), None, [("1/7", "day_month", "2025-07-01")]),
    ("ngày 28/12 vừa qua", dt.date(2025, 1, 3), None, [("28/12", "day_month", "2024-12-28")]),
    ("dự kiến ngày 3/1 tới", dt.date(2024, 12, 28), None, [("3/1", "day_month", "2025-01-03")]),
    ("ngày 30/4 và 1/5", PUB, None, [("30/4", "day_month", "2025-04-30"), ("1/5", "day_month", "2025-05-01")]),
    ("dự kiến ngày 15/1", PUB, None, [("15/1", "day_month", "2026-01-15")]),
    ("ngày 13/11 và 14/11", PUB, None, [("13/11", "day_month", "2025-11-13"), ("14/11", "day_month", "2025-11-14")]),
    ("Hôm nay (13/11), đoàn", PUB, None, [("Hôm nay", "relative", "2025-11-13"), ("13/11", "day_month", "2025-11-13")]),
    ("còn 3/9 và 4/5 nhóm", PUB, None, []),
    ("từ ngày 13 đến 14/11 các học viên", PUB, None,
     [("13", "day_month", "2025-11-13"), ("14/11", "day_month", "2025-11-14")]),
    ("từ ngày 13 đên 14/11 các học viên", PUB, None,
     [("13", "day_month", "2025-11-13"), ("14/11", "day_month", "2025-11-14")]),
    ("trong 2 ngày 13-14/11", PUB, None, [("13", "day_month", "2025-11-13"), ("14/11", "day_month", "2025-11-14")]),
    ("vào ngày 24 và 25-6", dt.date(2025, 6, 20), None,
     [("24", "day_month", "2025-06-24"), ("25-6", "day_month", "2025-06-25")]),
    ("từ 13/11 đến 15/11/2025", None, None,
     [("13/11", "day_month", "2025-11-13"), ("15/11/2025", "full", "2025-11-15")]),
    ("từ 28/12 đến 3/1/2025", None, None,
     [("28/12", "day_month", "2024-12-28"), ("3/1/2025", "full", "2025-01-03")]),
    ("hội nghị đối thoại hôm nay", PUB, None, [("hôm nay", "relative", "2025-11-13")]),
    ("chiều nay, đoàn công tác", PUB, None, [("chiều nay", "relative", "2025-11-13")]),
    ("sáng nay", PUB, None, [("sáng nay", "relative", "2025-11-13")]),
    ("hôm qua", PUB, None, [("hôm qua", "relative", "2025-11-12")]),
    ("ngày mai", PUB, None, [("ngày mai", "relative", "2025-11-14")]),
    ("hôm nay", None, None, [("hôm nay", "relative", None)]),
    ("Sáng thứ Hai, đoàn đến", PUB, None, [("thứ Hai", "weekday", "2025-11-10")]),
    ("vào Chủ nhật tuần này", PUB, None, [("Chủ nhật", "weekday", "2025-11-16")]),
    ("Sáng thứ Hai tuần trước, đoàn về xã", PUB, None, [("thứ Hai", "weekday", "2025-11-03")]),
    ("khai mạc vào thứ Tư tuần sau", PUB, None, [("thứ Tư", "weekday", "2025-11-19")]),
    ("thứ Bảy vừa qua, bà con", PUB, None, [("thứ Bảy", "weekday", "2025-11-08")]),
    ("dự kiến thứ Ba tới", PUB, None, [("thứ Ba", "weekday", "2025-11-18")]),
    ("Thứ Năm, 13/11/2025 15:30", None, None,
     [("Thứ Năm", "weekday", "2025-11-13"), ("13/11/2025", "full", "2025-11-13")]),
    ("tháng 10/2025", PUB, None, [("tháng 10/2025", "month_year", "2025-10")]),
    ("tháng 10 năm 2025", PUB, None, [("tháng 10 năm 2025", "month_year", "2025-10")]),
    ("kế hoạch năm 2025", PUB, None, [("năm 2025", "year", "2025")]),
    ("giai đoạn 2021-2030", PUB, None, [("2021-2030", "period", "2021/2030")]),
    ("giai đoạn 2016 – 2022;", PUB, None, [("2016 – 2022", "period", "2016/2022")]),
    ("nhiệm kỳ 2020-2025", PUB, None, [("2020-2025", "period", "2020/2025")]),
    # a range naming the time of day at either end
    ("mưa lớn từ chiều 3 đến rạng sáng 5/11", PUB, None,
     [("3", "day_month", "2025-11-03"), ("5/11", "day_month", "2025-11-05")]),
    ("phong tỏa từ tối 7 đến trưa ngày 9-10", PUB, None,
     [("7", "day_month", "2025-10-07"), ("9-10", "day_month", "2025-10-09")]),
    # no publication date, no year in the title: the first stated full date gives the year, not a
    # document's signing date
    ("Tin vắn\nTheo Nghị quyết số 05/NQ-HĐND ngày 2/3/2019, chiều 4/9/2024 đoàn giám sát làm việc; "
     "báo cáo trước ngày 20/9.", None, None,
     [("2/3/2019", "full", "2019-03-02"), ("4/9/2024", "full", "2024-09-04"),
      ("20/9", "day_month", "2024-09-20")]),
    # a deadline looks further ahead than a reported day
    ("Các xã gửi báo cáo về Sở trước ngày 15/7.", dt.date(2024, 2, 20), None,
     [("15/7", "day_month", "2024-07-15")]),
    ("Sáng 15/7, đoàn về xã Nậm Cang.", dt.date(2024, 2, 20), None, [("15/7", "day_month", "2023-07-15")]),
    # a year-less signing date takes the year of the number it follows, else it is not after publication
    ("theo Nghị định số 15/2021/NĐ-CP ngày 3/3 về quản lý dự án", dt.date(2024, 1, 10), None,
     [("3/3", "day_month", "2021-03-03")]),
    ("Công văn số 215/UBND-NC ngày 20/4 của UBND huyện", dt.date(2024, 1, 5), None,
     [("20/4", "day_month", "2023-04-20")]),
    # not dates
    ("còn 3/9 nhóm chỉ tiêu chưa đạt", PUB, None, []),
    ("Bộ tổ chức khoảng 2-3 hội nghị", PUB, None, []),
    ("trực 24/7 tại trụ sở", PUB, None, []),
    ("ngày 31/2/2024", PUB, None, []),
    ("ngày 45/13", PUB, None, []),
    ("Quyết định 1719/QĐ-TTg, Nghị định 30/2020/NĐ-CP, Nghị quyết 57-NQ/TW", PUB, None, []),
    ("Hội nghị lần thứ Năm và kỳ họp thứ hai", PUB, None, []),
    # a habit, not a day
    ("loa phát thanh của bản mở vào mỗi sáng thứ Hai", PUB, None, []),
    ("chợ phiên họp vào các ngày thứ Bảy và Chủ nhật", PUB, None, []),
    ("Đội tình nguyện dọn vệ sinh thứ Sáu hằng tuần", PUB, None, []),
    ("thư viện mở cửa cả tối thứ Bảy và Chủ nhật trong tháng", PUB, None, []),
    ("phòng khám làm việc cả thứ Bảy", PUB, None, []),
    ("huyện Đại Từ 187 người", PUB, None, []),
    ("6 tháng đầu năm", PUB, None, []),
    # a night and the dawn that ends it: both days
    ("Mưa lớn từ đêm 18 rạng sáng 19/8 làm ngập nhiều tuyến phố.", PUB, None,
     [("18", "day_month", "2025-08-18"), ("19/8", "day_month", "2025-08-19")]),
    # a bare weekday is the nearest one: a Monday article's Sunday is the day before
    ("Chiều Chủ nhật, xã tổ chức ngày hội đại đoàn kết.", dt.date(2025, 11, 17), None,
     [("Chủ nhật", "weekday", "2025-11-16")]),
    ("Sáng thứ Hai vừa qua, đoàn đến bản Nậm Ty.", dt.date(2025, 11, 23), None,
     [("thứ Hai", "weekday", "2025-11-17")]),
]


@pytest.mark.parametrize("text,published,context_year,expected", ROWS, ids=[r[0][:40] for r in ROWS])
def test_date_forms(text, published, context_year, expected):
    got = find_dates(text, published, context_year)
    for m in got:
        assert text[m.start:m.end] == m.text
    assert [(m.text, m.kind, m.value) for m in got] == expected


@pytest.mark.parametrize("text,published,expected", [
    ("ngày 06/10", dt.date(2025, 11, 13), "published"),
    ("ngày 14/10/2021", None, "text"),
    ("hôm nay", dt.date(2025, 11, 13), "published"),
])
def test_resolved_by(text, published, expected):
    (m,) = find_dates(text, published)
    assert m.resolved_by == expected


@pytest.mark.parametrize("text,expected", [
    ("Sáng ngày 08/7", "sáng"),
    ("lúc 8 giờ ngày 30/6", "lúc 8 giờ"),
    ("chiều nay", "chiều"),
    ("ngày 30/6", None),
])
def test_time_of_day(text, expected):
    (m,) = find_dates(text, "2025-06-30")
    assert m.time_of_day == expected


def test_range_ends_are_flagged():
    got = find_dates("từ ngày 13 đến 14/11", PUB)
    assert [m.is_range for m in got] == [True, True]
    got = find_dates("ngày 24 và 25-6", PUB)
    assert [m.is_range for m in got] == [False, False]


def test_published_accepts_iso_strings_and_datetimes():
    assert find_dates("hôm nay", "2022-11-02T08:00:00")[0].value == "2022-11-02"
    assert find_dates("hôm nay", dt.datetime(2022, 11, 2, 8))[0].value == "2022-11-02"


def test_all_of_one_weekday_is_a_day():
    (m,) = find_dates("Hội thảo kéo dài cả ngày thứ Tư tuần này.", PUB)
    assert m.value == "2025-11-12"


def test_context_year_from_title_line():
    text = "Tập huấn chính sách dân tộc năm 2020 tại Trà Vinh\nSáng ngày 06/10, tại Hội trường"
    assert infer_context_year(text) == 2020
    assert full_dates(find_dates(text)) == ["2020-10-06"]


@pytest.mark.parametrize("text,year,dates", [
    ("Đón Tết cùng bà con vùng cao\nDịp Tết Nguyên đán Giáp Thìn 2024, chiều 6/2, Hội Chữ thập đỏ trao quà.",
     2024, ["2024-02-06"]),
    ("Quà Xuân cho công nhân\nChương trình Xuân 2019 mở màn sáng 20/1 tại nhà văn hóa.", 2019, ["2019-01-20"]),
    ("Quà Tết\nTết Nguyên đán 2024 và Xuân 2023 khác nhau; sáng 6/2 hội trao quà.", None, []),
])
def test_context_year_from_tet_season(text, year, dates):
    """An undated page about Tet takes the year of the one Tet season it names."""
    assert infer_context_year(text) == year
    assert full_dates(find_dates(text)) == dates


@pytest.mark.parametrize("text,expected", [
    # a speech reproduced after the report: its "hôm nay" is the day it was given
    ("Ngày 8/1, Huyện ủy tổ chức hội nghị tổng kết.\nThưa các đồng chí,\nHôm nay, hội nghị đã thành công.",
     ["2025-01-08"]),
    ("Sáng 8/1, Hội Nông dân tỉnh khai mạc đại hội.\nKính thưa quý vị đại biểu,\nHôm qua, đoàn đã về xã.",
     ["2025-01-07", "2025-01-08"]),
    # no salutation: "hôm nay" is the publication day
    ("Ngày 8/1, Huyện ủy tổ chức hội nghị tổng kết. Hôm nay, kết quả được công bố.",
     ["2025-01-08", "2025-01-10"]),
])
def test_relative_words_in_a_speech_count_from_its_day(text, expected):
    assert full_dates(find_dates(text, dt.date(2025, 1, 10))) == expected


def test_full_dates_keeps_only_calendar_days():
    text = "ngày 14/10/2021, tháng 10/2025, năm 2025, giai đoạn 2021-2030, hôm nay, thứ Hai tuần này"
    assert full_dates(find_dates(text, PUB)) == ["2021-10-14", "2025-11-10", "2025-11-13"]


@pytest.mark.parametrize("text,dateline", [
    ("Tiêu đề\n\n04/04/2022 - 08:59\n\nBDK.VN - Sáng 4-4-2022, Ban", "04/04/2022 - 08:59"),
    ("Tiêu đề\nNgày đăng: 08/07/2024 11:38\nNội dung", "Ngày đăng: 08/07/2024 11:38"),
    ("Tiêu đề\n10:43, 29/03/2022\nNội dung", "10:43, 29/03/2022"),
    ("Phê duyệt danh sách người có uy tín (03/08/2018)\n\nNgày 30/07/2018, UBND", "(03/08/2018)"),
    ("Tiêu đề\nThứ Năm, 13/11/2025 15:30\nNội dung", "Thứ Năm, 13/11/2025 15:30"),
    ("Tác giả: Minh | Cập nhật lúc 09:15 20/05/2023 | Chia sẻ", "Cập nhật lúc 09:15 20/05/2023"),
])
def test_dateline_spans(text, dateline):
    spans = dateline_spans(text)
    assert [text[s:e] for s, e in spans] == [dateline]


def test_body_dates_are_not_datelines():
    text = "Tiêu đề\n\nBDK.VN - Sáng 4-4-2022, Ban Thường vụ họp. Quyết định ngày 14/10/2021 của Thủ tướng."
    assert dateline_spans(text) == []
    body = "x" * 500 + "\n14/10/2021\n"
    assert dateline_spans(body) == []  # a bare date line deep in the body is not the page's dateline


ALPHABET = "0123456789/-–.: ,()\nngàytừđếnđênvàsánghômnaythứHaiChủnhậttháng"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=120),
       st.sampled_from([None, "2025-01-03", dt.date(2024, 2, 29)]), st.sampled_from([None, 2020]))
def test_random_text_never_raises(text, published, context_year):
    for m in find_dates(text, published, context_year):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        if m.value and m.kind in ("full", "day_month", "relative", "weekday"):
            dt.date.fromisoformat(m.value)
    for s, e in dateline_spans(text):
        assert 0 <= s < e <= len(text)


# Real pages: a year the sentence gives its own happening, anniversaries, lists in words, no jump ahead.
REAL_TEXTURE = [
    # no publication date: the sentence states the year of the same happening
    ("Bản tin\nTrong chương trình kỳ họp cuối năm 2021, chiều 9/12 đã diễn ra phiên chất vấn.", None,
     ["2021-12-09"]),
    ("Bản tin\nSáng 14/4, Trường Chính trị tỉnh khai giảng lớp bồi dưỡng kiến thức năm 2023.", None,
     ["2023-04-14"]),
    ("Bản tin\nSáng 10/9, Đảng ủy xã quán triệt Quy định số 144-QĐ/TW, ngày 09/5/2024 của Bộ Chính trị.", None,
     ["2024-05-09", "2024-09-10"]),
    # a document's year is no lower bound for a day before its signing, nor for a deadline
    ("Bản tin\nSáng 20/1, Sở tập huấn triển khai Thông tư 05/2024/TT-BNV ngày 30/6/2024 cho cán bộ xã.", None,
     ["2024-06-30"]),
    ("Bản tin\nTừ ngày 4 - 8/11, đoàn sẽ thanh tra.\nNội dung trong thời kỳ từ 1/1/2017 đến ngày 30/6/2023.", None,
     ["2017-01-01", "2023-06-30"]),
    # an anniversary span, written with or without spaces, dates the day of the ceremony
    ("Bản tin\nSáng 12-10, Trung tâm tổ chức Lễ kỷ niệm 25 năm Ngày thành lập (12/10/1998-12/10/2023).", None,
     ["1998-10-12", "2023-10-12"]),
    ("Bản tin\nNgày 2.9, tỉnh tổ chức gặp mặt nhân kỷ niệm 80 năm (2.9.1945 – 2.9.2025).", None,
     ["1945-09-02", "2025-09-02"]),
    # ranges and lists written out in words
    ("Chiều ngày 18 và sáng ngày 19 tháng 7 năm 2024, kỳ họp diễn ra.", None, ["2024-07-18", "2024-07-19"]),
    ("Bản tin\nKỳ họp diễn ra trong 2 ngày 9 và 10-12.", dt.date(2024, 12, 5), ["2024-12-09", "2024-12-10"]),
    # a relative word followed by the explicit day means that day
    ("Bản tin\nSáng qua 22/8/2023, tại kỳ họp bất thường, HĐND tỉnh bầu Chủ tịch.", dt.date(2023, 8, 24),
     ["2023-08-22"]),
    # a range whose ends carry their months; two months are no day; a named day gives its date in brackets
    ("Bản tin\nĐợt tập huấn diễn ra từ ngày 20-10 đến 14-11 cho cán bộ xã.", dt.date(2025, 11, 3),
     ["2025-10-20", "2025-11-14"]),
    ("Bản tin\nCác xã đang chi trả trợ cấp tháng 3-4 năm 2025 cho người cao tuổi.", dt.date(2025, 4, 2), []),
    ("Bản tin\nHưởng ứng Ngày Pháp luật Việt Nam (9-11), Sở Tư pháp tổ chức tuyên truyền.", dt.date(2024, 11, 12),
     ["2024-11-09"]),
    # the one year a dateless page states
    ("Bản tin\n* Ngày 14-10, đoàn thẩm định về xã.\n\nXã phấn đấu đạt chuẩn nông thôn mới năm 2021.", None,
     ["2021-10-14"]),
    # a long-past day stays in the publication's year
    ("Bản tin\nCông trình khởi công vào sáng 26/4 và nay đã hoàn thành.", dt.date(2024, 12, 30), ["2024-04-26"]),
]


@pytest.mark.parametrize("text,published,expected", REAL_TEXTURE, ids=[r[0][7:50] for r in REAL_TEXTURE])
def test_real_texture_dates(text, published, expected):
    assert full_dates(find_dates(text, published)) == expected


def test_a_publication_month_gives_year_less_dates_their_year():
    """A page that showed only the month it went out ("2025-07") still says which year "12/7" is."""
    import nlp

    article = {"id": "partial-pub", "url": None, "title": "Khai giảng lớp bồi dưỡng kiến thức dân tộc",
               "published": "2025-07",
               "text": "Sáng 12/7, Ban Dân tộc tỉnh Sơn La khai giảng lớp bồi dưỡng kiến thức dân tộc."}
    record = nlp.extract(article)["record"]
    assert record["dates"] == ["2025-07-12"]
    assert record["event"]["date"] == "2025-07-12"
    assert nlp.extract({**article, "published": None})["record"]["dates"] == []
