"""The operator's side of a crawl: SIGTERM stops it, a full disk fails it, two crawls never overlap.

Every test runs real `vnpolicy crawl` processes against a loopback site and reads
the real SQLite file afterwards: `crawl_runs` must end ok, failed or interrupted —
never running — with what was lost counted.
"""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from crawlrun import FAST, ROOT, crawl, rows
from httpserver import LocalServer, page, stall

import store

WORDS = ("hội nghị tập huấn cán bộ xã phường thôn bản nông thôn mới giảm nghèo chuyển đổi số đường giao "
         "thông trường học trạm y tế nước sạch vùng cao biên giới dân tộc thiểu số hợp tác xã cà phê lúa gạo "
         "du lịch cộng đồng văn hóa lễ hội bảo hiểm y tế học bổng sinh viên kiểm tra giám sát ngân sách").split()


def article(title: str) -> str:
    rng = random.Random(title)  # each article its own words, so none is a near-duplicate of another
    paras = "".join("<p>" + " ".join(rng.choice(WORDS) for _ in range(40)) + ".</p>" for _ in range(4))
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<h1 class='detail-title'>{title}</h1><div data-role='publishdate'>03/01/2026 08:30</div>"
            f"<div class='detail-content' data-role='content'>{paras}</div></body></html>")


def slow_site(n: int, delay: float) -> dict:
    routes = {f"/tin-{i}-1022601030000002{i:02d}.htm": stall(delay, page(article(f"Tin số {i} của cổng chậm")))
              for i in range(n)}
    links = "".join(f"<a href='{p}'>tin</a>" for p in routes)
    routes["/list.htm"] = page(f"<html><body>{links}</body></html>")
    return routes


