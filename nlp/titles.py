"""Lexicon of offices (titles) and of the words that open or continue an organisation's name.

Kept as data so that a new office is one line, not a new rule. Conventions follow
shared/spec/extraction.md: a title is the office alone and the body it belongs to is
the organisation ("Ủy viên Ban Thường vụ Tỉnh ủy" -> "Ủy viên" + "Ban Thường vụ Tỉnh ủy");
national offices that name no body keep the organisation null ("Tổng Bí thư").
"""

from __future__ import annotations

# Offices, most of them also with "Phó " in front (added below). Longest match wins, so
# "Phó Chủ tịch Thường trực" beats "Phó Chủ tịch".
BASE_TITLES = (
    "Chủ tịch", "Chủ tịch Thường trực", "Bí thư", "Bí thư Thường trực", "Thủ tướng", "Thủ tướng Thường trực",
    "Bộ trưởng", "Thứ trưởng", "Thứ trưởng Thường trực", "Chủ nhiệm", "Giám đốc", "Tổng Giám đốc",
    "Vụ trưởng", "Cục trưởng", "Tổng cục trưởng", "Viện trưởng", "Chánh án", "Tư lệnh", "Chính ủy",
    "Chỉ huy trưởng", "Hiệu trưởng", "Tổng Thư ký", "Tổng Biên tập", "Trưởng ban", "Trưởng phòng",
    "Trưởng đoàn", "Chánh Văn phòng", "Chánh Thanh tra", "Trưởng Công an", "Trưởng bản", "Trưởng thôn",
    "Trưởng ấp", "Trưởng buôn", "Trưởng khu phố", "Trưởng khóm", "Trưởng xóm", "Trưởng làng", "Trưởng khoa",
    "Trưởng Đại diện", "Trưởng Văn phòng", "Kiểm toán trưởng",
    "Tổng Kiểm toán", "Thống đốc", "Tổng Thanh tra", "Chủ tịch nước", "Đại sứ", "Tổng Lãnh sự",
    "Tổng Tham mưu trưởng", "Tham mưu trưởng", "Chủ tịch Hội đồng quản trị", "Chủ tịch HĐQT",
    "Trưởng Công an", "Đồn trưởng", "Chỉ huy trưởng", "Trạm trưởng", "Trưởng trạm", "Tổ trưởng",
    "Thủ trưởng", "Giám đốc Thường trực", "Bí thư Đoàn", "Người phát ngôn",
    "Ủy viên Thường trực", "Chi hội trưởng", "Trưởng sóc", "Trưởng bon", "Trưởng phum", "Chính trị viên",
    "Trưởng Đại diện thường trú", "Trưởng khu vực", "Pháp chủ", "Chánh Thư ký",
    # Diplomats and the offices of neighbouring countries' provinces ("Phó Tỉnh trưởng tỉnh Xiêng Khoảng").
    "Đại sứ đặc mệnh toàn quyền", "Tham tán", "Tham tán Công sứ", "Công sứ", "Lãnh sự", "Tỉnh trưởng",
    "Huyện trưởng", "Thị trưởng", "Tổng thống", "Ngoại trưởng",
)
# Offices that have no deputy form or are written only as they are.
PLAIN_TITLES = (
    "Tổng Bí thư", "Ủy viên", "Thường trực", "Đại biểu Quốc hội", "ĐBQH", "Đại biểu HĐND",
    "Đại biểu Hội đồng nhân dân", "Quyền Chủ tịch", "Quyền Giám đốc", "Quyền Bộ trưởng",
    "Quyền Vụ trưởng", "Quyền Cục trưởng", "Chủ tịch danh dự", "Trụ trì", "Phó Chủ tịch nước",
    # The standing deputy is an office of its own ("Phó Trưởng Ban Thường trực Ban Chỉ đạo Tây Nguyên").
    "Phó Trưởng ban Thường trực", "Phó Chủ nhiệm Thường trực",
    # The full-time deputy head of a provincial National Assembly delegation ("Phó Trưởng đoàn chuyên
    # trách Đoàn ĐBQH tỉnh") and the standing chief of a steering command's office.
    "Phó Trưởng đoàn chuyên trách", "Chánh Văn phòng thường trực", "Phó Chánh Văn phòng thường trực",
)
TITLES = tuple(dict.fromkeys(
    [*BASE_TITLES, *(f"Phó {t}" for t in BASE_TITLES if not t.startswith("Phó ")), *PLAIN_TITLES]
))

