"""The Atom feed: real SQLite through store, every feed parsed back with feedparser."""
from __future__ import annotations

import calendar

import feedparser
import pytest

import pipeline
import store
from monitor import parse_time
from monitor.feed import build_feed, entry_id, entry_title

# Words combined per article so that no two test texts look like near-duplicates to store.
_WORDS = ["nông thôn mới", "giảm nghèo", "chuyển đổi số", "đường giao thông", "y tế cơ sở", "giáo dục",
          "thủy lợi", "du lịch cộng đồng", "rừng phòng hộ", "nước sạch", "nhà ở", "việc làm"]


def article_text(n: int) -> str:
    words = [_WORDS[(n * 7 + i * 5) % len(_WORDS)] for i in range(6)]
    return (f"Bài số {n}. " + ". ".join(f"Nội dung {w} giai đoạn {2020 + (n + i) % 6} với {n * 13 + i} hộ dân"
                                        for i, w in enumerate(words)) + ".")


def add_article(db, n: int, *, event_type="conference", province="Sơn La", date="2025-11-13",
                title=None, officials=(), documents=(), source="test", base="https://tin.example.vn"):
    """Store article `n` and one extracted event through store; returns the article id."""
    url = f"{base}/bai-{n}.html"
    text = article_text(n)
    article_id, _, _ = store.save_article(db, {"url": url, "title": title or f"Hội nghị số {n}", "text": text,
                                               "published": date}, source=source)
    extraction = {
        "record": {
            "officials": [{"name": name, "positions": [{"title": role, "organization": None}]}
                          for name, role in officials],
            "documents": [{"number": number} for number in documents],
        },
        "mentions": [],
        "events": [{"type": event_type, "date": date, "province": province, "main": True,
                    "officials": [name for name, _ in officials], "documents": list(documents),
                    "figures": [], "start": 0, "end": 10}],
        "pipeline_version": "test-1",
    }
    store.save_extraction(db, article_id, extraction)
    return article_id


@pytest.fixture
def db(tmp_db):
    database = store.connect(tmp_db)
    yield database
    database.close()


def parse(xml: str):
    feed = feedparser.parse(xml)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize("event, expected", [
    ({"type": "training", "article_title": "Hội nghị tập huấn công tác dân tộc", "province": "Sơn La",
      "date": "2025-11-13"}, "Hội nghị tập huấn công tác dân tộc — Sơn La, 13/11/2025"),
    ({"type": "training", "article_title": "Bồi dưỡng kiến thức cho cán bộ", "province": "Sơn La",
      "date": "2025-11-13"}, "Tập huấn: Bồi dưỡng kiến thức cho cán bộ — Sơn La, 13/11/2025"),
    ({"type": "inspection", "event_title": "Đoàn công tác về huyện", "article_title": "Tin khác",
      "province": "Điện Biên", "date": "2025-01-05"}, "Kiểm tra, giám sát: Đoàn công tác về huyện — Điện Biên, 05/01/2025"),
    ({"type": "council_session", "article_title": "Bế mạc kỳ họp thứ 12", "province": None,
      "date": "2025-07-10"}, "Bế mạc kỳ họp thứ 12 — 10/07/2025"),
    ({"type": "visit", "article_title": "Trao quà Tết", "province": "Hà Giang", "date": None},
     "Thăm, tặng quà: Trao quà Tết — Hà Giang"),
    ({"type": None, "article_title": "", "province": None, "date": None}, "Sự kiện"),
    ({"type": "issuance", "article_title": "Quyết định mới", "province": "Lào Cai", "date": "2025-12-01T08:30:00"},
     "Ban hành văn bản: Quyết định mới — Lào Cai, 01/12/2025"),
])
def test_entry_title_leads_with_the_vietnamese_label_unless_the_headline_says_it(event, expected):
    assert entry_title(event) == expected


