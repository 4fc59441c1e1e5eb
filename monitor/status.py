"""`vnpolicy status`: is every source being crawled?  Non-zero exit when not.

Per source: the last success, the last error, articles stored in the last 24 hours,
the next run, and a verdict.  The exit code makes the command usable as a
monitoring probe (cron mail, a systemd `OnFailure=`, a Nagios-style check):
1 when any source is stale (no success for `stale_hours`) or disabled.

A source that has never been tried is "new", not stale: adding a source to the
catalog must not page anyone before its first scheduled run.  One that has been
tried for longer than `stale_hours` without ever succeeding is stale.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta
from pathlib import Path

import settings
import store
from monitor import isotime, open_db, parse_time, utcnow
from monitor.scheduler import pid_alive

BAD_STATES = ("stale", "disabled")


def _latest(*values):
    moments = [m for m in (parse_time(v) for v in values) if m is not None]
    return max(moments) if moments else None


def source_health(db, source: dict, now, stale_hours: float) -> dict:
    """The health record of one `sources` row."""
    name = source["name"]
    facts = store.monitor.source_runs(db, name)
    last_success = _latest(source.get("last_success"), facts["last_ok_run"], facts["last_ok_job"])
    first_attempt = min([m for m in (parse_time(facts["first_job"]), parse_time(facts["first_run"])) if m],
                        default=None)
    running = [pid for pid in facts["running_pids"] if pid_alive(pid)]
    articles_24h = _count_recent(db, name, now - timedelta(hours=24))
    stale_after = timedelta(hours=stale_hours)
    enabled = bool(source.get("enabled", 1))
    if not enabled:
        state = "disabled"
    elif last_success is not None:
        state = "stale" if now - last_success > stale_after else "ok"
    elif first_attempt is not None and now - first_attempt > stale_after:
        state = "stale"
    elif first_attempt is not None:
        state = "failing" if source.get("last_error") else "new"
    else:
        state = "new"
    if running and state in ("new", "failing"):
        state = "running"
    if state == "stale" and '"adhoc": true' in str(source.get("config") or ""):
        # a host crawled once with `vnpolicy crawl --url` is shown, but nobody promised to crawl it again
        state = "ok" if last_success is not None else "failing"
    return {
        "name": name,
        "province": source.get("province"),
        "state": state,
        "enabled": enabled,
        "running": bool(running),
        "last_success": isotime(last_success) if last_success else None,
        "last_error": source.get("last_error"),
        "consecutive_failures": int(source.get("consecutive_failures") or 0),
        "disabled_reason": source.get("disabled_reason"),
        "articles_24h": articles_24h,
        "next_run": source.get("next_run"),
    }


def _count_recent(db, name: str, since) -> int:
    """Articles of `name` fetched after `since`; stamps are compared as times, not as text."""
    count = 0
    for fetched in store.monitor.fetched_stamps(db, name):
        moment = parse_time(fetched)
        if moment is not None and moment > since:
            count += 1
    return count


def health(db, stale_hours: float | None = None, now=None) -> list[dict]:
    """Health of every source, by name."""
    db = open_db(db)
    stale_hours = float(settings.get("stale_hours") if stale_hours is None else stale_hours)
    now = now or utcnow()
    rows = store.monitor.all_sources(db)
    return [source_health(db, row, now, stale_hours) for row in rows]


def _short(value, width: int) -> str:
    text = "" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def render(report: list[dict]) -> str:
    header = ("SOURCE", "STATE", "LAST SUCCESS", "24H", "NEXT RUN", "LAST ERROR / REASON")
    rows = [header]
    for item in report:
        why = item["disabled_reason"] if item["state"] == "disabled" else item["last_error"]
        rows.append((item["name"], item["state"], _short(item["last_success"] or "never", 25),
                     str(item["articles_24h"]), _short(item["next_run"] or "-", 25), _short(why or "", 70)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header) - 1)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r[:-1], widths, strict=True)) + "  " + r[-1]
             for r in rows]
    return "\n".join(line.rstrip() for line in lines)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=settings.get("db"), help="SQLite database (default: %(default)s).")
    parser.add_argument("--json", action="store_true", help="Print the report as JSON.")
    parser.add_argument("--stale-hours", type=float, default=None,
                        help="Hours without a success before a source is stale "
                             f"(default: the stale_hours setting, {settings.get('stale_hours')}).")
    parser.epilog = "Example: vnpolicy status --db vnpolicy.db || echo 'a source needs attention'"


def run(args: argparse.Namespace) -> int:
    if not Path(args.db).exists():
        print(f"vnpolicy status: no database at {args.db}", file=sys.stderr)
        return 2
    report = health(args.db, stale_hours=args.stale_hours)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    elif report:
        print(render(report))
    else:
        print("no sources yet (run `vnpolicy crawl` or `vnpolicy schedule`)")
    bad = [item for item in report if item["state"] in BAD_STATES]
    for item in bad:
        print(f"vnpolicy status: {item['name']} is {item['state']}", file=sys.stderr)
    return 1 if bad else 0