# Offices whose last word is also the head of the organisation's name:
# "Trưởng Ban Dân tộc tỉnh" -> title "Trưởng Ban", organisation "Ban Dân tộc tỉnh".
SHARED_HEAD = {
    "trưởng ban": "Ban", "phó trưởng ban": "Ban", "trưởng phòng": "Phòng", "phó trưởng phòng": "Phòng",
    "chánh văn phòng": "Văn phòng", "phó chánh văn phòng": "Văn phòng", "chánh thanh tra": "Thanh tra",
    "phó chánh thanh tra": "Thanh tra", "trưởng công an": "Công an", "phó trưởng công an": "Công an",
    "trưởng đoàn": "Đoàn", "phó trưởng đoàn": "Đoàn", "bí thư đoàn": "Đoàn", "phó bí thư đoàn": "Đoàn",
    "trưởng văn phòng": "Văn phòng", "phó trưởng văn phòng": "Văn phòng",
    "trưởng khoa": "Khoa", "phó trưởng khoa": "Khoa",
}
# Of those, the offices whose written head word belongs to the body only: the title drops it
# ("Trưởng Công an huyện X" -> "Trưởng" + "Công an huyện X", as "Bí thư Tỉnh đoàn" -> "Bí thư" +
# "Tỉnh đoàn"). "Trưởng ban", "Trưởng phòng", "Trưởng đoàn" are offices in their own right and keep it.
HEAD_NOT_IN_TITLE = {"trưởng công an", "phó trưởng công an", "bí thư đoàn", "phó bí thư đoàn"}
# Shared-head offices that are a position only when a body follows ("làm trưởng đoàn" is not).
NEEDS_BODY = {"trưởng đoàn", "phó trưởng đoàn"}

# National offices: with no body after them the organisation stays null.
NATIONAL_TITLES = {"tổng bí thư", "chủ tịch nước", "phó chủ tịch nước", "thủ tướng", "phó thủ tướng",
                   "tổng thống", "phó tổng thống"}

# "Tỉnh ủy viên" -> title "Ủy viên" + organisation "Tỉnh ủy" (completed from context).
COMMITTEE_MEMBER = {
    "tỉnh ủy viên": "Tỉnh ủy", "thành ủy viên": "Thành ủy", "huyện ủy viên": "Huyện ủy",
    "đảng ủy viên": "Đảng ủy", "quận ủy viên": "Quận ủy", "thị ủy viên": "Thị ủy",
    # abbreviations of real pages: "Nguyễn Thị Hồng Lâm - TUV, Phó Chủ tịch HĐND tỉnh", "UVTW Đảng, Bí thư
    # Tỉnh ủy", "Ủy viên T.Ư Đảng, Bộ trưởng"
    "tuv": "Tỉnh ủy", "huv": "Huyện ủy", "uvtw đảng": "Trung ương Đảng", "uvtw": "Trung ương Đảng",
    "ủy viên t.ư đảng": "Trung ương Đảng", "ủy viên t.ư": "Trung ương Đảng", "ủy viên tw đảng": "Trung ương Đảng",
}
# Offices of foreign states, read before a country's short name and a foreign name ("Tổng thống Mỹ
# Donald Trump", "Phó Thủ tướng Nga Alexander Novak"): the country is neither the name nor a body.
FOREIGN_STATE_TITLES = ("Tổng thống", "Phó Tổng thống", "Thủ tướng", "Phó Thủ tướng", "Chủ tịch",
                        "Phó Chủ tịch", "Bộ trưởng", "Bộ trưởng Ngoại giao", "Ngoại trưởng", "Quốc vương",
                        "Nhà vua", "Chủ tịch Quốc hội", "Tổng Bí thư", "Đại sứ", "Thủ tướng Chính phủ")
