"""The pipeline version stored with every extraction, derived from the rules' and lexicons' content.

`PIPELINE_VERSION` is the declared version plus a short hash of every file the extraction is made
of (nlp/*.py, nlp/data/* and textkeys.py, whose keys the lexicons are looked up by), so any change to a rule or a word list changes it, and
`vnpolicy reprocess --stale-only` re-extracts what an upgrade affects, with no one having to
remember to bump a number.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

DECLARED_VERSION = "0.1.0"
NLP_DIR = Path(__file__).resolve().parent
# Beside nlp/ but part of the rules: the lexicons' lookup key (textkeys.tone_key).
SHARED_FILES = ("textkeys.py",)


def content_files(root: Path = NLP_DIR) -> list[Path]:
    """The files whose content makes the version: the modules and the data files, in a fixed order."""
    files = list(root.glob("*.py"))
    data = root / "data"
    if data.is_dir():
        files += [p for p in data.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    files = sorted(files, key=lambda p: p.relative_to(root).as_posix())
    files += [root.parent / name for name in SHARED_FILES if (root.parent / name).is_file()]
    return files


def content_version(root: Path = NLP_DIR, declared: str = DECLARED_VERSION) -> str:
    """`declared` + "+" + 12 hex digits of the SHA-256 over the files' relative paths and bytes."""
    digest = hashlib.sha256()
    for path in content_files(root):
        name = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return f"{declared}+{digest.hexdigest()[:12]}"


PIPELINE_VERSION = content_version()