def test_feed_lists_events_newest_first_with_stable_ids_links_titles_and_updated(db):
    add_article(db, 1, event_type="training", title="Hội nghị tập huấn công tác dân tộc", date="2025-11-13")
    db.execute("UPDATE events SET created = '2025-11-13T01:00:00+00:00', updated = '2025-11-13T01:00:00+00:00'")
    db.conn.commit()
    add_article(db, 2, event_type="meeting", province="Lai Châu", title="Đoàn công tác tại Mường Tè",
                date="2025-11-14")
    feed = parse(build_feed(db))
    assert [e.link for e in feed.entries] == ["https://tin.example.vn/bai-2.html", "https://tin.example.vn/bai-1.html"]
    assert [e.id for e in feed.entries] == [entry_id("https://tin.example.vn/bai-2.html#0"),
                                            entry_id("https://tin.example.vn/bai-1.html#0")]
    assert all(e.id.startswith("tag:") for e in feed.entries)
    assert feed.entries[1].title == "Hội nghị tập huấn công tác dân tộc — Sơn La, 13/11/2025"
    assert feed.entries[0].title == "Làm việc: Đoàn công tác tại Mường Tè — Lai Châu, 14/11/2025"
    stored = {r["event_key"]: r["updated"] for r in db.query("SELECT event_key, updated FROM events")}
    for entry in feed.entries:
        key = entry.link + "#0"
        assert calendar.timegm(entry.updated_parsed) == int(parse_time(stored[key]).timestamp())
    # The feed's own date is its newest entry's: an unchanged database gives an unchanged feed.
    assert feed.feed.updated_parsed == feed.entries[0].updated_parsed
    assert build_feed(db) == build_feed(db)


def test_summary_names_officials_with_their_titles_and_the_documents(db):
    add_article(db, 3, event_type="conference", officials=[("Nguyễn Văn Sơn", "Phó Chủ tịch UBND tỉnh")],
                documents=["1719/QĐ-TTg"])
    entry = parse(build_feed(db)).entries[0]
    assert "Nguyễn Văn Sơn (Phó Chủ tịch UBND tỉnh)" in entry.summary
    assert "1719/QĐ-TTg" in entry.summary


def test_reextraction_updates_the_entry_instead_of_adding_one(db, monkeypatch):
    article_id = add_article(db, 4, event_type="meeting", date="2025-11-10")
    before = parse(build_feed(db)).entries
    assert len(before) == 1
    # A later pipeline finds a different type: same event key, newer `updated`.
    monkeypatch.setattr(store.clock, "now", lambda: "2031-01-01T00:00:00+00:00")
    store.save_extraction(db, article_id, {
        "record": {}, "mentions": [], "pipeline_version": "test-2",
        "events": [{"type": "inspection", "date": "2025-11-10", "province": "Sơn La", "main": True,
                    "officials": [], "documents": [], "figures": []}]})
    after = parse(build_feed(db)).entries
    assert len(after) == 1
    assert after[0].id == before[0].id
    assert after[0].updated_parsed > before[0].updated_parsed
    assert after[0].title.startswith("Kiểm tra, giám sát")


@pytest.mark.parametrize("province", ["Sơn La", "son la", "SƠN LA", "Tỉnh Sơn La", "  sơn   la "])
def test_province_filter_ignores_diacritics_case_and_prefix(db, province):
    add_article(db, 5, province="Sơn La")
    add_article(db, 6, province="Lai Châu")
    add_article(db, 7, province="Sơn La", event_type="visit")
    links = [e.link for e in parse(build_feed(db, province=province)).entries]
    assert sorted(links) == ["https://tin.example.vn/bai-5.html", "https://tin.example.vn/bai-7.html"]


@pytest.mark.parametrize("filters, expected", [
    ({"type": "training"}, [8]),
    ({"type": "tập huấn"}, [8]),
    ({"official": "nguyen van son"}, [9]),
    ({"official": "Văn Sơn"}, [9]),
    ({"document": "1719/qđ-ttg"}, [10]),
    ({"document": "1719/QD-TTG"}, [10]),
    ({"document": "999/QĐ-TTg"}, []),
    ({"province": "lai chau", "type": "training"}, [8]),
])
def test_filters(db, filters, expected):
    add_article(db, 8, event_type="training", province="Lai Châu")
    add_article(db, 9, event_type="meeting", officials=[("Nguyễn Văn Sơn", "Bí thư Tỉnh ủy")])
    add_article(db, 10, event_type="issuance", documents=["1719/QĐ-TTg"])
    links = sorted(e.link for e in parse(build_feed(db, **filters)).entries)
    assert links == [f"https://tin.example.vn/bai-{n}.html" for n in expected]


