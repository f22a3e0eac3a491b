"""Small inline SVG charts: drawn on the server, so a page needs no script to show them."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

WIDTH = 120
HEIGHT = 24


def bars(values: Sequence[int], title: str) -> str:
    """One bar per value (a day), scaled to the largest; an empty baseline when all are zero."""
    top = max(values, default=0)
    step = WIDTH / max(1, len(values))
    rects = []
    for i, v in enumerate(values):
        if v <= 0:
            continue
        h = max(1.0, HEIGHT * v / top)
        rects.append(
            f'<rect x="{i * step:.1f}" y="{HEIGHT - h:.1f}" width="{max(1.0, step - 1):.1f}" height="{h:.1f}"/>'
        )
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f'<line x1="0" y1="{HEIGHT - 0.5}" x2="{WIDTH}" y2="{HEIGHT - 0.5}"/>' + "".join(rects) + "</svg>"
    )
