"""The fonts shipped in fonts/, and text made safe for ReportLab.

ReportLab draws each run of text in one font and does no glyph fallback of its own, and its
Paragraph reads a small XML markup. So every piece of user text goes through here: it is
normalised, split into runs by the first font that has each character (DejaVu Sans, then Droid
Sans Fallback for CJK), characters no font has (most emoji) are dropped, and each run is
escaped with xml.sax.saxutils.escape so '<' and '&' are text, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from interviewer.reports.text import clean

FONT_DIR = Path(__file__).parent / "fonts"
SANS = "ReportSans"
SANS_BOLD = "ReportSans-Bold"
CJK = "ReportCJK"
_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
}
# Fonts tried in order for a character, by the font a piece of text is set in.
_CHAINS = {SANS: (SANS, CJK), SANS_BOLD: (SANS_BOLD, SANS, CJK), CJK: (CJK, SANS)}


@dataclass(frozen=True)
class _Coverage:
    chars: dict[str, frozenset[int]]

    def font_for(self, char: str, primary: str) -> str | None:
        code = ord(char)
        return next((f for f in _CHAINS[primary] if code in self.chars[f]), None)


@cache
def register_fonts() -> _Coverage:
    """Register the shipped fonts with ReportLab once per process; returns what each covers."""
    chars: dict[str, frozenset[int]] = {}
    for name, filename in _FILES.items():
        font = TTFont(name, str(FONT_DIR / filename))
        pdfmetrics.registerFont(font)
        chars[name] = frozenset(font.face.charToGlyph)
    registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS, boldItalic=SANS_BOLD)
    registerFontFamily(CJK, normal=CJK, bold=CJK, italic=CJK, boldItalic=CJK)
    return _Coverage(chars)


def runs(text: str, font: str = SANS) -> list[tuple[str, str]]:
    """(font, text) runs: each character in the first font of the chain that has it."""
    coverage = register_fonts()
    out: list[tuple[str, str]] = []
    current: str | None = None
    buffer: list[str] = []
    for char in clean(text):
        chosen = (current or font) if char in " \n" else coverage.font_for(char, font)
        if chosen is None:
            continue
        if chosen != current and buffer:
            assert current is not None
            out.append((current, "".join(buffer)))
            buffer = []
        current = chosen
        buffer.append(char)
    if buffer and current is not None:
        out.append((current, "".join(buffer)))
    return out


def markup(text: str, *, font: str = SANS) -> str:
    """Paragraph markup for user text set in `font`: escaped, fallback runs wrapped in <font>."""
    parts: list[str] = []
    for run_font, run_text in runs(text, font):
        safe = escape(run_text).replace("\n", "<br/>")
        parts.append(safe if run_font == font else f'<font name="{run_font}">{safe}</font>')
    return "".join(parts)


def link(url: str, title: str, *, color: str) -> str:
    """A clickable link in Paragraph markup; the URL is escaped for an attribute."""
    href = escape(url, {'"': "&quot;"})
    return f'<a href="{href}" color="{color}"><u>{markup(title)}</u></a>'


def plain(text: str, font: str = SANS) -> str:
    """Only the characters `font` itself has: for chart labels, which take one font."""
    coverage = register_fonts()
    return "".join(c for c in clean(text) if c in " \n" or ord(c) in coverage.chars[font])


def text_width(text: str, *, font: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(t, f, size) for f, t in runs(text, font))


def fit_width(text: str, width: float, *, font: str, size: float) -> str:
    """The text on one line of `width` points, cut at a word with an ellipsis if it must be."""
    text = " ".join(clean(text).split())
    if text_width(text, font=font, size=size) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1 and text_width(" ".join(words) + "…", font=font, size=size) > width:
        words.pop()
    cut = " ".join(words)
    while cut and text_width(cut + "…", font=font, size=size) > width:
        cut = cut[:-1]
    return cut.rstrip(" ,;:.-") + "…"


def draw_text(
    canvas: Canvas, x: float, y: float, text: str, *, font: str, size: float, align: str = "left"
) -> None:
    """Draw one line of user text on a canvas, switching fonts per run; align left or right."""
    kept = "".join(chunk for _font, chunk in runs(text, font))  # drop what no font has first
    pieces = runs(" ".join(kept.split()), font)
    if align == "right":
        x -= sum(pdfmetrics.stringWidth(t, f, size) for f, t in pieces)
    for run_font, run_text in pieces:
        canvas.setFont(run_font, size)
        canvas.drawString(x, y, run_text)
        x += pdfmetrics.stringWidth(run_text, run_font, size)
