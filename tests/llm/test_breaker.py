"""A provider that keeps failing trips the breaker: later steps fall back at once, and the
provider is tried again after the cool-down."""

from __future__ import annotations

import asyncio
import time

from interviewer.llm.breaker import CircuitBreaker
from tests.llm.fake_server import FakeModelServer, Reply
from tests.llm.test_providers import ANSWER, QUESTION, make


def test_the_breaker_opens_after_a_run_of_failures_and_lets_one_trial_through():
    now = [0.0]
    breaker = CircuitBreaker(failures_to_open=3, cooldown_s=10, clock=lambda: now[0])
    for _ in range(2):
        assert breaker.allows()
        breaker.failed()
    assert breaker.allows()
    breaker.succeeded()
    for _ in range(3):
        breaker.failed()
    assert not breaker.allows() and breaker.retry_in() == 10
    now[0] = 10.0
    assert breaker.allows(), "one trial after the cool-down"
    assert not breaker.allows(), "only one"
    breaker.failed()
    assert not breaker.allows(), "a failed trial opens it again"
    now[0] = 20.0
    assert breaker.allows()
    breaker.succeeded()
    assert breaker.allows() and breaker.allows()


async def test_a_hanging_provider_trips_the_breaker(provider: str, model_server: FakeModelServer):
    model_server.then(*[Reply(delay=3.0) for _ in range(2)])
    ai = make(
        provider,
        model_server,
        ai_timeout_s=0.4,
        ai_retries=0,
        ai_breaker_failures=2,
        ai_breaker_cooldown_s=1.0,
    )
    for _ in range(2):
        slow = await ai.grade(QUESTION, ANSWER)
        assert slow.graded_by == "offline (fallback: timeout)"
    started = time.monotonic()
    fast = await ai.grade(QUESTION, ANSWER)
    assert time.monotonic() - started < 0.2
    assert fast.graded_by == "offline (fallback: circuit open)"
    assert fast.calls == () and len(model_server.seen) == 2
    await asyncio.sleep(1.1)
    recovered = await ai.grade(QUESTION, ANSWER)
    assert recovered.graded_by == f"{provider}:fake-model", "the trial call succeeded"
    assert len(model_server.seen) == 3
