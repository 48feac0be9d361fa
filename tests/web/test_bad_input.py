"""Bad input gets a clear 4xx naming the field; nothing is lost and nothing is stored twice."""

from __future__ import annotations

import uuid

import httpx
import pytest

from interviewer.config import Settings
from tests.factories import API, answer, auth, register, start


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "", "position": "Analyst"}, "name"),
        ({"name": "x" * 201, "position": "Analyst"}, "name"),
        ({"name": "Ada", "position": "Analyst", "email": "not-an-email"}, "email"),
        ({"name": "Ada", "position": "Analyst", "experience_years": "many"}, "experience_years"),
        ({"name": "Ada", "position": "Analyst", "experience_level": "guru"}, "experience_level"),
        ({"name": "Ada"}, "position"),
        ({"name": 5, "position": "Analyst"}, "name"),
        ({"name": "Ada", "position": "Analyst", "admin": True}, "admin"),
    ],
)
async def test_registration_rejects_bad_fields_by_name(
    client: httpx.AsyncClient, body: dict, field: str
):
    response = await client.post(f"{API}/users", json=body)
    assert response.status_code == 422
    payload = response.json()
    assert payload["field"] == field and field in payload["detail"]


async def test_malformed_json_is_422_not_500(client: httpx.AsyncClient):
    response = await client.post(
        f"{API}/users", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422 and "JSON" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"track": "astrology"}, "track"),
        ({"track": "excel", "length": 0}, "length"),
        ({"track": "excel", "length": "eight"}, "length"),
        ({"track": "excel", "mode": "casual"}, "mode"),
        ({"track": "excel", "job_description": "x" * 8_001}, "job_description"),
        ({"track": "behavioral", "kind": "excel_formula"}, "kind"),
    ],
)
async def test_start_rejects_bad_fields_by_name(client: httpx.AsyncClient, body: dict, field: str):
    token = await register(client)
    response = await client.post(f"{API}/interviews", json=body, headers=auth(token))
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field


async def test_over_long_answer_is_422_and_the_question_stays_open(client: httpx.AsyncClient):
    token = await register(client)
    interview = await start(client, token, track="behavioral")
    qid = interview["current_question"]["id"]
    response = await answer(client, token, interview["id"], qid, "word " * 2_001)
    assert response.status_code == 422
    assert response.json()["field"] == "text" and "10000" in response.json()["detail"]
    ok = await answer(client, token, interview["id"], qid, "A short but real answer.")
    assert ok.status_code == 200


async def test_answer_cap_is_configurable(database_url: str, banks):
    from interviewer.web.app import create_app

    app = create_app(Settings(database_url=database_url, max_answer_chars=200), banks=banks)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        token = await register(client)
        interview = await start(client, token, track="behavioral")
        qid = interview["current_question"]["id"]
        response = await answer(client, token, interview["id"], qid, "x " * 150)
        assert response.status_code == 422 and "200" in response.json()["detail"]
    await app.state.interviewer.database.dispose()


async def test_answer_to_a_question_that_is_not_current_is_409(client: httpx.AsyncClient):
    token = await register(client)
    interview = await start(client, token, track="behavioral", length=3)
    iid, first = interview["id"], interview["current_question"]["id"]
    ok = await answer(client, token, iid, first, "We had a conflict and I listened to them.")
    assert ok.status_code == 200
    again = await answer(client, token, iid, first, "A second answer to the same question")
    assert again.status_code == 409 and "current" in again.json()["detail"]


async def test_answer_after_finalize_is_409(client: httpx.AsyncClient):
    token = await register(client)
    interview = await start(client, token, track="behavioral", length=3)
    iid, qid = interview["id"], interview["current_question"]["id"]
    await client.post(f"{API}/interviews/{iid}/finalize", headers=auth(token))
    response = await answer(client, token, iid, qid, "Too late")
    assert response.status_code == 409 and "completed" in response.json()["detail"]
    hint = await client.post(f"{API}/interviews/{iid}/questions/{qid}/hint", headers=auth(token))
    assert hint.status_code == 409


