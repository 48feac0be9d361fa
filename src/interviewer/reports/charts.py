"""Vector charts for the PDF reports, drawn with reportlab.graphics shapes."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth

from interviewer.reports.typography import SANS, SANS_BOLD, plain, register_fonts

INK = colors.HexColor("#1F2937")
MUTED = colors.HexColor("#6B7280")
FAINT = colors.HexColor("#E5E7EB")
TRACK = colors.HexColor("#F1F3F6")
ACCENT = colors.HexColor("#1D4ED8")
STRONG = colors.HexColor("#15803D")
MIDDLE = colors.HexColor("#B45309")
WEAK = colors.HexColor("#B91C1C")


Anchor = Literal["start", "middle", "end"]


def band_color(score: float, *, out_of: float = 10) -> Color:
    """Green from 7/10, amber from 5/10, red below."""
    ratio = score / out_of
    return STRONG if ratio >= 0.7 else MIDDLE if ratio >= 0.5 else WEAK


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None: not scored (no evidence for it)


def label_text(text: str) -> str:
    """A chart label on one line: every run of whitespace (line breaks, tabs, thin and
    no-break spaces) one plain space, so words never run together in the drawing or in
    the text read back from it."""
    return " ".join(plain(" ".join(text.split())).split())


def _fit(text: str, width: float, *, size: float) -> str:
    text = label_text(text)
    if stringWidth(text, SANS, size) <= width:
        return text
    while text and stringWidth(text + "…", SANS, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _label_size(text: str, width: float, *, size: float, smallest: float = 6.5) -> float:
    """The label's size: smaller, down to `smallest`, before it would be cut."""
    natural = stringWidth(label_text(text), SANS, size)
    return size if natural <= width else max(smallest, size * width / natural)


def _rect(x: float, y: float, width: float, height: float, color: Color) -> Rect:
    rect = Rect(x, y, width, height, rx=2, ry=2)
    rect.fillColor = color
    rect.strokeColor = None
    return rect


def bar_chart(
    bars: Sequence[Bar], *, width: float, label_width: float = 90, row: float = 20
) -> Drawing:
    """Horizontal bars on a 0-10 scale, one row per bar, the value at the end of each."""
    register_fonts()
    axis = 14.0
    height = row * max(1, len(bars)) + axis
    drawing = Drawing(width, height, initialFontName=SANS)
    left, right = label_width + 6, width - 26
    span = right - left
    for tick in range(0, 11, 2):
        x = left + span * tick / 10
        drawing.add(Line(x, axis - 2, x, height, strokeColor=FAINT, strokeWidth=0.5))
        drawing.add(
            String(
                x, 2, str(tick), fontName=SANS, fontSize=6.5, fillColor=MUTED, textAnchor="middle"
            )
        )
    for index, bar in enumerate(bars):
        y = height - row * (index + 1) + row * 0.22
        thickness = row * 0.56
        middle = y + thickness / 2 - 3
        size = _label_size(bar.label, label_width, size=8)
        drawing.add(
            String(
                label_width,
                middle,
                _fit(bar.label, label_width, size=size),
                fontName=SANS,
                fontSize=size,
                fillColor=INK,
                textAnchor="end",
            )
        )
        drawing.add(_rect(left, y, span, thickness, TRACK))
        if bar.value is None:
            drawing.add(
                String(right + 4, middle, "n/a", fontName=SANS, fontSize=7, fillColor=MUTED)
            )
            continue
        value = max(0.0, min(10.0, bar.value))
        if value > 0:
            drawing.add(_rect(left, y, span * value / 10, thickness, band_color(value)))
        drawing.add(
            String(right + 4, middle, f"{value:.1f}", fontName=SANS_BOLD, fontSize=8, fillColor=INK)
        )
    return drawing


def _on_circle(centre: float, radius: float, degrees: float) -> tuple[float, float]:
    angle = math.radians(degrees)
    return centre + radius * math.cos(angle), centre + radius * math.sin(angle)


