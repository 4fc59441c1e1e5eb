"""Hostile sites: every bad page becomes a fetch row with its outcome and reason; the run goes on."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from crawlrun import FAST, ROOT, crawl, outcomes, rows
from httpserver import LocalServer, binary, flaky, junk, page, redirect, robots, stall, status

SITES = Path(__file__).parent / "sites"


def article(title: str, n: int = 3) -> str:
    paras = "".join(f"<p>Đoạn {i}: {title} — UBND tỉnh chỉ đạo các sở, ngành triển khai nhiệm vụ trọng tâm.</p>"
                    for i in range(n))
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<h1 class='detail-title'>{title}</h1><div data-role='publishdate'>02/01/2026 10:00</div>"
            f"<div class='detail-content' data-role='content'>{paras}</div></body></html>")


ROUTES = {
    "ok": page(article("Bài viết bình thường")),
    "blocked": page((SITES / "hostile/blocked.html").read_bytes()),
    "challenge": page((SITES / "hostile/challenge.html").read_bytes()),
    "cloudflare": page((SITES / "hostile/cloudflare.html").read_bytes(), status=503),
    "flaky": flaky(page(article("Bài viết sau lỗi 500")), failures=1),
    "stall": stall(30),
    "loop-a": redirect("{{base}}/loop-b-102260101000009002.htm"),
    "loop-b": redirect("{{base}}/loop-a-102260101000009001.htm"),
    "binary": binary(20_000),
    "junk": junk(3),
    "gone": status(503),
    "wrong-charset": page((SITES / "portal/tin-tuc-su-kien/chuyen-de/tin-trong-nuoc/tong-ket-cp1258.html")
                          .read_bytes().replace(b"windows-1258", b"utf-8"), "text/html; charset=utf-8"),
}
PATHS = {name: f"/{name}-1022601010000000{i:02d}.htm" for i, name in enumerate(list(ROUTES) + ["missing", "private"])}
PATHS["loop-a"], PATHS["loop-b"] = "/loop-a-102260101000009001.htm", "/loop-b-102260101000009002.htm"
PATHS["private"] = "/private/secret-102260101000000099.htm"


@pytest.fixture(scope="module")
def hostile_crawl(tmp_path_factory):
    db = tmp_path_factory.mktemp("hostile") / "h.db"
    links = "".join(f"<a href='{p}'>{n}</a>" for n, p in PATHS.items() if n != "loop-b")
    routes = {PATHS[n]: h for n, h in ROUTES.items()}
    routes["/list.htm"] = page(f"<html><body>{links}</body></html>")
    routes["/robots.txt"] = robots("User-agent: *\nDisallow: /private/\n")
    with LocalServer(routes) as srv:
        result = crawl(db, "--url", srv.url("/list.htm"), "-s", "DOWNLOAD_TIMEOUT=1", "-s", "DOWNLOAD_MAXSIZE=1000000",
                       "-s", "RETRY_TIMES=1")
        yield srv, db, result


@pytest.mark.parametrize("name,outcome,status_code,reason", [
    ("ok", "stored", 200, None),
    ("flaky", "stored", 200, None),
    ("wrong-charset", "stored", 200, None),
    ("blocked", "blocked", 200, "Thông báo từ chối truy cập"),
    ("challenge", "blocked", 200, "JS cookie challenge"),
    ("cloudflare", "http_error", 503, "HTTP 503"),
    ("gone", "http_error", 503, "HTTP 503"),
    ("missing", "http_error", 404, "HTTP 404"),
    ("binary", "parse_error", 200, "not html"),
    ("stall", "error", None, "timeout"),
    ("loop-a", "error", 302, "redirect loop"),
    ("junk", "error", None, "too large"),
    ("private", "robots", None, "Forbidden by robots.txt"),
])
def test_each_hostile_page_gets_its_outcome(hostile_crawl, name, outcome, status_code, reason):
    srv, db, result = hostile_crawl
    assert result.returncode == 0, result.stderr
    got = outcomes(db)[srv.url(PATHS[name])]
    assert got[0] == outcome
    assert got[1] == status_code
    if reason:
        assert reason in got[2]


def test_only_real_articles_are_stored(hostile_crawl):
    srv, db, _ = hostile_crawl
    titles = sorted(t for (t,) in rows(db, "SELECT title FROM articles"))
    assert titles == ["Bài viết bình thường", "Bài viết sau lỗi 500", "Tỉnh Hà Giang tổng kết công tác dân tộc năm 2024"]


def test_a_500_is_retried_and_robots_disallowed_pages_are_never_requested(hostile_crawl):
    srv, db, _ = hostile_crawl
    assert srv.hits(PATHS["flaky"]) == 2
    assert srv.hits(PATHS["private"]) == 0
    assert srv.hits("/robots.txt") == 1
    ua = srv.requests_for(PATHS["ok"])[0].headers["user-agent"]
    assert "vnpolicy" in ua and "http" in ua


def test_run_row_counts_outcomes(hostile_crawl):
    srv, db, result = hostile_crawl
    (status_, counts), = rows(db, "SELECT status, counts FROM crawl_runs")
    assert status_ == "ok"
    assert '"stored": 3' in counts and '"blocked": 2' in counts
    assert "stored 3" in result.stdout


def test_killed_crawl_keeps_what_it_stored_and_the_next_run_resumes(tmp_db):
    n = 12
    routes = {f"/bai-{i}-1022601010000001{i:02d}.htm": stall(0.4, page(article(f"Bài số {i} của trang chậm")))
              for i in range(n)}
    links = "".join(f"<a href='{p}'>x</a>" for p in routes)
    routes["/list.htm"] = page(f"<html><body>{links}</body></html>")
    with LocalServer(routes) as srv:
        cmd = [sys.executable, str(ROOT / "pipeline.py"), "crawl", "--db", str(tmp_db), "--url", srv.url("/list.htm"),
               "--no-extract", *FAST, "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1"]
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        try:
            deadline = time.monotonic() + 60
            stored = 0
            while time.monotonic() < deadline and stored < 3:
                time.sleep(0.2)
                if tmp_db.exists():
                    try:
                        stored = rows(tmp_db, "SELECT count(*) FROM articles")[0][0]
                    except Exception:
                        stored = 0
            os.killpg(proc.pid, signal.SIGKILL)
        finally:
            proc.wait(timeout=10)
        kept = {u for (u,) in rows(tmp_db, "SELECT url FROM articles")}
        assert 3 <= len(kept) < n
        result = crawl(tmp_db, "--url", srv.url("/list.htm"))
        assert result.returncode == 0, result.stderr
        assert rows(tmp_db, "SELECT count(*) FROM articles")[0][0] == n
        for url in kept:
            assert srv.hits(url.replace(srv.base, "")) == 1
