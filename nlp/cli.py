"""`vnpolicy extract`: JSON Lines articles in, JSON Lines spec records out."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator

import settings


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", "-i", required=True,
                        help="JSON Lines file of articles {id, url, title, published, text}; - for stdin")
    parser.add_argument("--output", "-o", required=True, help="JSON Lines file of records; - for stdout")
    parser.add_argument("--workers", type=int, default=settings.get("workers"),
                        help="extraction processes (default %(default)s)")
    parser.add_argument("--mentions", action="store_true",
                        help="also write the mentions (offsets into text) and all events of each article")
    parser.epilog = ("Example:\n  vnpolicy extract --input corpus/articles.jsonl --output records.jsonl --workers 2\n"
                     "  cat a.jsonl | vnpolicy extract --input - --output -")


def read_articles(handle, errors: list[str], numbers: list[int] | None = None) -> Iterator[dict]:
    """Articles from JSON Lines; a bad line is reported and skipped, never fatal.

    A line is bad when it is not JSON, not an object, has no text, or has a field of the wrong
    type or a lone surrogate (`nlp.check_article`).  `numbers` receives the line number of each
    article yielded, in order.
    """
    import nlp

    for number, line in enumerate(handle, 1):
        if not line.strip():
            continue
        try:
            article = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"line {number}: not JSON ({exc.msg})")
            continue
        if not isinstance(article, dict):
            errors.append(f"line {number}: not a JSON object")
            continue
        if not isinstance(article.get("text"), str) or not article["text"].strip():
            errors.append(f"line {number}: no text (id {article.get('id')!r})")
            continue
        problem = nlp.check_article(article)
        if problem:
            errors.append(f"line {number}: {problem} (id {article.get('id')!r})")
            continue
        if numbers is not None:
            numbers.append(number)
        yield article


def run(args: argparse.Namespace) -> int:
    try:
        source = sys.stdin if args.input == "-" else open(args.input, encoding="utf-8", errors="replace")
    except OSError as exc:
        print(f"vnpolicy extract: cannot read {args.input}: {exc.strerror}", file=sys.stderr)
        return 2
    import nlp

    errors: list[str] = []
    written = 0
    sink = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    progress = None
    try:
        if sink is not sys.stdout and sys.stderr.isatty():
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                TextColumn("{task.completed} articles"), TimeElapsedColumn(),
                                transient=True)
            progress.start()
            task = progress.add_task("extracting", total=None)
        numbers: list[int] = []
        results = nlp.extract_many(read_articles(source, errors, numbers), workers=args.workers, errors="return")
        for index, result in enumerate(results):
            if result.get("error"):  # over its time budget, or failing: reported, the rest goes on
                errors.append(f"line {numbers[index]}: extraction failed: {result['error']} "
                              f"(id {result.get('id')!r})")
                continue
            out = dict(result["record"])
            if args.mentions:
                out["mentions"] = result["mentions"]
                out["events"] = result["events"]
            sink.write(json.dumps(out, ensure_ascii=False) + "\n")
            written += 1
            if progress:
                progress.update(task, advance=1)
    finally:
        if progress:
            progress.stop()
        if sink is not sys.stdout:
            sink.close()
        if source is not sys.stdin:
            source.close()
    for message in errors:
        print(f"vnpolicy extract: {args.input}: {message}; skipped", file=sys.stderr)
    print(f"vnpolicy extract: {written} records written, {len(errors)} lines skipped", file=sys.stderr)
    return 0 if written or not errors else 1
