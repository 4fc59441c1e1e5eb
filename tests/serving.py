"""`vnpolicy serve` started for a test on a free loopback port, stopped afterwards."""
from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(db_path) -> Iterator[str]:
    """Yield the base URL of a `vnpolicy serve` over `db_path` once it answers."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "pipeline.py"), "serve", "--db", str(db_path),
                             "--port", str(port)], cwd=str(ROOT), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail("vnpolicy serve exited: " + proc.stderr.read())
                time.sleep(0.2)
        else:
            pytest.fail("vnpolicy serve did not start")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
