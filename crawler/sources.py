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

import validation
from crawler import families

DEFAULT_PATH = Path(__file__).with_name("sources.toml")
ENTRY_KINDS = ("feeds", "sitemaps", "listings", "articles")


class SourceError(validation.ConfigError):
    """A sources.toml row is unusable (missing name, no entries, unknown family, a bad URL...)."""


KNOWN_KEYS = {"name", "province", "homepage", "family", "selectors", "api", "notes", "enabled", *ENTRY_KINDS}


def _selectors(value, where: str) -> dict:
    validation.table(value, where)
    for key, sel in value.items():
        if not (isinstance(sel, str) and sel.strip()
                or isinstance(sel, list) and sel and all(isinstance(s, str) and s.strip() for s in sel)):
            raise validation.ConfigError(f"{where}.{key}: expected a CSS selector or a list of them, got {sel!r}")
    return value


def _check(row: dict[str, Any], index: int, problems: validation.Problems) -> dict[str, Any] | None:
    """The row typed and completed, or None with its problems (one line each) added to `problems`."""
    if not isinstance(row, dict):
        problems.add(f"source #{index + 1}: expected a [[source]] table")
        return None
    name = row.get("name")
    if not name or not isinstance(name, str):
        problems.add(f"source #{index + 1}: missing name")
        return None
    before = len(problems.lines)
    where = f"source {name!r}"
    unknown = set(row) - KNOWN_KEYS
    if unknown:
        problems.add(f"{where}: unknown key(s): {', '.join(sorted(unknown))}")
    for k in ENTRY_KINDS:
        if k in row:
            problems.run(validation.url_list, row[k], f"{where}: {k}")
    if not any(row.get(k) for k in ENTRY_KINDS):
        problems.add(f"{where}: no feeds, sitemaps, listings or articles")
    fam = row.get("family", "generic")
    if not isinstance(fam, str) or families.ALIASES.get(fam, fam) not in families.FAMILIES:
        problems.add(f"{where}: unknown family {fam!r} (known: {', '.join(families.FAMILIES)})")
    if "enabled" in row:
        problems.run(validation.boolean, row["enabled"], f"{where}: enabled")
    for key in ("homepage", "api"):
        if key in row:
            problems.run(validation.url, row[key], f"{where}: {key}")
    for key in ("province", "notes"):
        if key in row:
            problems.run(validation.text, row[key], f"{where}: {key}")
    if "selectors" in row:
        problems.run(_selectors, row["selectors"], f"{where}: selectors")
    if len(problems.lines) > before:
        return None
    out = {k: v for k, v in row.items() if v not in (None, [], {}, "")}
    out["family"] = families.ALIASES.get(fam, fam)
    out["kind"] = "rss" if row.get("feeds") else "sitemap" if row.get("sitemaps") else "listing"
    out.setdefault("enabled", True)
    return out


def load_sources(path: str | Path | None = None) -> list[dict[str, Any]]:
    """All sources of a catalog file (default: the bundled crawler/sources.toml), in file order.

    Every row is checked (validation.py); a file with a bad row is refused with
    SourceError, one line per problem, naming the file, the source and the key.
    """
    where = str(path or DEFAULT_PATH)
    try:
        with open(path or DEFAULT_PATH, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(f"{where}: invalid TOML: {exc}") from None
    problems = validation.Problems(where)
    rows = data.get("source", [])
    if not isinstance(rows, list):
        problems.add("expected [[source]] tables")
        rows = []
    out = [r for r in (_check(row, i, problems) for i, row in enumerate(rows)) if r is not None]
    names = [r["name"] for r in out]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        problems.add(f"duplicate source names: {', '.join(sorted(dupes))}")
    try:
        problems.check()
    except validation.ConfigError as exc:
        raise SourceError(str(exc)) from None
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
