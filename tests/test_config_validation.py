"""Configuration is checked on load: sources, schedules and settings refuse bad values, one line each.

Each case is a value an operator could plausibly write and that used to be taken at
face value (`bool("false")` is True, `file://` was fetched, "two" crashed).
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from crawlrun import ROOT
from httpserver import LocalServer, page

import settings
import validation
from crawler.sources import SourceError, load_sources
from monitor.scheduler import ConfigError, load_config

GOOD_SOURCE = {"name": "tinh-a", "listings": '["https://tinh-a.example.vn/tin-tuc"]'}


def sources_file(tmp_path, **fields) -> str:
    row = {**GOOD_SOURCE, **fields}
    text = "[[source]]\n" + "".join(f"{k} = {v}\n" for k, v in row.items() if k != "name")
    text = text.replace("[[source]]\n", f'[[source]]\nname = "{row["name"]}"\n', 1)
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("field,value,expected", [
    ("enabled", '"false"', "enabled: expected true or false"),
    ("listings", '["file:///etc/passwd"]', "only http:// and https://"),
    ("feeds", '["not a url"]', "feeds[0]: only http:// and https://"),
    ("selectors", '"oops"', "selectors: expected a table"),
    ("selectors", "{ body = 3 }", "selectors.body: expected a CSS selector"),
    ("homepage", '"ftp://tinh-a.example.vn"', "homepage: only http:// and https://"),
    ("family", '"wordpress"', "unknown family"),
    ("listings", '"https://tinh-a.example.vn"', "listings: must be a list of URLs"),
    ("colour", '"blue"', "unknown key(s): colour"),
])
def test_bad_source_rows_are_refused(tmp_path, field, value, expected):
    with pytest.raises(SourceError) as err:
        load_sources(sources_file(tmp_path, **{field: value}))
    assert expected in str(err.value)
    assert "source 'tinh-a'" in str(err.value)


def test_every_problem_of_a_catalog_is_one_line(tmp_path):
    path = sources_file(tmp_path, enabled='"false"', feeds='["not a url", "file:///x"]', selectors='"oops"')
    with pytest.raises(SourceError) as err:
        load_sources(path)
    lines = str(err.value).splitlines()
    assert len(lines) == 4, lines
    assert all(line.startswith(path) for line in lines)


def test_the_bundled_catalog_is_valid():
    assert len(load_sources()) > 30


def test_a_crawl_of_broken_sources_fails_without_fetching(tmp_path):
    with LocalServer({"/list.htm": page("<html><body><a href='/a.htm'>a</a></body></html>")}) as srv:
        path = sources_file(tmp_path, listings=f'["{srv.url("/list.htm")}"]', feeds='["not a url"]')
        proc = subprocess.run([sys.executable, str(ROOT / "pipeline.py"), "crawl", "--db", str(tmp_path / "c.db"),
                               "--sources-file", path, "--all"], capture_output=True, text=True, cwd=ROOT,
                              timeout=120)
        assert proc.returncode == 2
        assert "feeds[0]" in proc.stderr and "Traceback" not in proc.stderr
        assert not srv.hits()


SCHEDULE_CASES = [
    ('[scheduler]\ncatalog = "false"\n', "scheduler.catalog: expected true or false"),
    ('[scheduler]\nmax_parallel = "two"\n', "scheduler.max_parallel: expected an integer"),
    ('[scheduler]\nmax_parallel = 0\n', "scheduler.max_parallel: must be at least 1"),
    ('[scheduler]\ninline_command = ["vnpolicy", "crawl", "{url}", "--db", "{db}"]\n',
     "unknown placeholder {url}"),
    ('[scheduler]\ncommand = ["vnpolicy", "crawl", "{source", "--db", "{db}"]\n', "bad placeholder"),
    ('[scheduler]\ntimeout = "0s"\n', "scheduler.timeout: must be positive"),
    ('[scheduler]\nmax_failures = -1\n', "scheduler.max_failures: must be at least 1"),
    ('[scheduler]\nnotify = "file:///tmp/hook"\n', "scheduler.notify: only http:// and https://"),
    ('[intervals]\nrss = "soon"\n', "intervals.rss: not a duration"),
    ('[sources.mine]\nurls = ["file:///etc/passwd"]\n', "sources.mine.urls[0]: only http://"),
    ('[sources.mine]\nurls = ["https://a.example.vn/rss"]\nenabled = "no"\n', "sources.mine.enabled"),
    ('[sources.mine]\nurls = ["https://a.example.vn/rss"]\ninterval = "0m"\n', "must be positive"),
]


@pytest.mark.parametrize("text,expected", SCHEDULE_CASES, ids=[e for _, e in SCHEDULE_CASES])
def test_bad_schedule_values_are_refused(tmp_path, text, expected):
    path = tmp_path / "schedule.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(str(path), str(tmp_path / "s.db"), catalog=[])
    assert expected in str(err.value)


def test_schedule_reports_all_problems_and_exits_2(tmp_path):
    path = tmp_path / "schedule.toml"
    path.write_text('[scheduler]\ncatalog = "false"\nmax_parallel = "two"\ntimeout = "0s"\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "pipeline.py"), "schedule", "--once", "--config", str(path),
                           "--db", str(tmp_path / "s.db")], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 3 and all(ln.startswith("vnpolicy schedule: ") for ln in lines), proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_good_schedule_still_loads(tmp_path):
    path = tmp_path / "schedule.toml"
    path.write_text('[scheduler]\ncatalog = false\nmax_parallel = 3\ntimeout = "2h"\n'
                    '[sources.mine]\nurls = ["https://a.example.vn/rss"]\ninterval = "30m"\n', encoding="utf-8")
    policy, jobs = load_config(str(path), str(tmp_path / "s.db"))
    assert policy.max_parallel == 3 and policy.timeout == 7200 and policy.catalog is False
    assert [j.name for j in jobs] == ["mine"] and jobs[0].interval == 1800


@pytest.mark.parametrize("env,value,expected", [
    ("VNPOLICY_WORKERS", "two", "expected an integer"),
    ("VNPOLICY_WORKERS", "0", "must be at least 1"),
    ("VNPOLICY_DOWNLOAD_TIMEOUT", "-5", "must be at least 1"),
    ("VNPOLICY_NOTIFY_URL", "file:///etc/passwd", "only http:// and https://"),
    ("VNPOLICY_DB_MAX_MB", "lots", "expected a number"),
])
def test_bad_settings_are_refused(monkeypatch, env, value, expected):
    monkeypatch.setenv(env, value)
    errors = settings.check_all()
    assert len(errors) == 1 and env in errors[0] and expected in errors[0]
    proc = subprocess.run([sys.executable, str(ROOT / "pipeline.py"), "sources"], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, env={**os.environ, env: value})
    assert proc.returncode == 2 and expected in proc.stderr and "Traceback" not in proc.stderr


def test_settings_parse_good_values(monkeypatch):
    monkeypatch.setenv("VNPOLICY_WORKERS", " 3 ")
    monkeypatch.setenv("VNPOLICY_DB_MAX_MB", "0.5")
    assert settings.get("workers") == 3 and settings.get("db_max_mb") == 0.5
    assert settings.check_all() == []


def test_validation_checks():
    assert validation.url(" https://a.vn/x ", "u") == "https://a.vn/x"
    for bad in ["javascript:alert(1)", "//a.vn/x", "http://", "https://a b.vn/", 3]:
        with pytest.raises(validation.ConfigError):
            validation.url(bad, "u")
    assert validation.boolean("off", "b", strict=False) is False
    with pytest.raises(validation.ConfigError):
        validation.boolean(1, "b")
    with pytest.raises(validation.ConfigError):
        validation.number(True, "n")
