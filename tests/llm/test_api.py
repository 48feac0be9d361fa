"""Whole interviews through the HTTP API with each provider pointed at the fake server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from uuid import UUID

import httpx

from interviewer.banks.loader import BankSet
from interviewer.config import Settings
from interviewer.storage.db import Database
from interviewer.web.app import create_app
from tests.factories import API, auth, register
from tests.llm.conftest import provider_settings
from tests.llm.fake_server import FakeModelServer, Reply

ANSWER = (
    "I would ship it as a canary: a small share of traffic goes to the new version first, "
    "we watch error rates and latency on a dashboard, and we roll back at once on a regression."
)


@asynccontextmanager
async def api(settings: Settings, banks: BankSet) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, banks=banks)
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


async def start(client: httpx.AsyncClient, token: str, **body: Any) -> dict[str, Any]:
    response = await client.post(f"{API}/interviews", json=body, headers=auth(token))
    assert response.status_code == 201, response.text
    interview: dict[str, Any] = response.json()["interview"]
    return interview


async def submit(
    client: httpx.AsyncClient, token: str, interview_id: str, question_id: str
) -> dict[str, Any]:
    response = await client.post(
        f"{API}/interviews/{interview_id}/answers",
        json={"question_id": question_id, "text": ANSWER},
        headers=auth(token),
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def test_a_whole_interview_for_a_free_role(
    provider: str, model_server: FakeModelServer, sqlite_url: str, banks: BankSet
):
    settings = provider_settings(provider, model_server, database_url=sqlite_url)
    async with api(settings, banks) as client:
        token = await register(client, position="DevOps engineer")
        interview = await start(
            client, token, track="DevOps engineer", mode="mixed", length=3, level="senior",
            job_description="Kubernetes, Terraform and on-call.",
        )  # fmt: skip
        assert interview["track"] == "devops-engineer" and interview["role"] == "DevOps engineer"
        assert (
            interview["notice"]
            == "Questions are written by the AI model ("
            + provider
            + ") for the role DevOps engineer."
        )
        question = interview["current_question"]
        assert question["generated_by"] == f"{provider}:fake-model"
        # one call writes the interview's questions: the job description is sent once
        assert model_server.purposes().count("questions") == 1
        [batch] = [s.prompt for s in model_server.seen if s.purpose == "questions"]
        assert "Write 2 technical" in batch and "1 behavioral" in batch
        kinds = []
        while question is not None:
            kinds.append(question["kind"])
            result = await submit(client, token, interview["id"], question["id"])
            assert result["evaluation"]["graded_by"] == f"{provider}:fake-model"
            question = result["next_question"]
            if question is not None and question["follow_up"]:
                question = (await submit(client, token, interview["id"], question["id"]))[
                    "next_question"
                ]
        assert kinds == ["scenario", "behavioral", "scenario"]  # mixed mode alternates
        state = (
            await client.get(f"{API}/interviews/{interview['id']}", headers=auth(token))
        ).json()
        usage = state["ai_usage"]
        assert usage["calls"] >= 4 and usage["failed"] == 0
        assert model_server.purposes().count("questions") == 1
        assert usage["tokens_in"] > 0 and usage["tokens_out"] > 0 and usage["latency_ms"] >= 0
        report = await client.post(
            f"{API}/interviews/{interview['id']}/finalize", headers=auth(token)
        )
        assert report.status_code == 200, report.text
        assert "fake model" in report.json()["summary"]
        assert report.json()["strengths"] == ["Clear, structured answers on delivery pipelines"]
    database = Database(sqlite_url)
    async with database.repository() as repository:
        calls = await repository.ai_calls(UUID(interview["id"]))
    await database.dispose()
    purposes = [c.purpose for c in calls]
    assert {"questions", "grade", "narrative"} <= set(purposes)
    grading = [c for c in calls if c.purpose == "grade"]
    assert all(c.temperature == 0.1 and c.raw_output and c.provider == provider for c in grading)
    assert all(c.model == "fake-model" and c.prompt_version for c in calls)


async def test_a_broken_provider_never_costs_the_candidate(
    provider: str, model_server: FakeModelServer, sqlite_url: str, banks: BankSet
):
    settings = provider_settings(provider, model_server, database_url=sqlite_url, ai_retries=0)
    model_server.then(*[Reply(status=500) for _ in range(50)])
    async with api(settings, banks) as client:
        token = await register(client)
        interview = await start(client, token, track="DevOps engineer", length=2)
        question = interview["current_question"]
        assert question["generated_by"] == "bank (fallback: HTTP 500)"
        assert question["track"] == "python-developer"
        result = await submit(client, token, interview["id"], question["id"])
        evaluation = result["evaluation"]
        assert evaluation["graded_by"] == "offline (fallback: HTTP 500)"
        assert "graded by the offline engine" in evaluation["feedback"]
        state = (
            await client.get(f"{API}/interviews/{interview['id']}", headers=auth(token))
        ).json()
        assert "question bank" in state["notice"] and state["ai_usage"]["failed"] >= 2


async def test_offline_maps_a_free_role_to_the_nearest_track_and_says_so(
    sqlite_url: str, banks: BankSet
):
    async with api(Settings(database_url=sqlite_url), banks) as client:
        token = await register(client)
        interview = await start(client, token, track="DevOps engineer", length=2)
        assert interview["track"] == "python-developer" and interview["role"] == "DevOps engineer"
        assert "nearest track, python-developer" in interview["notice"]
        assert interview["current_question"]["generated_by"] == "bank"
        assert interview["ai_usage"]["calls"] == 0
        unknown = await client.post(
            f"{API}/interviews", json={"track": "astrology"}, headers=auth(token)
        )
        assert unknown.status_code == 422 and "INTERVIEWER_AI_PROVIDER" in unknown.text
