"""PDF reports built with ReportLab in memory: the full report and a one-page summary."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepInFrame,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from interviewer.core.model import DIMENSIONS, SheetCell, Turn
from interviewer.reports.charts import (
    FAINT,
    MUTED,
    STRONG,
    TRACK,
    WEAK,
    Bar,
    TrendPoint,
    bar_chart,
    score_dial,
    trend_chart,
)
from interviewer.reports.layout import (
    FRAME_WIDTH,
    MARGIN,
    PAGE_HEIGHT,
    PRODUCT,
    band,
    boxed,
    build,
    bullets,
    facts,
    footer,
    frame_height,
    header,
    hex_of,
    one_decimal,
    resource_links,
    rich,
    score_text,
    styles,
)
from interviewer.reports.source import ReportSource
from interviewer.reports.text import cell_value, counts, day, duration, pretty, shorten
from interviewer.reports.typography import SANS, SANS_BOLD, fit_width, markup, register_fonts

PdfKind = Literal["full", "summary"]
PDF_KINDS: tuple[PdfKind, ...] = ("full", "summary")
HISTORY_ROWS = 10
MAX_CELLS = 12
SUMMARY_ITEMS = 3
SUMMARY_TOPICS = 8
SUMMARY_QUESTIONS = 16

# ReportLab keeps per-document font state on the shared, registered font objects: one build
# at a time is the safe choice, and costs nothing the GIL was not already charging.
_BUILD_LOCK = threading.Lock()


def render_pdf(source: ReportSource, *, kind: PdfKind = "full") -> bytes:
    """The report as PDF bytes; the same input always gives the same bytes."""
    register_fonts()
    with _BUILD_LOCK:
        if kind == "summary":
            return _summary_pdf(source)
        return _full_pdf(source)


# ---- shared pieces ----------------------------------------------------------------------


def _dimension_bars(source: ReportSource) -> list[Bar]:
    averages = source.report.averages
    return [Bar(pretty(d), averages.get(d)) for d in DIMENSIONS]


def _topic_bars(source: ReportSource, *, limit: int | None = None) -> list[Bar]:
    ranked = sorted(source.report.topic_scores.items(), key=lambda item: (-item[1], item[0]))
    return [Bar(pretty(topic), score) for topic, score in ranked[:limit]]


def _counts(source: ReportSource) -> str:
    r = source.report
    return counts(r.question_count, r.answered_count, r.skipped_count, r.hints_used)


def _fact_rows(source: ReportSource, *, short: bool = False) -> list[tuple[str, str]]:
    r, plan = source.report, source.interview.plan
    rows = [
        ("Overall score", f"{score_text(r.overall, out_of=100)} / 100"),
        ("Level estimate", markup(pretty(r.level_estimate))),
        ("Questions", _counts(source)),
        ("Duration", duration(r.duration_seconds)),
    ]
    if not short:
        rows[2:2] = [
            ("Role", markup(plan.role)),
            ("Track and mode", f"{markup(pretty(plan.track))} · {plan.mode.value}"),
            ("Level applied for", pretty(plan.level.value)),
        ]
        rows.append(("Finished", day(source.finished_at)))
    return rows


def _dial(source: ReportSource, *, size: float) -> list[Flowable]:
    s = styles()
    dial = score_dial(source.report.overall, size=size)
    dial.hAlign = "CENTER"
    return [dial, Spacer(1, 4), Paragraph("Overall score", s.caption)]


def _grid(
    row: Sequence[Any], widths: Sequence[float], *, padding: float = 6, valign: str = "TOP"
) -> Table:
    table = Table([list(row)], colWidths=list(widths), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("VALIGN", (0, 0), (-1, -1), valign),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), padding),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _chart_or_note(
    bars: list[Bar], *, width: float, label_width: float, row: float = 20
) -> Flowable:
    if not bars:
        return Paragraph("No scored answers.", styles().muted)
    return bar_chart(bars, width=width, label_width=label_width, row=row)


def _listing(
    items: Sequence[str], *, limit: int | None = None, chars: int = 400, small: bool = False
) -> list[Flowable]:
    s = styles()
    if not items:
        return [Paragraph("None recorded.", s.muted)]
    shown = [markup(shorten(item, chars)) for item in items[:limit]]
    return bullets(shown, style=s.bullet_small if small else s.bullet)


# ---- the full report --------------------------------------------------------------------


def _full_pdf(source: ReportSource) -> bytes:
    plan = source.interview.plan

    def decorate(canvas: Any, number: int, total: int) -> None:
        if number > 1:
            header(
                canvas,
                left=f"Interview report · {source.candidate}",
                right=f"{pretty(plan.track)} · {day(source.finished_at)}",
            )
        footer(canvas, number, total, left=f"{PRODUCT} · {plan.role}")

    return build(
        _full_story(source),
        source=source,
        title=f"Interview report: {source.candidate}",
        decorate=decorate,
    )


def _full_story(source: ReportSource) -> list[Flowable]:
    s, report = styles(), source.report
    story: list[Flowable] = [band(source, kicker="Mock interview report"), Spacer(1, 16)]
    story.append(
        _grid(
            [_dial(source, size=104), facts(_fact_rows(source), width=FRAME_WIDTH - 150)],
            [150, FRAME_WIDTH - 150],
            valign="MIDDLE",
        )
    )
    story += [Paragraph("Summary", s.section), Paragraph(markup(report.summary), s.body)]
    half = (FRAME_WIDTH - 18) / 2
    topic_bars = _topic_bars(source)
    story.append(Paragraph("Scores", s.section))
    story.append(
        _grid(
            [
                [
                    Paragraph("By dimension (1-10)", s.subsection),
                    _chart_or_note(_dimension_bars(source), width=half, label_width=82),
                ],
                [
                    Paragraph("By topic (technical, 1-10)", s.subsection),
                    _chart_or_note(topic_bars, width=half, label_width=110),
                ],
            ],
            [half + 18, half],
            padding=18,
        )
    )
    story += _strengths_and_areas(source)
    if report.resources:
        story.append(Paragraph("Recommended resources", s.section))
        story += bullets(resource_links(report.resources))
    if source.shows_trend:
        story += _trend(source)
    story += [CondPageBreak(PAGE_HEIGHT * 0.4), Paragraph("Question by question", s.section)]
    total = len(source.turns)
    if not total:
        story.append(Paragraph("No question was asked in this interview.", s.muted))
    for index, turn in enumerate(source.turns, start=1):
        story += _turn(turn, index=index, total=total)
    return story


def _strengths_and_areas(source: ReportSource) -> list[Flowable]:
    """Side by side when both lists are short; stacked (and free to break across pages) if not."""
    s, report = styles(), source.report
    heading = Paragraph("Strengths and areas to improve", s.section)
    lists = (report.strengths, report.areas_to_improve)
    short = all(len(items) <= 4 and all(len(i) <= 90 for i in items) for items in lists)
    if not short:
        return [
            heading,
            boxed("Strengths", _listing(report.strengths), width=FRAME_WIDTH, accent=STRONG),
            Spacer(1, 8),
            boxed(
                "Areas to improve",
                _listing(report.areas_to_improve),
                width=FRAME_WIDTH,
                accent=WEAK,
            ),
        ]
    half = (FRAME_WIDTH - 18) / 2
    return [
        heading,
        _grid(
            [
                boxed("Strengths", _listing(report.strengths), width=half, accent=STRONG),
                boxed(
                    "Areas to improve", _listing(report.areas_to_improve), width=half, accent=WEAK
                ),
            ],
            [half + 18, half],
            padding=18,
        ),
    ]


def _signed(value: float) -> str:
    return f"{value:+g}"


def _trend(source: ReportSource) -> list[Flowable]:
    s = styles()
    history = source.history
    first, last = history[0], history[-1]
    changes = [f"overall {_signed(last.overall - first.overall)}"]
    for d in DIMENSIONS:
        values = [p.averages[d] for p in history if d in p.averages]
        if len(values) >= 2:
            changes.append(f"{d} {_signed(round(values[-1] - values[0], 1))}")
    points = [
        TrendPoint(
            label=day(p.finished_at),
            sublabel=pretty(p.track),
            value=p.overall,
            current=p.interview_id == source.interview.id,
        )
        for p in history
    ]
    rows: list[list[Any]] = [
        [Paragraph(h, s.label) for h in ("Finished", "Track", "Overall", *map(pretty, DIMENSIONS))]
    ]
    for p in history[-HISTORY_ROWS:]:
        bold = p.interview_id == source.interview.id
        cell = s.cell_bold if bold else s.cell
        rows.append(
            [
                Paragraph(day(p.finished_at), cell),
                Paragraph(markup(pretty(p.track)), cell),
                Paragraph(score_text(p.overall, out_of=100), cell),
            ]
            + [Paragraph(one_decimal(p.averages.get(d)), cell) for d in DIMENSIONS]
        )
    widths = [0.17, 0.25, 0.13, 0.14, 0.17, 0.14]
    table = Table(rows, colWidths=[FRAME_WIDTH * w for w in widths], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, FAINT),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    intro = (
        f"Overall score across {len(history)} finished interviews; the filled point is this "
        f"one. Change since the first: {', '.join(changes)}."
    )
    return [
        CondPageBreak(230),
        Paragraph("Progress across interviews", s.section),
        Paragraph(intro, s.body),
        trend_chart(points, width=FRAME_WIDTH),
        Spacer(1, 6),
        table,
    ]


def _score_row(turn: Turn) -> Table:
    s = styles()
    evaluation = turn.evaluation
    assert evaluation is not None
    grey = f'<font color="{hex_of(MUTED)}">'
    cells = [
        Paragraph(
            f"{pretty(d)}&nbsp;&nbsp;{score_text(score)}{grey}/10</font>"
            if (score := evaluation.score(d)) is not None
            else f"{pretty(d)}&nbsp;&nbsp;{grey}not scored</font>",
            s.cell,
        )
        for d in DIMENSIONS
    ]
    width = FRAME_WIDTH / 3
    table = Table([cells], colWidths=[width] * 3)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("BACKGROUND", (0, 0), (-1, -1), colors.white),
                ("BOX", (0, 0), (-1, -1), 0.5, FAINT),
                ("INNERGRID", (0, 0), (-1, -1), 0.5, FAINT),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _cells(cells: Sequence[SheetCell]) -> list[Flowable]:
    """A formula task's computed cells against the expected values."""
    s = styles()
    head = [Paragraph(h, s.label) for h in ("Cell", "Formula gave", "Expected", "")]
    rows: list[list[Any]] = [head]
    for c in cells[:MAX_CELLS]:
        mark = (
            f'<font color="{hex_of(STRONG if c.ok else WEAK)}"><b>{"✓" if c.ok else "✗"}</b></font>'
        )
        rows.append(
            [
                Paragraph(markup(c.cell), s.cell),
                Paragraph(markup(cell_value(c.got)), s.cell),
                Paragraph(markup(cell_value(c.expected)), s.cell),
                Paragraph(mark, s.cell),
            ]
        )
    table = Table(rows, colWidths=[50, 150, 150, 24], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, FAINT),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    out: list[Flowable] = [table]
    if len(cells) > MAX_CELLS:
        out.append(Paragraph(f"… and {len(cells) - MAX_CELLS} more cells.", s.muted))
    return out


