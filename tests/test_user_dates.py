"""One parser for dates typed by users: ISO and Vietnamese day-first forms, anything else refused."""
from __future__ import annotations

import json
from datetime import date

import pytest

import pipeline
from query.dates import DateError, iso, parse_date
from tests.store_fixtures import fixture_db  # noqa: F401


@pytest.mark.parametrize("text", ["2025-07-01", "2025-7-1", "01/07/2025", "1/7/2025", "1-7-2025", "1.7.2025",
                                  " 2025-07-01 ", "2025-07-01T08:30:00+07:00", "2025-07-01 08:30"])
def test_accepted_forms_mean_the_first_of_july(text):
    assert parse_date(text) == date(2025, 7, 1)


@pytest.mark.parametrize("text", ["yesterday", "notadate", "", "2025", "2025-13-01", "31/02/2025",
                                  "07/2025", "2025/07/01x", "1" * 100_000, "2025-07-01\x00", "١/٧/٢٠٢٥"])
def test_anything_else_is_refused_with_one_line(text):
    with pytest.raises(DateError) as err:
        parse_date(text, "--since")
    message = str(err.value)
    assert message.startswith("--since: not a date") and "\n" not in message and len(message) < 200


def test_blank_is_no_date():
    assert iso(None) is None and iso("  ") is None and iso("1/7/2025") == "2025-07-01"


def _ids(out: str) -> list[str]:
    return [json.loads(line)["id"] for line in out.splitlines()]


def test_export_since_means_the_same_in_every_form(fixture_db, capsys):  # noqa: F811
    db_path, _ = fixture_db
    results = []
    for form in ("2025-01-01", "2025-1-1", "01/01/2025", "1/1/2025"):
        assert pipeline.main(["export", "--db", str(db_path), "--output", "-", "--since", form]) == 0
        results.append(_ids(capsys.readouterr().out))
    assert results[0] == ["lc-1", "hn-1"] and all(r == results[0] for r in results)


@pytest.mark.parametrize("command", ["export", "feed"])
def test_a_bad_since_is_refused_with_exit_2_and_one_line(fixture_db, capsys, tmp_path, command):  # noqa: F811
    db_path, _ = fixture_db
    out = tmp_path / "out.txt"
    assert pipeline.main([command, "--db", str(db_path), "--output", str(out), "--since", "yesterday"]) == 2
    err = capsys.readouterr().err.strip()
    assert "not a date: 'yesterday'" in err and len(err.splitlines()) == 1 and "Traceback" not in err
    assert not out.exists()


def test_exit_codes_are_one_table_in_the_readme_and_the_help(capsys):
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    section = readme.split("### Exit codes", 1)[1].split("###", 1)[0]
    readme_codes = re.findall(r"^\| (\d+) \|", section, re.M)
    pipeline.build_parser(load=False).print_help()
    help_text = capsys.readouterr().out
    help_codes = re.findall(r"^  (\d+) ", help_text.split("Exit codes:", 1)[1], re.M)
    assert readme_codes == help_codes == ["0", "1", "2", "130", "141"]
