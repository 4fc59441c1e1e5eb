"""The source catalog: crawler/sources.toml read into plain dicts.

Each source is a row of configuration — name, province, homepage, CMS family,
discovery entries (feeds, sitemaps, listings, articles), optional selector
overrides — so adding a site never means writing a spider.  Rows are checked
when loaded: a bad row is reported with its name and the reason, not skipped
silently.
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from crawler import families

DEFAULT_PATH = Path(__file__).with_name("sources.toml")
ENTRY_KINDS = ("feeds", "sitemaps", "listings", "articles")


class SourceError(ValueError):
    """A sources.toml row is unusable (missing name, no entries, unknown family...)."""


def _check(row: dict[str, Any], index: int) -> dict[str, Any]:
    name = row.get("name")
    if not name or not isinstance(name, str):
        raise SourceError(f"source #{index + 1}: missing name")
    if not any(row.get(k) for k in ENTRY_KINDS):
        raise SourceError(f"source {name!r}: no feeds, sitemaps, listings or articles")
    fam = row.get("family", "generic")
    if families.ALIASES.get(fam, fam) not in families.FAMILIES:
        raise SourceError(f"source {name!r}: unknown family {fam!r} (known: {', '.join(families.FAMILIES)})")
    for k in ENTRY_KINDS:
        if k in row and not (isinstance(row[k], list) and all(isinstance(u, str) for u in row[k])):
            raise SourceError(f"source {name!r}: {k} must be a list of URLs")
    out = {k: v for k, v in row.items() if v not in (None, [], {}, "")}
    out["family"] = families.ALIASES.get(fam, fam)
    out["kind"] = "rss" if row.get("feeds") else "sitemap" if row.get("sitemaps") else "listing"
    out.setdefault("enabled", True)
    return out


def load_sources(path: str | Path | None = None) -> list[dict[str, Any]]:
    """All sources of a catalog file (default: the bundled crawler/sources.toml), in file order."""
    with open(path or DEFAULT_PATH, "rb") as fh:
        data = tomllib.load(fh)
    rows = data.get("source", [])
    out = [_check(row, i) for i, row in enumerate(rows)]
    names = [r["name"] for r in out]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise SourceError(f"duplicate source names: {', '.join(sorted(dupes))}")
    return out


def get_source(name: str, path: str | Path | None = None) -> dict[str, Any]:
    for row in load_sources(path):
        if row["name"] == name:
            return row
    raise SourceError(f"unknown source {name!r}")


def entries(source: dict[str, Any]) -> list[dict[str, Any]]:
    """The discovery entries of a source as {url, kind, source} dicts (kind: feed/sitemap/listing/article)."""
    kinds = {"feeds": "feed", "sitemaps": "sitemap", "listings": "listing", "articles": "article"}
    return [{"url": url, "kind": kinds[key], "source": source["name"]}
            for key in ENTRY_KINDS for url in source.get(key, [])]
