"""Officials extractor: names with titles and organisations, merging, exclusions, offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.officials import Official, Position, find_officials

# (text, context province, expected name, [(title, organization), ...])
PATTERNS = [
    # title before name
    ("Phát biểu, Thứ trưởng Bộ Nội vụ Nguyễn Thị Hà nhấn mạnh.", None, "Nguyễn Thị Hà",
     [("Thứ trưởng", "Bộ Nội vụ")]),
    ("Phó Chủ tịch HĐDT Cao Thị Xuân ghi nhận kết quả.", None, "Cao Thị Xuân", [("Phó Chủ tịch", "HĐDT")]),
    ("Bí thư Tỉnh ủy Lê Đức Thọ phát biểu khai mạc.", "Bến Tre", "Lê Đức Thọ",
     [("Bí thư", "Tỉnh ủy Bến Tre")]),
    ("Ngày 14/01/2019, Chủ tịch UBND tỉnh Hoàng Xuân Ánh đã ký Quyết định.", "Cao Bằng", "Hoàng Xuân Ánh",
     [("Chủ tịch", "UBND tỉnh Cao Bằng")]),
    ("Thủ tướng Chính phủ Nguyễn Xuân Phúc vừa ký Quyết định.", None, "Nguyễn Xuân Phúc",
     [("Thủ tướng", "Chính phủ")]),
    ("Tổng Bí thư Tô Lâm sẽ dự lễ công bố.", None, "Tô Lâm", [("Tổng Bí thư", None)]),
    ("Chủ tịch nước Lương Cường dự lễ công bố ở Hà Nội.", None, "Lương Cường", [("Chủ tịch nước", None)]),
    ("Thủ tướng Phạm Minh Chính dự lễ ở TP. Hải Phòng.", None, "Phạm Minh Chính", [("Thủ tướng", None)]),
    ("Chủ tịch Quốc hội Trần Thanh Mẫn dự lễ công bố.", None, "Trần Thanh Mẫn", [("Chủ tịch", "Quốc hội")]),
    ("Thường trực Ban Bí thư Trần Cẩm Tú dự lễ ở TP. Đà Nẵng.", None, "Trần Cẩm Tú",
     [("Thường trực", "Ban Bí thư")]),
    # chains
    ("Ủy viên Trung ương Đảng - Bí thư Tỉnh ủy Lê Đức Thọ phát biểu.", "Bến Tre", "Lê Đức Thọ",
     [("Ủy viên", "Trung ương Đảng"), ("Bí thư", "Tỉnh ủy Bến Tre")]),
    ("Ủy viên Bộ Chính trị, Bí thư Thành ủy, Trưởng đoàn ĐBQH thành phố Hà Nội Đinh Tiến Dũng dự họp.",
     None, "Đinh Tiến Dũng",
     [("Ủy viên", "Bộ Chính trị"), ("Bí thư", "Thành ủy"), ("Trưởng đoàn", "đoàn ĐBQH thành phố Hà Nội")]),
    ("Thứ trưởng, Phó Chủ nhiệm Ủy ban Dân tộc Phan Văn Hùng tặng quà.", None, "Phan Văn Hùng",
     [("Thứ trưởng", "Ủy ban Dân tộc"), ("Phó Chủ nhiệm", "Ủy ban Dân tộc")]),
    # name before title
    ("Phát biểu, ông Tống Thanh Hải - Phó Chủ tịch Thường trực UBND tỉnh Lai Châu - cho biết.", None,
     "Tống Thanh Hải", [("Phó Chủ tịch Thường trực", "UBND tỉnh Lai Châu")]),
    ("Đến dự có ông Đinh Xuân Thắng - Phó Vụ trưởng Vụ tuyên truyền thuộc Ủy ban Dân tộc; ông Kiên Banh.",
     None, "Đinh Xuân Thắng", [("Phó Vụ trưởng", "Vụ tuyên truyền thuộc Ủy ban Dân tộc")]),
    ("Đồng chí Nguyễn Xuân Thắng, Ủy viên Bộ Chính trị; Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh; "
     "Chủ tịch Hội đồng Lý luận Trung ương, Đại biểu Quốc hội khóa XV Đoàn Quảng Ninh; Đồng chí Vũ Hồng Thanh",
     None, "Nguyễn Xuân Thắng",
     [("Ủy viên", "Bộ Chính trị"), ("Giám đốc", "Học viện Chính trị quốc gia Hồ Chí Minh"),
      ("Chủ tịch", "Hội đồng Lý luận Trung ương"), ("Đại biểu Quốc hội khóa XV", "Đoàn Quảng Ninh")]),
    ("Ông Nguyễn Trường Giang – Chủ tịch Hội Nông dân tỉnh Cà Mau, thông tin.", None, "Nguyễn Trường Giang",
     [("Chủ tịch", "Hội Nông dân tỉnh Cà Mau")]),
    ("Bầu chức Chủ tịch UBND tỉnh Sóc Trăng đối với ông Trần Văn Lâu, Phó Bí thư Tỉnh ủy, nhiệm kỳ 2020-2025.",
     None, "Trần Văn Lâu", [("Chủ tịch", "UBND tỉnh Sóc Trăng"), ("Phó Bí thư", "Tỉnh ủy Sóc Trăng")]),
    ("Đồng chí Hà Ban, Phó Chủ tịch UBND tỉnh Kon Tum phát biểu.", None, "Hà Ban",
     [("Phó Chủ tịch", "UBND tỉnh Kon Tum")]),
    ("Thủ tướng phê chuẩn.\nÔng Đồng Văn Thanh- Chủ tịch UBND tỉnh Hậu Giang\nCụ thể", None, "Đồng Văn Thanh",
     [("Chủ tịch", "UBND tỉnh Hậu Giang")]),
    ("Theo lãnh đạo ngành (ông Y Biêr Niê, Giám đốc Sở Nội vụ) cho biết.", None, "Y Biêr Niê",
     [("Giám đốc", "Sở Nội vụ")]),
    # rank + title
    ("Đại tá Bùi Quang Hải – Phó Giám đốc Công an tỉnh đã gửi lời chúc.", "Kiên Giang", "Bùi Quang Hải",
     [("Phó Giám đốc", "Công an tỉnh Kiên Giang")]),
    ("Thiếu tướng Nguyễn Hồng Thái, Phó Tư lệnh Quân khu 2 dự lễ.", None, "Nguyễn Hồng Thái",
     [("Phó Tư lệnh", "Quân khu 2")]),
    # appointment phrasing
    ("Thủ tướng phê chuẩn việc miễn nhiệm chức Phó Chủ tịch UBND tỉnh Hậu Giang, nhiệm kỳ 2016 - 2021 "
     "đối với ông Nguyễn Văn Tuấn (nghỉ hưu).", None, "Nguyễn Văn Tuấn", [("Phó Chủ tịch", "UBND tỉnh Hậu Giang")]),
    ("Thủ tướng phê chuẩn miễn nhiệm chức Chủ tịch UBND tỉnh Hậu Giang đối với ông Lê Tiến Châu "
     "(nhận nhiệm vụ Bí thư Tỉnh ủy).", None, "Lê Tiến Châu",
     [("Chủ tịch", "UBND tỉnh Hậu Giang"), ("Bí thư", "Tỉnh ủy Hậu Giang")]),
    # former positions
    ("Đoàn do nguyên Thứ trưởng Bộ Tài chính Nguyễn Văn Hiếu dẫn đầu.", None, "Nguyễn Văn Hiếu",
     [("Thứ trưởng", "Bộ Tài chính")]),
    ("Nguyên Chủ tịch nước Trương Tấn Sang thăm hỏi bà con.", None, "Trương Tấn Sang",
     [("Chủ tịch nước", None)]),
    # villages, communes, mass organisations, enterprises
    ("Trưởng bản Lò Văn Pánh cho biết cả bản đã thoát nghèo.", None, "Lò Văn Pánh", [("Trưởng bản", None)]),
    ("Bí thư Chi bộ bản Huổi Một Lò Văn Xôm vận động bà con.", None, "Lò Văn Xôm",
     [("Bí thư", "Chi bộ bản Huổi Một")]),
    ("Chủ tịch UBND xã Sin Suối Hồ Vàng A Tủa cho biết.", None, "Vàng A Tủa",
     [("Chủ tịch", "UBND xã Sin Suối Hồ")]),
    ("Giám đốc Sở Nội vụ Nguyễn Văn Bình trình bày báo cáo.", None, "Nguyễn Văn Bình",
     [("Giám đốc", "Sở Nội vụ")]),
    ("Trưởng Ban Dân tộc tỉnh Lò Mai Thoan báo cáo.", "Sơn La", "Lò Mai Thoan",
     [("Trưởng Ban", "Ban Dân tộc tỉnh Sơn La")]),
    ("Chủ tịch Ủy ban MTTQ Việt Nam tỉnh Nguyễn Thị Thu trao quà.", "Lai Châu", "Nguyễn Thị Thu",
     [("Chủ tịch", "Ủy ban MTTQ Việt Nam tỉnh Lai Châu")]),
    ("Bí thư Tỉnh đoàn Hà Văn Hòa phát động phong trào.", "Hòa Bình", "Hà Văn Hòa",
     [("Bí thư", "Tỉnh đoàn Hòa Bình")]),
    ("Giám đốc Công ty Cổ phần Cà phê Phước An Trần Văn Nam cho biết.", None, "Trần Văn Nam",
     [("Giám đốc", "Công ty Cổ phần Cà phê Phước An")]),
    ("Tỉnh ủy viên, Giám đốc Sở Tài chính Đặng Văn Sơn báo cáo.", "Yên Bái", "Đặng Văn Sơn",
     [("Ủy viên", "Tỉnh ủy Yên Bái"), ("Giám đốc", "Sở Tài chính")]),
    ("Trưởng đoàn ĐBQH tỉnh Hoàng Quốc Khánh chủ trì buổi tiếp xúc.", "Lai Châu", "Hoàng Quốc Khánh",
     [("Trưởng đoàn", "đoàn ĐBQH tỉnh Lai Châu")]),
    ("Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh Lê Văn Lương dự lễ.", "Lai Châu", "Lê Văn Lương",
     [("Ủy viên", "Ban Thường vụ Tỉnh ủy Lai Châu"), ("Phó Chủ tịch", "UBND tỉnh Lai Châu")]),
    ("Chủ tịch Vingroup Phạm Nhật Vượng phát biểu.", None, "Phạm Nhật Vượng", [("Chủ tịch", "Vingroup")]),
    ("Phó Trưởng ban Dân tộc tỉnh Trà Vinh Kiên Banh triển khai chuyên đề.", None, "Kiên Banh",
     [("Phó Trưởng ban", "ban Dân tộc tỉnh Trà Vinh")]),
    ("Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên làm việc với tỉnh.", None, "Nguyễn Hồng Diên",
     [("Bộ trưởng", "Bộ Công Thương")]),
    ("Chủ tịch UBND tỉnh Hà Giang Nguyễn Văn Sơn tiếp đoàn.", None, "Nguyễn Văn Sơn",
     [("Chủ tịch", "UBND tỉnh Hà Giang")]),
    ("Giám đốc Sở Lao động - Thương binh và Xã hội Nguyễn Thị Lan cho biết.", None, "Nguyễn Thị Lan",
     [("Giám đốc", "Sở Lao động - Thương binh và Xã hội")]),
    ("Chánh Văn phòng UBND tỉnh Trần Minh Tuấn công bố quyết định.", None, "Trần Minh Tuấn",
     [("Chánh Văn phòng", "Văn phòng UBND tỉnh")]),
    ("Giám đốc Sở Y tế tỉnh Lai Châu bà Nguyễn Thị Hoa cho biết.", None, "Nguyễn Thị Hoa",
     [("Giám đốc", "Sở Y tế tỉnh Lai Châu")]),
    ("Ông Lò Văn Pánh (Trưởng bản Nà Ngòa) cho biết.", None, "Lò Văn Pánh", [("Trưởng bản", "bản Nà Ngòa")]),
    ("Đồng chí Y Thanh Hà Niê Kđăm, Ủy viên Trung ương Đảng, Trưởng Ban Dân tộc của Quốc hội dự.", None,
     "Y Thanh Hà Niê Kđăm", [("Ủy viên", "Trung ương Đảng"), ("Trưởng Ban", "Ban Dân tộc của Quốc hội")]),
    ("Ông Trần Văn Nam được bầu giữ chức Chủ tịch HĐND huyện Phong Thổ nhiệm kỳ 2021-2026.", None,
     "Trần Văn Nam", [("Chủ tịch", "HĐND huyện Phong Thổ")]),
    ("Ông Nguyễn Văn Mạnh, chủ tịch UBND xã Phú Lộc cho biết.", None, "Nguyễn Văn Mạnh",
     [("chủ tịch", "UBND xã Phú Lộc")]),
    ("Tổng Bí thư, Chủ tịch nước Tô Lâm tiếp Đại sứ Nhật Bản.", None, "Tô Lâm",
     [("Tổng Bí thư", None), ("Chủ tịch nước", None)]),
    # a surname that is also a ward or town name ("Hồ", "Đinh Văn") right after "tỉnh"
    ("Phát biểu chỉ đạo, Phó Chủ tịch UBND tỉnh Hồ Thị Minh đề nghị các sở đẩy nhanh tiến độ.", "Lai Châu",
     "Hồ Thị Minh", [("Phó Chủ tịch", "UBND tỉnh Lai Châu")]),
    ("Phó Chủ tịch UBND tỉnh Đinh Văn Klơi trình bày tờ trình tại kỳ họp.", None, "Đinh Văn Klơi",
     [("Phó Chủ tịch", "UBND tỉnh")]),
    # Central Highlands names: "A" particle, Cơ Tu "Zơ Râm", M'nông "Điểu", Jrai "Rơ Mah"
    ("Dự buổi làm việc có Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh A Blúp cùng đại diện các sở.", "Lai Châu",
     "A Blúp", [("Phó Bí thư", "Tỉnh ủy Lai Châu"), ("Chủ tịch", "UBND tỉnh Lai Châu")]),
    ("Chủ tịch UBND tỉnh Zơ Râm Bhơ kiểm tra tiến độ xây dựng trường học.", None, "Zơ Râm Bhơ",
     [("Chủ tịch", "UBND tỉnh")]),
    ("Phó Chủ tịch UBND tỉnh Điểu Văn Klơi trình bày tờ trình tại kỳ họp.", None, "Điểu Văn Klơi",
     [("Phó Chủ tịch", "UBND tỉnh")]),
    ("Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh Rơ Mah Tuân trao sổ tiết kiệm.", "Gia Lai", "Rơ Mah Tuân",
     [("Phó Chủ tịch", "Ủy ban MTTQ Việt Nam tỉnh Gia Lai")]),
    # a named person, then a hamlet head: the hamlet's name is no second person
    ("Bà Thạch Thị Sa Rết, Trưởng ấp Sóc Mới, xã Tân Hòa cho biết bà con rất phấn khởi.", None,
     "Thạch Thị Sa Rết", [("Trưởng ấp", "ấp Sóc Mới")]),
    ("Ông Chau Sóc Khăng, Trưởng ấp Phước Lợi, chia sẻ kinh nghiệm.", None, "Chau Sóc Khăng",
     [("Trưởng ấp", "ấp Phước Lợi")]),
    ("Ông Hà Văn Quý, Trưởng thôn Ka Rông, xã Hướng Lập, phát biểu.", None, "Hà Văn Quý",
     [("Trưởng thôn", "thôn Ka Rông")]),
    # a multi-word appointment cue ("chức vụ") before the title
    ("Ngày 5/3, UBND tỉnh quyết định thôi giữ chức vụ Phó Giám đốc Sở Xây dựng đối với ông Lê Quang Vinh "
     "để nghỉ hưu.", None, "Lê Quang Vinh", [("Phó Giám đốc", "Sở Xây dựng")]),
    # "Trưởng đoàn đại biểu Quốc hội": the body opens in lower case
    ("Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Trưởng đoàn đại biểu Quốc hội tỉnh Lào Cai Trần Văn Minh dự họp.",
     "Lai Châu", "Trần Văn Minh",
     [("Ủy viên", "Trung ương Đảng"), ("Bí thư", "Tỉnh ủy Lào Cai"),
      ("Trưởng đoàn", "đoàn đại biểu Quốc hội tỉnh Lào Cai")]),
    # a province in the chain after the name's body is not a later, unrelated one
    ("Theo báo cáo do Phó Chủ tịch UBND tỉnh Lê Văn Hòa trình bày, HĐND tỉnh Bình Phước đã bãi bỏ quy định.",
     "Đồng Nai", "Lê Văn Hòa", [("Phó Chủ tịch", "UBND tỉnh Đồng Nai")]),
    # commas inside a body's name
    ("Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch Nguyễn Văn Hùng dự lễ khai mạc.", None, "Nguyễn Văn Hùng",
     [("Bộ trưởng", "Bộ Văn hóa, Thể thao và Du lịch")]),
    ("Bà Y Nhung, Phó Chủ nhiệm Ủy ban Văn hóa, Giáo dục của Quốc hội, thăm trường.", None, "Y Nhung",
     [("Phó Chủ nhiệm", "Ủy ban Văn hóa, Giáo dục của Quốc hội")]),
    # a bare office takes the nearest earlier body of its kind in the paragraph
    ("Đoàn công tác của Bộ Y tế do Thứ trưởng Trần Văn Thuấn dẫn đầu đã làm việc với tỉnh.", None,
     "Trần Văn Thuấn", [("Thứ trưởng", "Bộ Y tế")]),
    ("Tại bản Co Muông, ông Lò Văn Thiện, Trưởng bản, cho biết cả bản đã có điện lưới.", None, "Lò Văn Thiện",
     [("Trưởng bản", "bản Co Muông")]),
    ("Học viên học tại Trường Cao đẳng Y tế Điện Biên. ThS. Quàng Thị Lan, Phó Hiệu trưởng nhà trường, cho biết.",
     None, "Quàng Thị Lan", [("Phó Hiệu trưởng", "Trường Cao đẳng Y tế Điện Biên")]),
    # "Sở ... thành phố" keeps its own words and is completed with the city's name
    ("Ông Trần Văn Bé, Giám đốc Sở Y tế thành phố, cho biết TP Cần Thơ có 12 bệnh viện.", "Cần Thơ",
     "Trần Văn Bé", [("Giám đốc", "Sở Y tế thành phố Cần Thơ")]),
    # a title chain, then a rank and the holder between commas
    ("Giám đốc Công an tỉnh Điện Biên, Thiếu tướng Nguyễn Văn Thi, phát biểu.", None, "Nguyễn Văn Thi",
     [("Giám đốc", "Công an tỉnh Điện Biên")]),
    ("Chủ tịch Hội Nông dân tỉnh, ông Hoàng Văn Lực, trao giấy khen.", "Lai Châu", "Hoàng Văn Lực",
     [("Chủ tịch", "Hội Nông dân tỉnh Lai Châu")]),
    # a body whose capitalised head opens a three-syllable word
    ("Ông Vũ Đình Thắng, Chủ tịch Hội Cựu chiến binh tỉnh, tặng quà các hộ nghèo.", "Lai Châu", "Vũ Đình Thắng",
     [("Chủ tịch", "Hội Cựu chiến binh tỉnh Lai Châu")]),
    # news-style sentences: national offices, departments, communes, ranks, women's and long names
    ("Phó Thủ tướng Chính phủ Trần Hồng Hà kiểm tra công trình.", None, "Trần Hồng Hà",
     [("Phó Thủ tướng", "Chính phủ")]),
    ("Giám đốc Sở Nông nghiệp và Môi trường tỉnh Nghệ An Phạm Văn Hóa báo cáo tình hình.", None, "Phạm Văn Hóa",
     [("Giám đốc", "Sở Nông nghiệp và Môi trường tỉnh Nghệ An")]),
    ("Chủ tịch UBND huyện Mường Tè Lò Văn Chinh đón đoàn.", None, "Lò Văn Chinh",
     [("Chủ tịch", "UBND huyện Mường Tè")]),
    ("Bí thư Đảng ủy xã Tà Tổng Lý Văn Sì phát biểu tại buổi lễ.", None, "Lý Văn Sì",
     [("Bí thư", "Đảng ủy xã Tà Tổng")]),
    ("Ông Nguyễn Văn Dũng, Trưởng Công an xã Nậm Hàng, cho biết tình hình an ninh ổn định.", None,
     "Nguyễn Văn Dũng", [("Trưởng", "Công an xã Nậm Hàng")]),
    ("Thượng tướng Lê Quốc Hùng, Ủy viên Trung ương Đảng, Thứ trưởng Bộ Công an dự buổi lễ.", None,
     "Lê Quốc Hùng", [("Ủy viên", "Trung ương Đảng"), ("Thứ trưởng", "Bộ Công an")]),
    ("Bà Nguyễn Thị Thanh Hương, Phó Giám đốc Sở Y tế, phát biểu tại hội nghị.", None, "Nguyễn Thị Thanh Hương",
     [("Phó Giám đốc", "Sở Y tế")]),
    ("Chủ tịch Hội Liên hiệp Phụ nữ tỉnh Lò Thị Ngọc Anh trao tặng quà.", "Lai Châu", "Lò Thị Ngọc Anh",
     [("Chủ tịch", "Hội Liên hiệp Phụ nữ tỉnh Lai Châu")]),
    ("Ông Trần Hữu Thế (Phó Chủ tịch UBND tỉnh) cho biết tỉnh sẽ ưu tiên vốn cho các xã vùng cao.", "Lai Châu",
     "Trần Hữu Thế", [("Phó Chủ tịch", "UBND tỉnh Lai Châu")]),
    ("Đồng chí Bùi Văn Khánh - Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Tỉnh ủy phát biểu khai mạc.",
     "Lai Châu", "Bùi Văn Khánh",
     [("Ủy viên", "Ban Thường vụ"), ("Trưởng Ban", "Ban Tuyên giáo Tỉnh ủy Lai Châu")]),
    ("\"Chúng tôi sẽ đồng hành cùng bà con\", Phó Chủ tịch UBND huyện Đinh Thị Hoa khẳng định.", None,
     "Đinh Thị Hoa", [("Phó Chủ tịch", "UBND huyện")]),
    ("PV: Xin ông cho biết kết quả?\nÔng Hà Văn Tuân (Giám đốc Sở Dân tộc và Tôn giáo): Năm qua, tỉnh đã "
     "giải ngân hơn 90% vốn.", None, "Hà Văn Tuân", [("Giám đốc", "Sở Dân tộc và Tôn giáo")]),
    ("Thứ trưởng Bộ Giáo dục và Đào tạo Phạm Ngọc Thưởng phát biểu tại lễ khai giảng.", None, "Phạm Ngọc Thưởng",
     [("Thứ trưởng", "Bộ Giáo dục và Đào tạo")]),
    ("Phó Chủ tịch Thường trực HĐND tỉnh Giàng Thị Hoa chủ trì phiên họp.", "Lai Châu", "Giàng Thị Hoa",
     [("Phó Chủ tịch Thường trực", "HĐND tỉnh Lai Châu")]),
    ("Trung tướng Nguyễn Văn Long, Thứ trưởng Bộ Công an, phát biểu tại buổi lễ.", None, "Nguyễn Văn Long",
     [("Thứ trưởng", "Bộ Công an")]),
    ("Giám đốc Bệnh viện Đa khoa tỉnh Trần Minh Quang cho biết bệnh viện đã tiếp nhận 200 ca.", "Lai Châu",
     "Trần Minh Quang", [("Giám đốc", "Bệnh viện Đa khoa tỉnh Lai Châu")]),
    ("Trưởng thôn Khe Cát Hoàng Văn Phúc vận động bà con hiến đất làm đường.", None, "Hoàng Văn Phúc",
     [("Trưởng thôn", "thôn Khe Cát")]),
    ("Bà Lương Thị Hồng Vân, Bí thư Chi bộ thôn Nà Lếch, cho biết.", None, "Lương Thị Hồng Vân",
     [("Bí thư", "Chi bộ thôn Nà Lếch")]),
    ("Ông Y Vinh Tơr, Phó Trưởng Ban Dân vận Trung ương, thăm hỏi bà con buôn Kô Siêr.", None, "Y Vinh Tơr",
     [("Phó Trưởng Ban", "Ban Dân vận Trung ương")]),
    ("Bà Nguyễn Thị Hồng Nhung, Tổng Biên tập Báo Lạng Sơn, cho biết tòa soạn đã lập nhóm phóng viên.", None,
     "Nguyễn Thị Hồng Nhung", [("Tổng Biên tập", "Báo Lạng Sơn")]),
    ("Ông Nguyễn Văn Hòa, Phó Giám đốc Sở Giáo dục và Đào tạo tỉnh Gia Lai cho biết, năm học này có 120 trường.",
     None, "Nguyễn Văn Hòa", [("Phó Giám đốc", "Sở Giáo dục và Đào tạo tỉnh Gia Lai")]),
    # K'Ho particle written apart from the given name
    ("Dự buổi gặp mặt có bà K' Thị Lan, Phó Chủ tịch Hội Liên hiệp Phụ nữ tỉnh.", "Lâm Đồng", "K' Thị Lan",
     [("Phó Chủ tịch", "Hội Liên hiệp Phụ nữ tỉnh Lâm Đồng")]),
    # a list after "các đồng chí:" opens with a name that has no surname (S'tiêng "Thị ...")
    ("Tham dự có các đồng chí: Thị Thanh Hoa - Phó Chủ tịch UBND huyện Lộc Ninh; Điểu Văn Rết, Trưởng phòng "
     "Dân tộc huyện.", None, "Thị Thanh Hoa", [("Phó Chủ tịch", "UBND huyện Lộc Ninh")]),
    # Cham family names
    ("Ông Đàng Văn Hải – Phó Giám đốc Sở Nội vụ phát biểu.", None, "Đàng Văn Hải", [("Phó Giám đốc", "Sở Nội vụ")]),
    ("Đến dự có bà Nông Thị Lan; Quảng Văn Minh - Chủ tịch UBND xã Phước Hà.", None, "Quảng Văn Minh",
     [("Chủ tịch", "UBND xã Phước Hà")]),
    # Khmer hamlet (sóc) heads, association branches, pagoda abbots, border-post commissars
    ("Ông Thạch Sa Rinh, Trưởng sóc Cầu Ván, cho biết bà con rất vui.", None, "Thạch Sa Rinh",
     [("Trưởng sóc", "sóc Cầu Ván")]),
    ("Bà Kim Thị Sà Nây làm Chi hội trưởng Chi hội Phụ nữ ấp Tà Lọt.", None, "Kim Thị Sà Nây",
     [("Chi hội trưởng", "Chi hội Phụ nữ ấp Tà Lọt")]),
    ("Đại đức Danh Sóc Kha, trụ trì chùa Prey Chóp, tiếp đoàn.", None, "Danh Sóc Kha",
     [("trụ trì", "chùa Prey Chóp")]),
    ("Thiếu tá Hờ A Dơ, Chính trị viên Đồn Biên phòng Lũng Cú, cho biết.", None, "Hờ A Dơ",
     [("Chính trị viên", "Đồn Biên phòng Lũng Cú")]),
    # the office alone, the body apart: "Trưởng Công an xã", "Bí thư Đoàn xã", "Bí thư chi đoàn bản"
    ("Ông Lâm Văn Tư, Phó Trưởng Công an xã Lộc Hưng, báo cáo tình hình.", None, "Lâm Văn Tư",
     [("Phó Trưởng", "Công an xã Lộc Hưng")]),
    ("Anh Hoàng Văn Tú, Bí thư Đoàn xã Nà Phặc, cho biết.", None, "Hoàng Văn Tú", [("Bí thư", "Đoàn xã Nà Phặc")]),
    ("Anh Lò Văn Khánh, Bí thư chi đoàn bản Nậm Cang chia sẻ kinh nghiệm.", None, "Lò Văn Khánh",
     [("Bí thư", "chi đoàn bản Nậm Cang")]),
    # Êđê names shorten from the end: "Y Khoa" is "Y Khoa Niê"
    ("Buổi làm việc do Phó Bí thư Huyện ủy Y Khoa Niê chủ trì. Kết luận, Phó Bí thư Huyện ủy Y Khoa đề nghị "
     "xã khẩn trương.", None, "Y Khoa Niê", [("Phó Bí thư", "Huyện ủy")]),
    # a name given without its surname takes the full form written elsewhere
    ("Tại ấp Sóc Xoài, đoàn thăm ông Danh Sà Rương. Ông Sà Rương hiện là Tổ trưởng tổ tự quản ấp.", None,
     "Danh Sà Rương", [("Tổ trưởng", None)]),
    # National Assembly deputies: lower-case office, delegation in brackets
    ("Phát biểu, đại biểu Quốc hội tỉnh Lào Cai Giàng Thị Dung đề nghị tăng vốn.", None, "Giàng Thị Dung",
     [("đại biểu Quốc hội", "tỉnh Lào Cai")]),
    ("Đại biểu Nông Thị Hà (Đoàn Cao Bằng) đề nghị ưu tiên vốn.", None, "Nông Thị Hà",
     [("Đại biểu Quốc hội", "Đoàn Cao Bằng")]),
    # a bare office far from its body takes the one body of its kind other offices name
    ("Bộ trưởng Bộ Y tế Đào Hồng Lan dự hội nghị.\n\nSau đó, Thứ trưởng Trần Văn Thuấn trình bày báo cáo.", None,
     "Trần Văn Thuấn", [("Thứ trưởng", "Bộ Y tế")]),
    ("Thứ trưởng Trần Văn Thuấn cho biết Bộ sẽ phối hợp với Bộ Tài chính để rà soát.", None, "Trần Văn Thuấn",
     [("Thứ trưởng", None)]),
    # an appointment after the current office, a duty before the body, a concurrent office
    ("Ông Lê Minh Đức, Phó Vụ trưởng phụ trách Vụ Pháp chế giữ chức Vụ trưởng Vụ Pháp chế.", None, "Lê Minh Đức",
     [("Phó Vụ trưởng", "Vụ Pháp chế"), ("Vụ trưởng", "Vụ Pháp chế")]),
    ("Bổ nhiệm ông Lê Văn Tâm, Phó Giám đốc Sở Y tế giữ chức vụ Giám đốc Sở Y tế.", None, "Lê Văn Tâm",
     [("Phó Giám đốc", "Sở Y tế"), ("Giám đốc", "Sở Y tế")]),
    ("Ông Trần Văn Hào, Phó Giám đốc kiêm Chánh Văn phòng Sở Y tế, cho biết.", None, "Trần Văn Hào",
     [("Phó Giám đốc", None), ("Chánh Văn phòng", "Văn phòng Sở Y tế")]),
    ("Sáng nay, TP Cần Thơ khai mạc hội nghị. Chủ tịch UBND thành phố Cần Thơ dự. Ông Võ Văn Tám, Phó Giám đốc "
     "Công an thành phố cho biết.", "Cần Thơ", "Võ Văn Tám", [("Phó Giám đốc", "Công an thành phố Cần Thơ")]),
    ("Hội Nông dân TP Đà Nẵng tổ chức hội nghị. Bà Lê Thị Hồng, Phó Trưởng Ban Dân tộc thành phố, phát biểu.",
     "Đà Nẵng", "Lê Thị Hồng", [("Phó Trưởng Ban", "Ban Dân tộc thành phố Đà Nẵng")]),
    # Hồ Chí Minh City is named only with its prefix: the text's spelled-out form, else its abbreviation
    ("Đoàn của UBND TP. Hồ Chí Minh thăm ký túc xá ĐHQG TP.HCM. Ông Lê Quang Vinh, Phó Chủ tịch UBND thành "
     "phố, tặng quà.", "Hồ Chí Minh", "Lê Quang Vinh", [("Phó Chủ tịch", "UBND TP. Hồ Chí Minh")]),
    ("Công an TP.HCM ra quân. Bà Đỗ Thị Hạnh, Phó Giám đốc Sở Y tế thành phố, dự lễ.", "Hồ Chí Minh",
     "Đỗ Thị Hạnh", [("Phó Giám đốc", "Sở Y tế TP.HCM")]),
    # the province as the text spells it
    ("Huyện Nam Đông (tỉnh Thừa Thiên - Huế) khánh thành trường. Dự lễ có bà Lê Thị Hoa, Phó Chủ tịch UBND tỉnh.",
     "Thừa Thiên Huế", "Lê Thị Hoa", [("Phó Chủ tịch", "UBND tỉnh Thừa Thiên - Huế")]),
    # the standing deputy is an office of its own
    ("Ông Y Nhuan Byă, Phó Trưởng Ban Thường trực Ban Dân tộc tỉnh Đắk Lắk, cho biết.", None, "Y Nhuan Byă",
     [("Phó Trưởng Ban Thường trực", "Ban Dân tộc tỉnh Đắk Lắk")]),
    ("Phó Chủ nhiệm Thường trực Ủy ban Kiểm tra Tỉnh ủy Lý Văn Sìn phát biểu.", "Lào Cai", "Lý Văn Sìn",
     [("Phó Chủ nhiệm Thường trực", "Ủy ban Kiểm tra Tỉnh ủy Lào Cai")]),
    # an acronym glued to the unit word after it
    ("Phó Chủ tịch UBNDtỉnh Quảng Bình Hồ An Phong đã ký quyết định.", None, "Hồ An Phong",
     [("Phó Chủ tịch", "UBND tỉnh Quảng Bình")]),
    # a body named by its kind alone stands for the one named in full before
    ("Sở NN&PTNT là cơ quan chủ trì. Ông Lê Văn Hải, Giám đốc Sở cho biết sẽ mở 20 lớp.", "Yên Bái",
     "Lê Văn Hải", [("Giám đốc", "Sở NN&PTNT")]),
    ("Ông Hà Văn Nam, Phó Giám đốc Sở phát biểu tại hội nghị.", None, "Hà Văn Nam", [("Phó Giám đốc", "Sở")]),
    ("Sở Y tế phối hợp với Sở Tài chính. Ông Lê Văn An, Giám đốc Sở cho biết sẽ mở lớp.", None, "Lê Văn An",
     [("Giám đốc", "Sở")]),
    ("Lễ khai giảng ở Trường Tiểu học Na Sang, huyện Mường Chà.\n\nNăm nay trường có 400 học sinh. Thầy Lò Văn "
     "Tâm, Hiệu trưởng nhà trường cho biết, trường có thêm 6 phòng học.", None, "Lò Văn Tâm",
     [("Hiệu trưởng", "Trường Tiểu học Na Sang")]),
    ("Ông Lò Văn Tâm, Hiệu trưởng nhà trường cho biết, năm nay có 400 học sinh.", None, "Lò Văn Tâm",
     [("Hiệu trưởng", None)]),
    # an outlet's province names no place; the paragraph's earlier province beats the article's
    ("Phóng viên Báo Sóc Trăng trao đổi với ông Danh Út, Phó Trưởng Ban Dân tộc tỉnh.", "Kiên Giang", "Danh Út",
     [("Phó Trưởng Ban", "Ban Dân tộc tỉnh Kiên Giang")]),
    ("Ông Phạm Anh Tuấn, Chủ tịch UBND tỉnh Bình Định, tiếp công dân. Cùng dự có bà Trần Thị Lệ, Phó Chánh "
     "Thanh tra tỉnh.", "Gia Lai", "Trần Thị Lệ", [("Phó Chánh Thanh tra", "Thanh tra tỉnh Bình Định")]),
    # an age between the name and the office
    ("Người trẻ nhất là Thạch Minh Tú, 24 tuổi, Bí thư Chi đoàn ấp Phú Thạnh, phát biểu.", None, "Thạch Minh Tú",
     [("Bí thư", "Chi đoàn ấp Phú Thạnh")]),
    # lower-case words inside a body's name; "xã hội" is no commune
    ("Phó Chủ tịch UBND tỉnh, Trưởng Ban chỉ đạo Nguyễn Thanh Hải phát biểu.", "Cao Bằng", "Nguyễn Thanh Hải",
     [("Phó Chủ tịch", "UBND tỉnh Cao Bằng"), ("Trưởng Ban", "Ban chỉ đạo")]),
    ("Ông Hà Văn Tám, Phó Cục trưởng Cục Bảo trợ xã hội, cho biết.", None, "Hà Văn Tám",
     [("Phó Cục trưởng", "Cục Bảo trợ xã hội")]),
    # a ministry written in sentence case: a field word after a field continues the name
    ("Đón đoàn có Thứ trưởng Bộ Tài nguyên và môi trường Lê Minh Ngân cùng lãnh đạo tỉnh.", None,
     "Lê Minh Ngân", [("Thứ trưởng", "Bộ Tài nguyên và môi trường")]),
    ("Sáng nay, Bộ trưởng Bộ Giao thông vận tải Vũ Quốc Khánh kiểm tra công trường cầu Rạch Miễu 2.", None,
     "Vũ Quốc Khánh", [("Bộ trưởng", "Bộ Giao thông vận tải")]),
    # ... but not a field that is also a verb: "Sở Y tế xây dựng kế hoạch" keeps the body short
    ("Bà Lò Thị Vân, Giám đốc Sở Y tế xây dựng kế hoạch phòng dịch mùa mưa.", None, "Lò Thị Vân",
     [("Giám đốc", "Sở Y tế")]),
    # a numbered urban hamlet (khu vực) is a unit like a village
    ("Bà Trần Thị Mai, Trưởng khu vực 7, phường Hưng Lợi, kể lại đêm mưa lớn.", None, "Trần Thị Mai",
     [("Trưởng khu vực", "khu vực 7")]),
    # a faculty's head: the faculty is the body, the university after a comma is its parent
    ("PGS.TS Đỗ Văn Hòa, Phó Trưởng khoa Kinh tế, Trường Đại học Tây Nguyên, trình bày tham luận.", None,
     "Đỗ Văn Hòa", [("Phó Trưởng khoa", "khoa Kinh tế, Trường Đại học Tây Nguyên")]),
    # a caption's bracketed place of the person between the name and the office
    ("Ảnh: Bà Lò Thị Hoa (ngoài cùng bên trái), Chủ tịch Hội Phụ nữ xã Chiềng Ơn, tặng quà.", None,
     "Lò Thị Hoa", [("Chủ tịch", "Hội Phụ nữ xã Chiềng Ơn")]),
    # Hà Nhì and Mông surnames; police and army ranks are no position
    ("Thiếu tá Lù Văn Phù, Đồn trưởng Đồn Biên phòng Mù Cả, báo cáo kết quả tuần tra.", None, "Lù Văn Phù",
     [("Đồn trưởng", "Đồn Biên phòng Mù Cả")]),
    # a bare command office takes the command named earlier in the paragraph
    ("Đoàn của Bộ Chỉ huy Quân sự tỉnh Sóc Trăng do Thượng tá Lâm Thanh Hải, Chỉ huy trưởng dẫn đầu.", None,
     "Lâm Thanh Hải", [("Chỉ huy trưởng", "Bộ Chỉ huy Quân sự tỉnh Sóc Trăng")]),
    ("Đoàn khảo sát của Ban Pháp chế HĐND tỉnh Hòa Bình do bà Bùi Thị Nhung, Trưởng ban, dẫn đầu.", None,
     "Bùi Thị Nhung", [("Trưởng ban", "Ban Pháp chế HĐND tỉnh Hòa Bình")]),
    # beyond the paragraph: the one body of that kind the article names before the first mention
    ("Bộ Y tế vừa ban hành Thông tư hướng dẫn khám bệnh từ xa.\n\nThông tư do Thứ trưởng Đỗ Xuân Tuyên ký.",
     None, "Đỗ Xuân Tuyên", [("Thứ trưởng", "Bộ Y tế")]),
    ("Thứ trưởng Lê Văn Thành: Bộ sẽ rà soát.\n\nBộ đang phối hợp với Bộ Tài chính.\n\nThứ trưởng "
     "Lê Văn Thành: Xin cảm ơn.", None, "Lê Văn Thành", [("Thứ trưởng", None)]),
    # religious dignitaries: the abbot of "chùa" is the abbot of the pagoda named before
    ("Đoàn đến chùa Som Rông. Thượng tọa Lâm Em, Trụ trì chùa, cảm ơn đoàn.", None, "Lâm Em",
     [("Trụ trì", "chùa Som Rông")]),
    ("Hòa thượng Danh Lung, Phó Pháp chủ Hội đồng Chứng minh Giáo hội Phật giáo Việt Nam, dự lễ.", None,
     "Danh Lung", [("Phó Pháp chủ", "Hội đồng Chứng minh Giáo hội Phật giáo Việt Nam")]),
    # a province named as a former unit, or in someone's former office, completes no current body
    ("Tại xã Đắk Mil, tỉnh Lâm Đồng, lễ khởi công diễn ra. Ông Lê Văn Tám, Phó Chủ tịch UBND tỉnh cho biết, "
     "khu vực Đắk Nông (cũ) còn 20 cầu tạm.", "Đắk Nông", "Lê Văn Tám",
     [("Phó Chủ tịch", "UBND tỉnh Lâm Đồng")]),
    ("Trước đó, ông Bình từng là Phó Bí thư Tỉnh ủy Bắc Kạn. Ông Hoàng Văn Hải, nguyên Bí thư Tỉnh ủy, "
     "nghỉ hưu.", "Thái Nguyên", "Hoàng Văn Hải", [("Bí thư", "Tỉnh ủy Thái Nguyên")]),
    # foreign officials: a diplomat's body runs through "tại" + the host country; names need no Vietnamese
    # surname after a country; an acronym in brackets stays inside the body
    ("Đón đoàn có Đại sứ đặc mệnh toàn quyền Hàn Quốc tại Việt Nam Choi Young Sam và các doanh nghiệp.", None,
     "Choi Young Sam", [("Đại sứ đặc mệnh toàn quyền", "Hàn Quốc tại Việt Nam")]),
    ("Phát biểu có Trưởng Đại diện Cơ quan Phát triển Pháp (AFD) tại Việt Nam Hervé Conan.", None,
     "Hervé Conan", [("Trưởng Đại diện", "Cơ quan Phát triển Pháp (AFD) tại Việt Nam")]),
    ("Cùng dự có Tham tán Công sứ Đại sứ quán Thái Lan Somchai Wongsa và đại diện các bộ.", None,
     "Somchai Wongsa", [("Tham tán Công sứ", "Đại sứ quán Thái Lan")]),
    ("Về phía bạn Lào có ông Bounmy Phommachanh, Phó Tỉnh trưởng tỉnh Hủa Phăn, cùng đoàn công tác.", None,
     "Bounmy Phommachanh", [("Phó Tỉnh trưởng", "tỉnh Hủa Phăn")]),
    # a surname before a province's name is a person, and that province completes no body
    ("Thượng tá Trần Bắc Giang, Phó Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh, báo cáo.", "Lạng Sơn",
     "Trần Bắc Giang", [("Phó Chỉ huy trưởng", "Bộ Chỉ huy Quân sự tỉnh Lạng Sơn")]),
    # "Thành" opens a name before a middle syllable
    ("Bà Thành Thị Hồng, Chủ tịch Hội Phụ nữ xã Phước Dân, phát biểu.", None, "Thành Thị Hồng",
     [("Chủ tịch", "Hội Phụ nữ xã Phước Dân")]),
    # a stray line break inside the sentence between the office and the name
    ("Dự hội nghị có Bộ trưởng Bộ Tư pháp\nLê Thành Long. Hội nghị bàn về cải cách thể chế.", None,
     "Lê Thành Long", [("Bộ trưởng", "Bộ Tư pháp")]),
    # lower-case words of bodies: "tối cao", "công tác", "hòa giải"
    ("Phó Viện trưởng Viện Kiểm sát nhân dân tối cao Nguyễn Huy Tiến dự phiên họp.", None, "Nguyễn Huy Tiến",
     [("Phó Viện trưởng", "Viện Kiểm sát nhân dân tối cao")]),
    ("Ông Hà Văn Sinh, Trưởng Ban công tác Mặt trận thôn Nà Lại, cho biết.", None, "Hà Văn Sinh",
     [("Trưởng Ban", "Ban công tác Mặt trận thôn Nà Lại")]),
    ("Bà Lý Thị Mai hiện là Tổ trưởng tổ hòa giải ấp Cây Gòn.", None, "Lý Thị Mai",
     [("Tổ trưởng", "tổ hòa giải ấp Cây Gòn")]),
    # an office known with its body: a later bare mention after another court adds no second body
    ("Chánh án Tòa án nhân dân tối cao Lê Minh Trí chủ trì. Tại điểm cầu, Chánh án Tòa án nhân dân tỉnh "
     "Đỗ Thị Lan báo cáo. Chánh án Lê Minh Trí yêu cầu xét xử nghiêm.", "Gia Lai", "Lê Minh Trí",
     [("Chánh án", "Tòa án nhân dân tối cao")]),
    # the body a speaker stands for ("thay mặt") is that of the bare office after the name
    ("Thay mặt Hội Cựu chiến binh tỉnh, ông Lò Văn Pấu, Phó Chủ tịch, cảm ơn đoàn.", "Sơn La", "Lò Văn Pấu",
     [("Phó Chủ tịch", "Hội Cựu chiến binh tỉnh Sơn La")]),
    # a lower-case description between commas before the office
    ("Ông Ksor H'Lun, người có uy tín, Trưởng buôn Ea Nao, chia sẻ kinh nghiệm.", None, "Ksor H'Lun",
     [("Trưởng buôn", "buôn Ea Nao")]),
    # a "thành phố" body is completed with a city run by the centre, not a ward of the same name
    ("Đoàn của TP Cần Thơ thăm phường Sóc Trăng. Ông Lê Văn An, Phó Giám đốc Sở Nội vụ thành phố, cho biết.",
     "Sóc Trăng", "Lê Văn An", [("Phó Giám đốc", "Sở Nội vụ thành phố Cần Thơ")]),
    # the full-time deputy of a provincial National Assembly delegation is an office of its own
    ("Tiếp đoàn có bà Vũ Thị Mai, Phó Trưởng đoàn chuyên trách Đoàn ĐBQH tỉnh, cùng lãnh đạo các sở.",
     "Hà Giang", "Vũ Thị Mai", [("Phó Trưởng đoàn chuyên trách", "Đoàn ĐBQH tỉnh Hà Giang")]),
    # a standing office chief: "thường trực" belongs to the title; the steering command named in lower case
    ("Ông Lê Quang Tùng, Chánh Văn phòng thường trực Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn "
     "tỉnh Quảng Trị, báo cáo tình hình mưa lũ.", None, "Lê Quang Tùng",
     [("Chánh Văn phòng thường trực",
       "Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh Quảng Trị")]),
    # an assignment clause after the name gives the office
    ("Sau hợp nhất, ông Ngô Văn Khải được giao giữ chức Phó Chủ tịch UBND tỉnh.", "Tuyên Quang",
     "Ngô Văn Khải", [("Phó Chủ tịch", "UBND tỉnh Tuyên Quang")]),
    # a national park opens a body's name in sentence case
    ("Ông Trần Văn Sơn, Phó Giám đốc Vườn quốc gia Cúc Phương, giới thiệu về rừng.", None, "Trần Văn Sơn",
     [("Phó Giám đốc", "Vườn quốc gia Cúc Phương")]),
    # fields listed after a comma in lower case stay in the body's name
    ("Bà Đỗ Thị Lan, Phó Cục trưởng Cục Hộ tịch, quốc tịch, chứng thực, giải đáp thắc mắc.", None,
     "Đỗ Thị Lan", [("Phó Cục trưởng", "Cục Hộ tịch, quốc tịch, chứng thực")]),
    # ... but a verb after the comma is the sentence going on
    ("Ông Hà Văn Bình, Giám đốc Sở Y tế, xây dựng kế hoạch phòng dịch cho mùa mưa.", None, "Hà Văn Bình",
     [("Giám đốc", "Sở Y tế")]),
    # holders listed after one office
    ("Thủ tướng phê chuẩn kết quả bầu Phó Chủ tịch UBND tỉnh Hòa Bình đối với: Ông Bùi Văn Khánh, ông Đinh "
     "Công Sứ và bà Nguyễn Thị Thu Hà.", None, "Đinh Công Sứ", [("Phó Chủ tịch", "UBND tỉnh Hòa Bình")]),
    ("Thủ tướng phê chuẩn kết quả bầu Phó Chủ tịch UBND tỉnh Hòa Bình đối với: Ông Bùi Văn Khánh, ông Đinh "
     "Công Sứ và bà Nguyễn Thị Thu Hà.", None, "Nguyễn Thị Thu Hà", [("Phó Chủ tịch", "UBND tỉnh Hòa Bình")]),
    ("Các phó chủ tịch UBND tỉnh gồm ông Hà Ngọc Lâm, Trần Quốc Tỏ và Lò Thị Hường.", "Sơn La",
     "Trần Quốc Tỏ", [("phó chủ tịch", "UBND tỉnh Sơn La")]),
    ("Ba phó chủ tịch HĐND tỉnh là ông Vi Văn Lực, bà Mùa Thị Dở và ông Lý Văn Pao.", "Lai Châu",
     "Mùa Thị Dở", [("phó chủ tịch", "HĐND tỉnh Lai Châu")]),
    ("Với việc ông Nam nghỉ hưu, Bộ Công Thương còn có 4 thứ trưởng gồm: Đỗ Hữu Phúc, Trương Thanh Hà, "
     "Nguyễn Sinh Khôi và Phan Quốc Bảo.", None, "Nguyễn Sinh Khôi", [("thứ trưởng", "Bộ Công Thương")]),
    # re-election links
    ("Ông Hoàng Văn Tám được bầu lại chức chủ tịch UBND tỉnh; ông Ma Văn Lộc được tái bầu làm phó chủ tịch "
     "HĐND tỉnh.", "Cao Bằng", "Ma Văn Lộc", [("phó chủ tịch", "HĐND tỉnh Cao Bằng")]),
    # a rank between the name and the office is no office
    ("Đối với ông Vũ Đức Thịnh, Thượng tá, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh Điện Biên.", None,
     "Vũ Đức Thịnh", [("Chỉ huy trưởng", "Bộ Chỉ huy Quân sự tỉnh Điện Biên")]),
    # offices each before their holder, in a list
    ("Đồng chủ trì có Chủ tịch Hội Nông dân Việt Nam Lương Quốc Đoàn, Phó Thủ tướng Lê Hữu Toàn, Bộ trưởng "
     "Bộ Y tế Đặng Thanh Vân.", None, "Lê Hữu Toàn", [("Phó Thủ tướng", None)]),
    ("Đồng chủ trì có Chủ tịch Hội Nông dân Việt Nam Lương Quốc Đoàn, Phó Thủ tướng Lê Hữu Toàn, Bộ trưởng "
     "Bộ Y tế Đặng Thanh Vân.", None, "Đặng Thanh Vân", [("Bộ trưởng", "Bộ Y tế")]),
    ("Đồng chủ trì có Chủ tịch Hội Nông dân Việt Nam Lương Quốc Đoàn, Phó Thủ tướng Lê Hữu Toàn, Bộ trưởng "
     "Bộ Y tế Đặng Thanh Vân.", None, "Lương Quốc Đoàn", [("Chủ tịch", "Hội Nông dân Việt Nam")]),
    ("Thay mặt Tổng Bí thư Hà Quang Vinh, Chủ tịch UBND tỉnh Nông Thị Huệ trao quà cho hộ nghèo.", "Bắc Kạn",
     "Nông Thị Huệ", [("Chủ tịch", "UBND tỉnh Bắc Kạn")]),
    # a rank between the office and the name is neither office nor body
    ("Phó Trưởng Công an xã Trung úy Sùng A Chứ cho biết.", None, "Sùng A Chứ", [("Phó Trưởng", "Công an xã")]),
    # a headline's office before a bare province stands for its committee
    ("Một ngày trước, Chủ tịch Bắc Giang Hà Minh Đức được điều động làm Phó Bí thư.", None, "Hà Minh Đức",
     [("Chủ tịch", "UBND tỉnh Bắc Giang")]),
    ("Bí thư Đà Nẵng Trương Quang Vũ phát biểu khai mạc.", None, "Trương Quang Vũ",
     [("Bí thư", "Thành ủy Đà Nẵng")]),
    # foreign state offices: the country is neither the name nor a body
    ("Chiều 3/4, Tổng thống Pháp Jean Dubois điện đàm với Chủ tịch nước.", None, "Jean Dubois",
     [("Tổng thống", None)]),
    ("Phó Thủ tướng Nga Sergei Volkov hội đàm với đoàn Việt Nam.", None, "Sergei Volkov",
     [("Phó Thủ tướng", None)]),
    # hyphenated ethnic-minority names and abbreviated committee memberships
    ("Bà Ra-lan Thị Hoa, Phó Chủ tịch UBND huyện Đông Giang, phát biểu.", None, "Ra-lan Thị Hoa",
     [("Phó Chủ tịch", "UBND huyện Đông Giang")]),
    ("Dự kỳ họp có Hoàng Thị Nhung - TUV, Phó Chủ tịch HĐND tỉnh.", "Hà Giang", "Hoàng Thị Nhung",
     [("Ủy viên", "Tỉnh ủy Hà Giang"), ("Phó Chủ tịch", "HĐND tỉnh Hà Giang")]),
    ("Tham dự có đồng chí Lâm Văn Bi, Ủy viên T.Ư Đảng, Bộ trưởng, Chủ nhiệm UBDT.", None, "Lâm Văn Bi",
     [("Ủy viên", "Trung ương Đảng"), ("Bộ trưởng", "UBDT"), ("Chủ nhiệm", "UBDT")]),
]


def _simple(official: Official) -> list[tuple[str, str | None]]:
    return [(p.title, p.organization) for p in official.positions]


@pytest.mark.parametrize(("text", "province", "name", "positions"), PATTERNS,
                         ids=[row[2] for row in PATTERNS])
def test_official_pattern(text, province, name, positions):
    found = {o.name: o for o in find_officials(text, province)}
    assert name in found, f"{name!r} not found; got {list(found)}"
    got = [(t.casefold(), o.casefold() if o else None) for t, o in _simple(found[name])]
    want = [(t.casefold(), o.casefold() if o else None) for t, o in positions]
    assert got == want


def test_former_position_is_flagged_and_title_drops_nguyen():
    (person,) = find_officials("Đoàn do nguyên Thứ trưởng Bộ Tài chính Nguyễn Văn Hiếu dẫn đầu.")
    assert person.positions[0].former is True
    assert person.to_record()["positions"] == [{"title": "Thứ trưởng", "organization": "Bộ Tài chính"}]


def test_later_short_mentions_merge_into_the_full_name():
    text = ("Thứ trưởng Bộ Nội vụ Nguyễn Thị Hà phát biểu. Thứ trưởng Hà cho biết chương trình hiệu quả. "
            "Thứ trưởng Nguyễn Thị Hà nhấn mạnh. Ông Tống Thanh Hải - Phó Chủ tịch UBND tỉnh cho biết. "
            "Theo ông Hải, tỉnh đã nỗ lực.")
    people = find_officials(text, "Lai Châu")
    assert [o.name for o in people] == ["Nguyễn Thị Hà", "Tống Thanh Hải"]
    ha, hai = people
    assert [text[s:e] for s, e in ha.mentions] == ["Nguyễn Thị Hà", "Hà", "Nguyễn Thị Hà"]
    assert _simple(ha) == [("Thứ trưởng", "Bộ Nội vụ")]
    assert "Hải" in [text[s:e] for s, e in hai.mentions]


def test_names_differing_in_tone_placement_are_one_person():
    text = ("Chủ tịch UBND tỉnh Nguyễn Văn Hoà dự lễ. Sau đó, Chủ tịch UBND tỉnh Nguyễn Văn Hòa "
            "kiểm tra công trình.")
    people = find_officials(text, "Lai Châu")
    assert len(people) == 1
    assert _simple(people[0]) == [("Chủ tịch", "UBND tỉnh Lai Châu")]


EXCLUSIONS = [
    ("Các đại biểu tham dự hội nghị. Ảnh: Văn Ngọc", "photo credit"),
    ("Thứ trưởng phát biểu tại Hội nghị (Ảnh: Châu Giang).", "photo credit in parentheses"),
    ("Đoàn đã đến thăm trung tâm xã Sin Suối Hồ, tỉnh Lai Châu.\n\nChâu Giang", "byline on the last line"),
    ("Toàn cảnh buổi làm việc - ảnh Minh Huệ/daklak.gov.vn |", "photo credit after a dash"),
    ("Lãnh đạo UBND tỉnh đối thoại với nông dân. Video: Chúc Ly.", "video credit"),
    ("Tin, ảnh: P.Y", "news and photo credit"),
    ("Phó Chủ tịch Thường trực UBND tỉnh Lai Châu mong muốn các giảng viên truyền đạt.", "unnamed title"),
    ("Thưa các đồng chí Ủy viên Ban Chấp hành Đảng bộ tỉnh, thưa các đồng chí.", "generic plural"),
    ("Lãnh đạo Sở Dân tộc và Tôn giáo tỉnh Sơn La đã phát biểu tại hội nghị.", "leadership without a name"),
    ("Bí thư Tỉnh ủy Lai Châu chỉ đạo các ngành triển khai.", "a province after a title is not a name"),
    ("Thiếu tướng Nguyễn Văn Minh dự lễ khánh thành.", "rank alone is not a position"),
    ("Ông Trần Văn Nam cho biết gia đình đã thoát nghèo.", "person without a position"),
    ("Ông Lê Văn Tám làm trưởng đoàn công tác đến thăm bà con.", "head of a delegation for one trip"),
    ("Sở Tư pháp cử ông Trần Đức Nam làm Trưởng đoàn kiểm tra.", "capitalised head of one trip"),
    ("Các đại biểu Quốc hội đã thảo luận.", "plural delegates"),
    ("Chủ tịch Hội Nông dân Việt Nam đã gửi thư chúc mừng.", "organisation name after a title"),
    ("Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh phát biểu.", "city name inside a body"),
    ("NGUYỄN VĂN AN - TRẦN THỊ BÌNH", "all-caps byline"),
    ("Bài và ảnh: Hoàng Minh Tuấn", "text and photo credit"),
    ("Chương trình mục tiêu quốc gia vùng đồng bào dân tộc thiểu số do Ủy ban Dân tộc chủ trì.", "program name"),
    ("Chủ tịch UBND tỉnh Sơn La cùng ông Nguyễn Văn Lâm làm việc với xã.", "a person beside a title"),
    ("Tại huyện A Lưới, Chủ tịch UBND huyện cho biết.", "a district opened by a name particle"),
    ("Trưởng Ban Dân tộc tỉnh Kon Tum cho biết.", "a province after a unit word"),
    ("Giáo sư Nguyễn Văn Nam cho biết đề tài đã nghiệm thu.", "an academic title is no position"),
    ("Ông Y Blin, già làng buôn Ea Sar, chia sẻ kinh nghiệm.", "a village elder is no office"),
    ("Tại Đồn Biên phòng Lũng Cú, Phó Thủ tướng thăm hỏi cán bộ.", "a body's place name before a title"),
    ("Đoàn đến thăm xã Lũng Cú, Chủ tịch UBND tỉnh tặng quà.", "a commune's name before a title"),
    ("Các đại biểu Quốc hội tỉnh Lào Cai đã thảo luận.", "plural delegates of a province"),
    ("Tết 'A' Lò rèn của bản.", "a quoted letter is no name particle"),
    ("Đoàn làm việc với Giám đốc Sở Y tế\nTrần Văn Bình", "a name alone on the line after an office"),
    ("Đại sứ quán Nhật Bản tại Việt Nam tổ chức lễ kỷ niệm.", "a foreign mission with no one named"),
]


@pytest.mark.parametrize(("text", "why"), EXCLUSIONS, ids=[row[1] for row in EXCLUSIONS])
def test_exclusions_yield_no_official(text, why):
    assert find_officials(text, "Lai Châu") == []


def test_byline_at_the_end_is_not_merged_into_an_official():
    text = "Thứ trưởng Bộ Nội vụ Nguyễn Thị Hà phát biểu (Ảnh: Châu Giang).\n\nChâu Giang"
    assert [o.name for o in find_officials(text)] == ["Nguyễn Thị Hà"]


def test_organization_stays_as_written_without_a_province_in_context():
    (person,) = find_officials("Phó Chủ tịch UBND tỉnh Nguyễn Văn Bình dự lễ.")
    assert _simple(person) == [("Phó Chủ tịch", "UBND tỉnh")]


def test_clause_province_wins_over_article_province():
    text = "Thủ tướng miễn nhiệm chức Chủ tịch UBND tỉnh Hậu Giang đối với ông Lê Tiến Châu (nhận nhiệm vụ Bí thư Tỉnh ủy)."
    (person,) = find_officials(text, "Sóc Trăng")
    assert ("Bí thư", "Tỉnh ủy Hậu Giang") in _simple(person)


def test_record_shape():
    (person,) = find_officials("Thứ trưởng Bộ Nội vụ Nguyễn Thị Hà phát biểu.")
    assert person.to_record() == {"name": "Nguyễn Thị Hà",
                                  "positions": [{"title": "Thứ trưởng", "organization": "Bộ Nội vụ"}]}
    assert isinstance(person.positions[0], Position)


def test_spans_point_into_the_text():
    text = "Phát biểu, ông Tống Thanh Hải - Phó Chủ tịch Thường trực UBND tỉnh Lai Châu - cho biết."
    (person,) = find_officials(text)
    (s, e), = person.mentions
    assert text[s:e] == "Tống Thanh Hải"
    pos = person.positions[0]
    assert text[pos.start:pos.end] == "Phó Chủ tịch Thường trực UBND tỉnh Lai Châu"
    assert person.spans == [(pos.start, pos.end)]


_WORDS = st.sampled_from(["Thứ trưởng", "Bộ Nội vụ", "Nguyễn", "Thị", "Hà", "ông", "Chủ tịch", "UBND", "tỉnh",
                          "Lai Châu", "-", ",", ";", "(", ")", "nguyên", "Đồng chí", "\n", "Ảnh:", "Tỉnh ủy viên",
                          "đối với", "chức", "Trưởng Ban", "Y", "H'Hen", "Niê", "Đại tá", "khóa", "XV", "và"])


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=120), st.lists(_WORDS, max_size=30).map(" ".join)))
def test_random_text_never_raises_and_offsets_are_valid(text):
    for person in find_officials(text, "Lai Châu"):
        assert person.positions
        full = [text[s:e] for s, e in person.mentions]
        assert all(m and person.name.endswith(m) or m == person.name for m in full)
        for pos in person.positions:
            assert 0 <= pos.start < pos.end <= len(text)
            assert pos.title


def test_a_bare_name_after_a_holder_takes_no_office_without_a_list_link():
    text = "Cùng dự có Phó Chủ tịch UBND tỉnh Lò Văn Mừng, ông Tòng Văn Sinh và nhiều người dân trong bản."
    found = {o.name: o for o in find_officials(text, "Sơn La")}
    assert "Lò Văn Mừng" in found
    assert "Tòng Văn Sinh" not in found


@pytest.mark.parametrize("text", [
    "Tỉnh tổ chức kỷ niệm 110 năm ngày sinh đồng chí Trần Văn Kỳ, nguyên Bí thư Tỉnh ủy.",
    "Bảo tàng tỉnh trưng bày kỷ vật của Chủ tịch Hội đồng Chính phủ Nguyễn Văn Lam.",
    "Đoàn đến dâng hương Chủ tịch Nguyễn Văn Lam tại Khu di tích Nguyễn Văn Lam.",
])
def test_a_person_named_for_a_birthday_or_a_museum_is_no_official(text):
    assert find_officials(text, None) == []



def test_a_doubled_head_word_is_one_body():
    found = find_officials("Phó Trưởng Ban Ban Dân tộc Vi Thị Lan dự hội nghị.", None)
    assert [(o.name, [(p.title, p.organization) for p in o.positions]) for o in found] == [
        ("Vi Thị Lan", [("Phó Trưởng Ban", "Ban Dân tộc")])]


def test_an_organization_is_completed_with_the_province_as_the_page_spells_it():
    text = ("Đăk Nông: Ông Y Thanh Hà Niê giữ chức chủ tịch HĐND tỉnh; ông Trần Văn Dũng làm chủ tịch UBND "
            "tỉnh.")
    found = {o.name: o for o in find_officials(text, "Lâm Đồng")}
    assert _simple(found["Trần Văn Dũng"]) == [("chủ tịch", "UBND tỉnh Đăk Nông")]
