"""Simhash of an article's body, for near-duplicate detection (exact duplicates compare normalized text)."""
from __future__ import annotations

import hashlib

from store.text import normalize_text
from store.vocab import MIN_WORDS_FOR_NEAR


def _features(text: str) -> list[str]:
    """Words with their repeats: unigram simhash moves least under small edits (measured: an
    inserted word flips 1-2 bits where 3-word shingles flip 4-9) and stays far (~27 bits) from
    a different story."""
    return normalize_text(text).split()


def simhash(text: str | None) -> int | None:
    """64-bit simhash over the words, as a signed int (SQLite INTEGER); None if too short."""
    shingles = _features(text or "")
    if len(shingles) < MIN_WORDS_FOR_NEAR:
        return None
    import numpy as np  # spaCy's dependency; vectorizes the 64 bit counts

    hashes = np.array([int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little")
                       for s in shingles], dtype=np.uint64)
    bits = (hashes[:, None] >> np.arange(64, dtype=np.uint64)) & np.uint64(1)
    votes = bits.sum(axis=0) * 2 > len(shingles)
    value = 0
    for i, v in enumerate(votes):
        if v:
            value |= 1 << i
    return value - (1 << 64) if value >= 1 << 63 else value


def _bands(value: int | None) -> list[int | None]:
    """Four 16-bit bands: two hashes within 3 bits share at least one band (pigeonhole)."""
    if value is None:
        return [None] * 4
    u = value & ((1 << 64) - 1)
    return [(u >> (16 * i)) & 0xFFFF for i in range(4)]


def hamming(a: int, b: int) -> int:
    return ((a ^ b) & ((1 << 64) - 1)).bit_count()
