"""How long the PDF reports take to build, for a 15-question finalized interview.

Built in memory from core model objects (no server, no database). Prints the median of
`--runs` builds of the full and the summary PDF, their sizes, and their ratio to two baselines
measured in the same run, so the figures mean something on a noisy machine: the Markdown export
of the same report, and a bare one-page ReportLab document (one paragraph, the same fonts).

    .venv/bin/python bench/report_speed.py [--runs 9] [--questions 15] [--history 4]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from io import BytesIO
from uuid import UUID, uuid4

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from interviewer.banks.schema import KeyPoint, Resource
from interviewer.core.model import (
    Ability,
    Answer,
    CoveredPoint,
    Evaluation,
    Interview,
    Level,
    Mode,
    Plan,
    Question,
    Status,
    Turn,
)
from interviewer.core.report import build_report
from interviewer.reports import HistoryPoint, ReportSource, render_markdown, render_pdf
from interviewer.reports.typography import SANS, register_fonts

TOPICS = ("lookups", "pivot-tables", "conditional-logic", "data-cleaning", "charts", "dates")
STARTED = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
ANSWER = (
    "I would use INDEX with MATCH, because VLOOKUP can only look to the right of its lookup "
    "column. MATCH with match type 0 finds the exact row of the product code, and INDEX returns "
    "the price from that row. In newer Excel, XLOOKUP does both in one function and lets me set "
    "what to return when nothing matches, which I would use to show 'not found' clearly. "
)


def _turn(index: int) -> Turn:
    topic = TOPICS[index % len(TOPICS)]
    question = Question(
        id=uuid4(),
        seq=index + 1,
        track="excel",
        topic=topic,
        difficulty=1 + index % 5,
        kind="conceptual",
        text=f"How would you return a price from a table by product code (case {index + 1})?",
        hint="Separate the column searched from the column returned.",
        reference="INDEX/MATCH or XLOOKUP, because VLOOKUP only looks to the right. " * 3,
        key_points=(KeyPoint(point="uses INDEX with MATCH"), KeyPoint(point="exact match")),
        resources=(
            Resource(title=f"{topic} guide", url=f"https://example.com/{topic}"),  # type: ignore[arg-type]
        ),
        asked_at=STARTED + timedelta(minutes=3 * index),
    )
    answer = Answer(
        id=uuid4(),
        question_id=question.id,
        text=ANSWER * (1 + index % 3),
        submitted_at=STARTED + timedelta(minutes=3 * index + 2),
    )
    evaluation = Evaluation(
        technical=1 + (index * 3) % 10,
        communication=1 + (index * 7 + 4) % 10,
        confidence=1 + (index * 5 + 2) % 10,
        rationale="Technical: 1 of 2 key points covered. Communication: 4 sentences, 3 links.",
        feedback="You covered:\n- uses INDEX with MATCH\n\nYou missed:\n- exact match\n\n"
        "State the match type explicitly.",
        examples_or_corrections="=INDEX(C:C, MATCH(A2, B:B, 0))",
        covered=(CoveredPoint(point="uses INDEX with MATCH", quote="INDEX with MATCH"),),
        missed=("exact match",),
    )
    return Turn(question=question, answer=answer, evaluation=evaluation)


def sample(questions: int, history: int) -> ReportSource:
    turns = tuple(_turn(i) for i in range(questions))
    finished = STARTED + timedelta(minutes=3 * questions + 5)
    ability = Ability(theta=0.3, sd=0.45)
    report = build_report(turns, ability=ability, started_at=STARTED, finished_at=finished)
    interview = Interview(
        id=uuid4(),
        user_id=UUID(int=1),
        plan=Plan(track="excel", role="Financial analyst", level=Level.mid, mode=Mode.technical,
                  length=questions),
        status=Status.completed,
        ability=ability,
        turns=turns,
        created_at=STARTED,
        finished_at=finished,
        report=report,
    )  # fmt: skip
    points = [
        HistoryPoint(
            interview_id=uuid4(),
            track="excel",
            finished_at=finished - timedelta(days=7 * (history - n)),
            overall=35 + 5 * n,
            averages={"technical": 4.0 + n / 2, "communication": 5.0, "confidence": 5.5},
        )
        for n in range(history)
    ]
    points.append(
        HistoryPoint(
            interview_id=interview.id,
            track="excel",
            finished_at=finished,
            overall=report.overall,
            averages=report.averages,
        )
    )
    return ReportSource(interview=interview, candidate="José Müller", history=tuple(points))


def bare_pdf() -> bytes:
    """The floor: a one-page ReportLab document with one paragraph in the same TTF font."""
    register_fonts()
    buffer = BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, invariant=True)
    document.build([Paragraph("Interview report", ParagraphStyle("p", fontName=SANS))])
    return buffer.getvalue()


def median_ms(build: Callable[[], object], runs: int) -> float:
    build()  # warm up: fonts parsed, styles cached
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        build()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed builds per figure (>= 7)")
    parser.add_argument("--questions", type=int, default=15)
    parser.add_argument("--history", type=int, default=4, help="earlier finished interviews")
    args = parser.parse_args()
    runs = max(7, args.runs)
    source = sample(args.questions, args.history)

    start = time.perf_counter()
    register_fonts()
    fonts_ms = (time.perf_counter() - start) * 1000

    full = render_pdf(source, kind="full")
    summary = render_pdf(source, kind="summary")
    markdown = render_markdown(source).encode("utf-8")
    floor = bare_pdf()
    timings = {
        "full PDF": (median_ms(lambda: render_pdf(source, kind="full"), runs), len(full)),
        "summary PDF": (median_ms(lambda: render_pdf(source, kind="summary"), runs), len(summary)),
        "Markdown (baseline)": (median_ms(lambda: render_markdown(source), runs), len(markdown)),
        "bare 1-page PDF (baseline)": (median_ms(bare_pdf, runs), len(floor)),
    }
    pages = full.count(b"/Type /Page\n")
    print(
        f"{args.questions} questions, {args.history + 1} interviews in the trend, "
        f"median of {runs} runs; fonts registered once in {fonts_ms:.0f} ms"
    )
    print(f"{'':28} {'median ms':>10} {'size':>10}")
    for name, (ms, size) in timings.items():
        print(f"{name:28} {ms:10.1f} {size / 1024:8.1f} KB")
    bare_ms = timings["bare 1-page PDF (baseline)"][0]
    md_ms = timings["Markdown (baseline)"][0]
    for name in ("full PDF", "summary PDF"):
        ms = timings[name][0]
        print(f"{name}: {ms / bare_ms:.1f}x a bare 1-page PDF, {ms / md_ms:.0f}x the Markdown")
    print(f"full PDF pages: {pages or 'see file'}")


if __name__ == "__main__":
    main()
