"""`vnpolicy extract` end to end, in a subprocess, as a user runs it."""
import json
import os
import subprocess
import sys
from pathlib import Path

VNPOLICY = str(Path(sys.executable).with_name("vnpolicy"))

ARTICLE = {"id": "t1", "url": "http://127.0.0.1/a", "title": "Tập huấn công tác dân tộc",
           "published": "2025-11-13",
           "text": "Sáng ngày 13/11, tại tỉnh Sơn La, Ban Dân tộc tỉnh tổ chức lớp tập huấn theo "
                   "Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ."}


def test_extract_writes_one_record_per_good_line_and_reports_bad_ones(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([json.dumps(ARTICLE, ensure_ascii=False), "{not json",
                              json.dumps({"id": "empty", "text": ""}), "[1, 2]",
                              json.dumps(dict(ARTICLE, id="t2"), ensure_ascii=False)]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([VNPOLICY, "extract", "--input", str(src), "--output", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["t1", "t2"]
    assert "line 2: not JSON" in proc.stderr
    assert "line 3: no text" in proc.stderr
    assert "line 4: not a JSON object" in proc.stderr
    record = records[0]
    assert record["provinces"] == ["Sơn La"]
    assert record["documents"][0]["number"] == "1719/QĐ-TTg"
    assert record["documents"][0]["date"] == "2021-10-14"
    assert "2025-11-13" in record["dates"]
    assert record["event"]["type"] == "training"


def test_extract_streams_stdin_to_stdout_with_two_workers():
    lines = "\n".join(json.dumps(dict(ARTICLE, id=f"s{i}"), ensure_ascii=False) for i in range(6)) + "\n"
    proc = subprocess.run([VNPOLICY, "extract", "--input", "-", "--output", "-", "--workers", "2"],
                          input=lines, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    ids = [json.loads(line)["id"] for line in proc.stdout.splitlines()]
    assert ids == [f"s{i}" for i in range(6)]


def test_missing_input_file_is_a_usage_error(tmp_path):
    proc = subprocess.run([VNPOLICY, "extract", "--input", str(tmp_path / "nope.jsonl"), "--output", "-"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "cannot read" in proc.stderr


def test_extract_reports_wrong_types_and_surrogates_by_line_and_writes_the_rest(tmp_path):
    # A title that is a number and a lone surrogate in the text (underthesea's CRF raises
    # UnicodeEncodeError on it) once aborted the whole file with 0 records written.
    src = tmp_path / "in.jsonl"
    good = json.dumps(ARTICLE, ensure_ascii=False)
    lines = [good,
             json.dumps(dict(ARTICLE, id="num-title", title=123), ensure_ascii=False),
             json.dumps(dict(ARTICLE, id="surrogate", text="Ông A phát biểu \ud800 tại Sơn La.")),
             "42",
             json.dumps(dict(ARTICLE, id="hamlet", text="Ông Nguyễn Văn Hùng, Trưởng thôn KDC phát biểu."),
                        ensure_ascii=False),
             json.dumps(dict(ARTICLE, id="t3", published=20251113), ensure_ascii=False),
             json.dumps(dict(ARTICLE, id="last"), ensure_ascii=False)]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([VNPOLICY, "extract", "--input", str(src), "--output", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["t1", "hamlet", "last"]
    assert 'line 2: "title" must be a string or null, not int' in proc.stderr
    assert 'line 3: "text" holds a lone surrogate (U+D800)' in proc.stderr
    assert "line 4: not a JSON object" in proc.stderr
    assert 'line 6: "published" must be a string or null, not int' in proc.stderr
    assert "3 records written, 4 lines skipped" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path):
    # `vnpolicy extract ... --output - | head -1`: once the reader has closed the pipe, the
    # command stops with the shell's broken-pipe status, not a traceback, with its workers.
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(dict(ARTICLE, id=f"p{i}"), ensure_ascii=False) for i in range(4)) + "\n",
                   encoding="utf-8")
    for workers in ("1", "2"):
        read_end, write_end = os.pipe()
        os.close(read_end)
        try:
            proc = subprocess.run([VNPOLICY, "extract", "--input", str(src), "--output", "-", "--workers", workers],
                                  stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=300)
        finally:
            os.close(write_end)
        assert proc.returncode == 141, proc.stderr
        assert "Traceback" not in proc.stderr
