"""On SQLite, writers of one process take turns in arrival order (storage/db.py): a second
writer waits for the first to commit, a failed unit of work gives its turn back, and readers
never wait."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import httpx
import pytest

from interviewer.banks.loader import BankSet
from interviewer.config import Settings
from interviewer.core.model import Level
from interviewer.storage.db import Database, upgrade
from interviewer.storage.repository import Repository
from interviewer.web.app import create_app
from tests.factories import API, answer, auth, register, start

TEXT = "WHERE filters individual rows before grouping; HAVING filters groups after aggregation."


@pytest.fixture
async def database(tmp_path: Path) -> Database:
    url = f"sqlite+aiosqlite:///{tmp_path / 'gate.db'}"
    upgrade(url)
    return Database(url)


async def _new_user(repository: Repository, name: str) -> uuid.UUID:
    user = await repository.create_user(
        name=name,
        email=None,
        position="Analyst",
        experience_level=Level.mid,
        experience_years=None,
        token_hash=uuid.uuid4().hex,
    )
    return user.id


async def test_writers_go_one_after_another_in_arrival_order(database: Database):
    order: list[str] = []
    first_wrote = asyncio.Event()
    release_first = asyncio.Event()

    async def first() -> None:
        async with database.repository() as repository:
            await _new_user(repository, "first")
            first_wrote.set()
            await release_first.wait()
            order.append("first commits")

    async def queued(name: str) -> None:
        async with database.repository() as repository:
            await _new_user(repository, name)
            order.append(name)

    try:
        tasks = [asyncio.create_task(first())]
        await first_wrote.wait()
        names = [f"writer {n}" for n in range(1, 7)]
        for name in names:
            tasks.append(asyncio.create_task(queued(name)))
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.2)
        assert order == []  # every later writer waits for the first one's commit
        release_first.set()
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=20)
        assert order == ["first commits", *names]
    finally:
        await database.dispose()


async def test_readers_do_not_wait_for_a_writer(database: Database):
    try:
        async with database.repository() as repository:
            user_id = await _new_user(repository, "Reader")
        async with database.repository() as writer:
            await _new_user(writer, "Writer")
            async with database.repository() as reader:
                found = await asyncio.wait_for(reader.interviews_of(user_id), timeout=5)
            assert found == []
    finally:
        await database.dispose()


async def test_a_failed_unit_of_work_gives_its_turn_back(database: Database):
    try:
        with pytest.raises(RuntimeError):
            async with database.repository() as repository:
                await _new_user(repository, "Lost")
                raise RuntimeError("the request failed after writing")
        async with database.repository() as repository:
            await asyncio.wait_for(_new_user(repository, "Next"), timeout=5)
    finally:
        await database.dispose()


async def test_a_mid_request_commit_lets_the_next_writer_in(database: Database):
    """The service commits an answer before grading it; others may write while it grades."""
    try:
        async with database.repository() as grading:
            await _new_user(grading, "Answer saved")
            await grading.commit()
            async with database.repository() as other:
                await asyncio.wait_for(_new_user(other, "Meanwhile"), timeout=5)
            await _new_user(grading, "Evaluation saved")
    finally:
        await database.dispose()


async def test_concurrent_interviews_on_sqlite_with_allowances_in_the_database(
    tmp_path: Path, banks: BankSet
):
    """Every writer in one app at once: registrations, answers, finalizing and the rate limit's
    own unit of work per request (kept in the database here) all finish, none waits for ever.
    20 candidates are more than the pool's 15 connections: a writer that took the gate before
    its connection waited for one held by requests waiting for the gate."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'busy.db'}"
    upgrade(url)
    app = create_app(
        Settings(database_url=url, rate_limit_per_minute=10_000, rate_limit_store="database"),
        banks=banks,
    )
    transport = httpx.ASGITransport(app=app)

    async def candidate(http: httpx.AsyncClient) -> int:
        token = await register(http)
        interview = await start(http, token, track="data-analyst", length=2)
        answered = 0
        question = interview["current_question"]
        while question is not None:
            reply = await answer(http, token, interview["id"], question["id"], TEXT)
            assert reply.status_code == 200, reply.text
            answered += 1
            question = reply.json()["next_question"]
        done = await http.post(f"{API}/interviews/{interview['id']}/finalize", headers=auth(token))
        assert done.status_code == 200, done.text
        return answered

    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            counts = await asyncio.wait_for(
                asyncio.gather(*(candidate(http) for _ in range(20))), timeout=120
            )
        assert all(n >= 2 for n in counts), counts
    finally:
        await app.state.interviewer.database.dispose()
        app.state.interviewer.grader.formulas.sandbox.close()
