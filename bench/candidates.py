"""Simulated candidates: whole interviews through the public API, every request timed.

Used by bench/load.py, against a real server (`crowd`, and `hammer` for the bare endpoint) and
in-process for the profile. Failures are recorded, never raised: a non-2xx response ends that
candidate's run.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any

import httpx

API = "/api/v1"
TRACKS = (("excel", "technical"), ("data-analyst", "mixed"))
FALLBACK_FORMULA = "=SUM(B2:B10)"
FALLBACK_ANSWER = (
    "I would start by agreeing on the goal and the data we have, then work through it in small "
    "steps and check each result against a known total before I share it. If something looks "
    "off I would say so early and explain what I would try next."
)
ANSWER_ROUTE = "POST /interviews/{id}/answers"
BARE_ROUTE = "GET /ping"
RAMP_S = 1.0
"""Candidates arrive over this long, not all in the same millisecond."""


@dataclass
class Sample:
    route: str
    status: int | str
    ms: float


@dataclass
class Recorder:
    samples: list[Sample] = field(default_factory=list)
    answers: int = 0

    def errors(self) -> Counter[tuple[str, int | str]]:
        return Counter(
            (s.route, s.status)
            for s in self.samples
            if not (isinstance(s.status, int) and 200 <= s.status < 300)
        )

    def latencies(self) -> dict[str, list[float]]:
        by_route: dict[str, list[float]] = {}
        for sample in self.samples:
            by_route.setdefault(sample.route, []).append(sample.ms)
        return by_route


class Failed(Exception):
    pass


class Answers:
    """The text a candidate sends: the bank's reference answer (or one of the task's formulas)
    when the question comes from the bank, a fixed paragraph or formula otherwise."""

    def __init__(self) -> None:
        from interviewer.banks.loader import default_banks

        self.items = list(default_banks().items.values())
        self.by_text = {item.text: item for item in self.items}

    def _item(self, text: str) -> Any:
        exact = self.by_text.get(text)
        if exact is not None:
            return exact
        # follow-ups quote the question they follow
        return next((item for item in self.items if item.text in text), None)

    def text(self, question: dict[str, Any], *, candidate: int, weak: bool) -> str:
        item = self._item(question["text"])
        if question["kind"] == "excel_formula":
            if item is None or item.task is None:
                return FALLBACK_FORMULA
            choices = (*item.task.formulas, *item.task.alternatives)
            return str(choices[candidate % len(choices)])
        if weak or item is None:
            return FALLBACK_ANSWER
        return str(item.reference)


async def request(
    client: httpx.AsyncClient,
    recorder: Recorder,
    method: str,
    route: str,
    path: str,
    **options: Any,
) -> Any:
    """One timed call; `route` is the templated path the figures are grouped by."""
    label = f"{method} {route}"
    t0 = time.perf_counter()
    try:
        response = await client.request(method, API + path, **options)
    except httpx.HTTPError as exc:
        recorder.samples.append(Sample(label, type(exc).__name__, _ms(t0)))
        raise Failed(label) from exc
    recorder.samples.append(Sample(label, response.status_code, _ms(t0)))
    if not 200 <= response.status_code < 300:
        raise Failed(f"{label}: {response.status_code} {response.text[:200]}")
    return response.json()


def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


async def candidate(
    client: httpx.AsyncClient,
    recorder: Recorder,
    answers: Answers,
    *,
    number: int,
    length: int,
    rounds: int = 1,
    around_answer: Callable[[], AbstractContextManager[object]] = nullcontext,
) -> str | None:
    """Register, then `rounds` interviews back to back: start, answer until there is no next
    question, finalize, read the report. Returns the first failure, or None.

    Every third candidate asks a hint on the first question, every fifth skips the second, and
    every fourth answers with a generic paragraph (which draws follow-ups).
    """
    track, mode = TRACKS[number % len(TRACKS)]
    weak = number % 4 == 3
    headers: dict[str, str] = {}

    async def call(method: str, route: str, path: str, **options: Any) -> Any:
        return await request(client, recorder, method, route, path, headers=headers, **options)

    try:
        body = {"name": f"Bench candidate {number}", "position": "Analyst"}
        user = await call("POST", "/users", "/users", json=body)
        headers["Authorization"] = f"Bearer {user['token']}"
        for round_ in range(rounds):
            plan = {"track": track, "mode": mode, "length": length, "seed": number * 100 + round_}
            started = await call("POST", "/interviews", "/interviews", json=plan)
            base = f"/interviews/{started['interview']['id']}"
            question = started["interview"]["current_question"]
            while question is not None:
                this = f"{base}/questions/{question['id']}"
                if question["seq"] == 1 and number % 3 == 0:
                    await call("POST", "/interviews/{id}/questions/{qid}/hint", f"{this}/hint")
                if question["seq"] == 2 and number % 5 == 4:
                    route = "/interviews/{id}/questions/{qid}/skip"
                    question = (await call("POST", route, f"{this}/skip"))["current_question"]
                    continue
                text = answers.text(question, candidate=number, weak=weak)
                answer = {"question_id": question["id"], "text": text}
                with around_answer():
                    result = await call(
                        "POST", "/interviews/{id}/answers", f"{base}/answers", json=answer
                    )
                recorder.answers += 1
                question = result["next_question"]
            await call("POST", "/interviews/{id}/finalize", f"{base}/finalize")
            await call("GET", "/interviews/{id}/report", f"{base}/report")
    except Failed as failure:
        return str(failure)
    return None


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def crowd(
    base_url: str, answers: Answers, *, first: int, count: int, length: int, rounds: int
) -> tuple[Recorder, list[str], float]:
    """`count` candidates, numbered from `first`, each with its own client (connection), as
    separate browsers would be; the recorder, the failures and the wall time."""
    recorder = Recorder()

    async def arrive(n: int) -> str | None:
        await asyncio.sleep(RAMP_S * (n - first) / count)
        async with httpx.AsyncClient(base_url=base_url, timeout=120) as http:
            return await candidate(http, recorder, answers, number=n, length=length, rounds=rounds)

    t0 = time.perf_counter()
    outcomes = await asyncio.gather(*(arrive(n) for n in range(first, first + count)))
    wall = time.perf_counter() - t0
    return recorder, [o for o in outcomes if o is not None], wall


async def hammer(base_url: str, *, concurrency: int, requests: int) -> tuple[Recorder, float]:
    """`concurrency` clients, each with its own connection, sending GET /ping back to back,
    `requests` in all."""
    recorder = Recorder()

    async def one_client(count: int) -> None:
        async with httpx.AsyncClient(base_url=base_url, timeout=120) as http:
            for _ in range(count):
                t0 = time.perf_counter()
                try:
                    status: int | str = (await http.get("/ping")).status_code
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                ms = (time.perf_counter() - t0) * 1000
                recorder.samples.append(Sample(BARE_ROUTE, status, ms))

    t0 = time.perf_counter()
    share = max(1, requests // concurrency)
    await asyncio.gather(*(one_client(share) for _ in range(concurrency)))
    wall = time.perf_counter() - t0
    return recorder, wall
