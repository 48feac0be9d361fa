"""What the core needs from the outside world, as Protocols."""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from contextvars import ContextVar
from datetime import datetime
from typing import Protocol, runtime_checkable
from uuid import UUID

from interviewer.core.model import (
    Ability,
    AiCall,
    AiUsage,
    Answer,
    Evaluation,
    FollowUpText,
    Interview,
    Narrative,
    Plan,
    Question,
    QuestionRequest,
    Report,
    Sourced,
    Turn,
)

grading_for: ContextVar[str | None] = ContextVar("grading_for", default=None)
"""The candidate whose answer is being checked or graded, so shared graders (the formula
workers) can share their capacity fairly between candidates."""


class Grader(Protocol):
    name: str

    async def grade(self, question: Question, answer: str) -> Evaluation: ...


@runtime_checkable
class PlanAwareGrader(Protocol):
    """A grader that also reads the candidate's profile (role, level, mode, job description)."""

    name: str

    async def grade_for(self, plan: Plan, question: Question, answer: str) -> Evaluation: ...


class QuestionSource(Protocol):
    """Writes questions (an AI provider); the service falls back to the banks when it cannot."""

    name: str
    free_roles: bool
    """Whether it can write questions for a role that has no bank (e.g. "DevOps engineer")."""

    async def next_question(self, request: QuestionRequest) -> Sourced: ...

    async def follow_up(
        self, question: Question, answer: str, missed: Sequence[str]
    ) -> FollowUpText: ...

    def prefetch(self, request: QuestionRequest) -> None:
        """Start preparing this question now (while the candidate answers the current one)."""
        ...


class Narrator(Protocol):
    """Writes the report's strengths, areas to improve and summary."""

    async def narrate(self, plan: Plan, report: Report, turns: Sequence[Turn]) -> Narrative: ...


class InterviewStore(Protocol):
    """Persistence for interviews; every read is scoped to the owning user."""

    async def create_interview(
        self,
        *,
        user_id: UUID,
        plan: Plan,
        ability: Ability,
        created_at: datetime,
        notice: str = "",
    ) -> UUID: ...

    async def add_notice(self, interview_id: UUID, text: str) -> None:
        """Append to what the candidate is told about how the interview is run."""
        ...

    async def load_interview(self, interview_id: UUID, *, user_id: UUID) -> Interview: ...

    async def add_question(self, interview_id: UUID, question: Question) -> None: ...

    async def save_answer(self, interview_id: UUID, answer: Answer) -> None: ...

    async def find_answer(self, interview_id: UUID, *, idempotency_key: str) -> Answer | None: ...

    async def save_evaluation(
        self, interview_id: UUID, answer_id: UUID, evaluation: Evaluation
    ) -> None: ...

    async def mark_hint_used(self, question_id: UUID) -> None: ...

    async def mark_skipped(self, question_id: UUID) -> None: ...

    async def set_ability(self, interview_id: UUID, ability: Ability) -> None: ...

    async def complete(
        self, interview_id: UUID, *, report: Report, finished_at: datetime
    ) -> None: ...

    async def asked_item_ids(self, user_id: UUID, *, excluding: UUID) -> AbstractSet[str]: ...

    async def past_evaluations(
        self, user_id: UUID, *, track: str
    ) -> Sequence[tuple[Question, Evaluation]]: ...

    async def record_ai_calls(self, interview_id: UUID, calls: Sequence[AiCall]) -> None: ...

    async def ai_usage(self, interview_id: UUID) -> AiUsage: ...

    async def commit(self) -> None:
        """Make what was written so far durable (an answer before it is graded)."""
        ...
