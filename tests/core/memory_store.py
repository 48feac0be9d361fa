"""An InterviewStore kept in dictionaries, so that service tests touch no database."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID, uuid4

from interviewer.core.model import (
    Ability,
    AiCall,
    AiUsage,
    Answer,
    Evaluation,
    Interview,
    Plan,
    Question,
    Report,
    Status,
    Turn,
)
from interviewer.errors import NotFound


class MemoryStore:
    def __init__(self) -> None:
        self.interviews: dict[UUID, Interview] = {}
        self.questions: dict[UUID, tuple[UUID, Question]] = {}
        self.answers: dict[UUID, Answer] = {}
        self.evaluations: dict[UUID, Evaluation] = {}
        self.calls: dict[UUID, list[AiCall]] = {}

    async def create_interview(
        self, *, user_id: UUID, plan: Plan, ability: Ability, created_at: datetime,
        notice: str = "",
    ) -> UUID:  # fmt: skip
        interview_id = uuid4()
        self.interviews[interview_id] = Interview(
            id=interview_id, user_id=user_id, plan=plan, status=Status.ongoing,
            ability=ability, turns=(), created_at=created_at, notice=notice,
        )  # fmt: skip
        return interview_id

    async def add_notice(self, interview_id: UUID, text: str) -> None:
        interview = self.interviews[interview_id]
        notice = f"{interview.notice} {text}".strip()
        self.interviews[interview_id] = interview.model_copy(update={"notice": notice})

    async def load_interview(self, interview_id: UUID, *, user_id: UUID) -> Interview:
        interview = self.interviews.get(interview_id)
        if interview is None or interview.user_id != user_id:
            raise NotFound("No such interview.")
        turns = []
        for owner, question in sorted(self.questions.values(), key=lambda p: p[1].seq):
            if owner != interview_id:
                continue
            answer = next((a for a in self.answers.values() if a.question_id == question.id), None)
            evaluation = self.evaluations.get(answer.id) if answer else None
            turns.append(Turn(question=question, answer=answer, evaluation=evaluation))
        return interview.model_copy(update={"turns": tuple(turns)})

    async def add_question(self, interview_id: UUID, question: Question) -> None:
        self.questions[question.id] = (interview_id, question)

    async def save_answer(self, interview_id: UUID, answer: Answer) -> None:
        self.answers[answer.id] = answer

    async def find_answer(self, interview_id: UUID, *, idempotency_key: str) -> Answer | None:
        return next(
            (
                a
                for a in self.answers.values()
                if a.idempotency_key == idempotency_key
                and self.questions[a.question_id][0] == interview_id
            ),
            None,
        )

    async def save_evaluation(
        self, interview_id: UUID, answer_id: UUID, evaluation: Evaluation
    ) -> None:
        self.evaluations[answer_id] = evaluation

    def _update_question(self, question_id: UUID, **changes: object) -> None:
        owner, question = self.questions[question_id]
        self.questions[question_id] = (owner, question.model_copy(update=changes))

    async def mark_hint_used(self, question_id: UUID) -> None:
        self._update_question(question_id, hint_used=True)

    async def mark_skipped(self, question_id: UUID) -> None:
        self._update_question(question_id, skipped=True)

    async def set_ability(self, interview_id: UUID, ability: Ability) -> None:
        self.interviews[interview_id] = self.interviews[interview_id].model_copy(
            update={"ability": ability}
        )

    async def complete(self, interview_id: UUID, *, report: Report, finished_at: datetime) -> None:
        self.interviews[interview_id] = self.interviews[interview_id].model_copy(
            update={"status": Status.completed, "report": report, "finished_at": finished_at}
        )

    async def asked_item_ids(self, user_id: UUID, *, excluding: UUID) -> set[str]:
        return set()

    async def past_evaluations(
        self, user_id: UUID, *, track: str
    ) -> Sequence[tuple[Question, Evaluation]]:
        return []

    async def record_ai_calls(self, interview_id: UUID, calls: Sequence[AiCall]) -> None:
        self.calls.setdefault(interview_id, []).extend(calls)

    async def ai_usage(self, interview_id: UUID) -> AiUsage:
        return AiUsage(calls=len(self.calls.get(interview_id, [])))

    async def commit(self) -> None:
        pass
