"""Pictures of the interview plan and of skill mastery, as accessible inline SVG strings.

Pure, standard library only, built on :mod:`app.stats.charts_svg` (which escapes every
piece of text). Each picture carries its own text alternative (``<title>``/``<desc>``);
the pages also print the figures. Styles: ``static/css/plan.css`` and ``CHART_CSS``.
"""

from collections.abc import Sequence
from datetime import date

from app.stats.charts_svg import empty_chart, esc, finite, hline, num, svg, text


def _percent(value: float) -> str:
    return f"{round(100 * finite(value))} %"


def _polyline(xs: Sequence[float], ys: Sequence[float], cls: str) -> str:
    coords = " ".join(f"{num(x)},{num(y)}" for x, y in zip(xs, ys, strict=True))
    return f'<polyline class="{cls}" points="{coords}" fill="none" stroke="currentColor"/>'


def readiness_chart(
    points: Sequence[date],
    plan: Sequence[float],
    if_you_stop: Sequence[float],
    *,
    title: str = "Readiness until the interview",
) -> str:
    """Readiness day by day up to the interview (the last point): following the plan
    (solid) and with no more study (dashed), on a 0–100 % axis."""
    if not points:
        return empty_chart("plan", title, "No interview date")
    left, top, plot_w, plot_h = 34, 20, 310, 110
    base, n = top + plot_h, len(points)
    xs = [left + (plot_w * i / (n - 1) if n > 1 else plot_w) for i in range(n)]

    def y_of(value: float) -> float:
        return base - plot_h * min(1.0, max(0.0, finite(value)))

    body = []
    for fraction in (0.0, 0.5, 1.0):
        y = base - plot_h * fraction
        body.append(hline(left, left + plot_w, y, cls="chart-grid" if fraction else "chart-axis"))
        body.append(
            text(left - 4, y + 3, f"{round(100 * fraction)}%", cls="chart-label", anchor="end")
        )
    if n > 1:
        body.append(_polyline(xs, [y_of(v) for v in if_you_stop], "chart-line-stop"))
        body.append(_polyline(xs, [y_of(v) for v in plan], "chart-line"))
    for x, day, value in zip(xs, points, plan, strict=True):
        body.append(
            f'<circle class="chart-point" cx="{num(x)}" cy="{num(y_of(value))}" r="2.5">'
            f"<title>{esc(day.isoformat())}: {esc(_percent(value))}</title></circle>"
        )
    body.append(text(left, base + 14, points[0].isoformat(), cls="chart-label"))
    if n > 1:
        body.append(
            text(left + plot_w, base + 14, points[-1].isoformat(), cls="chart-label", anchor="end")
        )
    body.append(text(left, 10, "— with the plan", cls="chart-label"))
    body.append(text(left + plot_w, 10, "- - - if you stop now", cls="chart-label", anchor="end"))
    desc = (
        f"Following the plan, readiness goes from {_percent(plan[0])} on "
        f"{points[0].isoformat()} to {_percent(plan[-1])} on the interview day "
        f"{points[-1].isoformat()}; with no more study it would be {_percent(if_you_stop[-1])}."
    )
    return svg("plan", title, desc, left + plot_w + 16, base + 20, body)


def sparkline(values: Sequence[float], *, title: str, desc: str) -> str:
    """A small 0–100 % trend line (a topic's forecast, a template's accuracy by week)."""
    if not values:
        return empty_chart("spark", title)
    width, height, pad = 100.0, 24.0, 2.0
    n = len(values)
    xs = [pad + (width - 2 * pad) * (i / (n - 1) if n > 1 else 0.5) for i in range(n)]
    ys = [height - pad - (height - 2 * pad) * min(1.0, max(0.0, finite(v))) for v in values]
    body = [hline(pad, width - pad, height - pad, cls="chart-axis")]
    if n > 1:
        body.append(_polyline(xs, ys, "chart-line"))
    body.append(f'<circle class="chart-point" cx="{num(xs[-1])}" cy="{num(ys[-1])}" r="2"/>')
    return svg("spark", title, desc, width, height, body).replace(
        'class="chart chart-spark"', 'class="chart-spark"', 1
    )
