"""Text normalization that never loses track of the original offsets.

Extractors work on one normalized form of the text: NFC, one tone-mark
placement ("hoà" → "hòa", "Uỷ" → "Ủy"), the Icelandic eth "Ð" (U+00D0) that
some CMSs emit for "Đ" mapped to it, and no-break spaces read as spaces.  Every
mention found in the normalized text is mapped back to the original text, so
that `original[start:end]` is what a researcher sees highlighted (STYLE.md:
character offsets are sacred).

NFC composition shortens decomposed input, so the map is kept per character:
`Normalized.offsets[i]` is the original offset of normalized character `i`,
with one extra entry for the end of the text.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Characters replaced one-for-one (length preserving).
_CHAR_MAP = str.maketrans({
    "\u00d0": "\u0110",  # Ð (eth) → Đ
    "\u00f0": "\u0111",  # ð → đ
    "\u00a0": " ",       # no-break space
    "\u202f": " ",
    "\u2007": " ",
    "\u200b": " ",       # zero-width space: keep the slot, read as a space
    "\ufeff": " ",
})

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below
_LETTER = r"[^\W\d_]"
# Old-style placement puts the mark on the second vowel of an open "oa", "oe",
# "uy" syllable ("hoà", "khoẻ", "thuỷ"); the new style puts it on the first.
# "qu" is a consonant, so "quý" is already right.
_OLD_STYLE = re.compile(
    rf"(?<!{_LETTER})({_LETTER}*?)(?:([oO])([àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ])|([uU])([ỳýỷỹỵỲÝỶỸỴ]))(?!{_LETTER})"
)


@dataclass(frozen=True)
class Normalized:
    text: str
    offsets: list[int]  # len(text) + 1 entries into the original
    identity: bool = False  # offsets[i] == i throughout (composed text without combining marks)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalized span [start, end)."""
        if self.identity:
            return (start, end) if end > start else (start, start)
        if end <= start:
            o = self.offsets[start]
            return o, o
        # The end maps to the end of the cluster holding the last character.
        return self.offsets[start], self._cluster_end(end - 1)

    def _cluster_end(self, i: int) -> int:
        # The first later character of another cluster: offsets never decrease, so a binary search
        # (a walk would cost the cluster's length on every call: a run of 100,000 combining marks).
        j = bisect.bisect_right(self.offsets, self.offsets[i], i + 1, len(self.offsets) - 1)
        return self.offsets[j]


def _move_tone(match: re.Match) -> str:
    head = match.group(1)
    first, second = (match.group(2), match.group(3)) if match.group(2) else (match.group(4), match.group(5))
    if head[-1:] in ("q", "Q"):  # "quý": qu is a consonant, the mark is already right
        return match.group(0)
    decomposed = unicodedata.normalize("NFD", second)
    base, marks = decomposed[0], decomposed[1:]
    tone = "".join(m for m in marks if m in _TONES)
    other = "".join(m for m in marks if m not in _TONES)
    moved = unicodedata.normalize("NFC", first + tone) + unicodedata.normalize("NFC", base + other)
    return head + moved


def _fix_tone_placement(text: str) -> str:
    # Same length in and out: two NFC letters become two NFC letters.
    return _OLD_STYLE.sub(_move_tone, text)


@lru_cache(maxsize=1)
def _combining_re() -> re.Pattern:
    """Any character with a non-zero canonical combining class (what `unicodedata.combining` sees)."""
    ranges, start = [], None
    for cp in range(0x110000):
        marked = unicodedata.combining(chr(cp)) != 0
        if marked and start is None:
            start = cp
        elif not marked and start is not None:
            ranges.append((start, cp - 1))
            start = None
    return re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]")


def normalize(original: str) -> Normalized:
    """Normalize `original` and keep the offset map back to it."""
    if not original:
        return Normalized("", [0])
    if unicodedata.is_normalized("NFC", original) and not _combining_re().search(original):
        # Composed, with no combining mark left (nearly every page): every cluster is one
        # character that stays one character, so the map is the identity and the walk below
        # (which keeps a base and its marks as one unit) has nothing to do.
        text = _fix_tone_placement(original.translate(_CHAR_MAP))
        return Normalized(text, list(range(len(original) + 1)), identity=True)
    pieces: list[str] = []
    offsets: list[int] = []
    n = len(original)
    i = 0
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(original[j]):
            j += 1
        cluster = original[i:j]
        composed = unicodedata.normalize("NFC", cluster) if j - i > 1 or ord(cluster) > 0x7F else cluster
        pieces.append(composed)
        offsets.extend([i] * len(composed))
        i = j
    offsets.append(n)
    text = "".join(pieces).translate(_CHAR_MAP)
    text = _fix_tone_placement(text)
    return Normalized(text, offsets)


def normalize_text(original: str) -> str:
    """The normalized text alone (for storage, search and comparisons)."""
    return normalize(original).text




class SpanMask:
    """Character mask, so a span claimed by one pass is not re-read by a later one."""

    def __init__(self, n: int):
        self.mask = bytearray(n)

    def free(self, s: int, e: int) -> bool:
        return not any(self.mask[s:e])

    def take(self, s: int, e: int) -> None:
        self.mask[s:e] = b"\x01" * (e - s)