def test_since_and_limit(db):
    add_article(db, 11)
    add_article(db, 12)
    db.execute("UPDATE events SET updated = '2025-01-01T00:00:00+00:00' WHERE event_key LIKE '%bai-11.html#0'")
    db.conn.commit()
    assert [e.link for e in parse(build_feed(db, since="2025-06-01")).entries] == ["https://tin.example.vn/bai-12.html"]
    assert len(parse(build_feed(db, limit=1)).entries) == 1
    with pytest.raises(ValueError):
        build_feed(db, since="not a date")


def test_empty_database_gives_a_valid_empty_feed(db):
    feed = parse(build_feed(db))
    assert feed.entries == []
    assert feed.feed.id.startswith("tag:")


def test_feed_command_writes_the_file_and_reports_bad_input(tmp_db, tmp_path, capsys):
    database = store.connect(tmp_db)
    add_article(database, 13, province="Hà Giang")
    database.close()
    out = tmp_path / "feeds" / "ha-giang.atom"
    assert pipeline.main(["feed", "--db", str(tmp_db), "--province", "ha giang", "--output", str(out)]) == 0
    assert [e.link for e in parse(out.read_text("utf-8")).entries] == ["https://tin.example.vn/bai-13.html"]
    assert pipeline.main(["feed", "--db", str(tmp_db)]) == 0
    assert parse(capsys.readouterr().out).entries
    assert pipeline.main(["feed", "--db", str(tmp_db), "--since", "yesterday-ish"]) == 2
    assert "not a date" in capsys.readouterr().err
    assert pipeline.main(["feed", "--db", str(tmp_path / "missing.db")]) == 2
    assert not (tmp_path / "missing.db").exists()


def test_control_characters_in_a_title_are_stripped_from_the_feed(db, tmp_path):
    add_article(db, 21, title="Hội nghị\x08 chuyển đổi số\x1b tỉnh")
    feed = parse(build_feed(db))
    assert "Hội nghị chuyển đổi số tỉnh" in feed.entries[0].title
    out = tmp_path / "f.atom"
    assert pipeline.main(["feed", "--db", str(db.conn.execute("PRAGMA database_list").fetchone()[2]),
                          "--output", str(out)]) == 0
    assert "\x08" not in out.read_text("utf-8")


def test_invalid_utf8_in_a_stored_title_does_not_break_the_feed(db):
    article_id = add_article(db, 22)
    db.execute("UPDATE articles SET title = CAST(X'48e1bb9969206e676869ff' AS TEXT) WHERE id = ?", [article_id])
    db.execute("UPDATE events SET title = NULL WHERE article_id = ?", [article_id])
    db.conn.commit()
    feed = parse(build_feed(db))
    assert feed.entries[0].title.startswith("Hội ngh") and "\ufffd" in feed.entries[0].title


def test_like_wildcards_in_the_official_filter_match_only_themselves(db):
    add_article(db, 23, officials=[("Nguyễn Văn An", "Chủ tịch")])
    assert len(parse(build_feed(db, official="van an")).entries) == 1
    for pattern in ("%", "_", "n%n", "\\"):
        assert parse(build_feed(db, official=pattern)).entries == []


@pytest.mark.parametrize("filters", [{"official": "a" * 100_000}, {"province": "Sơn\x00La"},
                                     {"type": "x\x01"}, {"document": "1719\x00"}, {"since": "notadate"}])
def test_bad_filters_are_refused_with_a_message(db, filters):
    from monitor.feed import FilterError
    from query.dates import DateError

    with pytest.raises((FilterError, DateError)) as err:
        build_feed(db, **filters)
    assert "\n" not in str(err.value) and len(str(err.value)) < 200


