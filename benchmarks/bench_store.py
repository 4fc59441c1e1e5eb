"""Storage speed: insert rate, database size, and latency of every canned query, UI view and search.

    .venv/bin/python benchmarks/bench_store.py [--articles 100000] [--db /tmp/bench.db] [--keep]

The synthetic corpus is the project's own: every article of `nlp.corpus.load_articles()`
is extracted once with the real pipeline (`nlp.extract`), then copied N times with its
officials' names, provinces, dates and document numbers varied.  The same substitution
is applied to the text and to every string of the extraction, and mention/event offsets
are moved with the text, so each stored record still describes its article.  A few
sentences drawn from other corpus articles are appended to each copy: without them the
copies of one base article would be near-duplicates and the store would rightly refuse
them.

Then it times what a researcher's screen runs: the canned queries of web/metadata.py,
each view as Datasette's table page asks for it (a page, the row count, the facets of
events_view) and store.search.  Target: each < 200 ms.  Reads only project files.
"""
from __future__ import annotations

import argparse
import bisect
import calendar
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
BATCH = 500

# Name parts for varied officials: 20 × 12 × 40 ≈ 9,600 distinct names.
SURNAMES = ("Nguyễn Trần Lê Phạm Hoàng Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lò Vàng Giàng Sùng Hà Lương").split()
MIDDLES = ("Văn Thị Đức Minh Thanh Hữu Quang Ngọc Xuân A Thành Hồng").split()
GIVENS = ("Hải Hà Hùng Dũng Lan Mai Khiêm Chư Dua Tuấn Hòa Bình Sơn Long Phong Quân Thắng Hiếu Nam Trung "
          "Hưng Vinh Phúc Lộc Thọ Thu Hương Thảo Trang Nga Kiên Cường Đạt Tâm Nghĩa Lâm Tùng Hạnh Yến Oanh").split()

_DMY = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])")
_DM = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])")
_ISO = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})")
_MONTH_YEAR = re.compile(r"(tháng )(\d{1,2})(/| năm )((?:19|20)\d{2})\b")


def _shift(year: int, month: int, day: int, months: int) -> tuple[int, int, int] | None:
    """Move a date by whole months (the day stays, so "ngày 13" in the text stays true)."""
    total = year * 12 + (month - 1) + months
    y, m = divmod(total, 12)
    if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(y, m + 1)[1]):
        return None
    return y, m + 1, day


class Variation:
    """One consistent set of substitutions: literal strings (names, provinces, numbers) and a month shift."""

    def __init__(self, literals: dict[str, str], months: int):
        self.literals = {k: v for k, v in literals.items() if k and k != v}
        self.months = months
        keys = sorted(self.literals, key=len, reverse=True)
        self._lit = re.compile("|".join(re.escape(k) for k in keys)) if keys else None

    def _passes(self):
        if self._lit is not None:
            yield self._lit, lambda m: self.literals[m.group(0)]
        if self.months:
            def iso(m):
                d = _shift(int(m.group(1)), int(m.group(2)), int(m.group(3)), self.months)
                return f"{d[0]:04d}-{d[1]:02d}-{d[2]:02d}" if d else m.group(0)

            def dmy(m):
                d = _shift(int(m.group(3)), int(m.group(2)), int(m.group(1)), self.months)
                return f"{d[2]}/{d[1]}/{d[0]}" if d else m.group(0)

            def dm(m):
                d = _shift(2000, int(m.group(2)), int(m.group(1)), self.months)
                return f"{d[2]}/{d[1]}" if d else m.group(0)

            def month_year(m):
                d = _shift(int(m.group(4)), int(m.group(2)), 1, self.months)
                return f"{m.group(1)}{d[1]}{m.group(3)}{d[0]}" if d else m.group(0)

            yield _ISO, iso
            yield _DMY, dmy
            yield _DM, dm
            yield _MONTH_YEAR, month_year

    def text(self, text: str) -> tuple[str, list]:
        """The varied text and one offset map per pass (old start, old end, new start, new end)."""
        maps = []
        for pattern, repl in self._passes():
            out, spans, pos, delta = [], [], 0, 0
            for m in pattern.finditer(text):
                new = repl(m)
                out += [text[pos:m.start()], new]
                spans.append((m.start(), m.end(), m.start() + delta, m.start() + delta + len(new)))
                delta += len(new) - (m.end() - m.start())
                pos = m.end()
            out.append(text[pos:])
            text = "".join(out)
            maps.append(spans)
        return text, maps

    def string(self, value: str) -> str:
        for pattern, repl in self._passes():
            value = pattern.sub(repl, value)
        return value

    def deep(self, value):
        if isinstance(value, str):
            return self.string(value)
        if isinstance(value, list):
            return [self.deep(v) for v in value]
        if isinstance(value, dict):
            return {k: self.deep(v) for k, v in value.items()}
        return value


