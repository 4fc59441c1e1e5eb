"""Every chart of the UI, as server-side SVG: no JavaScript, no CDN, readable offline and in a screenshot.

Events per month and per province (home and province pages), and the insight pages' charts:
a document's citations per month (stacked by province) and per province, an official's career
timeline, a happening's reports by outlet.  Every label is XML-escaped; bar charts return
markupsafe `Markup` so templates embed them as is; each data shape carries a class and `data-*`
attributes so tests (and users' scripts) can read the numbers back.
"""
from __future__ import annotations

import datetime as _dt

from markupsafe import Markup, escape

BAR = "#2f6db5"
GRID = "#d9d9d9"
FONT = "font-family=\"system-ui, sans-serif\" font-size=\"12\""


def _ticks(top: int) -> list[int]:
    if top <= 0:
        return [0]
    step = max(1, round(top / 4))
    return list(range(0, top + 1, step))


def _head(width: int, height: int, title: str, x: int) -> list[str]:
    """The opening of a bar chart: the <svg> element, its <title> and the visible heading at `x`."""
    return [f'<svg xmlns="http://www.w3.org/2000/svg" class="vnp-chart" role="img" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" {FONT}>',
            f'<title>{escape(title)}</title>',
            f'<text x="{x}" y="14" font-weight="bold">{escape(title)}</text>']


