"""Values the storage layer is built on: fetch outcomes, run statuses, dedup thresholds, limits."""
from __future__ import annotations

FETCH_OUTCOMES = ("stored", "duplicate", "not_modified", "robots", "blocked", "http_error",
                  "parse_error", "skipped", "error")
RUN_STATUSES = ("running", "ok", "failed", "interrupted")
SQLITE_HEADER = b"SQLite format 3\x00"
NEAR_DUPLICATE_BITS = 3  # Hamming distance at or under which two simhashes are the same story
NEAR_DUPLICATE_JACCARD = 0.7  # word-pair overlap that confirms a simhash candidate
NEAR_CANDIDATES = 300  # band matches examined per insert: bounds the cost on a large corpus
MIN_WORDS_FOR_NEAR = 8  # below this a simhash says little: short texts only dedup exactly
MERGER_DATE = "2025-07-01"  # 63 provinces before, 34 from this day
# Page size of a new database: an article row (3-4 KB of text) leaves a fifth of a 4 KB page empty or
# spills into a half-empty overflow page; 16 KB pages hold four or five.  An existing file keeps its
# page size (only VACUUM changes it).
PAGE_SIZE = 16384
# The writer's page cache (KiB).  SQLite's default, 2 MiB, is 125 pages of 16 KiB: one article's
# insert dirties some 50 pages (articles and their indexes, FTS, records, events, clusters, acts),
# so every read the next article makes (duplicates, clusters' candidates) came from the OS again.
WRITER_CACHE_KIB = 65536
SEARCH_CANDIDATES = 2000  # newest full-text matches ranked by bm25 per search: bounds its cost
