"""The source catalog (crawler/sources.toml) and the `vnpolicy sources` / `crawl --source/--all` commands."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from crawlrun import crawl, rows, vnpolicy
from httpserver import LocalServer

from crawler import discovery, families, sources

SITES = Path(__file__).parent / "sites"
CATALOG = sources.load_sources()


def test_catalog_has_national_and_provincial_rows():
    names = {r["name"] for r in CATALOG}
    assert len(CATALOG) >= 30
    assert {"baochinhphu", "nhandan", "dangcongsan", "baodantoc", "moha"} <= names
    assert len({r["province"] for r in CATALOG if r.get("province")}) >= 20


@pytest.mark.parametrize("row", CATALOG, ids=[r["name"] for r in CATALOG])
def test_each_row_is_usable(row):
    assert row["family"] in families.FAMILIES
    assert row["homepage"].startswith("https://")
    for entry in sources.entries(row):
        assert re.match(r"https?://", entry["url"])
        if entry["kind"] == "listing" and row["family"] != "generic":
            assert not discovery.is_article_url(entry["url"], families.get(row["family"])), entry["url"]


def test_sources_command_json_lists_the_catalog():
    result = vnpolicy("sources", "--json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert [r["name"] for r in listed] == [r["name"] for r in CATALOG]


def test_sources_command_table_filters_by_province():
    result = vnpolicy("sources", "--province", "Sơn La")
    assert result.returncode == 0
    assert "sonla-portal" in result.stdout and "baosonla" in result.stdout
    assert "nhandan" not in result.stdout


@pytest.mark.parametrize("text,message", [
    ('[[source]]\nfamily = "vc"\nfeeds = ["http://x/"]\n', "missing name"),
    ('[[source]]\nname = "a"\nfamily = "vc"\n', "no feeds"),
    ('[[source]]\nname = "a"\nfamily = "wordpress"\nfeeds = ["http://x/"]\n', "unknown family"),
    ('[[source]]\nname = "a"\nfeeds = "http://x/"\n', "must be a list"),
    ('[[source]]\nname = "a"\nfeeds = ["http://x/"]\n[[source]]\nname = "a"\nfeeds = ["http://y/"]\n', "duplicate"),
    ("[[source]\nname=", "Expected"),
])
def test_bad_catalog_rows_are_reported(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    result = vnpolicy("sources", "--sources-file", str(path))
    assert result.returncode == 2
    assert message in result.stderr


def test_crawl_all_runs_every_source_with_a_run_row_each(tmp_path, tmp_db):
    with LocalServer(root=SITES / "chinhphu") as a, LocalServer(root=SITES / "nhandan") as b:
        catalog = tmp_path / "sources.toml"
        catalog.write_text(f"""
[[source]]
name = "local-chinhphu"
family = "vc"
homepage = "{a.url('/')}"
feeds = ["{a.url('/home.rss')}"]

[[source]]
name = "local-nhandan"
province = "Sơn La"
family = "zce"
homepage = "{b.url('/')}"
feeds = ["{b.url('/home.rss')}"]
selectors = {{ sapo = ".does-not-exist" }}

[[source]]
name = "local-disabled"
family = "zce"
homepage = "{b.url('/')}"
feeds = ["{b.url('/nothing.rss')}"]
enabled = false
""", encoding="utf-8")
        result = crawl(tmp_db, "--sources-file", str(catalog), "--all")
        assert result.returncode == 0, result.stderr
    assert sorted(rows(tmp_db, "SELECT source, status FROM crawl_runs")) == [("local-chinhphu", "ok"), ("local-nhandan", "ok")]
    by_source = dict(rows(tmp_db, "SELECT source, count(*) FROM articles GROUP BY source"))
    assert by_source == {"local-chinhphu": 2, "local-nhandan": 1}
    assert rows(tmp_db, "SELECT province FROM sources WHERE name = 'local-nhandan'") == [("Sơn La",)]
    # the override is tried first; when it matches nothing the family default still finds the sapo
    assert rows(tmp_db, "SELECT sapo FROM articles WHERE source = 'local-nhandan'")[0][0].startswith("Sơn La tổ chức")
