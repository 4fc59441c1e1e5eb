"""Storage speed: insert rate, database size, and latency of the canned queries and a search.

    .venv/bin/python benchmarks/bench_store.py [--n 100000] [--db /tmp/bench.db]

Builds N synthetic articles (syllables drawn from the project's seed articles, or a
built-in list when corpus/seeds is absent) with one extraction each, then times every
canned query of web/metadata.py and a few searches.  Target: each query < 200 ms.
Reads only project files; prints a table.
"""
from __future__ import annotations

import argparse
import random
import re
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import store  # noqa: E402
from web import metadata  # noqa: E402

TARGET_MS = 200
PROVINCES = ["Lai Châu", "Hà Nội", "Quảng Ninh", "Sơn La", "Điện Biên", "Thanh Hóa", "Nghệ An", "Huế",
             "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ", "Gia Lai", "Đắk Lắk", "Lào Cai", "Tuyên Quang"]
TYPES = ["training", "conference", "meeting", "inspection", "visit", "ceremony", "issuance", "other"]
FALLBACK = ("ủy ban nhân dân tỉnh tổ chức hội nghị triển khai kế hoạch hỗ trợ đồng bào dân tộc thiểu số "
            "phát triển kinh tế xã hội vùng cao giảm nghèo bền vững nông thôn mới đào tạo nghề").split()


def vocabulary() -> list[str]:
    words = []
    for path in sorted((ROOT / "corpus" / "seeds").glob("*.txt")):
        words += re.findall(r"\w+", path.read_text(encoding="utf-8"))
    return words if len(words) > 200 else FALLBACK * 20


def synthetic(i: int, rng: random.Random, vocab: list[str]) -> tuple[dict, dict]:
    province = rng.choice(PROVINCES)
    day = f"20{rng.choice(['24', '25'])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    number = f"{rng.randint(1, 2000)}/QĐ-TTg"
    official = f"Nguyễn Văn {chr(65 + i % 26)}{i % 500}"
    body = " ".join(rng.choice(vocab) for _ in range(rng.randint(150, 350)))
    text = f"Ngày {day}, UBND tỉnh {province} triển khai Quyết định {number}. Ông {official} chủ trì. {body}"
    article = {"url": f"https://bench.example.vn/{i}", "title": f"Tin {i} về {province}", "text": text,
               "published": day}
    start = text.index(number)
    ev_type = rng.choice(TYPES)
    extraction = {
        "record": {"id": str(i), "url": article["url"], "published": day, "provinces": [province],
                   "officials": [{"name": official, "positions": [{"title": "Phó Chủ tịch",
                                                                   "organization": f"UBND tỉnh {province}"}]}],
                   "documents": [{"type": "Quyết định", "number": number, "date": None, "issuer": None}],
                   "dates": [day], "event": {"type": ev_type, "date": day, "province": province}},
        "mentions": [{"kind": "document", "text": number, "start": start, "end": start + len(number),
                      "value": {"number": number}}],
        "events": [{"type": ev_type, "date": day, "province": province, "main": True, "start": None, "end": None,
                    "officials": [official], "documents": [number], "figures": []}],
        "pipeline_version": "bench",
    }
    return article, extraction


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--db", default=None, help="Database path (default: a temporary file)")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    path = Path(args.db or Path(tmp.name) / "bench.db")
    if path.exists():
        path.unlink()
    db = store.connect(path)
    rng = random.Random(7)
    vocab = vocabulary()
    t0 = time.perf_counter()
    stored = 0
    for lo in range(0, args.n, 1000):
        with db.atomic():
            for i in range(lo, min(lo + 1000, args.n)):
                article, extraction = synthetic(i, rng, vocab)
                article_id, outcome, _ = store.save_article(db, article)
                if outcome == "stored":
                    store.save_extraction(db, article_id, extraction)
                    stored += 1
    elapsed = time.perf_counter() - t0
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("ANALYZE")
    size = path.stat().st_size / 1e6

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)  # as Datasette opens it
    conn.create_function("vn_fold", 1, store.fold)
    conn.create_function("vn_doc_key", 1, store.document_key)
    conn.create_function("vn_fts", 1, lambda q: f"search_folded : ({store.fts_query(q, folded=True)})")
    params = {"province": "Lai Châu", "start": "2025-01-01", "end": "2025-03-31", "name": "nguyen van a1",
              "number": "1719/QĐ-TTg", "q": "quyet dinh 1719"}
    rows = []
    for name, q in metadata.QUERIES.items():
        rows.append((f"canned: {name}", timed(lambda q=q: conn.execute(q["sql"], params).fetchall())))
    for view in store.VIEWS:
        rows.append((f"view page: {view}", timed(lambda v=view: conn.execute(f"SELECT * FROM {v} LIMIT 50")
                                                 .fetchall())))
    rows.append(("facet: events_view by province",
                 timed(lambda: conn.execute("SELECT province, count(*) FROM events_view GROUP BY province "
                                            "ORDER BY 2 DESC LIMIT 30").fetchall())))
    for q in ("quyet dinh 1719", "Lai Châu", "dong bao"):
        rows.append((f"search: {q}", timed(lambda q=q: store.search(db, q, limit=20))))

    print(f"articles: {args.n} ({stored} stored)  insert: {args.n / elapsed:,.0f} articles/s "
          f"({elapsed:.1f} s, with one extraction each)  size: {size:,.1f} MB")
    print(f"{'query':<45} {'ms':>8}  target {TARGET_MS} ms")
    slow = 0
    for name, ms in rows:
        flag = "ok" if ms < TARGET_MS else "SLOW"
        slow += ms >= TARGET_MS
        print(f"{name:<45} {ms:>8.1f}  {flag}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