def score_dial(score: int, *, size: float = 96) -> Drawing:
    """The overall score as a ring filled clockwise from the top, the number in the middle."""
    register_fonts()
    drawing = Drawing(size, size, initialFontName=SANS)
    centre, radius, thickness = size / 2, size / 2 - 2, size * 0.11
    drawing.add(
        Circle(
            centre,
            centre,
            radius - thickness / 2,
            fillColor=None,
            strokeColor=TRACK,
            strokeWidth=thickness,
        )
    )
    value = max(0, min(100, score))
    if value > 0:
        steps = max(2, round(value * 1.8))
        arc = [
            coordinate
            for step in range(steps + 1)
            for coordinate in _on_circle(
                centre, radius - thickness / 2, 90 - 3.6 * value * step / steps
            )
        ]
        drawing.add(
            PolyLine(
                arc,
                strokeColor=band_color(value, out_of=100),
                strokeWidth=thickness,
                strokeLineCap=1,
            )
        )
    drawing.add(
        String(
            centre,
            centre - size * 0.06,
            str(score),
            fontName=SANS_BOLD,
            fontSize=size * 0.3,
            fillColor=INK,
            textAnchor="middle",
        )
    )
    drawing.add(
        String(
            centre,
            centre - size * 0.21,
            "out of 100",
            fontName=SANS,
            fontSize=size * 0.075,
            fillColor=MUTED,
            textAnchor="middle",
        )
    )
    return drawing


@dataclass(frozen=True)
class TrendPoint:
    label: str
    sublabel: str
    value: float
    current: bool = False


def trend_chart(points: Sequence[TrendPoint], *, width: float, height: float = 150) -> Drawing:
    """Overall score (0-100) per finished interview, oldest left; this interview highlighted."""
    register_fonts()
    drawing = Drawing(width, height, initialFontName=SANS)
    left, right, bottom, top = 28.0, width - 14, 30.0, height - 12
    for tick in (0, 25, 50, 75, 100):
        y = bottom + (top - bottom) * tick / 100
        drawing.add(Line(left, y, right, y, strokeColor=FAINT, strokeWidth=0.5))
        drawing.add(
            String(
                left - 5,
                y - 2.5,
                str(tick),
                fontName=SANS,
                fontSize=6.5,
                fillColor=MUTED,
                textAnchor="end",
            )
        )
    count = len(points)
    step = (right - left) / max(1, count - 1) if count > 1 else 0.0
    xy: list[tuple[float, float]] = []
    for index, point in enumerate(points):
        x = left + step * index if count > 1 else (left + right) / 2
        y = bottom + (top - bottom) * max(0.0, min(100.0, point.value)) / 100
        xy.append((x, y))
    if count > 1:
        drawing.add(PolyLine([c for p in xy for c in p], strokeColor=ACCENT, strokeWidth=1.6))
    show_every = max(1, (count + 9) // 10)
    for index, (point, (x, y)) in enumerate(zip(points, xy, strict=True)):
        radius = 3.6 if point.current else 2.6
        drawing.add(
            Circle(
                x,
                y,
                radius,
                fillColor=ACCENT if point.current else colors.white,
                strokeColor=ACCENT,
                strokeWidth=1.2,
            )
        )
        drawing.add(
            String(
                x,
                y + 6,
                f"{point.value:.0f}",
                fontName=SANS_BOLD,
                fontSize=7,
                fillColor=INK,
                textAnchor="middle",
            )
        )
        if index % show_every == 0 or point.current or index == count - 1:
            anchor: Anchor = "start" if count > 1 and index == 0 else "middle"
            anchor = "end" if count > 1 and index == count - 1 else anchor
            for offset, text, color in ((16, point.label, INK), (25, point.sublabel, MUTED)):
                drawing.add(
                    String(
                        x,
                        bottom - offset + 4,
                        _fit(text, 80, size=6.5),
                        fontName=SANS,
                        fontSize=6.5,
                        fillColor=color,
                        textAnchor=anchor,
                    )
                )
    return drawing
