"""Run `vnpolicy crawl` in a child process (Twisted's reactor cannot restart) and read the results."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Loopback needs no politeness delays; retries back off briefly so tests stay fast.
FAST = ["-s", "AUTOTHROTTLE_ENABLED=false", "-s", "DOWNLOAD_DELAY=0", "-s", "RETRY_BACKOFF_BASE=0.05",
        "-s", "DOWNLOAD_TIMEOUT=3"]


def vnpolicy(*args: str, timeout: float = 120, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "pipeline.py"), *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, env=env)


def crawl(db, *args: str, extract: bool = False, fast: bool = True, timeout: float = 120):
    cmd = ["crawl", "--db", str(db), *(FAST if fast else []), *args]  # later -s wins
    if not extract:
        cmd.append("--no-extract")
    return vnpolicy(*cmd, timeout=timeout)


def rows(db, sql: str, params=()) -> list[tuple]:
    con = sqlite3.connect(str(db))
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def outcomes(db) -> dict[str, tuple]:
    """url -> (outcome, http_status, reason) of the latest fetch row per URL."""
    return {url: (o, s, r) for url, o, s, r in rows(db, "SELECT url, outcome, http_status, reason FROM fetches ORDER BY id")}
