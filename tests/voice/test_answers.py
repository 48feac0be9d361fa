"""Voice answers with their delivery through the answers API, stored, and totalled in the report.

No audio here: the word timings are what a transcription returns, sent back with the answer.
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.factories import API, answer, auth, register, start
from tests.grading.test_spoken_delivery import STEADY, timed

HALTING = "um uh " * 6 + STEADY


def delivery_of(text: str, **timing: Any) -> dict[str, Any]:
    speech = timed(text, **timing)
    return {
        "words": [{**w.model_dump(), "probability": 0.9} for w in speech.words],
        "duration_seconds": speech.duration_s,
    }


async def test_a_voice_answer_gets_delivery_feedback_and_the_report_totals_it(
    client: httpx.AsyncClient,
):
    token = await register(client)
    interview = await start(client, token, track="excel", kind="conceptual", length=2)
    iid, first = interview["id"], interview["current_question"]
    spoken = await answer(client, token, iid, first["id"], HALTING, input_mode="voice",
                          delivery=delivery_of(HALTING, wpm=80, gaps={5: 4.0}))  # fmt: skip
    assert spoken.status_code == 200, spoken.text
    evaluation = spoken.json()["evaluation"]
    assert "Delivery of the spoken answer" in evaluation["rationale"]
    assert "fillers" in evaluation["rationale"] and "long pauses 1" in evaluation["rationale"]
    assert "Replace fillers" in evaluation["feedback"]

    state = (await client.get(f"{API}/interviews/{iid}", headers=auth(token))).json()
    stored = state["turns"][0]["answer"]
    assert stored["input_mode"] == "voice"
    assert stored["delivery"]["fillers"].count("um") == 6
    assert {f["key"] for f in stored["delivery"]["figures"]} >= {"pace", "fillers", "pauses"}

    second = next(t for t in state["turns"] if t["evaluation"] is None)["question"]
    typed = await answer(client, token, iid, second["id"], STEADY)
    assert typed.status_code == 200
    report = (await client.post(f"{API}/interviews/{iid}/finalize", headers=auth(token))).json()
    delivery = report["delivery"]
    assert delivery["answers"] == 1 and delivery["fillers"] == 12 and delivery["long_pauses"] == 1
    assert "Spoken answers: 1" in report["summary"]
    assert any(line.startswith("Delivery: fillers") for line in report["areas_to_improve"])
    markdown = await client.get(f"{API}/interviews/{iid}/report.md", headers=auth(token))
    assert "Spoken answers: 1" in markdown.text


async def test_typed_answers_are_not_judged_on_delivery(client: httpx.AsyncClient):
    token = await register(client)
    interview = await start(client, token, track="excel", kind="conceptual", length=1, seed=3)
    iid, question = interview["id"], interview["current_question"]
    sent = await answer(client, token, iid, question["id"], HALTING,
                        delivery=delivery_of(HALTING, wpm=60, gaps={2: 9.0}))  # fmt: skip
    assert sent.status_code == 200
    assert "Delivery" not in sent.json()["evaluation"]["rationale"]
    other = await register(client, name="Bo")
    plain = await start(client, other, track="excel", kind="conceptual", length=1, seed=3)
    same = await answer(client, other, plain["id"], plain["current_question"]["id"], HALTING)
    for key in ("communication", "confidence"):
        assert sent.json()["evaluation"][key] == same.json()["evaluation"][key]
    report = (await client.post(f"{API}/interviews/{iid}/finalize", headers=auth(token))).json()
    assert report["delivery"] is None and "Spoken answers" not in report["summary"]


async def test_an_answer_without_delivery_still_works_as_before(client: httpx.AsyncClient):
    token = await register(client)
    interview = await start(client, token, track="excel", kind="conceptual", length=1)
    sent = await answer(client, token, interview["id"], interview["current_question"]["id"],
                        STEADY, input_mode="voice")  # fmt: skip
    assert sent.status_code == 200
    assert "Delivery" not in sent.json()["evaluation"]["rationale"]
