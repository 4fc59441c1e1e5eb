"""underthesea's word segmentation as a spaCy tokenizer whose Doc text is the input.

underthesea normalizes characters and tone marks before it segments, so its
tokens need not be substrings of the input, and `spacy.util.get_words_and_spaces`
fails on them (nlp-notes.md).  This tokenizer segments the *normalized* text
(nlp.text), aligns each token back to it by walking both strings with a
lenient character comparison, then maps the spans to the original through the
offset map.  Whatever the alignment cannot place (it should be rare) becomes a
token of its own, so `doc.text == text` always holds.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from spacy.tokens import Doc
from spacy.vocab import Vocab

from .budget import check
from .text import Normalized, normalize

_WS = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _word_tokenize():
    # Imported lazily: underthesea loads its CRF model on first use (~0.3 s).
    from underthesea import word_tokenize

    return word_tokenize


def _key(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch.lower())
    return decomposed[:1].replace("đ", "d") if decomposed else ""


def pieces(text: str, limit: int) -> list[tuple[int, int]]:
    """[start, end) pieces covering `text`, each at most `limit` characters: cut after the last line
    break in the window, else after its last blank, else at the limit."""
    out, start, n = [], 0, len(text)
    limit = max(int(limit), 100)
    while start < n:
        end = min(n, start + limit)
        if end < n:
            cut = text.rfind("\n", start + limit // 2, end)
            if cut < 0:
                cut = max(text.rfind(" ", start + limit // 2, end), text.rfind("\t", start + limit // 2, end))
            if cut >= 0:
                end = cut + 1
        out.append((start, end))
        start = end  # end > start always: the loop advances
    return out


def segment(text: str, piece_chars: int | None = None) -> list[tuple[int, int]]:
    """Word spans [start, end) in `text` (already normalized), in order.

    underthesea's memory grows with the text it is given (900,000 characters took 2 GB), so a
    long text is segmented in pieces of at most `piece_chars` (setting `segment_piece_chars`),
    with the time budget checked between them (nlp.budget).
    """
    if piece_chars is None:
        import settings

        piece_chars = int(settings.get("segment_piece_chars"))
    if len(text) <= piece_chars:
        return _segment_piece(text)
    spans: list[tuple[int, int]] = []
    for a, b in pieces(text, piece_chars):
        check("segmentation")
        spans.extend((s + a, e + a) for s, e in _segment_piece(text[a:b]))
    return spans


def _segment_piece(text: str) -> list[tuple[int, int]]:
    if not text.strip():
        return []
    tokens = _word_tokenize()(text)
    spans: list[tuple[int, int]] = []
    pos, n = 0, len(text)
    for token in tokens:
        while pos < n and text[pos].isspace():
            pos += 1
        if pos >= n:
            break
        if token and text.startswith(token, pos) and token.isprintable() and token == token.strip():
            # The token as it stands in the text (nearly always: the text is normalized already).
            spans.append((pos, pos + len(token)))
            pos += len(token)
            continue
        chars = [c for c in token if not c.isspace()]
        if not chars:
            continue
        start, i, k = pos, pos, 0
        while k < len(chars) and i < n:
            if text[i].isspace() and " " in token:
                i += 1
                continue
            if _key(text[i]) == _key(chars[k]) or text[i] == chars[k]:
                i += 1
                k += 1
                continue
            # Normalization changed a character count (rare): resynchronize on
            # the token's last character within a short window.
            window = text.find(chars[-1], i, min(n, i + len(chars) + 4))
            i = window + 1 if window >= 0 else i
            k = len(chars)
        if i > start:
            spans.append((start, i))
            pos = i
    return spans


def build_doc(vocab: Vocab, original: str, norm: Normalized | None = None) -> Doc:
    """A Doc over `original` with underthesea's words; gaps become whitespace tokens."""
    norm = norm or normalize(original)
    words: list[str] = []
    spaces: list[bool] = []
    cursor = 0

    def add_gap(gap: str) -> None:
        if not gap:
            return
        if gap[0] == " " and words and not spaces[-1]:
            spaces[-1] = True
            gap = gap[1:]
        # Non-space leftovers (unaligned characters) and runs of whitespace
        # become tokens of their own, one per run.
        for piece in re.findall(r"\s+|\S+", gap):
            words.append(piece)
            spaces.append(False)

    for start, end in segment(norm.text):
        o_start, o_end = norm.span(start, end)
        if o_start < cursor:  # overlapping alignment: skip, the gap logic covers it
            continue
        add_gap(original[cursor:o_start])
        words.append(original[o_start:o_end])
        spaces.append(False)
        cursor = o_end
    add_gap(original[cursor:])
    starts, at = [], 0
    for word, space in zip(words, spaces, strict=True):
        starts.append(at)
        at += len(word) + space
    assert at == len(original) and "".join(w + " " * s for w, s in zip(words, spaces, strict=True)) == original, \
        "tokenizer must reproduce its input"
    doc = Doc(vocab, words=words, spaces=spaces)
    doc._.vnp_original = original
    doc._.vnp_starts = starts  # each token's start offset, for nlp.components' exact spans
    return doc


class UndertheseaTokenizer:
    """spaCy tokenizer: `nlp.tokenizer(text) -> Doc` with `doc.text == text`."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        norm = normalize(text)
        doc = build_doc(self.vocab, text, norm)
        doc._.vnp_norm = norm
        return doc

    # The pipeline is built in code (nlp.load); these keep spaCy's
    # serialization calls from failing on a custom tokenizer.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> UndertheseaTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> UndertheseaTokenizer:
        return self
