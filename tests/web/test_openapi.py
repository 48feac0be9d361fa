"""The OpenAPI document says what can go wrong, how to authenticate and what is not cached."""

from __future__ import annotations

import httpx

from tests.factories import API

DOCUMENTED = {"400", "401", "404", "409", "413", "422", "429", "503"}
PUBLIC = {
    ("post", f"{API}/users"),
    ("post", f"{API}/sessions"),
    ("get", f"{API}/tracks"),
    ("get", f"{API}/capabilities"),
}


async def test_every_api_route_documents_its_errors_and_the_bearer_scheme(
    client: httpx.AsyncClient,
):
    spec = (await client.get("/openapi.json")).json()
    schemes = spec["components"]["securitySchemes"]
    assert schemes["bearer"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "The token from registration: `Authorization: Bearer <token>`.",
    }
    routes = [
        (method, path, operation)
        for path, item in spec["paths"].items()
        if path.startswith(API)
        for method, operation in item.items()
    ]
    assert len(routes) >= 12
    for method, path, operation in routes:
        if (method, path) in PUBLIC or path == f"{API}/tracks":
            continue
        missing = DOCUMENTED - set(operation["responses"])
        assert not missing, (method, path, missing)
        assert {"bearer": []} in operation.get("security", []), (method, path)
    assert "Retry-After" in spec["paths"][f"{API}/users/me"]["get"]["responses"]["429"]["headers"]


async def test_responses_that_carry_a_token_are_not_stored_by_caches(client: httpx.AsyncClient):
    registered = await client.post(f"{API}/users", json={"name": "Ada", "position": "Analyst"})
    assert registered.status_code == 201 and registered.headers["Cache-Control"] == "no-store"
    started = await client.post(
        f"{API}/interviews",
        json={"track": "excel", "profile": {"name": "Ada", "position": "Analyst"}},
    )
    assert started.status_code == 201 and started.json()["token"]
    assert started.headers["Cache-Control"] == "no-store"
    spec = (await client.get("/openapi.json")).json()
    for path in (f"{API}/users", f"{API}/interviews", f"{API}/sessions"):
        headers = spec["paths"][path]["post"]["responses"]["201"]["headers"]
        assert "no-store" in headers["Cache-Control"]["description"]
