"""PDF reports built with ReportLab in memory: the full report and a one-page summary."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepInFrame,
    KeepTogether,
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
    PRODUCT,
    Lead,
    Paragraph,
    band,
    boxed,
    build,
    bullets,
    facts,
    footer,
    frame_height,
    header,
    heading,
    hex_of,
    one_decimal,
    resource_links,
    rich,
    score_text,
    section,
    styles,
)
from interviewer.reports.source import ReportSource
from interviewer.reports.text import (
    cell_texts,
    counts,
    dated_text,
    day,
    display_name,
    duration,
    excerpt,
    pretty,
    quotes_widened,
    shorten,
    tidy_numbers,
    topics_in_text,
    turn_dates,
)
from interviewer.reports.typography import SANS, SANS_BOLD, fit_width, markup, register_fonts

PdfKind = Literal["full", "summary"]
PDF_KINDS: tuple[PdfKind, ...] = ("full", "summary")
HISTORY_ROWS = 10
MAX_CELLS = 12
SUMMARY_ITEMS = 3
SUMMARY_TOPICS = 12  # more than this: the strongest beyond SUMMARY_STRONGEST are left out
SUMMARY_STRONGEST = 3
SUMMARY_QUESTIONS = 16
QUOTE_CHARS = 200

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


def _topic_bars(source: ReportSource, *, limit: int | None = None) -> tuple[list[Bar], int]:
    """Topics strongest first, and how many were left out. Every topic fits up to `limit`;
    past it the weakest are all kept (they are what to work on) with the few strongest, and
    the middle ranks go."""
    ranked = sorted(source.report.topic_scores.items(), key=lambda item: (-item[1], item[0]))
    if limit is not None and len(ranked) > limit:
        ranked = ranked[:SUMMARY_STRONGEST] + ranked[-(limit - SUMMARY_STRONGEST) :]
    bars = [Bar(pretty(topic), score) for topic, score in ranked]
    return bars, len(source.report.topic_scores) - len(bars)


def _prose(source: ReportSource, text: str) -> str:
    """Report text from core: topic ids as display names, machine floats shortened."""
    return tidy_numbers(topics_in_text(text, source.report.topic_scores))


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
    source: ReportSource,
    items: Sequence[str],
    *,
    limit: int | None = None,
    chars: int = 400,
    small: bool = False,
) -> list[Flowable]:
    s = styles()
    if not items:
        return [Paragraph("None recorded.", s.muted)]
    shown = [markup(shorten(_prose(source, item), chars)) for item in items[:limit]]
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
    story += section("Summary", [Paragraph(markup(_prose(source, report.summary)), s.body)])
    half = (FRAME_WIDTH - 18) / 2
    topic_bars, _left_out = _topic_bars(source)
    story += section(
        "Scores",
        [
            _grid(
                [
                    [
                        Paragraph("By dimension (1-10)", s.subsection),
                        _chart_or_note(_dimension_bars(source), width=half, label_width=82),
                    ],
                    [
                        Paragraph("By topic (technical, 1-10)", s.subsection),
                        _chart_or_note(topic_bars, width=half, label_width=118),
                    ],
                ],
                [half + 18, half],
                padding=18,
            )
        ],
    )
    story += _strengths_and_areas(source)
    if report.resources:
        story += section("Recommended resources", bullets(resource_links(report.resources)))
    if source.shows_trend:
        story += _trend(source)
    title = heading("Question by question", s.section)
    total = len(source.turns)
    if not total:
        story += [title, Paragraph("No question was asked in this interview.", s.muted)]
    for index, turn in enumerate(source.turns, start=1):
        story += _turn(turn, index=index, total=total, lead_in=[title] if index == 1 else [])
    return story


def _strengths_and_areas(source: ReportSource) -> list[Flowable]:
    """Side by side when both lists are short; stacked (and free to break across pages) if not."""
    report = source.report
    title = "Strengths and areas to improve"
    lists = (report.strengths, report.areas_to_improve)
    short = all(len(items) <= 4 and all(len(i) <= 90 for i in items) for items in lists)
    strengths, areas = _listing(source, report.strengths), _listing(source, report.areas_to_improve)
    if not short:
        return section(
            title,
            [
                boxed("Strengths", strengths, width=FRAME_WIDTH, accent=STRONG),
                Spacer(1, 8),
                boxed("Areas to improve", areas, width=FRAME_WIDTH, accent=WEAK),
            ],
        )
    half = (FRAME_WIDTH - 18) / 2
    return section(
        title,
        [
            _grid(
                [
                    boxed("Strengths", strengths, width=half, accent=STRONG),
                    boxed("Areas to improve", areas, width=half, accent=WEAK),
                ],
                [half + 18, half],
                padding=18,
            )
        ],
    )


def _signed(value: float) -> str:
    return f"{value:+g}"


def _trend(source: ReportSource) -> list[Flowable]:
    s = styles()
    history = source.trend
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
        f"Overall score across {len(history)} finished "
        f"{markup(display_name(source.interview.plan.track))} interviews (other tracks are not "
        f"compared); the filled point is this one. Change since the first: {', '.join(changes)}."
    )
    body = [Paragraph(intro, s.body), trend_chart(points, width=FRAME_WIDTH), Spacer(1, 6), table]
    return section("Progress across interviews", body, lines=6)


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


def _cells(cells: Sequence[SheetCell], dates: frozenset[str]) -> list[Flowable]:
    """A formula task's computed cells against the expected values; date cells as dates."""
    s = styles()
    head = [Paragraph(h, s.label) for h in ("Cell", "Formula gave", "Expected", "")]
    rows: list[list[Any]] = [head]
    for c in cells[:MAX_CELLS]:
        mark = (
            f'<font color="{hex_of(STRONG if c.ok else WEAK)}"><b>{"✓" if c.ok else "✗"}</b></font>'
        )
        got, expected = cell_texts(c, dates)
        rows.append(
            [
                Paragraph(markup(c.cell), s.cell),
                Paragraph(markup(got), s.cell),
                Paragraph(markup(expected), s.cell),
                Paragraph(mark, s.cell),
            ]
        )
    table = Table(rows, colWidths=[50, 150, 150, 24], hAlign="LEFT", repeatRows=1)
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


