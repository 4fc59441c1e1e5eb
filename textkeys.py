"""The project's text keys, in one place and free of heavy imports (store, nlp, monitor, web,
insight and query all use them):

- `fold`: lower case, Vietnamese diacritics removed, đ→d, one character for one — the key of
  search, filters and matching typed with or without marks ("Sơn La" → "son la").
- `tone_key`: case folded and each syllable's tone mark moved last, marks kept — the key of
  the name lexicons ("Thanh Hoá" = "THANH HÓA", but "Hà" ≠ "Hạ").
- `document_key`, `person_key`, `province_key`, `normalize_text`: the match keys built on them.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Vietnamese tone marks as combining characters: grave, acute, tilde, hook above, dot below.
TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


class _FoldTable(dict):
    """str.translate table built lazily: one output character per input character.

    Keeping the length lets a match found in folded text be mapped back to the
    original (NFC) text for snippets.
    """

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch in "đĐ":
            out = "d"
        else:
            base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
            out = base.lower() if base else " "
            if len(out) != 1:
                out = ch.lower() if len(ch.lower()) == 1 else ch
        self[code] = out
        return out


_FOLD = _FoldTable()


def fold(text: str | bytes | None) -> str:
    """Lower case, Vietnamese diacritics removed, đ→d; same length as NFC(text).

    Bytes (SQL's CAST(x AS BLOB), how the FTS triggers pass text that may not be valid UTF-8)
    are read as UTF-8 with replacement characters.
    """
    if not text:
        return ""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return unicodedata.normalize("NFC", text).translate(_FOLD)


def has_diacritics(text: str) -> bool:
    """True when folding changes more than letter case (the user typed marks or đ)."""
    nfc = unicodedata.normalize("NFC", text)
    return fold(nfc) != nfc.lower()


def normalize_text(text: str | None) -> str:
    """Text as compared for exact duplicates: NFC, lower case, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text or "").lower().split())


def document_key(number: str | None) -> str:
    """Match key of a document number: case, spaces, "số", dash style ignored, Đ = D."""
    key = fold(number or "").upper()
    key = re.sub(r"^\s*SO\s+", "", key)
    key = re.sub(r"[\u2010-\u2015\u2212]", "-", key)
    return re.sub(r"\s+", "", key)


def person_key(name: str | None) -> str:
    """Match key of a person's name: folded, single-spaced."""
    return " ".join(fold(name or "").split())


_PROVINCE_PREFIXES = ("thanh pho ", "tinh ", "tp. ", "tp ")


def province_key(name: str | None) -> str:
    """Folded province name without "Tỉnh"/"Thành phố": "TP. Hồ Chí Minh" → "ho chi minh"."""
    key = " ".join(fold(name).split())
    for prefix in _PROVINCE_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix):].strip()
    return key


@lru_cache(maxsize=65536)  # pure, and called on the same few thousand words over and over
def tone_key(text: str) -> str:
    """Case-fold and move each syllable's tone mark last, whitespace collapsed; marks are kept.

    "Hoá" == "Hóa", "Uỷ" == "Ủy" (the old and new tone placements); the scorer uses the same rule.
    """
    words = []
    for word in unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).casefold()).split():
        tones = "".join(ch for ch in word if ch in TONES)
        words.append("".join(ch for ch in word if ch not in TONES) + tones)
    return unicodedata.normalize("NFC", " ".join(words))
