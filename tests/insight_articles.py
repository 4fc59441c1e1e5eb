"""Multi-outlet articles written for the insight tests, modelled on provincial papers, provincial
portals, national outlets and an aggregator reporting the same personnel and policy news.

Names of people are invented.  `HAPPENING` gives each article's true happening: the pairs
test scores clustering against it.  Each article: id, outlet (the source name), url, title,
published, text.
"""
from __future__ import annotations

ARTICLES = [
    # H1: the Bắc Ninh council elects a chairman (14/3/2024), three outlets.
    {"id": "bn-paper-1", "outlet": "baobacninh", "happening": "H1",
     "url": "https://baobacninh.example.vn/chinh-tri/ky-hop-thu-18-bau-chu-tich-ubnd-tinh",
     "title": "Ông Đinh Quang Thạch được bầu giữ chức Chủ tịch UBND tỉnh Bắc Ninh",
     "published": "2024-03-14",
     "text": ("Chiều 14/3/2024, HĐND tỉnh Bắc Ninh khóa XIX, nhiệm kỳ 2021-2026 tổ chức Kỳ họp thứ 18 "
              "(kỳ họp chuyên đề) để kiện toàn nhân sự. Tại kỳ họp, HĐND tỉnh đã miễn nhiệm chức vụ Chủ tịch "
              "UBND tỉnh đối với ông Hoàng Minh Khải, Chủ tịch UBND tỉnh Bắc Ninh, do nghỉ hưu theo chế độ.\n"
              "Với 58/58 đại biểu có mặt tán thành, HĐND tỉnh đã bầu ông Đinh Quang Thạch, Phó Bí thư Tỉnh ủy, "
              "giữ chức Chủ tịch UBND tỉnh Bắc Ninh nhiệm kỳ 2021-2026.\n"
              "Phát biểu nhận nhiệm vụ, tân Chủ tịch UBND tỉnh cảm ơn sự tín nhiệm của các đại biểu và hứa "
              "cùng tập thể UBND tỉnh tập trung hoàn thành các chỉ tiêu phát triển kinh tế - xã hội năm 2024.")},
    {"id": "bn-portal-1", "outlet": "bacninh-portal", "happening": "H1",
     "url": "https://bacninh.example.gov.vn/tin-tuc/hdnd-tinh-kien-toan-chuc-danh-chu-tich-ubnd",
     "title": "HĐND tỉnh kiện toàn chức danh Chủ tịch UBND tỉnh",
     "published": "2024-03-15",
     "text": ("Ngày 14/3/2024, Kỳ họp thứ 18 HĐND tỉnh Bắc Ninh khóa XIX đã xem xét, quyết định công tác "
              "nhân sự thuộc thẩm quyền. HĐND tỉnh miễn nhiệm ông Hoàng Minh Khải, Chủ tịch UBND tỉnh, để nghỉ "
              "hưu theo chế độ từ ngày 01/4/2024.\n"
              "Kết quả biểu quyết, 58/58 đại biểu có mặt nhất trí bầu ông Đinh Quang Thạch, Phó Bí thư Tỉnh ủy "
              "Bắc Ninh, giữ chức Chủ tịch UBND tỉnh Bắc Ninh nhiệm kỳ 2021-2026. Ông Đinh Quang Thạch sinh năm "
              "1972, quê quán xã Tam Sơn, có trình độ tiến sĩ kinh tế.")},
    {"id": "bn-national-1", "outlet": "tintucquocgia", "happening": "H1",
     "url": "https://tintucquocgia.example.vn/thoi-su/bac-ninh-co-tan-chu-tich-tinh-20240314.html",
     "title": "Bắc Ninh có tân Chủ tịch tỉnh",
     "published": "2024-03-14",
     "text": ("Chiều 14/3, các đại biểu HĐND tỉnh Bắc Ninh đã bầu ông Đinh Quang Thạch, 52 tuổi, Phó Bí thư Tỉnh "
              "ủy, giữ chức Chủ tịch UBND tỉnh Bắc Ninh nhiệm kỳ 2021-2026, với 58/58 đại biểu tán thành. "
              "Người tiền nhiệm, ông Hoàng Minh Khải, nghỉ hưu theo chế độ.\n"
              "Trước khi về Bắc Ninh, ông Thạch từng nhiều năm công tác tại Bộ Kế hoạch và Đầu tư.")},
    # H2: the same official elected chairman of Thái Nguyên (12/8/2025), three outlets.
    {"id": "tn-paper-1", "outlet": "baothainguyen", "happening": "H2",
     "url": "https://baothainguyen.example.vn/thoi-su/ky-hop-chuyen-de-hdnd-tinh-thai-nguyen",
     "title": "Kỳ họp chuyên đề HĐND tỉnh Thái Nguyên: bầu Chủ tịch UBND tỉnh",
     "published": "2025-08-12",
     "text": ("Sáng 12/8/2025, HĐND tỉnh Thái Nguyên tổ chức kỳ họp chuyên đề để xem xét công tác cán bộ. "
              "HĐND tỉnh đã miễn nhiệm chức vụ Chủ tịch UBND tỉnh đối với ông Lục Văn Bình do được điều động "
              "nhận nhiệm vụ mới.\n"
              "Với 64/64 đại biểu tán thành, HĐND tỉnh bầu ông Đinh Quang Thạch, nguyên Chủ tịch UBND tỉnh "
              "Bắc Ninh, giữ chức Chủ tịch UBND tỉnh Thái Nguyên nhiệm kỳ 2021-2026.")},
    {"id": "tn-portal-1", "outlet": "thainguyen-portal", "happening": "H2",
     "url": "https://thainguyen.example.gov.vn/tin-hoat-dong/bau-chu-tich-ubnd-tinh-thai-nguyen",
     "title": "Bầu Chủ tịch UBND tỉnh Thái Nguyên nhiệm kỳ 2021-2026",
     "published": "2025-08-12",
     "text": ("Ngày 12/8/2025, tại kỳ họp chuyên đề, HĐND tỉnh Thái Nguyên khóa XIV đã bầu ông Đinh Quang "
              "Thạch giữ chức Chủ tịch UBND tỉnh Thái Nguyên. Kết quả có 64/64 đại biểu có mặt tán thành.\n"
              "Cùng ngày, HĐND tỉnh miễn nhiệm ông Lục Văn Bình, Chủ tịch UBND tỉnh Thái Nguyên.")},
    {"id": "tn-national-1", "outlet": "tintucquocgia", "happening": "H2",
     "url": "https://tintucquocgia.example.vn/thoi-su/cuu-chu-tich-bac-ninh-lam-chu-tich-thai-nguyen-20250812.html",
     "title": "Cựu Chủ tịch Bắc Ninh làm Chủ tịch Thái Nguyên",
     "published": "2025-08-13",
     "text": ("Sáng 12/8, HĐND tỉnh Thái Nguyên bầu ông Đinh Quang Thạch, nguyên Chủ tịch UBND tỉnh Bắc Ninh, "
              "giữ chức Chủ tịch UBND tỉnh Thái Nguyên với 64/64 đại biểu tán thành.\n"
              "Ông Thạch thay ông Lục Văn Bình, người vừa được điều động nhận công tác khác.")},
    # H3: the Prime Minister approves the Bắc Ninh election (decision of 25/3/2024), two outlets.
    {"id": "pm-gov-1", "outlet": "congthongtinchinhphu", "happening": "H3",
     "url": "https://congthongtinchinhphu.example.vn/nhan-su/phe-chuan-chu-tich-ubnd-tinh-bac-ninh.htm",
     "title": "Phê chuẩn kết quả bầu Chủ tịch UBND tỉnh Bắc Ninh",
     "published": "2024-03-26",
     "text": ("Thủ tướng Chính phủ vừa ký Quyết định số 265/QĐ-TTg ngày 25/3/2024 phê chuẩn kết quả bầu chức "
              "vụ Chủ tịch UBND tỉnh Bắc Ninh nhiệm kỳ 2021-2026 đối với ông Đinh Quang Thạch, Phó Bí thư Tỉnh "
              "ủy Bắc Ninh. Ông Đinh Quang Thạch được HĐND tỉnh bầu tại kỳ họp ngày 14/3/2024.")},
    {"id": "pm-paper-1", "outlet": "baobacninh", "happening": "H3",
     "url": "https://baobacninh.example.vn/chinh-tri/thu-tuong-phe-chuan-chu-tich-ubnd-tinh",
     "title": "Thủ tướng phê chuẩn kết quả bầu Chủ tịch UBND tỉnh",
     "published": "2024-03-27",
     "text": ("Ngày 25/3/2024, Thủ tướng Chính phủ ban hành Quyết định số 265/QĐ-TTg phê chuẩn kết quả bầu "
              "ông Đinh Quang Thạch giữ chức Chủ tịch UBND tỉnh Bắc Ninh nhiệm kỳ 2021-2026. Quyết định có "
              "hiệu lực kể từ ngày ký.")},
    # H4: a training on Decision 1719 in Sơn La (10/9/2025), two outlets.
    {"id": "sl-paper-1", "outlet": "baosonla", "happening": "H4",
     "url": "https://baosonla.example.vn/xa-hoi/tap-huan-chuong-trinh-1719-nam-2025",
     "title": "Tập huấn triển khai Chương trình mục tiêu quốc gia 1719",
     "published": "2025-09-10",
     "text": ("Sáng 10/9/2025, Ban Dân tộc tỉnh Sơn La tổ chức lớp tập huấn triển khai Quyết định số "
              "1719/QĐ-TTg của Thủ tướng Chính phủ cho 120 cán bộ cấp xã. Bà Cầm Thị Nga, Phó Chủ tịch UBND "
              "tỉnh Sơn La, dự và phát biểu khai mạc.\n"
              "Học viên được hướng dẫn quy trình hỗ trợ nhà ở, đất sản xuất và nước sinh hoạt.")},
    {"id": "sl-portal-1", "outlet": "sonla-portal", "happening": "H4",
     "url": "https://sonla.example.gov.vn/tin-tuc/120-can-bo-xa-duoc-tap-huan-1719",
     "title": "120 cán bộ cấp xã được tập huấn về Chương trình 1719",
     "published": "2025-09-11",
     "text": ("Ngày 10/9/2025, tại thành phố Sơn La, lớp tập huấn về thực hiện Quyết định 1719/QĐ-TTg đã khai "
              "giảng với 120 cán bộ cấp xã tham dự. Phó Chủ tịch UBND tỉnh Sơn La Cầm Thị Nga đề nghị học viên "
              "nắm chắc các nội dung hỗ trợ để triển khai đúng đối tượng.")},
    # H5: a conference on ethnic affairs in Sơn La the same day, chaired by the same vice chair.
    {"id": "sl-paper-2", "outlet": "baosonla", "happening": "H5",
     "url": "https://baosonla.example.vn/chinh-tri/so-ket-cong-tac-dan-toc-6-thang",
     "title": "Sơ kết công tác dân tộc 6 tháng đầu năm",
     "published": "2025-09-10",
     "text": ("Chiều 10/9/2025, UBND tỉnh Sơn La tổ chức hội nghị sơ kết công tác dân tộc 6 tháng đầu năm. "
              "Bà Cầm Thị Nga, Phó Chủ tịch UBND tỉnh, chủ trì hội nghị. Báo cáo cho biết tỉnh đã giải ngân "
              "412 tỷ đồng vốn các chương trình, đạt 61% kế hoạch.")},
    {"id": "sl-portal-2", "outlet": "sonla-portal", "happening": "H5",
     "url": "https://sonla.example.gov.vn/tin-tuc/hoi-nghi-so-ket-cong-tac-dan-toc",
     "title": "Hội nghị sơ kết công tác dân tộc",
     "published": "2025-09-10",
     "text": ("Chiều 10/9/2025, Phó Chủ tịch UBND tỉnh Sơn La Cầm Thị Nga chủ trì hội nghị sơ kết công tác dân "
              "tộc 6 tháng đầu năm 2025. Đến nay toàn tỉnh giải ngân 412 tỷ đồng, đạt 61% kế hoạch vốn.")},
    # H6: another conference in Sơn La that day, same vice chair: a different happening.
    {"id": "sl-portal-3", "outlet": "sonla-portal", "happening": "H6",
     "url": "https://sonla.example.gov.vn/tin-tuc/trien-khai-phuong-an-phong-chong-thien-tai",
     "title": "Hội nghị triển khai phương án phòng, chống thiên tai mùa mưa lũ",
     "published": "2025-09-10",
     "text": ("Sáng 10/9/2025, bà Cầm Thị Nga, Phó Chủ tịch UBND tỉnh Sơn La, chủ trì hội nghị triển khai phương "
              "án phòng, chống thiên tai và tìm kiếm cứu nạn mùa mưa lũ. Các huyện được yêu cầu rà soát 37 "
              "điểm có nguy cơ sạt lở cao.")},
    # H7: a deputy minister appointed by decision, two national outlets.
    {"id": "bnv-gov-1", "outlet": "congthongtinchinhphu", "happening": "H7",
     "url": "https://congthongtinchinhphu.example.vn/nhan-su/bo-nhiem-thu-truong-bo-noi-vu.htm",
     "title": "Bổ nhiệm Thứ trưởng Bộ Nội vụ",
     "published": "2025-10-02",
     "text": ("Thủ tướng Chính phủ đã ký Quyết định số 1890/QĐ-TTg ngày 01/10/2025 bổ nhiệm ông Trịnh Xuân Lộc, "
              "Vụ trưởng Vụ Tổ chức - Biên chế, giữ chức Thứ trưởng Bộ Nội vụ.")},
    {"id": "bnv-national-1", "outlet": "tintucquocgia", "happening": "H7",
     "url": "https://tintucquocgia.example.vn/thoi-su/bo-noi-vu-co-them-thu-truong-20251002.html",
     "title": "Bộ Nội vụ có thêm Thứ trưởng",
     "published": "2025-10-02",
     "text": ("Ngày 01/10/2025, Thủ tướng Chính phủ ký Quyết định số 1890/QĐ-TTg bổ nhiệm ông Trịnh Xuân Lộc giữ "
              "chức Thứ trưởng Bộ Nội vụ. Ông Lộc 49 tuổi, trước đó là Vụ trưởng Vụ Tổ chức - Biên chế.")},
]

