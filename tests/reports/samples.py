"""Finalized interviews built in memory from core model objects: no database, no server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

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
    SheetCell,
    Status,
    Turn,
)
from interviewer.core.report import build_report
from interviewer.reports import HistoryPoint, ReportSource

TOPICS = ("lookups", "pivot-tables", "conditional-logic", "data-cleaning", "charts")
STARTED = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def question_text(index: int) -> str:
    topic = TOPICS[index % len(TOPICS)].replace("-", " ")
    return f"Question {index + 1} on {topic}: how would you handle case {index + 1} in practice?"


def make_turn(
    index: int,
    *,
    answer: str | None = None,
    skipped: bool = False,
    hint: bool = False,
    formula: bool = False,
    topic: str | None = None,
    technical: int | None = None,
    feedback: str | None = None,
    quote: str | None = None,
) -> Turn:
    topic = topic or TOPICS[index % len(TOPICS)]
    question = Question(
        id=uuid4(),
        seq=index + 1,
        track="excel",
        topic=topic,
        difficulty=1 + index % 5,
        kind="conceptual" if index % 3 else "scenario",
        text=question_text(index),
        hint="Think about which column you search and which you return.",
        reference=f"A strong answer for case {index + 1} names the function and why it fits.",
        key_points=(KeyPoint(point="names the function"), KeyPoint(point="explains why")),
        resources=(
            Resource(
                title=f"Guide to {topic.replace('-', ' ')}",
                url=f"https://support.example.com/{topic}?lang=en&level=2",  # type: ignore[arg-type]
            ),
        ),
        hint_used=hint,
        skipped=skipped,
        asked_at=STARTED + timedelta(minutes=2 * index),
    )
    if skipped:
        return Turn(question=question)
    text = answer if answer is not None else f"I would use INDEX and MATCH for case {index + 1}."
    submitted = STARTED + timedelta(minutes=2 * index + 1)
    if formula:
        text = answer or "=SUMIFS(C:C, A:A, E2)"
        evaluation = Evaluation(
            technical=6,
            rationale="2 of 3 cells right.",
            feedback="The formula gives the right total for two regions of three.",
            examples_or_corrections="=SUMIFS($C$2:$C$9, $A$2:$A$9, E2)",
            cells=(
                SheetCell(cell="F2", got=120.0, expected=120, ok=True),
                SheetCell(cell="F3", got=True, expected=True, ok=True),
                SheetCell(cell="F4", got=None, expected="#N/A", ok=False),
            ),
        )
        question = question.model_copy(update={"kind": "excel_formula"})
        return Turn(
            question=question,
            answer=Answer(id=uuid4(), question_id=question.id, text=text, submitted_at=submitted),
            evaluation=evaluation,
        )
    evaluation = Evaluation(
        technical=technical if technical is not None else 1 + (index * 3) % 10,
        communication=1 + (index * 7 + 4) % 10,
        confidence=1 + (index * 5 + 2) % 10,
        rationale=f"Covered one of two key points for case {index + 1}.",
        feedback=feedback or f"Good start on case {index + 1}; say why the function fits.",
        examples_or_corrections="=INDEX(C:C, MATCH(A2, B:B, 0)) returns the price by code.",
        covered=(CoveredPoint(point="names the function", quote=quote or text[:40]),),
        missed=("explains why",),
    )
    return Turn(
        question=question,
        answer=Answer(id=uuid4(), question_id=question.id, text=text, submitted_at=submitted),
        evaluation=evaluation,
    )


def make_interview(
    *,
    turns: tuple[Turn, ...] | None = None,
    questions: int = 6,
    role: str = "Financial analyst",
    finished_at: datetime | None = None,
    interview_id: UUID | None = None,
) -> Interview:
    turns = turns if turns is not None else tuple(make_turn(i) for i in range(questions))
    finished = finished_at or STARTED + timedelta(minutes=2 * len(turns) + 3)
    ability = Ability(theta=0.4, sd=0.5)
    report = build_report(turns, ability=ability, started_at=STARTED, finished_at=finished)
    return Interview(
        id=interview_id or uuid4(),
        user_id=UUID(int=1),
        plan=Plan(
            track="excel", role=role, level=Level.mid, mode=Mode.technical, length=len(turns)
        ),
        status=Status.completed,
        ability=ability,
        turns=turns,
        created_at=STARTED,
        finished_at=finished,
        report=report,
    )


def history_for(interview: Interview, *, earlier: int) -> tuple[HistoryPoint, ...]:
    """`earlier` made-up past results, then this interview's own point."""
    assert interview.report is not None and interview.finished_at is not None
    points = [
        HistoryPoint(
            interview_id=uuid4(),
            track="excel" if n % 2 else "data-analyst",
            finished_at=interview.finished_at - timedelta(days=7 * (earlier - n)),
            overall=30 + 9 * n,
            averages={"technical": 3.0 + n, "communication": 4.0 + n / 2, "confidence": 5.0},
        )
        for n in range(earlier)
    ]
    points.append(
        HistoryPoint(
            interview_id=interview.id,
            track=interview.plan.track,
            finished_at=interview.finished_at,
            overall=interview.report.overall,
            averages=interview.report.averages,
        )
    )
    return tuple(points)


def make_source(
    *, candidate: str = "Ada Lovelace", earlier: int = 0, **interview_options: object
) -> ReportSource:
    interview = make_interview(**interview_options)  # type: ignore[arg-type]
    history = history_for(interview, earlier=earlier) if earlier else ()
    return ReportSource(interview=interview, candidate=candidate, history=history)
