"""The source designs' own routes and fields, on SQLite and PostgreSQL: each design's whole
flow, another user's ids 404, no token 401, bad input 422 naming the field."""

from __future__ import annotations

import base64
import uuid
from typing import Any

import httpx
import pytest

from interviewer.banks.loader import BankSet
from tests.factories import API, auth

Json = dict[str, Any]
DIMENSIONS = {"technical", "communication", "confidence"}


def strong_answer(banks: BankSet, question: Json) -> str:
    """The bank's reference (a formula for a formula task) for the question asked."""
    for item in banks.items.values():
        if item.text == question["question"] or item.text in question["question"]:
            if question["kind"] == "excel_formula":
                assert item.task is not None and question["sheet"]["target"]
                return item.task.formulas[0]
            return item.reference
    raise AssertionError(f"question not in any bank: {question['question']}")


async def register_a(client: httpx.AsyncClient, *, name: str = "Ada Lovelace") -> tuple[str, str]:
    response = await client.post(
        "/users",
        json={"name": name, "email": "ada@example.com", "position": "Financial analyst",
              "experience": "1-3 years"},
    )  # fmt: skip
    assert response.status_code == 200, response.text
    return response.json()["user_id"], response.json()["token"]


async def start_b(client: httpx.AsyncClient, **fields: Any) -> Json:
    body = {"name": "Grace Hopper", "role": "Data Analyst", "experience": "3+ years", **fields}
    response = await client.post("/interview/start", json=body)
    assert response.status_code == 200, response.text
    started: Json = response.json()
    return started


def assert_graded(result: Json, question_id: str) -> None:
    assert result["question_id"] == question_id
    assert set(result["scores"]) == DIMENSIONS and 1 <= result["scores"]["technical"] <= 10
    assert result["feedback"] and isinstance(result["examples_or_corrections"], str)
    assert isinstance(result["resources"], list)
    assert result["done"] is result["finished"] is (result["current_question"] is None)


async def test_design_a_register_start_answer_finalize(client: httpx.AsyncClient, banks: BankSet):
    user_id, token = await register_a(client)
    registered = await client.post("/users", json={"name": "Lin", "role": "Analyst"})
    assert registered.headers["Cache-Control"] == "no-store"
    assert registered.json()["id"] == registered.json()["user_id"]
    me = (await client.get(f"{API}/users/me", headers=auth(token))).json()
    assert me["id"] == user_id and (me["experience_level"], me["experience_years"]) == ("junior", 1)

    started = await client.post(
        f"/interview/{user_id}/start",
        json={"track": "excel", "level": "Senior", "mode": "Technical", "num_questions": 3,
              "seed": 7, "candidate_profile": {"skills": ["pivot tables"]}},
        headers=auth(token),
    )  # fmt: skip
    assert started.status_code == 200, started.text
    body = started.json()
    session_id, current = body["session_id"], body["current_question"]
    assert body["interview_id"] == session_id and body["user_id"] == user_id
    assert body["question_id"] == current["question_id"] == current["id"]
    assert body["first_question"] == current["question"] and body["n_questions"] == 3
    assert body["token"] is None

    # A weak first answer, under design A's own field name and without a session_id: the
    # user's latest interview is meant, and the follow-up it earns is said so.
    weak = await client.post(
        f"/interview/{user_id}/answer",
        json={"question_id": current["question_id"], "user_answer": "I would ask a colleague."},
        headers=auth(token),
    )
    assert weak.status_code == 200, weak.text
    result = weak.json()
    assert_graded(result, current["question_id"])
    assert result["session_id"] == session_id and result["score"] == result["scores"]["technical"]
    assert result["follow_up_needed"] is True and result["current_question"]["follow_up"]
    assert result["follow_up_question"] == result["next_question"]
    asked = [current["question_id"]]
    current = result["current_question"]
    while current is not None:
        response = await client.post(
            f"/interview/{user_id}/answer",
            json={"session_id": session_id, "question_id": current["question_id"],
                  "answer": strong_answer(banks, current)},
            headers=auth(token),
        )  # fmt: skip
        assert response.status_code == 200, response.text
        result = response.json()
        assert_graded(result, current["question_id"])
        assert result["next_question"] == (result["current_question"] or {}).get("question")
        asked.append(current["question_id"])
        current = result["current_question"]
    assert result["done"] is True and len(asked) >= 3

    report = await client.post(f"/interview/{user_id}/finalize", headers=auth(token))
    assert report.status_code == 200, report.text
    final = report.json()
    assert final["session_id"] == session_id and 0 <= final["overall_score"] <= 100
    for dimension in DIMENSIONS:
        assert 1 <= final[f"avg_{dimension}"] <= 10
    assert final["n_questions"] == len(asked)
    assert final["summary"] and final["feedback_summary"] == final["summary"]
    assert isinstance(final["strengths"], list) and isinstance(final["resources"], list)
    assert final["areas_of_progress"] == final["areas_to_improve"]
    again = await client.post(
        f"/interview/{user_id}/finalize", json={"session_id": session_id}, headers=auth(token)
    )
    assert again.json() == final


