"""The `vnpolicy` command: one sub-command per stage of the pipeline.

Each command lives in the module that owns its stage; this file only maps names
to modules, so adding a command never means editing another stage's code.  A
command module exposes `configure(parser)` (its options, with an example in the
epilog) and `run(args) -> int` (the exit code).

Exit codes: 0 success, 1 the work ran but something failed (see stderr),
2 wrong usage or unreadable input.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

# Shown by `vnpolicy --help`; README.md has the same table.
EXIT_CODES = """Exit codes:
  0    success (a crawl with some bad pages still counts: they are logged in `fetches`)
  1    the work ran but something failed (nothing fetched, a stale source, a failed article)
  2    wrong usage or unreadable input (bad option, a date that is not a date, no database)
  130  interrupted (Ctrl-C)
  141  the reader of the output went away (`... --output - | head`): stopped quietly

Dates: 2025-07-01, 2025-7-1, 01/07/2025 or 1/7/2025."""

# name -> (module, help line)
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("nlp.cli", "Extract officials, documents, dates, provinces and events from JSON Lines articles."),
    "crawl": ("crawler.cli", "Crawl sources or URLs into the database, extracting events from new articles."),
    "ingest": ("crawler.ingest", "Store what queue-only crawlers put in Redis (the database machine's side)."),
    "sources": ("crawler.sources_cli", "List the configured news sources."),
    "export": ("query.export", "Export articles with their extraction records as JSON Lines or CSV."),
    "search": ("query.search", "Full-text search, with or without Vietnamese diacritics."),
    "reprocess": ("query.reprocess", "Re-extract stored articles with the current pipeline version."),
    "serve": ("web.serve", "Serve the database read-only in Datasette, with feeds."),
    "feed": ("monitor.feed", "Write an Atom feed of events."),
    "schedule": ("monitor.scheduler", "Run crawl jobs unattended on their intervals."),
    "status": ("monitor.status", "Health of every source; non-zero exit when one is stale or disabled."),
    "person": ("insight.person", "An official's positions across articles, as dated spells."),
    "document": ("insight.document", "A document and every article citing it, by province, date and event."),
    "insight": ("insight.rebuild", "Recompute event clusters across outlets and the officials' registry."),
    "demo": ("demo", "Serve the bundled corpus as local sites, crawl, extract and show the events."),
}
# Commands that write to --db: a read-only database is refused before they start.
WRITING = {"crawl", "reprocess", "schedule"}


def build_parser(load: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vnpolicy",
        description="Vietnamese policy news → a queryable event database.",
        epilog="Example: vnpolicy demo    (then: vnpolicy serve --db demo.db)\n\n" + EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_line) in COMMANDS.items():
        p = sub.add_parser(name, help=help_line, description=help_line,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(_module=module)
        if load:
            importlib.import_module(module).configure(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    import settings

    bad_settings = settings.check_all()  # every VNPOLICY_* variable checked once, before any default is read
    if bad_settings:
        for line in bad_settings:
            print(f"vnpolicy: {line}", file=sys.stderr)
        return 2
    # Load only the chosen command's module: importing every stage costs seconds.
    chosen = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(load=False)
    if chosen in COMMANDS:
        sub = parser._subparsers._group_actions[0].choices[chosen]  # noqa: SLF001
        importlib.import_module(COMMANDS[chosen][0]).configure(sub)
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    db = getattr(args, "db", None)
    try:
        if db and args.command != "demo":
            import store

            # A folder, a file that is not SQLite, or a read-only database for a writer: one line, exit 2.
            store.check_path(db, require_write=args.command in WRITING)
        module = importlib.import_module(args._module)
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        print("vnpolicy: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`vnpolicy person X | head`): stop quietly, as `cat` does.  Point
        # stdout at /dev/null so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:
        return _fail(args.command, exc)


def _fail(command: str, exc: Exception) -> int:
    """A storage error escaping a command: one line on stderr instead of a traceback."""
    import sqlite3

    import store

    if isinstance(exc, store.DatabaseError):
        print(f"vnpolicy {command}: {exc}", file=sys.stderr)
        return 2
    if isinstance(exc, sqlite3.Error):
        print(f"vnpolicy {command}: database error: {exc}", file=sys.stderr)
        return 1
    raise exc


if __name__ == "__main__":
    sys.exit(main())