def start_crawl(db, *args: str) -> subprocess.Popen:
    cmd = [sys.executable, str(ROOT / "pipeline.py"), "crawl", "--db", str(db), *args, "--no-extract", *FAST,
           "-s", "CONCURRENT_REQUESTS=2", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1"]
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def wait_for_hits(srv, count: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while sum(srv.hits().values()) < count:
        assert time.monotonic() < deadline, f"fewer than {count} requests in {seconds} s"
        time.sleep(0.1)


def wait_for_articles(db, count: int, proc, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if rows(db, "SELECT count(*) FROM articles")[0][0] >= count:
                return
        except sqlite3.Error:
            pass
        time.sleep(0.1)
    raise AssertionError(f"fewer than {count} articles stored in {seconds} s")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_stops_the_crawl_within_seconds_and_the_run_says_interrupted(tmp_db, sig):
    n = 60
    with LocalServer(slow_site(n, 0.5)) as srv:
        proc = start_crawl(tmp_db, "--url", srv.url("/list.htm"))
        try:
            wait_for_articles(tmp_db, 2, proc)
            sent = time.monotonic()
            os.kill(proc.pid, sig)
            out, err = proc.communicate(timeout=20)
            took = time.monotonic() - sent
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
        assert took < 10, f"took {took:.1f} s to stop"
        assert proc.returncode == 128 + sig, err
        assert "Traceback" not in err
        assert "interrupted" in err
        (status, counts, error), = rows(tmp_db, "SELECT status, counts, error FROM crawl_runs")
        assert status == "interrupted"
        assert signal.Signals(sig).name in error
        counts = json.loads(counts)
        kept = rows(tmp_db, "SELECT url FROM articles")
        assert counts.get("stored", 0) == len(kept) >= 2 and len(kept) < n
        assert counts["unfetched"] >= 1 and len(kept) + counts["unfetched"] <= n + 1
        # The next run resumes: nothing stored is fetched again, everything else is.
        result = crawl(tmp_db, "--url", srv.url("/list.htm"), "-s", "CONCURRENT_REQUESTS=16",
                       "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16")
        assert result.returncode == 0, result.stderr
        assert rows(tmp_db, "SELECT count(*) FROM articles")[0][0] == n
        for (url,) in kept:
            assert srv.hits(url.replace(srv.base, "")) == 1
        assert [s for (s,) in rows(tmp_db, "SELECT status FROM crawl_runs ORDER BY id")] == ["interrupted", "ok"]


def test_a_run_left_running_by_a_killed_crawl_is_closed_by_the_next(tmp_db):
    with LocalServer(slow_site(40, 0.5)) as srv:
        proc = start_crawl(tmp_db, "--url", srv.url("/list.htm"))
        try:
            wait_for_hits(srv, 6)
        finally:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        assert rows(tmp_db, "SELECT status FROM crawl_runs") == [("running",)]
        result = crawl(tmp_db, "--url", srv.url("/list.htm"), "-s", "CONCURRENT_REQUESTS=16",
                       "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16")
        assert result.returncode == 0, result.stderr
    statuses = rows(tmp_db, "SELECT status, error FROM crawl_runs ORDER BY id")
    assert statuses[0][0] == "interrupted" and "ended without closing" in statuses[0][1]
    assert statuses[1][0] == "ok"


def test_full_disk_fails_the_run_with_the_loss_counted_and_the_rerun_recovers(tmp_db):
    n = 40
    routes = {f"/tin-{i}-1022601030000003{i:02d}.htm": page(article(f"Tin dài số {i} " + "rất dài " * 40))
              for i in range(n)}
    links = "".join(f"<a href='{p}'>tin</a>" for p in routes)
    routes["/list.htm"] = page(f"<html><body>{links}</body></html>")
    store.connect(tmp_db).close()
    # "database or disk is full" after a few articles: the file may not grow more than ~40 KB.
    limit = (tmp_db.stat().st_size + 40_000) / 2**20
    with LocalServer(routes) as srv:
        env = {**os.environ, "VNPOLICY_DB_MAX_MB": f"{limit:.4f}"}
        cmd = [sys.executable, str(ROOT / "pipeline.py"), "crawl", "--db", str(tmp_db), "--url",
               srv.url("/list.htm"), "--no-extract", *FAST]
        full = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
        assert full.returncode == 1, full.stderr
        assert "could not be stored" in full.stderr and "Traceback" not in full.stderr
        kept = rows(tmp_db, "SELECT url FROM articles")
        assert 0 < len(kept) < n
        (status, counts, error), = rows(tmp_db, "SELECT status, counts, error FROM crawl_runs")
        assert status == "failed" and "full" in error
        assert json.loads(counts)["lost_storage"] >= n - len(kept) - 1
        # Space freed: the rerun stores the rest without fetching the kept ones again.
        again = crawl(tmp_db, "--url", srv.url("/list.htm"))
        assert again.returncode == 0, again.stderr
        assert rows(tmp_db, "SELECT count(*) FROM articles")[0][0] == n
        for (url,) in kept:
            assert srv.hits(url.replace(srv.base, "")) == 1


def test_two_crawls_of_one_source_never_fetch_a_url_twice(tmp_db, tmp_path):
    n = 24
    with LocalServer(slow_site(n, 0.5)) as srv:
        sources = tmp_path / "sources.toml"
        sources.write_text(f'[[source]]\nname = "cham"\nlistings = ["{srv.url("/list.htm")}"]\n', encoding="utf-8")
        first = start_crawl(tmp_db, "--sources-file", str(sources), "--source", "cham")
        try:
            wait_for_hits(srv, 4)
            assert first.poll() is None
            second = start_crawl(tmp_db, "--sources-file", str(sources), "--source", "cham")
            out2, err2 = second.communicate(timeout=60)
            out1, err1 = first.communicate(timeout=120)
        finally:
            for proc in (first,):
                if proc.poll() is None:
                    os.killpg(proc.pid, signal.SIGKILL)
        assert first.returncode == 0, err1
        assert second.returncode == 0, err2
        assert "another crawl of this source is running" in err2
        hits = srv.hits()
        assert all(count == 1 for path, count in hits.items() if path.startswith("/tin-")), hits
        assert rows(tmp_db, "SELECT count(*) FROM articles")[0][0] == n


def test_signal_during_extraction_stops_it_and_the_next_crawl_extracts_the_rest(tmp_db):
    n = 20
    with LocalServer(slow_site(n, 0)) as srv:
        cmd = [sys.executable, str(ROOT / "pipeline.py"), "crawl", "--db", str(tmp_db), "--url",
               srv.url("/list.htm"), "--workers", "1", *FAST]
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        try:
            deadline = time.monotonic() + 90
            while proc.poll() is None and time.monotonic() < deadline:  # the crawl phase closes its run first
                try:
                    if rows(tmp_db, "SELECT status FROM crawl_runs") == [("ok",)]:
                        break
                except sqlite3.Error:
                    pass
                time.sleep(0.05)
            assert proc.poll() is None, "the crawl ended before extraction could be interrupted"
            sent = time.monotonic()
            os.kill(proc.pid, signal.SIGTERM)
            _, err = proc.communicate(timeout=30)
            took = time.monotonic() - sent
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
        assert proc.returncode == 128 + signal.SIGTERM, err
        assert took < 15 and "Traceback" not in err
        (status, counts), = rows(tmp_db, "SELECT status, counts FROM crawl_runs")
        counts = json.loads(counts)
        assert status == "interrupted" and counts["stored"] == n
        unextracted = rows(tmp_db, "SELECT count(*) FROM articles a WHERE a.duplicate_of IS NULL AND NOT EXISTS "
                                   "(SELECT 1 FROM records r WHERE r.article_id = a.id)")[0][0]
        assert counts["unextracted"] == unextracted >= 1
        again = crawl(tmp_db, "--url", srv.url("/list.htm"), extract=True)
        assert again.returncode == 0, again.stderr
        assert rows(tmp_db, "SELECT count(*) FROM records")[0][0] == n
