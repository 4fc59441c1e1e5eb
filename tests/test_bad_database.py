"""--db pointing at a folder, a non-SQLite file, a read-only file or into a read-only folder.

Read-only commands must still read; writing commands refuse with one line and exit 2,
leaving the file byte for byte as it was; nothing prints a traceback.  Tests run as
root in CI, where file modes do not bind: commands then run with the capabilities
that override them dropped (setpriv), so the modes apply as for any operator.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys

import pytest
from crawlrun import ROOT

import store

READERS = [["search", "hội nghị"], ["status"], ["export", "--output", "-"], ["feed"]]
WRITERS = [["crawl", "--url", "http://127.0.0.1:9/", "--no-extract"], ["reprocess"]]


def _as_operator(args: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return args
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: file modes cannot be enforced")
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", "--", *args]


def vnpolicy(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(_as_operator([sys.executable, str(ROOT / "pipeline.py"), *args]), capture_output=True,
                          text=True, timeout=120, cwd=ROOT, env=env)


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def made_db(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "v.db"
    store.connect(path).close()
    (folder / "v.db.lock").unlink()
    yield path
    folder.chmod(0o755)
    path.chmod(0o644)


def _one_line_error(proc, rc=2):
    assert proc.returncode == rc, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    return lines[0]


@pytest.mark.parametrize("cmd", READERS + WRITERS, ids=lambda c: c[0])
def test_folder_as_db_is_one_line(tmp_path, cmd):
    line = _one_line_error(vnpolicy(*cmd, "--db", str(tmp_path)))
    assert "is a folder" in line


@pytest.mark.parametrize("cmd", READERS + WRITERS, ids=lambda c: c[0])
def test_not_sqlite_is_one_line(tmp_path, cmd):
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database\n")
    line = _one_line_error(vnpolicy(*cmd, "--db", str(bad)))
    assert "not an SQLite database" in line
    assert bad.read_text() == "these are my notes, not a database\n"


@pytest.mark.parametrize("where", ["file", "folder"])
def test_read_only_database(made_db, where):
    before = _digest(made_db)
    if where == "file":
        made_db.chmod(0o444)
    made_db.parent.chmod(0o555)
    for cmd in READERS:
        proc = vnpolicy(*cmd, "--db", str(made_db))
        assert proc.returncode == 0, (cmd, proc.stderr)
        assert "Traceback" not in proc.stderr
    for cmd in WRITERS:
        line = _one_line_error(vnpolicy(*cmd, "--db", str(made_db)))
        assert "read-only" in line, line
    assert _digest(made_db) == before
    assert sorted(p.name for p in made_db.parent.iterdir()) == ["v.db"]


def test_connect_reports_one_line_errors(tmp_path):
    with pytest.raises(store.DatabaseError, match="is a folder"):
        store.connect(tmp_path)
    with pytest.raises(store.DatabaseError, match="does not exist"):
        store.connect(tmp_path / "missing" / "v.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00" * 10 + b"garbage")
    with pytest.raises(store.DatabaseError, match="not an SQLite"):
        store.connect(junk)


def test_serve_reads_a_database_in_a_read_only_folder(made_db):
    """Datasette's own read-write open of a WAL file fails in a read-only folder: serve opens it immutable."""
    import socket
    import time
    import urllib.request

    before = _digest(made_db)
    made_db.chmod(0o444)
    made_db.parent.chmod(0o555)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(_as_operator([sys.executable, str(ROOT / "pipeline.py"), "serve", "--db", str(made_db),
                                          "--port", str(port)]),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    try:
        answers = {}
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(answers) < 2 and proc.poll() is None:
            for path in ("/", "/-/feed.atom"):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as resp:
                        answers[path] = resp.status
                except OSError:
                    time.sleep(0.3)
        assert answers == {"/": 200, "/-/feed.atom": 200}, proc.stderr.read() if proc.poll() is not None else ""
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert _digest(made_db) == before