def _part(label: str, content: list[Flowable]) -> list[Flowable]:
    """A labelled part of a question: the label never ends a page without the first lines of
    its content, and long content splits across pages rather than leaving one half empty."""
    title = Paragraph(label, styles().label)
    return [Lead([title], content), title, *content]


def _turn(
    turn: Turn, *, index: int, total: int, lead_in: Sequence[Flowable] = ()
) -> list[Flowable]:
    """One question: `lead_in` (a section heading) and the question's own heading are kept
    with the first lines of the answer."""
    s = styles()
    q, evaluation = turn.question, turn.evaluation
    tags = [pretty(q.topic), f"difficulty {q.difficulty}/5", pretty(q.kind)]
    tags += ["follow-up"] * (q.parent_id is not None) + ["hint used"] * q.hint_used
    tags += ["skipped"] * q.skipped
    head: list[Flowable] = [
        *lead_in,
        Paragraph(
            f"Question {index} of {total}"
            f'<font name="{SANS_BOLD}" size="8" color="{hex_of(MUTED)}">'
            f"&nbsp;&nbsp;&nbsp;{markup(' · '.join(tags))}</font>",
            s.subsection,
        ),
        Paragraph(markup(q.text, font=SANS_BOLD), s.question),
    ]
    for flowable in head:
        flowable.keepWithNext = False  # the Lead below does it, without moving whole blocks
    answer = turn.answer.text if turn.answer is not None else ""
    out: list[Flowable] = []
    scored: list[Flowable] = []
    if evaluation is not None:
        # The scores open the feedback: they never end a page with the feedback on the next.
        said = dated_text(
            quotes_widened(evaluation.feedback, answer, limit=QUOTE_CHARS), turn_dates(turn)
        )
        feedback = rich(said, style=s.body)
        if evaluation.rationale and evaluation.rationale != evaluation.feedback:
            feedback += rich(evaluation.rationale, style=s.muted)
        label = Paragraph("FEEDBACK", s.label)
        opening = [_score_row(turn), Spacer(1, 4), label]
        scored = [Lead(opening, feedback), *opening, *feedback]
    if q.skipped or turn.answer is None:
        head.append(Paragraph("Skipped: no answer was given.", s.muted))
        out.append(KeepTogether(head))
    else:
        head.append(Paragraph("ANSWER", s.label))
        body = Paragraph(markup(answer) or "(empty)", s.answer)
        # The heading with the answer's first lines, and a short answer with its scores and
        # the start of its feedback.
        out += [Lead(head, [body, *[f for f in scored if not isinstance(f, Lead)]], lines=8)]
        out += [*head, body]
    out += scored
    corrections = evaluation.examples_or_corrections if evaluation else ""
    if evaluation is not None:
        dates = turn_dates(turn)
        # Graders that already list the key points in their feedback are not repeated.
        covered = [c for c in evaluation.covered if c.point not in evaluation.feedback]
        if covered:
            grey = f'<font color="{hex_of(MUTED)}">'
            lines = [
                f"{markup(tidy_numbers(c.point))} {grey}— “"
                f"{markup(excerpt(answer, c.quote, limit=QUOTE_CHARS))}”</font>"
                if c.quote
                else markup(tidy_numbers(c.point))
                for c in covered
            ]
            out += _part("COVERED, IN YOUR WORDS", bullets(lines))
        missed = [m for m in evaluation.missed if m not in evaluation.feedback]
        if missed:
            out += _part("MISSED", bullets([markup(tidy_numbers(m)) for m in missed]))
        if evaluation.cells:
            out += _part("CHECKED CELLS", _cells(evaluation.cells, dates))
        if corrections:
            out += _part("CORRECTION OR EXAMPLE", rich(corrections, style=s.body))
    if q.reference and q.reference not in corrections:
        out += _part("MODEL ANSWER", rich(q.reference, style=s.muted))
    resources = (evaluation.resources if evaluation else ()) or q.resources
    if resources:
        out += _part("RESOURCES", bullets(resource_links(resources)))
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
        Paragraph(markup(shorten(_prose(source, report.summary), 600)), s.body),
    ]
    half = (FRAME_WIDTH - 18) / 2
    topics, left_out = _topic_bars(source, limit=SUMMARY_TOPICS)
    topic_chart: list[Flowable] = [
        Paragraph("By topic (technical, 1-10)", s.subsection),
        _chart_or_note(topics, width=half, label_width=118, row=16 if len(topics) <= 8 else 13),
    ]
    if left_out:
        topic_chart.append(
            Paragraph(
                f"{left_out} more, ranked between these, in the full report.",
                s.muted,
            )
        )
    story.append(
        _grid(
            [
                topic_chart,
                [
                    boxed(
                        "Strengths",
                        _listing(
                            source, report.strengths, limit=SUMMARY_ITEMS, chars=100, small=True
                        ),
                        width=half,
                        accent=STRONG,
                    ),
                    Spacer(1, 8),
                    boxed(
                        "Areas to improve",
                        _listing(
                            source,
                            report.areas_to_improve,
                            limit=SUMMARY_ITEMS,
                            chars=100,
                            small=True,
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
    widths = [20, FRAME_WIDTH - 20 - 128 - 3 * 34, 128, 34, 34, 34]
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
