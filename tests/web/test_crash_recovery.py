"""Crash recovery against the running server: every answer acknowledged with a 2xx is stored
with the evaluation it was acknowledged with, and every interview continues and finalizes,
after the server is SIGKILLed under load (SQLite and PostgreSQL) and after PostgreSQL restarts
under a running server (503 allowed while it is down, and a 503 acknowledges nothing)."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from interviewer.config import async_url
from tests.factories import API, auth
from tests.postgres import PostgresServer

BIN = Path(sys.executable).parent
CANDIDATES = 6
TIMEOUT = httpx.Timeout(15.0, connect=5.0)
TEST_BUDGET_S = 90
PROSE = (
    "I would start from what the question asks for and state my assumptions about the data "
    "first. Then I would walk through the steps, check the result against a small example, "
    "and explain the trade-off I chose."
)
UNGRADED = text(
    "SELECT count(*) FROM answers a "
    "WHERE NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.answer_id = a.id)"
)

SERVER_ERRORS = ("unhandled error", "Exception in ASGI application", "never retrieved")
"""What the server logs for a 500 or a lost task."""

Json = dict[str, Any]
log = logging.getLogger(__name__)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """`interviewer serve` in its own process group, so its formula worker can be cleaned up
    after a SIGKILL leaves it orphaned."""

    def __init__(self, database_url: str, log: Path) -> None:
        self.log = log
        self.base = f"http://127.0.0.1:{_free_port()}"
        env = {
            **os.environ,
            "INTERVIEWER_DATABASE_URL": database_url,
            "INTERVIEWER_RATE_LIMIT_PER_MINUTE": "0",
            "INTERVIEWER_LOG_LEVEL": "warning",
        }
        port = self.base.rsplit(":", 1)[1]
        with log.open("ab") as out:
            self.process = subprocess.Popen(
                [str(BIN / "interviewer"), "serve", "--port", port],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""

    def assert_no_server_errors(self) -> None:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        assert not any(marker in text for marker in SERVER_ERRORS), text[-6000:]

    async def ready(self) -> None:
        deadline = time.monotonic() + 60
        async with httpx.AsyncClient(timeout=2) as http:
            while True:
                if self.process.poll() is not None:
                    pytest.fail(f"the server exited with {self.process.returncode}: {self.tail()}")
                try:
                    if (await http.get(f"{self.base}/healthz")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"the server did not answer /healthz in 60 s: {self.tail()}")
                await asyncio.sleep(0.1)

    def crash(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


@dataclass
class Candidate:
    token: str
    interview_id: str
    question: Json | None
    acked: dict[str, tuple[str, Json]] = field(default_factory=dict)
    """Question id -> (text, evaluation) for every answer that got a 2xx."""
    unacked: dict[str, str] = field(default_factory=dict)
    """Question id -> text sent without a 2xx (the server died or answered 503)."""
    in_flight: bool = False
    statuses: Counter[int] = field(default_factory=Counter)
    unexpected: list[str] = field(default_factory=list)

    @property
    def headers(self) -> dict[str, str]:
        return auth(self.token)


def answer_text(question: Json) -> str:
    """A formula for a sheet task (a range beside the target, so never circular), else prose."""
    if question["kind"] != "excel_formula":
        return f"{PROSE} (question {question['seq']})"
    sheet = question["sheet"]
    target_column = re.match(r"[A-Z]+", sheet["target"])
    column = "A" if target_column and target_column.group() == "B" else "B"
    return f"=SUM({column}2:{column}{len(sheet['rows']) + 1})"


async def new_candidate(http: httpx.AsyncClient, n: int, *, length: int) -> Candidate:
    user = await http.post(f"{API}/users", json={"name": f"Candidate {n}", "position": "Analyst"})
    assert user.status_code == 201, user.text
    token = user.json()["token"]
    started = await http.post(
        f"{API}/interviews",
        json={"track": "excel", "length": length, "seed": 100 + n},
        headers=auth(token),
    )
    assert started.status_code == 201, started.text
    interview = started.json()["interview"]
    return Candidate(token, interview["id"], interview["current_question"])


async def send(
    http: httpx.AsyncClient, candidate: Candidate, question: Json, answer: str, *, key: bool
) -> httpx.Response:
    headers = candidate.headers
    if key:
        headers["Idempotency-Key"] = f"answer-{question['id']}"
    candidate.in_flight = True
    try:
        return await http.post(
            f"{API}/interviews/{candidate.interview_id}/answers",
            json={"question_id": question["id"], "text": answer},
            headers=headers,
        )
    finally:
        candidate.in_flight = False


def acknowledge(
    candidate: Candidate, question: Json, answer: str, response: httpx.Response
) -> None:
    body = response.json()
    assert body["question_id"] == question["id"], body
    candidate.acked[question["id"]] = (answer, body["evaluation"])
    candidate.unacked.pop(question["id"], None)
    candidate.question = body["next_question"]


async def answer_until_the_server_dies(http: httpx.AsyncClient, candidate: Candidate) -> None:
    while candidate.question is not None:
        question = candidate.question
        answer = answer_text(question)
        candidate.unacked[question["id"]] = answer
        try:
            response = await send(http, candidate, question, answer, key=False)
        except httpx.TransportError:
            return
        candidate.statuses[response.status_code] += 1
        if response.status_code != 200:
            candidate.unexpected.append(f"{response.status_code} {response.text}")
            return
        acknowledge(candidate, question, answer, response)


async def answer_through_outages(
    http: httpx.AsyncClient, candidate: Candidate, *, deadline: float
) -> None:
    """Answer to the end, retrying a 503 with the same text and Idempotency-Key."""
    while candidate.question is not None and time.monotonic() < deadline:
        question = candidate.question
        answer = answer_text(question)
        candidate.unacked[question["id"]] = answer
        try:
            response = await send(http, candidate, question, answer, key=True)
        except httpx.TransportError as exc:
            candidate.unexpected.append(f"transport error {exc!r}")
            return
        candidate.statuses[response.status_code] += 1
        if response.status_code == 503:
            await asyncio.sleep(0.2)
            continue
        if response.status_code != 200:
            candidate.unexpected.append(f"{response.status_code} {response.text}")
            return
        acknowledge(candidate, question, answer, response)


async def fetch(http: httpx.AsyncClient, candidate: Candidate) -> Json:
    response = await http.get(
        f"{API}/interviews/{candidate.interview_id}", headers=candidate.headers
    )
    assert response.status_code == 200, response.text
    state: Json = response.json()
    return state


def assert_acknowledged_answers_stored(candidate: Candidate, state: Json) -> None:
    turns = {t["question"]["id"]: t for t in state["turns"]}
    for question_id, (answer, evaluation) in candidate.acked.items():
        turn = turns.get(question_id)
        assert turn is not None, f"acknowledged question {question_id} is gone"
        assert turn["answer"] is not None, f"acknowledged answer to {question_id} was lost"
        assert turn["answer"]["text"] == answer
        assert turn["evaluation"] == evaluation, f"evaluation of {question_id} changed"


async def settle_unacknowledged(http: httpx.AsyncClient, candidate: Candidate) -> Counter[str]:
    """Each answer sent without an ack is not stored, stored and graded, or stored and
    ungraded: then the same text again grades it."""
    seen: Counter[str] = Counter()
    state = await fetch(http, candidate)
    turns = {t["question"]["id"]: t for t in state["turns"]}
    for question_id, answer in list(candidate.unacked.items()):
        turn = turns.get(question_id)
        if turn is None or turn["answer"] is None:
            seen["not stored"] += 1
            continue
        assert turn["answer"]["text"] == answer
        if turn["evaluation"] is not None:
            seen["stored and graded"] += 1
            candidate.question = state["current_question"]  # the client fetches where it is
            continue
        seen["stored, not graded"] += 1
        assert state["current_question"]["id"] == question_id, state["current_question"]
        retried = await send(http, candidate, turn["question"], answer, key=False)
        assert retried.status_code == 200, retried.text
        acknowledge(candidate, turn["question"], answer, retried)
    return seen


async def continue_and_finalize(http: httpx.AsyncClient, candidate: Candidate) -> None:
    """The server is where the client left it; one more answer, then the report."""
    state = await fetch(http, candidate)
    assert_acknowledged_answers_stored(candidate, state)
    current = state["current_question"]
    assert (current or {}).get("id") == (candidate.question or {}).get("id"), current
    if current is not None:
        answer = answer_text(current)
        response = await send(http, candidate, current, answer, key=False)
        assert response.status_code == 200, response.text
        acknowledge(candidate, current, answer, response)
    else:
        assert state["ready_to_finalize"], state
    report = await http.post(
        f"{API}/interviews/{candidate.interview_id}/finalize", headers=candidate.headers
    )
    assert report.status_code == 200, report.text
    assert report.json()["interview_id"] == candidate.interview_id
    assert 0 <= report.json()["overall"] <= 100
    final = await fetch(http, candidate)
    assert final["status"] == "completed" and final["report"] is not None
    assert_acknowledged_answers_stored(candidate, final)


async def steady_load(candidates: list[Candidate], *, answers: int = 2) -> None:
    """Until every candidate has `answers` acknowledged (the formula workers are warm), at
    most 20 s."""
    deadline = time.monotonic() + 20
    while min(len(c.acked) for c in candidates) < answers and time.monotonic() < deadline:
        await asyncio.sleep(0.05)


async def crash_when_an_answer_is_ungraded(
    server: Server, database_url: str, candidates: list[Candidate]
) -> int:
    """Under steady load, wait (up to 3 s) until some answer is stored and not yet graded,
    then SIGKILL the server; returns how many requests were in flight."""
    probe = create_async_engine(async_url(database_url))
    try:
        await steady_load(candidates)
        deadline = time.monotonic() + 3.0
        async with probe.connect() as connection:
            while time.monotonic() < deadline:
                if (await connection.execute(UNGRADED)).scalar_one():
                    break
                await connection.rollback()
                await asyncio.sleep(0.003)
    finally:
        await probe.dispose()
    in_flight = sum(c.in_flight for c in candidates)
    server.crash()
    return in_flight


async def test_acknowledged_answers_survive_a_sigkilled_server(
    database_url: str, tmp_path: Path
) -> None:
    servers: list[Server] = []
    try:
        async with asyncio.timeout(TEST_BUDGET_S):
            first = Server(database_url, tmp_path / "first.log")
            servers.append(first)
            await first.ready()
            async with httpx.AsyncClient(base_url=first.base, timeout=TIMEOUT) as http:
                candidates = list(
                    await asyncio.gather(
                        *(new_candidate(http, n, length=30) for n in range(CANDIDATES))
                    )
                )
                load = asyncio.gather(*(answer_until_the_server_dies(http, c) for c in candidates))
                in_flight = await crash_when_an_answer_is_ungraded(first, database_url, candidates)
                await load
            for candidate in candidates:
                assert not candidate.unexpected, candidate.unexpected
            acked_before = sum(len(c.acked) for c in candidates)
            assert acked_before > 0 and in_flight > 0, (acked_before, in_flight)

            second = Server(database_url, tmp_path / "second.log")
            servers.append(second)
            await second.ready()
            seen: Counter[str] = Counter()
            async with httpx.AsyncClient(base_url=second.base, timeout=TIMEOUT) as http:
                for candidate in candidates:
                    assert_acknowledged_answers_stored(candidate, await fetch(http, candidate))
                    seen += await settle_unacknowledged(http, candidate)
                    await continue_and_finalize(http, candidate)
            log.info(
                "sigkill on %s: %d acknowledged before the kill, %d in flight, unacknowledged %s",
                database_url.split(":")[0], acked_before, in_flight, dict(seen),
            )  # fmt: skip
            for server in servers:
                server.assert_no_server_errors()
    finally:
        for server in servers:
            server.stop()


def _synchronous_commit_on(postgres: PostgresServer, database_url: str) -> None:
    """The test server runs with synchronous_commit off, which an immediate stop (a crash) may
    undo for the last commits; this database gets the production default."""
    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(postgres.url.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f"ALTER DATABASE {name} SET synchronous_commit = on")


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize("mode", ["fast", "immediate"])
async def test_acknowledged_answers_survive_a_postgres_restart(
    database_url: str, postgres: PostgresServer, mode: str, tmp_path: Path
) -> None:
    _synchronous_commit_on(postgres, database_url)
    server = Server(database_url, tmp_path / "server.log")
    try:
        async with asyncio.timeout(TEST_BUDGET_S):
            await server.ready()
            async with httpx.AsyncClient(base_url=server.base, timeout=TIMEOUT) as http:
                candidates = list(
                    await asyncio.gather(
                        *(new_candidate(http, n, length=20) for n in range(CANDIDATES))
                    )
                )
                deadline = time.monotonic() + 60
                load = asyncio.gather(
                    *(answer_through_outages(http, c, deadline=deadline) for c in candidates)
                )
                await steady_load(candidates)
                acked_before = sum(len(c.acked) for c in candidates)
                await asyncio.to_thread(postgres.restart, mode=mode)
                acked_during = sum(len(c.acked) for c in candidates) - acked_before
                await load
                statuses = sum((c.statuses for c in candidates), Counter())
                for candidate in candidates:
                    assert not candidate.unexpected, candidate.unexpected
                    assert candidate.question is None, "the load did not finish in time"
                assert {s for s in statuses if s >= 500} <= {503}, statuses
                for candidate in candidates:
                    await continue_and_finalize(http, candidate)
            log.info(
                "postgres %s restart: %d acknowledged before, %d during, %d in all, statuses %s",
                mode, acked_before, acked_during, sum(len(c.acked) for c in candidates),
                dict(statuses),
            )  # fmt: skip
            server.assert_no_server_errors()
    finally:
        server.stop()
