"""A report says when its answers were scored by different graders."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from interviewer.banks.loader import BankSet
from interviewer.core.model import Ability, Evaluation, Narrative, Plan, Question, Report, Turn
from interviewer.core.report import build_report, grader_note
from interviewer.core.service import InterviewService
from tests.core.memory_store import MemoryStore

WHEN = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def turn(graded_by: str, *, kind: str = "conceptual") -> Turn:
    question = Question.model_validate(
        {
            "id": uuid.uuid4(), "seq": 1, "track": "excel", "topic": "lookups", "difficulty": 3,
            "kind": kind, "text": "Which lookup?", "hint": "h", "reference": "XLOOKUP.",
        }
    )  # fmt: skip
    evaluation = Evaluation(
        technical=6, communication=6, confidence=6, rationale="r", feedback="f",
        graded_by=graded_by,
    )  # fmt: skip
    return Turn(question=question, evaluation=evaluation)


def report_summary(turns: list[Turn]) -> str:
    return build_report(turns, ability=Ability(), started_at=WHEN, finished_at=WHEN).summary


def test_one_grader_needs_no_note():
    assert grader_note([turn("gemini:flash"), turn("gemini:flash")]) == ""
    assert grader_note([turn("offline"), turn("formula-engine", kind="excel_formula")]) == ""
    assert "different graders" not in report_summary([turn("offline"), turn("offline")])


def test_an_ai_interview_with_fallbacks_says_how_many_each_grader_scored():
    turns = [
        turn("gemini:flash"),
        turn("gemini:flash"),
        turn("offline (fallback: timeout)"),
        turn("formula-engine", kind="excel_formula"),
    ]
    summary = report_summary(turns)
    assert "different graders" in summary
    assert "2 by the AI grader (gemini:flash)" in summary
    assert "1 by the offline grader" in summary
    assert "1 because the AI grader was unavailable" in summary


class FlakyAiGrader:
    """Scores like an AI provider whose every second call fell back to the offline grader."""

    name = "gemini"

    def __init__(self) -> None:
        self.count = 0

    async def grade(self, question: Question, answer: str) -> Evaluation:
        self.count += 1
        graded_by = "gemini:flash" if self.count % 2 else "offline (fallback: HTTP 503)"
        return turn(graded_by).evaluation.model_copy(update={"missed": ()})  # type: ignore[union-attr]


class Narrator:
    async def narrate(self, plan: Plan, report: Report, turns: Sequence[Turn]) -> Narrative:
        return Narrative(summary="A solid interview, written by the model.")


async def test_a_model_written_summary_keeps_the_note(banks: BankSet):
    service = InterviewService(
        store=MemoryStore(), grader=FlakyAiGrader(), banks=banks, narrator=Narrator()
    )
    user = uuid.uuid4()
    interview = await service.start(
        user, Plan(track="excel", role="Analyst", length=2, kind="conceptual")
    )
    while interview.current is not None:
        await service.submit_answer(
            user, interview.id, question_id=interview.current.id, text="An answer."
        )
        interview = await service.get(user, interview.id)
    report = await service.finalize(user, interview.id)
    assert report.summary.startswith("A solid interview, written by the model.")
    assert "1 by the AI grader (gemini:flash), 1 by the offline grader" in report.summary