async def test_design_b_start_answer_session_finalize_and_exports(
    client: httpx.AsyncClient, banks: BankSet
):
    started = await start_b(
        client, track="excel", kind="excel_formula", num_questions=2, mode="technical",
        model_provider="gemini", api_key="sk-not-used",
    )  # fmt: skip
    token, session_id = started["token"], started["session_id"]
    assert token and "ignored" in started["notice"]
    first = started["current_question"]
    assert started["questions"] == [first] and first["kind"] == "excel_formula"
    me = (await client.get(f"{API}/users/me", headers=auth(token))).json()
    assert me["name"] == "Grace Hopper" and me["experience_level"] == "mid"

    state = (await client.get(f"/interview/session/{session_id}", headers=auth(token))).json()
    assert state["status"] == "ongoing" and state["answers"] == [] and state["done"] is False
    assert state["meta"]["track"] == "excel" and state["meta"]["n_questions"] == 2

    url = f"/interview/session/{session_id}/answer"
    broken = await client.post(
        url, json={"question_id": first["id"], "answer": "=SUM((B2"}, headers=auth(token)
    )
    assert broken.status_code == 422 and broken.json()["field"] == "answer"
    current, answered = first, []
    while current is not None:
        assert current["kind"] == "excel_formula" and current["sheet"]
        response = await client.post(
            url,
            json={"question_id": current["id"], "answer": strong_answer(banks, current)},
            headers=auth(token),
        )
        assert response.status_code == 200, response.text
        result = response.json()
        assert_graded(result, current["id"])
        assert result["scores"]["technical"] >= 8 and result["scores"]["communication"] is None
        answered.append(current["id"])
        current = result["current_question"]

    early = await client.get(f"/interview/session/{session_id}/export/full", headers=auth(token))
    assert early.status_code == 409 and "finalize" in early.json()["detail"]
    state = (await client.get(f"/interview/session/{session_id}", headers=auth(token))).json()
    assert [a["question_id"] for a in state["answers"]] == answered
    assert all(set(a["evaluation"]["scores"]) == DIMENSIONS for a in state["answers"])
    assert [q["id"] for q in state["questions"]] == answered and state["done"] is True

    report = await client.post(f"/interview/session/{session_id}/finalize", headers=auth(token))
    assert report.status_code == 200, report.text
    final = report.json()
    assert final["n_questions"] == 2 and final["avg_technical"] >= 8
    assert final["avg_communication"] is None and final["avg_confidence"] is None
    state = (await client.get(f"/interview/session/{session_id}", headers=auth(token))).json()
    assert state["status"] == "completed" and state["final_report"] == final

    for kind in ("full", "summary"):
        pdf = await client.get(
            f"/interview/session/{session_id}/export/{kind}", headers=auth(token)
        )
        assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF")
        assert "attachment" in pdf.headers["content-disposition"]
        encoded = await client.get(
            f"/interview/session/{session_id}/export/{kind}/base64", headers=auth(token)
        )
        assert encoded.status_code == 200
        file = encoded.json()
        assert base64.b64decode(file["pdf_data"]).startswith(b"%PDF")
        assert file["content_type"] == "application/pdf" and file["filename"].endswith(".pdf")
        assert ("summary" in file["filename"]) is (kind == "summary")


async def _owned(client: httpx.AsyncClient) -> tuple[str, str, list[tuple[str, str, Json | None]]]:
    """An owner with a design A and a design B interview, and every route that touches them."""
    user_id, token = await register_a(client, name="Owner")
    a = (
        await client.post(
            f"/interview/{user_id}/start", json={"track": "behavioral"}, headers=auth(token)
        )
    ).json()
    b = (
        await client.post(
            "/interview/start", json={"track": "behavioral", "num_questions": 2},
            headers=auth(token),
        )
    ).json()  # fmt: skip
    sid, qid = b["session_id"], b["question_id"]
    answer = {"question_id": qid, "answer": "We disagreed, so I listened first."}
    routes: list[tuple[str, str, Json | None]] = [
        ("POST", f"/interview/{user_id}/start", {"track": "behavioral"}),
        ("POST", f"/interview/{user_id}/answer", {"question_id": a["question_id"], "answer": "x"}),
        ("POST", f"/interview/{user_id}/finalize", None),
        ("GET", f"/interview/session/{sid}", None),
        ("POST", f"/interview/session/{sid}/answer", answer),
        ("POST", f"/interview/session/{sid}/finalize", None),
        *(
            ("GET", f"/interview/session/{sid}/export/{kind}{suffix}", None)
            for kind in ("full", "summary")
            for suffix in ("", "/base64")
        ),
    ]
    return token, sid, routes


