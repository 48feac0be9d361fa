"""What the API writes for the candidate to read: formula errors, dates, counts, topic names."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import httpx

from interviewer.banks.loader import BankSet
from interviewer.core.formatting import topic_title
from tests.factories import API, answer, auth, register, start

WEAK = "I am not sure, maybe it depends on the situation."


async def test_a_broken_formula_is_refused_with_what_to_fix(client: httpx.AsyncClient):
    token = await register(client)
    interview = await start(client, token, track="excel", kind="excel_formula", length=1)
    question = interview["current_question"]
    refused = await answer(client, token, interview["id"], question["id"], "=A2*")
    assert refused.status_code == 422
    body = refused.json()
    assert body["field"] == "text"
    assert "%s" not in body["detail"] and "Not a valid formula" not in body["detail"]
    assert "ends with *, which needs a value after it" in body["detail"]


async def _date_task(client: httpx.AsyncClient, token: str, banks: BankSet) -> dict[str, Any]:
    """An interview whose formula task expects dates: the seed decides the first task."""
    dated = {
        item.text
        for item in banks.items.values()
        if item.task and any(isinstance(v, dt.date) for v in item.task.expected)
    }
    for seed in range(200):
        interview = await start(
            client, token, track="excel", kind="excel_formula", length=1, seed=seed
        )
        if interview["current_question"]["text"] in dated:
            return interview
    raise AssertionError("no seed starts with a date task")


async def test_a_date_task_reads_in_dates(client: httpx.AsyncClient, banks: BankSet):
    token = await register(client)
    interview = await _date_task(client, token, banks)
    question = interview["current_question"]
    assert question["topic_title"] == "Date functions"
    wrong = await answer(client, token, interview["id"], question["id"], "=B2+1")
    assert wrong.status_code == 200, wrong.text
    evaluation = wrong.json()["evaluation"]
    date = re.compile(r"^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}$")
    for cell in evaluation["cells"]:
        assert date.match(cell["got_text"]) and date.match(cell["expected_text"]), cell
    assert not re.search(r"\b4\d{4}\b", evaluation["feedback"])  # no serial number like 45351


async def test_counts_leave_follow_ups_apart_and_topics_have_names(client: httpx.AsyncClient):
    token = await register(client)
    interview = await start(client, token, track="data-analyst", length=2)
    iid, current = interview["id"], interview["current_question"]
    assert current["topic_title"] == topic_title(current["topic"])
    follow_ups = 0
    while current is not None:
        result = (await answer(client, token, iid, current["id"], WEAK)).json()
        current = result["next_question"]
        follow_ups += bool(current and current["follow_up"])
        progress = result["progress"]
        assert progress["answered_main"] <= progress["planned"] == 2
    assert follow_ups >= 1, "a weak answer gets a follow-up"
    assert progress["answered_main"] == 2 and progress["follow_ups"] == follow_ups
    assert progress["answered"] == 2 + follow_ups  # every answer graded, follow-ups included

    report = (await client.post(f"{API}/interviews/{iid}/finalize", headers=auth(token))).json()
    counts = report["counts"]
    assert (counts["main"], counts["answered"], counts["follow_ups"]) == (2, 2, follow_ups)
    follow = "1 follow-up" if follow_ups == 1 else f"{follow_ups} follow-ups"
    assert f"with 2 of 2 questions answered, {follow}." in report["summary"]
    assert "(s)" not in report["summary"]
    assert report["topic_titles"] == {t: topic_title(t) for t in report["topic_scores"]}
    assert all(not re.match(r"^[a-z]", line) for line in report["areas_to_improve"])

    tracks = (await client.get(f"{API}/tracks")).json()
    analyst = next(t for t in tracks if t["id"] == "data-analyst")
    assert {t["id"]: t["name"] for t in analyst["topics"]}["sql-joins"] == "SQL joins"
