"""Text a database cannot store (NUL, lone surrogates) is a 422 naming the field, on every
route that takes text, on SQLite and PostgreSQL alike; nothing is stored."""

from __future__ import annotations

import httpx
import pytest

from tests.factories import API, auth, register, start

NUL = "Ada\x00Lovelace"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": NUL, "position": "Analyst"}, "name"),
        ({"name": "Ada", "position": "Analyst\x00"}, "position"),
        ({"name": "Ada", "position": "Analyst", "email": "a\x00@example.com"}, "email"),
    ],
)
async def test_registration_refuses_nul_by_field(
    client: httpx.AsyncClient, body: dict[str, str], field: str
):
    response = await client.post(f"{API}/users", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field
    assert "NUL" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"track": "excel", "role": "Analyst\x00"}, "role"),
        ({"track": "excel", "job_description": "SQL\x00 and Excel"}, "job_description"),
        ({"track": "excel\x00"}, "track"),
        ({"track": "excel", "profile": {"name": NUL, "position": "Analyst"}}, "profile.name"),
    ],
)
async def test_starting_refuses_nul_by_field(
    client: httpx.AsyncClient, body: dict[str, object], field: str
):
    headers = {} if "profile" in body else auth(await register(client))
    response = await client.post(f"{API}/interviews", json=body, headers=headers)
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field


async def test_an_answer_with_nul_or_a_lone_surrogate_is_refused_and_not_stored(
    client: httpx.AsyncClient,
):
    token = await register(client)
    interview = await start(client, token, track="data-analyst")
    question = interview["current_question"]["id"]
    url = f"{API}/interviews/{interview['id']}/answers"
    for escaped in ("WHERE\\u0000 filters rows", "a lone \\ud800 surrogate"):
        raw = f'{{"question_id": "{question}", "text": "{escaped}"}}'.encode()
        response = await client.post(
            url, content=raw, headers={**auth(token), "Content-Type": "application/json"}
        )
        assert response.status_code == 422, response.text
        assert response.json()["field"] == "text"
    state = (await client.get(f"{API}/interviews/{interview['id']}", headers=auth(token))).json()
    assert state["current_question"]["id"] == question
    assert all(turn["answer"] is None for turn in state["turns"])
