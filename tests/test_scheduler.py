"""The scheduler: config, backoff and disabling, locks across SIGKILL, clean SIGTERM.

Most tests run a tiny job script (the config's `command` template) so that they
exercise the scheduler itself; `test_end_to_end_*` runs the real `vnpolicy crawl`
against a local site.
"""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import store
from monitor import parse_time
from monitor.scheduler import ConfigError, Runner, load_config, parse_duration, pid_alive, run_once

ROOT = Path(__file__).resolve().parents[1]

# A stand-in for `vnpolicy crawl`: logs its start and end; "fail" exits 3, "sleep:N" sleeps N seconds.
FAKE_JOB = """
import os, sys, time
log, name, mode = sys.argv[1:4]
def note(what):
    with open(log, "a") as f:
        f.write(f"{what} {name} {os.getpid()} {time.time()}\\n")
note("start")
if mode.startswith("sleep:"):
    time.sleep(float(mode.split(":")[1]))
if mode == "fail":
    print("the site answered 503", file=sys.stderr)
    sys.exit(3)
note("end")
"""


def write_config(tmp_path, sources: dict[str, str], interval="1s", extra="") -> Path:
    """A config with one inline source per entry of `sources` (name -> fake job mode)."""
    script = tmp_path / "fake_job.py"
    script.write_text(FAKE_JOB)
    log = tmp_path / "jobs.log"
    lines = ["[scheduler]", "jitter = 0", "catalog = false", "shutdown_grace = 5", extra, "",
             "[intervals]", f'rss = "{interval}"', ""]
    for name, mode in sources.items():
        lines += [f"[sources.{name}]", f'urls = ["http://127.0.0.1:9/{name}.rss"]',
                  f'command = ["{{python}}", "{script}", "{log}", "{{source}}", "{mode}"]', ""]
    path = tmp_path / "schedule.toml"
    path.write_text("\n".join(lines))
    return path


def events_in(log: Path) -> list[tuple[str, str, int]]:
    if not log.exists():
        return []
    return [(w, n, int(p)) for w, n, p, _ in (line.split() for line in log.read_text().splitlines())]


def assert_never_overlapping(log: Path, name: str) -> None:
    running = 0
    for what, source, _ in events_in(log):
        if source != name:
            continue
        running += 1 if what == "start" else -1
        assert running in (0, 1), f"two runs of {name} at once: {events_in(log)}"


