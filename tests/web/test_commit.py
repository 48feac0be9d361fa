"""A write is acknowledged only after it is committed; a commit that fails is an error."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession

from interviewer.banks.loader import BankSet
from interviewer.config import Settings
from interviewer.web.app import create_app
from tests.factories import API, auth, register, start

Commit = Callable[[AsyncSession], Awaitable[None]]


def patch_commit(monkeypatch: pytest.MonkeyPatch, wrapper: Callable[[Commit], Commit]) -> None:
    monkeypatch.setattr(AsyncSession, "commit", wrapper(AsyncSession.commit))


async def test_a_commit_that_fails_is_a_503_and_nothing_is_acknowledged(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
):
    token = await register(client)

    def failing(original: Commit) -> Commit:
        async def commit(session: AsyncSession) -> None:
            raise OperationalError("COMMIT", {}, Exception("server closed the connection"))

        return commit

    with monkeypatch.context() as patched:
        patch_commit(patched, failing)
        response = await client.post(
            f"{API}/interviews", json={"track": "excel", "length": 3}, headers=auth(token)
        )
    assert response.status_code == 503
    assert "could not be saved" in response.json()["detail"]
    history = await client.get(f"{API}/users/me/interviews", headers=auth(token))
    assert history.status_code == 200 and history.json() == []


async def test_the_response_starts_only_after_a_slow_commit_has_finished(
    settings: Settings, banks: BankSet, monkeypatch: pytest.MonkeyPatch
):
    """Driven at the ASGI level, where the moment the response starts is visible."""
    app = create_app(settings, banks=banks)
    events: list[str] = []

    def slow(original: Commit) -> Commit:
        async def commit(session: AsyncSession) -> None:
            await asyncio.sleep(0.2)
            await original(session)
            events.append("committed")

        return commit

    patch_commit(monkeypatch, slow)
    body = json.dumps({"name": "Ada", "position": "Analyst"}).encode()
    scope: dict[str, Any] = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": f"{API}/users", "raw_path": f"{API}/users".encode(),
        "query_string": b"", "root_path": "", "client": ("127.0.0.1", 5000),
        "server": ("test", 80), "headers": [(b"content-type", b"application/json")],
    }  # fmt: skip
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            await asyncio.sleep(3600)
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            events.append(f"response {message['status']}")

    async with app.router.lifespan_context(app):
        await app(scope, receive, send)
    assert events[0] == "committed", events
    assert events[-1] == "response 201", events
    await app.state.interviewer.database.dispose()


async def test_started_interviews_are_there_right_after_the_2xx(client: httpx.AsyncClient):
    token = await register(client)
    started = [await start(client, token, track="excel") for _ in range(3)]
    history = (await client.get(f"{API}/users/me/interviews", headers=auth(token))).json()
    assert {i["id"] for i in history} == {s["id"] for s in started}


async def test_a_connection_lost_before_a_refusal_keeps_the_refusal(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
):
    """The rollback after a domain error cannot reach a dead connection: the candidate still
    gets the 422 that says what to fix, not a 500 from the rollback."""
    token = await register(client)
    interview = await start(client, token, track="data-analyst", length=2)

    def dead_rollback(original: Callable[[AsyncSession], Awaitable[None]]) -> Any:
        async def rollback(session: AsyncSession) -> None:
            raise OperationalError("ROLLBACK", {}, Exception("server closed the connection"))

        return rollback

    with monkeypatch.context() as patched:
        patched.setattr(AsyncSession, "rollback", dead_rollback(AsyncSession.rollback))
        refused = await client.post(
            f"{API}/interviews/{interview['id']}/answers",
            json={"question_id": interview["current_question"]["id"], "text": "x" * 20_000},
            headers=auth(token),
        )
    assert refused.status_code == 422 and refused.json()["field"] == "text"
