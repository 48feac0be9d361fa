"""InterviewService: the rules of an interview, over a store, a grader and the banks."""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from statistics import fmean
from uuid import UUID, uuid4

from interviewer.banks.loader import BankSet
from interviewer.core import selection
from interviewer.core.ability import Observation, credit_from_score, difficulty_for, estimate
from interviewer.core.delivery import DeliveryMeter, Speech, summary_sentence
from interviewer.core.formatting import plural
from interviewer.core.model import (
    AiCall,
    Answer,
    Evaluation,
    InputMode,
    Interview,
    Mode,
    Plan,
    Question,
    QuestionRequest,
    Report,
    Status,
    Turn,
    Value,
)
from interviewer.core.ports import (
    Grader,
    InterviewStore,
    Narrator,
    PlanAwareGrader,
    QuestionSource,
    grading_for,
)
from interviewer.core.report import build_report, grader_note
from interviewer.errors import Conflict, GradingUnavailable, InvalidInput, NotFound

HINT_COST = 1
DEFAULT_QUESTION_SHARE = 0.25
JOB_DESCRIPTION_SHARE = 0.5
WEAKEST_TOPICS = 3
TRACK_WORDS: dict[str, tuple[str, ...]] = {
    "excel": ("excel", "spreadsheet", "accountant", "accounting", "finance", "financial"),
    "data-analyst": ("data", "analyst", "analytics", "sql", "business intelligence", "bi"),
    "python-developer": (
        "python", "developer", "engineer", "software", "backend", "devops", "programmer",
        "django", "machine learning", "sre", "platform",
    ),
    "product-manager": ("product", "manager", "owner", "pm"),
    "behavioral": ("behavioral", "behavioural", "soft skill", "leadership", "hr"),
}  # fmt: skip
"""Words that point a free role at the nearest track when no AI provider writes questions."""


