"""Complex-script shaping for the PDFs: Thai and Devanagari drawn right, and copied out as typed.

Thai marks stack and Devanagari conjuncts, the reph and the i-matra (which is drawn before the
consonant it follows) need OpenType shaping. ReportLab does it with HarfBuzz when uharfbuzz is
installed (`reportlab[shaping]`) and a ParagraphStyle has `shaping=1`, with two gaps this module
fills:

- ReportLab shapes a word with the font of its first piece, so a word that mixes fonts, such as
  "(สมชาย)" with the brackets in DejaVu Sans, is drawn as empty boxes. `shape_frag_word`, put in
  ReportLab's place by `install()`, shapes each single-font piece on its own, and only the pieces
  in a script that needs it; everything else keeps ReportLab's plain, unshaped path.
- A word longer than its line is split by ReportLab character by character, which loses the
  shaping: runs wider than LONGEST_SHAPED (a long Thai phrase, Thai having no spaces between
  words) are drawn unshaped instead, legible and without boxes.
- Shaped glyphs carry no reliable way back to the text: a conjunct has no code point and the
  i-matra comes first. Each shaped piece is therefore wrapped in marked content with an
  /ActualText entry (PDF 32000-1, 14.9.4) holding the characters as typed, which Poppler
  (pdftotext, Evince), pdf.js and Acrobat use for search and copy. pypdf ignores /ActualText and
  still reads such text glyph by glyph.

Arabic (DejaVu Sans has its letters) is shaped too, so letters join and each word runs right to
left; the words of an Arabic phrase stay in typing order, though: there is no bidi reordering
(ReportLab's needs rlbidi, which is not on PyPI).
"""

from __future__ import annotations

import re
from functools import cache
from importlib.util import find_spec
from itertools import groupby
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedFragWord, ShapedStr, makeShapedFragWord, shapeStr
from reportlab.pdfbase.ttfonts import shapeFragWord as _reportlab_shape
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import paragraph as _paragraph

# Thai, Devanagari (with its extensions and Vedic marks) and Arabic: the scripts whose glyphs
# change with their neighbours.
NEEDS_SHAPING = re.compile("[\u0e00-\u0e7f\u0900-\u097f\ua8e0-\ua8ff\u1cd0-\u1cff\u0600-\u06ff]")


# ReportLab splits a word too long for its line character by character, which drops the
# shaping and draws the glyph stand-ins as boxes. Thai is written without spaces between
# words, so a phrase can be longer than a line: runs wider than this (points) are left
# unshaped, drawn with the font's default mark positions, and read back as typed.
LONGEST_SHAPED = 200.0


def needs_shaping(text: str) -> bool:
    return NEEDS_SHAPING.search(text) is not None


@cache
def _has_harfbuzz() -> bool:
    return find_spec("uharfbuzz") is not None  # reportlab[shaping] is a dependency


def _data(text: ShapedStr) -> list[Any]:
    """HarfBuzz's glyph records (cluster, advances, offsets) that ReportLab keeps on the text."""
    return list(getattr(text, "__shapeData__", None) or ())


def _width(items: list[Any]) -> float:
    return sum(pdfmetrics.stringWidth(text, f.fontName, f.fontSize) for f, text in items)


class ActualStr(ShapedStr):
    """Shaped glyphs that remember the characters they stand for, through ReportLab's joins
    (a line's pieces are added together) and splits (a word too long for the line)."""

    actual: str | None
    _source: str
    _starts: tuple[int, ...]

    def __new__(cls, shaped: ShapedStr, *, actual: str | None, source: str,
                starts: tuple[int, ...]) -> ActualStr:  # fmt: skip
        self = super().__new__(cls, str(shaped), shapeData=getattr(shaped, "__shapeData__"))  # noqa: B009
        self.actual, self._source, self._starts = actual, source, starts
        return self

    def _joined(self, joined: Any, actual: str | None) -> Any:
        if not isinstance(joined, ShapedStr):
            return joined
        return ActualStr(joined, actual=actual, source=actual or "", starts=())

    def __add__(self, other: str) -> Any:
        theirs = _actual_of(other)
        actual = None if self.actual is None or theirs is None else self.actual + theirs
        return self._joined(super().__add__(other), actual)

    def __radd__(self, other: str) -> Any:
        theirs = _actual_of(other)
        actual = None if self.actual is None or theirs is None else theirs + self.actual
        return self._joined(super().__radd__(other), actual)

    def __getitem__(self, index: Any) -> Any:
        part = super().__getitem__(index)
        if not isinstance(part, ShapedStr) or not self._starts or not _data(part):
            return part
        clusters = [d.cluster for d in _data(part) if d.cluster >= 0]
        if not clusters:
            return part
        first, last = min(clusters), max(clusters)
        end = next((s for s in self._starts if s > last), len(self._source))
        actual = self._source[first:end]
        return ActualStr(part, actual=actual, source=self._source, starts=self._starts)