def wait_for(predicate, timeout=30.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def start_scheduler(config: Path, db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "pipeline.py"), "schedule", "--config", str(config),
                             "--db", str(db), *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def job_runs(db_path: Path) -> list[dict]:
    db = store.connect(db_path)
    try:
        return [dict(r) for r in db.query("SELECT * FROM job_runs ORDER BY id")]
    finally:
        db.close()


def source_row(db_path: Path, name: str) -> dict:
    db = store.connect(db_path)
    try:
        return dict(next(db.query("SELECT * FROM sources WHERE name = ?", [name])))
    finally:
        db.close()


# --- configuration ------------------------------------------------------------------------------

@pytest.mark.parametrize("value, seconds", [
    (90, 90), ("90", 90), ("90s", 90), ("30m", 1800), ("1h30m", 5400), ("1d", 86400), ("2w", 1209600),
    ("500ms", 0.5), (1.5, 1.5),
])
def test_parse_duration(value, seconds):
    assert parse_duration(value) == seconds


@pytest.mark.parametrize("value", ["soon", "10 parsecs", "-5", True, "1x"])
def test_parse_duration_rejects_nonsense(value):
    with pytest.raises(ConfigError):
        parse_duration(value)


def test_intervals_by_discovery_kind_with_per_source_overrides(tmp_path):
    config = tmp_path / "s.toml"
    config.write_text("""
[intervals]
rss = "30m"
listing = "1d"

[sources.quick]
interval = "5m"

[sources.gone]
enabled = false

[sources.local]
urls = ["http://127.0.0.1:8000/rss.xml", "http://127.0.0.1:8000/tin"]
""")
    catalog = [{"name": "feedy", "feeds": ["https://a.vn/rss"], "listings": []}, {"name": "lister", "feeds": [], "listings": ["https://b.vn/"]},
               {"name": "quick", "kind": "rss"}, {"name": "gone", "kind": "rss"}]
    _, jobs = load_config(str(config), "/data/x.db", catalog=catalog)
    by_name = {job.name: job for job in jobs}
    assert set(by_name) == {"feedy", "lister", "quick", "local"}
    assert by_name["feedy"].interval == 1800
    assert by_name["lister"].interval == 86400
    assert by_name["quick"].interval == 300
    assert by_name["feedy"].command[-4:] == ["--source", "feedy", "--db", "/data/x.db"]
    assert by_name["local"].command[-6:] == ["--url", "http://127.0.0.1:8000/rss.xml",
                                             "--url", "http://127.0.0.1:8000/tin", "--db", "/data/x.db"]


@pytest.mark.parametrize("text, message", [
    ("[scheduler]\nmax_paralel = 2\n", "unknown option"),
    ("[intervals]\nrss = 'often'\n", "intervals.rss"),
    ("[sources.x]\nurls = ['http://127.0.0.1/']\ninterval = 0\n", "positive"),
    ("this is = = not toml", "invalid TOML"),
])
def test_bad_config_is_a_clear_error(tmp_path, text, message):
    config = tmp_path / "bad.toml"
    config.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_config(str(config), "x.db", catalog=[])


def test_bad_config_exits_2_from_the_command(tmp_path, tmp_db):
    config = tmp_path / "bad.toml"
    config.write_text("[intervals]\nrss = 'often'\n")
    proc = subprocess.run([sys.executable, str(ROOT / "pipeline.py"), "schedule", "--config", str(config),
                           "--db", str(tmp_db), "--once"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "intervals.rss" in proc.stderr


# --- one-shot runs: due sources, backoff, disabling ---------------------------------------------------

def once(config: Path, db: Path) -> tuple[int, list]:
    policy, jobs = load_config(str(config), str(db), catalog=[])
    runner = Runner(str(db), policy)
    return run_once(runner, jobs), runner.outcomes


def test_once_runs_each_due_source_and_then_waits_for_its_interval(tmp_path, tmp_db):
    config = write_config(tmp_path, {"alpha": "ok", "beta": "ok"}, interval="1h")
    code, outcomes = once(config, tmp_db)
    assert code == 0 and sorted(outcomes) == [("alpha", "ok"), ("beta", "ok")]
    code, outcomes = once(config, tmp_db)
    assert code == 0 and sorted(outcomes) == [("alpha", "not-due"), ("beta", "not-due")]
    assert [w for w, n, _ in events_in(tmp_path / "jobs.log") if n == "alpha"] == ["start", "end"]
    runs = job_runs(tmp_db)
    assert [(r["source"], r["status"]) for r in runs if r["source"] == "alpha"] == [("alpha", "ok")]
    row = source_row(tmp_db, "alpha")
    assert row["consecutive_failures"] == 0 and row["last_success"]
    assert parse_time(row["next_run"]) > parse_time(row["last_success"])


def test_failing_source_backs_off_exponentially(tmp_path, tmp_db):
    config = write_config(tmp_path, {"broken": "fail"}, extra='backoff = "1h"\nmax_failures = 5')
    code, outcomes = once(config, tmp_db)
    assert code == 1 and outcomes == [("broken", "failed")]
    first = source_row(tmp_db, "broken")
    assert first["consecutive_failures"] == 1 and "503" in first["last_error"]
    assert [r["status"] for r in job_runs(tmp_db)] == ["failed"]
    assert "exit 3" in job_runs(tmp_db)[0]["error"]
    # Backing off: not run again although its interval (1s) has passed.
    code, outcomes = once(config, tmp_db)
    assert outcomes == [("broken", "not-due")]
    # When the backoff has passed, the second failure doubles the delay.
    db = store.connect(tmp_db)
    db.execute("UPDATE sources SET next_run = NULL WHERE name = 'broken'")
    db.conn.commit()
    db.close()
    once(config, tmp_db)
    second = source_row(tmp_db, "broken")
    assert second["consecutive_failures"] == 2
    wait1 = parse_time(first["next_run"]) - parse_time(first["last_error"].split()[0])
    wait2 = parse_time(second["next_run"]) - parse_time(second["last_error"].split()[0])
    assert round(wait1.total_seconds()) == 3600 and round(wait2.total_seconds()) == 7200


def test_source_is_disabled_after_n_consecutive_failures_and_not_run_again(tmp_path, tmp_db):
    config = write_config(tmp_path, {"broken": "fail", "fine": "ok"}, interval="1s",
                          extra="backoff = 0\nmax_failures = 3")
    for _ in range(4):
        once(config, tmp_db)
        time.sleep(1.05)  # let the 1 s interval of the healthy source pass
    row = source_row(tmp_db, "broken")
    assert row["enabled"] == 0 and row["consecutive_failures"] == 3
    assert "3 consecutive failures" in row["disabled_reason"] and "503" in row["disabled_reason"]
    starts = [n for w, n, _ in events_in(tmp_path / "jobs.log") if w == "start"]
    assert starts.count("broken") == 3
    assert starts.count("fine") == 4
    assert source_row(tmp_db, "fine")["enabled"] == 1


# --- the daemon: intervals, SIGTERM, SIGKILL ----------------------------------------------------------

def test_daemon_runs_sources_on_second_intervals_and_stops_cleanly_on_sigterm(tmp_path, tmp_db):
    config = write_config(tmp_path, {"alpha": "sleep:0.2", "beta": "ok"}, interval="1s")
    log = tmp_path / "jobs.log"
    proc = start_scheduler(config, tmp_db)
    try:
        wait_for(lambda: sum(1 for w, n, _ in events_in(log) if w == "end" and n == "alpha") >= 3,
                 what="three runs of alpha")
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "stopped" in err
    assert_never_overlapping(log, "alpha")
    assert_never_overlapping(log, "beta")
    runs = job_runs(tmp_db)
    assert {r["source"] for r in runs} == {"alpha", "beta"}
    assert all(r["finished"] and r["status"] in ("ok", "terminated") for r in runs), runs


def test_sigterm_mid_run_terminates_the_child_and_records_it(tmp_path, tmp_db):
    config = write_config(tmp_path, {"slow": "sleep:60"}, interval="1h")
    log = tmp_path / "jobs.log"
    proc = start_scheduler(config, tmp_db)
    try:
        wait_for(lambda: events_in(log), what="the job to start")
        child = events_in(log)[0][2]
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert not pid_alive(child)
    [run] = job_runs(tmp_db)
    assert run["status"] == "terminated" and run["finished"] and run["pid"] == child
    # A shutdown is not the source's fault.
    assert source_row(tmp_db, "slow")["consecutive_failures"] == 0


def test_scheduler_killed_mid_run_restarts_without_a_double_run(tmp_path, tmp_db):
    config = write_config(tmp_path, {"slow": "sleep:4"}, interval="1s")
    log = tmp_path / "jobs.log"
    proc = start_scheduler(config, tmp_db)
    try:
        wait_for(lambda: events_in(log), what="the job to start")
        child = events_in(log)[0][2]
    finally:
        proc.kill()
        proc.communicate(timeout=30)
    assert pid_alive(child)  # the crawl outlives its scheduler
    # A new scheduler sees the live run and does not start a second one.
    code, outcomes = once(config, tmp_db)
    assert outcomes == [("slow", "skipped")]
    assert [w for w, _, _ in events_in(log)] == ["start"]
    wait_for(lambda: not pid_alive(child), what="the orphaned job to end")
    # Once it has ended, the stale lock is taken over and the source runs again.
    code, outcomes = once(config, tmp_db)
    assert outcomes == [("slow", "ok")]
    assert_never_overlapping(log, "slow")
    statuses = [r["status"] for r in job_runs(tmp_db)]
    assert statuses == ["abandoned", "skipped", "ok"]


# --- end to end: the real crawler ---------------------------------------------------------------------

ARTICLE_BODIES = [
    "Sáng 13/11/2025, tại thành phố Sơn La, Ban Dân tộc tỉnh Sơn La tổ chức hội nghị tập huấn công tác dân tộc "
    "cho 120 cán bộ cơ sở. Ông Nguyễn Văn Sơn, Phó Chủ tịch UBND tỉnh Sơn La dự và phát biểu chỉ đạo. Hội nghị "
    "quán triệt Quyết định số 1719/QĐ-TTg của Thủ tướng Chính phủ về chương trình mục tiêu quốc gia.",
    "Ngày 14/11/2025, Đoàn công tác của HĐND tỉnh Lai Châu do ông Giàng A Tính, Phó Chủ tịch HĐND tỉnh làm "
    "trưởng đoàn đã kiểm tra, giám sát việc thực hiện chính sách giảm nghèo tại huyện Mường Tè. Đoàn đã làm việc "
    "với 5 xã biên giới và ghi nhận nhiều kết quả tích cực trong công tác hỗ trợ nhà ở cho hộ nghèo.",
    "Chiều 15/11/2025, UBND tỉnh Điện Biên tổ chức lễ khánh thành công trình nước sạch tại xã Mường Nhé. Công "
    "trình có tổng mức đầu tư 12 tỷ đồng, cung cấp nước sinh hoạt cho 800 hộ dân. Bà Lò Thị Xuân, Giám đốc Sở "
    "Nông nghiệp và Môi trường tỉnh Điện Biên cắt băng khánh thành công trình.",
]


class LocalNewsSite:
    """An RSS feed plus article pages in a directory served by the loopback test server."""

    def __init__(self, root: Path, server):
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        server.root = root
        self.numbers: list[int] = []
        self.base = server.base

    def urls(self) -> list[str]:
        return [f"{self.base}/tin/bai-{n}.html" for n in self.numbers]

    def add(self, n: int) -> None:
        body = ARTICLE_BODIES[(n - 1) % len(ARTICLE_BODIES)]
        title = body.split(",")[1].strip().capitalize() if "," in body else f"Bài {n}"
        (self.root / "tin").mkdir(exist_ok=True)
        (self.root / "tin" / f"bai-{n}.html").write_text(
            f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta property='article:published_time' content='2025-11-{12 + n}T08:00:00+07:00'></head>"
            f"<body><article><h1>{title}</h1><p>{body}</p></article></body></html>", encoding="utf-8")
        self.numbers.append(n)
        items = "".join(
            f"<item><title>Bài {k}</title><link>{{{{base}}}}/tin/bai-{k}.html</link>"
            f"<guid>{{{{base}}}}/tin/bai-{k}.html</guid><pubDate>Thu, {12 + k} Nov 2025 08:00:00 +0700</pubDate></item>"
            for k in reversed(self.numbers))
        (self.root / "rss.xml").write_text(
            "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Tin</title>"
            f"<link>{{{{base}}}}/</link><description>Tin địa phương</description>{items}</channel></rss>",
            encoding="utf-8")


def test_end_to_end_scheduled_crawls_feed_gains_exactly_the_new_events(tmp_path, tmp_db, http_server):
    pytest.importorskip("crawler.cli", reason="the crawler (crawler/cli.py) is not written yet")
    import feedparser

    from monitor.feed import build_feed

    site = LocalNewsSite(tmp_path / "site", http_server)
    site.add(1)
    site.add(2)
    config = tmp_path / "schedule.toml"
    config.write_text(f"""
[scheduler]
jitter = 0
catalog = false
shutdown_grace = 10

[sources.local-news]
urls = ["{http_server.url('/rss.xml')}"]
kind = "rss"
interval = "2s"
""")
    proc = start_scheduler(config, tmp_db)

    def feed_links():
        if not tmp_db.exists():
            return []
        return [e.link for e in feedparser.parse(build_feed(tmp_db)).entries]

    try:
        wait_for(lambda: len(set(feed_links())) >= 2, timeout=120, what="the first two events")
        site.add(3)
        wait_for(lambda: len(set(feed_links())) >= 3, timeout=120, what="the third event")
        ok_runs = sum(1 for r in job_runs(tmp_db) if r["status"] == "ok")
        wait_for(lambda: sum(1 for r in job_runs(tmp_db) if r["status"] == "ok") > ok_runs, timeout=120,
                 what="one more run with nothing new")
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    feed = feedparser.parse(build_feed(tmp_db))
    ids = [e.id for e in feed.entries]
    assert len(ids) == len(set(ids))
    assert {e.link for e in feed.entries} == set(site.urls())


# --- docs and the example config ----------------------------------------------------------------------

def test_example_config_loads():
    catalog = [{"name": "baochinhphu", "feeds": ["https://baochinhphu.vn/rss"]}]
    policy, jobs = load_config(str(ROOT / "monitor" / "schedule.example.toml"), "x.db", catalog=catalog)
    by_name = {job.name: job for job in jobs}
    assert by_name["baochinhphu"].interval == 900
    assert by_name["local-test"].interval == 300 and by_name["local-test"].urls
    assert policy.max_failures == 5


def test_every_scheduler_option_is_documented():
    from monitor.scheduler import DEFAULTS

    docs = (ROOT / "docs" / "operations.md").read_text("utf-8")
    example = (ROOT / "monitor" / "schedule.example.toml").read_text("utf-8")
    for option in [*DEFAULTS, "command", "inline_command"]:
        assert f"`[scheduler] {option}`" in docs, option
        assert option in example, option