def nearest_track(role: str, known: set[str]) -> str | None:
    """The bank track closest to a free role ("DevOps engineer" -> python-developer), or None."""
    text = f" {role.lower()} "
    for track, words in TRACK_WORDS.items():
        if track in known and any(re.search(rf"\b{re.escape(w)}\b", text) for w in words):
            return track
    return None


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "general"


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
        precheck: Callable[[Question, str], Awaitable[None]] | None = None,
        clock: Callable[[], datetime] = utcnow,
        questions: QuestionSource | None = None,
        narrator: Narrator | None = None,
        question_share: float = DEFAULT_QUESTION_SHARE,
        delivery: DeliveryMeter | None = None,
    ) -> None:
        """`question_share`: of the main questions on a track with a bank, the share the AI
        provider writes (at least JOB_DESCRIPTION_SHARE with a job description); the bank asks
        the rest, and the model fills any gap the bank leaves."""
        self.store = store
        self.grader = grader
        self.banks = banks
        self.max_answer_chars = max_answer_chars
        self.precheck = precheck
        self.clock = clock
        self.questions = questions
        self.narrator = narrator
        self.question_share = min(1.0, max(0.0, question_share))
        self.delivery = delivery
        """Judges how voice answers were spoken; without it their timings are ignored."""

    async def start(self, user_id: UUID, plan: Plan, *, weakest_topics: bool = False) -> Interview:
        bank = self.banks.track(plan.track)
        notice = ""
        if bank is None:
            plan, notice = self._free_role(plan)
        elif plan.kind is not None and not any(i.kind == plan.kind for i in bank.items):
            raise InvalidInput(
                f"The {plan.track} track has no questions of kind {plan.kind!r}.", field="kind"
            )
        if weakest_topics:
            plan = plan.model_copy(
                update={"focus_topics": await self._weakest_topics(user_id, plan)}
            )
        ability = estimate([], level=plan.level)
        interview_id = await self.store.create_interview(
            user_id=user_id,
            plan=plan,
            ability=ability,
            created_at=self.clock(),
            notice=notice or self._mix_notice(plan),
        )
        interview = await self.store.load_interview(interview_id, user_id=user_id)
        return await self._with_usage(await self._advance(interview, user_id=user_id))

    async def get(self, user_id: UUID, interview_id: UUID) -> Interview:
        """The interview with its AI usage totals and a notice when questions fell back."""
        return await self._with_usage(
            await self.store.load_interview(interview_id, user_id=user_id)
        )

    async def _with_usage(self, interview: Interview) -> Interview:
        if self.questions is None and self.narrator is None:
            return interview
        usage = await self.store.ai_usage(interview.id)
        notice = " ".join(filter(None, (interview.notice, fallback_notice(interview.turns))))
        return interview.model_copy(update={"ai_usage": usage, "notice": notice})

    def _model_writes(self, plan: Plan, index: int) -> bool:
        """Whether the AI provider writes main question `index`: every one on a free role,
        an even spread of `question_share` of them on a bank track; never formula tasks."""
        if self.questions is None or plan.kind == "excel_formula":
            return False
        if self.banks.track(plan.track) is None:
            return True
        share = self.question_share
        if plan.job_description.strip():
            share = max(share, JOB_DESCRIPTION_SHARE)
        return int((index + 1) * share) > int(index * share)

    def _mix_notice(self, plan: Plan) -> str:
        if self.questions is None:
            return ""
        name = self.questions.name
        if self.banks.track(plan.track) is None:
            return f"Questions are written by the AI model ({name}) for the role {plan.role}."
        written = sum(self._model_writes(plan, i) for i in range(plan.length))
        tasks = " and formula tasks computed on a sheet" if plan.track == "excel" else ""
        bank = f"the curated {plan.track} bank (reference answers, key points, resources{tasks})"
        if not written:
            every = (
                "The question comes" if plan.length == 1 else f"All {plan.length} questions come"
            )
            return f"{every} from {bank}."
        written_for = "your role and job description" if plan.job_description else "your role"
        return (
            f"About {plan.length - written} of {plural(plan.length, 'question')} come from {bank}; "
            f"{written} {'is' if written == 1 else 'are'} written by the AI model ({name}) for "
            f"{written_for} (INTERVIEWER_AI_QUESTION_SHARE sets the mix)."
        )

    def _free_role(self, plan: Plan) -> tuple[Plan, str]:
        """A track with no bank: a role for the AI provider, or the nearest track offline."""
        text = plan.track.strip()
        if self.questions is not None and self.questions.free_roles:
            return plan.model_copy(update={"track": slug(text), "role": text}), ""
        known = set(self.banks.banks)
        mapped = nearest_track(text, known)
        if mapped is None:
            choices = ", ".join(sorted(known))
            raise InvalidInput(
                f"Unknown track {plan.track!r}; choose one of: {choices} "
                "(any role works with an AI provider: set INTERVIEWER_AI_PROVIDER).",
                field="track",
            )
        notice = (
            f"The offline engine has no track for {text!r}, so your questions come from the "
            f"nearest track, {mapped}. Set INTERVIEWER_AI_PROVIDER=gemini or openai to get "
            "questions written for the role."
        )
        return plan.model_copy(update={"track": mapped, "role": text}), notice

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
        speech: Speech | None = None,
    ) -> AnswerOutcome:
        """`speech`: a voice answer's word timings, for feedback on its delivery."""
        candidate = grading_for.set(str(user_id))
        try:
            return await self._submit(
                user_id,
                interview_id,
                question_id=question_id,
                text=text,
                input_mode=input_mode,
                seconds_taken=seconds_taken,
                idempotency_key=idempotency_key,
                speech=speech,
            )
        finally:
            grading_for.reset(candidate)

    async def _submit(
        self,
        user_id: UUID,
        interview_id: UUID,
        *,
        question_id: UUID,
        text: str,
        input_mode: InputMode,
        seconds_taken: float | None,
        idempotency_key: str | None,
        speech: Speech | None = None,
    ) -> AnswerOutcome:
        interview = await self.store.load_interview(interview_id, user_id=user_id)
        if idempotency_key:
            earlier = await self.store.find_answer(interview_id, idempotency_key=idempotency_key)
            if earlier is not None:
                return await self._replay(interview, earlier, question_id, user_id=user_id)
        answered = interview.turn(question_id)
        if (
            answered is not None
            and answered.evaluation is not None
            and answered.answer is not None
            and answered.answer.text.strip() == text.strip()
        ):
            return await self._replay(interview, answered.answer, question_id, user_id=user_id)
        question = self._current(interview, question_id)
        pending = interview.turn(question.id)
        if pending is not None and pending.answer is not None:
            if pending.answer.text.strip() != text.strip():
                raise Conflict(
                    "An answer to this question is already saved and waiting to be graded; "
                    "send that same text again to have it graded (a saved answer cannot be "
                    "changed)."
                )
            return await self._grade_and_advance(
                interview, question, pending.answer, user_id=user_id
            )
        if len(text) > self.max_answer_chars:
            raise InvalidInput(
                f"The answer is {len(text)} characters; the limit is {self.max_answer_chars}.",
                field="text",
            )
        if "\x00" in text:
            raise InvalidInput(
                "The answer contains NUL (\\u0000) characters, which cannot be stored; "
                "remove them.",
                field="text",
            )
        if self.precheck is not None:
            await self.precheck(question, text)
        answer = Answer(
            id=uuid4(),
            question_id=question.id,
            text=text,
            input_mode=input_mode,
            seconds_taken=seconds_taken,
            idempotency_key=idempotency_key,
            submitted_at=self.clock(),
            delivery=(
                self.delivery.measure(question, speech)
                if self.delivery is not None and speech is not None and input_mode == "voice"
                else None
            ),
        )
        await self.store.save_answer(interview.id, answer)
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
        skipped = question.model_copy(update={"skipped": True})
        interview = await self._update_ability(_settle(interview, question.id, question=skipped))
        return await self._advance(interview, user_id=user_id)

    async def _advance(self, interview: Interview, *, user_id: UUID) -> Interview:
        """The interview with its next question asked, without reading it back."""
        question = await self._ask_next(interview, user_id=user_id)
        if question is None:
            return interview
        return interview.model_copy(update={"turns": (*interview.turns, Turn(question=question))})

    async def finalize(self, user_id: UUID, interview_id: UUID) -> Report:
        finished = await self.finish(user_id, interview_id)
        assert finished.report is not None
        return finished.report

    async def finish(self, user_id: UUID, interview_id: UUID) -> Interview:
        """The completed interview with its report, built once: calling it again returns the
        same one."""
        interview = await self.store.load_interview(interview_id, user_id=user_id)
        if interview.report is not None:
            return await self._with_usage(interview)
        settled = [t for t in interview.turns if t.settled]
        finished_at = self.clock()
        report = build_report(
            settled,
            ability=interview.ability,
            started_at=interview.created_at,
            finished_at=finished_at,
        )
        if self.narrator is not None:
            narrative = await self.narrator.narrate(interview.plan, report, settled)
            await self.store.record_ai_calls(interview_id, narrative.calls)
            if not narrative.written and narrative.reason:
                notice = (
                    "The report's strengths and summary were written by the offline engine "
                    f"because the AI provider could not write them ({narrative.reason})."
                )
                await self.store.add_notice(interview_id, notice)
                interview = interview.model_copy(
                    update={"notice": f"{interview.notice} {notice}".strip()}
                )
            if narrative.written:
                report = report.model_copy(
                    update={
                        "strengths": narrative.strengths or report.strengths,
                        "areas_to_improve": narrative.areas_to_improve or report.areas_to_improve,
                        "summary": narrative.summary
                        + (summary_sentence(report.delivery) if report.delivery else "")
                        + grader_note(settled),
                    }
                )
        await self.store.complete(interview_id, report=report, finished_at=finished_at)
        completed = {"status": Status.completed, "finished_at": finished_at, "report": report}
        return await self._with_usage(interview.model_copy(update=completed))

    async def question(self, user_id: UUID, interview_id: UUID, question_id: UUID) -> Question:
        interview = await self.store.load_interview(interview_id, user_id=user_id)
        turn = interview.turn(question_id)
        if turn is None:
            raise NotFound(f"No question {question_id} in this interview.")
        return turn.question

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
        together = selection.graded_with_first_answer(question, answer.text, interview.turns)
        graded_question, graded_text = together or (question, answer.text)
        try:
            if isinstance(self.grader, PlanAwareGrader):
                evaluation = await self.grader.grade_for(
                    interview.plan, graded_question, graded_text
                )
            else:
                evaluation = await self.grader.grade(graded_question, graded_text)
        except Exception as exc:
            raise GradingUnavailable(
                "Your answer is saved, but grading failed; send it again to have it graded."
            ) from exc
        if together is not None:
            note = selection.FOLLOW_UP_NOTE
            evaluation = evaluation.model_copy(
                update={
                    "rationale": f"{note} {evaluation.rationale}",
                    "feedback": f"{note}\n\n{evaluation.feedback}",
                }
            )
        if question.hint_used:
            evaluation = evaluation.model_copy(
                update={
                    "technical": max(1, evaluation.technical - HINT_COST),
                    "flags": (*evaluation.flags, "hint_used"),
                }
            )
        if self.delivery is not None and answer.delivery is not None:
            evaluation = self.delivery.apply(evaluation, answer.delivery)
        await self._record(interview.id, evaluation.calls)
        await self.store.save_evaluation(interview.id, answer.id, evaluation)
        interview = await self._update_ability(
            _settle(interview, question.id, answer=answer, evaluation=evaluation)
        )
        if selection.needs_follow_up(question, evaluation, interview.turns):
            follow_up = await self._follow_up(interview, question, answer, evaluation)
            await self.store.add_question(interview.id, follow_up)
            next_question: Question | None = follow_up
        else:
            next_question = await self._ask_next(interview, user_id=user_id)
        if next_question is not None:
            turns = (*interview.turns, Turn(question=next_question))
            interview = interview.model_copy(update={"turns": turns})
        return AnswerOutcome(
            question_id=question.id,
            evaluation=evaluation,
            next_question=next_question,
            interview=interview,
        )

    async def _update_ability(self, interview: Interview) -> Interview:
        """Re-estimate from every settled turn, store it, and return the updated interview."""
        observations = [
            Observation(t.question.difficulty, _credit(t)) for t in interview.turns if t.settled
        ]
        ability = estimate(observations, level=interview.plan.level)
        await self.store.set_ability(interview.id, ability)
        return interview.model_copy(update={"ability": ability})

    async def _record(self, interview_id: UUID, calls: tuple[AiCall, ...]) -> None:
        if calls:
            await self.store.record_ai_calls(interview_id, calls)

    def _question_request(
        self, interview: Interview, *, index: int, asked: list[str]
    ) -> QuestionRequest:
        plan = interview.plan

        def behavioral(i: int) -> bool:
            return plan.mode is Mode.behavioral or (plan.mode is Mode.mixed and i % 2 == 1)

        upcoming = tuple(
            behavioral(i) for i in range(index, plan.length) if self._model_writes(plan, i)
        )
        return QuestionRequest(
            interview_id=interview.id,
            plan=plan,
            index=index,
            behavioral=behavioral(index),
            difficulty=difficulty_for(interview.ability.theta),
            asked=tuple(asked),
            upcoming=upcoming,
        )

    async def _ask_next(self, interview: Interview, *, user_id: UUID) -> Question | None:
        plan = interview.plan
        if selection.should_stop(plan, interview.turns, interview.ability):
            return None
        seq = len(interview.turns) + 1
        index = len(selection.main_turns(interview.turns))
        asked = [t.question.text for t in interview.turns]
        reason = ""
        question: Question | None = None
        if self._model_writes(plan, index):
            question, reason = await self._written(interview, index=index, asked=asked)
        if question is None:
            question = await self._bank_question(interview, user_id=user_id, seq=seq)
            if question is not None and reason:
                question = question.model_copy(update={"generated_by": f"bank ({reason})"[:40]})
        if question is None and self.questions is not None and not reason:
            question, _ = await self._written(interview, index=index, asked=asked)  # a gap
        if question is None:
            return None
        question = question.model_copy(update={"seq": seq, "asked_at": self.clock()})
        await self.store.add_question(interview.id, question)
        if self._model_writes(plan, index + 1):
            self._prefetch(interview, index=index + 1, asked=[*asked, question.text])
        return question

    async def _written(
        self, interview: Interview, *, index: int, asked: list[str]
    ) -> tuple[Question | None, str]:
        """A question the AI provider writes, or None and why not."""
        assert self.questions is not None
        # Hold no transaction (and no SQLite write lock) while a model writes the question.
        await self.store.commit()
        sourced = await self.questions.next_question(
            self._question_request(interview, index=index, asked=asked)
        )
        await self._record(interview.id, sourced.calls)
        if sourced.question is None:
            return None, sourced.reason or "fallback"
        return sourced.question.model_copy(update={"id": uuid4()}), ""

    async def _follow_up(
        self, interview: Interview, question: Question, answer: Answer, evaluation: Evaluation
    ) -> Question:
        """The bank's follow-up on what the answer missed, in the model's words when there is
        one (it can refer to what the candidate said)."""
        follow_up = selection.follow_up_for(
            question, evaluation, new_id=uuid4(), seq=len(interview.turns) + 1
        )
        if self.questions is not None:
            await self.store.commit()
            written = await self.questions.follow_up(
                question, answer.text, [kp.point for kp in follow_up.key_points]
            )
            await self._record(interview.id, written.calls)
            if written.text:
                follow_up = follow_up.model_copy(
                    update={"text": written.text, "generated_by": self.questions.name[:40]}
                )
        return follow_up.model_copy(update={"asked_at": self.clock()})

    def _prefetch(self, interview: Interview, *, index: int, asked: list[str]) -> None:
        if self.questions is not None and index < interview.plan.length:
            self.questions.prefetch(self._question_request(interview, index=index, asked=asked))

    async def _bank_question(
        self, interview: Interview, *, user_id: UUID, seq: int
    ) -> Question | None:
        plan = interview.plan
        track = plan.track
        if track not in self.banks.banks:
            known = set(self.banks.banks)
            track = (
                nearest_track(plan.role, known)
                or nearest_track(track.replace("-", " "), known)
                or ("behavioral" if "behavioral" in known else sorted(known)[0])
            )
        pools = selection.Pools(
            track=self.banks.banks[track].items,
            behavioral=self.banks.banks["behavioral"].items
            if "behavioral" in self.banks.banks
            else (),
        )
        pool = selection.pool_for_next(plan, interview.turns, pools)
        asked_here = {t.question.item_id for t in interview.turns if t.question.item_id}
        topics_here = Counter(t.question.topic for t in selection.main_turns(interview.turns))
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
        return question.model_copy(update={"asked_at": self.clock()})

    async def _weakest_topics(self, user_id: UUID, plan: Plan) -> tuple[str, ...]:
        history = await self.store.past_evaluations(user_id, track=plan.track)
        by_topic: dict[str, list[int]] = defaultdict(list)
        for question, evaluation in history:
            by_topic[question.topic].append(evaluation.technical)
        ranked = sorted(by_topic, key=lambda topic: (fmean(by_topic[topic]), topic))
        return tuple(ranked[:WEAKEST_TOPICS])


