"""The whole interview through HTTP, on SQLite and on PostgreSQL."""

from __future__ import annotations

from typing import Any

import httpx

from interviewer.banks.loader import BankSet
from tests.factories import API, answer, auth, register, start


def reference_for(banks: BankSet, question: dict[str, Any]) -> str:
    """A strong answer: the bank's reference (or reference formula) for the question asked."""
    for item in banks.items.values():
        if item.text == question["text"] or item.text in question["text"]:
            return item.task.formulas[0] if item.task else item.reference
    raise AssertionError(f"question not in any bank: {question['text']}")


async def test_whole_interview_register_to_delete(client: httpx.AsyncClient, banks: BankSet):
    token = await register(client)
    me = await client.get(f"{API}/users/me", headers=auth(token))
    assert me.status_code == 200 and me.json()["name"] == "Ada Lovelace"

    interview = await start(client, token, track="excel", length=4)
    interview_id = interview["id"]
    first = interview["current_question"]
    assert first is not None and interview["progress"] == {
        "asked": 1, "planned": 4, "answered": 0, "skipped": 0, "follow_ups": 0,
        "answered_main": 0, "skipped_main": 0,
    }  # fmt: skip

    hint = await client.post(
        f"{API}/interviews/{interview_id}/questions/{first['id']}/hint", headers=auth(token)
    )
    assert hint.status_code == 200 and len(hint.json()["hint"]) > 10

    graded = await answer(client, token, interview_id, first["id"], reference_for(banks, first))
    assert graded.status_code == 200, graded.text
    result = graded.json()
    assert result["evaluation"]["technical"] >= 7
    assert "hint_used" in result["evaluation"]["flags"]
    second = result["next_question"]
    assert second is not None and second["id"] != first["id"]

    skipped = await client.post(
        f"{API}/interviews/{interview_id}/questions/{second['id']}/skip", headers=auth(token)
    )
    assert skipped.status_code == 200
    current = skipped.json()["current_question"]
    while current is not None:
        response = await answer(
            client, token, interview_id, current["id"], reference_for(banks, current)
        )
        assert response.status_code == 200, response.text
        current = response.json()["next_question"]
        if current is None:
            assert response.json()["done"] is True

    state = (await client.get(f"{API}/interviews/{interview_id}", headers=auth(token))).json()
    assert state["ready_to_finalize"] is True and state["current_question"] is None
    assert [t["question"]["skipped"] for t in state["turns"]].count(True) == 1
    answered = [t for t in state["turns"] if t["answer"]]
    assert all(t["evaluation"] and t["reference"] for t in answered)

    report = await client.post(f"{API}/interviews/{interview_id}/finalize", headers=auth(token))
    assert report.status_code == 200, report.text
    body = report.json()
    assert 0 <= body["overall"] <= 100
    assert body["question_count"] == 4 and body["skipped_count"] == 1 and body["hints_used"] == 1
    assert set(body["averages"]) == {"technical", "communication", "confidence"}
    assert body["topic_scores"] and body["summary"] and body["level_estimate"]
    assert body["candidate"] == "Ada Lovelace" and body["track"] == "excel"

    again = await client.post(f"{API}/interviews/{interview_id}/finalize", headers=auth(token))
    assert again.json() == body
    fetched = await client.get(f"{API}/interviews/{interview_id}/report", headers=auth(token))
    assert fetched.json() == body

    history = (await client.get(f"{API}/users/me/interviews", headers=auth(token))).json()
    assert [h["id"] for h in history] == [interview_id]
    assert history[0]["overall"] == body["overall"] and history[0]["status"] == "completed"
    progress = (await client.get(f"{API}/users/me/progress", headers=auth(token))).json()
    assert len(progress["points"]) == 1

    deleted = await client.delete(f"{API}/users/me", headers=auth(token))
    assert deleted.status_code == 204
    gone = await client.get(f"{API}/interviews/{interview_id}", headers=auth(token))
    assert gone.status_code == 401


async def test_deleting_a_user_removes_every_row(client: httpx.AsyncClient, banks: BankSet):
    from sqlalchemy import func, select

    from interviewer.storage.records import Base

    token = await register(client)
    other = await register(client, name="Grace")
    for who in (token, other):
        interview = await start(client, who, track="excel", length=2)
        question = interview["current_question"]
        await answer(client, who, interview["id"], question["id"], reference_for(banks, question))
    assert (await client.delete(f"{API}/users/me", headers=auth(token))).status_code == 204

    sessions = client._transport.app.state.interviewer.database.sessions  # type: ignore[attr-defined]
    async with sessions() as session:
        counts = {
            table.name: await session.scalar(select(func.count()).select_from(table))
            for table in Base.metadata.sorted_tables
        }
    assert counts["users"] == 1
    assert counts["interviews"] == 1
    assert counts["answers"] == 1 and counts["evaluations"] == 1


async def test_start_with_inline_profile_returns_a_working_token(client: httpx.AsyncClient):
    response = await client.post(
        f"{API}/interviews",
        json={"track": "behavioral", "profile": {"name": "Lin", "position": "Team lead"}},
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["token"] and body["interview"]["role"] == "Team lead"
    me = await client.get(f"{API}/users/me", headers=auth(body["token"]))
    assert me.json()["name"] == "Lin"


async def test_tracks_list_topics_counts_and_modes(client: httpx.AsyncClient):
    tracks = {t["id"]: t for t in (await client.get(f"{API}/tracks")).json()}
    assert {"excel", "behavioral", "data-analyst", "python-developer", "product-manager"} <= set(
        tracks
    )
    assert tracks["excel"]["question_count"] >= 60
    assert (
        sum(t["question_count"] for t in tracks["excel"]["topics"])
        == tracks["excel"]["question_count"]
    )
    assert tracks["behavioral"]["modes"] == ["behavioral"]


async def test_same_seed_same_interview(client: httpx.AsyncClient):
    token = await register(client)
    other = await register(client, name="Grace")
    a = await start(client, token, track="data-analyst", seed=42)
    b = await start(client, other, track="data-analyst", seed=42)
    assert a["current_question"]["text"] == b["current_question"]["text"]


async def test_health_and_readiness(client: httpx.AsyncClient):
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["database"] == "ok"


async def test_openapi_documents_every_route_with_examples(client: httpx.AsyncClient):
    spec = (await client.get("/openapi.json")).json()
    paths = spec["paths"]
    for path in (
        "/api/v1/users", "/api/v1/users/me", "/api/v1/tracks", "/api/v1/interviews",
        "/api/v1/interviews/{interview_id}", "/api/v1/interviews/{interview_id}/answers",
        "/api/v1/interviews/{interview_id}/questions/{question_id}/hint",
        "/api/v1/interviews/{interview_id}/questions/{question_id}/skip",
        "/api/v1/interviews/{interview_id}/finalize", "/api/v1/interviews/{interview_id}/report",
        "/api/v1/users/me/interviews", "/api/v1/users/me/progress",
    ):  # fmt: skip
        assert path in paths, path
    assert "examples" in spec["components"]["schemas"]["InterviewCreate"]
    assert (await client.get("/docs")).status_code == 200
