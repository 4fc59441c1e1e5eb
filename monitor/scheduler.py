"""`vnpolicy schedule`: crawl every source on its interval, unattended.

Design, and why:
- Each job runs `vnpolicy crawl --source NAME --db PATH` as a child process.  A
  crash stays in the child, and Scrapy's Twisted reactor cannot be restarted in
  one process anyway.  Children get their own session, so a Ctrl-C or a SIGKILL
  aimed at the scheduler does not reach them: the scheduler decides their fate.
- One run per source at a time, also across scheduler crashes: a `job_runs` row
  with status "running" and the child's pid is the lock.  It is honoured while
  that pid is alive and taken over (marked "abandoned") once it is dead, so a
  scheduler restarted after SIGKILL neither runs a source twice nor waits forever.
- A failing source backs off exponentially (`sources.next_run` pushed out) and is
  disabled after `max_failures` consecutive failures, with the reason stored.
- Intervals come from the config (docs/operations.md, monitor/schedule.example.toml):
  a default per discovery kind, per-source overrides, jitter; the config may also
  define ad-hoc sources (name + urls), which run `vnpolicy crawl --url …`.
- `--once` runs every source that is due and exits: for cron or a systemd timer.
"""
from __future__ import annotations

import argparse
import importlib.util
import logging
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import settings
import store
import validation
from monitor import isotime, parse_time, utcnow

log = logging.getLogger("vnpolicy.schedule")

# Defaults of the [scheduler] table of the config; durations in seconds.
DEFAULTS: dict[str, object] = {
    "jitter": 60,            # random delay added to each run, spreads sources over time
    "max_failures": 5,       # consecutive failures before a source is disabled
    "backoff": 600,          # delay after the first failure; doubles after each further one
    "backoff_max": 86400,    # the longest backoff
    "timeout": 7200,         # a crawl running longer than this is terminated and failed
    "shutdown_grace": 30,    # on SIGTERM, seconds a child gets to finish before SIGKILL
    "max_parallel": 2,       # crawls running at once (2 cores)
    "catalog": True,         # schedule the sources of crawler/sources.toml too
    "notify": None,          # webhook URL; default: the notify_url setting
    "due_slack": 60,         # --once: a source due within this many seconds runs now
}
# Default interval per discovery kind ([intervals] table).
DEFAULT_INTERVALS: dict[str, object] = {"rss": "30m", "sitemap": "6h", "listing": "1d", "default": "1d"}
# Command templates; "{urls}" as a whole element expands to "--url U" for each URL.
CATALOG_COMMAND = ["{python}", "{pipeline}", "crawl", "--source", "{source}", "--db", "{db}"]
INLINE_COMMAND = ["{python}", "{pipeline}", "crawl", "{urls}", "--db", "{db}"]
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_ERROR_TAIL = 2000  # characters of a failed child's output kept in job_runs.error


ConfigError = validation.ConfigError  # the schedule config cannot be used; one line per problem
COMMAND_PLACEHOLDERS = {"python", "pipeline", "source", "db", "urls"}


def parse_duration(value, what: str = "duration") -> float:
    """Seconds from 90, "90s", "30m", "1h30m", "1d" (a bare number is seconds)."""
    if isinstance(value, bool):
        raise ConfigError(f"{what}: not a duration: {value!r}")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        text = str(value).strip().lower().replace(" ", "")
        parts = re.findall(r"(\d+(?:\.\d+)?)(ms|s|m|h|d|w)", text)
        if not parts or "".join(n + u for n, u in parts) != text:
            try:
                seconds = float(text)
            except ValueError:
                raise ConfigError(f"{what}: not a duration: {value!r} (use e.g. 90, '30m', '1h', '1d')") from None
        else:
            seconds = sum(float(n) * _UNITS[u] for n, u in parts)
    if seconds < 0:
        raise ConfigError(f"{what}: negative duration {value!r}")
    return seconds


def discovery_kind(row: dict) -> str:
    """The interval class of a catalog source: rss, sitemap or listing."""
    declared = str(row.get("kind") or row.get("discovery") or "").lower()
    # Catalog rows list their entries per kind ("feeds", "sitemaps", "listings"); empty lists don't count.
    keys = {k.lower() for k, v in row.items() if v and k.lower() in ("feeds", "feed", "rss", "sitemaps",
                                                                      "sitemap", "listings", "listing")}
    text = declared + " " + " ".join(keys)
    if any(word in text for word in ("rss", "feed", "atom")):
        return "rss"
    if "sitemap" in text:
        return "sitemap"
    return declared or "listing"


