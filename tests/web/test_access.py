"""Every route that touches a user's data: no token 401, a wrong token 401, another user's 404."""

from __future__ import annotations

import httpx
import pytest

from tests.factories import API, auth, register, start

WRONG = "not-a-real-token-" + "x" * 30


async def _walk(client: httpx.AsyncClient) -> tuple[str, list[tuple[str, str, dict | None]]]:
    owner = await register(client, name="Owner")
    interview = await start(client, owner, track="behavioral", length=2)
    iid, qid = interview["id"], interview["current_question"]["id"]
    routes: list[tuple[str, str, dict | None]] = [
        ("GET", f"{API}/interviews/{iid}", None),
        ("POST", f"{API}/interviews/{iid}/answers", {"question_id": qid, "text": "An answer"}),
        ("POST", f"{API}/interviews/{iid}/questions/{qid}/hint", None),
        ("POST", f"{API}/interviews/{iid}/questions/{qid}/skip", None),
        ("POST", f"{API}/interviews/{iid}/finalize", None),
        ("GET", f"{API}/interviews/{iid}/report", None),
    ]
    return owner, routes


USER_ROUTES = [
    ("GET", f"{API}/users/me"),
    ("DELETE", f"{API}/users/me"),
    ("GET", f"{API}/users/me/interviews"),
    ("GET", f"{API}/users/me/progress"),
]


@pytest.mark.parametrize("headers", [{}, auth(WRONG), {"Authorization": "Basic abc"}])
async def test_without_a_valid_token_every_private_route_is_401(
    client: httpx.AsyncClient, headers: dict[str, str]
):
    _owner, routes = await _walk(client)
    for method, url in USER_ROUTES:
        response = await client.request(method, url, headers=headers)
        assert response.status_code == 401, (method, url, response.text)
        assert response.headers["WWW-Authenticate"] == "Bearer"
    for method, url, body in routes:
        response = await client.request(method, url, json=body, headers=headers)
        assert response.status_code == 401, (method, url, response.text)
        assert "token" in response.json()["detail"].lower()


async def test_another_users_token_sees_404_and_changes_nothing(client: httpx.AsyncClient):
    owner, routes = await _walk(client)
    intruder = await register(client, name="Intruder")
    for method, url, body in routes:
        response = await client.request(method, url, json=body, headers=auth(intruder))
        assert response.status_code == 404, (method, url, response.text)
    state = await client.get(routes[0][1], headers=auth(owner))
    assert state.status_code == 200
    turns = state.json()["turns"]
    assert len(turns) == 1 and turns[0]["answer"] is None and not turns[0]["question"]["skipped"]
    assert not turns[0]["question"]["hint_used"] and state.json()["status"] == "ongoing"
    mine = await client.get(f"{API}/users/me/interviews", headers=auth(intruder))
    assert mine.json() == []


async def test_tokens_are_random_and_stored_hashed(client: httpx.AsyncClient):
    from sqlalchemy import select

    from interviewer.storage.records import UserRecord

    tokens = {await register(client, name=f"U{i}") for i in range(3)}
    assert len(tokens) == 3 and all(len(t) >= 43 for t in tokens)
    sessions = client._transport.app.state.interviewer.database.sessions  # type: ignore[attr-defined]
    async with sessions() as session:
        hashes = set(await session.scalars(select(UserRecord.token_hash)))
    assert not tokens & hashes and len(hashes) == 3


async def test_public_routes_need_no_token(client: httpx.AsyncClient):
    assert (await client.get(f"{API}/tracks")).status_code == 200
    assert (await client.get("/healthz")).status_code == 200
    start = await client.post(f"{API}/interviews", json={"track": "excel"})
    assert start.status_code == 401
