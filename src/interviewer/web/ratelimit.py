"""Per-client request limit (token bucket), in memory: a guard against runaway clients.

A client is its user when the request carries a token this process has seen authenticate,
else its address: a new made-up Authorization header on every request does not buy a new
allowance. Health checks and static files are not counted. Over the limit: 429 with
Retry-After and a JSON message.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections import OrderedDict
from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

MAX_CLIENTS = 10_000


def header_digest(value: bytes) -> str:
    return hashlib.sha256(value).hexdigest()[:32]


class KnownTokens:
    """Authorization headers that authenticated, by digest, with their user (bounded, newest
    kept); filled by the auth dependency, read by the rate limit."""

    def __init__(self, limit: int = MAX_CLIENTS) -> None:
        self.limit = limit
        self.users: OrderedDict[str, str] = OrderedDict()

    def remember(self, header: str, user_id: object) -> None:
        digest = header_digest(header.encode("latin-1", "replace"))
        self.users.pop(digest, None)
        self.users[digest] = str(user_id)
        while len(self.users) > self.limit:
            self.users.popitem(last=False)

    def user_for(self, header: bytes) -> str | None:
        return self.users.get(header_digest(header))


class RateLimitMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        per_minute: int,
        known: KnownTokens | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.known = known or KnownTokens()
        self.capacity = float(per_minute)
        self.refill_per_s = per_minute / 60.0
        self.clock = clock
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def _client(self, scope: Scope) -> str:
        for name, value in scope.get("headers", []):
            if name == b"authorization":
                user = self.known.user_for(value)
                if user is not None:
                    return f"u:{user}"
        client = scope.get("client")
        return f"a:{client[0] if client else 'unknown'}"

    def _take(self, key: str) -> float:
        """0 when allowed, else the seconds until a request would be."""
        now = self.clock()
        tokens, seen = self.buckets.pop(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - seen) * self.refill_per_s)
        wait = 0.0
        if tokens >= 1:
            tokens -= 1
        else:
            wait = (1 - tokens) / self.refill_per_s
        self.buckets[key] = (tokens, now)
        while len(self.buckets) > MAX_CLIENTS:
            self.buckets.popitem(last=False)
        return wait

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        wait = self._take(self._client(scope))
        if not wait:
            await self.app(scope, receive, send)
            return
        retry = str(max(1, math.ceil(wait)))
        body = json.dumps(
            {
                "detail": f"Too many requests; try again in {retry} s.",
                "code": "rate_limited",
                "field": None,
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 429,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"retry-after", retry.encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
