"""Prompt characters a whole interview sends to the model, against the peer design's.

The app runs with the OpenAI-compatible provider pointed at the fake model server (the one the
tests use), through the real SDK, for a free role with a job description (so every question is
model-written: the costliest case). The peer design, measured against the same server in the
same run: one call writes all the questions, one short call grades each answer, one call writes
the summary. Prints characters (system + user) per purpose for both and the ratio.

    .venv/bin/python bench/prompt_size.py [--questions 6]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.llm.fake_server import FakeModelServer  # noqa: E402

from interviewer.config import Settings  # noqa: E402
from interviewer.storage.db import upgrade  # noqa: E402
from interviewer.web.app import create_app  # noqa: E402

API = "/api/v1"
ROLE = "DevOps engineer"
JOB = (
    "We are hiring a DevOps engineer to run our Kubernetes platform on AWS and GCP. You will "
    "own CI/CD pipelines (GitHub Actions, Argo CD), infrastructure as code (Terraform), "
    "observability (Prometheus, Grafana, OpenTelemetry) and on-call for 40 services. "
) * 4
ANSWER = (
    "I would roll it out as a canary: route five percent of traffic to the new version, watch "
    "error rate, latency and saturation on the dashboards against the old version, and widen "
    "the share step by step. If any of them regresses, the pipeline rolls back automatically, "
    "and we write up what happened so the next change is safer."
)


def _chars(server: FakeModelServer) -> Counter[str]:
    totals: Counter[str] = Counter()
    for seen in server.seen:
        totals[seen.purpose] += len(seen.prompt)
    return totals


async def ours(server: FakeModelServer, questions: int) -> tuple[Counter[str], list[str]]:
    os.environ["OPENAI_API_KEY"] = "bench-key"
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{tmp}/bench.db"
        upgrade(url)
        settings = Settings(
            database_url=url,
            ai_provider="openai",
            ai_model="fake-model",
            openai_base_url=server.openai_url,
            rate_limit_per_minute=0,
        )
        app = create_app(settings)
        transport = httpx.ASGITransport(app=app)
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=transport, base_url="http://bench") as client,
        ):
            user = await client.post(f"{API}/users", json={"name": "Bench", "position": ROLE})
            auth = {"Authorization": f"Bearer {user.json()['token']}"}
            started = await client.post(
                f"{API}/interviews",
                json={"track": ROLE, "length": questions, "job_description": JOB, "seed": 1},
                headers=auth,
            )
            interview = started.json()["interview"]
            iid, question = interview["id"], interview["current_question"]
            asked: list[str] = []
            while question is not None:
                asked.append(question["text"])
                sent = await client.post(
                    f"{API}/interviews/{iid}/answers",
                    json={"question_id": question["id"], "text": ANSWER},
                    headers=auth,
                )
                question = sent.json()["next_question"]
            await client.post(f"{API}/interviews/{iid}/finalize", headers=auth)
    return _chars(server), asked


def peer_prompts(questions: int, texts: list[str]) -> list[tuple[str, str]]:
    """What the peer design sends: (system, user) per call."""
    prompts = [
        (
            "You are an expert interviewer. Task: questions. Return JSON.",
            f"Generate {questions} interview questions for a {ROLE} (mid level, technical "
            f"interview). Job description: {JOB}\nReturn a JSON list of objects with "
            '"question", "topic", "difficulty".',
        )
    ]
    for text in texts:
        prompts.append(
            (
                "You are an expert interviewer. Task: grade. Return JSON.",
                f"Evaluate the candidate's answer.\nQuestion: {text}\nAnswer: {ANSWER}\n"
                'Return JSON: {"technical": 1-10, "communication": 1-10, "confidence": 1-10, '
                '"feedback": str, "examples_or_corrections": str, "resources": [str]}',
            )
        )
    transcript = "\n".join(f"Q: {t}\nA: {ANSWER}\nScores: 8/7/7" for t in texts)
    prompts.append(
        (
            "You are an expert interviewer. Task: narrative. Return JSON.",
            f"Summarise this interview for a {ROLE}:\n{transcript}\nReturn JSON with "
            '"strengths", "areas_to_improve", "summary".',
        )
    )
    return prompts


async def peer(server: FakeModelServer, texts: list[str]) -> Counter[str]:
    async with httpx.AsyncClient(base_url=server.openai_url, timeout=30) as client:
        for system, user in peer_prompts(len(texts), texts):
            await client.post(
                "/chat/completions",
                json={
                    "model": "fake-model",
                    "messages": [
                        {"role": "system", "content": system},
                        {"role": "user", "content": user},
                    ],
                    "response_format": {"type": "json_object"},
                },
            )
    return _chars(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=6)
    args = parser.parse_args()
    server = FakeModelServer().start()
    try:
        mine, asked = asyncio.run(ours(server, args.questions))
        calls = len(server.seen)
        server.reset()
        theirs = asyncio.run(peer(server, asked))
        peer_calls = len(server.seen)
    finally:
        server.stop()
    print(f"Prompt characters per interview, {len(asked)} questions answered, free role with a job")
    print(f"description of {len(JOB)} characters ({ROLE}):\n")
    print(f"{'purpose':<12}{'ours':>10}{'peer':>10}")
    for purpose in sorted(set(mine) | set(theirs)):
        print(f"{purpose:<12}{mine[purpose]:>10,}{theirs[purpose]:>10,}")
    total, peer_total = sum(mine.values()), sum(theirs.values())
    print(f"{'total':<12}{total:>10,}{peer_total:>10,}")
    print(f"\ncalls: ours {calls}, peer {peer_calls}")
    print(f"ratio ours / peer: {total / peer_total:.2f}x (the bar: at most 2x)")


if __name__ == "__main__":
    main()