def _part(label: str, content: list[Flowable]) -> KeepTogether:
    """A labelled part of a question; kept on one page unless it is longer than a page."""
    return KeepTogether([Paragraph(label, styles().label), *content])


def _turn(turn: Turn, *, index: int, total: int) -> list[Flowable]:
    s = styles()
    q, evaluation = turn.question, turn.evaluation
    tags = [pretty(q.topic), f"difficulty {q.difficulty}/5", pretty(q.kind)]
    tags += ["follow-up"] * (q.parent_id is not None) + ["hint used"] * q.hint_used
    tags += ["skipped"] * q.skipped
    head: list[Flowable] = [
        Paragraph(
            f"Question {index} of {total}"
            f'<font name="{SANS_BOLD}" size="8" color="{hex_of(MUTED)}">'
            f"&nbsp;&nbsp;&nbsp;{markup(' · '.join(tags))}</font>",
            s.subsection,
        ),
        Paragraph(markup(q.text, font=SANS_BOLD), s.question),
    ]
    out: list[Flowable] = [CondPageBreak(140)]
    if q.skipped or turn.answer is None:
        head.append(Paragraph("Skipped: no answer was given.", s.muted))
        out.append(KeepTogether(head))
    else:
        head.append(Paragraph("ANSWER", s.label))
        out += [KeepTogether(head), Paragraph(markup(turn.answer.text) or "(empty)", s.answer)]
    corrections = evaluation.examples_or_corrections if evaluation else ""
    if evaluation is not None:
        out += [_score_row(turn), Spacer(1, 4)]
        feedback = rich(evaluation.feedback, style=s.body)
        if evaluation.rationale and evaluation.rationale != evaluation.feedback:
            feedback += rich(evaluation.rationale, style=s.muted)
        out.append(_part("FEEDBACK", feedback))
        # Graders that already list the key points in their feedback are not repeated.
        covered = [c for c in evaluation.covered if c.point not in evaluation.feedback]
        if covered:
            quote = f'<font color="{hex_of(MUTED)}">'
            lines = [f"{markup(c.point)} {quote}— “{markup(c.quote)}”</font>" for c in covered]
            out.append(_part("COVERED", bullets(lines)))
        missed = [m for m in evaluation.missed if m not in evaluation.feedback]
        if missed:
            out.append(_part("MISSED", bullets([markup(m) for m in missed])))
        if evaluation.cells:
            out.append(_part("CHECKED CELLS", _cells(evaluation.cells)))
        if corrections:
            out.append(_part("CORRECTION OR EXAMPLE", rich(corrections, style=s.body)))
    if q.reference and q.reference not in corrections:
        out.append(_part("MODEL ANSWER", rich(q.reference, style=s.muted)))
    resources = (evaluation.resources if evaluation else ()) or q.resources
    if resources:
        out.append(_part("RESOURCES", bullets(resource_links(resources))))
    out.append(HRFlowable(width="100%", thickness=0.6, color=FAINT, spaceBefore=8, spaceAfter=10))
    return out


