"""/docs renders with no network: Swagger UI's files come from the app, under its CSP."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx
from playwright.sync_api import Route, expect


def test_docs_render_with_every_other_host_blocked(new_page, screenshot, live_server):
    page = new_page()
    blocked: list[str] = []

    def only_this_machine(route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_machine)
    page.goto("/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Mock Interviewer")
    register = page.locator(".opblock-post", has_text="/api/v1/users").first
    expect(register).to_be_visible()
    expect(page.locator(".opblock").first).to_be_visible()
    assert page.locator(".opblock").count() > 15
    screenshot(page, "docs-offline")
    register.locator(".opblock-summary").click()  # expands: the UI is live, not just drawn
    expect(register.get_by_role("button", name="Try it out")).to_be_visible()
    assert not blocked, f"/docs asked for other hosts: {blocked}"

    # The page keeps a strict policy: its own files, its one inline script by hash.
    csp = httpx.get(live_server + "/docs").headers["content-security-policy"]
    assert "script-src 'self' 'sha256-" in csp and "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp and "cdn" not in csp
