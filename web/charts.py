"""Server-side SVG bar charts: no JavaScript, no CDN, readable offline and in a screenshot.

Every label is XML-escaped; the SVG is returned as markupsafe `Markup` so templates
embed it as is.
"""
from __future__ import annotations

from markupsafe import Markup, escape

BAR = "#2f6db5"
GRID = "#d9d9d9"
FONT = "font-family=\"system-ui, sans-serif\" font-size=\"12\""


def _ticks(top: int) -> list[int]:
    if top <= 0:
        return [0]
    step = max(1, round(top / 4))
    return list(range(0, top + 1, step))


def month_bars(series: list[tuple[str, int]], width: int = 640, height: int = 220,
               title: str = "Events per month") -> Markup:
    """Vertical bars, one per month (YYYY-MM), months without events shown empty."""
    months = _fill_months([m for m, _ in series])
    counts = dict(series)
    values = [counts.get(m, 0) for m in months]
    top = max(values, default=0)
    left, bottom, right, head = 36, 36, 8, 22
    plot_w, plot_h = width - left - right, height - bottom - head
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="vnp-chart" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" {FONT}>',
             f'<title>{escape(title)}</title>',
             f'<text x="{left}" y="14" font-weight="bold">{escape(title)}</text>']
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
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="vnp-chart" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" {FONT}>',
             f'<title>{escape(title)}</title>',
             f'<text x="0" y="14" font-weight="bold">{escape(title)}</text>']
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


def _fill_months(months: list[str]) -> list[str]:
    """Every month from the first to the last given, so gaps show as gaps (at most 120 months, the latest)."""
    valid = sorted(m for m in months if len(m) == 7 and m[:4].isdigit() and m[5:].isdigit() and 1 <= int(m[5:]) <= 12)
    if not valid:
        return []
    y, mo = int(valid[0][:4]), int(valid[0][5:])
    last = (int(valid[-1][:4]), int(valid[-1][5:]))
    out = []
    while (y, mo) <= last:
        out.append(f"{y:04d}-{mo:02d}")
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    return out[-120:]
