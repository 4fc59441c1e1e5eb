"""`vnpolicy demo`'s event table: readable at 80 columns (whole dates, types, provinces; titles wrapped)."""
from __future__ import annotations

import io

import pytest
from rich.console import Console

from demo import events_table

ROWS = [
    {"date": "2025-11-13", "type": "council_session", "province": "Thành phố Hồ Chí Minh",
     "officials": "Nguyễn Văn Được; Trần Thị Mai Hương", "documents": "1719/QĐ-TTg; 05/2011/NĐ-CP",
     "title": "Kỳ họp thứ 12 Hội đồng nhân dân thành phố khóa X xem xét các nghị quyết về đầu tư công"},
    {"date": "2025-07-02", "type": "training", "province": "Lai Châu", "officials": "", "documents": "",
     "title": "Tập huấn chuyển đổi số cho cán bộ cấp xã"},
]


def render(width: int) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    console.print(events_table(ROWS, 2, "demo.db", width))
    return console.file.getvalue()


@pytest.mark.parametrize("width", [80, 100, 140, 200])
def test_table_is_readable_at_common_widths(width):
    text = render(width)
    assert max(len(line) for line in text.splitlines()) <= width
    for row in ROWS:
        for column in ("date", "type", "province"):
            assert row[column] in text  # never blanked or cut
        words = " ".join(text.split())
        for word in row["title"].split():
            assert word in words  # wrapped, not cut


def test_lists_come_in_when_there_is_room():
    assert "Nguyễn Văn Được" not in render(80)
    assert "Nguyễn Văn Được" in render(140)
    assert "05/2011/NĐ-CP" in render(200)