FOREIGN_STATES = ("Mỹ", "Hoa Kỳ", "Nga", "Pháp", "Đức", "Anh", "Lào", "Úc", "Trung Quốc", "Nhật Bản", "Nhật",
                  "Hàn Quốc", "Ấn Độ", "Thái Lan", "Campuchia", "Singapore", "Indonesia", "Malaysia",
                  "Philippines", "Canada", "Italy", "Cuba", "Belarus", "Ukraine", "Hungary", "Ba Lan", "Séc",
                  "Hà Lan", "Bỉ", "Thụy Điển", "Na Uy", "Phần Lan", "Đan Mạch", "Brazil", "Mexico", "Chile",
                  "Argentina", "Israel", "Ai Cập", "Nam Phi", "Mông Cổ", "Kazakhstan", "Thổ Nhĩ Kỳ",
                  "Triều Tiên", "New Zealand", "Myanmar", "Brunei", "Timor-Leste", "Liên bang Nga", "EU",
                  "Tây Ban Nha", "Bồ Đào Nha", "Thụy Sĩ", "Áo", "Hy Lạp", "Iran", "Ả Rập Xê Út", "UAE")

# Words that open an organisation's name after a title (matched on folded text, longest first).
ORG_HEADS = (
    "Bộ", "Ban", "Ủy ban", "UBND", "HĐND", "Hội đồng", "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy",
    "Thị ủy", "Đảng ủy", "Sở", "Vụ", "Cục", "Tổng cục", "Chi cục", "Viện", "Học viện", "Trường", "Đại học",
    "Công an", "Quân khu", "Quân đoàn", "Bộ Chỉ huy", "Bộ Tư lệnh", "Bộ đội", "Hội", "Liên hiệp", "Liên minh",
    "Liên đoàn", "Tỉnh đoàn", "Thành đoàn", "Huyện đoàn", "Đoàn", "Trung ương", "Chính phủ", "Quốc hội",
    "Mặt trận", "MTTQ", "Văn phòng", "Thanh tra", "Tòa án", "TAND", "Viện kiểm sát", "VKSND", "Kho bạc",
    "Ngân hàng", "Công ty", "Tổng công ty", "Tập đoàn", "Hợp tác xã", "HTX", "Trung tâm", "Bệnh viện",
    "Báo", "Đài", "Chi bộ", "Đảng bộ", "BCH", "Ban Chấp hành", "Phòng", "Cảnh sát", "Binh đoàn",
    "Sư đoàn", "Lữ đoàn", "Trung đoàn", "Đồn", "Đồn Biên phòng", "Hải quan", "Kiểm toán", "Nhà máy",
    "Ban Quản lý", "Quỹ", "Đảng", "Nhà nước", "Thường trực", "UBMTTQ", "HĐDT", "Hội đồng Dân tộc",
    "ĐBQH", "Đoàn ĐBQH", "Tạp chí", "Nhà xuất bản", "Tổng Liên đoàn", "Ủy ban MTTQ", "UBKT", "Xã", "Phường",
    "Huyện", "Tỉnh", "Thị trấn", "Thành phố", "TP", "UB", "BQL", "BCĐ", "Ban Chỉ đạo", "Tổ", "Câu lạc bộ",
    "Hiệp hội", "Sở GD&ĐT", "Cổng", "Bộ Quốc phòng", "Bộ Công an", "Vùng", "Hạt", "Trạm", "Khu",
    "Ban Dân tộc", "Chính quyền", "Tổng Công ty", "Doanh nghiệp", "Cơ quan", "Bảo hiểm", "BHXH",
    "Ngành", "Lực lượng", "Bộ đội Biên phòng", "BĐBP", "Kiểm lâm", "Chi nhánh", "Agribank",
    "Vietcombank", "Vietinbank", "BIDV", "EVN", "VNPT", "Viettel", "Petrolimex", "PVN",
    "Đại sứ quán", "Tổng Lãnh sự quán", "Lãnh sự quán", "Vườn quốc gia", "Khu bảo tồn",
)

# Lower-case words allowed inside an organisation's name: unit levels and connectors.
ORG_LEVELS = ("tỉnh", "huyện", "xã", "thành phố", "quận", "phường", "thị xã", "thị trấn", "bản", "thôn",
              "ấp", "buôn", "sóc", "bon", "phum", "khóm", "xóm", "làng", "tổ dân phố", "khu phố", "đặc khu",
              "TP.", "TP", "khu vực")
# Bodies whose name opens in lower case right after an office ("Bí thư chi đoàn thôn X",
# "trụ trì chùa Kh'leang", "Tổ trưởng tổ hòa giải ấp X"): a body only when a name or a unit follows.
LOWER_ORG_HEADS = ("chi đoàn", "chi hội", "chi bộ", "chùa", "tổ", "đoàn", "hội", "ban", "hợp tác xã",
                   "tổ hợp tác")
