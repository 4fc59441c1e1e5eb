"""How stored values are shown to people: one place for the feed, the web pages and the demo.

- `role_label` joins an office and its body without doubling the shared word
  ("Phó Trưởng Ban" + "Ban Dân tộc" → "Phó Trưởng Ban Dân tộc").
- `xml_text` drops what XML 1.0 cannot carry (C0 controls but tab/newline/CR,
  lone surrogates, U+FFFE/U+FFFF) and decodes stray bytes, so a feed never fails
  on a title copied from a broken page.
- `short_url` and `short_date` keep table cells narrow.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from textkeys import fold

# Characters XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets).
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value) -> str:
    """`value` as text XML can hold: bytes decoded (bad bytes replaced), forbidden characters removed."""
    if value is None:
        return ""
    if isinstance(value, bytes | bytearray | memoryview):
        value = bytes(value).decode("utf-8", errors="replace")
    return _XML_BAD.sub("", str(value))


def _words(text: str) -> list[str]:
    return text.split()


def role_label(title: str | None, organization: str | None) -> str:
    """An office and its body as one phrase, the words they share said once.

    The body is left out when the title already names it; otherwise the longest
    run of words ending the title and starting the body (compared folded) is
    kept once: "Phó Trưởng Ban" + "Ban Dân tộc" → "Phó Trưởng Ban Dân tộc",
    "Chủ tịch" + "UBND tỉnh Sơn La" → "Chủ tịch UBND tỉnh Sơn La".
    """
    title = " ".join((title or "").split())
    organization = " ".join((organization or "").split())
    if not organization:
        return title
    if not title:
        return organization
    if fold(organization) in fold(title):
        return title
    tw, ow = _words(title), _words(organization)
    ftw, fow = [fold(w) for w in tw], [fold(w) for w in ow]
    for n in range(min(len(tw), len(ow)), 0, -1):
        if ftw[-n:] == fow[:n]:
            return " ".join(tw + ow[n:])
    return f"{title} {organization}"


def short_url(url: str | None, width: int = 48) -> str:
    """"https://www.example.gov.vn/tin-tuc/a-very-long-slug-123.html" → "example.gov.vn/…/a-very-long-sl…"."""
    if not url:
        return ""
    parts = urlsplit(str(url))
    host = parts.netloc.removeprefix("www.")
    if not host:
        text = str(url)
        return text if len(text) <= width else text[: width - 1] + "…"
    segments = [s for s in parts.path.split("/") if s]
    tail = segments[-1] if segments else ""
    text = host + ("/…/" if len(segments) > 1 else "/") + tail if tail else host
    return text if len(text) <= width else text[: width - 1] + "…"


def short_date(value) -> str:
    """A stored date or time stamp as its day, "2025-07-01T08:30:00+07:00" → "2025-07-01"."""
    if not value:
        return ""
    text = str(value)
    match = re.match(r"\d{4}-\d{2}-\d{2}", text)
    return match.group(0) if match else text
