"""A circuit breaker: after a run of failed calls the provider is not asked for a while.

Without it, a provider that hangs makes every step of every interview wait the full timeout
before falling back. Open, the breaker fails calls at once (the caller falls back to the
offline engine); after the cool-down one trial call is let through, and its outcome closes the
breaker again or keeps it open for another cool-down.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class CircuitBreaker:
    def __init__(
        self,
        *,
        failures_to_open: int = 3,
        cooldown_s: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.failures_to_open = failures_to_open
        self.cooldown_s = cooldown_s
        self.clock = clock
        self.failures = 0
        self.opened_at: float | None = None
        self.trial_running = False

    def allows(self) -> bool:
        """True when a call may go out: closed, or the one trial after the cool-down."""
        if self.opened_at is None:
            return True
        if self.trial_running or self.clock() - self.opened_at < self.cooldown_s:
            return False
        self.trial_running = True
        return True

    def retry_in(self) -> float:
        if self.opened_at is None:
            return 0.0
        return max(0.0, self.cooldown_s - (self.clock() - self.opened_at))

    def succeeded(self) -> None:
        self.failures = 0
        self.opened_at = None
        self.trial_running = False

    def failed(self) -> None:
        self.failures += 1
        if self.trial_running or self.failures >= self.failures_to_open:
            self.opened_at = self.clock()
        self.trial_running = False
