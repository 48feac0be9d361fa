"""How long a candidate waits after sending an answer, offline engine, SQLite.

Drives the real app in-process (httpx over ASGI, a fresh migrated SQLite file) through whole
interviews and prints the median and 95th percentile of the answer round trip, next to the
offline grader alone on the same answers measured in the same run: the ratio is the cost of
the API, storage and engine around grading.

    .venv/bin/python bench/answer_latency.py [interviews]
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from interviewer.banks.loader import default_banks
from interviewer.config import Settings
from interviewer.core.selection import question_from_item
from interviewer.grading.grader import grade_answer
from interviewer.storage.db import upgrade
from interviewer.web.app import create_app

API = "/api/v1"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def main(interviews: int) -> None:
    banks = default_banks()
    by_text = {item.text: item for item in banks.items.values() if item.kind != "excel_formula"}
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        upgrade(url)
        app = create_app(Settings(database_url=url), banks=banks)
        transport = httpx.ASGITransport(app=app)
        round_trips: list[float] = []
        graded: list[tuple[str, str]] = []
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            for n in range(interviews):
                body = {"name": f"Bench {n}", "position": "Analyst"}
                token = (await client.post(f"{API}/users", json=body)).json()["token"]
                headers = {"Authorization": f"Bearer {token}"}
                started = await client.post(
                    f"{API}/interviews",
                    json={"track": "data-analyst", "mode": "mixed", "length": 8, "seed": n},
                    headers=headers,
                )
                interview = started.json()["interview"]
                question = interview["current_question"]
                while question is not None:
                    item = next(i for t, i in by_text.items() if t in question["text"])
                    text = item.reference
                    t0 = time.perf_counter()
                    response = await client.post(
                        f"{API}/interviews/{interview['id']}/answers",
                        json={"question_id": question["id"], "text": text},
                        headers=headers,
                    )
                    round_trips.append((time.perf_counter() - t0) * 1000)
                    graded.append((item.id, text))
                    question = response.json()["next_question"]
        await app.state.interviewer.database.dispose()
    grading: list[float] = []
    for item_id, text in graded:
        question = question_from_item(banks.items[item_id], new_id=uuid.uuid4(), seq=1)
        t0 = time.perf_counter()
        grade_answer(question, text)
        grading.append((time.perf_counter() - t0) * 1000)
    median_rt, median_grade = statistics.median(round_trips), statistics.median(grading)
    print(f"{len(round_trips)} answers over {interviews} mixed interviews, SQLite, offline engine")
    print(
        f"answer round trip: median {median_rt:.1f} ms, p95 {percentile(round_trips, 0.95):.1f} ms"
    )
    print(f"grading alone:     median {median_grade:.2f} ms (baseline, same answers)")
    print(f"round trip / grading: {median_rt / median_grade:.1f}x")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10))
