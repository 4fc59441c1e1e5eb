"""`vnpolicy status`: per-source health and the exit code monitoring relies on."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

import store
from monitor import isotime, utcnow
from monitor.status import health

ROOT = Path(__file__).resolve().parents[1]


def make_db(path: Path, sources: list[dict], articles: list[tuple[str, str]] = (),
            job_runs: list[dict] = ()) -> None:
    db = store.connect(path)
    for row in sources:
        db["sources"].insert({"enabled": 1, "consecutive_failures": 0, **row})
    for n, (source, fetched) in enumerate(articles):
        store.save_article(db, {"url": f"https://tin.example.vn/{source}/{n}.html", "title": f"Tin {n}",
                                "text": f"Văn bản thứ {n} của nguồn {source} có nội dung riêng {n * 97}.",
                                "fetched": fetched}, source=source)
    for run in job_runs:
        db["job_runs"].insert(run)
    db.conn.commit()
    db.close()


def hours_ago(h: float) -> str:
    return isotime(utcnow() - timedelta(hours=h))


def status(db: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "pipeline.py"), "status", "--db", str(db), *extra],
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("row, runs, expected", [
    ({"last_success": "{2h}"}, [], "ok"),
    ({"last_success": "{72h}"}, [], "stale"),
    ({"last_success": "{2h}", "enabled": 0, "disabled_reason": "5 consecutive failures"}, [], "disabled"),
    ({}, [], "new"),
    ({"last_error": "HTTP 503"}, [{"started": "{3h}", "finished": "{3h}", "status": "failed"}], "failing"),
    ({"last_error": "HTTP 503"}, [{"started": "{80h}", "finished": "{80h}", "status": "failed"}], "stale"),
    ({}, [{"started": "{1h}", "finished": "{1h}", "status": "ok"}], "ok"),
])
def test_state_per_source(tmp_db, row, runs, expected):
    fill = {"{2h}": hours_ago(2), "{72h}": hours_ago(72), "{3h}": hours_ago(3), "{80h}": hours_ago(80),
            "{1h}": hours_ago(1)}
    row = {k: fill.get(v, v) for k, v in row.items()}
    runs = [{**{k: fill.get(v, v) for k, v in r.items()}, "source": "x"} for r in runs]
    make_db(tmp_db, [{"name": "x", **row}], job_runs=runs)
    [item] = health(tmp_db, stale_hours=48)
    assert item["state"] == expected


def test_report_counts_articles_of_the_last_24_hours(tmp_db):
    make_db(tmp_db, [{"name": "a", "last_success": hours_ago(1), "next_run": "2099-01-01T00:00:00+00:00"},
                     {"name": "b", "last_success": hours_ago(1)}],
            articles=[("a", hours_ago(1)), ("a", hours_ago(5)), ("a", hours_ago(30)), ("b", hours_ago(2))])
    report = {item["name"]: item for item in health(tmp_db, stale_hours=48)}
    assert report["a"]["articles_24h"] == 2 and report["b"]["articles_24h"] == 1
    assert report["a"]["next_run"] == "2099-01-01T00:00:00+00:00"


def test_command_exits_0_when_all_healthy_and_prints_a_table(tmp_db):
    make_db(tmp_db, [{"name": "son-la", "last_success": hours_ago(1)}], articles=[("son-la", hours_ago(1))])
    proc = status(tmp_db)
    assert proc.returncode == 0, proc.stderr
    assert "son-la" in proc.stdout and "ok" in proc.stdout


def test_command_exits_1_when_a_source_is_stale_or_disabled_and_says_which(tmp_db):
    make_db(tmp_db, [{"name": "fresh", "last_success": hours_ago(1)},
                     {"name": "old", "last_success": hours_ago(100)},
                     {"name": "off", "enabled": 0, "disabled_reason": "disabled after 5 consecutive failures"}])
    proc = status(tmp_db, "--json")
    assert proc.returncode == 1
    report = {item["name"]: item for item in json.loads(proc.stdout)}
    assert report["old"]["state"] == "stale" and report["off"]["state"] == "disabled"
    assert report["off"]["disabled_reason"].startswith("disabled after 5")
    assert "old is stale" in proc.stderr and "off is disabled" in proc.stderr
    # A longer threshold forgives the old one; the disabled one still fails the check.
    relaxed = status(tmp_db, "--json", "--stale-hours", "1000")
    assert relaxed.returncode == 1
    assert {i["name"]: i["state"] for i in json.loads(relaxed.stdout)}["old"] == "ok"


def test_missing_database_is_a_usage_error(tmp_path):
    proc = status(tmp_path / "nope.db")
    assert proc.returncode == 2 and "no database" in proc.stderr
    assert not (tmp_path / "nope.db").exists()
