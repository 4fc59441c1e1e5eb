"""Opening a database: path checks, WAL, read-only use, pending migrations, locks and the write transaction."""
from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import json
import os
import sqlite3
import urllib.parse
from collections.abc import Iterable

import sqlite_utils

from store import schema as _schema
from store.text import document_key, fold
from store.vocab import MERGER_DATE, PAGE_SIZE, SQLITE_HEADER, WRITER_CACHE_KIB


class DatabaseError(Exception):
    """The --db path cannot be used: a folder, not SQLite, unreadable, or read-only for a writer.

    Its message is one line meant for the operator; commands exit 2 on it.
    """


def check_path(path, require_write: bool = False, sniff: bool = True) -> bool:
    """Whether `path` must be opened read-only; DatabaseError when it cannot be used at all.

    ``sniff`` reads the file's first bytes to tell SQLite from anything else.  Only for a
    process with no connection to that file yet: closing any descriptor of a database
    file drops every POSIX lock SQLite holds on it in this process (a corruption risk),
    so `connect` leaves the test to SQLite itself ("file is not a database").

    Read-only means the file, or the folder that holds it (WAL needs to create files
    there), cannot be written.  A missing file is fine for a writer whose folder is
    writable (it will be created).
    """
    if str(path) == ":memory:":
        return False
    p = os.path.abspath(os.fspath(path))
    folder = os.path.dirname(p)
    if os.path.isdir(p):
        raise DatabaseError(f"{path}: is a folder, not a database file")
    if not os.path.exists(p):
        if not os.path.isdir(folder):
            raise DatabaseError(f"{path}: the folder {folder} does not exist")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise DatabaseError(f"{path}: does not exist and the folder {folder} is read-only")
        return False
    if not os.access(p, os.R_OK):
        raise DatabaseError(f"{path}: permission denied (cannot read the file)")
    if sniff:
        try:
            with open(p, "rb") as fh:
                header = fh.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise DatabaseError(f"{path}: cannot read: {exc.strerror or exc}") from None
        if header and header != SQLITE_HEADER:
            raise DatabaseError(f"{path}: not an SQLite database")
    readonly = not os.access(p, os.W_OK) or not os.access(folder, os.W_OK | os.X_OK)
    if readonly and require_write:
        where = "file" if not os.access(p, os.W_OK) else f"folder {folder}"
        raise DatabaseError(f"{path}: the database is read-only (the {where} cannot be written)")
    return readonly


def _open_readonly(path) -> sqlite3.Connection:
    """A read-only connection; in a read-only folder without WAL index, opened immutable."""
    p = os.path.abspath(os.fspath(path))
    folder_ro = not os.access(os.path.dirname(p), os.W_OK | os.X_OK)
    mode = "immutable=1" if folder_ro and not os.path.exists(p + "-shm") else "mode=ro"
    return sqlite3.connect(f"file:{urllib.parse.quote(p)}?{mode}", uri=True, check_same_thread=False)


def connect(path, migrate: bool = True, readonly: bool | None = None,
            require_write: bool = False) -> sqlite_utils.Database:
    """Open (or create) the database in WAL mode and apply pending migrations.

    Views are data: when `VIEWS` changed since the database was made they are
    recreated, so a view fix needs no new migration.  A database that cannot be
    written (read-only file or folder) is opened read-only (``readonly=None``, the
    default, decides by itself) and left exactly as it is: no migration, no WAL
    switch.  ``require_write`` makes that case a DatabaseError, as are a folder,
    a file that is not SQLite or an unreadable one — one line, no traceback.
    """
    auto_ro = check_path(path, require_write=require_write, sniff=False)
    readonly = auto_ro if readonly is None else readonly
    try:
        if readonly:
            db = sqlite_utils.Database(_open_readonly(path), execute_plugins=False)
            db.conn.execute("PRAGMA busy_timeout = 30000")
            db.conn.execute("PRAGMA query_only = 1")
            db.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            _register_functions(db)
            return db
        # The writer runs ~150 distinct statements (sqlite3 keeps 128 prepared by default): a
        # statement prepared again costs more than running it.
        db = sqlite_utils.Database(sqlite3.connect(str(path), cached_statements=512), execute_plugins=False)
        db.conn.execute("PRAGMA busy_timeout = 30000")
        if str(path) != ":memory:" and db.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            # A new file is set up once, under the schema lock: of two processes switching one
            # file to WAL at once, SQLite answers one "database is locked" without waiting.
            with _schema_lock(path):
                if db.conn.execute("PRAGMA page_count").fetchone()[0] == 0:  # before WAL, the only time
                    db.conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
                db.conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise DatabaseError(f"{path}: not an SQLite database") from None
        raise DatabaseError(f"{path}: {exc}") from None
    db.conn.execute("PRAGMA synchronous = NORMAL")
    db.conn.execute("PRAGMA foreign_keys = OFF")
    db.conn.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")  # a bound, not an allocation
    _limit_size(db)
    _register_functions(db)
    if migrate:
        # Two processes opening a new database at once (two crawlers, a crawl and
        # the scheduler) would both create the tables: one migrates, the other waits.
        with _schema_lock(path):
            _schema.MIGRATIONS.apply(db)
            if not _schema._views_current(db):
                with write(db):
                    _schema._create_views(db)
            load_provinces(db)
    return db


