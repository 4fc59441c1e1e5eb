"""Server-side SVG charts for the insight pages: no script, no network, readable offline.

Every label is XML-escaped.  Each function returns one `<svg>` string with a `<title>` and
an `aria-label`, and marks each data shape with a class and `data-*` attributes so tests
(and users' own scripts) can read the numbers back.
"""
from __future__ import annotations

import datetime as _dt
from html import escape

PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf"]
OTHER = "#c7c7c7"
MAX_SERIES = len(PALETTE)  # provinces beyond these are summed as "khác" (other)


def _e(value) -> str:
    return escape(str(value), quote=True)


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last[:7] and len(out) < 240:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def citations_by_month(citations: list[dict], width: int = 760, height: int = 300) -> str:
    """Stacked bars: citing articles per month, one colour per province (the most citing first)."""
    dated = [c for c in citations if c.get("date")]
    if not dated:
        return ('<svg class="vnp-chart" role="img" aria-label="no dated citations" width="300" height="40">'
                '<text x="4" y="24">Chưa có trích dẫn có ngày</text></svg>')
    counts: dict[str, int] = {}
    for c in dated:
        counts[c.get("province") or "—"] = counts.get(c.get("province") or "—", 0) + 1
    ranked = sorted(counts, key=lambda p: (-counts[p], p))
    series = ranked[:MAX_SERIES - 1] if len(ranked) > MAX_SERIES else ranked
    colour = {p: PALETTE[i] for i, p in enumerate(series)}
    months = _months(min(c["date"] for c in dated), max(c["date"] for c in dated))
    cells: dict[tuple[str, str], int] = {}
    for c in dated:
        p = c.get("province") or "—"
        key = (c["date"][:7], p if p in colour else "khác")
        cells[key] = cells.get(key, 0) + 1
    totals = {m: sum(v for (mm, _), v in cells.items() if mm == m) for m in months}
    top = max(totals.values()) or 1
    left, right, top_pad, bottom = 40, 150, 20, 50
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    bar = plot_w / len(months)
    parts = [f'<svg class="vnp-chart vnp-chart-months" xmlns="http://www.w3.org/2000/svg" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="Số bài trích dẫn theo tháng và tỉnh">',
             "<title>Số bài trích dẫn theo tháng, theo tỉnh</title>",
             f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{left + plot_w}" y2="{top_pad + plot_h}" stroke="#333"/>']
    for tick in sorted({0, top, (top + 1) // 2}):
        y = top_pad + plot_h - plot_h * tick / top
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{tick}</text>')
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#eee"/>')
    step = max(1, len(months) // 12)
    for i, month in enumerate(months):
        x = left + i * bar
        y = top_pad + plot_h
        for p in [*series, "khác"]:
            n = cells.get((month, p), 0)
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            parts.append(f'<rect class="vnp-bar" x="{x + 1:.1f}" y="{y:.1f}" width="{max(bar - 2, 1):.1f}" '
                         f'height="{h:.1f}" fill="{colour.get(p, OTHER)}" data-month="{month}" '
                         f'data-province="{_e(p)}" data-count="{n}"><title>{_e(p)}, {month}: {n}</title></rect>')
        if i % step == 0:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{top_pad + plot_h + 16}" text-anchor="middle" '
                         f'font-size="10">{month[5:]}/{month[2:4]}</text>')
    for i, p in enumerate([*series, *(["khác"] if len(ranked) > len(series) else [])]):
        y = top_pad + i * 18
        parts.append(f'<rect x="{left + plot_w + 12}" y="{y}" width="12" height="12" fill="{colour.get(p, OTHER)}"/>')
        parts.append(f'<text class="vnp-legend" x="{left + plot_w + 30}" y="{y + 10}" font-size="12">{_e(p)} '
                     f'({counts.get(p, sum(counts[q] for q in ranked[len(series):])) })</text>')
    parts.append("</svg>")
    return "".join(parts)


def citations_by_province(citations: list[dict], width: int = 760) -> str:
    """Horizontal bars: citing articles per province, with the first citation's date."""
    rows: dict[str, list[str]] = {}
    for c in citations:
        rows.setdefault(c.get("province") or "—", []).append(c.get("date") or "")
    ranked = sorted(rows, key=lambda p: (-len(rows[p]), p))[:30]
    height = 24 + 22 * len(ranked)
    top = max((len(rows[p]) for p in ranked), default=1)
    left, plot_w = 140, width - 140 - 170
    parts = [f'<svg class="vnp-chart vnp-chart-provinces" xmlns="http://www.w3.org/2000/svg" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="Số bài trích dẫn theo tỉnh">',
             "<title>Số bài trích dẫn theo tỉnh</title>"]
    for i, p in enumerate(ranked):
        y = 12 + i * 22
        w = plot_w * len(rows[p]) / top
        first = min((d for d in rows[p] if d), default="")
        parts.append(f'<text x="{left - 6}" y="{y + 13}" text-anchor="end" font-size="12">{_e(p)}</text>')
        parts.append(f'<rect class="vnp-bar" x="{left}" y="{y}" width="{max(w, 1):.1f}" height="16" '
                     f'fill="{PALETTE[i % len(PALETTE)]}" data-province="{_e(p)}" data-count="{len(rows[p])}"/>')
        parts.append(f'<text x="{left + w + 6:.1f}" y="{y + 13}" font-size="11">{len(rows[p])}'
                     f'{" · từ " + _e(first) if first else ""}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _day(value) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def career_timeline(positions: list[dict], width: int = 760, today: str | None = None) -> str:
    """One row per position: a bar from start to end (or to its last evidence, open-ended posts
    reaching the right edge with an arrow); posts known only as held or former are dots."""
    days = [d for p in positions for d in (_day(p.get("start")), _day(p.get("end")), _day(p.get("first_seen")),
                                            _day(p.get("last_seen"))) if d]
    if not days:
        days = [_dt.date.today()]
    lo = min(days).replace(day=1)
    hi = max(max(days), _day(today) or max(days)) + _dt.timedelta(days=31)
    span = max((hi - lo).days, 1)
    left, plot_w = 260, width - 260 - 20
    height = 40 + 26 * len(positions)

    def x(d: _dt.date) -> float:
        return left + plot_w * (d - lo).days / span

    parts = [f'<svg class="vnp-chart vnp-timeline" xmlns="http://www.w3.org/2000/svg" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="Quá trình công tác">',
             "<title>Quá trình công tác</title>"]
    for year in range(lo.year, hi.year + 1):
        d = max(_dt.date(year, 1, 1), lo)
        if d <= hi and (d.month == 1 or year == lo.year):
            parts.append(f'<line x1="{x(d):.1f}" y1="8" x2="{x(d):.1f}" y2="{height - 18}" stroke="#ddd"/>'
                         f'<text x="{x(d):.1f}" y="{height - 4}" font-size="11" text-anchor="middle">{year}</text>')
    for i, p in enumerate(positions):
        y = 14 + i * 26
        label = " ".join(v for v in (p.get("title"), p.get("organization")) if v)
        parts.append(f'<text x="{left - 8}" y="{y + 12}" text-anchor="end" font-size="12">{_e(label[:42])}</text>')
        start, end = _day(p.get("start")), _day(p.get("end"))
        colour = PALETTE[i % len(PALETTE)]
        if start:
            stop = end or hi
            parts.append(f'<rect class="vnp-spell" x="{x(start):.1f}" y="{y}" width="{max(x(stop) - x(start), 3):.1f}" '
                         f'height="16" rx="3" fill="{colour}" data-start="{start}" data-end="{end or ""}">'
                         f'<title>{_e(label)}: {start} → {end or "nay"}</title></rect>')
            parts.append(f'<text x="{x(start) + 4:.1f}" y="{y + 12}" font-size="10" fill="#fff">{start}</text>')
        else:
            for d in {_day(p.get("first_seen")), _day(p.get("last_seen")), end} - {None}:
                parts.append(f'<circle class="vnp-seen" cx="{x(d):.1f}" cy="{y + 8}" r="5" fill="{colour}" '
                             f'data-date="{d}"><title>{_e(label)}: {d}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


def reports_timeline(sources: list[dict], width: int = 760) -> str:
    """When each outlet reported the happening: one dot per article on a time axis, by outlet."""
    dated = [(s, _day(s.get("published"))) for s in sources]
    days = [d for _, d in dated if d]
    outlets = list(dict.fromkeys(s.get("outlet") or "?" for s in sources))
    height = 40 + 24 * len(outlets)
    lo = min(days) - _dt.timedelta(days=1) if days else _dt.date.today()
    hi = max(days) + _dt.timedelta(days=1) if days else lo + _dt.timedelta(days=2)
    span = max((hi - lo).days, 1)
    left, plot_w = 200, width - 200 - 40
    parts = [f'<svg class="vnp-chart vnp-reports" xmlns="http://www.w3.org/2000/svg" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="Các cơ quan báo chí đưa tin">',
             "<title>Các cơ quan báo chí đưa tin, theo ngày</title>"]
    d = lo
    while d <= hi:
        xx = left + plot_w * (d - lo).days / span
        parts.append(f'<line x1="{xx:.1f}" y1="6" x2="{xx:.1f}" y2="{height - 18}" stroke="#eee"/>'
                     f'<text x="{xx:.1f}" y="{height - 4}" font-size="10" text-anchor="middle">{d:%d/%m}</text>')
        d += _dt.timedelta(days=max(1, span // 10))
    for s, day in dated:
        i = outlets.index(s.get("outlet") or "?")
        y = 14 + i * 24
        if day is None:
            continue
        xx = left + plot_w * (day - lo).days / span
        parts.append(f'<circle class="vnp-report" cx="{xx:.1f}" cy="{y + 6}" r="6" '
                     f'fill="{OTHER if s.get("duplicate_of") else PALETTE[i % len(PALETTE)]}" '
                     f'data-outlet="{_e(s.get("outlet"))}" data-date="{day}"><title>{_e(s.get("outlet"))}: {day}'
                     f'{" (bản sao)" if s.get("duplicate_of") else ""}</title></circle>')
    for i, outlet in enumerate(outlets):
        parts.append(f'<text x="{left - 10}" y="{14 + i * 24 + 10}" text-anchor="end" font-size="12">{_e(outlet)}</text>')
    parts.append("</svg>")
    return "".join(parts)
