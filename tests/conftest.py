"""Shared fixtures: a loopback HTTP server and a temporary database path.

Kept small on purpose: helpers live in their own modules (tests/httpserver.py,
…) and are imported from there.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
for p in (str(TESTS), str(ROOT)):
    if p not in sys.path:
        sys.path.insert(0, p)

from httpserver import LocalServer  # noqa: E402


@pytest.fixture
def http_server():
    """A started LocalServer on 127.0.0.1:<random port>; add routes with ``.add()`` or set ``.root``."""
    server = LocalServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def tmp_db(tmp_path) -> Path:
    """Path of a fresh (not yet created) SQLite database file in a temporary directory."""
    return tmp_path / "test.db"