def month_bars(series: list[tuple[str, int]], width: int = 640, height: int = 220,
               title: str = "Events per month") -> Markup:
    """Vertical bars, one per month (YYYY-MM), months without events shown empty."""
    months = _fill_months([m for m, _ in series])
    counts = dict(series)
    values = [counts.get(m, 0) for m in months]
    top = max(values, default=0)
    left, bottom, right, head = 36, 36, 8, 22
    plot_w, plot_h = width - left - right, height - bottom - head
    parts = _head(width, height, title, left)
    if not months:
        parts.append(f'<text x="{left}" y="{head + plot_h // 2}">No dated events yet</text></svg>')
        return Markup("".join(parts))
    for tick in _ticks(top):
        y = head + plot_h - (plot_h * tick / top if top else 0)
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
                     f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    slot = plot_w / len(months)
    # Few months: every n-th month labelled 03/2025; many: each January labelled with its year.
    by_year = len(months) > 24
    label_every = max(1, -(-len(months) // 12))
    years = 0
    for i, (month, value) in enumerate(zip(months, values, strict=True)):
        h = plot_h * value / top if top else 0
        x = left + i * slot
        bar = min(slot * 0.8, 48)
        parts.append(f'<rect class="vnp-bar" x="{x + (slot - bar) / 2:.1f}" y="{head + plot_h - h:.1f}" '
                     f'width="{bar:.1f}" height="{h:.1f}" fill="{BAR}">'
                     f'<title>{escape(month)}: {value}</title></rect>')
        if by_year and month.endswith("-01"):
            years += 1
            if (years - 1) % max(1, -(-len(months) // (12 * 12))) == 0 and x < width - right - 30:
                parts.append(f'<text x="{x:.1f}" y="{height - bottom + 16}">{escape(month[:4])}</text>'
                             f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{head + plot_h}" y2="{head + plot_h + 5}" '
                             f'stroke="#888"/>')
        elif not by_year and i % label_every == 0:
            parts.append(f'<text x="{x + slot / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle">'
                         f'{escape(_month_label(month))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def province_bars(series: list[tuple[str, int]], width: int = 640, title: str = "Events per province",
                  href=None) -> Markup:
    """Horizontal bars, one per province, most events first; `href(province)` links each label."""
    row, left, head, right = 20, 170, 24, 48
    height = head + row * max(1, len(series)) + 8
    top = max((n for _, n in series), default=0)
    parts = _head(width, height, title, 0)
    if not series:
        parts.append(f'<text x="0" y="{head + 14}">No events with a province yet</text></svg>')
        return Markup("".join(parts))
    for i, (name, value) in enumerate(series):
        y = head + i * row
        w = (width - left - right) * value / top if top else 0
        label = f'<text x="{left - 6}" y="{y + 14}" text-anchor="end">{escape(name)}</text>'
        if href:
            label = f'<a href="{escape(href(name))}">{label}</a>'
        parts.append(label + f'<rect class="vnp-bar" x="{left}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" '
                     f'fill="{BAR}"><title>{escape(name)}: {value}</title></rect>'
                     f'<text x="{left + w + 4:.1f}" y="{y + 14}">{value}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _month_label(month: str) -> str:
    year, _, mm = month.partition("-")
    return f"{mm}/{year}" if mm else month


def _month_range(first: str, last: str, most: int = 120) -> list[str]:
    """Every month (YYYY-MM) from `first` to `last`, so gaps show as gaps; the latest `most` of them."""
    y, mo = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    out = []
    while (y, mo) <= end:
        out.append(f"{y:04d}-{mo:02d}")
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    return out[-most:]


def _fill_months(months: list[str]) -> list[str]:
    """The month range of the valid YYYY-MM values given (at most 120 months, the latest)."""
    valid = sorted(m for m in months if len(m) == 7 and m[:4].isdigit() and m[5:].isdigit() and 1 <= int(m[5:]) <= 12)
    return _month_range(valid[0], valid[-1]) if valid else []


# --- the insight pages: documents' reach, careers, reports of one happening ---------------------

PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf"]
OTHER = "#c7c7c7"
MAX_SERIES = len(PALETTE)  # provinces beyond these are summed as "khác" (other)






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
    months = _month_range(min(c["date"] for c in dated)[:7], max(c["date"] for c in dated)[:7])
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
                         f'data-province="{escape(p)}" data-count="{n}"><title>{escape(p)}, {month}: {n}</title></rect>')
        if i % step == 0:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{top_pad + plot_h + 16}" text-anchor="middle" '
                         f'font-size="10">{month[5:]}/{month[2:4]}</text>')
    for i, p in enumerate([*series, *(["khác"] if len(ranked) > len(series) else [])]):
        y = top_pad + i * 18
        parts.append(f'<rect x="{left + plot_w + 12}" y="{y}" width="12" height="12" fill="{colour.get(p, OTHER)}"/>')
        parts.append(f'<text class="vnp-legend" x="{left + plot_w + 30}" y="{y + 10}" font-size="12">{escape(p)} '
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
        parts.append(f'<text x="{left - 6}" y="{y + 13}" text-anchor="end" font-size="12">{escape(p)}</text>')
        parts.append(f'<rect class="vnp-bar" x="{left}" y="{y}" width="{max(w, 1):.1f}" height="16" '
                     f'fill="{PALETTE[i % len(PALETTE)]}" data-province="{escape(p)}" data-count="{len(rows[p])}"/>')
        parts.append(f'<text x="{left + w + 6:.1f}" y="{y + 13}" font-size="11">{len(rows[p])}'
                     f'{" · từ " + escape(first) if first else ""}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _day(value) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _today() -> _dt.date:
    """Today in UTC, from the project's one clock (store.clock)."""
    from store import clock
    return clock.utcnow().date()


def career_timeline(positions: list[dict], width: int = 760, today: str | None = None) -> str:
    """One row per position: a bar from start to end (or to its last evidence, open-ended posts
    reaching the right edge with an arrow); posts known only as held or former are dots."""
    days = [d for p in positions for d in (_day(p.get("start")), _day(p.get("end")), _day(p.get("first_seen")),
                                            _day(p.get("last_seen"))) if d]
    if not days:
        days = [_today()]
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
        parts.append(f'<text x="{left - 8}" y="{y + 12}" text-anchor="end" font-size="12">{escape(label[:42])}</text>')
        start, end = _day(p.get("start")), _day(p.get("end"))
        colour = PALETTE[i % len(PALETTE)]
        if start:
            stop = end or hi
            parts.append(f'<rect class="vnp-spell" x="{x(start):.1f}" y="{y}" width="{max(x(stop) - x(start), 3):.1f}" '
                         f'height="16" rx="3" fill="{colour}" data-start="{start}" data-end="{end or ""}">'
                         f'<title>{escape(label)}: {start} → {end or "nay"}</title></rect>')
            parts.append(f'<text x="{x(start) + 4:.1f}" y="{y + 12}" font-size="10" fill="#fff">{start}</text>')
        else:
            for d in {_day(p.get("first_seen")), _day(p.get("last_seen")), end} - {None}:
                parts.append(f'<circle class="vnp-seen" cx="{x(d):.1f}" cy="{y + 8}" r="5" fill="{colour}" '
                             f'data-date="{d}"><title>{escape(label)}: {d}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


def reports_timeline(sources: list[dict], width: int = 760) -> str:
    """When each outlet reported the happening: one dot per article on a time axis, by outlet."""
    dated = [(s, _day(s.get("published"))) for s in sources]
    days = [d for _, d in dated if d]
    outlets = list(dict.fromkeys(s.get("outlet") or "?" for s in sources))
    height = 40 + 24 * len(outlets)
    lo = min(days) - _dt.timedelta(days=1) if days else _today()
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
                     f'data-outlet="{escape(s.get("outlet"))}" data-date="{day}"><title>{escape(s.get("outlet"))}: {day}'
                     f'{" (bản sao)" if s.get("duplicate_of") else ""}</title></circle>')
    for i, outlet in enumerate(outlets):
        parts.append(f'<text x="{left - 10}" y="{14 + i * 24 + 10}" text-anchor="end" font-size="12">{escape(outlet)}</text>')
    parts.append("</svg>")
    return "".join(parts)
