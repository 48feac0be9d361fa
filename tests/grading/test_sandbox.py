"""The formula workers: pre-started, shared fairly between candidates, timed on computing only."""

from __future__ import annotations

import asyncio
import time

import pytest

from interviewer.core.ports import grading_for
from interviewer.grading.excel import FormulaRejected
from interviewer.grading.sandbox import FairShare, FormulaSandbox
from tests.grading.test_excel import TOTALS

SLOW = '=SUMPRODUCT((G1:Z2000="x")*1)'
QUICK = "=B2*C2*1.2"


async def _as(owner: str, sandbox: FormulaSandbox, formula: str, finished: list[str]) -> None:
    grading_for.set(owner)
    await sandbox.evaluate(TOTALS, formula)
    finished.append(f"{owner}:{formula}")


async def test_one_candidates_slow_formulas_do_not_hold_up_another():
    sandbox = FormulaSandbox(timeout_s=20, workers=2)
    finished: list[str] = []
    try:
        await sandbox.evaluate(TOTALS, QUICK)  # both workers warm
        slow = [asyncio.create_task(_as("a", sandbox, SLOW, finished)) for _ in range(3)]
        await asyncio.sleep(0.05)
        await asyncio.create_task(_as("b", sandbox, QUICK, finished))
        assert finished == [f"b:{QUICK}"], "b's formula waited behind a's"
        await asyncio.gather(*slow)
    finally:
        sandbox.close()
    assert len(finished) == 4


async def test_the_time_limit_counts_computing_not_starting_the_workers():
    sandbox = FormulaSandbox(timeout_s=0.5, workers=1)
    try:
        began = time.perf_counter()
        check = await sandbox.evaluate(TOTALS, QUICK)
        cold = time.perf_counter() - began
        assert check.fraction == 1.0
        assert cold > sandbox.timeout_s, "start-up was quicker than the limit: proves nothing"
        with pytest.raises(FormulaRejected, match="longer than 0.5 s"):
            await sandbox.evaluate(TOTALS, '=SUMPRODUCT((G1:Z80000="x")*1)')
        assert (await sandbox.evaluate(TOTALS, QUICK)).fraction == 1.0, "a fresh worker"
    finally:
        sandbox.close()


class _Worker:
    pass


async def test_free_workers_go_to_the_candidate_served_longest_ago():
    share = FairShare(per_owner=1)
    busy = [asyncio.create_task(share.acquire(owner)) for owner in ("a", "a", "a", "b", "c")]
    await asyncio.sleep(0)
    worker = _Worker()
    share.add(worker)  # type: ignore[arg-type]
    await asyncio.sleep(0)
    order = []
    for _ in range(5):
        done = next(t for t in busy if t.done() and t not in [o for _, o in order])
        owner = ("a", "a", "a", "b", "c")[busy.index(done)]
        order.append((owner, done))
        share.release(owner, done.result())
        await asyncio.sleep(0)
    assert [owner for owner, _ in order] == ["a", "b", "c", "a", "a"]


async def test_no_candidate_holds_every_worker():
    share = FairShare(per_owner=1)
    for _ in range(2):
        share.add(_Worker())  # type: ignore[arg-type]
    first = await share.acquire("a")
    second = asyncio.create_task(share.acquire("a"))
    await asyncio.sleep(0)
    assert not second.done(), "a took the second worker too"
    other = await asyncio.wait_for(share.acquire("b"), 1)
    assert other is not first
    share.release("a", first)
    assert (await asyncio.wait_for(second, 1)) is first


async def test_a_result_that_arrives_while_the_event_loop_is_held_up_still_counts():
    sandbox = FormulaSandbox(timeout_s=0.5, workers=1)
    try:
        await sandbox.evaluate(TOTALS, QUICK)
        job = asyncio.create_task(sandbox.evaluate(TOTALS, "=B2*C2*1.3"))
        await asyncio.sleep(0.05)
        time.sleep(1.0)  # the loop is busy elsewhere past the limit; the worker is not
        assert (await job).fraction == 0.0, "computed, not stopped"
    finally:
        sandbox.close()
