"""Display helpers: one place joins an office and its body, XML-safe text, short URLs and dates."""
from __future__ import annotations

import pytest

from query.display import role_label, short_date, short_url, xml_text


@pytest.mark.parametrize(("title", "organization", "expected"), [
    ("Phó Trưởng Ban", "Ban Dân tộc", "Phó Trưởng Ban Dân tộc"),
    ("Giám đốc", "Sở Nông nghiệp và Môi trường", "Giám đốc Sở Nông nghiệp và Môi trường"),
    ("Chủ tịch UBND tỉnh", "UBND tỉnh Sơn La", "Chủ tịch UBND tỉnh Sơn La"),
    ("Bí thư Tỉnh ủy Lai Châu", "Tỉnh ủy Lai Châu", "Bí thư Tỉnh ủy Lai Châu"),
    ("Trưởng ban", "Ban Tuyên giáo", "Trưởng Ban Tuyên giáo"),
    ("Phó Chủ tịch", None, "Phó Chủ tịch"),
    (None, "Bộ Nội vụ", "Bộ Nội vụ"),
])
def test_role_label_says_the_shared_word_once(title, organization, expected):
    assert role_label(title, organization).lower() == expected.lower()


def test_xml_text_drops_what_xml_cannot_carry():
    assert xml_text("Hội\x08 nghị\x1b tỉnh\x00") == "Hội nghị tỉnh"
    assert xml_text("dòng 1\ndòng\t2") == "dòng 1\ndòng\t2"
    assert xml_text("a\ud800b\uffff") == "ab"
    assert xml_text(b"Ha\xff N\xc3\xb4i") == "Ha\ufffd Nôi"
    assert xml_text(None) == ""


def test_short_url_and_date():
    url = "https://www.sonla.gov.vn/tin-tuc/chinh-tri/hoi-nghi-trien-khai-nghi-quyet-ve-chuyen-doi-so-2025.html"
    short = short_url(url)
    assert short.startswith("sonla.gov.vn/…/hoi-nghi") and len(short) <= 48
    assert short_url("https://baocantho.com.vn/") == "baocantho.com.vn"
    assert short_url(None) == ""
    assert short_date("2025-07-01T08:30:00+07:00") == "2025-07-01" and short_date(None) == ""
