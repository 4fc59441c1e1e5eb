"""Real article pages: does the crawler keep the whole article, and only the article?

Serves each saved page of ``../shared/real-pages/`` (when present: it is not part of
the project) on 127.0.0.1 at its original path, with the original host rewritten to
the loopback address, crawls them all with one `vnpolicy crawl --url … --no-extract`,
and scores every stored article against ``expected.json`` (what a reader sees):

- stored: the page gave an article row;
- title: equal to the visible headline (whitespace-folded);
- day / time: the stored `published` has the visible day (and hour:minute);
- lead: the lead's first sentence is in the text, and the text starts with it;
- middle / last: the middle sentences and the last body sentence are in the text;
- noise: how many of the listed noise blocks (captions, bylines, related links,
  promos) leaked into the text;
- precision: share of the stored text's characters that lie in the article as a
  reader sees it (the page's visible text from the lead's first sentence to the last
  body sentence) and are not noise.

    .venv/bin/python benchmarks/bench_real_pages.py [--pages DIR] [--json] [--write]

``--write`` replaces the "Real article pages" section of benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from httpserver import LocalServer, page  # noqa: E402

# ../shared of the checkout (a worktree may sit one level deeper).
DEFAULT_PAGES = next((d / "shared" / "real-pages" for d in (ROOT.parent, ROOT.parent.parent)
                      if (d / "shared" / "real-pages").is_dir()), ROOT.parent / "shared" / "real-pages")
FAST = ["-s", "AUTOTHROTTLE_ENABLED=false", "-s", "DOWNLOAD_DELAY=0", "-s", "DOWNLOAD_TIMEOUT=20",
        "-s", "ROBOTSTXT_OBEY=false"]
SECTION = "## Real article pages"


def norm(text: str | None) -> str:
    """NFC, one space, typographic quotes/dashes folded: how two texts are compared."""
    text = unicodedata.normalize("NFC", text or "").replace("\xa0", " ").replace("\u200b", "")
    text = text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"}))
    return " ".join(text.split())


def visible_text(html: bytes) -> str:
    import lxml.html

    doc = lxml.html.document_fromstring(html.decode("utf-8", "replace"))
    for el in doc.xpath("//script|//style|//noscript|//template"):
        el.getparent().remove(el)
    blocks = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "td", "tr", "table",
              "section", "article", "figure", "figcaption", "header", "footer", "aside", "blockquote"}
    for el in doc.iter():
        if isinstance(el.tag, str) and el.tag.lower() in blocks:  # inline tags join words as a reader sees
            el.tail = " " + (el.tail or "")
            el.text = " " + (el.text or "")
    body = doc.find("body")
    return norm(body.text_content() if body is not None else doc.text_content())


def reader_span(visible: str, first: str, last: str) -> str:
    """The page's visible text from the lead's first sentence to the end of the last body sentence."""
    start = visible.find(norm(first)[:80])
    end = visible.find(norm(last)[-80:], max(start, 0))
    if start < 0 or end < 0:
        return ""
    return visible[start:end + len(norm(last)[-80:])]


def score_page(exp: dict, row: dict | None, html: bytes) -> dict:
    out = {"id": exp["id"], "stored": row is not None}
    if row is None:
        return out
    text = norm(row["text"])
    first, last = norm(exp["first_sentence"]), norm(exp["last_sentence"])
    out["title"] = norm(row["title"]) == norm(exp["title"])
    pub = row["published"] or ""
    out["day"] = pub[:10] == exp["date"][:10]
    out["time"] = pub[11:16] == exp["date"][11:16] if "T" in exp["date"] else None
    out["lead"] = first in text
    out["lead_first"] = text.startswith(first[:60])
    out["middle"] = all(norm(s) in text for s in exp.get("mid_sentences", []))
    out["last"] = last in text
    leaks = [leak for leak in exp.get("leaks", []) if norm(leak) in text]
    out["noise"] = len(leaks)
    out["noise_found"] = leaks
    span = reader_span(visible_text(html), first, last)
    noise = [norm(leak) for leak in exp.get("leaks", [])]
    kept = 0
    paras = [norm(p) for p in (row["text"] or "").split("\n\n") if norm(p)]
    for p in paras:
        if p in span and not any(p in n or n in p for n in noise):
            kept += len(p)
    total = sum(len(p) for p in paras)
    out["precision"] = round(kept / total, 3) if total else 0.0
    out["published"] = pub
    return out


def crawl_pages(pages_dir: Path) -> dict:
    expected = json.loads((pages_dir / "expected.json").read_text(encoding="utf-8"))["pages"]
    server = LocalServer().start()
    try:
        bodies: dict[str, bytes] = {}
        urls = []
        for exp in expected:
            path = pages_dir / f"{exp['id']}.html"
            if not path.exists():
                continue
            parts = urlsplit(exp["url"])
            origin = f"{parts.scheme}://{parts.netloc}".encode()
            raw = path.read_bytes()
            body = raw.replace(origin, server.base.encode()).replace(
                b"//" + parts.netloc.encode(), server.base.encode().replace(b"http:", b""))
            bodies[exp["id"]] = raw
            server.add(parts.path, page(body))
            urls.append(server.url(parts.path))
        with tempfile.TemporaryDirectory(prefix="vnpolicy-real-") as tmp:
            db = Path(tmp) / "real.db"
            args = ["crawl", "--db", str(db), "--no-extract", *FAST]
            for u in urls:
                args += ["--url", u]
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, str(ROOT / "pipeline.py"), *args], capture_output=True,
                                  text=True, cwd=ROOT, timeout=600)
            seconds = time.perf_counter() - t0
            con = sqlite3.connect(db)
            con.row_factory = sqlite3.Row
            rows = {urlsplit(r["url"]).path: dict(r) for r in con.execute(
                "SELECT url, title, text, published FROM articles")}
            fetches = [tuple(r) for r in con.execute("SELECT url, outcome, reason FROM fetches")]
            con.close()
    finally:
        server.stop()
    results = []
    for exp in expected:
        if exp["id"] not in bodies:
            continue
        results.append(score_page(exp, rows.get(urlsplit(exp["url"]).path), bodies[exp["id"]]))
    return {"pages": results, "seconds": round(seconds, 1), "exit_code": proc.returncode,
            "not_stored": [f for f in fetches if f[1] != "stored"], "stderr": proc.stderr[-2000:]}


def totals(report: dict) -> dict:
    pages = report["pages"]
    stored = [p for p in pages if p["stored"]]

    def count(key):
        return sum(1 for p in stored if p.get(key))

    timed = [p for p in stored if p.get("time") is not None]
    return {"pages": len(pages), "stored": len(stored), "title": count("title"), "day": count("day"),
            "time": sum(1 for p in timed if p["time"]), "timed": len(timed), "lead": count("lead"),
            "lead_first": count("lead_first"), "middle": count("middle"), "last": count("last"),
            "noise_blocks": sum(p.get("noise", 0) for p in stored),
            "min_precision": min((p["precision"] for p in stored), default=0.0),
            "mean_precision": round(sum(p["precision"] for p in stored) / len(stored), 3) if stored else 0.0}


def table(report: dict) -> str:
    t = totals(report)
    lines = [SECTION, "",
             "`benchmarks/bench_real_pages.py`: the saved real pages of `../shared/real-pages/` served on "
             "loopback at their original paths and crawled with `vnpolicy crawl --url`.", "",
             "| page | stored | title | day | time | lead | lead first | middle | last | noise | precision |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]

    def mark(v):
        return "–" if v is None else ("yes" if v else "**no**")

    for p in report["pages"]:
        if not p["stored"]:
            lines.append(f"| {p['id']} | **no** | | | | | | | | | |")
            continue
        lines.append(f"| {p['id']} | yes | {mark(p['title'])} | {mark(p['day'])} | {mark(p['time'])} | "
                     f"{mark(p['lead'])} | {mark(p['lead_first'])} | {mark(p['middle'])} | {mark(p['last'])} | "
                     f"{p['noise']} | {p['precision']:.3f} |")
    lines += ["", f"Stored {t['stored']}/{t['pages']}; title {t['title']}, day {t['day']}, time "
              f"{t['time']}/{t['timed']}, lead kept {t['lead']} (first in text {t['lead_first']}), middle "
              f"{t['middle']}, last sentence {t['last']}; noise blocks in text {t['noise_blocks']}; precision "
              f"min {t['min_precision']:.3f}, mean {t['mean_precision']:.3f}; crawl {report['seconds']} s.", ""]
    return "\n".join(lines)


def write_section(text: str, path: Path = ROOT / "benchmarks" / "RESULTS.md") -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    pattern = re.compile(re.escape(SECTION) + r".*?(?=\n## |\Z)", re.S)
    new = pattern.sub(lambda _m: text.rstrip() + "\n", old) if SECTION in old else old.rstrip() + "\n\n" + text
    path.write_text(new, encoding="utf-8")


def run(pages: Path | None = None) -> list[tuple[str, str, str]]:
    """Figures for benchmarks/run_all.py (and this page's own section of RESULTS.md)."""
    pages = pages or DEFAULT_PAGES
    if not (pages / "expected.json").exists():
        return [("real pages", "skipped: ../shared/real-pages not present", "")]
    report = crawl_pages(pages)
    write_section(table(report))
    t = totals(report)
    n = t["pages"]
    return [("real pages: stored, right title, right day", f"{t['stored']}/{n}, {t['title']}/{n}, {t['day']}/{n}",
             f"{n}/{n} each"),
            ("real pages: lead kept first, last sentence kept", f"{t['lead_first']}/{n}, {t['last']}/{n}",
             f"{n}/{n} each"),
            ("real pages: noise blocks in stored text", str(t["noise_blocks"]), "<= 1"),
            ("real pages: min precision", f"{t['min_precision']:.3f}", ">= 0.95")]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--write", action="store_true", help="write the section of benchmarks/RESULTS.md")
    args = ap.parse_args(argv)
    if not (args.pages / "expected.json").exists():
        print(f"no real pages at {args.pages}: nothing to score", file=sys.stderr)
        return 0
    report = crawl_pages(args.pages)
    if args.json:
        print(json.dumps({**report, "totals": totals(report)}, ensure_ascii=False, indent=1))
    else:
        print(table(report))
        for p in report["pages"]:
            if p.get("noise_found"):
                print(f"  {p['id']} noise: {p['noise_found']}")
        if report["not_stored"]:
            print(f"  not stored: {report['not_stored']}")
    if args.write:
        write_section(table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