# "Cơ quan Hợp tác quốc tế Nhật Bản tại Việt Nam", "Đại sứ Việt Nam tại Lào": a foreign mission's body
# runs on through "tại" and the country it is posted to (a province after "tại" is a venue, not a post).
POSTED_TO = ("tại",)
# Connectors kept in an organisation only when a capitalised word follows them.
ORG_CONNECTORS = ("của", "thuộc", "và", "khóa", "trực thuộc")
# Lower-case multi-syllable words that often continue an organisation in lower case.
ORG_LOWER_WORDS = ("nhân dân", "quốc gia", "quốc phòng", "thường vụ", "chấp hành", "dân tộc", "tôn giáo",
                   "nội vụ", "thường trực", "tuyên truyền", "tổng hợp", "đa khoa", "biên phòng", "quân sự",
                   "kiểm tra", "dân vận", "tuyên giáo", "tổ chức", "nông dân", "phụ nữ", "cựu chiến binh",
                   "nội trú", "bán trú", "dân tộc nội trú", "thể thao", "du lịch", "đào tạo", "phát triển",
                   "nông thôn", "môi trường", "đầu tư", "xã hội", "thương binh", "cổ phần", "trách nhiệm hữu hạn",
                   "một thành viên", "khu vực", "vùng", "miền núi", "đại biểu", "chỉ đạo", "quản lý",
                   "đại diện", "bảo trợ", "tối cao", "quốc tế", "công tác", "hòa giải",
                   # "Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh X": the steering
                   # commands every province has, named in lower case after their head.
                   "phòng, chống", "phòng chống", "thiên tai", "tìm kiếm cứu nạn", "và tìm kiếm cứu nạn",
                   "cứu nạn", "cứu hộ")
# Lower-case verbs of speech and action that end a body's name even when the dictionary knows them
# as words ("Giám đốc Sở cho biết": "cho biết" is the speaker's verb, not "Vụ tuyên truyền").
NOT_ORG_CONTINUATIONS = (
    "cho biết", "cho rằng", "phát biểu", "nhấn mạnh", "khẳng định", "chia sẻ", "đề nghị", "yêu cầu",
    "báo cáo", "trình bày", "thông tin", "thông báo", "giới thiệu", "khai mạc", "kết luận", "đánh giá",
    "nhận định", "trao đổi", "trả lời", "phát động", "chủ trì", "tham dự", "tiếp thu", "ghi nhận",
    "biểu dương", "quán triệt", "lưu ý", "mong muốn", "bày tỏ", "cảm ơn", "chúc mừng", "trao tặng",
    "tặng quà", "làm việc", "đề xuất", "kiến nghị", "giải thích", "tiếp nhận", "tiếp xúc",
)
# Heads of an outlet's name: the province right after them names the outlet, no place ("phóng viên
# Báo Cần Thơ" does not make "Ban Dân tộc tỉnh" that of Cần Thơ).
OUTLET_HEADS = ("Báo", "Đài", "Tạp chí", "Đài Phát thanh và Truyền hình", "Đài PT-TH", "Truyền hình")
# The province-level bodies that "tỉnh"/"Tỉnh ủy" leaves implicit and that context may complete.
PROVINCE_LEVEL_ENDINGS = ("tỉnh", "tỉnh ủy", "tỉnh đoàn", "tỉnh hội")

# Cities whose name is written only with its prefix ("TP. Hồ Chí Minh", "TP.HCM": "Hồ Chí Minh" alone
# is the President): "UBND thành phố" there is completed with the prefixed form the text uses,
# where other cities keep the body's own words ("Ban Dân tộc thành phố" -> "... thành phố Cần Thơ").
PREFIXED_CITY_FORMS = {
    "Hồ Chí Minh": (r"(?:[Tt]hành phố|TP\.?)\s*Hồ Chí Minh(?!\w)", r"(?<!\w)TP\.?\s?HCM(?!\w)"),
}

