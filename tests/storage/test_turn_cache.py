"""The turn cache never shows a process stale turns: two Database objects on one database
stand for two server processes, each with its own cache."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from interviewer.banks.loader import BankSet
from interviewer.core import selection
from interviewer.core.model import Ability, Answer, Evaluation, Level, Plan
from interviewer.errors import NotFound
from interviewer.storage.db import Database


async def _setup(db: Database, banks: BankSet) -> tuple[uuid.UUID, uuid.UUID, list[uuid.UUID]]:
    items = list(banks.banks["data-analyst"].items)[:3]
    async with db.repository() as repo:
        user = await repo.create_user(
            name="Ada",
            email=None,
            position="Analyst",
            experience_level=Level.mid,
            experience_years=3,
            token_hash=uuid.uuid4().hex,
        )
        interview_id = await repo.create_interview(
            user_id=user.id,
            plan=Plan(track="data-analyst", role="Analyst", length=3),
            ability=Ability(theta=0.0, sd=1.0),
            created_at=datetime.now(UTC),
        )
        ids = []
        for seq, item in enumerate(items, start=1):
            question = selection.question_from_item(item, new_id=uuid.uuid4(), seq=seq)
            await repo.add_question(interview_id, question)
            ids.append(question.id)
    return user.id, interview_id, ids


async def test_another_process_writes_are_seen(database_url: str, banks: BankSet):
    first, second = Database(database_url), Database(database_url)
    try:
        user_id, interview_id, (q1, q2, q3) = await _setup(first, banks)
        async with first.repository() as repo:
            before = await repo.load_interview(interview_id, user_id=user_id)
        assert [t.question.id for t in before.turns] == [q1, q2, q3]
        assert len(first.turns) == 1

        answer = Answer(
            id=uuid.uuid4(),
            question_id=q1,
            text="WHERE filters rows before grouping.",
            submitted_at=datetime.now(UTC),
        )
        async with second.repository() as repo:
            await repo.save_answer(interview_id, answer)
            await repo.save_evaluation(
                interview_id,
                answer.id,
                Evaluation(technical=7, rationale="Two of three.", feedback="Good."),
            )
            await repo.mark_hint_used(q2)
            await repo.mark_skipped(q3)

        async with first.repository() as repo:
            after = await repo.load_interview(interview_id, user_id=user_id)
        one, two, three = after.turns
        assert one.answer is not None and one.answer.text == answer.text
        assert one.evaluation is not None and one.evaluation.technical == 7
        assert two.question.hint_used and not two.question.skipped
        assert three.question.skipped
        assert before.turns[1].question.hint_used is False  # what was read stays as read
    finally:
        await first.dispose()
        await second.dispose()


async def test_a_deleted_users_turns_leave_the_cache(database_url: str, banks: BankSet):
    db = Database(database_url)
    try:
        user_id, interview_id, _ = await _setup(db, banks)
        async with db.repository() as repo:
            await repo.load_interview(interview_id, user_id=user_id)
        assert len(db.turns) == 1
        async with db.repository() as repo:
            await repo.delete_user(user_id)
        assert len(db.turns) == 0
        async with db.repository() as repo:
            with pytest.raises(NotFound):
                await repo.load_interview(interview_id, user_id=user_id)
    finally:
        await db.dispose()


async def test_another_users_id_finds_nothing_even_when_cached(database_url: str, banks: BankSet):
    db = Database(database_url)
    try:
        user_id, interview_id, _ = await _setup(db, banks)
        async with db.repository() as repo:
            await repo.load_interview(interview_id, user_id=user_id)
            with pytest.raises(NotFound):
                await repo.load_interview(interview_id, user_id=uuid.uuid4())
    finally:
        await db.dispose()


async def test_what_a_process_wrote_reads_back_as_the_database_has_it(
    database_url: str, banks: BankSet
):
    """The writer keeps what it wrote (no read back); another process reads the rows: the
    turns must be equal, field for field."""
    writer, reader = Database(database_url), Database(database_url)
    try:
        user_id, interview_id, (q1, _, _) = await _setup(writer, banks)
        answer = Answer(
            id=uuid.uuid4(),
            question_id=q1,
            text="WHERE filters rows before grouping; HAVING filters groups.",
            input_mode="voice",
            seconds_taken=41.5,
            idempotency_key="key-1",
            submitted_at=datetime.now(UTC),
        )
        evaluation = Evaluation(
            technical=8,
            communication=7,
            confidence=9,
            rationale="Most points.",
            feedback="Say why.",
            missed=("aggregates",),
            flags=("hint_used",),
        )
        async with writer.repository() as repo:
            await repo.save_answer(interview_id, answer)
            await repo.save_evaluation(interview_id, answer.id, evaluation)
        async with writer.repository() as repo:
            written = await repo.load_interview(interview_id, user_id=user_id)
        async with reader.repository() as repo:
            read = await repo.load_interview(interview_id, user_id=user_id)
        assert written.turns == read.turns
        assert written.turns[0].evaluation == evaluation
    finally:
        await writer.dispose()
        await reader.dispose()
