"""Articles and their duplicates: exact and near-duplicate detection at save time."""
from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterator

from store import clock as _clock
from store import connection as _conn
from store import extractions as _extractions
from store import insight as _insight
from store.dedup import _bands, hamming, simhash
from store.text import normalize_text
from store.vocab import NEAR_CANDIDATES, NEAR_DUPLICATE_BITS, NEAR_DUPLICATE_JACCARD


def known_url(db, url: str) -> bool:
    """True when the URL was stored (as an article, a duplicate, or another page's canonical URL)."""
    if not url:
        return False
    return db.execute("SELECT 1 FROM articles WHERE url = ? OR canonical_url = ? LIMIT 1",
                      [url, url]).fetchone() is not None


def _find_duplicate(db, article_id, content_hash, sim, text) -> tuple[int | None, str | None, float | None]:
    if content_hash:
        row = db.execute("SELECT id FROM articles WHERE content_hash = ? AND +duplicate_of IS NULL AND id IS NOT ? "
                         "ORDER BY id LIMIT 1", [content_hash, article_id]).fetchone()
        if row:
            return row[0], "exact", 1.0
    if sim is not None:
        b = _bands(sim)
        rows = db.execute(
            "SELECT id, simhash FROM articles WHERE (sim_b0 = ? OR sim_b1 = ? OR sim_b2 = ? OR sim_b3 = ?) "
            "AND +duplicate_of IS NULL AND simhash IS NOT NULL AND id IS NOT ? LIMIT ?",
            [*b, article_id, NEAR_CANDIDATES]).fetchall()
        for _, other in sorted((hamming(sim, h), i) for i, h in rows if hamming(sim, h) <= NEAR_DUPLICATE_BITS):
            # Simhash only nominates: Vietnamese syllables repeat across unrelated stories, so the
            # word-pair overlap confirms before an article is hidden as a duplicate.
            stored = db.execute("SELECT text FROM articles WHERE id = ?", [other]).fetchone()[0]
            similarity = jaccard(text, stored)
            if similarity >= NEAR_DUPLICATE_JACCARD:
                return other, "near", round(similarity, 4)
    return None, None, None


def _pairs(text: str | None) -> set[str]:
    words = normalize_text(text).split()
    return {words[i] + " " + words[i + 1] for i in range(len(words) - 1)}


def jaccard(a: str | None, b: str | None) -> float:
    """Overlap of the word-pair sets of two texts (0..1)."""
    pa, pb = _pairs(a), _pairs(b)
    return len(pa & pb) / len(pa | pb) if pa or pb else 0.0


def save_article(db, article: dict, raw_html: str | bytes | None = None,
                 source: str | None = None) -> tuple[int, str, int | None]:
    """Store one article; returns (article_id, "stored" | "duplicate", duplicate_of).

    A page whose normalized text equals a stored article's, or whose simhash is within
    3 bits of one, is still recorded (so its URL is never requested again) with
    `duplicate_of` set and a `duplicates` row.  Saving the same URL again updates it.
    """
    url = article.get("url")
    if not url:
        raise ValueError("save_article: article has no url")
    title = article.get("title")
    text = article.get("text") or ""
    # Copies are told by the body: a syndicating site rewrites the lead that opens the text.
    sapo = (article.get("sapo") or "").strip()
    body = text[len(sapo):].lstrip() if sapo and text.startswith(sapo) and len(text) > len(sapo) else text
    norm = normalize_text(body)
    content_hash = hashlib.sha1(norm.encode()).hexdigest() if norm else None
    sim = simhash(body)
    if isinstance(raw_html, str):
        raw_html = raw_html.encode("utf-8", "replace")
    raw_gz = gzip.compress(raw_html) if raw_html else None
    row = {
        "ext_id": _conn._s(article.get("id")),
        "url": url,
        "canonical_url": article.get("canonical_url"),
        "source": source or article.get("source"),
        "site": article.get("site"),
        "title": title,
        "sapo": article.get("sapo"),
        "text": text,
        "author": article.get("author"),
        "captions": _conn._j(article.get("captions")) if article.get("captions") else None,
        "published": _conn._s(article.get("published")),
        "fetched": _conn._s(article.get("fetched")) or _clock.now(),
        "content_hash": content_hash,
        "simhash": sim,
        **dict(zip(("sim_b0", "sim_b1", "sim_b2", "sim_b3"), _bands(sim), strict=True)),
        "raw_html_gz": raw_gz,
    }
    with _conn.write(db):
        existing = db.execute("SELECT id, duplicate_of FROM articles WHERE url = ?", [url]).fetchone()
        article_id = existing[0] if existing else None
        dup_of, kind, similarity = _find_duplicate(db, article_id, content_hash, sim, body)
        row["duplicate_of"] = dup_of
        if article_id is None:
            cols = list(row)
            article_id = db.execute(f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                    [row[c] for c in cols]).lastrowid
        else:
            if raw_gz is None:
                row.pop("raw_html_gz")
            sets = ", ".join(f"{c} = ?" for c in row if c != "url")
            db.execute(f"UPDATE articles SET {sets} WHERE id = ?", [v for c, v in row.items() if c != "url"]
                       + [article_id])
            db.execute("DELETE FROM duplicates WHERE article_id = ?", [article_id])
            if (existing[1] is None) != (dup_of is None):  # its events join or leave the visible set
                _extractions._set_hidden(db, article_id, dup_of is not None)
        if dup_of is not None:
            db.execute("INSERT OR REPLACE INTO duplicates (article_id, other_id, kind, similarity) VALUES (?, ?, ?, ?)",
                       [article_id, dup_of, kind, similarity])
            for cluster_id in _insight._article_cluster_ids(db, dup_of):  # the copy's outlet joins its original's cluster
                _insight.refresh_cluster(db, cluster_id)
            return article_id, "duplicate", dup_of
    return article_id, "stored", None


