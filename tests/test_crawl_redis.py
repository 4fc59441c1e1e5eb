"""Scale-out: two `vnpolicy crawl --redis` processes share one frontier; every article is stored once."""
from __future__ import annotations

import subprocess
import sys

import pytest
from crawlrun import FAST, ROOT, rows
from httpserver import LocalServer

from crawler import redis_server, sitegen

pytestmark = pytest.mark.skipif(not redis_server.available(),
                                reason="redis-server is not installed (apt-get install redis-server)")


def test_two_processes_share_one_crawl(tmp_path, tmp_db):
    out = tmp_path / "sites"
    manifest = sitegen.build(out)
    with LocalServer(root=out) as srv, redis_server.RedisServer() as redis:
        entries = []
        for site in manifest["sites"].values():
            entries += ["--url", site["feed"].replace("{{base}}", srv.base)]
        entries += ["--url", srv.url("/nhandan/sitemap.xml")]
        cmd = [sys.executable, str(ROOT / "pipeline.py"), "crawl", "--db", str(tmp_db), "--no-extract",
               "--redis", redis.url, *FAST, *entries]
        procs = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
        results = [(p.wait(timeout=180), p.stderr.read()) for p in procs]
        for p in procs:
            p.stdout.close()
            p.stderr.close()
        assert [code for code, _ in results] == [0, 0], results
        article_paths = [a["url"].replace("{{base}}", "") for a in manifest["articles"]]
        assert all(srv.hits(path) == 1 for path in article_paths), {p: srv.hits(p) for p in article_paths}
    urls = [u for (u,) in rows(tmp_db, "SELECT url FROM articles")]
    assert len(urls) == len(set(urls)) == len(manifest["articles"])
    assert rows(tmp_db, "SELECT outcome, count(*) FROM fetches GROUP BY outcome") == [("stored", len(urls))]
    assert len(rows(tmp_db, "SELECT id FROM crawl_runs WHERE status = 'ok'")) == 2
