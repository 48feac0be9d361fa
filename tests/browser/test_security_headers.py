"""Every response carries the security headers; the API docs get the policy plus one hash."""

from __future__ import annotations

import httpx


def test_app_pages_and_api_have_a_strict_policy(live_server):
    for path in ("/", "/js/app.js", "/api/v1/tracks", "/healthz"):
        response = httpx.get(live_server + path)
        assert response.status_code == 200, path
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, path
        assert "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "camera=(self)" in response.headers["permissions-policy"]
        assert "microphone=(self)" in response.headers["permissions-policy"]
        assert "display-capture=(self)" in response.headers["permissions-policy"]


def test_api_documentation_allows_only_its_own_inline_script(live_server):
    response = httpx.get(live_server + "/docs")
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "script-src 'self' 'sha256-" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert httpx.get(live_server + "/redoc").status_code == 404  # needs inline styles: not offered


def test_scripts_are_served_as_javascript(live_server):
    response = httpx.get(live_server + "/js/app.js")
    assert "javascript" in response.headers["content-type"]