async def test_another_users_ids_are_404_on_every_route(client: httpx.AsyncClient):
    owner, sid, routes = await _owned(client)
    intruder_id, intruder = await register_a(client, name="Intruder")
    for method, url, body in routes:
        response = await client.request(method, url, json=body, headers=auth(intruder))
        assert response.status_code == 404, (method, url, response.text)
        assert response.json()["code"] == "not_found"
    # Their own user id in the path, the owner's session in the body: still 404.
    for route in ("answer", "finalize"):
        response = await client.post(
            f"/interview/{intruder_id}/{route}",
            json={"session_id": sid, "question_id": str(uuid.uuid4()), "answer": "x"}
            if route == "answer"
            else {"session_id": sid},
            headers=auth(intruder),
        )
        assert response.status_code == 404, (route, response.text)
    state = (await client.get(f"/interview/session/{sid}", headers=auth(owner))).json()
    assert state["status"] == "ongoing" and state["answers"] == []


@pytest.mark.parametrize(
    "headers", [{}, auth("not-a-real-token-" + "x" * 30), {"Authorization": "Basic abc"}]
)
async def test_without_a_valid_token_every_private_route_is_401(
    client: httpx.AsyncClient, headers: dict[str, str]
):
    _owner, _sid, routes = await _owned(client)
    for method, url, body in routes:
        response = await client.request(method, url, json=body, headers=headers)
        assert response.status_code == 401, (method, url, response.text)
        assert response.headers["WWW-Authenticate"] == "Bearer"
        assert "token" in response.json()["detail"].lower()
    anonymous = await client.post(
        "/interview/start", json={"role": "Data Analyst"}, headers=headers
    )
    assert anonymous.status_code == 401


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/users", {"name": "Ada"}, "position"),
        ("/users", {"name": "", "position": "Analyst"}, "name"),
        ("/users", {"name": "Ada", "position": "Analyst", "email": "ada-at-home"}, "email"),
        ("/users", {"name": "Ada", "position": "Analyst", "experience": "lots"}, "experience"),
        ("/users", {"name": "Ada", "position": "Analyst", "experience": 99}, "experience"),
        ("/users", {"name": "Ada", "position": "Analyst", "admin": True}, "admin"),
        ("/interview/{user_id}/start", {"level": "guru"}, "level"),
        ("/interview/{user_id}/start", {"mode": "chatty"}, "mode"),
        ("/interview/{user_id}/start", {"num_questions": 0}, "num_questions"),
        ("/interview/{user_id}/start", {"track": "astrology"}, "track"),
        ("/interview/{user_id}/start", {"role": "Astronaut"}, "role"),
        ("/interview/{user_id}/start", {"job_description": "x" * 8_001}, "job_description"),
        ("/interview/{user_id}/start", {"track": "behavioral", "kind": "excel_formula"}, "kind"),
        ("/interview/not-a-uuid/start", {}, "user_id"),
        ("/interview/{user_id}/answer", {"question_id": "{question_id}"}, "answer"),
        ("/interview/{user_id}/answer", {"question_id": "q1", "answer": "x"}, "question_id"),
        ("/interview/{user_id}/answer", {"question_id": "{question_id}", "answer": "word " * 2_001},
         "answer"),
        ("/interview/start", {"name": "Ada", "track": "excel"}, "name"),
        ("/interview/session/{session_id}/answer", {"question_id": "{question_id}",
                                                    "answer": "a\u0000b"}, "answer"),
    ],
)  # fmt: skip
async def test_bad_input_is_422_naming_the_field(
    client: httpx.AsyncClient, path: str, body: Json, field: str
):
    user_id, token = await register_a(client)
    started = (
        await client.post(
            f"/interview/{user_id}/start", json={"track": "behavioral"}, headers=auth(token)
        )
    ).json()
    ids = {"user_id": user_id, "session_id": started["session_id"],
           "question_id": started["question_id"]}  # fmt: skip
    filled = {k: v.format(**ids) if isinstance(v, str) and "{" in v else v for k, v in body.items()}
    response = await client.post(path.format(**ids), json=filled, headers=auth(token))
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field and response.json()["code"] == "invalid_input"


async def test_anonymous_start_needs_a_role_or_track(client: httpx.AsyncClient):
    response = await client.post("/interview/start", json={"name": "Ada"})
    assert response.status_code == 422 and response.json()["field"] == "role"
    unknown = await client.get(
        f"/interview/session/{uuid.uuid4()}/export/poster",
        headers=auth((await register_a(client))[1]),
    )
    assert unknown.status_code == 422 and unknown.json()["field"] == "kind"


async def test_compat_routes_leave_the_api_and_the_browser_app_alone(client: httpx.AsyncClient):
    page = await client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    registered = await client.post(f"{API}/users", json={"name": "Ada", "position": "Analyst"})
    assert registered.status_code == 201 and "user" in registered.json()
    spec = (await client.get("/openapi.json")).json()
    compat = {
        (method, path): operation
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if "compatibility" in operation.get("tags", [])
    }
    assert len(compat) == 10
    for (method, path), operation in compat.items():
        assert not path.startswith("/api/"), path
        assert {"401", "404", "422"} <= set(operation["responses"]), (method, path)
        if path not in ("/users", "/interview/start"):
            assert {"bearer": []} in operation.get("security", []), (method, path)
