"""Full-text search with or without Vietnamese diacritics, with snippets."""
from __future__ import annotations

import re
import unicodedata

from store.text import _FOLD, _TOKEN, fold, fts_query, has_diacritics
from store.vocab import SEARCH_CANDIDATES


def _snippet(text: str, query: str, width: int = 160) -> list[tuple[str, bool]]:
    """A window of `text` around the first match, as (piece, highlighted) pairs; diacritic-insensitive."""
    nfc = unicodedata.normalize("NFC", text or "")
    folded = nfc.translate(_FOLD)
    words = [w for w in _TOKEN.findall(fold(query)) if w.strip("_")]
    spans = []
    for w in words:
        spans += [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(w) + r"(?!\w)", folded)]
    merged: list[list[int]] = []
    for s, e in sorted(spans):  # "Đồng" + " " + "bào" → one highlight
        if merged and s <= merged[-1][1] + 1 and not folded[merged[-1][1]:s].strip():
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    spans = [(s, e) for s, e in merged]
    first = spans[0][0] if spans else 0
    lo = max(0, first - width // 3)
    hi = min(len(nfc), lo + width)
    pieces: list[tuple[str, bool]] = [("…", False)] if lo > 0 else []
    pos = lo
    for s, e in spans:
        if s < pos or e > hi:
            continue
        pieces += [(nfc[pos:s], False), (nfc[s:e], True)]
        pos = e
    pieces.append((nfc[pos:hi], False))
    if hi < len(nfc):
        pieces.append(("…", False))
    return [p for p in pieces if p[0]]


_WORD = re.compile(r"[^\W_]+")  # a word as FTS5's unicode61 tokenizer cuts it (underscore separates)
EXACT_BATCH = 100  # candidates read at a time when checking exact (diacritics typed) matches


def _words(text: str | None) -> str:
    """NFC lower-case words, space-separated and space-framed: a phrase is found by substring."""
    return " " + " ".join(_WORD.findall(unicodedata.normalize("NFC", text or "").lower())) + " "


def _exact_phrases(query: str) -> list[str]:
    """The phrases fts_query() makes of `query`, unfolded, in the form _words() gives."""
    phrases = []
    for chunk in (query or "").split():
        words = _words(chunk)
        if words.strip():
            phrases.append(words)
    return phrases


def search(db, query: str, limit: int = 20, province: str | None = None) -> list[dict]:
    """Full-text search over non-duplicate articles, with or without Vietnamese diacritics.

    The index holds the folded words (no diacritics, đ→d), so every query matches there
    first.  A query typed with diacritics lists the articles having those exact words
    (in the title or the text, checked on the article itself; a title match weighs five
    times a text match) before the other folded matches, so "Hà" does not drown in "Hạ".
    Each hit: id, title, published, url, snippet (text), pieces [(text, highlighted)],
    exact (bool).
    """
    limit = max(1, min(int(limit or 20), 1000))
    folded_q = fts_query(query, folded=True)
    if not folded_q:
        return []
    # Rank at most SEARCH_CANDIDATES matches, the newest first: FTS5 hands rowids over in
    # descending order and stops at the LIMIT, so bm25() runs on a bounded set and "đồng bào",
    # which nearly every article contains, costs no more than a rare word.  Folded matches rank
    # with title and text alike (bm25 weights 1, 1); exact ones with the title first (5, 1).
    inner = ("SELECT rowid AS id, bm25(articles_fts, 1.0, 1.0) AS folded, bm25(articles_fts, 1.0, 5.0) AS exact "
             "FROM articles_fts WHERE articles_fts MATCH ? AND rowid NOT IN (SELECT id FROM articles "
             "WHERE duplicate_of IS NOT NULL)")
    params: list = [folded_q]
    if province:
        inner += (" AND EXISTS (SELECT 1 FROM article_provinces ap WHERE ap.province_key = ? "
                  "AND ap.article_id = articles_fts.rowid)")
        params.append(fold(province).strip())
    candidates = f"SELECT c.id, c.exact FROM ({inner} ORDER BY rowid DESC LIMIT ?) c ORDER BY c.folded"
    params.append(SEARCH_CANDIDATES)
    phrases = _exact_phrases(query) if has_diacritics(query or "") else []
    if not phrases:
        ids = [r[0] for r in db.execute(candidates + " LIMIT ?", params + [limit]).fetchall()]
        return [_hit(row, query, False) for row in _hit_rows(db, ids)]
    ranked = db.execute(candidates, params).fetchall()  # folded order; the exact order below
    by_exact = [i for i, _ in sorted(ranked, key=lambda r: r[1])]
    exact: list[tuple] = []
    for lo in range(0, len(by_exact), EXACT_BATCH):
        for row in _hit_rows(db, by_exact[lo:lo + EXACT_BATCH]):
            if all(p in _words(row[1]) or p in _words(row[4]) for p in phrases):
                exact.append(row)
        if len(exact) >= limit:
            break
    exact = exact[:limit]
    taken = {row[0] for row in exact}
    rest = [i for i, _ in ranked if i not in taken][:limit - len(exact)]
    return [_hit(row, query, True) for row in exact] + [_hit(row, query, False) for row in _hit_rows(db, rest)]


def _hit_rows(db, ids: list[int]) -> list[tuple]:
    """(id, title, published, url, text) of these articles, in the order of `ids`."""
    if not ids:
        return []
    rows = {r[0]: r for r in db.execute("SELECT id, title, published, url, text FROM articles WHERE id IN "
                                        f"({', '.join('?' * len(ids))})", ids).fetchall()}
    return [rows[i] for i in ids if i in rows]


def _hit(row: tuple, query: str, exact: bool) -> dict:
    aid, title, published, url, text = row
    pieces = _snippet(text or "", query)
    return {"id": aid, "title": title, "published": published, "url": url, "exact": exact,
            "pieces": pieces, "snippet": "".join(p for p, _ in pieces)}
