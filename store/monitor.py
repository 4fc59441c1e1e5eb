"""The monitor's queries: the scheduler's sources and job runs, the health check's facts, the
notifier's outbox and the feed's events.

The logic (backoff, health states, delivery, Atom) stays in monitor/; it calls these.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from store import clock as _clock
from store.text import document_key, fold, province_key

# --- sources --------------------------------------------------------------------------------------


def columns(db, table: str) -> set[str]:
    """Column names of `table` (empty when the table does not exist)."""
    if table not in db.table_names():
        return set()
    return set(db[table].columns_dict)


def add_source(db, row: dict) -> None:
    """A `sources` row unless one of that name exists (columns the schema lacks are dropped)."""
    cols = columns(db, "sources")
    if db.execute("SELECT 1 FROM sources WHERE name = ?", [row["name"]]).fetchone():
        return
    with db.conn:
        db["sources"].insert({k: v for k, v in row.items() if k in cols}, ignore=True)


def source_row(db, name: str) -> dict | None:
    rows = list(db.query("SELECT * FROM sources WHERE name = ?", [name]))
    return dict(rows[0]) if rows else None


def all_sources(db) -> list[dict]:
    return [dict(row) for row in db.query("SELECT * FROM sources ORDER BY name")]


def update_source(db, name: str, values: dict) -> None:
    """Set `values` (columns the schema lacks are dropped) on the source `name`."""
    cols = columns(db, "sources")
    values = {k: v for k, v in values.items() if k in cols}
    if values:
        with db.conn:
            db.execute(f"UPDATE sources SET {', '.join(f'[{k}] = ?' for k in values)} WHERE name = ?",
                       [*values.values(), name])


# --- job runs -------------------------------------------------------------------------------------


def _immediate(db):
    """A write transaction taken up front, so that check-then-insert is atomic across processes."""
    conn = db.conn
    if conn.in_transaction:
        conn.commit()
    conn.execute("BEGIN IMMEDIATE")
    return conn


def begin_job_run(db, name: str, scheduled_for: str | None, alive: Callable[[int | None], bool],
                  pid: int) -> tuple[int | None, str | None]:
    """Start a job_runs row for `name` unless a live run holds it: (run_id, None) or (None, why).

    A `running` row whose process is gone (`alive(pid)` false) is closed as abandoned; while a
    live one holds the source, a `skipped` row records the attempt.
    """
    conn = _immediate(db)
    try:
        now = _clock.now()
        busy = None
        for run_id, run_pid in conn.execute(
                "SELECT id, pid FROM job_runs WHERE source = ? AND status = 'running' AND finished IS NULL",
                [name]).fetchall():
            if alive(run_pid):
                busy = f"already running (job run {run_id}, pid {run_pid})"
            else:
                conn.execute("UPDATE job_runs SET status = 'abandoned', finished = ?, error = ? WHERE id = ?",
                             [now, f"process {run_pid} died before the run was recorded as finished", run_id])
        if busy:
            conn.execute("INSERT INTO job_runs (source, scheduled_for, started, finished, status, error, pid)"
                         " VALUES (?, ?, ?, ?, 'skipped', ?, NULL)", [name, scheduled_for or now, now, now, busy])
            conn.commit()
            return None, busy
        cursor = conn.execute(
            "INSERT INTO job_runs (source, scheduled_for, started, status, pid) VALUES (?, ?, ?, 'running', ?)",
            [name, scheduled_for or now, now, pid])
        conn.commit()
        return cursor.lastrowid, None
    except BaseException:
        conn.rollback()
        raise


def set_job_pid(db, run_id: int, pid: int) -> None:
    with db.conn:
        db.execute("UPDATE job_runs SET pid = ? WHERE id = ?", [pid, run_id])


def finish_job_run(db, run_id: int, status: str, error: str | None) -> None:
    with db.conn:
        db.execute("UPDATE job_runs SET finished = ?, status = ?, error = ? WHERE id = ?",
                   [_clock.now(), status, error, run_id])


# --- health ---------------------------------------------------------------------------------------


def _one(db, sql: str, params: list):
    row = db.execute(sql, params).fetchone()
    return row[0] if row else None


def source_runs(db, name: str) -> dict:
    """What the crawl log and the job runs say of one source (None where a table is missing)."""
    tables = set(db.table_names())
    runs, jobs = "crawl_runs" in tables, "job_runs" in tables
    return {
        "last_ok_run": _one(db, "SELECT max(finished) FROM crawl_runs WHERE source = ? AND status = 'ok'",
                            [name]) if runs else None,
        "last_ok_job": _one(db, "SELECT max(finished) FROM job_runs WHERE source = ? AND status = 'ok'",
                            [name]) if jobs else None,
        "first_job": _one(db, "SELECT min(started) FROM job_runs WHERE source = ?", [name]) if jobs else None,
        "first_run": _one(db, "SELECT min(started) FROM crawl_runs WHERE source = ?", [name]) if runs else None,
        "running_pids": [pid for (pid,) in db.execute(
            "SELECT pid FROM job_runs WHERE source = ? AND status = 'running' AND finished IS NULL", [name])]
        if jobs else [],
    }


def fetched_stamps(db, name: str) -> Iterator[str]:
    """When each article of source `name` was fetched, as stored."""
    if "fetched" not in columns(db, "articles"):
        return iter(())
    return (fetched for (fetched,) in db.execute(
        "SELECT fetched FROM articles WHERE source = ? AND fetched IS NOT NULL", [name]))


# --- the notifier's outbox ------------------------------------------------------------------------


def unqueued_event_ids(db) -> list[int]:
    rows = db.query(
        "SELECT e.id FROM events e WHERE e.event_key IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.event_key = e.event_key) ORDER BY e.id")
    return [row["id"] for row in rows]


def queue_outbox(db, rows: list[dict]) -> int:
    """Add the outbox rows whose event key has none yet (a concurrent sender may have); returns how many."""
    added = 0
    with db.conn:
        for row in rows:
            if not db.execute("SELECT 1 FROM outbox WHERE event_key = ?", [row["event_key"]]).fetchone():
                db["outbox"].insert(row)
                added += 1
    return added


def pending_outbox(db) -> list[dict]:
    return [dict(r) for r in db.query("SELECT * FROM outbox WHERE delivered_at IS NULL ORDER BY id")]


def claim_outbox(db, row: dict, lease: str) -> bool:
    """Mark `row` as being sent by us until `lease`, unless another sender took it first."""
    with db.conn:
        cursor = db.execute(
            "UPDATE outbox SET next_attempt = ? WHERE id = ? AND delivered_at IS NULL"
            " AND next_attempt IS ?", [lease, row["id"], row["next_attempt"]])
    return cursor.rowcount == 1


def outbox_delivered(db, row_id: int, attempts: int) -> None:
    with db.conn:
        db.execute("UPDATE outbox SET attempts = ?, delivered_at = ?, last_error = NULL,"
                   " next_attempt = NULL WHERE id = ?", [attempts, _clock.now(), row_id])


def outbox_failed(db, row_id: int, attempts: int, error: str, retry_at: str) -> None:
    with db.conn:
        db.execute("UPDATE outbox SET attempts = ?, last_error = ?, next_attempt = ? WHERE id = ?",
                   [attempts, error, retry_at, row_id])


# --- the feed's events ----------------------------------------------------------------------------


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _rows(db, sql: str, params) -> list[dict]:
    """Rows as dicts, text that is not valid UTF-8 decoded with replacement instead of failing."""
    conn = db.conn
    previous = conn.text_factory
    conn.text_factory = lambda raw: raw.decode("utf-8", errors="replace")
    try:
        return [dict(row) for row in db.query(sql, params)]
    finally:
        conn.text_factory = previous


def _in_clause(ids: list[int]) -> str:
    return ", ".join("?" * len(ids))


def feed_events(db, province: str | None = None, type: str | None = None, official: str | None = None,
                document: str | None = None, since: str | None = None, limit: int | None = 200,
                event_ids: list[int] | None = None, all_events: bool = False) -> list[dict]:
    """Events joined with their article, newest change first; each with its officials (name,
    title, organization as this or another article gives them), documents and cluster.

    Filters are the user's words (validated by the caller): a province name with or without
    "Tỉnh"/diacritics, an event type, part of an official's name, a document number, a clock
    stamp `since` (changes at or after it).  Only each article's main event unless
    `all_events`; a reprinted story and the other outlets' reports of one happening are
    listed once (`merged` events live in their cluster).
    """
    conn = db.conn
    conn.create_function("vn_province_key", 1, province_key, deterministic=True)
    cols = columns(db, "events")
    where, params = [], []
    if not all_events and "main" in cols:
        where.append("e.main = 1")
    if province:
        where.append("vn_province_key(e.province) = ?")
        params.append(province_key(province))
    if type:
        where.append("e.type = ?")
        params.append(type)
    if official:
        where.append("EXISTS (SELECT 1 FROM event_officials o WHERE o.event_id = e.id"
                     " AND vn_fold(o.name) LIKE '%' || ? || '%' ESCAPE '\\')")
        params.append(_like_escape(" ".join(fold(official).split())))
    if document:
        where.append("EXISTS (SELECT 1 FROM event_documents d WHERE d.event_id = e.id"
                     " AND vn_doc_key(d.number) = ?)")
        params.append(document_key(document))
    if since:
        where.append("coalesce(e.updated, e.created) >= ?")
        params.append(since)
    if "duplicate_of" in columns(db, "articles"):
        where.append("a.duplicate_of IS NULL")  # a reprinted story is the same event: listed once
    if "merged" in cols:
        where.append("e.merged = 0")  # one entry per happening: other outlets' reports are in its cluster
    if event_ids is not None:
        ids = [int(i) for i in event_ids]
        if not ids:
            return []
        where.append(f"e.id IN ({_in_clause(ids)})")
        params.extend(ids)
    # Every stamp is written by the one clock (store.clock: UTC ISO to the second), so text order is
    # time order and SQLite can walk the events_changed index for ORDER BY … LIMIT.
    sql = (
        "SELECT e.id, e.event_key, e.type, e.date, e.province, e.title AS event_title, e.summary,"
        " e.created, e.updated, a.url, a.title AS article_title, a.published"
        " FROM events e LEFT JOIN articles a ON a.id = e.article_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY coalesce(e.updated, e.created) DESC, e.id DESC"
    )
    if limit:
        sql += " LIMIT ?"
        params.append(int(limit))
    events = _rows(db, sql, params)
    ids = [e["id"] for e in events]
    officials, documents = _event_officials(db, ids), _event_documents(db, ids)
    clusters = {}
    if ids and "clusters" in db.table_names():
        from store.insight import clusters_of_events
        clusters = clusters_of_events(db, ids)
    for event in events:
        event["officials"] = officials.get(event["id"], [])
        event["documents"] = documents.get(event["id"], [])
        event["cluster"] = clusters.get(event["id"])
    return events


def _event_officials(db, event_ids: list[int]) -> dict[int, list[dict]]:
    """Officials per event: name, with the title and organization held in the event's article
    (else in any other article), or None."""
    if not event_ids:
        return {}
    rows = _rows(
        db, f"SELECT o.event_id, o.name, o.person_id, e.article_id FROM event_officials o"
        f" JOIN events e ON e.id = o.event_id WHERE o.event_id IN ({_in_clause(event_ids)}) ORDER BY o.rowid",
        event_ids)
    roles = _roles(db, sorted({(r["person_id"], r["article_id"]) for r in rows if r["person_id"] is not None}))
    out: dict[int, list[dict]] = {}
    for row in rows:
        names = out.setdefault(row["event_id"], [])
        if not row["name"] or any(o["name"] == row["name"] for o in names):
            continue
        role = roles.get((row["person_id"], row["article_id"])) or roles.get((row["person_id"], None))
        names.append({"name": row["name"], "title": role["title"] if role else None,
                      "organization": role.get("organization") if role else None})
    return out


def _roles(db, pairs: list[tuple[int, int]]) -> dict[tuple[int, int | None], dict]:
    """For each (person, article): the person's first titled position in that article, keyed
    (person, article); and for each person lacking one, the first titled position in any
    article, keyed (person, None).  Reads only those rows: a much-reported official has
    thousands of positions, and a feed of 200 entries must not load them all."""
    out: dict[tuple[int, int | None], dict] = {}
    for start in range(0, len(pairs), 400):
        chunk = pairs[start:start + 400]
        values = ", ".join("(?, ?)" for _ in chunk)
        params = [v for pair in chunk for v in pair]
        for row in _rows(db, f"WITH wanted(person_id, article_id) AS (VALUES {values})"
                         " SELECT w.person_id, w.article_id, p.title, p.organization FROM wanted w"
                         " JOIN positions p ON p.rowid = (SELECT min(q.rowid) FROM positions q"
                         " WHERE q.article_id = w.article_id AND q.person_id = w.person_id"
                         " AND q.title IS NOT NULL)", params):
            out[(row["person_id"], row["article_id"])] = row
    missing = sorted({person for person, article in pairs if (person, article) not in out})
    for start in range(0, len(missing), 500):
        chunk = missing[start:start + 500]
        for row in _rows(db, "SELECT w.value AS person_id, p.title, p.organization FROM json_each(?) w"
                         " JOIN positions p ON p.rowid = (SELECT q.rowid FROM positions q"
                         " WHERE q.person_id = w.value AND q.title IS NOT NULL ORDER BY q.rowid LIMIT 1)",
                         [json.dumps(chunk)]):
            out[(row["person_id"], None)] = row
    return out


def _event_documents(db, event_ids: list[int]) -> dict[int, list[str]]:
    if not event_ids:
        return {}
    out: dict[int, list[str]] = {}
    sql = (f"SELECT event_id, number FROM event_documents WHERE event_id IN ({_in_clause(event_ids)})"
           " ORDER BY rowid")
    for row in _rows(db, sql, event_ids):
        numbers = out.setdefault(row["event_id"], [])
        if row["number"] and row["number"] not in numbers:
            numbers.append(row["number"])
    return out
