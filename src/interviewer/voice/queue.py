"""Transcriptions off the event loop, a few at a time, with a bounded wait.

Each transcription runs in a worker thread (CTranslate2 and PyAV release the GIL while they
compute), at most `workers` at once; up to `waiting` more wait their turn, and beyond that a
request is refused at once with a retry hint instead of piling up. One long upload therefore
never stalls the other candidates' requests, which the event loop keeps answering.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class QueueFull(Exception):
    def __init__(self, retry_after_s: int) -> None:
        super().__init__("busy")
        self.retry_after_s = retry_after_s


class BoundedQueue:
    def __init__(self, *, workers: int = 1, waiting: int = 4, typical_s: float = 10.0) -> None:
        self.workers = workers
        self.waiting = waiting
        self.typical_s = typical_s
        self._slots = asyncio.Semaphore(workers)
        self._pending = 0
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="transcribe")

    @property
    def pending(self) -> int:
        """Running plus waiting."""
        return self._pending

    async def run(self, job: Callable[[], T]) -> T:
        if self._pending >= self.workers + self.waiting:
            ahead = self._pending - self.workers + 1
            raise QueueFull(max(1, round(self.typical_s * ahead / self.workers)))
        self._pending += 1
        try:
            async with self._slots:
                loop = asyncio.get_running_loop()
                return await loop.run_in_executor(self._pool, job)
        finally:
            self._pending -= 1

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