def _move(offset, maps):
    """An offset in the base text moved through every pass's replacements."""
    if not isinstance(offset, int):
        return offset
    for spans in maps:
        i = bisect.bisect_right([s[0] for s in spans], offset) - 1
        if i < 0:
            continue
        old_start, old_end, new_start, new_end = spans[i]
        if offset >= old_end:
            offset = new_end + (offset - old_end)
        else:
            offset = min(new_start + (offset - old_start), new_end)
    return offset


def base_pairs() -> list[tuple[dict, dict]]:
    """(article, extraction) for every corpus article, extracted once by the real pipeline."""
    import nlp
    from nlp.corpus import load_articles

    out = []
    for a in load_articles():
        article = {k: a.get(k) for k in ("id", "url", "title", "published", "text")}
        article["url"] = article["url"] or f"https://corpus.example.vn/{a['id']}"
        out.append((article, nlp.extract(article)))
    return out


def province_names() -> list[str]:
    from nlp.provinces import gazetteer

    names = []
    for p in gazetteer():
        name = getattr(p, "short", None) or getattr(p, "name", None)
        if name and name not in names:
            names.append(name)
    return names


class Generator:
    """Makes article i from base article i % len(bases), varied by a seeded RNG."""

    def __init__(self, bases, provinces, seed: int = 7):
        self.bases = bases
        self.provinces = provinces
        self.seed = seed
        self.sentences = [s.strip() for a, _ in bases for s in re.split(r"(?<=[.!?])\s+", a["text"] or "")
                          if len(s.split()) >= 8]

    def make(self, i: int) -> tuple[dict, dict]:
        rng = random.Random(self.seed * 1_000_003 + i)
        article, extraction = self.bases[i % len(self.bases)]
        record = extraction.get("record") or {}
        literals = {}
        for official in record.get("officials") or []:
            name = official.get("name")
            if name and rng.random() < 0.85:
                literals[name] = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVENS)}"
        for province in record.get("provinces") or []:
            if province and rng.random() < 0.9:
                literals[province] = rng.choice(self.provinces)
        for doc in record.get("documents") or []:
            number = str(doc.get("number") or "")
            m = re.match(r"(\d+)(/.*)", number)
            if m and rng.random() < 0.7:  # the rest keep their number: national programmes are cited everywhere
                literals[number] = f"{rng.randint(1, 3000)}{m.group(2)}"
        variation = Variation(literals, months=rng.randint(-60, 6))
        text, maps = variation.text(article["text"] or "")
        filler = " ".join(rng.choice(self.sentences) for _ in range(rng.randint(4, 8)))
        varied = {"id": f"s{i}", "url": f"https://bench.example.vn/{article['id']}/{i}",
                  "title": variation.string(article["title"] or ""), "text": text + "\n" + filler,
                  "published": variation.string(str(article["published"] or "")) or None}
        ex = variation.deep({k: v for k, v in extraction.items() if k not in ("mentions", "events")})
        ex["record"] = dict(ex.get("record") or {}, id=varied["id"], url=varied["url"])
        ex["mentions"] = []
        for m in extraction.get("mentions") or []:
            start, end = _move(m.get("start"), maps), _move(m.get("end"), maps)
            ex["mentions"].append(dict(variation.deep(m), start=start, end=end,
                                       text=text[start:end] if isinstance(start, int) else m.get("text")))
        ex["events"] = [dict(variation.deep(e), start=_move(e.get("start"), maps), end=_move(e.get("end"), maps))
                        for e in extraction.get("events") or []]
        return varied, ex


