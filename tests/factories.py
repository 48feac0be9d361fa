"""Plain keyword-only helpers that make test data through the public API."""

from __future__ import annotations

from typing import Any

import httpx

API = "/api/v1"


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def register(
    client: httpx.AsyncClient, *, name: str = "Ada Lovelace", position: str = "Analyst"
) -> str:
    response = await client.post(f"{API}/users", json={"name": name, "position": position})
    assert response.status_code == 201, response.text
    return str(response.json()["token"])


async def start(
    client: httpx.AsyncClient, token: str, *, track: str = "excel", **options: Any
) -> dict[str, Any]:
    body = {"track": track, "seed": 7, **options}
    response = await client.post(f"{API}/interviews", json=body, headers=auth(token))
    assert response.status_code == 201, response.text
    interview: dict[str, Any] = response.json()["interview"]
    return interview


async def answer(
    client: httpx.AsyncClient, token: str, interview_id: str, question_id: str, text: str,
    **extra: Any,
) -> httpx.Response:  # fmt: skip
    return await client.post(
        f"{API}/interviews/{interview_id}/answers",
        json={"question_id": question_id, "text": text, **extra},
        headers=auth(token),
    )
