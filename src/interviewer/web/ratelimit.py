"""Per-client request limit (token bucket): a guard against runaway clients.

A client is its user when the request carries a token that authenticates, else its address:
a new made-up Authorization header on every request does not buy a new allowance. Buckets
live in memory for one process (SQLite) or in the database so every process serving the app
shares one allowance per client (`SharedBuckets`, the default on PostgreSQL). Health checks
and static files are not counted. Over the limit: 429 with Retry-After and a JSON message.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import random
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

from starlette.types import ASGIApp, Receive, Scope, Send

from interviewer.config import Settings
from interviewer.errors import DomainError, TooManyRequests
from interviewer.storage.db import Database
from interviewer.web.security import bearer_token, hash_token

MAX_CLIENTS = 10_000
LIMITED_PATHS = ("/api/", "/users", "/interview/")
"""The API and the compatibility routes; the page, its assets and health checks are free."""
FORGET_AFTER_S = 3600.0
log = logging.getLogger(__name__)


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


class Buckets(Protocol):
    async def take(self, key: str) -> float:
        """Draw one request: 0 when allowed, else the seconds until one would be."""
        ...


class MemoryBuckets:
    """One process's buckets (bounded, least recently seen dropped first)."""

    def __init__(self, *, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.refill_per_s = per_minute / 60.0
        self.clock = clock
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    async def take(self, key: str) -> float:
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


class SharedBuckets:
    """Buckets in the database. A database that does not answer lets the request through:
    the request then gets the database's own clear error."""

    def __init__(
        self, database: Database, *, per_minute: int, clock: Callable[[], float] = time.time
    ) -> None:
        self.database = database
        self.capacity = float(per_minute)
        self.refill_per_s = per_minute / 60.0
        self.clock = clock

    async def take(self, key: str) -> float:
        now = self.clock()
        try:
            async with self.database.repository() as repository:
                wait = await repository.take_request_token(
                    key, capacity=self.capacity, refill_per_s=self.refill_per_s, now=now
                )
                if random.random() < 0.001:
                    await repository.forget_request_tokens(seen_before=now - FORGET_AFTER_S)
                return wait
        except DomainError as exc:
            log.warning("rate limit not checked: %s", exc)
            return 0.0


def buckets_for(settings: Settings, database: Database, *, per_minute: int) -> Buckets:
    """In the database when processes share it (PostgreSQL by default), else in memory."""
    shared = settings.rate_limit_store == "database" or (
        settings.rate_limit_store == "auto" and not settings.database_url.startswith("sqlite")
    )
    if shared:
        return SharedBuckets(database, per_minute=per_minute)
    return MemoryBuckets(per_minute=per_minute)


@dataclass
class SignInLimit:
    """Attempts to sign in with an email and a recovery key, counted per email (guessing one
    account's key) and per client address (trying many emails); both must allow it."""

    per_email: Buckets = field(default_factory=lambda: MemoryBuckets(per_minute=5))
    per_address: Buckets = field(default_factory=lambda: MemoryBuckets(per_minute=30))

    async def check(self, *, email: str, address: str) -> None:
        email_key = "signin:e:" + header_digest(email.strip().casefold().encode("utf-8"))
        wait = max(
            await self.per_email.take(email_key),
            await self.per_address.take(f"signin:a:{address}"[:80]),
        )
        if wait:
            retry = max(1, math.ceil(wait))
            raise TooManyRequests(
                f"Too many sign-in attempts; try again in {retry} s.", retry_after=retry
            )


def token_owner(database: Database) -> Callable[[bytes], Awaitable[str | None]]:
    """Looks up who a bearer token belongs to (None for a made-up one or a database down)."""

    async def resolve(header: bytes) -> str | None:
        token = bearer_token(header.decode("latin-1"))
        if token is None:
            return None
        try:
            async with database.repository() as repository:
                user = await repository.user_by_token_hash(hash_token(token))
        except DomainError:
            return None
        return str(user.id) if user is not None else None

    return resolve


class RateLimitMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        buckets: Buckets,
        known: KnownTokens | None = None,
        resolve: Callable[[bytes], Awaitable[str | None]] | None = None,
    ) -> None:
        """`resolve` finds the user of a token this process has not seen authenticate yet."""
        self.app = app
        self.buckets = buckets
        self.known = known or KnownTokens()
        self.resolve = resolve

    async def _client(self, scope: Scope) -> str:
        for name, value in scope.get("headers", []):
            if name == b"authorization":
                user = self.known.user_for(value)
                if user is None and self.resolve is not None:
                    user = await self.resolve(value)
                    if user is not None:
                        self.known.remember(value.decode("latin-1"), user)
                if user is not None:
                    return f"u:{user}"
        client = scope.get("client")
        return f"a:{client[0] if client else 'unknown'}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(LIMITED_PATHS):
            await self.app(scope, receive, send)
            return
        wait = await self.buckets.take(await self._client(scope))
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
