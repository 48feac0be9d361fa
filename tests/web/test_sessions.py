"""Signing in again with the email and recovery key from registration (POST /sessions)."""

from __future__ import annotations

import re

import httpx

from tests.factories import API, auth

SESSIONS = f"{API}/sessions"
KEY = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$")


async def create(
    client: httpx.AsyncClient, *, name: str = "Ada Lovelace", email: str | None = "ada@example.com"
) -> dict:
    body = {"name": name, "position": "Analyst", **({"email": email} if email else {})}
    response = await client.post(f"{API}/users", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def sign_in(client: httpx.AsyncClient, email: str, key: str) -> httpx.Response:
    return await client.post(SESSIONS, json={"email": email, "recovery_key": key})


async def test_the_recovery_key_signs_in_from_anywhere_and_old_tokens_keep_working(
    client: httpx.AsyncClient,
):
    ada = await create(client)
    key = ada["recovery_key"]
    assert KEY.match(key), key
    assert (await create(client, name="No Email", email=None))["recovery_key"] is None

    response = await sign_in(client, "ada@example.com", key)
    assert response.status_code == 201, response.text
    assert response.headers["Cache-Control"] == "no-store"
    body = response.json()
    assert body["user"]["id"] == ada["user"]["id"] and body["token"] != ada["token"]
    for token in (body["token"], ada["token"]):  # a new browser does not sign the others out
        me = await client.get(f"{API}/users/me", headers=auth(token))
        assert me.status_code == 200 and me.json()["name"] == "Ada Lovelace"

    # Typed by hand: case, spaces, no dashes, O for 0 and l for 1; the email's case.
    sloppy = key.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    again = await sign_in(client, "  ADA@Example.com ", sloppy)
    assert again.status_code == 201, again.text
    assert again.json()["user"]["id"] == ada["user"]["id"]


async def test_a_mismatch_gets_one_generic_answer(client: httpx.AsyncClient):
    ada = await create(client)
    grace = await create(client, name="Grace Hopper", email="grace@example.com")
    wrong_key = ("0000-" * 5)[:-1]
    attempts = [
        ("ada@example.com", wrong_key),  # wrong key
        ("ada@example.com", grace["recovery_key"]),  # another user's key
        ("grace@example.com", ada["recovery_key"]),  # another user's email
        ("nobody@example.com", ada["recovery_key"]),  # an unknown email
    ]
    details = set()
    for email, key in attempts:
        response = await sign_in(client, email, key)
        assert response.status_code == 401, (email, response.text)
        assert "token" not in response.json() and response.json()["code"] == "unauthorized"
        details.add(response.json()["detail"])
    assert details == {
        "That email and recovery key do not match an account. Check both and try again."
    }

    malformed = await sign_in(client, "ada@example.com", "my dog's name")
    assert malformed.status_code == 422
    assert malformed.json()["field"] == "recovery_key"
    assert "20 letters and digits" in malformed.json()["detail"]
    missing = await client.post(SESSIONS, json={"email": "ada@example.com"})
    assert missing.status_code == 422 and missing.json()["field"] == "recovery_key"


async def test_attempts_are_rate_limited_per_email(client: httpx.AsyncClient):
    ada = await create(client)
    for _ in range(5):
        assert (await sign_in(client, "ada@example.com", "0" * 20)).status_code == 401
    limited = await sign_in(client, "ada@example.com", ada["recovery_key"])
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) >= 1
    assert limited.json()["code"] == "rate_limited"
    # Another email from the same address still has its own allowance.
    grace = await create(client, name="Grace", email="grace@example.com")
    assert (await sign_in(client, "grace@example.com", grace["recovery_key"])).status_code == 201


async def test_keys_and_tokens_are_stored_hashed_and_deleted_with_the_user(
    client: httpx.AsyncClient,
):
    from sqlalchemy import func, select

    from interviewer.storage.records import AccessTokenRecord, UserRecord

    ada = await create(client)
    token = (await sign_in(client, "ada@example.com", ada["recovery_key"])).json()["token"]
    sessions = client._transport.app.state.interviewer.database.sessions  # type: ignore[attr-defined]
    async with sessions() as session:
        stored = {
            v
            for row in (await session.execute(select(UserRecord))).scalars()
            for v in (row.token_hash, row.recovery_hash)
        } | set(await session.scalars(select(AccessTokenRecord.token_hash)))
    key = ada["recovery_key"]
    secrets = {ada["token"], token, key, key.replace("-", "")}
    assert len(stored) == 3 and not stored & secrets
    assert all(re.fullmatch(r"[0-9a-f]{64}", v) for v in stored)

    assert (await client.delete(f"{API}/users/me", headers=auth(token))).status_code == 204
    async with sessions() as session:
        left = await session.scalar(select(func.count()).select_from(AccessTokenRecord))
    assert left == 0
    assert (await client.get(f"{API}/users/me", headers=auth(ada["token"]))).status_code == 401
    assert (await sign_in(client, "ada@example.com", key)).status_code == 401


async def test_openapi_documents_signing_in(client: httpx.AsyncClient):
    spec = (await client.get("/openapi.json")).json()
    operation = spec["paths"][SESSIONS]["post"]
    responses = operation["responses"]
    assert {"201", "401", "422", "429"} <= set(responses)
    assert "no-store" in responses["201"]["headers"]["Cache-Control"]["description"]
    assert "Retry-After" in responses["429"]["headers"]
    assert "recovery key do not match" in responses["401"]["description"]
    assert "security" not in operation  # public: it is how a token is obtained
    created = spec["components"]["schemas"]["UserCreated"]["properties"]
    assert "recovery_key" in created
