"""Formulas are evaluated in a small pool of worker processes, so one that runs too long can
be stopped and one candidate's slow formulas cannot hold up another's.

Workers are started and warmed (the formula engine imported) before they take work, so the
time limit counts computing only. A worker that runs past the limit is killed and a fresh one
warmed in the background. Free workers go to waiting candidates in turn (`FairShare`), and no
candidate holds more than `per_owner` workers at once.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import count
from typing import TypeVar

from interviewer.banks.schema import FormulaTask
from interviewer.core.ports import grading_for
from interviewer.grading.excel import (
    FormulaCheck,
    FormulaRejected,
    evaluate,
    evaluate_cells,
    parse_cell_formulas,
)

T = TypeVar("T")
log = logging.getLogger(__name__)
ANONYMOUS = "-"


WARM_UP = FormulaTask(
    columns=("Item", "Qty", "Price", "Total"),
    rows=(("Pens", 10, 1.5), ("Ink", 2, 19.99)),
    target="D2",
    fill_down=True,
    expected=(15.0, 39.98),
    formulas=("=B2*C2",),
)


def _warm() -> bool:
    """Import the engine and compute once in the worker before any timed evaluation: the
    first computation in a process pays for lazy imports and compilation."""
    return evaluate(WARM_UP, "=IF(B2>0,ROUND(SUM(B2:C2)*C2,2),0)").fraction >= 0


def _check(task: FormulaTask, formula: str) -> FormulaCheck:
    by_cell = parse_cell_formulas(formula)
    if by_cell is None:
        return evaluate(task, formula)
    return evaluate_cells(task, by_cell)


class _Worker:
    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.executor = ProcessPoolExecutor(max_workers=1, mp_context=context)

    def submit(self, fn: Callable[..., T], *args: object) -> asyncio.Future[T]:
        return asyncio.get_running_loop().run_in_executor(self.executor, fn, *args)

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        return await self.submit(fn, *args)

    def kill(self) -> None:
        for process in list(getattr(self.executor, "_processes", {}).values()):
            process.kill()
        self.executor.shutdown(wait=False, cancel_futures=True)


@dataclass
class FairShare:
    """Hands free workers to waiting owners: fewest workers held first, then the owner served
    longest ago, then arrival order."""

    per_owner: int
    free: deque[_Worker] = field(default_factory=deque)
    active: Counter[str] = field(default_factory=Counter)
    _waiting: list[tuple[int, str, asyncio.Future[_Worker]]] = field(default_factory=list)
    _served: dict[str, int] = field(default_factory=dict)
    _ticket: count[int] = field(default_factory=count)

    async def acquire(self, owner: str) -> _Worker:
        future: asyncio.Future[_Worker] = asyncio.get_running_loop().create_future()
        self._waiting.append((next(self._ticket), owner, future))
        self._dispatch()
        try:
            return await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self.release(owner, future.result())
            self._waiting = [w for w in self._waiting if w[2] is not future]
            raise

    def release(self, owner: str, worker: _Worker | None) -> None:
        """Give a worker back (None when it was killed; its replacement comes via `add`)."""
        self.active[owner] -= 1
        if self.active[owner] <= 0:
            del self.active[owner]
        if worker is not None:
            self.add(worker)

    def add(self, worker: _Worker) -> None:
        self.free.append(worker)
        self._dispatch()

    def fail(self, error: Exception) -> None:
        """No worker can start: tell everyone waiting instead of leaving them waiting."""
        for _, _, future in self._waiting:
            if not future.done():
                future.set_exception(error)
        self._waiting.clear()

    def _dispatch(self) -> None:
        self._waiting = [w for w in self._waiting if not w[2].done()]
        while self.free:
            eligible = [w for w in self._waiting if self.active[w[1]] < self.per_owner]
            if not eligible:
                return
            chosen = min(
                eligible, key=lambda w: (self.active[w[1]], self._served.get(w[1], -1), w[0])
            )
            self._waiting.remove(chosen)
            ticket, owner, future = chosen
            self.active[owner] += 1
            self._served[owner] = ticket
            future.set_result(self.free.popleft())


class FormulaSandbox:
    def __init__(
        self, *, timeout_s: float = 2.0, workers: int = 2, per_owner: int | None = None
    ) -> None:
        self.timeout_s = timeout_s
        self.size = max(1, workers)
        self.share = FairShare(per_owner or max(1, self.size - 1))
        self._all: set[_Worker] = set()
        self._warming: set[asyncio.Task[None]] = set()

    def start(self) -> None:
        """Start and warm the workers in the background (call from a running loop)."""
        while len(self._all) < self.size:
            self._spawn()

    def _spawn(self) -> None:
        worker = _Worker()
        self._all.add(worker)
        task = asyncio.get_running_loop().create_task(self._warm(worker))
        self._warming.add(task)
        task.add_done_callback(self._warming.discard)

    async def _warm(self, worker: _Worker) -> None:
        try:
            await worker.run(_warm)
        except Exception:
            log.exception("a formula worker could not start")
            self._all.discard(worker)
            worker.kill()
            if not self._all:
                self.share.fail(
                    FormulaRejected("The formula evaluator could not start; try again.")
                )
            return
        if worker in self._all:
            self.share.add(worker)

    async def evaluate(self, task: FormulaTask, formula: str) -> FormulaCheck:
        """One formula for the target, or `CELL: formula` lines from an uploaded workbook."""
        self.start()
        owner = grading_for.get() or ANONYMOUS
        worker = await self.share.acquire(owner)
        try:
            check = await self._within_limit(worker.submit(_check, task, formula))
        except TimeoutError as exc:
            self._replace(owner, worker)
            raise FormulaRejected(
                f"The formula took longer than {self.timeout_s:g} s and was stopped; "
                "simplify it or use smaller ranges."
            ) from exc
        except BrokenProcessPool as exc:
            self._replace(owner, worker)
            raise FormulaRejected("The formula stopped the evaluator; simplify it.") from exc
        except asyncio.CancelledError:
            self._replace(owner, worker)
            raise
        except Exception:
            self.share.release(owner, worker)
            raise
        self.share.release(owner, worker)
        return check

    async def _within_limit(self, job: asyncio.Future[FormulaCheck]) -> FormulaCheck:
        """The job's result, or TimeoutError when the worker computed past the limit. A result
        that arrived while the event loop itself was held up is still a result."""
        await asyncio.wait({job}, timeout=self.timeout_s)
        if not job.done():
            await asyncio.sleep(0)  # a completion queued behind the timer
        if not job.done():
            job.cancel()
            raise TimeoutError
        return job.result()

    def _replace(self, owner: str, worker: _Worker) -> None:
        self._all.discard(worker)
        worker.kill()
        self.share.release(owner, None)
        self._spawn()

    def close(self) -> None:
        for task in self._warming:
            task.cancel()
        for worker in self._all:
            worker.kill()
        self._all.clear()
        self.share.free.clear()