# ---- the one-page summary ---------------------------------------------------------------


def _summary_pdf(source: ReportSource) -> bytes:
    plan = source.interview.plan

    def decorate(canvas: Any, number: int, total: int) -> None:
        footer(
            canvas,
            number,
            total,
            left=f"{PRODUCT} · one-page summary · {plan.role} · the full report has every answer",
        )

    return build(
        [_summary_frame(source)],
        source=source,
        title=f"Interview summary: {source.candidate}",
        decorate=decorate,
        top_margin=MARGIN,
    )


def _summary_frame(source: ReportSource) -> KeepInFrame:
    """Everything in one frame that shrinks if it must; the caps below keep that rare."""
    s, report = styles(), source.report
    story: list[Flowable] = [band(source, kicker="Mock interview · one-page summary")]
    story.append(Spacer(1, 12))
    third = FRAME_WIDTH - 118 - 190
    story.append(
        _grid(
            [
                _dial(source, size=88),
                facts(_fact_rows(source, short=True), width=180),
                [
                    Paragraph("By dimension (1-10)", s.subsection),
                    _chart_or_note(_dimension_bars(source), width=third, label_width=76, row=17),
                ],
            ],
            [118, 190, third],
            padding=8,
            valign="MIDDLE",
        )
    )
    story += [
        Paragraph("Summary", s.section),
        Paragraph(markup(shorten(report.summary, 600)), s.body),
    ]
    half = (FRAME_WIDTH - 18) / 2
    story.append(
        _grid(
            [
                [
                    Paragraph("By topic (technical, 1-10)", s.subsection),
                    _chart_or_note(
                        _topic_bars(source, limit=SUMMARY_TOPICS),
                        width=half,
                        label_width=100,
                        row=16,
                    ),
                ],
                [
                    boxed(
                        "Strengths",
                        _listing(report.strengths, limit=SUMMARY_ITEMS, chars=100, small=True),
                        width=half,
                        accent=STRONG,
                    ),
                    Spacer(1, 8),
                    boxed(
                        "Areas to improve",
                        _listing(
                            report.areas_to_improve, limit=SUMMARY_ITEMS, chars=100, small=True
                        ),
                        width=half,
                        accent=WEAK,
                    ),
                ],
            ],
            [half + 18, half],
            padding=18,
        )
    )
    story += _question_table(source)
    links = resource_links(report.resources[:SUMMARY_ITEMS])
    if links:
        story.append(Spacer(1, 8))
        story.append(Paragraph("<b>Next steps:</b> " + " &nbsp;·&nbsp; ".join(links), s.small))
    height = frame_height(MARGIN) - 1
    return KeepInFrame(FRAME_WIDTH, height, story, mode="shrink", hAlign="LEFT")


