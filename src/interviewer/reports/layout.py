"""Page setup, styles and small building blocks shared by the full and the summary PDF."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus.doctemplate import FrameBreak

from interviewer.banks.schema import Resource
from interviewer.reports.charts import ACCENT, FAINT, INK, MUTED, TRACK, band_color
from interviewer.reports.shaping import ShapingCanvas, needs_shaping
from interviewer.reports.source import ReportSource
from interviewer.reports.text import clean, day, pretty, tidy_numbers
from interviewer.reports.typography import (
    SANS,
    SANS_BOLD,
    draw_text,
    link,
    markup,
    register_fonts,
)

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
FRAME_PADDING = 6  # SimpleDocTemplate's frame keeps 6 pt inside its margins
FRAME_WIDTH = PAGE_WIDTH - 2 * (MARGIN + FRAME_PADDING)
LEFT, RIGHT = MARGIN + FRAME_PADDING, PAGE_WIDTH - MARGIN - FRAME_PADDING
TOP_MARGIN = MARGIN + 8 * mm  # room for the running header
BOTTOM_MARGIN = MARGIN + 4 * mm


def frame_height(top_margin: float) -> float:
    return PAGE_HEIGHT - top_margin - BOTTOM_MARGIN - 2 * FRAME_PADDING


_SHAPED: dict[int, ParagraphStyle] = {}


class Paragraph(_Paragraph):
    """ReportLab's Paragraph, shaped with HarfBuzz only when its text has a script that needs
    it (Thai, Devanagari): shaping every paragraph would cost a fifth more time for nothing."""

    def __init__(
        self, text: str | None, style: ParagraphStyle | None = None, *args: Any, **kwargs: Any
    ):
        if style is not None and text and needs_shaping(text):  # None: a split part
            shaped = _SHAPED.get(id(style))
            if shaped is None:
                shaped = _SHAPED[id(style)] = ParagraphStyle(style.name, parent=style, shaping=1)
            style = shaped
        super().__init__(text, style, *args, **kwargs)  # type: ignore[arg-type]  # split: None


BAND = colors.HexColor("#0F2747")
BAND_TEXT = colors.HexColor("#C7D2E5")
PRODUCT = "Mock Interviewer"


def hex_of(color: Color) -> str:
    return "#" + color.hexval()[2:]


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    section: ParagraphStyle
    subsection: ParagraphStyle
    label: ParagraphStyle
    question: ParagraphStyle
    answer: ParagraphStyle
    bullet: ParagraphStyle
    band_kicker: ParagraphStyle
    band_title: ParagraphStyle
    band_meta: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    caption: ParagraphStyle
    bullet_small: ParagraphStyle


@cache
def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=SANS,
        fontSize=9.5,
        leading=13.5,
        textColor=INK,
        alignment=TA_LEFT,
        spaceAfter=4,
        splitLongWords=True,
    )
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=11, spaceAfter=2),
        muted=ParagraphStyle("muted", parent=body, fontSize=8.5, leading=12, textColor=MUTED),
        section=ParagraphStyle(
            "section",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=13,
            leading=17,
            spaceBefore=12,
            spaceAfter=6,
            keepWithNext=True,
            textColor=BAND,
        ),
        subsection=ParagraphStyle(
            "subsection",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=10,
            leading=14,
            spaceBefore=4,
            spaceAfter=4,
            keepWithNext=True,
        ),
        label=ParagraphStyle(
            "label",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=7.5,
            leading=10,
            textColor=MUTED,
            spaceBefore=6,
            spaceAfter=2,
        ),
        question=ParagraphStyle(
            "question",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=10.5,
            leading=14.5,
            spaceAfter=6,
        ),
        answer=ParagraphStyle(
            "answer",
            parent=body,
            backColor=TRACK,
            borderPadding=6,
            leftIndent=7,
            rightIndent=7,
            spaceBefore=3,
            spaceAfter=10,
        ),
        bullet=ParagraphStyle(
            "bullet",
            parent=body,
            leftIndent=11,
            bulletIndent=1,
            spaceAfter=2,
            bulletFontName=SANS,
        ),
        band_kicker=ParagraphStyle(
            "band_kicker",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=8,
            leading=11,
            textColor=BAND_TEXT,
            spaceAfter=2,
        ),
        band_title=ParagraphStyle(
            "band_title",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=22,
            leading=27,
            textColor=colors.white,
            spaceAfter=3,
        ),
        band_meta=ParagraphStyle(
            "band_meta",
            parent=body,
            fontSize=9.5,
            leading=13,
            textColor=BAND_TEXT,
            spaceAfter=0,
        ),
        cell=ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11.5, spaceAfter=0),
        cell_bold=ParagraphStyle(
            "cell_bold", parent=body, fontName=SANS_BOLD, fontSize=8.5, leading=11.5, spaceAfter=0
        ),
        bullet_small=ParagraphStyle(
            "bullet_small",
            parent=body,
            fontSize=8.5,
            leading=11.5,
            leftIndent=10,
            bulletIndent=1,
            spaceAfter=2,
            bulletFontName=SANS,
        ),
        caption=ParagraphStyle(
            "caption", parent=body, fontSize=8.5, leading=11, textColor=MUTED, alignment=TA_CENTER
        ),
    )


# ---- formatting -------------------------------------------------------------------------


def score_text(score: float | None, *, out_of: int = 10) -> str:
    """A score in its band's colour; '–' in grey when there is no score (not evidenced)."""
    if score is None:
        return f'<font color="{hex_of(MUTED)}">–</font>'
    return f'<font color="{hex_of(band_color(score, out_of=out_of))}"><b>{score:g}</b></font>'


