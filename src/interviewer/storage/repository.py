"""Every query the application makes, in one class bound to one session."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from types import SimpleNamespace

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from interviewer.core.model import (
    Ability,
    AiCall,
    AiUsage,
    Answer,
    Evaluation,
    Interview,
    InterviewSummary,
    Level,
    Plan,
    Question,
    Report,
    Status,
    Turn,
    User,
)
from interviewer.errors import Conflict, NotFound
from interviewer.storage import mappers
from interviewer.storage import statements as sql
from interviewer.storage.records import (
    AiCallRecord,
    AnswerRecord,
    EvaluationRecord,
    InterviewRecord,
    QuestionRecord,
    RateLimitRecord,
    ResultRecord,
    UserRecord,
)
from interviewer.storage.turn_cache import TurnCache
from interviewer.storage.write_gate import WriteTurn, writes

TurnKey = tuple[uuid.UUID, bool, bool, uuid.UUID | None, uuid.UUID | None]
"""A turn's question id, hint and skip flags, answer id, and graded answer id."""


class Repository:
    """Bound to one session; never commits except where the core asks for durability."""

    def __init__(
        self,
        session: AsyncSession,
        turns: TurnCache | None = None,
        *,
        write_gate: asyncio.Lock | None = None,
    ) -> None:
        self.session = session
        self.turns = turns if turns is not None else TurnCache(size=0)
        self.write_turn = WriteTurn(write_gate)
        """Writes wait for it on SQLite (storage/write_gate.py); commit gives it back."""

    async def commit(self) -> None:
        await self.session.commit()
        self.write_turn.give_back()

    # users

    @writes
    async def create_user(
        self,
        *,
        name: str,
        email: str | None,
        position: str,
        experience_level: Level,
        experience_years: int | None,
        token_hash: str,
        recovery_hash: str | None = None,
    ) -> User:
        row = {
            "id": uuid.uuid4(),
            "name": name,
            "email": email,
            "position": position,
            "experience_level": experience_level.value,
            "experience_years": experience_years,
            "token_hash": token_hash,
            "recovery_hash": recovery_hash,
            "created_at": datetime.now(UTC),
        }
        await self.session.execute(sql.INSERT_USER, row)
        return mappers.user(SimpleNamespace(**row))

    async def user_by_token_hash(self, token_hash: str) -> User | None:
        """The registration token (users) or one issued by signing in again (access_tokens)."""
        params = {"token_hash": token_hash}
        row = (await self.session.execute(sql.USER_BY_TOKEN, params)).first()
        if row is None:
            row = (await self.session.execute(sql.USER_BY_ACCESS_TOKEN, params)).first()
        return mappers.user(row) if row is not None else None

    async def user_by_recovery_hash(self, recovery_hash: str) -> User | None:
        record = await self.session.scalar(
            select(UserRecord).where(UserRecord.recovery_hash == recovery_hash)
        )
        return mappers.user(record) if record is not None else None

    @writes
    async def add_access_token(self, user_id: uuid.UUID, *, token_hash: str) -> None:
        await self.session.execute(
            sql.INSERT_ACCESS_TOKEN,
            {
                "id": uuid.uuid4(),
                "user_id": user_id,
                "token_hash": token_hash,
                "created_at": datetime.now(UTC),
            },
        )

    @writes
    async def delete_user(self, user_id: uuid.UUID) -> None:
        interviews = await self.session.execute(sql.USER_INTERVIEWS, {"user_id": user_id})
        self.turns.forget(interviews.scalars())
        await self.session.execute(delete(UserRecord).where(UserRecord.id == user_id))

    # rate limits

    @writes
    async def take_request_token(
        self, key: str, *, capacity: float, refill_per_s: float, now: float
    ) -> float:
        """Draw one request from the client's bucket in one atomic statement, so processes
        sharing the database share the allowance: 0 when allowed, else seconds to wait."""
        statement = sql.take_request_token(
            self.session.get_bind().dialect.name,
            key=key,
            capacity=capacity,
            refill_per_s=refill_per_s,
            now=now,
        )
        tokens, allowed = (await self.session.execute(statement)).one()
        return 0.0 if allowed else (1 - tokens) / refill_per_s

    @writes
    async def forget_request_tokens(self, *, seen_before: float) -> None:
        """Buckets untouched for long are full again: the row says nothing a new one would not."""
        await self.session.execute(
            delete(RateLimitRecord).where(RateLimitRecord.seen < seen_before)
        )

    # interviews

    @writes
    async def create_interview(
        self,
        *,
        user_id: uuid.UUID,
        plan: Plan,
        ability: Ability,
        created_at: datetime,
        notice: str = "",
    ) -> uuid.UUID:
        interview_id = uuid.uuid4()
        await self.session.execute(
            sql.INSERT_INTERVIEW,
            {
                "id": interview_id,
                "user_id": user_id,
                "track": plan.track,
                "role": plan.role,
                "level": plan.level.value,
                "mode": plan.mode.value,
                "planned_length": plan.length,
                "job_description": plan.job_description,
                "notice": notice,
                "kind": plan.kind,
                "focus_topics": list(plan.focus_topics),
                "seed": plan.seed,
                "status": Status.ongoing.value,
                "ability": ability.theta,
                "ability_sd": ability.sd,
                "created_at": created_at,
            },
        )
        return interview_id

    async def load_interview(self, interview_id: uuid.UUID, *, user_id: uuid.UUID) -> Interview:
        params = {"interview_id": interview_id, "user_id": user_id}
        rows = (await self.session.execute(sql.OWNED_INTERVIEW_TURN_KEYS, params)).all()
        if not rows:
            raise NotFound(f"No interview {interview_id}.")
        record = rows[0]
        keys = [
            (
                row.turn_question_id,
                row.turn_hint_used,
                row.turn_skipped,
                row.turn_answer_id,
                row.turn_graded_answer_id,
            )
            for row in rows
            if row.turn_question_id is not None
        ]
        turns = await self._turns(interview_id, keys)
        result = None
        if record.status == Status.completed.value:  # the report is written with the status
            result = (await self.session.execute(sql.REPORT, params)).scalar()
        return Interview(
            id=record.id,
            user_id=record.user_id,
            plan=mappers.plan(record),
            status=Status(record.status),
            ability=Ability(theta=record.ability, sd=record.ability_sd),
            turns=turns,
            created_at=mappers.aware(record.created_at) or record.created_at,
            finished_at=mappers.aware(record.finished_at),
            report=Report.model_validate(result) if result is not None else None,
            notice=record.notice,
        )

    async def _turns(self, interview_id: uuid.UUID, keys: list[TurnKey]) -> tuple[Turn, ...]:
        """Ids and flags from the database every time; the rest from the turn cache, fetched in
        full only where this process has not read it yet (turn_cache.py)."""
        known = self.turns.of(interview_id)
        missing = [
            question_id
            for question_id, _, _, answer_id, graded_answer_id in keys
            if question_id not in known.questions
            or (answer_id is not None and answer_id not in known.answers)
            or (graded_answer_id is not None and graded_answer_id not in known.evaluations)
        ]
        if missing:
            rows = await self.session.execute(
                sql.TURNS_BY_QUESTION, {"interview_id": interview_id, "question_ids": missing}
            )
            for q, a, e in map(sql.split_turn, rows):
                known.questions[q.id] = mappers.question(q)
                if a is not None:
                    known.answers[a.id] = mappers.answer(a)
                if e is not None:
                    known.evaluations[e.answer_id] = mappers.evaluation(e)
        turns = []
        for question_id, hint_used, skipped, answer_id, graded_answer_id in keys:
            question = known.questions.get(question_id)
            if question is None:
                raise NotFound(f"No interview {interview_id}.")  # deleted meanwhile
            if (question.hint_used, question.skipped) != (hint_used, skipped):
                question = question.model_copy(update={"hint_used": hint_used, "skipped": skipped})
            turns.append(
                Turn(
                    question=question,
                    answer=known.answers.get(answer_id) if answer_id is not None else None,
                    evaluation=known.evaluations.get(graded_answer_id)
                    if graded_answer_id is not None
                    else None,
                )
            )
        return tuple(turns)

    @writes
    async def add_notice(self, interview_id: uuid.UUID, text: str) -> None:
        record = await self.session.get(InterviewRecord, interview_id)
        if record is not None:
            record.notice = f"{record.notice} {text}".strip()

    @writes
    async def add_question(self, interview_id: uuid.UUID, question: Question) -> None:
        row = dict(
            id=question.id,
            interview_id=interview_id,
            seq=question.seq,
            parent_id=question.parent_id,
            item_id=question.item_id,
            generated_by=question.generated_by,
            track=question.track,
            kind=question.kind,
            topic=question.topic,
            difficulty=question.difficulty,
            text=question.text,
            hint=question.hint,
            reference=question.reference,
            key_points=mappers.dump(question.key_points),
            misconceptions=mappers.dump(question.misconceptions),
            resources=mappers.dump(question.resources),
            follow_ups=list(question.follow_ups),
            task=question.task.model_dump(mode="json") if question.task else None,
            hint_used=question.hint_used,
            skipped=question.skipped,
            asked_at=question.asked_at,
        )
        await self.session.execute(sql.INSERT_QUESTION, row)
        self.turns.of(interview_id).questions[question.id] = mappers.question(
            SimpleNamespace(**row)
        )

    @writes
    async def save_answer(self, interview_id: uuid.UUID, answer: Answer) -> None:
        row = dict(
            id=answer.id,
            interview_id=interview_id,
            question_id=answer.question_id,
            text=answer.text,
            input_mode=answer.input_mode,
            seconds_taken=answer.seconds_taken,
            idempotency_key=answer.idempotency_key,
            submitted_at=answer.submitted_at,
            delivery=answer.delivery.model_dump(mode="json") if answer.delivery else None,
        )
        try:
            await self.session.execute(sql.INSERT_ANSWER, row)
        except IntegrityError as exc:
            await self.session.rollback()
            raise Conflict(
                "This question was answered already (a concurrent or repeated submission)."
            ) from exc
        self.turns.of(interview_id).answers[answer.id] = mappers.answer(SimpleNamespace(**row))

    async def find_answer(self, interview_id: uuid.UUID, *, idempotency_key: str) -> Answer | None:
        record = await self.session.scalar(
            select(AnswerRecord).where(
                AnswerRecord.interview_id == interview_id,
                AnswerRecord.idempotency_key == idempotency_key,
            )
        )
        return mappers.answer(record) if record is not None else None

    @writes
    async def save_evaluation(
        self, interview_id: uuid.UUID, answer_id: uuid.UUID, evaluation: Evaluation
    ) -> None:
        data = evaluation.model_dump(mode="json")
        await self.session.execute(
            sql.INSERT_EVALUATION,
            {"id": uuid.uuid4(), "answer_id": answer_id, "created_at": datetime.now(UTC), **data},
        )
        known = self.turns.of(interview_id)
        known.evaluations[answer_id] = mappers.evaluation(SimpleNamespace(**data))

    @writes
    async def mark_hint_used(self, question_id: uuid.UUID) -> None:
        await self.session.execute(
            update(QuestionRecord).where(QuestionRecord.id == question_id).values(hint_used=True)
        )

    @writes
    async def mark_skipped(self, question_id: uuid.UUID) -> None:
        await self.session.execute(
            update(QuestionRecord).where(QuestionRecord.id == question_id).values(skipped=True)
        )

    @writes
    async def set_ability(self, interview_id: uuid.UUID, ability: Ability) -> None:
        await self.session.execute(
            sql.SET_ABILITY,
            {"interview_id": interview_id, "theta": ability.theta, "sd": ability.sd},
        )

    @writes
    async def complete(
        self, interview_id: uuid.UUID, *, report: Report, finished_at: datetime
    ) -> None:
        await self.session.execute(
            sql.COMPLETE,
            {
                "interview_id": interview_id,
                "new_status": Status.completed.value,
                "finished": finished_at,
            },
        )
        try:
            await self.session.execute(
                sql.INSERT_RESULT,
                {
                    "id": uuid.uuid4(),
                    "interview_id": interview_id,
                    "overall": report.overall,
                    "report": report.model_dump(mode="json"),
                    "created_at": finished_at,
                },
            )
        except IntegrityError as exc:
            await self.session.rollback()
            raise Conflict("The interview was finalized by another request; fetch it.") from exc

    async def asked_item_ids(self, user_id: uuid.UUID, *, excluding: uuid.UUID) -> frozenset[str]:
        """Read once per interview in this process: what came before it does not change."""
        known = self.turns.of(excluding)
        if known.asked_before is None:
            params = {"user_id": user_id, "excluding": excluding}
            rows = await self.session.execute(sql.ASKED_ITEMS, params)
            known.asked_before = frozenset(item for item in rows.scalars() if item)
        return known.asked_before

    async def past_evaluations(
        self, user_id: uuid.UUID, *, track: str
    ) -> Sequence[tuple[Question, Evaluation]]:
        rows = await self.session.execute(
            select(QuestionRecord, EvaluationRecord)
            .join(InterviewRecord, InterviewRecord.id == QuestionRecord.interview_id)
            .join(AnswerRecord, AnswerRecord.question_id == QuestionRecord.id)
            .join(EvaluationRecord, EvaluationRecord.answer_id == AnswerRecord.id)
            .where(InterviewRecord.user_id == user_id, QuestionRecord.track == track)
        )
        return [(mappers.question(q), mappers.evaluation(e)) for q, e in rows]

    async def interviews_of(self, user_id: uuid.UUID) -> list[InterviewSummary]:
        """History rows: one per interview, newest first, with the overall score if finished."""
        counts = (
            select(QuestionRecord.interview_id, func.count().label("questions"))
            .where(QuestionRecord.parent_id.is_(None))  # the planned questions, not follow-ups
            .group_by(QuestionRecord.interview_id)
            .subquery()
        )
        rows = await self.session.execute(
            select(InterviewRecord, ResultRecord.report, counts.c.questions)
            .outerjoin(ResultRecord, ResultRecord.interview_id == InterviewRecord.id)
            .outerjoin(counts, counts.c.interview_id == InterviewRecord.id)
            .where(InterviewRecord.user_id == user_id)
            .order_by(InterviewRecord.created_at.desc())
        )
        return [
            InterviewSummary(
                id=record.id,
                track=record.track,
                role=record.role,
                mode=record.mode,
                status=Status(record.status),
                created_at=mappers.aware(record.created_at) or record.created_at,
                finished_at=mappers.aware(record.finished_at),
                question_count=questions or 0,
                report=Report.model_validate(report) if report is not None else None,
                kind=record.kind,
            )
            for record, report, questions in rows
        ]

    # model calls

    @writes
    async def record_ai_calls(self, interview_id: uuid.UUID, calls: Sequence[AiCall]) -> None:
        """Keep every model call of an interview (purpose, model, cost, outcome, raw output)."""
        now = datetime.now(UTC)
        rows = [
            {
                "id": uuid.uuid4(),
                "interview_id": interview_id,
                "purpose": call.purpose[:40],
                "provider": call.provider[:40],
                "model": call.model[:120],
                "temperature": call.temperature,
                "prompt_version": call.prompt_version[:40],
                "latency_ms": call.latency_ms,
                "tokens_in": call.tokens_in,
                "tokens_out": call.tokens_out,
                "outcome": call.outcome[:40],
                "raw_output": call.raw_output,
                "created_at": now,
            }
            for call in calls
        ]
        if rows:
            await self.session.execute(sql.INSERT_AI_CALL, rows)

    async def ai_calls(self, interview_id: uuid.UUID) -> list[AiCall]:
        rows = await self.session.scalars(
            select(AiCallRecord)
            .where(AiCallRecord.interview_id == interview_id)
            .order_by(AiCallRecord.created_at)
        )
        return [
            AiCall(
                purpose=r.purpose,
                provider=r.provider,
                model=r.model,
                temperature=r.temperature,
                prompt_version=r.prompt_version,
                latency_ms=r.latency_ms,
                tokens_in=r.tokens_in,
                tokens_out=r.tokens_out,
                outcome=r.outcome,
                raw_output=r.raw_output,
            )
            for r in rows
        ]

    async def ai_usage(self, interview_id: uuid.UUID) -> AiUsage:
        row = (
            await self.session.execute(
                select(
                    func.count(),
                    func.count().filter(AiCallRecord.outcome != "ok"),
                    func.coalesce(func.sum(AiCallRecord.tokens_in), 0),
                    func.coalesce(func.sum(AiCallRecord.tokens_out), 0),
                    func.coalesce(func.sum(AiCallRecord.latency_ms), 0),
                ).where(AiCallRecord.interview_id == interview_id)
            )
        ).one()
        calls, failed, tokens_in, tokens_out, latency = row
        return AiUsage(
            calls=calls,
            failed=failed,
            tokens_in=tokens_in,
            tokens_out=tokens_out,
            latency_ms=latency,
        )
