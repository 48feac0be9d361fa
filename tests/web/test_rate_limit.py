"""A runaway client gets 429 with Retry-After; others, health checks and the page are unaffected."""

from __future__ import annotations

import httpx

from interviewer.banks.loader import BankSet
from interviewer.config import Settings
from interviewer.web.app import create_app
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


def test_the_bucket_refills_with_time():
    from interviewer.web.ratelimit import RateLimitMiddleware

    now = [0.0]
    limiter = RateLimitMiddleware(app=None, per_minute=60, clock=lambda: now[0])  # type: ignore[arg-type]
    assert all(limiter._take("c") == 0 for _ in range(60))
    assert limiter._take("c") > 0
    now[0] += 1.0
    assert limiter._take("c") == 0
