"""The report routes over HTTP, on SQLite and PostgreSQL: files, names, errors, progress."""

from __future__ import annotations

import base64
import re
from typing import Any

import httpx
import pytest

from tests.factories import API, answer, auth, register, start
from tests.reports.pdftools import (
    assert_images,
    link_uris,
    reader,
    render_pages,
    squeeze,
    text_of,
)

ANSWERS = [
    "<b>I led</b> the migration & kept <i>everyone</i> informed; the result: 30% fewer incidents.",
    "Situation: a late release. Task: ship safely. " * 80,
    "I'd rather not say & <script>alert(1)</script>",
]
NEW_ROUTES = ("report.pdf", "report.pdf?kind=summary", "report.pdf.b64", "report.md")


async def finished_interview(
    client: httpx.AsyncClient, token: str, *, length: int = 3, finalize: bool = True
) -> dict[str, Any]:
    interview = await start(client, token, track="behavioral", length=length)
    current = interview["current_question"]
    turn = 0
    while current is not None:
        text = ANSWERS[turn % len(ANSWERS)]
        response = await answer(client, token, interview["id"], current["id"], text)
        assert response.status_code == 200, response.text
        current = response.json()["next_question"]
        turn += 1
    if finalize:
        done = await client.post(
            f"{API}/interviews/{interview['id']}/finalize", headers=auth(token)
        )
        assert done.status_code == 200, done.text
    state = await client.get(f"{API}/interviews/{interview['id']}", headers=auth(token))
    return dict(state.json())


def disposition_name(response: httpx.Response) -> str:
    match = re.fullmatch(
        r'attachment; filename="([A-Za-z0-9._-]+)"', response.headers["content-disposition"]
    )
    assert match, response.headers["content-disposition"]
    return match.group(1)


async def test_pdf_summary_base64_markdown_and_json(client: httpx.AsyncClient):
    token = await register(client, name="José Müller")
    state = await finished_interview(client, token)
    base = f"{API}/interviews/{state['id']}"
    day = state["finished_at"][:10]

    full = await client.get(f"{base}/report.pdf", headers=auth(token))
    assert full.status_code == 200 and full.headers["content-type"] == "application/pdf"
    assert disposition_name(full) == f"interview-report-jose-muller-{day}.pdf"
    text = squeeze(text_of(full.content))
    assert "JoséMüller" in text and squeeze(state["report"]["summary"]) in text
    for turn in state["turns"]:
        assert squeeze(turn["question"]["text"]) in text
        if turn["evaluation"]:
            for dim in ("technical", "communication", "confidence"):
                assert f"{dim.capitalize()}{turn['evaluation'][dim]}/10" in text
    assert squeeze(ANSWERS[0]) in text
    assert link_uris(full.content)
    assert_images(render_pages(full.content, "http-full"), count=len(reader(full.content).pages))

    summary = await client.get(
        f"{base}/report.pdf", params={"kind": "summary"}, headers=auth(token)
    )
    assert summary.status_code == 200 and len(reader(summary.content).pages) == 1
    assert disposition_name(summary) == f"interview-summary-jose-muller-{day}.pdf"
    assert_images(render_pages(summary.content, "http-summary"), count=1)

    for kind, binary in (("full", full), ("summary", summary)):
        encoded = await client.get(
            f"{base}/report.pdf.b64", params={"kind": kind}, headers=auth(token)
        )
        assert encoded.status_code == 200, encoded.text
        body = encoded.json()
        assert body["content_type"] == "application/pdf"
        assert body["filename"] == disposition_name(binary)
        assert base64.b64decode(body["data"], validate=True) == binary.content

    markdown = await client.get(f"{base}/report.md", headers=auth(token))
    assert markdown.status_code == 200
    assert markdown.headers["content-type"] == "text/markdown; charset=utf-8"
    assert disposition_name(markdown) == f"interview-report-jose-muller-{day}.md"
    assert markdown.text.startswith("# Interview report: José Müller\n")
    assert r"\<b\>I led\</b\>" in markdown.text and "<script>" not in markdown.text

    as_json = await client.get(f"{base}/report", headers=auth(token))
    assert as_json.headers["content-type"] == "application/json"
    assert as_json.json()["candidate"] == "José Müller"

    bad = await client.get(f"{base}/report.pdf", params={"kind": "poster"}, headers=auth(token))
    assert bad.status_code == 422 and bad.json()["field"] == "kind"


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Анна Каренина", "anna-karenina"), ("Γιώργος Παπαδόπουλος", "giorgos-papadopoulos"),
     ("李小龍", "candidate"), ("Ada 🚀 Lovelace", "ada-lovelace")],
)  # fmt: skip
async def test_names_in_any_script_in_the_pdf_and_safe_file_names(
    client: httpx.AsyncClient, name: str, slug: str
):
    token = await register(client, name=name)
    state = await finished_interview(client, token, length=1)
    response = await client.get(f"{API}/interviews/{state['id']}/report.pdf", headers=auth(token))
    assert response.status_code == 200, response.text
    assert disposition_name(response) == f"interview-report-{slug}-{state['finished_at'][:10]}.pdf"
    visible = name.replace("🚀", "")
    assert squeeze(visible) in squeeze(text_of(response.content))


