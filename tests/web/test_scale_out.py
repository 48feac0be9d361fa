"""Several server processes on one PostgreSQL: an interview moves freely between them and the
request allowance is one per user across all of them."""

from __future__ import annotations

import subprocess

import httpx

from tests.conftest import fresh_postgres_database
from tests.factories import API, auth, register
from tests.postgres import PostgresServer
from tests.servers import BIN, running_server

TEXT = "WHERE filters rows before grouping, and HAVING filters the groups after aggregation."


async def _interview_across(bases: list[str]) -> None:
    """Register on the first server, then send each request to the next server in turn."""
    clients = [httpx.AsyncClient(base_url=base, timeout=30) for base in bases]
    turn = 0

    def next_client() -> httpx.AsyncClient:
        nonlocal turn
        turn += 1
        return clients[turn % len(clients)]

    try:
        token = await register(clients[0])
        started = await next_client().post(
            f"{API}/interviews",
            json={"track": "data-analyst", "length": 3, "seed": 3},
            headers=auth(token),
        )
        assert started.status_code == 201, started.text
        interview = started.json()["interview"]
        iid, question = interview["id"], interview["current_question"]
        answered = 0
        while question is not None:
            sent = await next_client().post(
                f"{API}/interviews/{iid}/answers",
                json={"question_id": question["id"], "text": TEXT},
                headers=auth(token),
            )
            assert sent.status_code == 200, sent.text
            answered += 1
            question = sent.json()["next_question"]
        finalized = await next_client().post(
            f"{API}/interviews/{iid}/finalize", headers=auth(token)
        )
        assert finalized.status_code == 200, finalized.text
        fetched = await next_client().get(f"{API}/interviews/{iid}", headers=auth(token))
        turns = fetched.json()["turns"]
        assert answered >= 3 and sum(t["evaluation"] is not None for t in turns) == answered
        stranger = await register(next_client())
        hidden = await next_client().get(f"{API}/interviews/{iid}", headers=auth(stranger))
        assert hidden.status_code == 404
    finally:
        for client in clients:
            await client.aclose()


async def test_an_interview_started_on_one_process_continues_on_another(
    postgres: PostgresServer,
):
    url = fresh_postgres_database(postgres)
    with running_server(url) as first, running_server(url, args=("--no-migrate",)) as second:
        await _interview_across([first.base, second.base])


async def test_uvicorn_workers_serve_whole_interviews(postgres: PostgresServer):
    url = fresh_postgres_database(postgres)
    with running_server(url, args=("--workers", "2")) as server:
        await _interview_across([server.base])


async def test_the_allowance_holds_across_processes(postgres: PostgresServer):
    url = fresh_postgres_database(postgres)
    limit = {"INTERVIEWER_RATE_LIMIT_PER_MINUTE": "6"}
    with running_server(url, **limit) as first, running_server(url, **limit) as second:
        clients = [httpx.AsyncClient(base_url=s.base, timeout=30) for s in (first, second)]
        try:
            token = await register(clients[0])
            statuses = [
                (await clients[i % 2].get(f"{API}/users/me", headers=auth(token))).status_code
                for i in range(8)
            ]
        finally:
            for client in clients:
                await client.aclose()
    assert statuses[:6] == [200] * 6 and statuses[-1] == 429, "4 each would be all 200"


def test_several_workers_on_sqlite_is_a_usage_error(tmp_path):
    done = subprocess.run(
        [str(BIN / "interviewer"), "serve", "--workers", "2"],
        env={"INTERVIEWER_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}", "PATH": ""},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "several workers need PostgreSQL" in done.stderr
    assert "Traceback" not in done.stderr
