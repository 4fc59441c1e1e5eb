"""`vnpolicy reprocess`: re-extract stored articles with the current pipeline.

Reads each non-duplicate article back from the database, runs `nlp.extract_many`
(in input order, N worker processes) and replaces that article's extracted rows with
`store.save_extraction`.  Events keep their event_key; only changed ones get a new
`updated` stamp, so feeds do not re-announce unchanged events.

A failing article never stops the run: an article over its time budget (nlp.budget) or
whose extraction raises is stored as failed with the reason (`extraction_failures`), counted
and reported with its URL, and the run goes on.  Articles that already failed with the current
pipeline version are skipped (they would fail again) unless `--retry-failed` is given.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import settings
import store

BATCH = 64


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=settings.get("db"), help="SQLite database (default: %(default)s).")
    parser.add_argument("--workers", type=int, default=settings.get("workers"),
                        help="Extraction processes (default: %(default)s).")
    parser.add_argument("--stale-only", action="store_true",
                        help="Only articles whose record was made by another pipeline version.")
    parser.add_argument("--retry-failed", action="store_true",
                        help="Also retry articles whose extraction already failed with this pipeline version "
                             "(over the time budget, or an error); they are skipped otherwise.")
    parser.add_argument("--no-progress", action="store_true", help="No progress bar (for logs).")
    parser.epilog = "Example: vnpolicy reprocess --db vnpolicy.db --workers 2 --stale-only"


def _extract_batch(nlp, batch: list[dict], workers: int, errors: list[str]):
    """(article, extraction) pairs; a failed article's extraction is {"error": reason}."""
    inputs = [{k: a[k] for k in ("id", "url", "title", "published", "text")} for a in batch]
    try:
        return list(zip(batch, nlp.extract_many(inputs, workers=workers, errors="return"), strict=True))
    except Exception:  # noqa: BLE001 - narrowed below, per article
        pairs = []
        for a, inp in zip(batch, inputs, strict=True):
            try:
                pairs.append((a, nlp.extract(inp)))
            except Exception as exc:  # noqa: BLE001 - a bad article is counted, the run goes on
                pairs.append((a, {"error": f"{type(exc).__name__}: {exc}",
                                  "pipeline_version": getattr(nlp, "PIPELINE_VERSION", None)}))
        return pairs


def reprocess(db, nlp, workers: int = 1, stale_only: bool = False, progress=None,
              retry_failed: bool = False) -> dict:
    """Re-extract and store; returns {"articles", "events_changed", "failed", "errors"}."""
    current = getattr(nlp, "PIPELINE_VERSION", None)
    version = current if stale_only else None
    articles = list(store.articles_for_extraction(db, version, None if retry_failed else current))
    stats = {"articles": 0, "events_changed": 0, "failed": 0, "errors": []}
    if progress:
        progress.start(len(articles))
    for i in range(0, len(articles), BATCH):
        batch = articles[i:i + BATCH]
        for article, extraction in _extract_batch(nlp, batch, workers, stats["errors"]):
            article_id = article["article_id"]
            try:
                if extraction.get("error"):
                    stats["errors"].append(f"{article['url']}: extraction failed: {extraction['error']}")
                    store.save_extraction_failure(db, article_id, extraction["error"],
                                                  extraction.get("pipeline_version") or current)
                    continue
                stats["events_changed"] += store.save_extraction(db, article_id, extraction)["events_changed"]
                stats["articles"] += 1
            except Exception as exc:  # noqa: BLE001 - a malformed extraction is counted, the run goes on
                stats["errors"].append(f"article {article_id}: save failed: {type(exc).__name__}: {exc}")
        if progress:
            progress.advance(len(batch))
    stats["failed"] = len(stats["errors"])
    if progress:
        progress.stop()
    return stats


class _RichProgress:
    def start(self, total):
        from rich.progress import Progress

        self._p = Progress(transient=False)
        self._p.start()
        self._task = self._p.add_task("re-extracting", total=total)

    def advance(self, n):
        self._p.advance(self._task, n)

    def stop(self):
        self._p.stop()


def run(args: argparse.Namespace) -> int:
    if not Path(args.db).exists():
        print(f"vnpolicy reprocess: no database at {args.db}", file=sys.stderr)
        return 2
    import nlp

    db = store.connect(args.db)
    stats = reprocess(db, nlp, workers=max(1, args.workers), stale_only=args.stale_only,
                      progress=None if args.no_progress else _RichProgress(), retry_failed=args.retry_failed)
    for line in stats["errors"]:
        print(f"vnpolicy reprocess: {line}", file=sys.stderr)
    print(f"re-extracted {stats['articles']} article(s), {stats['events_changed']} event(s) new or changed, "
          f"{stats['failed']} failed", file=sys.stderr)
    return 1 if stats["failed"] else 0