async def test_a_report_before_finalizing_is_409_with_a_message(client: httpx.AsyncClient):
    token = await register(client)
    state = await finished_interview(client, token, length=1, finalize=False)
    for route in (*NEW_ROUTES, "report"):
        response = await client.get(f"{API}/interviews/{state['id']}/{route}", headers=auth(token))
        assert response.status_code == 409, (route, response.text)
        assert "finaliz" in response.json()["detail"]


async def test_another_users_token_gets_404_and_no_token_401(client: httpx.AsyncClient):
    owner = await register(client, name="Owner")
    intruder = await register(client, name="Intruder")
    state = await finished_interview(client, owner, length=1)
    for route in NEW_ROUTES:
        url = f"{API}/interviews/{state['id']}/{route}"
        assert (await client.get(url, headers=auth(intruder))).status_code == 404, route
        assert (await client.get(url)).status_code == 401, route
        assert (await client.get(url, headers=auth(owner))).status_code == 200, route
    missing = f"{API}/interviews/00000000-0000-4000-8000-000000000000/report.pdf"
    assert (await client.get(missing, headers=auth(owner))).status_code == 404


async def test_progress_per_topic_and_the_trend_in_the_pdf(client: httpx.AsyncClient):
    token = await register(client)
    first = await finished_interview(client, token, length=3)
    second = await finished_interview(client, token, length=3)

    progress = (await client.get(f"{API}/users/me/progress", headers=auth(token))).json()
    assert [p["interview_id"] for p in progress["points"]] == [first["id"], second["id"]]
    (track,) = progress["tracks"]  # both behavioral: one series
    points = track["points"]
    assert [p["interview_id"] for p in points] == [first["id"], second["id"]]
    change = track["change"]
    assert change["compared_with"] == 1
    assert change["overall"] == points[1]["overall"] - points[0]["overall"]
    assert set(change["dimensions"]) == {"technical", "communication", "confidence"}
    for dim, value in change["dimensions"].items():
        assert value == round(points[1]["averages"][dim] - points[0]["averages"][dim], 1)
    topics = {t for p in points for t in p["topic_scores"]}
    assert set(track["topics"]) == topics
    for topic, series in track["topics"].items():
        expected = [p["topic_scores"][topic] for p in points if topic in p["topic_scores"]]
        assert [s["score"] for s in series] == expected
        if len(series) >= 2 and topic in points[1]["topic_scores"]:
            assert change["topics"][topic] == round(series[-1]["score"] - series[0]["score"], 1)
        else:
            assert topic not in change["topics"]

    def pdf_of(interview: dict[str, Any]) -> str:
        return f"{API}/interviews/{interview['id']}/report.pdf"

    later = (await client.get(pdf_of(second), headers=auth(token))).content
    earlier = (await client.get(pdf_of(first), headers=auth(token))).content
    assert "Progress across interviews" in text_of(later)
    assert "Progress across interviews" not in text_of(earlier)
    assert_images(render_pages(later, "http-trend"), count=len(reader(later).pages))
    markdown = (
        await client.get(f"{API}/interviews/{second['id']}/report.md", headers=auth(token))
    ).text
    assert "## Progress across interviews" in markdown and "(this one)" in markdown


async def test_openapi_documents_the_report_routes(client: httpx.AsyncClient):
    paths = (await client.get("/openapi.json")).json()["paths"]
    for route in ("report.pdf", "report.pdf.b64", "report.md", "report"):
        assert f"/api/v1/interviews/{{interview_id}}/{route}" in paths, route
    pdf = paths["/api/v1/interviews/{interview_id}/report.pdf"]["get"]
    assert "application/pdf" in pdf["responses"]["200"]["content"]
    assert {p["name"] for p in pdf["parameters"]} >= {"interview_id", "kind"}
