"""Golden cases for page parsing: a saved page + its expected fields, one assertion per field."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from crawler.parse import ArticleFields, Rejection, canonical_url, decode, parse_article

SITES = Path(__file__).parent / "sites"
BASE = "http://127.0.0.1:8000"

# page, url path, field, expected
GOLDEN = {
    "chinhphu/thu-tuong-chu-tri-phien-hop-chinh-phu-thuong-ky-thang-8-102260822230251794.htm": {
        "url": f"{BASE}/thu-tuong-chu-tri-phien-hop-chinh-phu-thuong-ky-thang-8-102260822230251794.htm",
        "title": "Thủ tướng chủ trì phiên họp Chính phủ thường kỳ tháng 8",
        "sapo": "(Chinhphu.vn) - Sáng 22/8, tại trụ sở Chính phủ, Thủ tướng Chính phủ chủ trì phiên họp Chính phủ "
                "thường kỳ tháng 8 năm 2026.",
        "published": "2026-08-22T23:02:51+07:00",  # article:published_time, to the second
        "author": "Nguyễn Hoàng",
        "captions": ["Thủ tướng phát biểu tại phiên họp - Ảnh: VGP/Nhật Bắc"],
        "family": "vc",
        "text": "Phiên họp thảo luận tình hình kinh tế - xã hội tháng 8 và 8 tháng năm 2026, việc triển khai Nghị quyết "
                "số 01/NQ-CP và Quyết định 1719/QĐ-TTg.\n\nThủ tướng yêu cầu các bộ, ngành, địa phương tập trung tháo "
                "gỡ khó khăn, thúc đẩy giải ngân vốn đầu tư công.\n\nCác thành viên Chính phủ thống nhất đánh giá kinh "
                "tế vĩ mô tiếp tục ổn định, lạm phát được kiểm soát.",
    },
    "nhandan/tinh-son-la-trien-khai-chinh-sach-dan-toc-post980623.html": {
        "url": f"{BASE}/tinh-son-la-trien-khai-chinh-sach-dan-toc-post980623.html",
        "title": "Tỉnh Sơn La triển khai chính sách dân tộc",
        "sapo": "Sơn La tổ chức tập huấn chính sách dân tộc cho người có uy tín tại các bản đặc biệt khó khăn.",
        "published": "2026-08-22T22:58:22+07:00",
        "author": "Văn Chúc",
        "captions": ["Quang cảnh hội nghị. (Ảnh: Văn Chúc)"],
        "family": "zce",
        "text": "Tham dự hội nghị có hơn 70 đại biểu là Bí thư, Trưởng bản đến từ các xã khu vực III trên địa bàn tỉnh "
                "Sơn La.\n\nCác học viên được truyền đạt nội dung về Hệ thống thông tin giải quyết thủ tục hành chính "
                "tỉnh Sơn La.\n\nHội nghị là dịp để đồng bào hiểu rõ hơn chủ trương của Đảng, chính sách của Nhà nước.",
    },
    "baocantho/can-tho-trien-khai-quyet-dinh-1719-a196670.html": {
        "title": "Cần Thơ triển khai Quyết định 1719/QĐ-TTg",
        "sapo": "Thành phố Cần Thơ tổ chức hội nghị triển khai Chương trình mục tiêu quốc gia phát triển kinh tế - "
                "xã hội vùng đồng bào dân tộc thiểu số.",
        "published": "2026-01-08T18:21:00+07:00",
        "author": "P.Y",
        "captions": ["Quang cảnh hội nghị."],
        "family": "acms",
        "text": "(CTO) - Ngày 8-1, UBND thành phố Cần Thơ tổ chức hội nghị triển khai Quyết định 1719/QĐ-TTg của Thủ "
                "tướng Chính phủ.\n\nPhát biểu tại hội nghị, Phó Chủ tịch UBND thành phố đề nghị các sở, ngành khẩn "
                "trương triển khai các dự án thành phần.",
    },
    "baocantho/can-tho-hop-tac-phat-trien-vung-a196700.html": {
        "text": "Phó Thủ tướng dự và phát biểu tại hội nghị hợp tác phát triển vùng tổ chức tại thành phố Cần Thơ.\n\n"
                "Các địa phương cam kết phối hợp chặt chẽ trong quy hoạch hạ tầng giao thông và thủy lợi.",
        "published": "2026-08-20T09:00:00+07:00",
    },
    "portal/tin-tuc-su-kien/chuyen-de/tin-trong-nuoc/"
    "ubnd-tinh-trien-khai-ke-hoach-phat-trien-kinh-te-xa-hoi-nam-2026-va-phat-trien-nen-v.html": {
        "title": "UBND tỉnh triển khai kế hoạch phát triển kinh tế - xã hội năm 2026 và phát triển nền văn hóa",
        "sapo": "Chiều 13/11, UBND tỉnh Lai Châu tổ chức hội nghị triển khai kế hoạch phát triển kinh tế - xã hội "
                "năm 2026.",
        "published": "2025-11-13T15:30:00+07:00",
        "author": "Minh Anh",
        "captions": ["Ảnh: Cổng TTĐT tỉnh"],
        "family": "portal",
    },
    "portal/tin-tuc-su-kien/chuyen-de/tin-trong-nuoc/hoi-nghi-nfd.html": {
        "title": "Hội nghị phổ biến Nghị định số 178/2024/NĐ-CP về chính sách tinh giản biên chế",
        "published": "2025-12-05T08:30:00+07:00",
    },
    "portal/tin-tuc-su-kien/chuyen-de/tin-trong-nuoc/tong-ket-cp1258.html": {
        "title": "Tỉnh Hà Giang tổng kết công tác dân tộc năm 2024",
        "published": "2024-12-20T14:00:00+07:00",
        "encoding": "cp1258",
    },
    "portal/tin-tuc-su-kien/chuyen-de/tin-trong-nuoc/tong-ket-cp1258-nocharset.html": {
        "title": "Tỉnh Hà Giang tổng kết công tác dân tộc năm 2024",
        "encoding": "cp1258",
    },
}
# The text that extraction reads opens with the lead (kept apart as the sapo too).
for _fields in GOLDEN.values():
    if _fields.get("sapo") and "text" in _fields:
        _fields["text"] = _fields["sapo"] + "\n\n" + _fields["text"]
CASES = [(page, name, value) for page, fields in GOLDEN.items() for name, value in fields.items()]


def parse_saved(page: str, content_type: str = "text/html") -> ArticleFields | Rejection:
    path = SITES / page
    body = path.read_bytes().replace(b"{{base}}", BASE.encode())
    url = BASE + "/" + page.split("/", 1)[1]
    return parse_article(url, body, {"Content-Type": content_type})


@pytest.mark.parametrize("page,field,expected", CASES, ids=[f"{p.split('/')[0]}:{p[-20:]}:{f}" for p, f, _ in CASES])
def test_golden_field(page, field, expected):
    result = parse_saved(page)
    assert isinstance(result, ArticleFields), result
    assert getattr(result, field) == expected


@pytest.mark.parametrize("page", list(GOLDEN))
def test_text_is_nfc_and_free_of_noise(page):
    result = parse_saved(page)
    for value in (result.title, result.text, result.sapo or ""):
        assert unicodedata.is_normalized("NFC", value)
    for noise in ("QUẢNG CÁO", "Quảng cáo", "Tin liên quan", "Bài liên quan", "Chia sẻ", "Bản quyền", "Tin, ảnh",
                  "Thời sự", "Bình luận", "Theo Nhân Dân"):
        assert noise not in result.text


def test_breadcrumb_h1_is_not_the_title():
    result = parse_saved("baocantho/can-tho-trien-khai-quyet-dinh-1719-a196670.html")
    assert result.title != "Thời sự"


@pytest.mark.parametrize("page,reason", [
    ("hostile/blocked.html", "Thông báo từ chối truy cập"),
    ("hostile/challenge.html", "JS cookie challenge"),
    ("hostile/cloudflare.html", "challenge-platform"),
])
def test_block_pages_are_rejected_as_blocked(page, reason):
    result = parse_saved(page)
    assert isinstance(result, Rejection)
    assert result.outcome == "blocked"
    assert result.reason == reason


@pytest.mark.parametrize("body,ctype,reason", [
    (b"", "text/html", "empty page"),
    (bytes(range(256)) * 8, "application/octet-stream", "not html"),
    (b"%PDF-1.4\x00\x01\x02", "", "not html"),
    ("<html><body><h1>Trang chủ</h1><p>Ngắn.</p></body></html>".encode(), "text/html", "no body text"),
    (("<html><body><div class='detail-content'><p>" + "Nội dung dài đủ để là bài. " * 10
      + "</p></div></body></html>").encode(), "text/html", "no title"),
])
def test_bad_pages_give_a_reason(body, ctype, reason):
    result = parse_article(BASE + "/x-102260101000000001.htm", body, {"Content-Type": ctype})
    assert isinstance(result, Rejection)
    assert result.outcome == "parse_error"
    assert result.reason.startswith(reason)


@pytest.mark.parametrize("url,expected", [
    ("https://Nhandan.vn/a-post1.html?utm_source=fb&utm_medium=x#top", "https://nhandan.vn/a-post1.html"),
    ("https://dangcongsan.vn/thoi-su/bai.html?categoryId=1902448,1902446", "https://dangcongsan.vn/thoi-su/bai.html"),
    ("https://x.vn/a.htm?fbclid=abc&id=5", "https://x.vn/a.htm?id=5"),
    ("https://x.vn/a.htm?gclid=1", "https://x.vn/a.htm"),
])
def test_canonical_url_drops_tracking(url, expected):
    assert canonical_url(url) == expected


def test_offsite_canonical_is_ignored():
    body = ("<html><head><link rel='canonical' href='https://other-site.vn/a.html'></head><body>"
            "<h1 class='detail-title'>Tiêu đề bài viết thử nghiệm</h1><div class='detail-content'><p>"
            + "Nội dung bài viết đầy đủ về hội nghị của tỉnh. " * 5 + "</p></div></body></html>").encode()
    result = parse_article(BASE + "/t-102260101000000001.htm", body, {})
    assert result.url == BASE + "/t-102260101000000001.htm"


@pytest.mark.parametrize("charset_header", ["text/html; charset=utf-8", "text/html; charset=iso-8859-1", "text/html"])
def test_decode_recovers_from_wrong_charset_labels(charset_header):
    text = "Thủ tướng Chính phủ phê duyệt Quyết định"
    text_out, codec = decode(text.encode("utf-8"), {"Content-Type": charset_header})
    assert text_out == text
    assert codec == "utf-8"


def test_generic_fallback_uses_trafilatura_and_htmldate():
    paras = "".join(f"<p>Đoạn {i}: UBND tỉnh Sơn La tổ chức hội nghị tổng kết công tác năm, đánh giá kết quả "
                    f"thực hiện các chỉ tiêu kinh tế - xã hội và đề ra nhiệm vụ trọng tâm năm tới.</p>" for i in range(4))
    body = (f"<html><head><title>Sơn La tổng kết công tác năm - Báo Sơn La</title>"
            f"<meta property='article:published_time' content='2025-12-30T10:15:00+07:00'></head><body>"
            f"<nav><a href='/'>Trang chủ</a><a href='/x'>Chính trị</a></nav>"
            f"<article><h1>Sơn La tổng kết công tác năm</h1>{paras}</article>"
            f"<footer>Liên hệ quảng cáo</footer></body></html>").encode()
    result = parse_article("https://baosonla.vn/thoi-su/son-la-tong-ket-51YnYvXDR.html", body, {})
    assert isinstance(result, ArticleFields), result
    assert result.family == "generic"
    assert result.title == "Sơn La tổng kết công tác năm"
    assert result.published == "2025-12-30T10:15:00+07:00"
    assert result.text.count("\n\n") == 3
    assert "Trang chủ" not in result.text
