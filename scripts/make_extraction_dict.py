"""Write the zlib preset dictionary for `records.data` (store.pack_extraction) from the bundled corpus.

    .venv/bin/python scripts/make_extraction_dict.py OUTPUT

Every corpus article is extracted with the real pipeline and packed as the store packs it;
the JSON keys, with the short lower-case values that follow them (kinds, enumerations,
province keys, true/false/null), are counted and the most frequent written one a line,
the most frequent last (zlib reaches the end of a dictionary most cheaply).  A dictionary
in use must never change: a blob names its dictionary by checksum, so a new one is a new
file added beside the old (store keeps reading both).
"""
from __future__ import annotations

import collections
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FRAGMENT = re.compile(r'"[a-z_]+":(?:true|false|null|"[a-z_]{1,24}"|\{|\[)?')
SIZE = 300  # fragments kept: ~2.5 KB, the part of a 1 KB blob's gain a dictionary can give


def main() -> int:
    import nlp
    import store
    from nlp.corpus import load_articles

    counts: collections.Counter = collections.Counter()
    for a in load_articles():
        article = {k: a.get(k) for k in ("id", "url", "title", "published", "text")}
        extraction = nlp.extract(article)
        packed = store.unpack_extraction(store.pack_extraction(extraction["record"], extraction["mentions"],
                                                               article["text"] or "", dictionary=False))
        counts.update(FRAGMENT.findall(json.dumps(packed, ensure_ascii=False, sort_keys=True, separators=(",", ":"))))
    fragments = [f for f, n in counts.most_common(SIZE) if n >= 3]
    Path(sys.argv[1]).write_text("\n".join(reversed(fragments)) + "\n", encoding="utf-8")
    print(f"{len(fragments)} fragments written to {sys.argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
