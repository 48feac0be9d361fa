"""The fonts shipped in fonts/, and text made safe for ReportLab.

ReportLab draws each run of text in one font and does no glyph fallback of its own, and its
Paragraph reads a small XML markup. So every piece of user text goes through here: it is
normalised, split into runs by the font for each character's script (NanumSquare for Hangul,
Noto Sans Thai, Noto Sans Devanagari), else the first font of the chain that has it (DejaVu Sans,
then Droid Sans Fallback for CJK); characters no font has (most emoji) are dropped, and each run
is escaped with xml.sax.saxutils.escape so '<' and '&' are text, never markup. Thai and
Devanagari runs are shaped with HarfBuzz (shaping.py).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from interviewer.reports import shaping
from interviewer.reports.text import clean

FONT_DIR = Path(__file__).parent / "fonts"
SANS = "ReportSans"
SANS_BOLD = "ReportSans-Bold"
CJK = "ReportCJK"
HANGUL = "ReportHangul"
HANGUL_BOLD = "ReportHangul-Bold"
THAI = "ReportThai"
THAI_BOLD = "ReportThai-Bold"
DEVANAGARI = "ReportDevanagari"
DEVANAGARI_BOLD = "ReportDevanagari-Bold"
_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
    HANGUL: "NanumSquareR.ttf",
    HANGUL_BOLD: "NanumSquareB.ttf",
    THAI: "NotoSansThai-Regular.ttf",
    THAI_BOLD: "NotoSansThai-Bold.ttf",
    DEVANAGARI: "NotoSansDevanagari-Regular.ttf",
    DEVANAGARI_BOLD: "NotoSansDevanagari-Bold.ttf",
}
_FAMILIES = {
    SANS: SANS_BOLD,
    CJK: CJK,
    HANGUL: HANGUL_BOLD,
    THAI: THAI_BOLD,
    DEVANAGARI: DEVANAGARI_BOLD,
}
# Scripts with a font of their own, by code point range: (first, last, regular, bold).
_SCRIPTS = (
    (0x0E00, 0x0E7F, THAI, THAI_BOLD),
    (0x0900, 0x097F, DEVANAGARI, DEVANAGARI_BOLD),
    (0xA8E0, 0xA8FF, DEVANAGARI, DEVANAGARI_BOLD),
    (0x1CD0, 0x1CFF, DEVANAGARI, DEVANAGARI_BOLD),
    (0x1100, 0x11FF, HANGUL, HANGUL_BOLD),
    (0x3130, 0x318F, HANGUL, HANGUL_BOLD),
    (0xA960, 0xA97F, HANGUL, HANGUL_BOLD),
    (0xAC00, 0xD7FF, HANGUL, HANGUL_BOLD),
)
# Fonts tried in order for any other character, by the font a piece of text is set in.
_REGULAR_CHAIN = (SANS, CJK, HANGUL, THAI, DEVANAGARI)
_BOLD_CHAIN = (SANS_BOLD, SANS, CJK, HANGUL_BOLD, THAI_BOLD, DEVANAGARI_BOLD)
_BOLD = frozenset({SANS_BOLD, HANGUL_BOLD, THAI_BOLD, DEVANAGARI_BOLD})
# Joiners shape the letters either side of them: they belong to the run they sit in.
_JOINERS = frozenset("\u200c\u200d")


def is_bold(font: str) -> bool:
    return font in _BOLD


@dataclass(frozen=True, eq=False)
class _Coverage:
    chars: dict[str, frozenset[int]]

    def font_for(self, char: str, primary: str, current: str | None) -> str | None:
        code = ord(char)
        if code < 0x80 and code in self.chars[primary]:
            return primary  # ASCII, the common case, in the font the text is set in
        return _lookup(self, char, primary, current)


@lru_cache(maxsize=8192)
def _lookup(coverage: _Coverage, char: str, primary: str, current: str | None) -> str | None:
    """The font for a character other than ASCII in the text's own font (see font_for)."""
    code, chars = ord(char), coverage.chars
    if current is not None and code in chars[current]:
        if char in _JOINERS or unicodedata.category(char).startswith("M"):
            return current  # a combining mark or joiner stays with its letter
    bold = is_bold(primary)
    chain: tuple[str, ...] = (primary, *(_BOLD_CHAIN if bold else _REGULAR_CHAIN))
    for first, last, regular, heavy in _SCRIPTS:
        if first <= code <= last:
            chain = (heavy if bold else regular, *chain)
            break
    return next((f for f in chain if code in chars[f]), None)


@cache
def register_fonts() -> _Coverage:
    """Register the shipped fonts with ReportLab once per process; returns what each covers."""
    chars: dict[str, frozenset[int]] = {}
    for name, filename in _FILES.items():
        font = TTFont(name, str(FONT_DIR / filename))
        pdfmetrics.registerFont(font)
        chars[name] = frozenset(font.face.charToGlyph)
    for normal, bold in _FAMILIES.items():
        registerFontFamily(normal, normal=normal, bold=bold, italic=normal, boldItalic=bold)
    shaping.install()
    return _Coverage(chars)


def covers(font: str, char: str) -> bool:
    """Whether the shipped font has a glyph for the character (for the tests' tofu check)."""
    return ord(char) in register_fonts().chars[font]


def runs(text: str, font: str = SANS) -> list[tuple[str, str]]:
    """(font, text) runs: each character in its script's font, or the first of the chain."""
    coverage = register_fonts()
    out: list[tuple[str, str]] = []
    current: str | None = None
    buffer: list[str] = []
    for char in clean(text):
        chosen = (current or font) if char in " \n" else coverage.font_for(char, font, current)
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
    return sum(shaping.shaped_line(t, f, size)[1] for f, t in runs(text, font))


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
    pieces = [shaping.shaped_line(t, f, size) + (f,) for f, t in runs(" ".join(kept.split()), font)]
    if align == "right":
        x -= sum(width for _t, width, _f in pieces)
    for run_text, width, run_font in pieces:
        line = canvas.beginText(x, y)
        line.setFont(run_font, size)
        line.textOut(run_text)
        canvas.drawText(line)
        x += width
