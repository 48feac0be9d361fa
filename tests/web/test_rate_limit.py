"""A runaway client gets 429 with Retry-After; others, health checks and the page are unaffected."""

from __future__ import annotations

import httpx
import pytest

from interviewer.banks.loader import BankSet
from interviewer.config import Settings
from interviewer.web.app import create_app
from tests.conftest import fresh_postgres_database
from tests.factories import API, auth, register


async def test_over_the_limit_is_429_per_user(database_url: str, banks: BankSet):
    app = create_app(Settings(database_url=database_url, rate_limit_per_minute=5), banks=banks)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        token = await register(client)
        statuses = [
            (await client.get(f"{API}/users/me", headers=auth(token))).status_code for _ in range(8)
        ]
        assert statuses[:5] == [200] * 5 and statuses[-1] == 429, statuses
        limited = await client.get(f"{API}/users/me", headers=auth(token))
        assert limited.status_code == 429
        assert int(limited.headers["Retry-After"]) >= 1
        assert "Too many requests" in limited.json()["detail"]
        assert (await client.get("/healthz")).status_code == 200
    elsewhere = httpx.ASGITransport(app=app, client=("203.0.113.9", 40000))
    async with httpx.AsyncClient(transport=elsewhere, base_url="http://test") as other:
        other_token = await register(other)
        mine = await other.get(f"{API}/users/me", headers=auth(other_token))
        assert mine.status_code == 200, "another user has their own allowance"
    await app.state.interviewer.database.dispose()


async def test_a_new_made_up_token_per_request_does_not_buy_a_new_allowance(
    database_url: str, banks: BankSet
):
    app = create_app(Settings(database_url=database_url, rate_limit_per_minute=5), banks=banks)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        statuses = [
            (
                await client.get(f"{API}/users/me", headers=auth(f"made-up-{i}-" + "x" * 30))
            ).status_code
            for i in range(8)
        ]
    assert statuses[:5] == [401] * 5 and statuses[-1] == 429, statuses
    await app.state.interviewer.database.dispose()


async def test_the_bucket_refills_with_time():
    from interviewer.web.ratelimit import MemoryBuckets

    now = [0.0]
    buckets = MemoryBuckets(per_minute=60, clock=lambda: now[0])
    assert [await buckets.take("c") for _ in range(60)] == [0] * 60
    assert await buckets.take("c") > 0
    now[0] += 1.0
    assert await buckets.take("c") == 0


async def test_the_shared_bucket_refills_with_time(database_url: str):
    from interviewer.storage.db import Database
    from interviewer.web.ratelimit import SharedBuckets

    now = [1000.0]
    database = Database(database_url)
    buckets = SharedBuckets(database, per_minute=60, clock=lambda: now[0])
    try:
        assert [await buckets.take("c") for _ in range(60)] == [0] * 60
        assert await buckets.take("c") == pytest.approx(1.0)
        assert await buckets.take("other") == 0
        now[0] += 1.0
        assert await buckets.take("c") == 0
        assert await buckets.take("c") > 0
    finally:
        await database.dispose()


async def test_processes_on_one_database_share_one_allowance(postgres, banks: BankSet):
    """Two app instances stand for two server processes: 5 a minute in all, not 5 each."""
    url = fresh_postgres_database(postgres)
    apps = [
        create_app(Settings(database_url=url, rate_limit_per_minute=5), banks=banks)
        for _ in range(2)
    ]
    clients = [
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")
        for app in apps
    ]
    try:
        elsewhere = httpx.ASGITransport(app=apps[0], client=("203.0.113.7", 1))
        async with httpx.AsyncClient(transport=elsewhere, base_url="http://test") as signup:
            token = await register(signup)
        statuses = [
            (await clients[i % 2].get(f"{API}/users/me", headers=auth(token))).status_code
            for i in range(7)
        ]
        assert statuses[:5] == [200] * 5 and statuses[5:] == [429, 429], statuses
    finally:
        for client, app in zip(clients, apps, strict=True):
            await client.aclose()
            await app.state.interviewer.database.dispose()


async def test_the_compatibility_routes_count_too(database_url: str, banks: BankSet):
    app = create_app(Settings(database_url=database_url, rate_limit_per_minute=3), banks=banks)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        statuses = [
            (await client.post("/users", json={"name": "A", "position": "Analyst"})).status_code
            for _ in range(4)
        ]
        assert (await client.get("/")).status_code == 200, "the page is never limited"
    assert statuses[-1] == 429 and statuses.count(429) == 1, statuses
    await app.state.interviewer.database.dispose()
