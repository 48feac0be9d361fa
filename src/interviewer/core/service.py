"""InterviewService: the rules of an interview, over a store, a grader and the banks."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from statistics import fmean
from uuid import UUID, uuid4

from interviewer.banks.loader import BankSet
from interviewer.core import selection
from interviewer.core.ability import Observation, credit_from_score, estimate
from interviewer.core.model import (
    Ability,
    Answer,
    Evaluation,
    InputMode,
    Interview,
    Plan,
    Question,
    Report,
    Status,
    Turn,
    Value,
)
from interviewer.core.ports import Grader, InterviewStore
from interviewer.core.report import build_report
from interviewer.errors import Conflict, GradingUnavailable, InvalidInput

HINT_COST = 1
WEAKEST_TOPICS = 3


def utcnow() -> datetime:
    return datetime.now(UTC)


class AnswerOutcome(Value):
    question_id: UUID
    evaluation: Evaluation
    next_question: Question | None
    interview: Interview

    @property
    def done(self) -> bool:
        return self.next_question is None


class InterviewService:
    def __init__(
        self,
        *,
        store: InterviewStore,
        grader: Grader,
        banks: BankSet,
        max_answer_chars: int = 10_000,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.store = store
        self.grader = grader
        self.banks = banks
        self.max_answer_chars = max_answer_chars
        self.clock = clock

    async def start(self, user_id: UUID, plan: Plan, *, weakest_topics: bool = False) -> Interview:
        bank = self.banks.track(plan.track)
        if bank is None:
            known = ", ".join(sorted(self.banks.banks))
            raise InvalidInput(
                f"Unknown track {plan.track!r}; choose one of: {known}.", field="track"
            )
        if plan.kind is not None and not any(i.kind == plan.kind for i in bank.items):
            raise InvalidInput(
                f"The {plan.track} track has no questions of kind {plan.kind!r}.", field="kind"
            )
        if weakest_topics:
            plan = plan.model_copy(
                update={"focus_topics": await self._weakest_topics(user_id, plan)}
            )
        ability = estimate([], level=plan.level)
        interview_id = await self.store.create_interview(
            user_id=user_id, plan=plan, ability=ability, created_at=self.clock()
        )
        interview = await self.store.load_interview(interview_id, user_id=user_id)
        await self._ask_next(interview, user_id=user_id)
        return await self.store.load_interview(interview_id, user_id=user_id)

    async def get(self, user_id: UUID, interview_id: UUID) -> Interview:
        return await self.store.load_interview(interview_id, user_id=user_id)

    async def submit_answer(
        self,
        user_id: UUID,
        interview_id: UUID,
        *,
        question_id: UUID,
        text: str,
        input_mode: InputMode = "text",
        seconds_taken: float | None = None,
        idempotency_key: str | None = None,
    ) -> AnswerOutcome:
        interview = await self.store.load_interview(interview_id, user_id=user_id)
        if idempotency_key:
            earlier = await self.store.find_answer(interview_id, idempotency_key=idempotency_key)
            if earlier is not None:
                return await self._replay(interview, earlier, question_id, user_id=user_id)
        question = self._current(interview, question_id)
        pending = interview.turn(question.id)
        if pending is not None and pending.answer is not None:
            return await self._grade_and_advance(
                interview, question, pending.answer, user_id=user_id
            )
        if len(text) > self.max_answer_chars:
            raise InvalidInput(
                f"The answer is {len(text)} characters; the limit is {self.max_answer_chars}.",
                field="text",
            )
        answer = Answer(
            id=uuid4(),
            question_id=question.id,
            text=text,
            input_mode=input_mode,
            seconds_taken=seconds_taken,
            idempotency_key=idempotency_key,
            submitted_at=self.clock(),
        )
        await self.store.save_answer(answer)
        await self.store.commit()
        return await self._grade_and_advance(interview, question, answer, user_id=user_id)

    async def hint(self, user_id: UUID, interview_id: UUID, question_id: UUID) -> str:
        interview = await self.store.load_interview(interview_id, user_id=user_id)
        question = self._current(interview, question_id)
        if not question.hint_used:
            await self.store.mark_hint_used(question.id)
        return question.hint

    async def skip(self, user_id: UUID, interview_id: UUID, question_id: UUID) -> Interview:
        interview = await self.store.load_interview(interview_id, user_id=user_id)
        question = self._current(interview, question_id)
        await self.store.mark_skipped(question.id)
        interview = await self.store.load_interview(interview_id, user_id=user_id)
        await self._update_ability(interview)
        interview = await self.store.load_interview(interview_id, user_id=user_id)
        await self._ask_next(interview, user_id=user_id)
        return await self.store.load_interview(interview_id, user_id=user_id)

    async def finalize(self, user_id: UUID, interview_id: UUID) -> Report:
        interview = await self.store.load_interview(interview_id, user_id=user_id)
        if interview.report is not None:
            return interview.report
        settled = [t for t in interview.turns if t.settled]
        finished_at = self.clock()
        report = build_report(
            settled,
            ability=interview.ability,
            started_at=interview.created_at,
            finished_at=finished_at,
        )
        await self.store.complete(interview_id, report=report, finished_at=finished_at)
        return report

    async def finished(self, user_id: UUID, interview_id: UUID) -> Interview:
        """The interview with its report; 409 until it is finalized."""
        interview = await self.store.load_interview(interview_id, user_id=user_id)
        if interview.report is None:
            raise Conflict("The interview is not finalized yet; finalize it first.")
        return interview

    def _current(self, interview: Interview, question_id: UUID) -> Question:
        if interview.status is not Status.ongoing:
            raise Conflict(f"The interview is {interview.status.value}; start a new one.")
        current = interview.current
        if current is None:
            raise Conflict("Every question has been answered; finalize the interview.")
        if current.id != question_id:
            raise Conflict(
                f"Question {question_id} is not the current question; answer {current.id}."
            )
        return current

    async def _replay(
        self, interview: Interview, earlier: Answer, question_id: UUID, *, user_id: UUID
    ) -> AnswerOutcome:
        """A retried submission: the first answer's result, or its grading if that was lost."""
        if earlier.question_id != question_id:
            raise Conflict("This idempotency key was already used for another question.")
        turn = interview.turn(earlier.question_id)
        assert turn is not None
        if turn.evaluation is None:
            return await self._grade_and_advance(interview, turn.question, earlier, user_id=user_id)
        following = [t for t in interview.turns if t.question.seq > turn.question.seq]
        return AnswerOutcome(
            question_id=turn.question.id,
            evaluation=turn.evaluation,
            next_question=following[0].question if following else None,
            interview=interview,
        )

    async def _grade_and_advance(
        self, interview: Interview, question: Question, answer: Answer, *, user_id: UUID
    ) -> AnswerOutcome:
        try:
            evaluation = await self.grader.grade(question, answer.text)
        except Exception as exc:
            raise GradingUnavailable(
                "Your answer is saved, but grading failed; send it again to have it graded."
            ) from exc
        if question.hint_used:
            evaluation = evaluation.model_copy(
                update={
                    "technical": max(1, evaluation.technical - HINT_COST),
                    "flags": (*evaluation.flags, "hint_used"),
                }
            )
        await self.store.save_evaluation(answer.id, evaluation)
        interview = await self.store.load_interview(interview.id, user_id=user_id)
        await self._update_ability(interview)
        interview = await self.store.load_interview(interview.id, user_id=user_id)
        if selection.needs_follow_up(question, evaluation, interview.turns):
            follow_up = selection.follow_up_for(
                question, evaluation, new_id=uuid4(), seq=len(interview.turns) + 1
            )
            follow_up = follow_up.model_copy(update={"asked_at": self.clock()})
            await self.store.add_question(interview.id, follow_up)
            next_question: Question | None = follow_up
        else:
            next_question = await self._ask_next(interview, user_id=user_id)
        interview = await self.store.load_interview(interview.id, user_id=user_id)
        return AnswerOutcome(
            question_id=question.id,
            evaluation=evaluation,
            next_question=next_question,
            interview=interview,
        )

    async def _update_ability(self, interview: Interview) -> Ability:
        observations = [
            Observation(t.question.difficulty, _credit(t)) for t in interview.turns if t.settled
        ]
        ability = estimate(observations, level=interview.plan.level)
        await self.store.set_ability(interview.id, ability)
        return ability

    async def _ask_next(self, interview: Interview, *, user_id: UUID) -> Question | None:
        plan = interview.plan
        if selection.should_stop(plan, interview.turns, interview.ability):
            return None
        pools = selection.Pools(
            track=self.banks.banks[plan.track].items,
            behavioral=self.banks.banks["behavioral"].items
            if "behavioral" in self.banks.banks
            else (),
        )
        pool = selection.pool_for_next(plan, interview.turns, pools)
        asked_here = {t.question.item_id for t in interview.turns if t.question.item_id}
        topics_here = Counter(t.question.topic for t in selection.main_turns(interview.turns))
        seq = len(interview.turns) + 1
        item = selection.pick_item(
            pool,
            plan=plan,
            ability=interview.ability,
            asked_here=asked_here,
            asked_before=await self.store.asked_item_ids(user_id, excluding=interview.id),
            topics_here=topics_here,
            rng=random.Random(f"{plan.seed}:{seq}"),
        )
        if item is None:
            return None
        question = selection.question_from_item(item, new_id=uuid4(), seq=seq)
        question = question.model_copy(update={"asked_at": self.clock()})
        await self.store.add_question(interview.id, question)
        return question

    async def _weakest_topics(self, user_id: UUID, plan: Plan) -> tuple[str, ...]:
        history = await self.store.past_evaluations(user_id, track=plan.track)
        by_topic: dict[str, list[int]] = defaultdict(list)
        for question, evaluation in history:
            by_topic[question.topic].append(evaluation.technical)
        ranked = sorted(by_topic, key=lambda topic: (fmean(by_topic[topic]), topic))
        return tuple(ranked[:WEAKEST_TOPICS])


def _credit(turn: Turn) -> float:
    if turn.evaluation is None:
        return 0.0
    return credit_from_score(turn.evaluation.technical)