def build(path: Path, articles: int, progress: bool = True) -> dict:
    bases = base_pairs()
    gen = Generator(bases, province_names())
    db = store.connect(path)
    stored = 0
    t0 = time.perf_counter()
    for lo in range(0, articles, BATCH):
        with db.atomic():
            for i in range(lo, min(lo + BATCH, articles)):
                article, extraction = gen.make(i)
                article_id, outcome, _ = store.save_article(db, article)
                if outcome == "stored":
                    store.save_extraction(db, article_id, extraction)
                    stored += 1
        if progress and (lo // BATCH) % 20 == 19:
            done = min(lo + BATCH, articles)
            print(f"  {done:,} articles, {done / (time.perf_counter() - t0):,.0f}/s", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - t0
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("ANALYZE")
    db.close()
    return {"bases": len(bases), "stored": stored, "seconds": elapsed}


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best * 1000


def _params(conn) -> dict:
    """Parameters a researcher would type, taken from the data so every query has rows to find."""
    province = conn.execute("SELECT province FROM events WHERE province IS NOT NULL GROUP BY province "
                            "ORDER BY count(*) DESC LIMIT 1").fetchone()
    person = conn.execute("SELECT name FROM persons ORDER BY id LIMIT 1 OFFSET 5").fetchone()
    number = conn.execute("SELECT d.number FROM documents d JOIN event_documents ed ON ed.document_id = d.id "
                          "GROUP BY d.id ORDER BY count(*) DESC LIMIT 1").fetchone()
    return {"province": province[0] if province else "Lai Châu", "start": "2024-01-01", "end": "2024-06-30",
            "name": store.fold(person[0]).rsplit(" ", 1)[0] if person else "nguyen van",
            "number": number[0] if number else "1719/QĐ-TTg", "q": "quyet dinh"}


def measure(path: Path) -> list[tuple[str, float, int]]:
    """(what, ms, rows) for each canned query, view page/count/facet and search."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)  # as Datasette opens it
    conn.create_function("vn_fold", 1, store.fold, deterministic=True)
    conn.create_function("vn_doc_key", 1, store.document_key, deterministic=True)
    conn.create_function("vn_fts", 1, lambda q: store.fts_query(q, folded=True))
    store.register_unpack_functions(conn)
    params = _params(conn)
    out = []

    def run(label, sql, args=()):
        rows = conn.execute(sql, args).fetchall()
        out.append((label, timed(lambda: conn.execute(sql, args).fetchall()), len(rows)))

    for name, q in metadata.QUERIES.items():
        run(f"canned: {name}", q["sql"], params)
    for fragment in ("1719", "qd-ubnd"):  # part of a number: a few documents match, then thousands
        run(f"canned: documents_cited, number part {fragment!r}", metadata.QUERIES["documents_cited"]["sql"],
            dict(params, number=fragment))
    for view in store.VIEWS:
        order = " ORDER BY date DESC" if view == "events_view" else ""
        run(f"view page: {view}", f"SELECT * FROM {view}{order} LIMIT 51")
        run(f"view count: {view}", f"SELECT count(*) FROM (SELECT * FROM {view})")
    for col in ("province", "type"):  # the facets metadata.build() declares
        run(f"facet: events_view by {col}", f"SELECT {col} AS value, count(*) AS count FROM (SELECT * FROM "
            f"events_view) WHERE {col} IS NOT NULL GROUP BY {col} ORDER BY count DESC, value LIMIT 31")
    run("view page: events_view, one province", "SELECT * FROM events_view WHERE province = ? "
        "ORDER BY date DESC LIMIT 51", [params["province"]])
    run("facet: events_view by type, one province", "SELECT type AS value, count(*) AS count FROM (SELECT * "
        "FROM events_view WHERE province = ?) WHERE type IS NOT NULL GROUP BY type ORDER BY count DESC LIMIT 31",
        [params["province"]])
    db = store.connect(path, migrate=False)
    for q in ("quyet dinh", "dong bao", "Lai Châu", "đồng bào dân tộc", params["number"]):
        hits = store.search(db, q, limit=20)
        out.append((f"search: {q}", timed(lambda q=q: store.search(db, q, limit=20)), len(hits)))
    hits = store.search(db, "dong bao", limit=20, province=params["province"])
    out.append(("search: dong bao, one province",
                timed(lambda: store.search(db, "dong bao", limit=20, province=params["province"])), len(hits)))
    db.close()
    conn.close()
    return out


def breakdown(path: Path, top: int = 12) -> list[tuple[str, str, str]]:
    """KB (1,000 bytes) an article row per table and index, from SQLite's dbstat table: the biggest first."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        n = conn.execute("SELECT count(*) FROM articles").fetchone()[0] or 1
        rows = conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
    except sqlite3.OperationalError:  # an SQLite built without dbstat
        return []
    finally:
        conn.close()
    out = [(f"store: size of {name}", f"{size / 1000 / n:,.2f} KB/article", "") for name, size in rows[:top]]
    rest = sum(size for _, size in rows[top:])
    out.append((f"store: size of the other {len(rows) - top} tables and indexes", f"{rest / 1000 / n:,.2f} KB/article",
                ""))
    return out


def run(articles: int = 100_000, db: str | None = None, keep: bool = False) -> list[tuple[str, str, str]]:
    """Build, measure, and return (figure, value, target) rows for benchmarks/run_all.py."""
    tmp = tempfile.TemporaryDirectory(prefix="bench-store-")
    path = Path(db or Path(tmp.name) / "bench.db")
    try:
        if path.exists() and keep:
            built = None
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
            built = build(path, articles)
        rows = []
        if built:
            rows += [("store: articles (bases)", f"{articles:,} ({built['bases']} corpus articles, "
                      f"{built['stored']:,} stored)", ""),
                     ("store: insert with extraction", f"{articles / built['seconds']:,.0f} articles/s", "")]
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        n = conn.execute("SELECT count(*) FROM articles").fetchone()[0] or 1
        free = conn.execute("PRAGMA freelist_count").fetchone()[0] * conn.execute("PRAGMA page_size").fetchone()[0]
        conn.close()
        size = path.stat().st_size
        rows.append(("store: database size", f"{size / 1e6:,.0f} MB", ""))
        rows.append(("store: size per article", f"{size / 1000 / n:,.2f} KB ({(size - free) / 1000 / n:,.1f} in use)",
                     "≤ 10 KB"))
        rows += breakdown(path)
        for label, ms, n in measure(path):
            rows.append((f"store: {label}", f"{ms:,.1f} ms ({n} rows)", f"< {TARGET_MS} ms"))
        return rows
    finally:
        if not (db and keep):
            tmp.cleanup()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000, help="Synthetic articles (default: %(default)s).")
    ap.add_argument("--db", default=None, help="Database path (default: a temporary file).")
    ap.add_argument("--keep", action="store_true",
                    help="Keep the --db file; if it exists, measure it without rebuilding.")
    args = ap.parse_args()
    rows = run(args.articles, args.db, args.keep)
    slow = 0
    for figure, value, target in rows:
        ms = re.match(r"([\d,.]+) ms", value)
        bad = bool(ms and target and float(ms.group(1).replace(",", "")) >= TARGET_MS)
        slow += bad
        print(f"{figure:<62} {value:>26}  {'SLOW' if bad else ''}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