def get_article(db, article_id: int) -> dict | None:
    row = db.execute("SELECT id, ext_id, url, title, sapo, text, published, source, duplicate_of FROM articles "
                     "WHERE id = ?", [article_id]).fetchone()
    if not row:
        return None
    keys = ("id", "ext_id", "url", "title", "sapo", "text", "published", "source", "duplicate_of")
    return dict(zip(keys, row, strict=True))


def raw_html(db, article_id: int) -> str | None:
    row = db.execute("SELECT raw_html_gz FROM articles WHERE id = ?", [article_id]).fetchone()
    return gzip.decompress(row[0]).decode("utf-8", "replace") if row and row[0] else None


def articles_for_extraction(db, stale_only_version: str | None = None,
                            skip_failed_version: str | None = None) -> Iterator[dict]:
    """Non-duplicate articles as nlp.extract input dicts {id, url, title, published, text} (+ article_id).

    With `stale_only_version`, only those whose record was made by another pipeline version.
    With `skip_failed_version`, not those whose extraction already failed with that version
    (`save_extraction_failure`): a new version may succeed, the same one would fail again.
    """
    sql = ("SELECT a.id, coalesce(a.ext_id, CAST(a.id AS TEXT)), a.url, a.title, a.published, a.text "
           "FROM articles a LEFT JOIN records r ON r.article_id = a.id WHERE a.duplicate_of IS NULL")
    params: list = []
    if stale_only_version is not None:
        sql += " AND (r.pipeline_version IS NULL OR r.pipeline_version != ?)"
        params.append(stale_only_version)
    if skip_failed_version is not None:
        sql += (" AND a.id NOT IN (SELECT article_id FROM extraction_failures "
                "WHERE pipeline_version IS ?)")
        params.append(skip_failed_version)
    for aid, ext, url, title, published, text in db.execute(sql + " ORDER BY a.id", params).fetchall():
        yield {"article_id": aid, "id": ext, "url": url, "title": title, "published": published, "text": text or ""}


def unextracted_ids(db) -> list[int]:
    """Stored, non-duplicate articles with no extraction record (a run killed between the two),
    except those whose extraction failed (they wait for `vnpolicy reprocess --retry-failed` or a
    new pipeline version, instead of failing again on every crawl)."""
    return [r[0] for r in db.execute(
        "SELECT a.id FROM articles a LEFT JOIN records r ON r.article_id = a.id "
        "WHERE a.duplicate_of IS NULL AND r.article_id IS NULL "
        "AND a.id NOT IN (SELECT article_id FROM extraction_failures) ORDER BY a.id").fetchall()]


def save_extraction_failure(db, article_id: int, reason: str, pipeline_version: str | None = None) -> None:
    """Record that `article_id`'s extraction failed and why (its earlier extraction, if any, stays)."""
    with _conn.write(db):
        db.execute("""INSERT INTO extraction_failures (article_id, reason, pipeline_version, failed_at)
                      VALUES (?, ?, ?, ?)
                      ON CONFLICT(article_id) DO UPDATE SET reason = excluded.reason,
                        pipeline_version = excluded.pipeline_version, failed_at = excluded.failed_at,
                        attempts = extraction_failures.attempts + 1""",
                   [article_id, str(reason)[:2000], pipeline_version, _clock.now()])


def extraction_failures(db) -> list[dict]:
    """Every recorded extraction failure: article_id, url, reason, pipeline_version, failed_at, attempts."""
    cur = db.execute("SELECT f.article_id, a.url, f.reason, f.pipeline_version, f.failed_at, f.attempts "
                     "FROM extraction_failures f LEFT JOIN articles a ON a.id = f.article_id ORDER BY f.article_id")
    keys = [d[0] for d in cur.description]
    return [dict(zip(keys, row, strict=True)) for row in cur.fetchall()]


def count_articles(db, stale_only_version: str | None = None) -> int:
    return sum(1 for _ in articles_for_extraction(db, stale_only_version)) if stale_only_version else \
        db.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NULL").fetchone()[0]