def one_decimal(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def subtitle(source: ReportSource) -> str:
    plan = source.interview.plan
    return " · ".join(
        (
            plan.role,
            f"{pretty(plan.track)} track",
            f"{plan.level.value} level",
            day(source.finished_at),
        )
    )


# ---- blocks -----------------------------------------------------------------------------


def band(source: ReportSource, *, kicker: str) -> Table:
    """The dark title band: what this is, the candidate's name, role, track, level and date."""
    s = styles()
    cell = [
        Paragraph(kicker.upper(), s.band_kicker),
        Paragraph(markup(source.candidate, font=SANS_BOLD), s.band_title),
        Paragraph(markup(subtitle(source)), s.band_meta),
    ]
    table = Table([[cell]], colWidths=[FRAME_WIDTH], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("BACKGROUND", (0, 0), (-1, -1), BAND),
                ("LEFTPADDING", (0, 0), (-1, -1), 16),
                ("RIGHTPADDING", (0, 0), (-1, -1), 16),
                ("TOPPADDING", (0, 0), (-1, -1), 14),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 16),
                ("LINEBELOW", (0, 0), (-1, -1), 3, ACCENT),
            ]
        )
    )
    return table


def facts(rows: Sequence[tuple[str, str]], *, width: float) -> Table:
    """Label and value pairs; values are Paragraph markup."""
    s = styles()
    data = [[Paragraph(label, s.muted), Paragraph(value, s.cell_bold)] for label, value in rows]
    label = max(78.0, width * 0.3)
    table = Table(data, colWidths=[label, width - label], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, FAINT),
                ("TOPPADDING", (0, 0), (-1, -1), 3.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def bullets(items: Sequence[str], *, style: ParagraphStyle | None = None) -> list[Flowable]:
    """One Paragraph per item; items are Paragraph markup."""
    chosen = style or styles().bullet
    return [Paragraph(item, chosen, bulletText="•") for item in items]


_BULLET = re.compile(r"^\s*[-*•]\s+")
_PARAGRAPHS = re.compile(r"\n\s*\n")


def rich(
    text: str, *, style: ParagraphStyle, bullet: ParagraphStyle | None = None
) -> list[Flowable]:
    """Multi-line text as Paragraphs: blank lines part paragraphs, '- ' lines become bullets;
    machine floats shortened (tidy_numbers)."""
    out: list[Flowable] = []
    for block in _PARAGRAPHS.split(tidy_numbers(clean(text))):
        lines: list[str] = []
        for line in block.split("\n"):
            found = _BULLET.match(line)
            if found is None:
                lines.append(line)
                continue
            if lines:
                out.append(Paragraph("<br/>".join(markup(x) for x in lines), style))
                lines = []
            out.append(
                Paragraph(markup(line[found.end() :]), bullet or styles().bullet, bulletText="•")
            )
        if lines:
            out.append(Paragraph("<br/>".join(markup(x) for x in lines), style))
    return out


def resource_links(resources: Sequence[Resource]) -> list[str]:
    color = hex_of(ACCENT)
    return [link(str(r.url), r.title, color=color) for r in resources]


def boxed(title: str, items: Sequence[Flowable], *, width: float, accent: Color) -> Table:
    """A titled panel with a coloured rule on its left."""
    s = styles()
    rows: list[list[Any]] = [[Paragraph(title, s.subsection)]] + [[item] for item in items]
    table = Table(rows, colWidths=[width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, accent),
                ("LEFTPADDING", (0, 0), (-1, -1), 9),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def heading(text: str, style: ParagraphStyle) -> Paragraph:
    """A heading that a Lead keeps with what follows (not ReportLab's keepWithNext, which
    moves the heading and the whole next block to a new page together)."""
    paragraph = Paragraph(text, style)
    paragraph.keepWithNext = False
    return paragraph


_BIG = 1e6


def _space(flowable: Flowable) -> float:
    return float(flowable.getSpaceBefore()) + float(flowable.getSpaceAfter())


def _first_lines(body: Sequence[Flowable], width: float, lines: int) -> float:
    """The height of the first `lines` lines of `body` (a table row counts as a line, any
    other flowable as one line of its full height)."""
    height = 0.0
    for flowable in body:
        if lines <= 0:
            break
        if isinstance(flowable, Paragraph) and _surely_longer(flowable, width, lines):
            # A long paragraph: its first lines are all that count, no need to lay it out.
            style = flowable.style
            padding = 2 * style.borderPadding if style.backColor else 0
            return height + float(flowable.getSpaceBefore()) + lines * style.leading + padding
        _w, full = flowable.wrap(width, _BIG)
        if isinstance(flowable, Paragraph):
            count = len(getattr(flowable, "blPara").lines)  # noqa: B009 (set by wrap)
            taken = min(count, lines)
            if taken < count:
                style = flowable.style
                padding = 2 * style.borderPadding if style.backColor else 0
                height += float(flowable.getSpaceBefore()) + taken * style.leading + padding
            else:
                height += full + _space(flowable)
            lines -= taken
        elif isinstance(flowable, Table) and getattr(flowable, "_rowHeights", None):
            rows = [float(r) for r in getattr(flowable, "_rowHeights")]  # noqa: B009
            height += sum(rows[:lines]) + _space(flowable)
            lines -= len(rows)
        else:
            height += full + _space(flowable)
            lines -= 1
    return height


def _surely_longer(paragraph: Paragraph, width: float, lines: int) -> bool:
    """Whether the paragraph takes well over `lines` lines, from its text's width alone."""
    style = paragraph.style
    room = width - style.leftIndent - style.rightIndent
    text = paragraph.getPlainText()
    if room <= 0 or len(text) < 40 * lines:
        return False
    return stringWidth(text, style.fontName, style.fontSize) > room * (lines + 2)


class Lead(Flowable):
    """Zero height: a new page unless `heads` fit together with the first `lines` lines of
    `body`. Headings stay with their content, and a long body still starts where it is and
    splits across pages, so no page is left near-empty by a block too big for it."""

    def __init__(self, heads: Sequence[Flowable], body: Sequence[Flowable], *, lines: int = 3):
        super().__init__()
        self.heads, self.body, self.lines = list(heads), list(body), lines
        self._need: dict[float, float] = {}

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        need = self._need.get(availWidth)
        if need is None:
            need = sum(f.wrap(availWidth, _BIG)[1] + _space(f) for f in self.heads)
            need += _first_lines(self.body, availWidth, self.lines)
            self._need[availWidth] = need
        frame = getattr(self, "_doctemplateAttr")("frame")  # noqa: B009 (not in the stubs)
        # Never more than half a page: a longer heading block goes where it is.
        if frame is not None and availHeight < min(need, frame._height * 0.5):
            frame.add_generated_content(FrameBreak)
        return 0, 0

    def draw(self) -> None:
        pass


def section(title: str, body: Sequence[Flowable], *, lines: int = 3) -> list[Flowable]:
    """A section heading kept with the first lines of its body."""
    head = heading(title, styles().section)
    return [Lead([head], body, lines=lines), head, *body]


# ---- documents --------------------------------------------------------------------------

Decorate = Callable[[Canvas, int, int], None]


class _NumberedCanvas(ShapingCanvas):
    """Keeps every page until the end so each can say 'Page n of N'."""

    def __init__(self, filename: str | IO[bytes], *, decorate: Decorate, **kwargs: Any) -> None:
        super().__init__(filename, **kwargs)
        self._pending: list[dict[str, Any]] = []
        self._decorate = decorate

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pending.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # ReportLab's own page reset

    def save(self) -> None:
        total = len(self._pending)
        for number, state in enumerate(self._pending, start=1):
            self.__dict__.update(state)
            self._decorate(self, number, total)
            super().showPage()
        super().save()


def build(
    story: list[Flowable],
    *,
    source: ReportSource,
    title: str,
    decorate: Decorate,
    top_margin: float = TOP_MARGIN,
) -> bytes:
    """Lay the story out on A4 in memory; deterministic bytes for the same input."""
    buffer = BytesIO()
    stamp = source.finished_at.strftime("D:%Y%m%d%H%M%S+00'00'")

    def canvasmaker(filename: str | IO[bytes], /, **kwargs: Any) -> Canvas:
        canvas = _NumberedCanvas(filename, decorate=decorate, **kwargs)
        canvas.setDateFormatter(lambda *_parts: stamp)
        return canvas

    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=top_margin,
        bottomMargin=BOTTOM_MARGIN,
        title=title,
        author=PRODUCT,
        subject=f"{source.candidate}: {subtitle(source)}",
        creator=PRODUCT,
        invariant=True,
        lang="en",
        initialFontName=SANS,
        initialFontSize=9.5,
        initialLeading=13.5,
    )
    document.build(story, canvasmaker=canvasmaker)
    return buffer.getvalue()


def footer(canvas: Canvas, number: int, total: int, *, left: str) -> None:
    canvas.saveState()
    canvas.setStrokeColor(FAINT)
    canvas.setLineWidth(0.5)
    y = MARGIN - 2 * mm
    canvas.line(LEFT, y + 9, RIGHT, y + 9)
    canvas.setFillColor(MUTED)
    draw_text(canvas, LEFT, y, left, font=SANS, size=7.5)
    draw_text(canvas, RIGHT, y, f"Page {number} of {total}", font=SANS, size=7.5, align="right")
    canvas.restoreState()


def header(canvas: Canvas, *, left: str, right: str) -> None:
    canvas.saveState()
    y = PAGE_HEIGHT - MARGIN + 1 * mm
    canvas.setFillColor(BAND)
    draw_text(canvas, LEFT, y, left, font=SANS_BOLD, size=8)
    canvas.setFillColor(MUTED)
    draw_text(canvas, RIGHT, y, right, font=SANS, size=8, align="right")
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(0.8)
    canvas.line(LEFT, y - 5, RIGHT, y - 5)
    canvas.restoreState()