@dataclass
class JobSpec:
    """One scheduled source: its name, interval and the command that crawls it."""

    name: str
    interval: float
    command: list[str]
    kind: str = "listing"
    province: str | None = None
    homepage: str | None = None
    urls: list[str] = field(default_factory=list)


@dataclass
class Policy:
    jitter: float
    max_failures: int
    backoff: float
    backoff_max: float
    timeout: float
    shutdown_grace: float
    max_parallel: int
    catalog: bool
    notify: str | None
    due_slack: float


def _catalog_sources() -> list[dict]:
    """Rows of crawler/sources.toml, or none when the crawler is not installed."""
    try:
        from crawler.sources import load_sources
    except ImportError as exc:
        log.warning("no source catalog (%s); scheduling only the config's own sources", exc)
        return []
    try:
        catalog = load_sources()
    except (ValueError, OSError) as exc:  # a broken catalog is refused, not scheduled half-way
        raise ConfigError(f"the source catalog: {exc}") from None
    rows = []
    for row in catalog:
        rows.append(row if isinstance(row, dict) else dict(getattr(row, "__dict__", {}) or vars(row)))
    return rows


def _pipeline_path() -> str:
    spec = importlib.util.find_spec("pipeline")
    if spec is None or not spec.origin:
        raise ConfigError("cannot find pipeline.py to run `vnpolicy crawl`")
    return spec.origin


def expand_command(template: list[str], source: str, db: str, urls: list[str]) -> list[str]:
    values = {"python": sys.executable, "pipeline": _pipeline_path(), "source": source, "db": db}
    out: list[str] = []
    for part in template:
        if part == "{urls}":
            for url in urls:
                out += ["--url", url]
        else:
            out.append(str(part).format(**values))
    return out


def _duration(problems: validation.Problems, value, where: str, positive: bool = False) -> float | None:
    seconds = problems.run(parse_duration, value, where)
    if seconds is not None and positive and seconds <= 0:
        problems.add(f"{where}: must be positive (more than 0), got {value!r}")
        return None
    return seconds


