"""Vietnamese-like text for fuzzing: syllables with diacritics, titles, names, units, numbers, dates,
document numbers, punctuation, line breaks, combining marks and odd spaces.

`piece(rng)` draws one fragment with a `random.Random`; `text(rng, n)` joins n of them.  The
hypothesis strategy in tests/test_fuzz.py and benchmarks/bench_fuzz.py both draw from here.
Every word list below is written for this file (no real article is copied).
"""
from __future__ import annotations

import random
import unicodedata

ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p",
          "ph", "qu", "r", "s", "t", "th", "tr", "v", "x", "Đ", "Ng", "Tr", "H", "L", "Th"]
VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "uy", "ươ", "iê", "uô", "ai",
          "ao", "oi", "ôi", "ơi", "ui", "ưu", "ay", "ây", "eo", "uyê"]
CODAS = ["", "", "c", "ch", "m", "n", "ng", "nh", "p", "t"]
TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Hà", "Lò", "Ksor", "Y", "H'", "Pi-năng"]
MIDDLES = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Ngọc", ""]
GIVEN = ["Hùng", "Hà", "Lan", "Tuấn", "Nam", "Khánh", "Thủy", "Bình", "Ánh", "Quý", "Hoà", "Uỷ"]
TITLES = ["Chủ tịch", "Phó Chủ tịch", "Bí thư", "Giám đốc", "Thứ trưởng", "Trưởng thôn", "Trưởng ấp",
          "Chánh Văn phòng", "Thiếu tá", "Đại biểu", "Tổng Bí thư", "Trưởng ban", "Phó Trưởng Ban"]
BODIES = ["UBND tỉnh", "Tỉnh ủy", "Sở Nội vụ", "Bộ Tài chính", "HĐND huyện", "Ban Dân tộc", "Công an xã",
          "Ủy ban MTTQ", "Chính phủ", "Quốc hội", "thôn", "xã", "phường", "ấp", "bản", "tổ dân phố"]
PLACES = ["Lai Châu", "Sơn La", "Hà Nội", "Thừa Thiên - Huế", "Bà Rịa - Vũng Tàu (cũ)", "Đắk Lắk", "TP. Hồ Chí Minh",
          "Cao Bằng", "Ea Kar", "Bình Lư", "Nà Tấu"]
ACRONYMS = ["KDC", "TDP", "HTX", "UBND", "HĐND", "MTTQ", "EaKar", "BCĐ", "QĐ", "ĐBQH"]
WORDS = ["phát biểu", "hội nghị", "tập huấn", "kiểm tra", "ban hành", "ký", "ngày", "tháng", "năm", "sáng", "chiều",
         "tại", "và", "của", "theo", "số", "này", "được", "đã", "vừa", "khai mạc", "tổng kết", "thăm", "trao quà",
         "Quyết định", "Nghị quyết", "Thông tư", "Kế hoạch", "Cùng ngày", "PV:", "thưa ông", "hơn", "người", "hộ"]
PUNCT = [".", ",", ";", ":", "-", "–", "(", ")", "\"", "“", "”", "…", "!", "?", "/", "&", "*", "•"]
SPACES = [" ", " ", " ", " ", "\n", "\n\n", "\t", "\u00a0", "\u200b", "  ", " \n "]


def syllable(rng: random.Random) -> str:
    s = rng.choice(ONSETS) + rng.choice(VOWELS)
    tone = rng.choice(TONES)
    if tone:
        s = s[:1] + s[1:2] + tone + s[2:] if len(s) > 1 else s + tone
    s = unicodedata.normalize("NFC", s + rng.choice(CODAS))
    return s.capitalize() if rng.random() < 0.25 else s


def name(rng: random.Random) -> str:
    return " ".join(p for p in (rng.choice(SURNAMES), rng.choice(MIDDLES), rng.choice(GIVEN)) if p)


def number(rng: random.Random) -> str:
    return rng.choice([str(rng.randint(0, 99)), str(rng.randint(100, 99999)), f"{rng.randint(1, 999)}.{rng.randint(0, 999):03d}",
                       f"{rng.randint(0, 9)},{rng.randint(0, 99)}", "0" * rng.randint(1, 4) + "1"])


def date(rng: random.Random) -> str:
    d, m, y = rng.randint(0, 35), rng.randint(0, 14), rng.choice([1990, 2019, 2024, 2025, 2026, 2099, 20251])
    return rng.choice([f"{d}/{m}/{y}", f"{d}/{m}", f"ngày {d} tháng {m} năm {y}", f"{d}-{m}-{y}",
                       f"ngày {d} và {d + 1}-{m}", f"tháng {m}/{y}", f"năm {y}"])


def document(rng: random.Random) -> str:
    return rng.choice([f"{rng.randint(1, 3000)}/QĐ-TTg", f"{rng.randint(1, 200)}/{rng.randint(2000, 2030)}/NĐ-CP",
                       f"{rng.randint(1, 99)}-NQ/TW", f"số {rng.randint(1, 999)}/KH-UBND", f"{rng.randint(1, 9)}/TT-BNV"])


def oddity(rng: random.Random) -> str:
    """Decomposed letters, stray combining marks, old tone placement, control and odd characters."""
    return rng.choice([unicodedata.normalize("NFD", name(rng)), "a" + "\u0301" * rng.randint(1, 6),
                       "\u0323" * rng.randint(1, 3), "hoà", "thuỷ", "khoẻ", "Ð", "ð", "\ufeff", "\x08", "\x1b",
                       "\u202f", "\u2028", "🙂", "ſ", "ﬁ", "Ω", "\u0300" + rng.choice(ACRONYMS)])


def piece(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.30:
        return syllable(rng)
    if kind < 0.42:
        return rng.choice(WORDS)
    if kind < 0.50:
        return name(rng)
    if kind < 0.56:
        return f"{rng.choice(TITLES)} {rng.choice(BODIES)} {rng.choice(PLACES + ACRONYMS)}"
    if kind < 0.62:
        return f"{rng.choice(['Ông', 'Bà', 'ông', 'bà', 'đồng chí'])} {name(rng)}, {rng.choice(TITLES)}"
    if kind < 0.66:
        return rng.choice(PLACES)
    if kind < 0.70:
        return rng.choice(ACRONYMS)
    if kind < 0.75:
        return number(rng)
    if kind < 0.80:
        return date(rng)
    if kind < 0.84:
        return document(rng)
    if kind < 0.93:
        return rng.choice(PUNCT)
    if kind < 0.97:
        return rng.choice(SPACES)
    return oddity(rng)


def text(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        out.append(piece(rng))
        out.append(rng.choice(SPACES) if rng.random() < 0.3 else " ")
    return "".join(out)


def article(rng: random.Random, ident: str, n: int) -> dict:
    published = rng.choice([None, "2025-11-13", "2019-02-29", "2024-02-29", "not a date", "2025-13-40T10:00"])
    title = rng.choice([None, "", text(rng, rng.randint(1, 12))])
    return {"id": ident, "url": None, "title": title, "published": published, "text": text(rng, n)}
