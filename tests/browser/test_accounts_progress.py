"""Accounts that last (the recovery key at registration, signing in after storage is cleared),
progress told per track, formula practice and the base64 PDF, all in Chromium."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.flows import (
    WEAK_ANSWER,
    answer,
    begin_interview,
    fill_profile,
    next_step,
    past_welcome,
    strong_answer,
)

KEY = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$")
API = "/api/v1"
CLIPBOARD = ["clipboard-read", "clipboard-write"]


def session_of(page: Page) -> dict[str, Any]:
    return dict(page.evaluate("JSON.parse(localStorage.getItem('mi.session.v1') || '{}')"))


def test_registration_shows_the_recovery_key_and_token_to_copy_and_download(new_page, screenshot):
    page = new_page(permissions=CLIPBOARD)
    fill_profile(page, email="ada@example.com", stop_at_welcome=True)
    token = session_of(page)["token"]
    key = page.get_by_label("Recovery key", exact=True).input_value()
    assert KEY.match(key), key
    expect(page.get_by_label("Access token", exact=True)).to_have_value(token)
    expect(page.locator(".screen-welcome")).to_contain_text("ada@example.com")
    expect(page.locator(".screen-welcome")).to_contain_text("shown only now")
    # The key is never written to localStorage, which is what a cleared browser loses.
    assert key not in json.dumps(page.evaluate("({...localStorage})"))
    screenshot(page, "20-welcome-keys")

    page.get_by_role("button", name="Copy recovery key").click()
    expect(page.get_by_role("button", name="Copy recovery key")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == key
    page.get_by_role("button", name="Copy access token").click()
    assert page.evaluate("navigator.clipboard.readText()") == token

    with page.expect_download() as download:
        page.get_by_role("button", name="Download as a text file").click()
    assert download.value.suggested_filename == "mock-interviewer-sign-in-ada-lovelace.txt"
    text = open(download.value.path(), encoding="utf-8").read()
    assert key in text and token in text and "ada@example.com" in text
    assert re.search(r"Server: +http://127\.0\.0\.1:\d+/", text)

    # A reload on this screen does not lose the key; moving on forgets it.
    page.reload()
    expect(page.get_by_label("Recovery key", exact=True)).to_have_value(key)
    past_welcome(page)
    assert page.evaluate("sessionStorage.getItem('mi.newAccount')") is None


def test_without_an_email_the_token_is_the_way_back(new_page):
    page = new_page()
    fill_profile(page, email="", stop_at_welcome=True)
    expect(page.locator(".screen-welcome")).to_contain_text("registered without an email")
    expect(page.get_by_label("Recovery key", exact=True)).to_have_count(0)
    expect(page.get_by_label("Access token", exact=True)).to_have_value(session_of(page)["token"])


def test_clear_storage_then_sign_back_in_with_email_and_recovery_key(new_page, screenshot):
    page = new_page()
    fill_profile(page, email="grace@example.com", name="Grace Hopper", length=1,
                 stop_at_welcome=True)  # fmt: skip
    key = page.get_by_label("Recovery key", exact=True).input_value()
    past_welcome(page)
    begin_interview(page)
    answer(page)
    assert not next_step(page)

    # Everything the browser knew is gone: the app starts signed out.
    page.evaluate("localStorage.clear(); sessionStorage.clear()")
    page.goto("/")
    expect(page.get_by_label("Your name")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")

    page.get_by_label("Email", exact=True).fill("grace@example.com")
    page.get_by_label("Recovery key", exact=True).fill("AAAA-BBBB-CCCC-DDDD-EEEE")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text(
        "That email and recovery key do not match an account."
    )
    expect(page.locator(".account-button")).to_have_count(0)
    screenshot(page, "21-signin-mismatch")

    # Typed by hand, in lower case with spaces instead of dashes: still the key.
    page.get_by_label("Recovery key", exact=True).fill(key.lower().replace("-", " "))
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_text("Welcome back, Grace Hopper.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your progress")
    expect(page.locator(".history-item")).to_have_count(1)
    expect(page.locator(".history-item")).to_contain_text("Completed")
    assert session_of(page)["token"]


# ---- progress per track ------------------------------------------------------------------


def _api_interview(page: Page, token: str, *, track: str, strong: bool) -> dict[str, Any]:
    """A finished two-question interview made through the API (faster than the pages)."""
    headers = {"Authorization": f"Bearer {token}"}
    started = page.request.post(
        f"{API}/interviews", data={"track": track, "length": 2, "seed": 11}, headers=headers
    )
    assert started.ok, started.text()
    interview = started.json()["interview"]
    current = interview["current_question"]
    while current is not None:
        text = strong_answer(current["text"]) if strong else WEAK_ANSWER
        response = page.request.post(
            f"{API}/interviews/{interview['id']}/answers",
            data={"question_id": current["id"], "text": text},
            headers=headers,
        )
        assert response.ok, response.text()
        current = response.json()["next_question"]
    done = page.request.post(f"{API}/interviews/{interview['id']}/finalize", headers=headers)
    assert done.ok, done.text()
    return dict(done.json())


def _signed_in_with_history(page: Page) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    page.goto("/")
    created = page.request.post(
        f"{API}/users", data={"name": "Lin Chen", "position": "Data analyst"}
    ).json()
    token = created["token"]
    weak = _api_interview(page, token, track="data-analyst", strong=False)
    other = _api_interview(page, token, track="behavioral", strong=True)
    strong = _api_interview(page, token, track="data-analyst", strong=True)
    page.evaluate(
        "(s) => localStorage.setItem('mi.session.v1', JSON.stringify(s))",
        {"token": token, "user": created["user"]},
    )
    return weak, other, strong


def signed_points(value: float) -> str:
    v = round(value, 1)
    number = f"{abs(v):g}"
    return f"{'+' if v > 0 else '−' if v < 0 else '±'}{number} pts"


def test_history_tells_progress_per_track_with_an_honest_change(new_page, screenshot):
    page = new_page()
    weak, other, strong = _signed_in_with_history(page)
    assert strong["overall"] != other["overall"]
    page.goto("/#/history")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your progress")

    cards = page.locator(".track-card")
    expect(cards).to_have_count(2)
    analyst = cards.filter(has=page.get_by_role("heading", name="Data Analyst"))
    behavioral = cards.filter(has=page.get_by_role("heading", name="Behavioral"))
    expect(analyst).to_have_count(1)
    expect(behavioral).to_have_count(1)

    # The data-analyst change: its second interview against its first, nothing else.
    change = analyst.locator(".change-list")
    expect(change.locator(".change").first).to_have_text(
        "Overall" + signed_points(strong["overall"] - weak["overall"])
    )
    expect(analyst).to_contain_text("against your first in this track")
    for dim, label in (("technical", "Technical"), ("communication", "Communication")):
        delta = round(strong["averages"][dim] - weak["averages"][dim], 1)
        expect(change.locator(".change").filter(has_text=label)).to_contain_text(
            f"{'+' if delta > 0 else '−' if delta < 0 else '±'}{abs(delta):g}"
        )
    expect(analyst.locator(".chart-point")).to_have_count(2)  # overall: its own two points
    expect(analyst.locator(".series-marker")).to_have_count(6)  # three dimensions x two
    expect(analyst.locator(".track-score")).to_contain_text(str(strong["overall"]))

    # The behavioral track has one interview: no change is claimed, and none across tracks.
    expect(behavioral).to_contain_text("First interview in this track")
    expect(behavioral.locator(".change-list")).to_have_count(0)
    expect(page.locator(".change-list")).to_have_count(1)
    cross = signed_points(strong["overall"] - other["overall"])
    expect(page.locator(".progress-section")).not_to_contain_text(f"Overall{cross}")
    expect(page.locator(".history-item")).to_have_count(3)

    analyst.get_by_text("Scores by interview").click()
    rows = analyst.locator(".scores-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first.locator("td").first).to_have_text(str(strong["overall"]))
    screenshot(page, "22-history-per-track")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_account_and_progress_screens_at_each_size(new_page, screenshot, scheme, width):
    """The screens of this change, for a designer's look: desktop and phone, light and dark."""
    mobile = width < 500
    page = new_page(
        viewport={"width": width, "height": 844 if mobile else 900},
        color_scheme=scheme,
        is_mobile=mobile,
        has_touch=mobile,
    )
    _signed_in_with_history(page)
    page.goto("/#/history")
    expect(page.locator(".track-card")).to_have_count(2)
    page.locator(".track-table summary").first.click()
    screenshot(page, f"look-{width}-{scheme}-history")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator(".account-button").click()
    page.get_by_role("button", name="Sign out").click()
    dialog = page.get_by_role("dialog", name="Sign out?")
    expect(dialog.get_by_role("button", name="Download token")).to_be_visible()
    screenshot(page, f"look-{width}-{scheme}-sign-out")
    dialog.get_by_role("button", name="Cancel").click()

    page.evaluate("localStorage.clear()")
    page.goto("/#/signin")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_text("Use your access token instead").click()
    screenshot(page, f"look-{width}-{scheme}-signin")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.goto("/#/start")
    page.locator("input[name=track][value='excel']").check(force=True)
    page.get_by_text("Formula practice only", exact=True).click()
    screenshot(page, f"look-{width}-{scheme}-profile-formula")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    fill_profile(page, track=None, stop_at_welcome=True)
    screenshot(page, f"look-{width}-{scheme}-welcome")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