def _limit_size(db) -> None:
    """The `db_max_mb` setting: past it writes fail with "database or disk is full", as on a full disk."""
    import settings as project

    mb = project.get("db_max_mb")
    if mb:
        page_size = db.conn.execute("PRAGMA page_size").fetchone()[0]
        db.conn.execute(f"PRAGMA max_page_count = {max(1, int(mb * 1024 * 1024 // page_size))}")


@contextlib.contextmanager
def _schema_lock(path):
    """An exclusive lock on `<db>.lock` for the time of a migration (none for :memory:)."""
    if str(path) == ":memory:":
        yield
        return
    try:
        handle = open(f"{path}.lock", "a")  # noqa: SIM115 — held for the lock's lifetime
    except OSError:  # a read-only location: nobody can migrate there anyway
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def crawl_locks(path, keys: Iterable[str]):
    """Hold a lock per crawl key (a source name, or ``host:NAME`` for ad-hoc URLs) on `path`.

    Yields ``(held, busy)``: the keys this process now holds and those another live
    process holds.  The locks are POSIX byte-range locks on one file, ``<db>.crawl.lock``,
    one byte per key (its CRC-32): the kernel drops them when the holder dies, even by
    kill -9, so there is nothing stale to clean up.  Without a lock file (read-only
    folder, :memory:) every key is held.
    """
    import zlib

    keys = list(dict.fromkeys(keys))
    if str(path) == ":memory:":
        yield keys, []
        return
    try:
        handle = open(f"{path}.crawl.lock", "a")  # noqa: SIM115 — held for the locks' lifetime
    except OSError:
        yield keys, []
        return
    held, busy = [], []
    with handle:
        for key in keys:
            try:
                fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, zlib.crc32(key.encode("utf-8")))
                held.append(key)
            except OSError:
                busy.append(key)
        try:
            yield held, busy
        finally:
            for key in held:
                with contextlib.suppress(OSError):
                    fcntl.lockf(handle, fcntl.LOCK_UN, 1, zlib.crc32(key.encode("utf-8")))


@contextlib.contextmanager
def write(db):
    """A write transaction that takes SQLite's write lock up front (BEGIN IMMEDIATE).

    A deferred transaction that reads before it writes cannot wait for another
    process's write lock (SQLITE_BUSY at once, whatever busy_timeout says);
    an immediate one waits its turn. Nested calls become savepoints.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    else:
        db.conn.commit()


def _register_functions(db) -> None:
    """SQL helpers for researchers: vn_fold('Đồng') = 'dong'; vn_doc_key('số 1719/QĐ-TTg')."""
    db.conn.create_function("vn_fold", 1, fold, deterministic=True)
    db.conn.create_function("vn_doc_key", 1, document_key, deterministic=True)
    register_unpack_functions(db.conn)


def register_unpack_functions(conn) -> None:
    """vn_record(records.data) -> the record as JSON; vn_mentions(records.data) -> its mentions as a
    JSON array of [kind, start, end, value(, text)] (the `mentions` and `records_view` views use them)."""
    conn.create_function("vn_record", 1, _schema._sql_record, deterministic=True)
    conn.create_function("vn_mentions", 1, _schema._sql_mentions, deterministic=True)


def load_provinces(db, rows: Iterable | None = None) -> int:
    """Fill `provinces` from nlp.provinces.gazetteer() (63 "old" + 34 "new" rows); idempotent.

    Rows are dicts or dataclasses with key, name, short, code, era ("old"/"new"),
    current (short name of the post-merger province), current_code, valid_from, valid_to.
    Skipped quietly (returns 0) while the gazetteer is not importable; runs again on the
    next connect when the table is still empty.
    """
    if rows is None:
        if db.execute("SELECT count(*) FROM provinces").fetchone()[0]:
            return 0
        try:
            from nlp.provinces import gazetteer
            rows = list(gazetteer())
        except Exception:  # the gazetteer is another stage's module; its absence must not stop storage
            return 0
    count = 0
    with write(db):
        for row in rows:
            if dataclasses.is_dataclass(row):
                row = dataclasses.asdict(row)
            era = str(row.get("era") or "")
            new_era = era == "new"
            db.execute(
                """INSERT INTO provinces (key, era, name, short, code, current, current_code, valid_from, valid_to)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(key, era) DO UPDATE SET name=excluded.name, short=excluded.short,
                     code=excluded.code, current=excluded.current, current_code=excluded.current_code,
                     valid_from=excluded.valid_from, valid_to=excluded.valid_to""",
                [row.get("key") or row.get("name"), era, row.get("name"), row.get("short"), _s(row.get("code")),
                 _s(row.get("current")), _s(row.get("current_code")),
                 row.get("valid_from") or (MERGER_DATE if new_era else None),
                 row.get("valid_to") or (None if new_era else "2025-06-30")],
            )
            count += 1
    return count


def _s(value):
    return None if value is None else str(value)


def _j(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
