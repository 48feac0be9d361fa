"""With an AI provider, a bank track keeps its bank: curated items and formula tasks, with the
model writing a stated share of questions and the follow-ups that probe what was missed."""

from __future__ import annotations

import json

import httpx

from interviewer.banks.loader import BankSet
from tests.factories import API, auth, register
from tests.llm.conftest import provider_settings
from tests.llm.fake_server import FakeModelServer, Reply
from tests.llm.test_api import api, start

WEAK = "I would probably just look at it and see what happens, it depends on the situation."


async def _answer(client: httpx.AsyncClient, token: str, iid: str, question: dict) -> dict:
    text = "=SUM(B2:B4)" if question["kind"] == "excel_formula" else WEAK
    sent = await client.post(
        f"{API}/interviews/{iid}/answers",
        json={"question_id": question["id"], "text": text},
        headers=auth(token),
    )
    assert sent.status_code in (200, 422), sent.text
    if sent.status_code == 422:  # a formula the task's sheet refuses: skip it
        skipped = await client.post(
            f"{API}/interviews/{iid}/questions/{question['id']}/skip", headers=auth(token)
        )
        return {"next_question": skipped.json()["current_question"]}
    result: dict = sent.json()
    return result


def _grade_missing(points: list[str]) -> str:
    return json.dumps(
        {
            "reasoning": "None of the key points is stated.",
            "technical": 2, "communication": 5, "confidence": 4,
            "rationale": "Vague.", "feedback": "Name the steps.",
            "covered": [], "missed": points, "addresses_grader": False,
        }
    )  # fmt: skip


async def test_the_excel_track_keeps_its_formula_tasks(
    provider: str, model_server: FakeModelServer, sqlite_url: str, banks: BankSet
):
    settings = provider_settings(provider, model_server, database_url=sqlite_url)
    async with api(settings, banks) as client:
        token = await register(client)
        interview = await start(client, token, track="excel", kind="excel_formula", length=3)
        question = interview["current_question"]
        assert question["kind"] == "excel_formula" and question["sheet"] is not None
        assert question["generated_by"] == "bank"
    assert "questions" not in model_server.purposes()


async def test_a_bank_track_mixes_curated_items_and_model_questions_as_stated(
    provider: str, model_server: FakeModelServer, sqlite_url: str, banks: BankSet
):
    settings = provider_settings(
        provider, model_server, database_url=sqlite_url, ai_question_share=0.25
    )
    async with api(settings, banks) as client:
        token = await register(client)
        interview = await start(client, token, track="excel", length=4, seed=11)
        assert "About 3 of 4 questions come from the curated excel bank" in interview["notice"]
        assert "formula tasks computed on a sheet" in interview["notice"]
        iid, question = interview["id"], interview["current_question"]
        asked: list[tuple[dict, dict]] = []
        while question is not None:
            result = await _answer(client, token, iid, question)
            asked.append((question, result.get("evaluation") or {}))
            question = result["next_question"]
    main = [(q, e) for q, e in asked if not q["follow_up"]]
    by_model = [q for q, _ in main if q["generated_by"] == f"{provider}:fake-model"]
    from_bank = [(q, e) for q, e in main if q["generated_by"] == "bank"]
    assert len(by_model) == 1 and len(from_bank) == 3, [q["generated_by"] for q, _ in main]
    assert any(e.get("resources") for _, e in from_bank), "the bank's resources are kept"


async def test_follow_ups_are_written_by_the_model_on_what_was_missed(
    provider: str, model_server: FakeModelServer, sqlite_url: str, banks: BankSet
):
    settings = provider_settings(
        provider, model_server, database_url=sqlite_url, ai_question_share=0.0
    )
    async with api(settings, banks) as client:
        token = await register(client)
        interview = await start(client, token, track="data-analyst", length=2)
        iid, question = interview["id"], interview["current_question"]
        item = next(i for i in banks.items.values() if i.text == question["text"])
        model_server.then(Reply(text=_grade_missing([kp.point for kp in item.key_points])))
        result = await _answer(client, token, iid, question)
        follow_up = result["next_question"]
    assert follow_up["follow_up"] is True
    assert follow_up["text"].startswith("Follow-up") and "from the fake model" in follow_up["text"]
    assert follow_up["generated_by"] == provider
    prompt = next(s.prompt for s in model_server.seen if s.purpose == "follow_up")
    assert WEAK in prompt and "Missed key points" in prompt


async def test_degraded_mode_counts_what_fell_back(
    provider: str, model_server: FakeModelServer, sqlite_url: str, banks: BankSet
):
    settings = provider_settings(
        provider, model_server, database_url=sqlite_url, ai_retries=0, ai_breaker_failures=100
    )
    model_server.then(*[Reply(status=500) for _ in range(60)])
    async with api(settings, banks) as client:
        token = await register(client)
        interview = await start(client, token, track="DevOps engineer", length=2)
        iid, question = interview["id"], interview["current_question"]
        while question is not None:
            question = (await _answer(client, token, iid, question))["next_question"]
        finalized = await client.post(f"{API}/interviews/{iid}/finalize", headers=auth(token))
        assert finalized.status_code == 200
        state = (await client.get(f"{API}/interviews/{iid}", headers=auth(token))).json()
    notice = state["notice"]
    assert "came from the python-developer question bank" in notice
    assert "graded by the offline engine" in notice and "answers were" in notice
    assert "summary were written by the offline engine" in notice
