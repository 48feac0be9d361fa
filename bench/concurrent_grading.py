"""Answer submissions overlap while the model works: concurrent against sequential.

A fake model server on 127.0.0.1 (the one the tests use) answers every call after DELAY
seconds; the app runs with the configured provider pointed at it, through its real SDK, on a
throwaway SQLite database. N candidates each submit one answer, all at once; then N more submit
one after another. Prints both wall times and their ratio.

    .venv/bin/python bench/concurrent_grading.py [--provider openai|gemini] [--n 20] [--delay 1]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.llm.fake_server import FakeModelServer  # noqa: E402

from interviewer.config import Settings  # noqa: E402
from interviewer.storage.db import upgrade  # noqa: E402
from interviewer.web.app import create_app  # noqa: E402

API = "/api/v1"
ANSWER = (
    "I would ship it as a canary: a small share of traffic goes to the new version first, "
    "we watch error rates and latency, and we roll back at once on a regression."
)


async def _setup(client: httpx.AsyncClient, n: int) -> list[tuple[dict[str, str], str, str]]:
    sessions = []
    for i in range(n):
        user = await client.post(f"{API}/users", json={"name": f"C{i}", "position": "SRE"})
        headers = {"Authorization": f"Bearer {user.json()['token']}"}
        started = await client.post(
            f"{API}/interviews", json={"track": "DevOps engineer", "length": 3}, headers=headers
        )
        interview: dict[str, Any] = started.json()["interview"]
        sessions.append((headers, interview["id"], interview["current_question"]["id"]))
    return sessions


async def _submit(client: httpx.AsyncClient, headers: dict[str, str], iid: str, qid: str) -> None:
    response = await client.post(
        f"{API}/interviews/{iid}/answers", json={"question_id": qid, "text": ANSWER},
        headers=headers,
    )  # fmt: skip
    response.raise_for_status()
    assert "fallback" not in response.json()["evaluation"]["graded_by"]


async def run(provider: str, n: int, delay: float) -> None:
    server = FakeModelServer().start()
    os.environ["GEMINI_API_KEY" if provider == "gemini" else "OPENAI_API_KEY"] = "bench-key"
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{tmp}/bench.db"
        upgrade(url)
        settings = Settings(
            database_url=url, ai_provider=provider, ai_model="fake-model", ai_timeout_s=30,
            gemini_base_url=server.gemini_url, openai_base_url=server.openai_url,
        )  # fmt: skip
        app = create_app(settings)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                concurrent_sessions = await _setup(client, n)
                sequential_sessions = await _setup(client, n)
                await asyncio.sleep(0.3)  # prefetched next questions arrive
                server.delay = delay
                started = time.monotonic()
                await asyncio.gather(*(_submit(client, *s) for s in concurrent_sessions))
                concurrent = time.monotonic() - started
                started = time.monotonic()
                for session in sequential_sessions:
                    await _submit(client, *session)
                sequential = time.monotonic() - started
    server.stop()
    print(f"provider {provider} via its SDK, model latency {delay:.1f} s, {n} answer submissions")
    print(f"  concurrent: {concurrent:.2f} s  ({concurrent / delay:.2f}x one model call)")
    print(f"  sequential: {sequential:.2f} s")
    print(f"  sequential / concurrent: {sequential / concurrent:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--provider", choices=("openai", "gemini"), default="openai")
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--delay", type=float, default=1.0)
    args = parser.parse_args()
    asyncio.run(run(args.provider, args.n, args.delay))


if __name__ == "__main__":
    main()