# ---- formula practice and the base64 PDF -------------------------------------------------


def test_formula_practice_from_the_start_screen_and_the_pdf_as_base64(new_page, screenshot):
    page = new_page(permissions=CLIPBOARD)
    page.goto("/")
    toggle = page.get_by_label(re.compile("^Formula practice"))
    page.locator("input[name=track][value='data-analyst']").check(force=True)
    expect(toggle).to_be_hidden()  # only a track with formula tasks offers it
    page.locator("input[name=track][value='excel']").check(force=True)
    page.locator("input[name=mode][value='mixed']").check(force=True)
    toggle.check(force=True)
    expect(page.locator("input[name=mode][value='technical']")).to_be_checked()
    expect(page.locator("input[name=mode][value='behavioral']")).to_be_disabled()

    fill_profile(page, track=None, length=2, stop_at_welcome=True)  # keeps Excel and the toggle
    past_welcome(page)
    page.get_by_role("link", name="Continue").click()
    with page.expect_request(re.compile(r".*/api/v1/interviews$")) as started:
        page.get_by_role("button", name="Begin interview").click()
    assert json.loads(started.value.post_data or "{}")["kind"] == "excel_formula"
    for _ in range(10):
        expect(page.locator("#question-text")).to_be_visible()
        expect(page.locator(".sheet-table")).to_have_count(1)  # every question a formula task
        answer(page)
        if not next_step(page):
            break
    expect(page.get_by_role("heading", level=1)).to_have_text("Your results")

    copy = page.get_by_role("button", name=re.compile("^Copy PDF as base64"))
    expect(copy).to_be_visible()
    downloads = page.locator(".download-list li")
    labels = [t.split("\n")[0] for t in downloads.all_inner_texts()]
    assert labels.index("Copy PDF as base64") == labels.index("PDF summary") + 1, labels
    copy.click()
    expect(copy).to_contain_text("Copied:")
    copied = page.evaluate("navigator.clipboard.readText()")
    interview_id = page.url.rsplit("/", 1)[-1]
    token = session_of(page)["token"]
    served = page.request.get(
        f"{API}/interviews/{interview_id}/report.pdf.b64?kind=full",
        headers={"Authorization": f"Bearer {token}"},
    ).json()["data"]
    assert copied == served and copied.startswith("JVBERi0")  # "%PDF-" in base64
    screenshot(page, "23-results-base64")

    page.get_by_role("link", name="History").click()
    expect(
        page.get_by_role("heading", name=re.compile(r"^Excel.*: formula practice$"))
    ).to_be_visible()
    expect(page.locator(".history-item")).to_contain_text("formula practice")
