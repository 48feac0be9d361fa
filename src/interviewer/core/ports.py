"""What the core needs from the outside world, as Protocols."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol
from uuid import UUID

from interviewer.core.model import (
    Ability,
    Answer,
    Evaluation,
    Interview,
    Plan,
    Question,
    Report,
)


class Grader(Protocol):
    name: str

    async def grade(self, question: Question, answer: str) -> Evaluation: ...


class InterviewStore(Protocol):
    """Persistence for interviews; every read is scoped to the owning user."""

    async def create_interview(
        self, *, user_id: UUID, plan: Plan, ability: Ability, created_at: datetime
    ) -> UUID: ...

    async def load_interview(self, interview_id: UUID, *, user_id: UUID) -> Interview: ...

    async def add_question(self, interview_id: UUID, question: Question) -> None: ...

    async def save_answer(self, answer: Answer) -> None: ...

    async def find_answer(self, interview_id: UUID, *, idempotency_key: str) -> Answer | None: ...

    async def save_evaluation(self, answer_id: UUID, evaluation: Evaluation) -> None: ...

    async def mark_hint_used(self, question_id: UUID) -> None: ...

    async def mark_skipped(self, question_id: UUID) -> None: ...

    async def set_ability(self, interview_id: UUID, ability: Ability) -> None: ...

    async def complete(
        self, interview_id: UUID, *, report: Report, finished_at: datetime
    ) -> None: ...

    async def asked_item_ids(self, user_id: UUID, *, excluding: UUID) -> set[str]: ...

    async def past_evaluations(
        self, user_id: UUID, *, track: str
    ) -> Sequence[tuple[Question, Evaluation]]: ...

    async def commit(self) -> None:
        """Make what was written so far durable (an answer before it is graded)."""
        ...