# Connective phrases between a name and its title ("ông X (nhận nhiệm vụ Bí thư Tỉnh ủy)").
NAME_TITLE_LINKS = ("nhận nhiệm vụ", "giữ chức vụ", "giữ chức", "hiện là", "là", "nguyên là", "đương nhiệm",
                    "được bầu giữ chức", "được bổ nhiệm giữ chức", "được bầu làm", "làm",
                    # "X được giao giữ chức Chủ tịch UBND tỉnh": an assignment names the office too.
                    "được giao giữ chức", "được giao giữ chức vụ", "được điều động giữ chức",
                    "được chỉ định giữ chức", "được phân công giữ chức",
                    # re-election: "ông X được bầu lại chức chủ tịch", "tiếp tục được bầu làm", "được tái bầu làm"
                    "được bầu lại chức", "được bầu lại làm", "được bầu lại giữ chức", "được tái bầu làm",
                    "được tái bầu giữ chức", "tiếp tục được bầu làm", "tiếp tục được bầu giữ chức",
                    "tiếp tục giữ chức", "được bầu bổ sung làm", "được bầu bổ sung giữ chức")
# Words that open a list of the holders of one office ("Các phó chủ tịch UBND tỉnh gồm ông X, Y",
# "Bộ Tài chính còn có 3 thứ trưởng gồm: A, B, C") and the words that join the office to the list.
PLURAL_QUANTIFIERS = ("các", "những", "hai", "ba", "bốn", "năm", "sáu", "bảy", "Các", "Những", "Hai", "Ba",
                      "Bốn", "Năm", "Sáu", "Bảy")
LIST_LINKS = ("gồm", "là", "gồm có", "gồm các ông, bà", "gồm các đồng chí", "là các đồng chí", "là các ông")
# Phrases after a title chain that introduce its holder ("... chức Chủ tịch UBND tỉnh ... đối với ông X").
HOLDER_LINKS = ("đối với", "cho", "với")
# Phrases before a title that mark an appointment clause (the holder comes later).
APPOINTMENT_CUES = ("chức", "chức vụ", "giữ chức", "giữ chức vụ", "bầu", "bổ nhiệm", "miễn nhiệm",
                    "cách chức")
# "nguyên Thứ trưởng" marks a former position.
FORMER_MARKERS = ("nguyên", "cựu", "Nguyên", "Cựu")
# "Thay mặt Ủy ban MTTQ thành phố, bà X, Phó Chủ tịch, ...": the body a speaker stands for, named
# before the name, is the body of an office given after it without one.
SPEAKING_FOR = ("thay mặt", "đại diện cho")
# Session roles and duties that are not positions.
NON_POSITIONS = ("chủ tọa", "chủ trì", "thư ký kỳ họp")

# Domain words that continue a body's name after a comma ("Bộ Văn hóa, Thể thao và Du lịch",
# "Ủy ban Văn hóa, Giáo dục của Quốc hội"): a comma followed by one of these is inside the name.
ORG_FIELD_WORDS = (
    "Thể thao", "Du lịch", "Giáo dục", "Khoa học", "Công nghệ", "Môi trường", "Thanh niên", "Thiếu niên",
    "Nhi đồng", "Xã hội", "Đào tạo", "Lao động", "Thương binh", "Văn hóa", "Gia đình", "Kế hoạch",
    "Đầu tư", "Pháp luật", "Tư pháp", "An ninh", "Quốc phòng", "Đối ngoại", "Kinh tế", "Tài chính",
    "Ngân sách", "Y tế", "Dân tộc", "Tôn giáo", "Nông nghiệp", "Nông thôn", "Truyền thông", "Thông tin",
    "Xây dựng", "Giao thông", "Vận tải", "Công thương", "Thủy sản", "Lâm nghiệp", "Phát thanh",
    "Truyền hình", "Thể dục", "Thương mại", "Dịch vụ", "Đô thị", "Tài nguyên", "Nội chính",
    "Hộ tịch", "Quốc tịch", "Chứng thực",
)

# Of those, the ones that are also verbs or verb phrases ("Sở Y tế xây dựng kế hoạch"): they continue a
# name written in sentence case only after "và" ("Bộ Kế hoạch và đầu tư"), never right after a field.
FIELD_WORDS_ALSO_VERBS = ("Xây dựng", "Đầu tư", "Thông tin", "Truyền thông", "Kế hoạch", "Lao động",
                          "Dịch vụ", "Phát thanh")

