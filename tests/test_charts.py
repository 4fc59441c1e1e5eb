"""Server-side SVG charts: well-formed, labels escaped, gaps between months kept, empty data handled."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from web.charts import month_bars, province_bars

SVG = "{http://www.w3.org/2000/svg}"


def test_month_bars_fill_the_gaps_and_parse_as_svg():
    svg = ET.fromstring(str(month_bars([("2025-01", 4), ("2025-04", 2)])))
    bars = svg.findall(f"{SVG}rect")
    assert len(bars) == 4  # January to April, February and March empty
    heights = [float(b.get("height")) for b in bars]
    assert heights[0] == max(heights) and heights[1] == heights[2] == 0 and 0 < heights[3] < heights[0]
    assert [b.find(f"{SVG}title").text for b in bars][1] == "2025-02: 0"


def test_province_bars_escape_labels_and_link_them():
    svg_text = str(province_bars([("<script>x</script>", 3), ("Sơn La", 1)], href=lambda n: f"/p/{n}?a=1&b=2"))
    assert "<script>" not in svg_text
    svg = ET.fromstring(svg_text)
    links = svg.findall(f"{SVG}a")
    assert [a.get("href") for a in links] == ["/p/<script>x</script>?a=1&b=2", "/p/Sơn La?a=1&b=2"]
    widths = [float(r.get("width")) for r in svg.findall(f"{SVG}rect")]
    assert abs(widths[0] - 3 * widths[1]) < 0.5


def test_empty_charts_say_so():
    assert "No dated events yet" in str(month_bars([]))
    assert "No events with a province yet" in str(province_bars([]))
    ET.fromstring(str(month_bars([("not-a-month", 3)])))
