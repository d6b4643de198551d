"""Low-level building blocks shared by :mod:`app.stats.charts` (standard library only).

Everything here is pure and deterministic: the same input always gives the same string,
and every piece of caller-supplied text goes through :func:`esc` before reaching the SVG.
"""

from __future__ import annotations

import hashlib
import math
from html import escape

SVG_NS = "http://www.w3.org/2000/svg"
CHAR_WIDTH = 5.5  # rough advance of one character at font-size 10, in viewBox units
MIN_TEXT_SCALE = 1.2  # screen pixels per viewBox unit at least: font-size 10 shows as 12 px


def esc(text: object) -> str:
    """Escape ``text`` for use in SVG/HTML text content and double-quoted attributes."""
    return escape(str(text), quote=True)


def finite(value: float) -> float:
    """``value`` as a float, with NaN and infinities replaced by 0."""
    number = float(value)
    return number if math.isfinite(number) else 0.0


def num(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros (``12.5``, ``3``)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def fmt_value(value: float) -> str:
    """A data value for people: whole numbers without decimals, others with one."""
    rounded = round(finite(value), 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def with_unit(value: float, unit: str) -> str:
    """``72%`` for symbols, ``12 cards`` for words, ``12`` without a unit."""
    if not unit:
        return fmt_value(value)
    separator = " " if unit[0].isalnum() else ""
    return f"{fmt_value(value)}{separator}{unit}"


def truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending with an ellipsis when shortened."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def tick_stride(spacing: float, longest_label: int) -> int:
    """Label every Nth tick (N in 1, 2, 5, 10, 20, …) so labels ``spacing`` apart don't overlap."""
    needed = longest_label * CHAR_WIDTH + 4
    stride, multipliers = 1, (2, 2.5, 2)  # 1 → 2 → 5 → 10 → 20 → 50 …
    index = 0
    while stride * spacing < needed:
        stride = int(stride * multipliers[index % 3])
        index += 1
    return stride


def text(x: float, y: float, content: str, *, cls: str, anchor: str = "start") -> str:
    """A ``<text>`` element; ``content`` is escaped here."""
    return (
        f'<text class="{cls}" x="{num(x)}" y="{num(y)}" text-anchor="{anchor}">'
        f"{esc(content)}</text>"
    )


def hline(x1: float, x2: float, y: float, *, cls: str) -> str:
    """A horizontal axis or grid line (faint ``currentColor`` until CSS styles it)."""
    return (
        f'<line class="{cls}" x1="{num(x1)}" y1="{num(y)}" x2="{num(x2)}" y2="{num(y)}" '
        'stroke="currentColor" stroke-opacity="0.35"/>'
    )


def svg(kind: str, title: str, desc: str, width: float, height: float, body: list[str]) -> str:
    """Wrap ``body`` in an accessible, self-contained ``<svg>`` (``title``/``desc`` are escaped).

    The ids are derived from a hash of the content, so they are stable across renders and
    distinct for different charts on one page.
    """
    digest = hashlib.sha1("\0".join([kind, title, desc, *body]).encode()).hexdigest()[:10]
    title_id, desc_id = f"chart-{digest}-title", f"chart-{digest}-desc"
    # A chart with text is never drawn narrower than this (CSS: min-width 100 %, width from
    # here), so its text is at least 12 px; a narrow screen scrolls the chart's box instead.
    least = num(width * MIN_TEXT_SCALE) if "<text" in "".join(body) else "100%"
    head = (
        f'<svg xmlns="{SVG_NS}" class="chart chart-{kind}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" viewBox="0 0 {num(width)} {num(height)}" '
        f'width="{least}" font-size="10" fill="currentColor">'
        f'<title id="{title_id}">{esc(title)}</title><desc id="{desc_id}">{esc(desc)}</desc>'
    )
    return head + "".join(body) + "</svg>"


def empty_chart(kind: str, title: str, message: str = "No data yet") -> str:
    """A small placeholder SVG that says ``message`` instead of drawing a chart."""
    body = [text(180, 34, message, cls="chart-label chart-empty", anchor="middle")]
    return svg(kind, title, f"{message}.", 360, 60, body)