def fallback_notice(turns: tuple[Turn, ...]) -> str:
    """What the AI provider could not do in this interview, counted, with the last reason."""
    fell_back = [t.question for t in turns if t.question.generated_by.startswith("bank (")]
    asked = [q.generated_by for q in fell_back]
    graded = [
        t.evaluation.graded_by
        for t in turns
        if t.evaluation is not None and t.evaluation.graded_by.startswith("offline (fallback")
    ]
    parts = []
    if asked:
        parts.append(
            f"{_count(len(asked), 'question')} came from the {fell_back[-1].track} question "
            "bank because the AI "
            f"provider could not write {'it' if len(asked) == 1 else 'them'} ({asked[-1]})."
        )
    if graded:
        parts.append(
            f"{_count(len(graded), 'answer')} {'was' if len(graded) == 1 else 'were'} graded "
            f"by the offline engine because the AI grader was unavailable ({graded[-1]})."
        )
    return " ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _settle(
    interview: Interview,
    question_id: UUID,
    *,
    question: Question | None = None,
    answer: Answer | None = None,
    evaluation: Evaluation | None = None,
) -> Interview:
    """The interview as just written to the store, without reading it back."""
    turns = tuple(
        t.model_copy(
            update={
                "question": question or t.question,
                "answer": answer or t.answer,
                "evaluation": evaluation or t.evaluation,
            }
        )
        if t.question.id == question_id
        else t
        for t in interview.turns
    )
    return interview.model_copy(update={"turns": turns})


def _credit(turn: Turn) -> float:
    if turn.evaluation is None:
        return 0.0
    return credit_from_score(turn.evaluation.technical)