ARTICLES += [
    # H8: the Politburo designates a provincial Party secretary (decision of 5/9/2025), three outlets.
    {"id": "cb-paper-1", "outlet": "baocaobang", "happening": "H8",
     "url": "https://baocaobang.example.vn/chinh-tri/cong-bo-quyet-dinh-chi-dinh-bi-thu-tinh-uy",
     "title": "Công bố quyết định của Bộ Chính trị về công tác cán bộ", "published": "2025-09-05",
     "text": ("Chiều 5/9/2025, Tỉnh ủy Cao Bằng tổ chức hội nghị công bố Quyết định số 1712-QĐNS/TW của Bộ "
              "Chính trị chỉ định bà Nông Thị Hằng, Thứ trưởng Bộ Nông nghiệp và Môi trường, tham gia Ban "
              "Chấp hành, Ban Thường vụ và giữ chức Bí thư Tỉnh ủy Cao Bằng nhiệm kỳ 2020-2025.")},
    {"id": "cb-national-1", "outlet": "tintucquocgia", "happening": "H8",
     "url": "https://tintucquocgia.example.vn/thoi-su/nu-thu-truong-lam-bi-thu-cao-bang-20250905.html",
     "title": "Nữ Thứ trưởng làm Bí thư Tỉnh ủy Cao Bằng", "published": "2025-09-05",
     "text": ("Chiều 5/9, Bộ Chính trị chỉ định bà Nông Thị Hằng, Thứ trưởng Bộ Nông nghiệp và Môi trường, "
              "giữ chức Bí thư Tỉnh ủy Cao Bằng theo Quyết định 1712-QĐNS/TW. Bà Hằng 51 tuổi, quê Cao Bằng.")},
    {"id": "cb-portal-1", "outlet": "caobang-portal", "happening": "H8",
     "url": "https://caobang.example.gov.vn/tin/hoi-nghi-cong-bo-quyet-dinh-can-bo",
     "title": "Hội nghị công bố quyết định về công tác cán bộ", "published": "2025-09-06",
     "text": ("Ngày 5/9/2025, tại hội nghị của Tỉnh ủy Cao Bằng, Quyết định 1712-QĐNS/TW của Bộ Chính trị về "
              "việc chỉ định bà Nông Thị Hằng giữ chức Bí thư Tỉnh ủy Cao Bằng đã được công bố.")},
    # H9: the same afternoon, the same ceremony in Lào Cai for another secretary: another happening.
    {"id": "lca-paper-1", "outlet": "baolaocai", "happening": "H9",
     "url": "https://baolaocai.example.vn/chinh-tri/bo-chinh-tri-chi-dinh-bi-thu-tinh-uy-lao-cai",
     "title": "Công bố quyết định của Bộ Chính trị chỉ định Bí thư Tỉnh ủy", "published": "2025-09-05",
     "text": ("Chiều 5/9/2025, Tỉnh ủy Lào Cai tổ chức hội nghị công bố Quyết định số 1713-QĐNS/TW của Bộ "
              "Chính trị chỉ định ông Giàng A Tủa giữ chức Bí thư Tỉnh ủy Lào Cai nhiệm kỳ 2020-2025.")},
    # H10: the same ministry's other appointment the same day as H7, by another outlet: another happening.
    {"id": "bnv-paper-2", "outlet": "baonoivu", "happening": "H10",
     "url": "https://baonoivu.example.vn/to-chuc-can-bo/bo-nhiem-vu-truong-vu-phap-che",
     "title": "Bổ nhiệm Vụ trưởng Vụ Pháp chế Bộ Nội vụ", "published": "2025-10-01",
     "text": ("Ngày 01/10/2025, Bộ trưởng Bộ Nội vụ ký Quyết định số 912/QĐ-BNV bổ nhiệm ông Tạ Quang Vinh, "
              "Phó Vụ trưởng, giữ chức Vụ trưởng Vụ Pháp chế Bộ Nội vụ.")},
]

# An aggregator's verbatim repost of bn-paper-1: the crawler stores it as a duplicate.
REPOST = {"id": "bn-aggregator-1", "outlet": "tonghoptin", "happening": "H1",
          "url": "https://tonghoptin.example.vn/a/ong-dinh-quang-thach-duoc-bau-chu-tich-bac-ninh",
          "title": "Ông Đinh Quang Thạch được bầu giữ chức Chủ tịch UBND tỉnh Bắc Ninh",
          "published": "2024-03-14", "text": ARTICLES[0]["text"]}


def happening_pairs(ids_to_happening: dict[str, str]) -> set[frozenset]:
    ids = sorted(ids_to_happening)
    return {frozenset((a, b)) for i, a in enumerate(ids) for b in ids[i + 1:]
            if ids_to_happening[a] == ids_to_happening[b]}