def _one_line(text: str, width: float) -> Paragraph:
    style = styles().cell
    return Paragraph(markup(fit_width(text, width - 8, font=SANS, size=style.fontSize)), style)


def _question_table(source: ReportSource) -> list[Flowable]:
    s = styles()
    if not source.turns:
        return []
    labels = ("#", "Question", "Topic", "Tech", "Comm", "Conf")
    rows: list[list[Any]] = [[Paragraph(h, s.label) for h in labels]]
    spans: list[tuple[Any, ...]] = []
    shown = source.turns[:SUMMARY_QUESTIONS]
    widths = [20, FRAME_WIDTH - 20 - 100 - 3 * 36, 100, 36, 36, 36]
    for index, turn in enumerate(shown, start=1):
        e = turn.evaluation
        if e is None:
            scores: list[Any] = [Paragraph("skipped", s.muted), "", ""]
            spans.append(("SPAN", (3, index), (5, index)))
        else:
            scores = [Paragraph(score_text(e.score(d)), s.cell) for d in DIMENSIONS]
        rows.append(
            [
                Paragraph(str(index), s.cell),
                _one_line(turn.question.text, widths[1]),
                _one_line(pretty(turn.question.topic), widths[2]),
                *scores,
            ]
        )
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, FAINT),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, TRACK]),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                *spans,
            ]
        )
    )
    out: list[Flowable] = [Paragraph("Question by question", s.section), table]
    if len(source.turns) > len(shown):
        more = len(source.turns) - len(shown)
        out.append(Paragraph(f"… and {more} more in the full report.", s.muted))
    return out
