"""What a newcomer meets: one line per failed URL, consistent exit codes, status and sources that help."""
from __future__ import annotations

import json

from crawlrun import crawl, rows, vnpolicy
from httpserver import LocalServer, page

ARTICLE = ("<html><head><meta charset='utf-8'><title>Sơn La tổng kết năm</title></head><body><article>"
           "<h1>Sơn La tổng kết công tác dân tộc năm 2025</h1>"
           + "".join(f"<p>Đoạn {i}: Ban Dân tộc tỉnh Sơn La tổng kết công tác năm, đánh giá kết quả thực hiện "
                     f"chính sách hỗ trợ đồng bào ở các xã đặc biệt khó khăn.</p>" for i in range(4))
           + "</article></body></html>")


def test_an_unreachable_host_is_one_line_with_its_reason_and_no_traceback(tmp_db):
    result = crawl(tmp_db, "--url", "http://127.0.0.1:9/", "-s", "RETRY_TIMES=1")
    assert result.returncode == 1
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    failed = [line for line in result.stdout.splitlines() if line.strip().startswith("failed ")]
    assert failed == ["  failed http://127.0.0.1:9/: error: connection refused"]
    assert len(out.splitlines()) <= 8, out


def test_a_pdf_and_a_json_file_end_the_same_way_with_the_stored_reason(tmp_path):
    with LocalServer() as srv:
        srv.add("/bao-cao.pdf", page(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n" * 20,
                                     content_type="application/pdf"))
        srv.add("/api/tin.json", page('{"data": [{"title": "Tin mới"}]}', content_type="application/json"))
        srv.add("/bai-viet/son-la-tong-ket.html", ARTICLE)
        codes = {}
        for name in ("bao-cao.pdf", "api/tin.json"):
            db = tmp_path / (name.replace("/", "_") + ".db")
            result = crawl(db, "--url", srv.url("/" + name))
            codes[name] = result.returncode
            assert "nothing could be fetched or used" in result.stderr
            assert "Traceback" not in result.stdout + result.stderr
            reason = rows(db, "SELECT reason FROM fetches")[0][0]
            assert f"  failed {srv.url('/' + name)}: parse_error: {reason}" in result.stdout
        assert codes == {"bao-cao.pdf": 1, "api/tin.json": 1}
        assert "not a page (application/pdf)" in rows(tmp_path / "bao-cao.pdf.db", "SELECT reason FROM fetches")[0][0]
        mixed = tmp_path / "mixed.db"
        result = crawl(mixed, "--url", srv.url("/bao-cao.pdf"), "--url", srv.url("/bai-viet/son-la-tong-ket.html"))
        assert result.returncode == 0, result.stderr  # one URL gave an article: the run did its work
        assert f"failed {srv.url('/bao-cao.pdf')}: parse_error: not a page (application/pdf)" in result.stdout
        summary = json.loads(crawl(tmp_path / "j.db", "--url", srv.url("/bao-cao.pdf"), "--json").stdout)
        assert summary["failures"] == [{"url": srv.url("/bao-cao.pdf"), "outcome": "parse_error",
                                        "http_status": 200, "reason": "not a page (application/pdf)"}]


def test_status_after_crawl_url_shows_the_host(tmp_db):
    with LocalServer() as srv:
        srv.add("/bai-viet/son-la-tong-ket.html", ARTICLE)
        result = crawl(tmp_db, "--url", srv.url("/bai-viet/son-la-tong-ket.html"))
        assert result.returncode == 0, result.stderr
        host = srv.base.split("//", 1)[1]
    status = vnpolicy("status", "--db", str(tmp_db), "--json")
    assert status.returncode == 0, status.stderr
    report = json.loads(status.stdout)
    assert [(r["name"], r["state"]) for r in report] == [(host, "ok")]
    assert rows(tmp_db, "SELECT source FROM articles") == [(host,)]
    table = vnpolicy("status", "--db", str(tmp_db))
    assert host in table.stdout and "no sources yet" not in table.stdout.lower()


def test_sources_province_folds_diacritics_like_every_other_command():
    want = json.loads(vnpolicy("sources", "--json").stdout)
    son_la = sorted(r["name"] for r in want if r.get("province") == "Sơn La")
    assert son_la
    for spelling in ("son la", "Sơn La", "SON LA", "son  la"):
        result = vnpolicy("sources", "--json", "--province", spelling)
        assert result.returncode == 0, result.stderr
        assert sorted(r["name"] for r in json.loads(result.stdout)) == son_la, spelling


def test_since_takes_the_same_date_forms_as_every_other_command(tmp_db):
    refused = crawl(tmp_db, "--url", "http://127.0.0.1:9/", "--since", "yesterday")
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        "vnpolicy crawl: --since: not a date: 'yesterday'; use YYYY-MM-DD or DD/MM/YYYY, e.g. 2025-07-01 or 01/07/2025"]
    day_first = crawl(tmp_db, "--url", "http://127.0.0.1:9/", "--since", "15/01/2026", "-s", "RETRY_TIMES=1")
    assert day_first.returncode == 1 and "not a date" not in day_first.stderr  # accepted; the host is down