# Sub-units named with their parent after a comma ("Khoa Luật, Trường Đại học Cần Thơ"): the parent
# belongs to the organisation, as a faculty or a hospital ward means nothing on its own.
SUBUNIT_PARENTS = {
    "Khoa": ("Trường", "Đại học", "Học viện", "Bệnh viện", "Viện"),
}

# Offices whose body, when the text leaves it out ("Thứ trưởng Trần Văn X" after "đoàn của Bộ Nội
# vụ"), is the nearest earlier body of that kind in the same paragraph. The value is the head word
# of the body; deputies ("Phó ...") share their principal's entry.
IMPLICIT_BODY_HEAD = {
    "bộ trưởng": "Bộ", "thứ trưởng": "Bộ", "hiệu trưởng": "Trường", "cục trưởng": "Cục", "vụ trưởng": "Vụ",
    "viện trưởng": "Viện", "chi hội trưởng": "Chi hội", "chánh án": "Tòa án", "trưởng bản": "bản",
    "trưởng thôn": "thôn", "trưởng ấp": "ấp", "trưởng buôn": "buôn", "trưởng sóc": "sóc", "trưởng bon": "bon",
    "trưởng phum": "phum", "trưởng khóm": "khóm", "trưởng xóm": "xóm", "trưởng làng": "làng",
    "trưởng khu vực": "khu vực", "chỉ huy trưởng": "Bộ Chỉ huy", "trưởng ban": "Ban", "đồn trưởng": "Đồn",
}

# Bodies that a text names again by their kind alone, once it has named them in full: "Hiệu trưởng
# nhà trường" (the school), "Giám đốc Sở cho biết" (the department named before). The phrase or
# bare head word -> the head word of the earlier, full name that it stands for.
REFERRING_BODIES = {
    "nhà trường": "Trường", "Sở": "Sở", "Bộ": "Bộ", "Cục": "Cục", "Vụ": "Vụ", "Viện": "Viện",
    "Trường": "Trường", "Trung tâm": "Trung tâm", "Bệnh viện": "Bệnh viện", "Chi cục": "Chi cục",
    "Tổng cục": "Tổng cục", "Học viện": "Học viện", "chùa": "chùa",
}
# Of those, the ones written in lower case right after an office (no capitalised body follows):
# "Hiệu trưởng nhà trường", "Trụ trì chùa" stand for the school or pagoda named before.
LOWER_REFERRING_BODIES = ("nhà trường", "chùa")

# Bodies that share a kind's head word but are never the implied body of a bare office:
# "Bộ Chính trị" is no ministry of a "Thứ trưởng".
NOT_IMPLICIT_BODIES = ("Bộ Chính trị", "Bộ đội", "Bộ đội Biên phòng")

# "Đại biểu X (Đoàn Bắc Kạn)": in National Assembly reports a deputy named with the delegation in
# brackets holds this office, the delegation being the body.
DELEGATE_TITLE = "Đại biểu Quốc hội"

# A person named for a birthday, a museum or a memorial ("Kỷ niệm 100 năm ngày sinh đồng chí Lê Duẩn,
# nguyên Tổng Bí thư", "Bảo tàng lưu giữ kỷ vật của Chủ tịch Hồ Chí Minh") is no official of the event.
HISTORICAL_CUES = ("ngày sinh", "năm sinh", "ngày mất", "ngày giỗ", "bảo tàng", "di tích", "nhà lưu niệm",
                   "khu lưu niệm", "tưởng niệm", "tượng đài", "mang tên", "thân thế", "kỷ vật",
                   "tấm gương đạo đức", "học tập và làm theo tư tưởng", "cuộc đời", "sự nghiệp của",
                   "dâng hương", "dâng hoa", "thắp hương", "viếng")
HISTORICAL_PLACES = ("bảo tàng", "khu di tích", "di tích", "nhà lưu niệm", "khu lưu niệm", "tượng đài", "đền thờ",
                     "nhà tưởng niệm", "lăng")
# "Chủ tịch Thái Nguyên Phạm Hoàng Sơn", "Phó Bí thư Bắc Ninh …": an office followed by a bare province
# then a name stands for that province's People's Committee or Party committee.
PROVINCE_SHORT_BODY = {"chủ tịch": "UBND", "phó chủ tịch": "UBND", "bí thư": "Tỉnh ủy", "phó bí thư": "Tỉnh ủy"}
