"""The same request sent several times at once: one result is stored, the others get it or a
clear 409, never a 500 (on SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio

import httpx

from tests.factories import API, answer, auth, register, start

ALLOWED = {200, 201, 409}
TEXT = "WHERE filters individual rows before grouping; HAVING filters groups after aggregation."


async def test_the_same_answer_twice_at_once_stores_one_answer(client: httpx.AsyncClient):
    token = await register(client)
    for key in (None, "same-key-1"):
        interview = await start(client, token, track="data-analyst", length=3)
        iid, qid = interview["id"], interview["current_question"]["id"]
        extra = {"idempotency_key": key} if key else {}
        responses = await asyncio.gather(
            *(answer(client, token, iid, qid, TEXT, **extra) for _ in range(4))
        )
        statuses = [r.status_code for r in responses]
        assert set(statuses) <= ALLOWED and 200 in statuses, [r.text for r in responses]
        conflicts = [r.json()["detail"] for r in responses if r.status_code == 409]
        assert all("fetch the interview" in d or "already" in d for d in conflicts), conflicts
        state = (await client.get(f"{API}/interviews/{iid}", headers=auth(token))).json()
        answered = [t for t in state["turns"] if t["answer"] is not None]
        assert len(answered) == 1 and answered[0]["answer"]["text"] == TEXT


async def test_skip_and_hint_sent_repeatedly_at_once_never_500(client: httpx.AsyncClient):
    token = await register(client)
    interview = await start(client, token, track="excel", length=3)
    iid, qid = interview["id"], interview["current_question"]["id"]
    base = f"{API}/interviews/{iid}/questions/{qid}"
    hints = await asyncio.gather(
        *(client.post(f"{base}/hint", headers=auth(token)) for _ in range(5))
    )
    assert {r.status_code for r in hints} <= ALLOWED, [r.text for r in hints]
    skips = await asyncio.gather(
        *(client.post(f"{base}/skip", headers=auth(token)) for _ in range(5))
    )
    assert {r.status_code for r in skips} <= ALLOWED and 200 in {r.status_code for r in skips}
    state = (await client.get(f"{API}/interviews/{iid}", headers=auth(token))).json()
    skipped = [t for t in state["turns"] if t["question"]["skipped"]]
    assert len(skipped) == 1
    assert len({t["question"]["seq"] for t in state["turns"]}) == len(state["turns"])


async def test_finalize_ten_times_at_once_gives_one_report(client: httpx.AsyncClient):
    token = await register(client)
    interview = await start(client, token, track="data-analyst", length=1)
    iid, qid = interview["id"], interview["current_question"]["id"]
    assert (await answer(client, token, iid, qid, TEXT)).status_code == 200
    state = (await client.get(f"{API}/interviews/{iid}", headers=auth(token))).json()
    while state["current_question"] is not None:
        current = state["current_question"]["id"]
        assert (await answer(client, token, iid, current, TEXT)).status_code == 200
        state = (await client.get(f"{API}/interviews/{iid}", headers=auth(token))).json()
    url = f"{API}/interviews/{iid}/finalize"
    reports = await asyncio.gather(*(client.post(url, headers=auth(token)) for _ in range(10)))
    assert {r.status_code for r in reports} <= ALLOWED, [r.text for r in reports]
    overall = {r.json()["overall"] for r in reports if r.status_code == 200}
    assert len(overall) == 1
    again = await client.post(url, headers=auth(token))
    assert again.status_code == 200 and again.json()["overall"] in overall


async def test_an_answer_sent_again_after_its_result_gets_that_result(client: httpx.AsyncClient):
    """A retry without an idempotency key (the first response was lost on the way back)."""
    token = await register(client)
    interview = await start(client, token, track="data-analyst", length=3)
    iid, qid = interview["id"], interview["current_question"]["id"]
    first = await answer(client, token, iid, qid, TEXT)
    again = await answer(client, token, iid, qid, f"  {TEXT}\n")
    assert first.status_code == again.status_code == 200
    assert again.json()["evaluation"] == first.json()["evaluation"]
    changed = await answer(client, token, iid, qid, "Something else entirely.")
    assert changed.status_code == 409
    state = (await client.get(f"{API}/interviews/{iid}", headers=auth(token))).json()
    assert [t["answer"]["text"] for t in state["turns"] if t["answer"]] == [TEXT]
