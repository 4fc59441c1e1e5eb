"""Several crawler machines, one database: `crawl --redis --queue-only` + `ingest`, on a real redis-server.

Crawlers run in their own working directories with no database; the ingester alone writes the
SQLite file.  Killing a crawler or the ingester mid-way loses nothing and stores nothing twice.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from crawlrun import FAST, ROOT, rows
from growingsite import GrowingSite
from httpserver import LocalServer

from crawler import redis_server, redisqueue, sitegen

pytestmark = pytest.mark.skipif(not redis_server.available(),
                                reason="redis-server is not installed (apt-get install redis-server)")


def command(*args: str) -> list[str]:
    return [sys.executable, str(ROOT / "pipeline.py"), *args]


def env() -> dict:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT) + os.pathsep + e.get("PYTHONPATH", "")
    e.pop("VNPOLICY_DB", None)
    return e


def crawler(workdir: Path, redis_url: str, *args: str) -> subprocess.Popen:
    workdir.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(command("crawl", "--redis", redis_url, "--queue-only", *FAST, *args), cwd=workdir,
                            env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(procs: list[subprocess.Popen], timeout: float = 180) -> list[tuple[int, str, str]]:
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=timeout)
        out.append((p.returncode, stdout, stderr))
    return out


def ingest(redis_url: str, db: Path, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(command("ingest", "--redis", redis_url, "--db", str(db), "--idle-seconds", "0.5", *args),
                          cwd=db.parent, env=env(), capture_output=True, text=True, timeout=timeout)


def db_files(*dirs: Path) -> list[Path]:
    return [p for d in dirs for p in d.rglob("*") if p.suffix in (".db", ".sqlite", ".lock")
            or p.name.endswith(("-wal", "-shm"))]


def test_two_queue_only_crawlers_and_one_ingester_store_every_article_once(tmp_path):
    sites = tmp_path / "sites"
    manifest = sitegen.build(sites)
    central = tmp_path / "central" / "policy.db"
    central.parent.mkdir()
    a_dir, b_dir = tmp_path / "crawler-a", tmp_path / "crawler-b"
    with LocalServer(root=sites) as srv, redis_server.RedisServer() as redis:
        entries = []
        for site in manifest["sites"].values():
            entries += ["--url", site["feed"].replace("{{base}}", srv.base)]
        entries += ["--url", srv.url("/nhandan/sitemap.xml"), "--url", srv.url("/portal/tin-tuc-su-kien.html")]
        results = finish([crawler(a_dir, redis.url, *entries), crawler(b_dir, redis.url, *entries)])
        assert [r[0] for r in results] == [0, 0], results
        assert db_files(a_dir, b_dir) == []  # no database on the crawler side
        article_paths = [a["url"].replace("{{base}}", "") for a in manifest["articles"]]
        assert {p: srv.hits(p) for p in article_paths} == {p: 1 for p in article_paths}
        queued = sum(int(line.split(":")[1]) for _, out, _ in results for line in out.splitlines()
                     if "queued for" in line)
        assert queued == len(article_paths)

        done = ingest(redis.url, central, "--until-idle", "--no-extract")
        assert done.returncode == 0, done.stderr
        urls = [u for (u,) in rows(central, "SELECT url FROM articles")]
        assert len(urls) == len(set(urls)) == len(article_paths)
        stored = {u.replace(srv.base, ""): (t, p) for u, t, p in rows(central, "SELECT url, title, published FROM articles")}
        for a in manifest["articles"]:
            assert stored[a["url"].replace("{{base}}", "")] == (a["title"], a["published"]), a["id"]
        runs = rows(central, "SELECT status FROM crawl_runs")
        assert runs and all(status == "ok" for (status,) in runs)

        # Second round: entry pages are read again, no article is fetched again, nothing new is stored.
        feed = manifest["sites"]["chinhphu"]["feed"].replace("{{base}}", "")
        feed_hits = srv.hits(feed)
        results = finish([crawler(a_dir, redis.url, *entries), crawler(b_dir, redis.url, *entries)])
        assert [r[0] for r in results] == [0, 0], results
        assert srv.hits(feed) == feed_hits + 2
        assert {p: srv.hits(p) for p in article_paths} == {p: 1 for p in article_paths}
        again = ingest(redis.url, central, "--until-idle", "--no-extract")
        assert again.returncode == 0, again.stderr
        assert rows(central, "SELECT count(*) FROM articles")[0][0] == len(article_paths)
        assert db_files(a_dir, b_dir) == []


def test_the_seen_set_is_seeded_from_the_database(tmp_path):
    central = tmp_path / "policy.db"
    with GrowingSite(count=6, per_page=10) as site, redis_server.RedisServer() as redis:
        # the database machine crawled these itself before scaling out
        first = subprocess.run(command("crawl", "--db", str(central), "--no-extract", *FAST, "--url",
                                       site.url("/thoi-su")), cwd=tmp_path, env=env(), capture_output=True,
                               text=True, timeout=120)
        assert first.returncode == 0, first.stderr
        assert ingest(redis.url, central, "--until-idle", "--no-extract").returncode == 0  # seeds Redis
        site.publish(2)
        results = finish([crawler(tmp_path / "c", redis.url, "--url", site.url("/thoi-su"))])
        assert results[0][0] == 0, results
        assert all(site.hits(p) == 1 for p in site.all_paths())  # only the two new ones were fetched
        assert ingest(redis.url, central, "--until-idle", "--no-extract").returncode == 0
        assert rows(central, "SELECT count(*) FROM articles")[0][0] == 8


def test_a_killed_crawler_loses_nothing(tmp_path):
    central = tmp_path / "policy.db"
    # 40 slow articles: under load the victim must still be mid-way when the kill lands.
    with GrowingSite(count=40, per_page=20, delay=0.3) as site, redis_server.RedisServer() as redis:
        client = redisqueue.connect(redis.url)
        lease = ["-s", "VNPOLICY_LEASE_SECONDS=2", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"]
        victim = crawler(tmp_path / "a", redis.url, *lease, "--url", site.url("/thoi-su"))
        deadline = time.monotonic() + 60
        while client.llen(redisqueue.QUEUE) < 4 and time.monotonic() < deadline:  # run_start + 3 articles
            time.sleep(0.05)
        victim.send_signal(signal.SIGKILL)
        victim.communicate(timeout=30)
        fetched_by_victim = sum(site.hits(p) for p in site.all_paths())
        assert 0 < fetched_by_victim < 40
        time.sleep(2.5)  # its heartbeat expires: its claims may be taken over
        rescue = finish([crawler(tmp_path / "b", redis.url, *lease, "--url", site.url("/thoi-su"))])
        assert rescue[0][0] == 0, rescue
        done = ingest(redis.url, central, "--until-idle", "--no-extract")
        assert done.returncode == 0, done.stderr
        urls = [u.replace(site.server.base, "") for (u,) in rows(central, "SELECT url FROM articles")]
        assert sorted(urls) == sorted(site.all_paths())
        client.close()


def test_a_killed_ingester_loses_nothing_and_stores_nothing_twice(tmp_path):
    central = tmp_path / "policy.db"
    with GrowingSite(count=20, per_page=25) as site, redis_server.RedisServer() as redis:
        results = finish([crawler(tmp_path / "c", redis.url, "--url", site.url("/thoi-su"))])
        assert results[0][0] == 0, results
        client = redisqueue.connect(redis.url)
        # An ingester that died holding a message (taken, never acknowledged) ...
        inbox = redisqueue.Inbox(redis.url)
        taken = inbox.take(timeout=1)
        assert taken is not None and client.llen(redisqueue.PROCESSING) == 1
        # ... and one killed while storing.
        service = subprocess.Popen(command("ingest", "--redis", redis.url, "--db", str(central), "--no-extract"),
                                   cwd=tmp_path, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if central.exists() and rows(central, "SELECT count(*) FROM sqlite_master WHERE name='articles'")[0][0] \
                    and rows(central, "SELECT count(*) FROM articles")[0][0] >= 1:
                break
            time.sleep(0.01)
        service.send_signal(signal.SIGKILL)
        service.communicate(timeout=30)
        # a message delivered twice (a kill between commit and acknowledgement) is stored once
        message = json.loads(taken[0])
        client.lpush(redisqueue.QUEUE, json.dumps(message))
        done = ingest(redis.url, central, "--until-idle", "--no-extract")
        assert done.returncode == 0, done.stderr
        assert "already stored" in done.stdout
        urls = [u.replace(site.server.base, "") for (u,) in rows(central, "SELECT url FROM articles")]
        assert sorted(urls) == sorted(site.all_paths())
        assert client.llen(redisqueue.QUEUE) == 0 and client.llen(redisqueue.PROCESSING) == 0
        inbox.close()
        client.close()


def test_ingest_extracts_and_a_sigterm_ends_the_service_cleanly(tmp_path):
    central = tmp_path / "policy.db"
    with GrowingSite(count=3, per_page=5) as site, redis_server.RedisServer() as redis:
        assert finish([crawler(tmp_path / "c", redis.url, "--url", site.url("/thoi-su"))])[0][0] == 0
        service = subprocess.Popen(command("ingest", "--redis", redis.url, "--db", str(central)),
                                   cwd=tmp_path, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            if central.exists() and rows(central, "SELECT count(*) FROM sqlite_master WHERE name='records'")[0][0] \
                    and rows(central, "SELECT count(*) FROM records")[0][0] == 3:
                break
            time.sleep(0.2)
        service.send_signal(signal.SIGTERM)
        stdout, stderr = service.communicate(timeout=60)
        assert service.returncode == 0, stderr
        assert "stored 3" in stdout
        assert rows(central, "SELECT count(*) FROM records")[0][0] == 3


def test_queue_only_needs_redis_and_an_unreachable_redis_is_one_clear_line(tmp_path):
    bad = subprocess.run(command("crawl", "--queue-only", "--url", "http://127.0.0.1:9/"), cwd=tmp_path, env=env(),
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "--queue-only needs --redis" in bad.stderr
    port = redis_server.free_port()
    down = subprocess.run(command("crawl", "--redis", f"redis://127.0.0.1:{port}/0", "--queue-only", "--url",
                                  "http://127.0.0.1:9/"), cwd=tmp_path, env=env(), capture_output=True, text=True,
                          timeout=60)
    assert down.returncode == 1 and "cannot reach Redis" in down.stderr and "Traceback" not in down.stderr
    assert db_files(tmp_path) == []
