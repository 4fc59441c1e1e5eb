"""Full-text query building over the project's text keys (textkeys: the one fold and the match keys)."""
from __future__ import annotations

import re
import unicodedata

from textkeys import (  # noqa: F401 - re-exported: store.fold, store.document_key … are the same functions
    _FOLD,
    document_key,
    fold,
    has_diacritics,
    normalize_text,
    person_key,
    province_key,
)

_TOKEN = re.compile(r"\w+")


def fts_query(query: str, folded: bool = False) -> str:
    """Turn any user string into a safe FTS5 query.

    Each whitespace-separated chunk becomes one quoted phrase of its word tokens, so
    "1719/QĐ-TTg" is the phrase "1719 QĐ TTg" and operators, quotes and parentheses
    typed by the user are plain text.  Phrases are ANDed.  Empty when nothing
    searchable remains.
    """
    phrases = []
    for chunk in (query or "").split():
        text = fold(chunk) if folded else unicodedata.normalize("NFC", chunk)
        tokens = [t for t in _TOKEN.findall(text) if t.strip("_")]
        if tokens:
            phrases.append('"' + " ".join(tokens).replace('"', '""') + '"')
    return " ".join(phrases)
