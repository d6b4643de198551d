"""Charts for the stats page, drawn as accessible, self-contained inline SVG strings.

Pure functions, standard library only. The output is meant for ``{{ svg|safe }}`` in a
Jinja template, so every piece of caller-supplied text is escaped here. Nothing needs
scripts or external resources (CSP-friendly). Colours come from CSS classes defined in
:data:`CHART_CSS`; SVG presentation attributes based on ``currentColor`` keep the charts
legible (light and dark) even before that stylesheet is loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta

from app.stats.charts_svg import (
    empty_chart,
    esc,
    finite,
    fmt_value,
    hline,
    num,
    svg,
    text,
    tick_stride,
    truncate,
    with_unit,
)

__all__ = ["CHART_CSS", "bar_chart", "calendar_heatmap", "horizontal_bars", "line_chart"]

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LEVEL_OPACITY = ("0.1", "0.3", "0.5", "0.75", "1")  # fallback when CHART_CSS is missing
CELL, STEP = 11, 13  # heatmap cell size and pitch

CHART_CSS = """\
/* Charts (app.stats.charts) */
:root { --chart-1: #c7d2fe; --chart-2: #818cf8; --chart-3: #4f46e5; --chart-4: #312e81; }
@media (prefers-color-scheme: dark) {
  :root { --chart-1: #3730a3; --chart-2: #4f46e5; --chart-3: #818cf8; --chart-4: #c7d2fe; }
}
.chart-box { max-width: 40rem; }
.chart { display: block; min-width: 100%; height: auto; margin: .5rem 0 1rem; }
.chart-level-0 { fill: var(--border, #d9dce6); fill-opacity: 1; }
.chart-level-1 { fill: var(--chart-1); fill-opacity: 1; }
.chart-level-2 { fill: var(--chart-2); fill-opacity: 1; }
.chart-level-3 { fill: var(--chart-3); fill-opacity: 1; }
.chart-level-4 { fill: var(--chart-4); fill-opacity: 1; }
.chart-today { stroke: currentColor; stroke-width: 1.5; }
.chart-bar { fill: var(--chart-3); fill-opacity: 1; }
.chart-highlight { fill: var(--chart-4); }
.chart-track { fill: var(--border, #d9dce6); fill-opacity: .6; }
.chart-axis { stroke: var(--muted, #555b6e); stroke-opacity: .5; }
.chart-grid { stroke: var(--border, #d9dce6); stroke-opacity: 1; }
.chart-label { fill: var(--muted, #555b6e); }
.chart-value { fill: currentColor; font-size: 10px; }
.chart-line { fill: none; stroke: var(--chart-3); stroke-width: 2; }
.chart-point { fill: var(--chart-3); stroke: var(--bg, #fff); stroke-width: 1; }
.chart-empty { font-size: 14px; }
/* Mastery per topic: HTML, so names and notes wrap instead of being cut short */
.topic-mastery { list-style: none; padding: 0; margin: .5rem 0 1rem; display: grid; gap: .6rem; }
.topic-mastery li { display: grid; grid-template-columns: minmax(0, 2fr) 8rem minmax(0, 3fr);
  gap: .2rem 1rem; align-items: center; }
.topic-mastery-name, .topic-mastery-note { min-width: 0; overflow-wrap: anywhere; }
.topic-mastery-bar { display: block; height: .8rem; border-radius: 3px; overflow: hidden;
  background: var(--border, #d9dce6); }
.topic-mastery-bar > span { display: block; height: 100%; background: var(--chart-3); }
@media (max-width: 40rem) {
  .topic-mastery li { grid-template-columns: minmax(0, 1fr) 5rem; }
  .topic-mastery-note { grid-column: 1 / -1; }
}
"""


def calendar_heatmap(
    counts: Mapping[date, int], *, end: date, weeks: int = 26, title: str = "Reviews per day"
) -> str:
    """GitHub-style grid of daily counts: one column per week (rows Monday..Sunday).

    Ends on ``end`` (outlined as today; later days in that week are not drawn). Non-zero
    days get levels 1-4 by quantiles of the non-zero counts in range, the busiest day 4.
    """
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    start = end - timedelta(days=end.weekday() + 7 * (weeks - 1))
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    values = [max(0, int(counts.get(day, 0))) for day in days]
    level_of = _levels(values)
    left, top = 28, 16
    body = _month_labels(start, weeks, left) + [
        text(0, top + row * STEP + 9, name, cls="chart-label")
        for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri"))
    ]
    for index, (day, count) in enumerate(zip(days, values, strict=True)):
        level = level_of(count)
        cls = f"chart-level-{level}" + (" chart-today" if day == end else "")
        outline = ' stroke="currentColor"' if day == end else ""
        noun = "review" if count == 1 else "reviews"
        body.append(
            f'<rect class="{cls}" x="{left + index // 7 * STEP}" y="{top + day.weekday() * STEP}" '
            f'width="{CELL}" height="{CELL}" rx="2" fill-opacity="{LEVEL_OPACITY[level]}"{outline}>'
            f"<title>{count} {noun} on {day.isoformat()}</title></rect>"
        )
    busiest = max(range(len(days)), key=lambda i: values[i])
    desc = (
        f"{sum(values)} reviews on {sum(v > 0 for v in values)} of {len(days)} days "
        f"from {start.isoformat()} to {end.isoformat()}; darker cells mean more reviews."
    )
    if values[busiest]:
        desc += f" Busiest day: {days[busiest].isoformat()} with {values[busiest]}."
    return svg("heatmap", title, desc, left + weeks * STEP + 10, top + 7 * STEP, body)


def _levels(values: Sequence[int]) -> Callable[[int], int]:
    """Map a count to 0 (none) or 1-4 by quartiles of the non-zero ``values``; max → 4."""
    nonzero = sorted(v for v in values if v > 0)
    cuts = [nonzero[int(q * (len(nonzero) - 1))] for q in (0.25, 0.5, 0.75)] if nonzero else []
    top = nonzero[-1] if nonzero else 0

    def level(count: int) -> int:
        if count <= 0:
            return 0
        return 4 if count >= top else 1 + sum(count > cut for cut in cuts)

    return level


def _month_labels(start: date, weeks: int, left: int) -> list[str]:
    """Month names above the first column whose Monday falls in a new month."""
    mondays = [start + timedelta(weeks=c) for c in range(weeks)]
    columns = [c for c in range(weeks) if c == 0 or mondays[c].month != mondays[c - 1].month]
    if len(columns) > 1 and columns[1] < 3:  # no room for the partial first month
        columns = columns[1:]
    return [
        text(left + c * STEP, 10, MONTHS[mondays[c].month - 1], cls="chart-label") for c in columns
    ]


def bar_chart(
    values: Sequence[tuple[str, float]],
    *,
    title: str,
    unit: str = "",
    max_value: float | None = None,
    highlight_first: bool = False,
) -> str:
    """Vertical bars (e.g. the 30-day due forecast) with value labels and a baseline.

    Bar heights are relative to ``max_value`` (default: the largest value); negative values
    draw as 0, values above ``max_value`` are clipped. Tick labels thin out for many bars.
    """
    if max_value is not None and max_value <= 0:
        raise ValueError("max_value must be positive")
    if not values:
        return empty_chart("barchart", title)
    data = [(str(label), max(0.0, finite(value))) for label, value in values]
    scale = max_value or max(v for _, v in data) or 1.0
    step = max(8.0, min(32.0, 360 / len(data)))
    pad, top, plot_h = 16, 14, 100
    base = top + plot_h
    stride = tick_stride(step, max(len(label) for label, _ in data))
    right = pad + len(data) * step
    body = [hline(pad, right, base, cls="chart-axis")]
    for i, (label, value) in enumerate(data):
        height, centre = plot_h * min(value, scale) / scale, pad + (i + 0.5) * step
        cls = "chart-bar chart-highlight" if highlight_first and i == 0 else "chart-bar"
        body.append(
            f'<rect class="{cls}" x="{num(centre - step * 0.35)}" y="{num(base - height)}" '
            f'width="{num(step * 0.7)}" height="{num(height)}">'
            f"<title>{esc(label)}: {esc(with_unit(value, unit))}</title></rect>"
        )
        if value > 0:
            top_y = base - height - 3
            body.append(text(centre, top_y, fmt_value(value), cls="chart-value", anchor="middle"))
        if i % stride == 0:
            body.append(text(centre, base + 12, label, cls="chart-label", anchor="middle"))
    return svg("barchart", title, _bar_desc(data, unit), right + pad, base + 18, body)


def _bar_desc(data: Sequence[tuple[str, float]], unit: str) -> str:
    """Text alternative for :func:`bar_chart`: range, total and the highest bar."""
    peak_label, peak = max(data, key=lambda item: item[1])
    return (
        f"{len(data)} bars from {data[0][0]} to {data[-1][0]}; total "
        f"{with_unit(sum(v for _, v in data), unit)}; highest: {peak_label} with "
        f"{with_unit(peak, unit)}."
    )


def horizontal_bars(
    rows: Sequence[tuple[str, float, str]], *, title: str, max_value: float = 1.0
) -> str:
    """One row per item: name, a bar of length ``value / max_value`` and a right-hand note.

    Long names and notes are shortened on screen; each row's ``<title>`` keeps them whole.
    """
    if max_value <= 0:
        raise ValueError("max_value must be positive")
    if not rows:
        return empty_chart("hbars", title)
    label_w, track_w, note_w, row_h, bar_h = 120, 160, 140, 24, 14
    body = []
    for i, (label, value, note) in enumerate(rows):
        y = 4 + i * row_h
        width = track_w * min(1.0, max(0.0, finite(value) / max_value))
        body.append(
            f'<g class="chart-row"><title>{esc(label)}: {esc(note)}</title>'
            + text(0, y + 11, truncate(str(label), 20), cls="chart-name")
            + f'<rect class="chart-track" x="{label_w}" y="{y}" width="{track_w}" '
            f'height="{bar_h}" rx="3" fill-opacity="0.15"/>'
            f'<rect class="chart-bar" x="{label_w}" y="{y}" width="{num(width)}" '
            f'height="{bar_h}" rx="3"/>'
            + text(label_w + track_w + 8, y + 11, truncate(str(note), 24), cls="chart-label")
            + "</g>"
        )
    desc = "; ".join(f"{label}: {note}" for label, _, note in rows) + "."
    return svg("hbars", title, desc, label_w + track_w + 8 + note_w, 8 + len(rows) * row_h, body)


def line_chart(
    points: Sequence[tuple[str, float]], *, title: str, y_max: float = 100.0, unit: str = "%"
) -> str:
    """A trend line (e.g. mock-interview scores) with a tooltip on every point.

    The y axis runs from 0 to ``y_max``; no points gives a "No data yet" placeholder.
    """
    if y_max <= 0:
        raise ValueError("y_max must be positive")
    if not points:
        return empty_chart("linechart", title)
    data = [(str(label), finite(value)) for label, value in points]
    left, top, plot_w, plot_h = 40, 10, 340, 120
    base, n = top + plot_h, len(data)
    gap = plot_w / (n - 1) if n > 1 else plot_w
    xs = [left + (i * gap if n > 1 else plot_w / 2) for i in range(n)]
    ys = [base - plot_h * min(1.0, max(0.0, v / y_max)) for _, v in data]
    body = []
    for fraction in (0.0, 0.5, 1.0):
        y, tick = base - plot_h * fraction, with_unit(y_max * fraction, unit)
        body.append(hline(left, left + plot_w, y, cls="chart-grid" if fraction else "chart-axis"))
        body.append(text(left - 6, y + 3, tick, cls="chart-label", anchor="end"))
    if n > 1:
        coords = " ".join(f"{num(x)},{num(y)}" for x, y in zip(xs, ys, strict=True))
        body.append(
            f'<polyline class="chart-line" points="{coords}" '
            'fill="none" stroke="currentColor" stroke-width="2"/>'
        )
    stride = tick_stride(gap, max(len(label) for label, _ in data))
    for i, ((label, value), x, y) in enumerate(zip(data, xs, ys, strict=True)):
        body.append(
            f'<circle class="chart-point" cx="{num(x)}" cy="{num(y)}" r="3.5">'
            f"<title>{esc(label)}: {esc(with_unit(value, unit))}</title></circle>"
        )
        if i % stride == 0:
            body.append(text(x, base + 14, label, cls="chart-label", anchor="middle"))
    return svg("linechart", title, _line_desc(data, unit), left + plot_w + 32, base + 22, body)


def _line_desc(data: Sequence[tuple[str, float]], unit: str) -> str:
    """Text alternative for :func:`line_chart`: range, latest, best and lowest values."""
    values = [v for _, v in data]
    if len(data) == 1:
        return f"1 point: {data[0][0]} with {with_unit(values[0], unit)}."
    return (
        f"{len(data)} points from {data[0][0]} to {data[-1][0]}; latest "
        f"{with_unit(values[-1], unit)}, best {with_unit(max(values), unit)}, lowest "
        f"{with_unit(min(values), unit)}."
    )
