"""The key never shows: not in logs (DEBUG), responses, error messages, reprs or the database."""

from __future__ import annotations

import logging
import sqlite3

import httpx
import pytest

from interviewer.banks.loader import BankSet
from interviewer.llm.registry import build_engine, build_provider
from tests.factories import API, auth, register
from tests.llm.conftest import TEST_KEY, provider_settings
from tests.llm.fake_server import FakeModelServer, Reply
from tests.llm.test_api import ANSWER, api


async def test_the_key_appears_nowhere(
    provider: str,
    model_server: FakeModelServer,
    sqlite_url: str,
    banks: BankSet,
    caplog: pytest.LogCaptureFixture,
):
    caplog.set_level(logging.DEBUG)
    settings = provider_settings(provider, model_server, database_url=sqlite_url)
    bodies: list[str] = []
    # a provider that echoes the key in its error body, as some real ones do
    echo = f'{{"error": {{"code": 401, "message": "Incorrect API key provided: {TEST_KEY}"}}}}'
    async with api(settings, banks) as client:

        async def keep(response: httpx.Response) -> None:
            await response.aread()
            bodies.append(response.text)

        client.event_hooks["response"] = [keep]
        token = await register(client)
        started = await client.post(
            f"{API}/interviews", json={"track": "SRE", "length": 2}, headers=auth(token)
        )
        interview = started.json()["interview"]
        question = interview["current_question"]
        model_server.then(Reply(status=401, body=echo), Reply(status=401, body=echo))
        while question is not None:
            result = await client.post(
                f"{API}/interviews/{interview['id']}/answers",
                json={"question_id": question["id"], "text": ANSWER},
                headers=auth(token),
            )
            assert result.status_code == 200
            question = result.json()["next_question"]
        await client.get(f"{API}/interviews/{interview['id']}", headers=auth(token))
        await client.post(f"{API}/interviews/{interview['id']}/finalize", headers=auth(token))
        await client.get("/docs")
        await client.get("/openapi.json")
    assert any("401" in b for b in bodies)  # the failure happened and was answered
    for body in bodies:
        assert TEST_KEY not in body
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert logged and TEST_KEY not in logged
    path = sqlite_url.split(":///", 1)[1]
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        dump = "\n".join(str(db.execute(f"SELECT * FROM {t}").fetchall()) for t in tables)  # noqa: S608
    assert "Incorrect API key" not in dump and TEST_KEY not in dump
    assert "http_401" in dump  # the audit says what happened, without the body


def test_reprs_hold_no_key(provider: str, model_server: FakeModelServer, banks: BankSet):
    settings = provider_settings(provider, model_server)
    built = build_provider(settings, banks=banks)
    engine = build_engine(settings, banks=banks)
    for text in (repr(settings), repr(built), repr(engine), str(settings.model_dump())):
        assert TEST_KEY not in text
