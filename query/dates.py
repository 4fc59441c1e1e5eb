"""The one parser for dates typed by users: on the command line (`export --since`,
`feed --since`) and in URLs (`/-/feed.atom?since=`, the serve filters).

Accepted: ISO (`2025-07-01`, `2025-7-1`, with or without a time: `2025-07-01T08:00`)
and the Vietnamese day-first forms (`01/07/2025`, `1/7/2025`, `1-7-2025`,
`1.7.2025`).  Anything else raises `DateError` whose message is one line meant to
be shown as is (exit 2 on the command line, HTTP 400 on the web).
"""
from __future__ import annotations

import re
from datetime import date, datetime

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?", re.ASCII)
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", re.ASCII)
MAX_LENGTH = 40


class DateError(ValueError):
    """A date a user typed that is not one of the accepted forms."""


def parse_date(value, what: str = "date") -> date:
    """`value` as a `date`; `what` names the option or parameter in the error message."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value if value is not None else "").strip()
    shown = repr(text if len(text) <= MAX_LENGTH else text[:MAX_LENGTH] + "…")
    hint = "use YYYY-MM-DD or DD/MM/YYYY, e.g. 2025-07-01 or 01/07/2025"
    if not text or len(text) > MAX_LENGTH:
        raise DateError(f"{what}: not a date: {shown}; {hint}")
    match = _ISO.fullmatch(text)
    if match:
        year, month, day = (int(match.group(i)) for i in (1, 2, 3))
    else:
        match = _DAY_FIRST.fullmatch(text)
        if not match:
            raise DateError(f"{what}: not a date: {shown}; {hint}")
        day, month, year = (int(match.group(i)) for i in (1, 2, 3))
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise DateError(f"{what}: not a date: {shown} ({exc}); {hint}") from None


def parse_optional(value, what: str = "date") -> date | None:
    """None for None or blank, else `parse_date`."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_date(value, what)


def iso(value, what: str = "date") -> str | None:
    """The ISO string (YYYY-MM-DD) of a typed date, None when blank."""
    parsed = parse_optional(value, what)
    return parsed.isoformat() if parsed else None

