"""Formulas are evaluated in a worker process, so one that runs too long can be stopped."""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from interviewer.banks.schema import FormulaTask
from interviewer.grading.excel import (
    FormulaCheck,
    FormulaRejected,
    evaluate,
    evaluate_cells,
    parse_cell_formulas,
)


def _warm() -> bool:
    """Import the engine in the worker before any timed evaluation."""
    import formulas  # noqa: F401

    return True


class FormulaSandbox:
    def __init__(self, *, timeout_s: float = 2.0) -> None:
        self.timeout_s = timeout_s
        self._pool: ProcessPoolExecutor | None = None
        self._lock = asyncio.Lock()

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
        return self._pool

    def _kill(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    async def evaluate(self, task: FormulaTask, formula: str) -> FormulaCheck:
        """One formula for the target, or `CELL: formula` lines from an uploaded workbook."""
        loop = asyncio.get_running_loop()
        async with self._lock:
            pool = self._ensure_pool()
            try:
                await loop.run_in_executor(pool, _warm)
                by_cell = parse_cell_formulas(formula)
                if by_cell is None:
                    job = loop.run_in_executor(pool, evaluate, task, formula)
                else:
                    job = loop.run_in_executor(pool, evaluate_cells, task, by_cell)
                return await asyncio.wait_for(job, self.timeout_s)
            except TimeoutError as exc:
                self._kill()
                raise FormulaRejected(
                    f"The formula took longer than {self.timeout_s:g} s and was stopped; "
                    "simplify it or use smaller ranges."
                ) from exc
            except BrokenProcessPool as exc:
                self._kill()
                raise FormulaRejected("The formula stopped the evaluator; simplify it.") from exc

    def close(self) -> None:
        self._kill()
