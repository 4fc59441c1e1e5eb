"""Publication dates as Vietnamese sites and feeds write them, parsed to +07:00.

Pages write day-first dates ("08/01/2026 - 18:21", "Thứ Năm, 13/11/2025 15:30",
"15:30, 13/11/2025", "ngày 13 tháng 11 năm 2025"); feeds use RFC 822 with several
zone styles ("+07:00", "+0700", "+07", "GMT"), two-digit years, or the VC CMS's
US form "8/22/2026 11:00:00 PM" with no zone.  A date with no zone is Vietnam time
(UTC+7): that is what the sites mean.  Every result is an aware datetime in +07:00,
or None — never a guess from today's clock.
"""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_tz

VN = timezone(timedelta(hours=7))

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}

_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)")
_WORDS = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*(?:năm|,)?\s*(\d{4})", re.I)
_TIME = re.compile(r"(?<!\d)(\d{1,2})(?::|h)(\d{2})(?::(\d{2}))?\s*(AM|PM|SA|CH)?(?![\d/])", re.I)
_ZONE = re.compile(r"(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?", re.I)
_RFC_ZONE = re.compile(r"\s([+-])(\d{2}):?(\d{2})?\s*$")


def _zone(sign: str, hours: str, minutes: str | None) -> timezone:
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    return timezone(-delta if sign == "-" else delta)


def _year(y: str) -> int:
    n = int(y)
    return n + 2000 if n < 100 and len(y) == 2 else n


def _build(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0, tz=VN) -> datetime | None:
    try:
        return datetime(y, mo, d, h, mi, s, tzinfo=tz).astimezone(VN)
    except ValueError:
        return None


def parse_rfc822(value: str) -> datetime | None:
    """RFC 822 feed dates, tolerant of "+07:00", "+07", two-digit years, missing zone."""
    text = " ".join(value.split())
    m = _RFC_ZONE.search(text)
    tz = None
    if m:  # normalise the zone ourselves: parsedate_tz dislikes "+07:00" and "+07"
        tz = _zone(m.group(1), m.group(2), m.group(3))
        text = text[: m.start()]
    parts = parsedate_tz(text)
    if not parts:
        return None
    y, mo, d, h, mi, s = parts[:6]
    if tz is None:
        tz = VN if parts[9] is None or re.search(r"\d\s*$", text) else timezone(timedelta(seconds=parts[9]))
    if y < 100:
        y += 2000
    return _build(y, mo, d, h, mi, s, tz)


def parse(value: str | None, dayfirst: bool = True) -> datetime | None:
    """Any date string seen on Vietnamese pages or feeds -> aware datetime in +07:00 (None if none).

    ``dayfirst`` is the page convention; an "AM/PM" date with slashes (the VC CMS's feed
    style) is read month-first unless the first number cannot be a month.
    """
    if not value:
        return None
    text = " ".join(str(value).split())
    m = _ISO.search(text)
    if m:
        y, mo, d, h, mi, s, z = m.groups()
        tz = VN
        if z == "Z":
            tz = UTC
        elif z:
            zm = re.match(r"([+-])(\d{2}):?(\d{2})?", z)
            tz = _zone(zm.group(1), zm.group(2), zm.group(3))
        return _build(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0), tz)
    if re.search(r"[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}|\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}", text):
        dt = parse_rfc822(text)
        if dt:
            return dt
    tz = VN
    zm = _ZONE.search(text)
    if zm:
        tz = _zone(zm.group(1), zm.group(2), zm.group(3))
        text = text[: zm.start()] + text[zm.end():]
    dm = _NUMERIC.search(text)
    if dm:
        a, b, y = int(dm.group(1)), int(dm.group(2)), _year(dm.group(3))
        rest = text[: dm.start()] + " " + text[dm.end():]
        tm = _TIME.search(rest)
        month_first = (not dayfirst) or bool(tm and tm.group(4) and tm.group(4).upper() in ("AM", "PM"))
        if month_first and a <= 12:
            mo, d = a, b
        else:
            d, mo = a, b
        if mo > 12 and d <= 12:
            d, mo = mo, d
    else:
        wm = _WORDS.search(text)
        if not wm:
            return None
        d, mo, y = int(wm.group(1)), int(wm.group(2)), int(wm.group(3))
        rest = text[: wm.start()] + " " + text[wm.end():]
        tm = _TIME.search(rest)
    h = mi = s = 0
    if tm:
        h, mi, s = int(tm.group(1)), int(tm.group(2)), int(tm.group(3) or 0)
        ampm = (tm.group(4) or "").upper()
        if ampm in ("PM", "CH") and h < 12:
            h += 12
        elif ampm in ("AM", "SA") and h == 12:
            h = 0
    return _build(y, mo, d, h, mi, s, tz)


def has_time(value: str | None) -> bool:
    """Whether a date string carries a time of day (else we store the date alone)."""
    if not value:
        return False
    return bool(_TIME.search(_NUMERIC.sub(" ", str(value))) or re.search(r"T\d{2}:\d{2}", str(value)))


def iso(dt: datetime | None, with_time: bool = True) -> str | None:
    """ISO string in +07:00 ("2026-08-22T23:00:00+07:00"), or the date alone."""
    if dt is None:
        return None
    dt = dt.astimezone(VN)
    return dt.isoformat() if with_time else dt.date().isoformat()