def _actual_of(text: str) -> str | None:
    if isinstance(text, ActualStr):
        return text.actual
    if isinstance(text, ShapedStr):
        return None  # glyphs of unknown origin
    return str(text)


def _annotate(pieces: list[Any], text: str) -> list[Any]:
    """Each shaped piece as an ActualStr of the characters it stands for (HarfBuzz clusters)."""
    shaped = [s for _f, s in pieces if isinstance(s, ShapedStr) and _data(s)]
    starts = tuple(sorted({d.cluster for s in shaped for d in _data(s)}))
    heads = sorted({min(d.cluster for d in _data(s)) for s in shaped})
    ends = dict(zip(heads, [*heads[1:], len(text)], strict=False))
    out: list[Any] = []
    for piece in pieces:
        frag, glyphs = piece
        if isinstance(glyphs, ShapedStr) and _data(glyphs):
            start = min(d.cluster for d in _data(glyphs))
            glyphs = ActualStr(glyphs, actual=text[start : ends[start]], source=text, starts=starts)
            piece = piece.__class__((frag, glyphs))
        out.append(piece)
    return out


def shape_frag_word(word: Any) -> Any:
    """ReportLab's shapeFragWord, one font at a time and only where the script needs it."""
    if isinstance(word, ShapedFragWord):
        return word  # shaped already: a paragraph is wrapped more than once
    items = word[1:]
    if any(hasattr(f, "cbDefn") for f, _t in items):
        return word  # an image or anchor in the word: leave it to ReportLab, unshaped
    if not any(needs_shaping(text) for _f, text in items):
        return word
    pieces: list[Any] = []
    width = 0.0
    for _font, group in groupby(items, key=lambda item: item[0].fontName):
        run = list(group)
        text = "".join(t for _f, t in run)
        run_width = _width(run)
        if not needs_shaping(text) or run_width > LONGEST_SHAPED:
            pieces += run
            width += run_width
            continue
        shaped = _reportlab_shape(word.__class__([run_width, *run]))
        pieces += _annotate(list(shaped[1:]), text)
        width += shaped[0]
    return makeShapedFragWord(word)([width, *pieces])


def shaped_line(text: str, font: str, size: float) -> tuple[str, float]:
    """One run for a canvas line (headers, footers): shaped if its script needs it, and width."""
    if not needs_shaping(text) or not _has_harfbuzz():
        return text, pdfmetrics.stringWidth(text, font, size)
    shaped = shapeStr(text, font, size)
    if not isinstance(shaped, ShapedStr):
        return text, pdfmetrics.stringWidth(text, font, size)
    width = sum(d.x_advance for d in _data(shaped)) * size / 1000
    return ActualStr(shaped, actual=text, source=text, starts=()), width


def _pdf_text_string(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


class ActualTextObject(PDFTextObject):
    """A text object that wraps shaped runs in /Span << /ActualText ... >> marked content."""

    def _formatText(self, text: str) -> str:  # noqa: N802 (ReportLab's name)
        code: str = super()._formatText(text)  # type: ignore[misc]
        actual = text.actual if isinstance(text, ActualStr) else None
        if not actual:
            return code
        return f"/Span <</ActualText {_pdf_text_string(actual)}>> BDC {code} EMC"


class ShapingCanvas(Canvas):
    """A canvas whose text objects carry /ActualText for shaped text."""

    def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> Any:  # noqa: N802
        return ActualTextObject(self, x, y, direction=direction)


def install() -> None:
    """Put `shape_frag_word` where ReportLab's Paragraph looks for its shaper (idempotent)."""
    _paragraph.shapeFragWord = shape_frag_word  # type: ignore[attr-defined]
