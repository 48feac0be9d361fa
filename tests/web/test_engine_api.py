"""The adaptive engine seen through the API: repeats, weakest topics, mixed mode, follow-ups."""

from __future__ import annotations

import httpx

from tests.factories import API, answer, auth, register, start

SHRUG = "Not sure, maybe it depends."


async def _run(client: httpx.AsyncClient, token: str, **options) -> dict:
    interview = await start(client, token, **options)
    current = interview["current_question"]
    while current is not None:
        response = await answer(client, token, interview["id"], current["id"], SHRUG)
        assert response.status_code == 200, response.text
        current = response.json()["next_question"]
    await client.post(f"{API}/interviews/{interview['id']}/finalize", headers=auth(token))
    return (await client.get(f"{API}/interviews/{interview['id']}", headers=auth(token))).json()


def _texts(state: dict) -> set[str]:
    return {t["question"]["text"] for t in state["turns"] if not t["question"]["follow_up"]}


async def test_questions_from_earlier_interviews_are_not_repeated(client: httpx.AsyncClient):
    token = await register(client)
    first = await _run(client, token, track="behavioral", length=4, seed=1)
    second = await _run(client, token, track="behavioral", length=4, seed=1)
    assert len(_texts(first)) == 4 and not _texts(first) & _texts(second)


async def test_weak_answers_get_one_follow_up_each(client: httpx.AsyncClient):
    token = await register(client)
    state = await _run(client, token, track="product-manager", length=2, seed=3)
    follow_ups = [t for t in state["turns"] if t["question"]["follow_up"]]
    assert follow_ups, "a shrug misses every key point"
    assert len(follow_ups) <= 2
    assert state["progress"]["asked"] == 2


async def test_mixed_mode_interleaves_behavioral_questions(client: httpx.AsyncClient):
    token = await register(client)
    state = await _run(client, token, track="data-analyst", mode="mixed", length=4, seed=5)
    kinds = [t["question"]["kind"] for t in state["turns"] if not t["question"]["follow_up"]]
    assert kinds[1] == "behavioral" and kinds[3] == "behavioral"
    assert kinds[0] != "behavioral" and kinds[2] != "behavioral"


async def test_weakest_topics_practice_targets_low_scores(client: httpx.AsyncClient):
    token = await register(client)
    done = await _run(client, token, track="product-manager", length=3, seed=9)
    weak_topics = {t["question"]["topic"] for t in done["turns"]}
    practice = await start(client, token, track="product-manager", focus="weakest", length=3)
    assert practice["focus_topics"] and set(practice["focus_topics"]) <= weak_topics
    assert practice["current_question"]["topic"] in practice["focus_topics"]
