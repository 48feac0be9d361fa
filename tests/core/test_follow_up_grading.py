"""A follow-up is graded together with the answer it follows, and asked only when points are
really missing (the grader's `missed` list, not quotes)."""

from __future__ import annotations

import uuid

from interviewer.banks.loader import BankSet
from interviewer.core import selection
from interviewer.core.model import CoveredPoint, Evaluation, Plan, Question, Turn
from interviewer.core.service import InterviewService
from interviewer.grading.grader import grade_answer
from tests.core.memory_store import MemoryStore

ITEM = "data-analyst-sql-basics-001"  # WHERE vs HAVING, three key points
HAVING_ONLY = (
    "HAVING filters the groups after the aggregation, so a condition on an aggregate such as "
    "SUM(amount) > 1000 belongs in HAVING."
)
WHERE_PART = (
    "WHERE filters individual rows before the grouping happens, so it is applied to each row "
    "and it cannot contain aggregate functions such as SUM."
)


class OfflineGrader:
    name = "offline"

    async def grade(self, question: Question, answer: str) -> Evaluation:
        return grade_answer(question, answer)


def one_item_banks(banks: BankSet) -> BankSet:
    bank = banks.banks["data-analyst"]
    item = banks.items[ITEM]
    return BankSet([bank.model_copy(update={"items": (item,)})])


async def start(banks: BankSet) -> tuple[InterviewService, uuid.UUID, uuid.UUID, Question]:
    service = InterviewService(
        store=MemoryStore(), grader=OfflineGrader(), banks=one_item_banks(banks)
    )
    user = uuid.uuid4()
    interview = await service.start(user, Plan(track="data-analyst", role="Analyst", length=1))
    assert interview.current is not None and interview.current.item_id == ITEM
    return service, user, interview.id, interview.current


async def test_a_follow_up_is_graded_with_the_first_answer(banks: BankSet):
    service, user, interview_id, first = await start(banks)
    outcome = await service.submit_answer(
        user, interview_id, question_id=first.id, text=HAVING_ONLY
    )
    follow_up = outcome.next_question
    assert follow_up is not None and follow_up.parent_id == first.id, outcome.evaluation.missed
    assert len(follow_up.key_points) < len(first.key_points)

    second = await service.submit_answer(
        user, interview_id, question_id=follow_up.id, text=WHERE_PART
    )
    together = second.evaluation
    alone = grade_answer(first, WHERE_PART)
    assert together.technical > alone.technical
    assert together.technical > outcome.evaluation.technical
    assert not together.missed
    assert "HAVING filters groups after aggregation" in [c.point for c in together.covered]
    assert selection.FOLLOW_UP_NOTE in together.feedback
    assert "together with your first answer" in together.rationale
    assert second.next_question is None


async def test_no_follow_up_when_nothing_is_missed(banks: BankSet):
    service, user, interview_id, first = await start(banks)
    outcome = await service.submit_answer(
        user, interview_id, question_id=first.id, text=f"{WHERE_PART} {HAVING_ONLY} "
        "Filtering early in WHERE means fewer rows are grouped, which is more efficient.",
    )  # fmt: skip
    assert outcome.evaluation.missed == ()
    assert outcome.next_question is None


def _question() -> Question:
    return Question.model_validate(
        {
            "id": uuid.uuid4(), "seq": 1, "track": "excel", "topic": "lookups",
            "difficulty": 3, "kind": "conceptual", "text": "Which lookup, and why?",
            "hint": "Think.", "reference": "INDEX with MATCH, or XLOOKUP, with an exact match.",
            "key_points": [{"point": "INDEX MATCH"}, {"point": "XLOOKUP"}, {"point": "exact"}],
        }
    )  # fmt: skip


def _graded(*, covered: tuple[str, ...], missed: tuple[str, ...]) -> Evaluation:
    return Evaluation(
        technical=5, communication=5, confidence=5, rationale="r", feedback="f",
        covered=tuple(CoveredPoint(point=p, quote="") for p in covered), missed=missed,
    )  # fmt: skip


def test_the_follow_up_decision_reads_missed_not_quotes():
    question = _question()
    turns = [Turn(question=question)]
    # a grader that credits points in other words may leave the quotes out entirely
    paraphrased = _graded(covered=(), missed=())
    assert not selection.needs_follow_up(question, paraphrased, turns)
    one_missed = _graded(covered=(), missed=("exact",))
    assert not selection.needs_follow_up(question, one_missed, turns)
    most_missed = _graded(covered=("INDEX MATCH",), missed=("XLOOKUP", "exact"))
    assert selection.needs_follow_up(question, most_missed, turns)


def test_a_blank_follow_up_or_a_formula_is_graded_alone():
    question = _question()
    follow_up = selection.follow_up_for(
        question, _graded(covered=(), missed=("XLOOKUP", "exact")), new_id=uuid.uuid4(), seq=2
    )
    assert selection.graded_with_first_answer(follow_up, "  ", [Turn(question=question)]) is None
    assert selection.graded_with_first_answer(question, "text", [Turn(question=question)]) is None
