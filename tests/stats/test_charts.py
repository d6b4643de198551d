"""Tests for the stats page's inline SVG charts (app.stats.charts)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from app.stats.charts import (
    CHART_CSS,
    bar_chart,
    calendar_heatmap,
    horizontal_bars,
    line_chart,
)
from app.stats.charts_svg import fmt_value, tick_stride, truncate, with_unit

NS = "{http://www.w3.org/2000/svg}"
END = date(2026, 11, 25)  # a Wednesday
EVIL = '<script>alert(1)</script>&"'


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def find_all(root: ET.Element, tag: str, cls: str | None = None) -> list[ET.Element]:
    found = root.iter(f"{NS}{tag}")
    return [e for e in found if cls is None or cls in e.get("class", "").split()]


def texts(root: ET.Element, cls: str) -> list[str]:
    return [e.text or "" for e in find_all(root, "text", cls)]


def tooltip(element: ET.Element) -> str:
    title = element.find(f"{NS}title")
    assert title is not None
    return title.text or ""


def rect_of_day(root: ET.Element, day: date) -> ET.Element:
    suffix = f" on {day.isoformat()}"
    (rect,) = [r for r in find_all(root, "rect") if tooltip(r).endswith(suffix)]
    return rect


def level(rect: ET.Element) -> int:
    (cls,) = [c for c in rect.get("class", "").split() if c.startswith("chart-level-")]
    return int(cls.removeprefix("chart-level-"))


SAMPLE_COUNTS = {END - timedelta(days=i): (i * 7) % 11 for i in range(0, 120, 2)}
FORECAST = [("Today", 12.0)] + [(f"+{i}", float(i % 7)) for i in range(1, 30)]
MASTERY = [("CNNs", 0.72, "72 % · 18/25 cards"), ("RNNs", 0.5, "50 % · 5/10 cards")]
SCORES = [(f"2026-11-{1 + 2 * i:02d}", float(40 + 6 * i)) for i in range(10)]

CHARTS: dict[str, Callable[[], str]] = {
    "heatmap": lambda: calendar_heatmap(SAMPLE_COUNTS, end=END),
    "heatmap-empty": lambda: calendar_heatmap({}, end=END, weeks=1),
    "bar": lambda: bar_chart(FORECAST, title="Due", unit="cards", highlight_first=True),
    "bar-empty": lambda: bar_chart([], title="Due"),
    "hbars": lambda: horizontal_bars(MASTERY, title="Mastery"),
    "hbars-empty": lambda: horizontal_bars([], title="Mastery"),
    "line": lambda: line_chart(SCORES, title="Scores"),
    "line-one": lambda: line_chart(SCORES[:1], title="Scores"),
    "line-empty": lambda: line_chart([], title="Scores"),
}

EVIL_CHARTS: dict[str, Callable[[], str]] = {
    "heatmap": lambda: calendar_heatmap({END: 1}, end=END, title=EVIL),
    "bar": lambda: bar_chart([(EVIL, 3.0)], title=EVIL, unit=EVIL),
    "bar-empty": lambda: bar_chart([], title=EVIL),
    "hbars": lambda: horizontal_bars([(EVIL, 0.5, EVIL)], title=EVIL),
    "line": lambda: line_chart([(EVIL, 50.0), ("b", 60.0)], title=EVIL, unit=EVIL),
}


# --- every chart -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", CHARTS)
def test_valid_accessible_self_contained_svg(name: str) -> None:
    svg = CHARTS[name]()
    root = parse(svg)
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert re.fullmatch(r"0 0 \d+(\.\d+)? \d+(\.\d+)?", root.get("viewBox", ""))
    # with text, drawn at least 1.2 px per unit (font-size 10 → 12 px); without, any width
    has_text = next(root.iter(f"{NS}text"), None) is not None
    if has_text:
        least = float(root.get("viewBox", "").split()[2]) * 1.2
        assert float(root.get("width")) == pytest.approx(least, abs=0.01)
    else:
        assert root.get("width") == "100%"
    title, desc = root[0], root[1]
    assert (title.tag, desc.tag) == (f"{NS}title", f"{NS}desc")
    assert title.text and desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    lowered = svg.lower()
    for forbidden in ("href", "url(", "<image", "<use", "<script", "<style", "<foreignobject"):
        assert forbidden not in lowered
    assert "style=" not in lowered and "on" + "load" not in lowered


@pytest.mark.parametrize("name", CHARTS)
def test_deterministic(name: str) -> None:
    assert CHARTS[name]() == CHARTS[name]()


def test_ids_differ_between_charts() -> None:
    ids = {parse(make())[0].get("id") for make in CHARTS.values()}
    assert len(ids) == len(CHARTS)


@pytest.mark.parametrize("name", EVIL_CHARTS)
def test_text_is_escaped(name: str) -> None:
    svg = EVIL_CHARTS[name]()
    root = parse(svg)
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert root[0].text == EVIL  # the title round-trips intact


def test_escaped_quotes_do_not_break_attributes() -> None:
    root = parse(horizontal_bars([('a" onclick="x', 0.5, "n")], title="t"))
    assert all(not key.startswith("on") for e in root.iter() for key in e.attrib)


# --- calendar heatmap ------------------------------------------------------------------------


def test_heatmap_one_rect_per_day_up_to_end() -> None:
    root = parse(calendar_heatmap({}, end=END, weeks=26))
    rects = find_all(root, "rect")
    start = date(2026, 6, 1)  # Monday 25 weeks before END's week
    assert len(rects) == (END - start).days + 1 == 25 * 7 + 3
    assert tooltip(rects[0]) == "0 reviews on 2026-06-01"
    assert tooltip(rects[-1]) == "0 reviews on 2026-11-25"
    assert not [r for r in rects if "2026-11-26" in tooltip(r)]


def test_heatmap_full_weeks_when_end_is_sunday() -> None:
    root = parse(calendar_heatmap({}, end=date(2026, 11, 29), weeks=4))
    assert len(find_all(root, "rect")) == 28


def test_heatmap_rows_are_monday_first_and_columns_are_weeks() -> None:
    root = parse(calendar_heatmap({}, end=END, weeks=2))
    monday, tuesday = rect_of_day(root, date(2026, 11, 16)), rect_of_day(root, date(2026, 11, 17))
    next_monday = rect_of_day(root, date(2026, 11, 23))
    assert float(monday.get("y", 0)) < float(tuesday.get("y", 0))
    assert monday.get("x") == tuesday.get("x")
    assert float(next_monday.get("x", 0)) > float(monday.get("x", 0))
    assert monday.get("y") == next_monday.get("y")


def test_heatmap_levels_from_quantiles() -> None:
    counts = {END - timedelta(days=i): n for i, n in enumerate([1, 2, 3, 4, 0])}
    root = parse(calendar_heatmap(counts, end=END))
    assert [level(rect_of_day(root, day)) for day in counts] == [1, 2, 3, 4, 0]
    assert level(rect_of_day(root, END - timedelta(days=30))) == 0


def test_heatmap_extremes_and_monotonic_levels() -> None:
    root = parse(calendar_heatmap(SAMPLE_COUNTS, end=END))
    biggest = max(SAMPLE_COUNTS.values())
    pairs = sorted((n, level(rect_of_day(root, day))) for day, n in SAMPLE_COUNTS.items())
    assert all(lvl == 0 for n, lvl in pairs if n == 0)
    assert all(lvl == 4 for n, lvl in pairs if n == biggest)
    assert all(1 <= lvl <= 4 for n, lvl in pairs if n > 0)
    assert [lvl for _, lvl in pairs] == sorted(lvl for _, lvl in pairs)


def test_heatmap_single_active_day_is_top_level_and_ignores_out_of_range() -> None:
    counts = {END: 3, END - timedelta(days=400): 99, END + timedelta(days=1): 50}
    root = parse(calendar_heatmap(counts, end=END))
    today = rect_of_day(root, END)
    assert level(today) == 4
    assert tooltip(today) == "3 reviews on 2026-11-25"
    assert "3 reviews" in (root[1].text or "")


def test_heatmap_singular_tooltip_and_today_outline() -> None:
    root = parse(calendar_heatmap({END: 1, END - timedelta(days=1): 2}, end=END))
    today = rect_of_day(root, END)
    assert tooltip(today) == "1 review on 2026-11-25"
    assert "chart-today" in (today.get("class") or "")
    outlined = [r for r in find_all(root, "rect") if "chart-today" in (r.get("class") or "")]
    assert outlined == [today]


def test_heatmap_month_and_weekday_labels() -> None:
    root = parse(calendar_heatmap({}, end=END, weeks=26))
    labels = texts(root, "chart-label")
    assert labels[:6] == ["Jun", "Jul", "Aug", "Sep", "Oct", "Nov"]
    assert labels[6:] == ["Mon", "Wed", "Fri"]


def test_heatmap_skips_cramped_first_month_label() -> None:
    root = parse(calendar_heatmap({}, end=date(2026, 3, 4), weeks=8))  # starts Mon 12 Jan
    assert texts(root, "chart-label")[:4] == ["Jan", "Feb", "Mar", "Mon"]
    root = parse(calendar_heatmap({}, end=date(2026, 3, 18), weeks=8))  # starts Mon 26 Jan
    assert texts(root, "chart-label")[:3] == ["Feb", "Mar", "Mon"]


def test_heatmap_rejects_zero_weeks() -> None:
    with pytest.raises(ValueError):
        calendar_heatmap({}, end=END, weeks=0)


# --- bar chart -------------------------------------------------------------------------------


def bar_heights(root: ET.Element) -> list[float]:
    return [float(r.get("height", 0)) for r in find_all(root, "rect", "chart-bar")]


def test_bar_chart_one_bar_per_value_and_tallest_is_max() -> None:
    root = parse(bar_chart(FORECAST, title="Due", unit="cards"))
    bars = find_all(root, "rect", "chart-bar")
    assert len(bars) == len(FORECAST)
    tallest = max(bars, key=lambda r: float(r.get("height", 0)))
    assert tooltip(tallest) == "Today: 12 cards"
    heights = bar_heights(root)
    assert heights[3] == pytest.approx(heights[0] * 3 / 12)


def test_bar_chart_value_labels_only_for_non_zero_bars() -> None:
    root = parse(bar_chart([("a", 2), ("b", 0), ("c", 5.25)], title="t"))
    assert texts(root, "chart-value") == ["2", "5.2"]
    assert len(find_all(root, "line", "chart-axis")) == 1


def test_bar_chart_thins_tick_labels_for_thirty_bars() -> None:
    root = parse(bar_chart(FORECAST, title="Due"))
    labels = texts(root, "chart-label")
    assert labels[0] == "Today"
    assert 3 <= len(labels) <= 10
    assert labels == [FORECAST[i][0] for i in range(0, 30, 5)]
    few = parse(bar_chart(FORECAST[:5], title="Due"))
    assert len(texts(few, "chart-label")) == 5


def test_bar_chart_max_value_highlight_and_clipping() -> None:
    root = parse(bar_chart([("a", 5), ("b", 20), ("c", -3)], title="t", max_value=10))
    assert bar_heights(root)[1] == 2 * bar_heights(root)[0]
    assert bar_heights(root)[2] == 0
    assert not find_all(root, "rect", "chart-highlight")
    root = parse(bar_chart([("a", 1), ("b", 2)], title="t", highlight_first=True))
    assert [tooltip(r) for r in find_all(root, "rect", "chart-highlight")] == ["a: 1"]


def test_bar_chart_all_zero_and_empty() -> None:
    assert bar_heights(parse(bar_chart([("a", 0), ("b", 0)], title="t"))) == [0, 0]
    assert "No data yet" in bar_chart([], title="t")
    with pytest.raises(ValueError):
        bar_chart([("a", 1)], title="t", max_value=0)


# --- horizontal bars -------------------------------------------------------------------------


def widths(root: ET.Element, cls: str) -> list[float]:
    return [float(r.get("width", 0)) for r in find_all(root, "rect", cls)]


def test_horizontal_bar_width_is_proportional() -> None:
    rows = [("a", 0.5, "half"), ("b", 1.0, "full"), ("c", 0.0, "none"), ("d", 0.25, "q")]
    root = parse(horizontal_bars(rows, title="Mastery"))
    track = widths(root, "chart-track")[0]
    assert widths(root, "chart-bar") == [track / 2, track, 0, track / 4]
    assert texts(root, "chart-label") == ["half", "full", "none", "q"]
    assert texts(root, "chart-name") == ["a", "b", "c", "d"]


def test_horizontal_bars_custom_max_and_clipping() -> None:
    rows = [("a", 9, "9/18"), ("b", 40, "40/18"), ("c", -2, "-2")]
    root = parse(horizontal_bars(rows, title="t", max_value=18))
    track = widths(root, "chart-track")[0]
    assert widths(root, "chart-bar") == [track / 2, track, 0]


def test_horizontal_bars_truncate_long_text_but_keep_it_in_tooltips() -> None:
    label = "Transformers and attention mechanisms"
    root = parse(horizontal_bars([(label, 0.3, "30 %")], title="t"))
    shown = texts(root, "chart-name")[0]
    assert shown.endswith("…") and len(shown) <= 20
    (row,) = find_all(root, "g", "chart-row")
    assert tooltip(row) == f"{label}: 30 %"
    assert label in (root[1].text or "")


def test_horizontal_bars_empty_and_bad_max() -> None:
    assert "No data yet" in horizontal_bars([], title="t")
    with pytest.raises(ValueError):
        horizontal_bars([("a", 1, "")], title="t", max_value=0)


# --- line chart ------------------------------------------------------------------------------


def test_line_chart_without_points_says_no_data() -> None:
    root = parse(line_chart([], title="Scores"))
    assert texts(root, "chart-empty") == ["No data yet"]
    assert not find_all(root, "circle") and not find_all(root, "polyline")


def test_line_chart_single_point() -> None:
    root = parse(line_chart([("2026-11-01", 60)], title="Scores"))
    (point,) = find_all(root, "circle")
    assert tooltip(point) == "2026-11-01: 60%"
    assert not find_all(root, "polyline")
    assert "60%" in (root[1].text or "")


def test_line_chart_many_points() -> None:
    root = parse(line_chart(SCORES, title="Scores"))
    circles = find_all(root, "circle")
    assert len(circles) == len(SCORES)
    assert [tooltip(c) for c in circles] == [f"{label}: {fmt_value(v)}%" for label, v in SCORES]
    (line,) = find_all(root, "polyline")
    coords = [tuple(map(float, p.split(","))) for p in (line.get("points") or "").split()]
    assert coords == [(float(c.get("cx", 0)), float(c.get("cy", 0))) for c in circles]
    xs = [x for x, _ in coords]
    assert xs == sorted(xs)
    assert {"0%", "50%", "100%"} <= set(texts(root, "chart-label"))


def test_line_chart_y_scale_and_clamping() -> None:
    points = [("a", 0), ("b", 100), ("c", 50), ("d", 150), ("e", -10)]
    ys = [float(c.get("cy", 0)) for c in find_all(parse(line_chart(points, title="t")), "circle")]
    bottom, top, middle = ys[0], ys[1], ys[2]
    assert top < middle < bottom
    assert middle == pytest.approx((top + bottom) / 2)
    assert (ys[3], ys[4]) == (top, bottom)


def test_line_chart_custom_unit_and_bad_y_max() -> None:
    root = parse(line_chart([("a", 3), ("b", 4)], title="t", y_max=5, unit="pts"))
    assert tooltip(find_all(root, "circle")[0]) == "a: 3 pts"
    assert "5 pts" in texts(root, "chart-label")
    with pytest.raises(ValueError):
        line_chart([("a", 1)], title="t", y_max=0)


# --- CSS and helpers -------------------------------------------------------------------------


def test_chart_css_defines_classes_and_dark_mode() -> None:
    for cls in ("chart-bar", "chart-axis", "chart-label", *(f"chart-level-{i}" for i in range(5))):
        assert f".{cls} " in CHART_CSS
    for var in ("--chart-1", "--chart-2", "--chart-3", "--chart-4", "--muted", "--border"):
        assert var in CHART_CSS
    assert "@media (prefers-color-scheme: dark)" in CHART_CSS
    assert CHART_CSS.count("{") == CHART_CSS.count("}")


def test_formatting_helpers() -> None:
    assert [fmt_value(v) for v in (3, 2.0, 72.46, float("nan"))] == ["3", "2", "72.5", "0"]
    assert with_unit(72, "%") == "72%"
    assert with_unit(12, "cards") == "12 cards"
    assert with_unit(1.5, "") == "1.5"
    assert truncate("abcdef", 4) == "abc…"
    assert truncate("abc", 4) == "abc"
    assert tick_stride(32, 5) == 1
    assert tick_stride(12, 5) == 5
    assert tick_stride(1, 10) == 100
