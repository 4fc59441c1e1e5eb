"""Small hand-written articles and extraction dicts (the nlp contract shape) for storage tests.

Imported by test_store, test_search, test_export and test_serve_ui; no conftest so that
other engineers' fixtures never collide with these.
"""
from __future__ import annotations

import pytest

import store

PIPELINE = "test-1"

ARTICLES = [
    {
        "id": "lc-1",
        "url": "https://laichau.example.vn/tin/tap-huan-1719",
        "title": "Tập huấn triển khai Chương trình 1719 tại Lai Châu",
        "published": "2025-03-12",
        "text": ("Ngày 12/3/2025, UBND tỉnh Lai Châu tổ chức hội nghị tập huấn triển khai Quyết định "
                 "1719/QĐ-TTg của Thủ tướng Chính phủ. Ông Tống Thanh Hải, Phó Chủ tịch UBND tỉnh Lai Châu, "
                 "chủ trì hội nghị. Đồng bào dân tộc thiểu số được hỗ trợ nhà ở và đất sản xuất."),
    },
    {
        "id": "hn-1",
        "url": "https://hanoi.example.vn/tin/kiem-tra-ha-dong",
        "title": "Kiểm tra công tác giải ngân tại Hà Đông",
        "published": "2025-08-05",
        "text": ("Sáng 5/8/2025, Đoàn công tác của UBND thành phố Hà Nội do bà Nguyễn Thị Hà, Phó Chủ tịch "
                 "UBND thành phố, làm trưởng đoàn đã kiểm tra việc thực hiện Quyết định 1719/QĐ-TTg "
                 "và Nghị định 05/2011/NĐ-CP tại quận Hà Đông."),
    },
    {
        "id": "ql-1",
        "url": "https://quangninh.example.vn/tin/ha-long",
        "title": "Hội nghị xúc tiến du lịch vịnh Hạ Long",
        "published": "2024-11-20",
        "text": ("Ngày 20/11/2024, tỉnh Quảng Ninh tổ chức hội nghị xúc tiến du lịch vịnh Hạ Long với sự tham dự "
                 "của ông Cao Tường Huy, Chủ tịch UBND tỉnh Quảng Ninh, và nhiều doanh nghiệp lữ hành."),
    },
]


def _mention(text, kind, fragment, value=None):
    start = text.index(fragment)
    return {"kind": kind, "text": fragment, "start": start, "end": start + len(fragment), "value": value or {}}


def extraction_for(article: dict, version: str = PIPELINE) -> dict:
    """A hand-written extraction dict for each fixture article, offsets computed from the text."""
    t = article["text"]
    if article["id"] == "lc-1":
        record = {
            "id": "lc-1", "url": article["url"], "published": "2025-03-12", "provinces": ["Lai Châu"],
            "officials": [{"name": "Tống Thanh Hải",
                           "positions": [{"title": "Phó Chủ tịch", "organization": "UBND tỉnh Lai Châu"}]}],
            "documents": [{"type": "Quyết định", "number": "1719/QĐ-TTg", "date": None,
                           "issuer": "Thủ tướng Chính phủ"}],
            "dates": ["2025-03-12"],
            "event": {"type": "training", "date": "2025-03-12", "province": "Lai Châu"},
        }
        mentions = [_mention(t, "official", "Tống Thanh Hải", {"name": "Tống Thanh Hải"}),
                    _mention(t, "title", "Phó Chủ tịch"),
                    _mention(t, "document", "1719/QĐ-TTg", {"number": "1719/QĐ-TTg"}),
                    _mention(t, "province", "Lai Châu", {"name": "Lai Châu"}),
                    _mention(t, "date", "12/3/2025", {"date": "2025-03-12"})]
        events = [{"type": "training", "date": "2025-03-12", "province": "Lai Châu", "main": True,
                   "start": t.index("tập huấn"), "end": t.index("tập huấn") + 8, "trigger": "tập huấn",
                   "officials": ["Tống Thanh Hải"], "documents": ["1719/QĐ-TTg"], "figures": []}]
    elif article["id"] == "hn-1":
        record = {
            "id": "hn-1", "url": article["url"], "published": "2025-08-05", "provinces": ["Hà Nội"],
            "officials": [{"name": "Nguyễn Thị Hà",
                           "positions": [{"title": "Phó Chủ tịch", "organization": "UBND thành phố Hà Nội"}]}],
            "documents": [{"type": "Quyết định", "number": "1719/QĐ-TTg", "date": None, "issuer": None},
                          {"type": "Nghị định", "number": "05/2011/NĐ-CP", "date": None, "issuer": None}],
            "dates": ["2025-08-05"],
            "event": {"type": "inspection", "date": "2025-08-05", "province": "Hà Nội"},
        }
        mentions = [_mention(t, "official", "Nguyễn Thị Hà", {"name": "Nguyễn Thị Hà"}),
                    _mention(t, "document", "1719/QĐ-TTg", {"number": "1719/QĐ-TTg"}),
                    _mention(t, "document", "05/2011/NĐ-CP", {"number": "05/2011/NĐ-CP"}),
                    _mention(t, "province", "Hà Nội", {"name": "Hà Nội"})]
        events = [{"type": "inspection", "date": "2025-08-05", "province": "Hà Nội", "main": True,
                   "start": t.index("kiểm tra"), "end": t.index("kiểm tra") + 8, "trigger": "kiểm tra",
                   "officials": ["Nguyễn Thị Hà"], "documents": ["1719/QĐ-TTg", "05/2011/NĐ-CP"],
                   "figures": []}]
    else:
        record = {
            "id": "ql-1", "url": article["url"], "published": "2024-11-20", "provinces": ["Quảng Ninh"],
            "officials": [{"name": "Cao Tường Huy",
                           "positions": [{"title": "Chủ tịch", "organization": "UBND tỉnh Quảng Ninh"}]}],
            "documents": [], "dates": ["2024-11-20"],
            "event": {"type": "conference", "date": "2024-11-20", "province": "Quảng Ninh"},
        }
        mentions = [_mention(t, "official", "Cao Tường Huy", {"name": "Cao Tường Huy"}),
                    _mention(t, "province", "Quảng Ninh", {"name": "Quảng Ninh"})]
        events = [{"type": "conference", "date": "2024-11-20", "province": "Quảng Ninh", "main": True,
                   "start": None, "end": None, "trigger": "hội nghị", "officials": ["Cao Tường Huy"],
                   "documents": [], "figures": ["nhiều doanh nghiệp"]}]
    return {"record": record, "mentions": mentions, "events": events, "pipeline_version": version}


def build_db(path) -> dict[str, int]:
    """A database with the fixture articles and their extractions; returns ext id -> article id."""
    db = store.connect(path)
    ids = {}
    run = store.start_run(db, "fixture")
    for article in ARTICLES:
        article_id, outcome, _ = store.save_article(db, article, raw_html="<html>" + article["title"] + "</html>",
                                                    source="fixture")
        store.log_fetch(db, run, article["url"], outcome, 200)
        store.save_extraction(db, article_id, extraction_for(article))
        ids[article["id"]] = article_id
    store.finish_run(db, run)
    db.close()
    return ids


@pytest.fixture
def fixture_db(tmp_path):
    """(path, ids) of a freshly built fixture database."""
    path = tmp_path / "fixture.db"
    ids = build_db(path)
    return path, ids
