"""Server-rendered SVG charts (no JavaScript); each is shown beside its data table.

The drawing is 420 units wide with 14-unit text: on a 390 px phone it is drawn at
about 0.85 (12 px text), and the stylesheet caps it at 32rem on a wide screen
(``svg.chart`` in site.css), so the text stays between 12 and 17 px.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, FONT = 420, 14


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def line_chart(
    points: Sequence[tuple[str, float]], *, title: str, top: float = 100.0
) -> SafeString:
    """A line over ``points`` (label, value from 0 to ``top``), oldest first."""
    width, height, pad = WIDTH, 200, 30
    n = len(points)
    inner_w, inner_h = width - 2 * pad, height - 2 * pad
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" preserveAspectRatio="xMidYMid meet">',
        f"<title>{escape(title)}</title>",
    ]
    for mark in (0, 60, 80, 100):
        if mark > top:
            continue
        y = pad + inner_h * (1 - mark / top)
        parts.append(
            f'<line x1="{pad}" x2="{width - pad}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#ccc" stroke-width="1"/>'
            f'<text x="2" y="{y + 5:.1f}" font-size="{FONT}" fill="#333">{mark}</text>'
        )
    coords = []
    for i, (label, value) in enumerate(points):
        x = pad + (inner_w * i / (n - 1) if n > 1 else inner_w / 2)
        y = pad + inner_h * (1 - max(0.0, min(value, top)) / top)
        coords.append((x, y, label, value))
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _l, _v in coords)
        parts.append(
            f'<polyline fill="none" stroke="#1f5fa8" stroke-width="2" points="{path}"/>'
        )
    for x, y, label, value in coords:
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#1f5fa8">'
            f"<title>{escape(label)}: {_num(value)}</title></circle>"
        )
    if coords:
        first, last = coords[0], coords[-1]
        parts.append(
            f'<text x="{pad}" y="{height - 6}" font-size="{FONT}" fill="#333">'
            f"{escape(first[2])}</text>"
        )
        if len(coords) > 1:
            parts.append(
                f'<text x="{width - pad}" y="{height - 6}" font-size="{FONT}" '
                f'fill="#333" text-anchor="end">{escape(last[2])}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)


def bar_chart(
    bars: Sequence[tuple[str, float]], *, title: str, top: float = 100.0, unit: str = ""
) -> SafeString:
    """Horizontal bars (label, value from 0 to ``top``)."""
    row, width = 26, WIDTH
    shown = [(_short(label), value) for label, value in bars]
    # The label column fits the longest label (a CJK character is about one em).
    longest = max((_width(label) for label, _v in shown), default=2)
    label_w = min(8 + longest * FONT, 150)
    height = max(row * len(bars) + 16, 40)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" preserveAspectRatio="xMinYMin meet">',
        f"<title>{escape(title)}</title>",
    ]
    scale = (width - label_w - 50) / top if top else 0
    for i, (label, value) in enumerate(shown):
        y = 8 + i * row
        w = max(0.0, min(value, top)) * scale
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 17}" font-size="{FONT}" fill="#222" '
            f'text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="18" fill="#1f5fa8"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 17}" font-size="{FONT}" fill="#222">'
            f"{_num(value)}{escape(unit)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)


def _short(label: str, most: int = 10) -> str:
    """At most ``most`` characters, the cut marked (the table beside has it whole)."""
    return label if len(label) <= most else label[: most - 1] + "…"


def _width(label: str) -> float:
    """A label's width in ems: a CJK character one, a Latin letter or digit about half."""
    return sum(1.0 if ord(c) > 0x2E7F else 0.6 for c in label)
