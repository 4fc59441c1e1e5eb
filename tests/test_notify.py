"""Webhooks through the outbox: a real receiver on loopback that fails, then recovers."""
from __future__ import annotations

import json
import socket
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from test_feed import add_article

import store
from monitor import notify


class Receiver:
    """A webhook endpoint on 127.0.0.1 answering `fail_first` requests with 500, then 200."""

    def __init__(self, fail_first: int = 0):
        self.fail_first = fail_first
        self.received: list[tuple[int, str, dict]] = []  # (status answered, header key, body)
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8"))
                with owner._lock:
                    code = 500 if len(owner.received) < owner.fail_first else 200
                    owner.received.append((code, self.headers.get("X-Vnpolicy-Event"), body))
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def accepted(self) -> Counter:
        with self._lock:
            return Counter(body["event_key"] for code, _, body in self.received if code == 200)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def db(tmp_db):
    database = store.connect(tmp_db)
    yield database
    database.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_due(db):
    """Let the retry time of every waiting row come (instead of sleeping through the backoff)."""
    db.execute("UPDATE outbox SET next_attempt = NULL WHERE delivered_at IS NULL")
    db.conn.commit()


FAST = {"backoff": 0.001, "timeout": 5}


def test_failing_receiver_that_recovers_gets_every_event_exactly_once(db):
    for n in range(1, 4):
        add_article(db, n, officials=[("Lò Văn Tiến", "Chủ tịch UBND huyện")], documents=["12/2025/NQ-HĐND"])
    receiver = Receiver(fail_first=5)
    try:
        # Two tries per call: the first event fails twice, the call stops, everything waits.
        first = notify.after_crawl(db, receiver.url, max_attempts=2, **FAST)
        assert first["enqueued"] == 3 and first["delivered"] == 0 and first["failed"] == 1
        waiting = notify.pending(db)
        assert len(waiting) == 3
        assert waiting[0]["attempts"] == 2 and waiting[0]["last_error"] == "HTTP 500"
        # More articles arrive before the next crawl ends.
        add_article(db, 4)
        make_due(db)
        second = notify.after_crawl(db, receiver.url, max_attempts=2, **FAST)
        assert second["enqueued"] == 1 and second["delivered"] == 0
        make_due(db)
        third = notify.after_crawl(db, receiver.url, max_attempts=5, **FAST)
        assert third["enqueued"] == 0
        assert notify.pending(db) == []
        keys = [r["event_key"] for r in db.query("SELECT event_key FROM events")]
        assert receiver.accepted() == Counter({key: 1 for key in keys})
        assert len(keys) == 4
        # Nothing left: another call sends nothing.
        before = len(receiver.received)
        assert notify.after_crawl(db, receiver.url, **FAST)["delivered"] == 0
        assert len(receiver.received) == before
    finally:
        receiver.close()


def test_payload_carries_the_event_fields_officials_and_documents(db):
    add_article(db, 5, event_type="training", province="Lai Châu", date="2025-11-13",
                title="Tập huấn chuyển đổi số", officials=[("Giàng A Tính", "Phó Chủ tịch UBND tỉnh")],
                documents=["1719/QĐ-TTg"])
    receiver = Receiver()
    try:
        assert notify.after_crawl(db, receiver.url, **FAST)["delivered"] == 1
        code, header, body = receiver.received[0]
        assert header == body["event_key"] == "https://tin.example.vn/bai-5.html#0"
        assert body["type"] == "training" and body["province"] == "Lai Châu" and body["date"] == "2025-11-13"
        assert body["title"] == "Tập huấn chuyển đổi số"
        assert body["url"] == "https://tin.example.vn/bai-5.html"
        assert body["officials"] == [{"name": "Giàng A Tính", "title": "Phó Chủ tịch UBND tỉnh"}]
        assert body["documents"] == ["1719/QĐ-TTg"]
    finally:
        receiver.close()


def test_unreachable_receiver_keeps_events_in_the_outbox_with_a_later_retry(db):
    add_article(db, 6)
    result = notify.after_crawl(db, f"http://127.0.0.1:{free_port()}/hook", max_attempts=2, **FAST)
    assert result["delivered"] == 0
    [row] = notify.pending(db)
    assert row["attempts"] == 2 and "Error" in row["last_error"] and row["next_attempt"]
    # Not due yet: a call right away leaves it waiting and counts it.
    db.execute("UPDATE outbox SET next_attempt = '2999-01-01T00:00:00+00:00'")
    db.conn.commit()
    receiver = Receiver()
    try:
        assert notify.deliver(db, receiver.url, **FAST) == {"delivered": 0, "failed": 0, "waiting": 1}
        assert receiver.received == []
    finally:
        receiver.close()


def test_reextracted_event_is_not_sent_twice(db, monkeypatch):
    article_id = add_article(db, 7)
    receiver = Receiver()
    try:
        notify.after_crawl(db, receiver.url, **FAST)
        monkeypatch.setattr(store.clock, "now", lambda: "2031-01-01T00:00:00+00:00")
        store.save_extraction(db, article_id, {"record": {}, "mentions": [], "pipeline_version": "t2", "events": [
            {"type": "visit", "date": "2025-11-13", "province": "Sơn La", "officials": [], "documents": []}]})
        assert notify.after_crawl(db, receiver.url, **FAST)["enqueued"] == 0
        assert receiver.accepted() == Counter({"https://tin.example.vn/bai-7.html#0": 1})
    finally:
        receiver.close()


def test_without_a_notify_url_nothing_is_queued(db, monkeypatch):
    monkeypatch.delenv("VNPOLICY_NOTIFY_URL", raising=False)
    add_article(db, 8)
    assert notify.after_crawl(db, None)["enqueued"] == 0
    assert db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
