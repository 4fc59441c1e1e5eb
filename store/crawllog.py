"""The crawl log: sources, runs, fetches, HTTP validators, crawl locks."""
from __future__ import annotations

import os

from store import clock as _clock
from store import connection as _conn
from store.vocab import FETCH_OUTCOMES, RUN_STATUSES


def upsert_source(db, source: dict) -> None:
    """Insert or update one `sources` row (configuration columns only; health columns kept)."""
    row = dict(source)
    if isinstance(row.get("config"), (dict, list)):
        row["config"] = _conn._j(row["config"])
    cols = [c for c in ("name", "province", "homepage", "family", "config", "enabled") if c in row]
    updates = ", ".join(f"{c}=excluded.{c}" for c in cols if c != "name") or "name=excluded.name"
    db.execute(f"INSERT INTO sources ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)}) "
               f"ON CONFLICT(name) DO UPDATE SET {updates}", [row[c] for c in cols])


def start_run(db, source: str | None) -> int:
    return db.execute("INSERT INTO crawl_runs (source, started, status, pid) VALUES (?, ?, 'running', ?)",
                      [source, _clock.now(), os.getpid()]).lastrowid


def log_fetch(db, run_id: int | None, url: str, outcome: str, http_status: int | None = None,
              reason: str | None = None) -> None:
    """Record one fetch; an unknown outcome is stored as "error" with the bad value in the reason."""
    if outcome not in FETCH_OUTCOMES:
        reason = f"unknown outcome {outcome!r}" + (f": {reason}" if reason else "")
        outcome = "error"
    db.execute("INSERT INTO fetches (run_id, url, outcome, http_status, reason, at) VALUES (?, ?, ?, ?, ?, ?)",
               [run_id, url, outcome, http_status, None if reason is None else str(reason)[:2000], _clock.now()])


def finish_run(db, run_id: int, status: str = "ok", error: str | None = None,
               lost: dict[str, int] | None = None) -> dict:
    """Close a run: counts per fetch outcome, and the source's health columns updated.

    ``lost`` adds what the run could not record or finish (e.g. ``lost_storage`` items
    that failed to be written, ``unfetched`` requests abandoned by an interruption,
    ``unextracted`` articles left for the next run) to the stored counts.
    """
    if status not in RUN_STATUSES or status == "running":
        error = f"unknown status {status!r}" + (f": {error}" if error else "")
        status = "failed"
    with _conn.write(db):
        counts = dict(db.execute("SELECT outcome, count(*) FROM fetches WHERE run_id = ? GROUP BY outcome",
                                 [run_id]).fetchall())
        counts.update({k: int(v) for k, v in (lost or {}).items() if v})
        stamp = _clock.now()
        db.execute("UPDATE crawl_runs SET finished = ?, status = ?, counts = ?, error = ? WHERE id = ?",
                   [stamp, status, _conn._j(counts), None if error is None else str(error)[:2000], run_id])
        row = db.execute("SELECT source FROM crawl_runs WHERE id = ?", [run_id]).fetchone()
        if row and row[0]:
            if status == "ok":
                db.execute("UPDATE sources SET last_success = ?, consecutive_failures = 0 WHERE name = ?",
                           [stamp, row[0]])
            elif status == "failed":
                db.execute("UPDATE sources SET last_error = ?, consecutive_failures = consecutive_failures + 1 "
                           "WHERE name = ?", [error or status, row[0]])
            else:  # interrupted: the operator stopped it, not a failure of the source
                db.execute("UPDATE sources SET last_error = ? WHERE name = ?", [error or status, row[0]])
    return counts


def run_status(db, run_id: int) -> str | None:
    row = db.execute("SELECT status FROM crawl_runs WHERE id = ?", [run_id]).fetchone()
    return row[0] if row else None


def _pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def close_dead_runs(db) -> int:
    """Runs left `running` by a process that is gone (kill -9, power loss) become `interrupted`."""
    rows = db.execute("SELECT id, pid FROM crawl_runs WHERE status = 'running'").fetchall()
    closed = 0
    for run_id, pid in rows:
        if pid is not None and pid != os.getpid() and not _pid_alive(pid):
            finish_run(db, run_id, "interrupted", f"the crawl process (pid {pid}) ended without closing this run")
            closed += 1
    return closed


def validators(db, url: str) -> dict:
    row = db.execute("SELECT etag, last_modified FROM http_validators WHERE url = ?", [url]).fetchone()
    return {"etag": row[0], "last_modified": row[1]} if row else {"etag": None, "last_modified": None}


def set_validators(db, url: str, etag: str | None, last_modified: str | None) -> None:
    db.execute("""INSERT INTO http_validators (url, etag, last_modified) VALUES (?, ?, ?)
                  ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, last_modified=excluded.last_modified""",
               [url, etag, last_modified])
