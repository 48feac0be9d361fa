"""A runaway client gets 429 with Retry-After; others, health checks and the page are unaffected."""

from __future__ import annotations

import httpx

from interviewer.banks.loader import BankSet
from interviewer.config import Settings
from interviewer.web.app import create_app
from tests.factories import API, auth, register


async def test_over_the_limit_is_429_per_client(database_url: str, banks: BankSet):
    app = create_app(Settings(database_url=database_url, rate_limit_per_minute=5), banks=banks)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        token = await register(client)
        statuses = [
            (await client.get(f"{API}/users/me", headers=auth(token))).status_code for _ in range(6)
        ]
        assert statuses[:4] == [200] * 4 and statuses[-1] == 429
        limited = await client.get(f"{API}/users/me", headers=auth(token))
        assert limited.status_code == 429
        assert int(limited.headers["Retry-After"]) >= 1
        assert "Too many requests" in limited.json()["detail"]
        other = await client.get(f"{API}/users/me", headers=auth("another-token-" + "x" * 30))
        assert other.status_code == 401, "another client has its own allowance"
        assert (await client.get("/healthz")).status_code == 200
    await app.state.interviewer.database.dispose()


def test_the_bucket_refills_with_time():
    from interviewer.web.ratelimit import RateLimitMiddleware

    now = [0.0]
    limiter = RateLimitMiddleware(app=None, per_minute=60, clock=lambda: now[0])  # type: ignore[arg-type]
    assert all(limiter._take("c") == 0 for _ in range(60))
    assert limiter._take("c") > 0
    now[0] += 1.0
    assert limiter._take("c") == 0
