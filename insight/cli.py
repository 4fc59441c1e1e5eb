"""`vnpolicy person`, `vnpolicy document` and `vnpolicy insight`: the researcher's questions.

- person NAME: the resolved persons of that name (part of a name is enough) with their
  positions as dated spells, ordered by start.
- document NUMBER: a document (type, number, issuer, signing date) and every article citing
  it with its province, date and event type.
- insight --rebuild: recompute clusters and the registry from the stored extractions (after
  an upgrade, or for a database made before migration 0006).

Each command module of pipeline.py needs configure() and run(); this one serves three, so
`configure_person`/`run_person` etc. are re-exported by the thin modules person.py,
document.py and rebuild.py.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import settings
import store


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=settings.get("db"), help="SQLite database (default: %(default)s).")
    parser.add_argument("--format", choices=["json", "text"], default="text", help="Output format.")


def _open(args, command: str):
    if not Path(args.db).exists():
        print(f"vnpolicy {command}: no database at {args.db}", file=sys.stderr)
        return None
    return store.connect(args.db)


def person_json(person: dict) -> dict:
    """The public shape: {"name", "positions": [{"title","organization","province","start","end",
    "source_urls"}]} plus the end's reason, the post-merger province and why persons were split."""
    keep = ("title", "organization", "province", "start", "end", "source_urls", "end_reason",
            "province_current", "start_act")
    return {"name": person["name"], "id": person["id"], "reason": person["reason"],
            "positions": [{k: sp.get(k) for k in keep} for sp in person["positions"]]}


def configure_person(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="Full name or part of it; diacritics optional.")
    _common(parser)
    parser.epilog = "Example: vnpolicy person 'Đinh Quang Thạch' --db vnpolicy.db --format json"


def run_person(args: argparse.Namespace) -> int:
    db = _open(args, "person")
    if db is None:
        return 2
    from insight import registry

    persons = [person_json(p) for p in registry.persons(db, args.name)]
    if not persons:
        print(f"vnpolicy person: no official named {args.name!r}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(persons, ensure_ascii=False, indent=1))
        return 0
    for p in persons:
        print(p["name"] + (f"   [{p['reason']}]" if p["reason"] else ""))
        for sp in p["positions"]:
            span = f"{sp['start'] or '?'} → {sp['end'] or ('…' if not sp['end_reason'] else '?')}"
            where = f" ({sp['province']})" if sp["province"] else ""
            print(f"  {span:<25} {sp['title'] or ''} {sp['organization'] or ''}{where}")
            for url in sp["source_urls"]:
                print(f"  {'':<25}   {url}")
    return 0


def configure_document(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("number", help="Number and symbol, e.g. 1719/QĐ-TTg or 57-NQ/TW (case, spaces, Đ/D ignored).")
    _common(parser)
    parser.epilog = "Example: vnpolicy document 1719/QĐ-TTg --db vnpolicy.db --format json"


def run_document(args: argparse.Namespace) -> int:
    db = _open(args, "document")
    if db is None:
        return 2
    doc = store.document_reach(db, args.number)
    if doc is None:
        print(f"vnpolicy document: no document {args.number!r}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(doc, ensure_ascii=False, indent=1))
        return 0
    print(f"{doc['type'] or 'Văn bản'} {doc['number']}" + (f" — {doc['issuer']}" if doc["issuer"] else "")
          + (f", ký ngày {doc['date']}" if doc["date"] else ""))
    print(f"{len(doc['citations'])} citing article(s)")
    for c in doc["citations"]:
        print(f"  {c['date'] or '?':<10}  {c['province'] or '—':<15} {c['event_type'] or '—':<16} {c['url']}")
    return 0


def configure_rebuild(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=settings.get("db"), help="SQLite database (default: %(default)s).")
    parser.add_argument("--rebuild", action="store_true", required=True,
                        help="Recompute the event clusters and the officials' registry from stored extractions.")
    parser.epilog = "Example: vnpolicy insight --rebuild --db vnpolicy.db"


def run_rebuild(args: argparse.Namespace) -> int:
    db = _open(args, "insight")
    if db is None:
        return 2
    from insight import clusters, registry

    n_clusters = clusters.rebuild(db)
    n_persons = registry.rebuild(db)
    print(f"{n_clusters} cluster(s), {n_persons} official name(s)", file=sys.stderr)
    return 0