def load_config(path: str | None, db: str, catalog: list[dict] | None = None) -> tuple[Policy, list[JobSpec]]:
    """The scheduling policy and the jobs, from the TOML at `path` (or defaults only).

    Every value is checked (validation.py); all bad ones are reported together, one
    line each, as a ConfigError — never taken at face value.
    """
    data: dict = {}
    if path:
        try:
            with open(path, "rb") as handle:
                data = tomllib.load(handle)
        except OSError as exc:
            raise ConfigError(f"cannot read {path}: {exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    p = validation.Problems(path)
    for key in set(data) - {"scheduler", "intervals", "sources"}:
        p.add(f"unknown table [{key}] (known: scheduler, intervals, sources)")
    options = {**DEFAULTS, **(p.run(validation.table, data.get("scheduler", {}), "[scheduler]") or {})}
    unknown = set(options) - set(DEFAULTS) - {"command", "inline_command"}
    if unknown:
        p.add(f"[scheduler]: unknown option(s): {', '.join(sorted(unknown))}")
    notify = options["notify"]
    policy = Policy(
        jitter=_duration(p, options["jitter"], "scheduler.jitter"),
        max_failures=p.run(validation.number, options["max_failures"], "scheduler.max_failures", minimum=1,
                           strict=True),
        backoff=_duration(p, options["backoff"], "scheduler.backoff"),
        backoff_max=_duration(p, options["backoff_max"], "scheduler.backoff_max"),
        timeout=_duration(p, options["timeout"], "scheduler.timeout", positive=True),
        shutdown_grace=_duration(p, options["shutdown_grace"], "scheduler.shutdown_grace"),
        max_parallel=p.run(validation.number, options["max_parallel"], "scheduler.max_parallel", minimum=1,
                           maximum=64, strict=True),
        catalog=p.run(validation.boolean, options["catalog"], "scheduler.catalog"),
        notify=(p.run(validation.url, notify, "scheduler.notify") if notify is not None
                else settings.get("notify_url")),
        due_slack=_duration(p, options["due_slack"], "scheduler.due_slack"),
    )
    intervals = {**DEFAULT_INTERVALS, **(p.run(validation.table, data.get("intervals", {}), "[intervals]") or {})}
    intervals = {k: _duration(p, v, f"intervals.{k}", positive=True) for k, v in intervals.items()}
    catalog_command = p.run(validation.template, options.get("command") or CATALOG_COMMAND,
                            "scheduler.command", COMMAND_PLACEHOLDERS)
    inline_command = p.run(validation.template, options.get("inline_command") or INLINE_COMMAND,
                           "scheduler.inline_command", COMMAND_PLACEHOLDERS)
    overrides: dict[str, dict] = p.run(validation.table, data.get("sources", {}), "[sources]") or {}
    for name, entry in overrides.items():
        where = f"sources.{name}"
        if p.run(validation.table, entry, where) is None:
            continue
        if "urls" in entry:
            urls = [entry["urls"]] if isinstance(entry["urls"], str) else entry["urls"]
            p.run(validation.url_list, urls, f"{where}.urls")
        for key in ("enabled",):
            if key in entry:
                p.run(validation.boolean, entry[key], f"{where}.{key}")
        if "interval" in entry:
            _duration(p, entry["interval"], f"{where}.interval", positive=True)
        if "command" in entry:
            p.run(validation.template, entry["command"], f"{where}.command", COMMAND_PLACEHOLDERS)
        for key in ("kind", "province", "homepage"):
            if key in entry:
                p.run(validation.text, entry[key], f"{where}.{key}")
        extra = set(entry) - {"urls", "enabled", "interval", "command", "kind", "province", "homepage"}
        if extra:
            p.add(f"{where}: unknown option(s): {', '.join(sorted(extra))}")
    p.check()
    if policy.catalog and catalog is None:
        catalog = _catalog_sources()

    jobs: dict[str, JobSpec] = {}
    if policy.catalog:
        for row in (catalog if catalog is not None else _catalog_sources()):
            name = row.get("name")
            if not name or row.get("enabled") is False:
                continue
            kind = discovery_kind(row)
            jobs[name] = JobSpec(name=name, interval=intervals.get(kind, intervals["default"]), kind=kind,
                                 command=catalog_command, province=row.get("province"),
                                 homepage=row.get("homepage"))
    for name, entry in overrides.items():
        if entry.get("urls"):
            urls = [entry["urls"]] if isinstance(entry["urls"], str) else list(entry["urls"])
            kind = str(entry.get("kind", "rss"))
            jobs[name] = JobSpec(name=name, interval=intervals.get(kind, intervals["default"]), kind=kind,
                                 command=inline_command, urls=urls, province=entry.get("province"),
                                 homepage=entry.get("homepage") or urls[0])
        elif name not in jobs:
            log.warning("[sources.%s] overrides a source that is not in the catalog; ignored", name)
            continue
        job = jobs[name]
        if entry.get("enabled") is False:
            del jobs[name]
            continue
        if "interval" in entry:
            job.interval = parse_duration(entry["interval"], f"sources.{name}.interval")
        if "command" in entry:
            job.command = list(entry["command"])
    for job in jobs.values():
        if job.interval <= 0:
            raise ConfigError(f"source {job.name}: the interval must be positive")
        job.command = expand_command(job.command, job.name, db, job.urls)
    return policy, list(jobs.values())


# --- state in the database (sources, job_runs) --------------------------------------------------


def connect(db_path: str):
    """A connection of this thread's own: sqlite3 objects must not cross threads."""
    from monitor import open_db

    return open_db(db_path)  # store.connect waits up to 30 s for a busy database


def pid_alive(pid: int | None) -> bool:
    """True while `pid` is a live process (a zombie counts as dead)."""
    if not pid:
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{int(pid)}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return True


def ensure_source(db, job: JobSpec) -> None:
    """A `sources` row for the job, so that status and backoff have a place to live."""
    store.monitor.add_source(db, {"name": job.name, "province": job.province, "homepage": job.homepage,
                                  "enabled": 1, "consecutive_failures": 0, "family": job.kind})


def source_state(db, name: str) -> dict:
    return store.monitor.source_row(db, name) or {"name": name, "enabled": 1, "consecutive_failures": 0}


def acquire(db, name: str, scheduled_for: str | None = None) -> tuple[int | None, str | None]:
    """Start a job_runs row for `name` unless a live run holds it: (run_id, None) or (None, why)."""
    return store.monitor.begin_job_run(db, name, scheduled_for, pid_alive, os.getpid())


def set_pid(db, run_id: int, pid: int) -> None:
    store.monitor.set_job_pid(db, run_id, pid)


def finish_run(db, run_id: int, status: str, error: str | None) -> None:
    store.monitor.finish_job_run(db, run_id, status, error)


def record_outcome(db, job: JobSpec, policy: Policy, ok: bool, error: str | None, started,
                   failures_before: int = 0) -> None:
    """Update the source after a run: success resets, failure backs off and may disable.

    The failure count is set from the count before the run (not incremented in
    place), because `store.finish_run`, called by the crawl itself, may already
    have counted the same failure.
    """
    now = utcnow()
    if ok:
        values = {"consecutive_failures": 0, "last_success": isotime(now),
                  "next_run": isotime(started + timedelta(seconds=job.interval)), "disabled_reason": None}
    else:
        failures = int(failures_before or 0) + 1
        delay = min(policy.backoff * 2 ** (failures - 1), policy.backoff_max)
        values = {"consecutive_failures": failures, "last_error": f"{isotime(now)} {error}",
                  "next_run": isotime(now + timedelta(seconds=max(delay, 0)))}
        if failures >= policy.max_failures:
            values["enabled"] = 0
            values["disabled_reason"] = f"disabled after {failures} consecutive failures; last: {error}"
            log.warning("source %s disabled: %s", job.name, values["disabled_reason"])
    store.monitor.update_source(db, job.name, values)


def is_due(state: dict, now, slack: float = 0.0) -> bool:
    due = parse_time(state.get("next_run"))
    return due is None or due <= now + timedelta(seconds=slack)


def in_backoff(state: dict, now) -> bool:
    """A failing source waits for its next_run; a healthy one runs whenever its trigger fires."""
    return int(state.get("consecutive_failures") or 0) > 0 and not is_due(state, now)


# --- running jobs --------------------------------------------------------------------------------


class Runner:
    """Runs jobs as child processes and records every outcome; shared by the daemon and --once."""

    def __init__(self, db_path: str, policy: Policy):
        self.db_path = db_path
        self.policy = policy
        self.stopping = threading.Event()
        self.outcomes: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        # Migrate once, here, before worker threads each open their own connection:
        # two first-time connects racing would both try to create the tables.
        connect(db_path).close()

    def _note(self, name: str, outcome: str) -> str:
        with self._lock:
            self.outcomes.append((name, outcome))
        return outcome

    def run_job(self, job: JobSpec, once: bool = False) -> str:
        """One run of `job`; returns its outcome (ok, failed, terminated, skipped, disabled, backoff, not-due)."""
        if self.stopping.is_set():
            return self._note(job.name, "stopping")
        try:
            db = connect(self.db_path)
            ensure_source(db, job)
            state = source_state(db, job.name)
            now = utcnow()
            if not state.get("enabled", 1):
                return self._note(job.name, "disabled")
            if once and not is_due(state, now, self.policy.due_slack):
                return self._note(job.name, "not-due")
            if in_backoff(state, now):
                return self._note(job.name, "backoff")
            run_id, why = acquire(db, job.name)
        except Exception as exc:  # the database is busy or broken: log, the next tick retries
            log.error("source %s: could not start: %s", job.name, exc)
            return self._note(job.name, "error")
        if run_id is None:
            log.info("source %s: %s", job.name, why)
            return self._note(job.name, "skipped")
        status, error = self._spawn_and_wait(db, job, run_id)
        try:
            finish_run(db, run_id, status, error)
            if status in ("ok", "failed"):
                record_outcome(db, job, self.policy, status == "ok", error, now,
                               failures_before=state.get("consecutive_failures") or 0)
            if status == "ok" and self.policy.notify:
                self._notify(db)
        except Exception as exc:
            log.error("source %s: could not record the outcome: %s", job.name, exc)
        finally:
            db.close()
        log.info("source %s: %s%s", job.name, status, f" ({error})" if error else "")
        return self._note(job.name, status)

    def _spawn_and_wait(self, db, job: JobSpec, run_id: int) -> tuple[str, str | None]:
        with tempfile.TemporaryFile() as output:
            try:
                child = subprocess.Popen(job.command, stdout=output, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True)
            except OSError as exc:
                return "failed", f"cannot start {job.command[0]}: {exc}"
            set_pid(db, run_id, child.pid)
            status = self._wait(child)
            output.seek(0, os.SEEK_END)
            output.seek(max(0, output.tell() - _ERROR_TAIL))
            tail = output.read().decode("utf-8", "replace").strip()
        if status == "exited" and child.returncode == 0:
            return "ok", None
        if status == "exited":
            return "failed", f"exit {child.returncode}: {tail}" if tail else f"exit {child.returncode}"
        if status == "timeout":
            return "failed", f"timed out after {self.policy.timeout:.0f}s: {tail}"
        return "terminated", f"scheduler shut down (child exit {child.returncode})"

    def _wait(self, child: subprocess.Popen) -> str:
        deadline = utcnow() + timedelta(seconds=self.policy.timeout)
        while True:
            try:
                child.wait(timeout=0.2)
                return "exited"
            except subprocess.TimeoutExpired:
                pass
            if self.stopping.is_set():
                self._terminate(child)
                return "terminated"
            if utcnow() >= deadline:
                self._terminate(child)
                return "timeout"

    def _terminate(self, child: subprocess.Popen) -> None:
        """SIGTERM (Scrapy then closes its spider cleanly), SIGKILL after the grace period."""
        try:
            child.send_signal(signal.SIGTERM)
            child.wait(timeout=self.policy.shutdown_grace)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        except ProcessLookupError:
            pass

    def _notify(self, db) -> None:
        from monitor.notify import after_crawl

        try:
            result = after_crawl(db, self.policy.notify)
            log.info("webhook: %s", result)
        except Exception as exc:  # the outbox keeps everything; the next run retries
            log.error("webhook delivery failed: %s", exc)


def run_once(runner: Runner, jobs: list[JobSpec]) -> int:
    """Run every due source (up to max_parallel at once); 1 when any run failed."""
    with ThreadPoolExecutor(max_workers=runner.policy.max_parallel) as pool:
        outcomes = list(pool.map(lambda job: runner.run_job(job, once=True), jobs))
    return 1 if any(o in ("failed", "error") for o in outcomes) else 0


def run_forever(runner: Runner, jobs: list[JobSpec]) -> int:
    """APScheduler in a background thread; the main thread waits for SIGTERM/SIGINT."""
    from apscheduler.executors.pool import ThreadPoolExecutor as APThreadPool
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.triggers.interval import IntervalTrigger

    scheduler = BackgroundScheduler(
        executors={"default": APThreadPool(runner.policy.max_parallel)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        timezone="UTC",
    )
    db = connect(runner.db_path)
    now = utcnow()
    for job in jobs:
        ensure_source(db, job)
        state = source_state(db, job.name)
        # Resume where the last scheduler left off: a source crawled recently waits.
        first = parse_time(state.get("next_run"))
        if first is None or first < now:
            first = now + timedelta(seconds=random.uniform(0, min(runner.policy.jitter, job.interval)))
        trigger = IntervalTrigger(seconds=job.interval, jitter=runner.policy.jitter or None, timezone="UTC")
        scheduler.add_job(runner.run_job, trigger, args=[job], id=job.name, name=f"crawl {job.name}",
                          next_run_time=first)
    db.close()
    scheduler.start()
    log.info("scheduling %d source(s); SIGTERM or Ctrl-C to stop", len(jobs))
    try:
        while not runner.stopping.wait(0.5):
            pass
    finally:
        runner.stopping.set()
        scheduler.shutdown(wait=True)  # running jobs terminate their children and record it
    log.info("scheduler stopped")
    return 0


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", help="Schedule config (TOML); see monitor/schedule.example.toml.")
    parser.add_argument("--db", default=settings.get("db"), help="SQLite database (default: %(default)s).")
    parser.add_argument("--once", action="store_true",
                        help="Run every source that is due, then exit (for cron or a systemd timer).")
    parser.add_argument("--source", action="append", dest="only",
                        help="Schedule only this source (repeatable).")
    parser.epilog = ("Example: vnpolicy schedule --config monitor/schedule.example.toml --db vnpolicy.db\n"
                     "         vnpolicy schedule --once --db vnpolicy.db    (from cron or a systemd timer)")


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    db_path = str(Path(args.db).resolve())
    try:
        policy, jobs = load_config(args.config, db_path)
    except ConfigError as exc:
        for line in str(exc).splitlines():
            print(f"vnpolicy schedule: {line}", file=sys.stderr)
        return 2
    if args.only:
        unknown = set(args.only) - {job.name for job in jobs}
        if unknown:
            print(f"vnpolicy schedule: unknown source(s): {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        jobs = [job for job in jobs if job.name in args.only]
    if not jobs:
        print("vnpolicy schedule: no sources to schedule", file=sys.stderr)
        return 2
    runner = Runner(db_path, policy)

    def stop(signum, frame):  # noqa: ARG001 - signal handler signature
        log.info("received %s: stopping", signal.Signals(signum).name)
        runner.stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if args.once:
        return run_once(runner, jobs)
    return run_forever(runner, jobs)