def test_the_feed_joins_title_and_organization_without_doubling_a_word(db):
    from monitor.feed import load_events

    article_id = add_article(db, 24, officials=[("Lò Văn Tiến", "Phó Trưởng Ban")])
    db.execute("UPDATE positions SET organization = 'Ban Dân tộc' WHERE article_id = ?", [article_id])
    db.conn.commit()
    officials = load_events(db)[0]["officials"]
    assert officials == [{"name": "Lò Văn Tiến", "title": "Phó Trưởng Ban Dân tộc"}]
    assert "Phó Trưởng Ban Dân tộc" in parse(build_feed(db)).entries[0].summary


def test_feed_file_is_readable_by_others_like_an_export(tmp_db, tmp_path):
    import os
    import stat

    store.connect(tmp_db).close()
    out = tmp_path / "public" / "all.atom"
    old = os.umask(0o022)
    try:
        assert pipeline.main(["feed", "--db", str(tmp_db), "--output", str(out)]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_an_official_keeps_the_title_of_each_entrys_article_else_the_first_one_known(db):
    """An entry shows the role its own article gives; an article naming the official without a
    role borrows the first one known (read per person and article, not every position held)."""
    from monitor.feed import load_events

    name = "Lò Văn Tiến"
    add_article(db, 31, officials=[(name, "Phó Chủ tịch UBND tỉnh")], date="2025-11-10")
    for n in range(32, 40):  # a much-reported official: many positions, each entry reads its own
        add_article(db, n, officials=[(name, f"Trưởng đoàn công tác số {n}")], date="2025-11-11")
    add_article(db, 40, officials=[(name, None)], date="2025-11-12")
    persons = {pid for (pid,) in db.execute("SELECT person_id FROM event_officials WHERE name = ?", [name])}
    assert len(persons) == 1  # one person across the articles, or the fallback is not exercised
    by_url = {e["url"]: e["officials"] for e in load_events(db)}
    assert by_url["https://tin.example.vn/bai-40.html"] == [{"name": name, "title": "Phó Chủ tịch UBND tỉnh"}]
    assert by_url["https://tin.example.vn/bai-35.html"] == [{"name": name, "title": "Trưởng đoàn công tác số 35"}]
    assert by_url["https://tin.example.vn/bai-31.html"] == [{"name": name, "title": "Phó Chủ tịch UBND tỉnh"}]


@pytest.mark.parametrize("extract_the_copy", [False, True])
def test_a_syndicated_copy_is_listed_once(db, extract_the_copy):
    """Another site reprints article 50's body under its own URL and headline: store keeps it as a
    duplicate, and the feed (with all events too) lists the happening once, at the original's link,
    even when the copy was extracted as well (a reprocess, an import)."""
    from monitor.feed import load_events

    original = add_article(db, 50, title="Sơn La tập huấn công tác dân tộc", officials=[("Lò Văn Tiến", "Phó Chủ tịch")])
    add_article(db, 51, event_type="visit", province="Điện Biên", date="2025-11-14")
    copy = {"url": "https://tonghop.example.vn/a/son-la-tap-huan.html", "title": "Tập huấn công tác dân tộc ở Sơn La",
            "text": article_text(50), "published": "2025-11-14"}
    copy_id, outcome, duplicate_of = store.save_article(db, copy, source="tonghop")
    assert (outcome, duplicate_of) == ("duplicate", original)
    if extract_the_copy:
        store.save_extraction(db, copy_id, {
            "record": {"officials": [], "documents": []}, "mentions": [], "pipeline_version": "test-1",
            "events": [{"type": "conference", "date": "2025-11-13", "province": "Sơn La", "main": True,
                        "officials": ["Lò Văn Tiến"], "documents": [], "figures": [], "start": 0, "end": 10}]})
    entries = parse(build_feed(db)).entries
    alternate = sorted(link.href for e in entries for link in e.links if link.rel == "alternate")
    assert alternate == ["https://tin.example.vn/bai-50.html", "https://tin.example.vn/bai-51.html"]
    related = [link.href for e in entries for link in e.links if link.rel == "related"]
    assert copy["url"] in related  # the reprint is named in its original's entry, not an entry of its own
    assert not [e for e in load_events(db, all_events=True) if e["url"] == copy["url"]]
    assert len(parse(build_feed(db, province="son la")).entries) == 1