async def test_report_before_finalize_is_409(client: httpx.AsyncClient):
    token = await register(client)
    interview = await start(client, token, track="behavioral")
    response = await client.get(f"{API}/interviews/{interview['id']}/report", headers=auth(token))
    assert response.status_code == 409 and "finalize" in response.json()["detail"]


async def test_unknown_ids_are_404_and_bad_ids_422(client: httpx.AsyncClient):
    token = await register(client)
    missing = await client.get(f"{API}/interviews/{uuid.uuid4()}", headers=auth(token))
    assert missing.status_code == 404
    malformed = await client.get(f"{API}/interviews/not-a-uuid", headers=auth(token))
    assert malformed.status_code == 422 and malformed.json()["field"] == "interview_id"
    interview = await start(client, token, track="behavioral")
    unknown_q = await answer(client, token, interview["id"], str(uuid.uuid4()), "text")
    assert unknown_q.status_code == 409


@pytest.mark.parametrize("via", ["header", "body"])
async def test_retried_submission_returns_first_result_and_stores_once(
    client: httpx.AsyncClient, via: str
):
    token = await register(client)
    interview = await start(client, token, track="behavioral", length=3)
    iid, qid = interview["id"], interview["current_question"]["id"]
    text = "In my last role I was responsible for a release and I decided to cut scope."
    extra: dict = {}
    headers = auth(token)
    if via == "header":
        headers = {**headers, "Idempotency-Key": "attempt-1"}
    else:
        extra = {"idempotency_key": "attempt-1"}
    url = f"{API}/interviews/{iid}/answers"
    first = await client.post(
        url, json={"question_id": qid, "text": text, **extra}, headers=headers
    )
    retry = await client.post(
        url, json={"question_id": qid, "text": text, **extra}, headers=headers
    )
    assert first.status_code == retry.status_code == 200
    assert first.json() == retry.json()
    state = (await client.get(f"{API}/interviews/{iid}", headers=auth(token))).json()
    assert sum(1 for t in state["turns"] if t["answer"]) == 1


async def test_body_over_the_request_cap_is_413(client: httpx.AsyncClient):
    token = await register(client)
    response = await client.post(
        f"{API}/interviews",
        content=b'{"track": "excel", "job_description": "' + b"x" * 3_100_000 + b'"}',
        headers={**auth(token), "Content-Type": "application/json"},
    )
    assert response.status_code == 413 and "bytes" in response.json()["detail"]


async def test_answer_is_stored_even_when_grading_fails(database_url: str, banks):
    """The answer is committed before grading: a grader crash loses nothing, a retry grades it."""
    from interviewer.grading.grader import OfflineGrader
    from interviewer.web.app import create_app

    class BrokenOnce(OfflineGrader):
        failures = 1

        async def grade(self, question, answer):
            if self.failures:
                self.failures -= 1
                raise RuntimeError("grader crashed")
            return await super().grade(question, answer)

    app = create_app(Settings(database_url=database_url), banks=banks, grader=BrokenOnce())
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        token = await register(client)
        interview = await start(client, token, track="behavioral", length=2)
        iid, qid = interview["id"], interview["current_question"]["id"]
        body = {"question_id": qid, "text": "I listened first.", "idempotency_key": "k1"}
        url = f"{API}/interviews/{iid}/answers"
        crashed = await client.post(url, json=body, headers=auth(token))
        assert crashed.status_code == 503 and "answer is saved" in crashed.json()["detail"]
        state = (await client.get(f"{API}/interviews/{iid}", headers=auth(token))).json()
        assert state["turns"][0]["answer"]["text"] == "I listened first."
        different = {"question_id": qid, "text": "a different text"}
        refused = await client.post(url, json=different, headers=auth(token))
        assert refused.status_code == 409
        assert "already saved and waiting to be graded" in refused.json()["detail"]
        same_without_key = {"question_id": qid, "text": "I listened first."}
        retried = await client.post(url, json=same_without_key, headers=auth(token))
        assert retried.status_code == 200 and retried.json()["evaluation"]["technical"] >= 1
        state = (await client.get(f"{API}/interviews/{iid}", headers=auth(token))).json()
        assert state["turns"][0]["answer"]["text"] == "I listened first."
    await app.state.interviewer.database.dispose()
