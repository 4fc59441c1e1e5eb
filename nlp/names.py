"""Vietnamese person-name recognition helpers: surnames, honorifics, ranks, places.

Names are recognised by rules rather than underthesea's NER, which is poor on policy
text and far too slow per article (see docs). A full name is 2-4 capitalised
syllables; a surname from the closed list below makes it credible on its own, and a
title in front of it makes any capitalised run credible. Place names (provinces,
districts, wards from underthesea's shipped address table) are the main look-alikes
("Bí thư Tỉnh ủy Lai Châu"), so they are loaded once and kept apart.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from textkeys import tone_key

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

# Kinh surnames plus common ethnic-minority surnames and name-initial particles.
SURNAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
    "Ngô", "Dương", "Lý", "Đinh", "Đoàn", "Trịnh", "Lâm", "Mai", "Trương", "Lương", "Cao", "Tô", "Hà",
    "Tống", "Đồng", "Kiên", "Thạch", "Danh", "Sơn", "Lò", "Lường", "Quàng", "Cầm", "Giàng", "Sùng",
    "Thào", "Vàng", "Mùa", "Hầu", "Lầu", "Tòng", "Bạc", "Lự", "Điêu", "Sầm", "Nông", "Triệu", "Chu",
    "Lục", "Hứa", "Y", "H'", "Ksor", "Nay", "Siu", "Rơ", "Rmah", "Kpă", "Rah", "Niê", "Mlô", "Êban",
    "Bế", "Lã", "Khổng", "Tạ", "Thái", "Doãn", "Vương", "Từ", "La", "Quách", "Lại",
    "Mạc", "Phùng", "Kiều", "Tăng", "Trình", "Khúc", "Khuất", "Âu", "Tôn", "Thân", "Diệp", "Giang",
    "Ninh", "Quan", "Lưu", "Ông", "Đàm", "Đào", "Châu", "Nghiêm", "Phương", "Mã", "Vi", "Lộc",
    "Lô", "Lữ", "Ma", "Ðinh", "Viên", "Bàn", "Đèo", "Nông", "Hờ", "Vừ", "Chảo", "Tẩn", "Phàn", "Lục",
    "Pờ", "Chang", "Hạng", "Sìn", "Ly", "Mè", "Lèo", "Kha", "Cà", "K'", "Kơ",
    "Trà", "Kim", "Chim", "Lâm", "Tiêu", "Dư", "Khương", "Cù", "Ung", "Bạch", "Cung", "Hàn", "Phí",
    "Đường", "Ưng", "Ngọ", "Mẫn", "Hoa", "Uông", "Vòng", "Phó",
    # Central Highlands and Truong Son peoples: name-initial particles ("A" for Bahnar/Xơ Đăng
    # men) and clan names of the Cơ Tu, M'nông, S'tiêng, Cơ Ho, Jrai, Êđê, Raglai.
    "A", "Điểu", "Zơ", "Alăng", "Bríu", "Ating", "Clâu", "Pơloong", "Ka", "Kră", "Liêng", "Cil",
    "Puih", "Rcom", "Kpuih", "Ayun", "Byă", "Adrơng", "Ktla", "Knul", "Ênuôl", "Hwing", "Pinăng",
    "Katơr", "Chamaléa",
    # Khmer name particles (An Giang, Sóc Trăng, Trà Vinh) and Mông, Hà Nhì, Dao clan names.
    "Chau", "Néang", "Neáng", "Tráng", "Chá", "Lỳ", "Sần", "Lìu", "Sồng", "Thò", "Lù",
    # Cham family names (Ninh Thuận, Bình Thuận, An Giang); several are also place heads.
    "Đàng", "Quảng", "Thuận", "Thiên", "Bá", "Phú", "Trượng",
)
# Name-initial particles that are also everyday capitalised words or place heads ("A Lưới"):
# a name they open must not be exactly a known place.
WEAK_SURNAMES = ("A", "Ka", "Chau", "Quảng", "Thuận", "Thiên", "Phú", "Bá")
# Surnames that are also everyday capitalised words ("Thành phố", "Thành ủy"): a name they open needs a
# middle syllable right after them ("Thành Văn Nhựt").
SURNAMES_BEFORE_MIDDLE = ("Thành",)
# Middle syllables that almost never open a name: "tỉnh Hồ Văn X" is "Hồ Văn X", not ward "Hồ" + "Văn X".
MIDDLE_NAMES = ("Văn", "Thị", "Hữu", "Đình", "Bá", "Công")

# Words written before a name that are not part of it (honorifics, degrees, ranks).
HONORIFICS = ("ông", "bà", "anh", "chị", "đồng chí", "đ/c", "đ/ c", "cô", "thầy", "em", "cụ", "chú", "bác",
              "ngài", "già làng", "nghệ nhân", "Hòa thượng", "Thượng tọa", "Đại đức", "Ni sư")
DEGREES = ("GS.TS", "PGS.TS", "PGS. TS", "GS. TS", "GS.TSKH", "PGS", "GS", "TS", "ThS", "BS", "KS",
           "TSKH", "CKII", "CKI", "NSND", "NSƯT", "NGND", "NGƯT", "LS", "BSCKII", "BSCKI", "DSCKI")
RANKS = ("Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá",
         "Thiếu tá", "Đại úy", "Thượng úy", "Trung úy", "Thiếu úy", "Chuẩn úy", "Đô đốc", "Phó Đô đốc",
         "Chuẩn Đô đốc", "Đại úy", "Thượng sĩ", "Trung sĩ", "Hạ sĩ", "Binh nhất", "Binh nhì",
         "Anh hùng Lực lượng vũ trang nhân dân", "Anh hùng Lao động")

# Capitalised words that look like names but belong to places or bodies.
NOT_NAME_WORDS = (
    "Việt", "Nam", "Trung", "Đảng", "Nhà", "Nước", "Quốc", "Chính", "Phủ", "Nhân", "Dân", "Tổ", "Mặt",
    "Trận", "Hội", "Ủy", "Uỷ", "Ban", "Bộ", "Sở", "Cục", "Vụ", "Viện", "Sở", "Phòng", "Tỉnh", "Thành",
    "Huyện", "Xã", "Phường", "Quận", "Thôn", "Bản", "Ấp", "Buôn", "Công", "Tập", "Đoàn", "Liên",
    "Trường", "Học", "Đại", "Bệnh", "Trung", "Hợp", "Ngân", "Kho", "Tòa", "Chi", "Thường", "Văn",
    "Quân", "Bộ", "Hải", "Biên", "Cảnh", "Tổng", "Chủ", "Phó", "Bí", "Thủ", "Giám", "Trưởng", "Chánh",
    "Ảnh", "Video", "Tin", "Nguồn", "Theo", "Clip", "Đồ", "Báo", "Đài", "Tạp", "Thông", "Cổng",
    "Lễ", "Hội", "Kỳ", "Khóa", "Năm", "Tháng", "Ngày", "Sáng", "Chiều", "Tối", "Trưa", "Đêm", "Các",
    "Những", "Tại", "Trong", "Với", "Về", "Từ", "Sau", "Trước", "Khi", "Đây", "Đó", "Này", "Ngoài",
    "Cùng", "Đồng", "Thay", "Phát", "Thực", "Qua", "Cụ", "Tuy", "Nhưng", "Còn", "Nhằm", "Để",
)
# Of those, the ones that are real surnames when followed by a plausible given name.
_NOT_NAME_BUT_SURNAME = {"Văn", "Đồng", "Từ", "Đoàn", "Thái", "Ban"}

# Foreign countries, for diplomats and foreign missions ("Đại sứ Nhật Bản tại Việt Nam Fujimoto Kenta"):
# a country is a place, not a name. One-syllable names ("Lào", "Đức", "Nga") are left out: they are
# also given names and would split "Nguyễn Đức" into a surname and a country.
COUNTRIES = (
    "Nhật Bản", "Hàn Quốc", "Trung Quốc", "Hoa Kỳ", "Thái Lan", "Ấn Độ", "Campuchia", "Singapore",
    "Malaysia", "Indonesia", "Philippines", "Myanmar", "Brunei", "Australia", "New Zealand",
    "Liên bang Nga", "Ba Lan", "Hungary", "Bulgaria", "Romania", "Belarus", "Ukraine",
    "Hà Lan", "Thụy Điển", "Thụy Sĩ", "Na Uy", "Đan Mạch", "Phần Lan", "Tây Ban Nha", "Bồ Đào Nha",
    "Italy", "Canada", "Cuba", "Brazil", "Argentina", "Chile", "Mexico", "Venezuela", "Israel", "Ai Cập",
    "Nam Phi", "Mông Cổ", "Kazakhstan", "Thổ Nhĩ Kỳ", "Triều Tiên",
)
# Cities run by the centre: only they have a "UBND thành phố" or "Sở ... thành phố" of province level,
# and they never have a "Tỉnh ủy".
CENTRAL_CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế", "Thừa Thiên Huế")

_DATA_DIR = Path(__file__).resolve().parent


# The lexicons' key: case and tone placement folded, marks kept (textkeys.tone_key, the one rule).
fold = tone_key


SURNAME_KEYS = frozenset(fold(s) for s in SURNAMES)
NOT_NAME_KEYS = frozenset(fold(s) for s in NOT_NAME_WORDS if s not in _NOT_NAME_BUT_SURNAME)


def is_surname(word: str) -> bool:
    return fold(word) in SURNAME_KEYS or word.startswith(("H'", "H’", "K'", "K’"))


def is_name_syllable(word: str) -> bool:
    """A capitalised word that could be part of a personal name (not an acronym, digit or org word)."""
    if not word or not word[0].isupper() or not word[0].isalpha():
        return False
    rest = word[1:].replace("'", "").replace("’", "")
    if rest and (rest.isupper() or not rest.isalpha()):
        return False  # acronyms (UBND, HĐDT) and mixed tokens
    return True


def could_start_name(word: str) -> bool:
    return is_name_syllable(word) and fold(word) not in NOT_NAME_KEYS


def _underthesea_dir() -> Path | None:
    try:
        import underthesea  # noqa: PLC0415  (optional: only its shipped data files are read)
    except ImportError:  # pragma: no cover - underthesea is a dependency
        return None
    return Path(underthesea.__file__).resolve().parent


_UNIT_PREFIX = re.compile(r"^(Thành phố|Tỉnh|Huyện|Quận|Thị xã|Thị trấn|Xã|Phường|Đặc khu)\s+", re.I)


def _address_table() -> dict:
    """The administrative table the gazetteer reads (one parse per process, shared with it)."""
    from nlp.provinces import address_table

    try:
        return address_table()
    except RuntimeError:  # underthesea without its address data: names still work without places
        return {}


@lru_cache(maxsize=1)
def place_names() -> dict[str, str]:
    """Folded place name -> unit kind ('province', 'country' or 'local'), from underthesea's address table.

    Loaded once per process (~0.1 s); provinces cover both the 63 and the 34 lists.
    """
    places: dict[str, str] = {fold(p): "province" for p in ("Việt Nam", "Hồ Chí Minh", "TP.HCM", "Huế",
                                                           "Thừa Thiên Huế", "Sài Gòn")}
    places.update((fold(c), "country") for c in COUNTRIES)
    data = _address_table()
    for table in ("province_names", "old_province_names"):
        for row in data.get(table, {}).values():
            places[fold(row["short"])] = "province"
    for form in _spelling_variants():
        places.setdefault(fold(form), "province")
    for row in data.get("ward_mapping", []):
        for key in ("old_district", "old_ward", "new_ward"):
            name = _UNIT_PREFIX.sub("", row.get(key) or "").strip()
            if name and not name.isdigit() and fold(name) not in places:
                places[fold(name)] = "local"
    return places


@lru_cache(maxsize=1)
def province_names() -> tuple[str, ...]:
    """Province short names as written in the address table (for completing organisations)."""
    names = ["Hồ Chí Minh", "Thừa Thiên Huế", "Huế"]
    data = _address_table()
    for table in ("province_names", "old_province_names"):
        names.extend(row["short"] for row in data.get(table, {}).values())
    names.extend(_spelling_variants())
    return tuple(dict.fromkeys(names))


@lru_cache(maxsize=1)
def _spelling_variants() -> tuple[str, ...]:
    """Province names as real pages spell them ("Đăk Nông", "Bắc Cạn"): the plain-word forms of the
    aliases in data/provinces_aliases.json (abbreviations such as "TP.HCM" are the gazetteer's)."""
    path = _DATA_DIR / "data" / "provinces_aliases.json"
    try:
        aliases = json.loads(path.read_text(encoding="utf-8"))["aliases"]
    except (OSError, ValueError, KeyError):
        return ()
    return tuple(f for a in aliases for f in a["forms"]
                 if len(f.split()) >= 2 and all(w[:1].isupper() and w.isalpha() for w in f.split()))


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Folded multi-syllable words of underthesea's Viet74K list: tells 'Nội vụ' (a word) from
    'Châu mong' (a place followed by a verb) when an organisation's name runs on in lower case."""
    base = _underthesea_dir()
    path = base / "corpus" / "data" / "Viet74K.txt" if base else None
    if not path or not path.exists():
        return frozenset()
    with path.open(encoding="utf-8") as fh:
        return frozenset(fold(line.strip()) for line in fh if " " in line.strip())
