"""Async all the way: with the model answering after 1 s, 20 submissions take about 1 s, not 20."""

from __future__ import annotations

import asyncio
import time

import pytest

from interviewer.banks.loader import BankSet
from tests.factories import API, auth, register
from tests.llm.conftest import provider_settings
from tests.llm.fake_server import FakeModelServer
from tests.llm.test_api import ANSWER, api, start

N = 20
DELAY_S = 1.0


@pytest.mark.parametrize("provider", ["gemini", "openai"], indirect=True)
async def test_twenty_concurrent_submissions_take_about_one_model_call(
    provider: str, model_server: FakeModelServer, sqlite_url: str, banks: BankSet
):
    settings = provider_settings(provider, model_server, database_url=sqlite_url, ai_timeout_s=10)
    async with api(settings, banks) as client:
        sessions = []
        for n in range(N):
            token = await register(client, name=f"Candidate {n}")
            interview = await start(client, token, track="DevOps engineer", length=3)
            sessions.append((token, interview["id"], interview["current_question"]["id"]))
        await asyncio.sleep(0.2)  # let the prefetched second questions arrive
        model_server.delay = DELAY_S
        before = len(model_server.seen)

        async def submit(token: str, interview_id: str, question_id: str) -> None:
            response = await client.post(
                f"{API}/interviews/{interview_id}/answers",
                json={"question_id": question_id, "text": ANSWER},
                headers=auth(token),
            )
            assert response.status_code == 200, response.text
            assert response.json()["evaluation"]["graded_by"] == f"{provider}:fake-model"

        started = time.monotonic()
        await asyncio.gather(*(submit(*s) for s in sessions))
        elapsed = time.monotonic() - started
    graded = [s for s in model_server.seen[before:] if s.purpose == "grade"]
    assert len(graded) == N
    assert elapsed < 8, f"{N} submissions took {elapsed:.1f} s; they should overlap (~{DELAY_S} s)"
