"""axe-core on every screen, keyboard-only use, and a 390 px phone pass."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.flows import (
    answer,
    begin_interview,
    fill_profile,
    next_step,
    only_formula_tasks,
    past_welcome,
    strong_answer,
)

AXE_RUN = """
async () => {
  const result = await axe.run(document, { resultTypes: ['violations'] });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
  }));
}
"""


def check_axe(page: Page, axe_script: Path, screen: str) -> None:
    """No serious or critical violation on the screen as it is now."""
    page.wait_for_timeout(100)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script))
    violations = page.evaluate(AXE_RUN)
    bad = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not bad, f"{screen}: {bad}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_on_any_screen(new_page, axe_script, screenshot, scheme):
    # The strict CSP forbids injected inline scripts, so this context bypasses it for axe only.
    page = new_page(bypass_csp=True, color_scheme=scheme)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_axe(page, axe_script, "profile")
    page.get_by_role("button", name="Continue to setup").click()
    expect(page.get_by_role("alert")).to_be_visible()
    check_axe(page, axe_script, "profile with errors")
    page.locator(".signin-callout").get_by_role("link", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_text("Use your access token instead").click()
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.locator("#s-email-error")).to_be_visible()
    check_axe(page, axe_script, "sign-in with errors")

    fill_profile(page, length=2, stop_at_welcome=True)
    check_axe(page, axe_script, "welcome")
    past_welcome(page)
    check_axe(page, axe_script, "setup")
    page.get_by_role("button", name="Turn on camera").click()
    page.get_by_role("button", name="Test microphone").click()
    expect(page.get_by_role("button", name="Stop test")).to_be_visible()
    check_axe(page, axe_script, "setup with camera and microphone")

    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meet your interviewer")
    check_axe(page, axe_script, "introduction")
    page.get_by_role("button", name="Begin interview").click()
    expect(page.locator("#question-text")).to_be_visible()
    check_axe(page, axe_script, "question")
    if scheme == "dark":
        screenshot(page, "dark-04-question")
    page.get_by_role("button", name=re.compile("^Hint")).click()
    expect(page.locator(".hint")).to_be_visible()
    page.get_by_role("button", name="Send answer").click()  # empty: an inline error
    expect(page.locator("#answer-error")).to_be_visible()
    check_axe(page, axe_script, "question with hint and error")

    answer(page)
    check_axe(page, axe_script, "feedback")
    if scheme == "dark":
        screenshot(page, "dark-05-feedback")
    while next_step(page):
        check_axe(page, axe_script, "next question")
        answer(page)
    check_axe(page, axe_script, "results")
    if scheme == "dark":
        screenshot(page, "dark-06-results")
    page.locator("details.turn summary").first.click()
    check_axe(page, axe_script, "results with a question open")

    page.get_by_role("link", name="See your progress").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your progress")
    check_axe(page, axe_script, "history")

    page.locator(".account-button").click()
    check_axe(page, axe_script, "account menu")
    page.get_by_role("button", name="Delete my data").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    check_axe(page, axe_script, "delete confirmation")


def test_axe_on_a_worksheet_task(new_page, axe_script):
    page = new_page(bypass_csp=True)
    page.route("**/api/v1/interviews", only_formula_tasks)
    fill_profile(page, track="excel", length=1)
    begin_interview(page)
    expect(page.locator(".sheet-table")).to_be_visible()
    check_axe(page, axe_script, "worksheet task")
    answer(page)
    check_axe(page, axe_script, "worksheet feedback")


def focus_by_tab(page: Page, selector: str, *, limit: int = 60, back: bool = False) -> None:
    """Press Tab until the element matching `selector` has focus: it is reachable by keyboard."""
    for _ in range(limit):
        if page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_the_whole_interview_works_with_the_keyboard_alone(new_page):
    page = new_page()
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    focus_by_tab(page, "#f-name")
    page.keyboard.type("Grace Hopper")
    focus_by_tab(page, "#f-position")
    page.keyboard.type("Python developer")
    focus_by_tab(page, "input[name=track]:checked")
    page.keyboard.press("ArrowRight")  # radio groups move with the arrow keys
    focus_by_tab(page, "#f-length")
    page.keyboard.press("Control+A")
    page.keyboard.type("1")
    page.keyboard.press("Enter")  # submits the form
    expect(page.get_by_role("heading", level=1)).to_have_text("Save your way back in")
    focus_by_tab(page, ".screen-welcome .btn-primary")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Camera, screen and microphone")

    focus_by_tab(page, ".media-camera button")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Turn off camera")).to_be_focused()
    focus_by_tab(page, "a.btn-primary")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meet your interviewer")
    focus_by_tab(page, ".screen-actions button")
    page.keyboard.press("Enter")
    expect(page.locator("#question-text")).to_be_visible()

    focus_by_tab(page, "#answer")
    is_sheet = page.locator(".sheet-table").count() > 0
    page.keyboard.insert_text(
        strong_answer(page.locator("#question-text").inner_text(), formula=is_sheet)
    )
    page.keyboard.press("Control+Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Feedback on"))
    expect(page.locator("h1")).to_be_focused()  # focus moves to the feedback for screen readers
    while True:
        focus_by_tab(page, ".feedback-card .screen-actions button")
        finished = (
            page.locator(".feedback-card .screen-actions button").inner_text() == "See your results"
        )
        page.keyboard.press("Enter")
        if finished:
            break
        focus_by_tab(page, "#answer")
        is_sheet = page.locator(".sheet-table").count() > 0
        page.keyboard.insert_text(
            strong_answer(page.locator("#question-text").inner_text(), formula=is_sheet)
        )
        page.keyboard.press("Control+Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Feedback on"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your results")

    # The account menu opens, closes with Escape and gives focus back.
    focus_by_tab(page, ".account-button", back=True)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Sign out")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(".account-panel")).to_be_hidden()
    expect(page.locator(".account-button")).to_be_focused()


def assert_no_horizontal_scroll(page: Page, screen: str) -> None:
    page.wait_for_timeout(100)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{screen} scrolls sideways: {width}px wide"


def test_a_390px_phone_has_no_horizontal_scroll_on_any_screen(new_page, screenshot):
    page = new_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_horizontal_scroll(page, "profile")
    screenshot(page, "mobile-01-profile")

    fill_profile(page, length=2)
    page.get_by_role("button", name="Turn on camera").click()
    expect(page.get_by_role("button", name="Turn off camera")).to_be_visible()
    assert_no_horizontal_scroll(page, "setup")
    screenshot(page, "mobile-02-setup")

    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meet your interviewer")
    assert_no_horizontal_scroll(page, "introduction")
    screenshot(page, "mobile-03-intro")

    page.get_by_role("button", name="Begin interview").click()
    expect(page.locator("#question-text")).to_be_visible()
    page.get_by_role("button", name=re.compile("^Hint")).click()
    assert_no_horizontal_scroll(page, "question")
    screenshot(page, "mobile-04-question")

    answer(page, with_keyboard=False)
    assert_no_horizontal_scroll(page, "feedback")
    screenshot(page, "mobile-05-feedback")
    while next_step(page):
        answer(page, with_keyboard=False)
    assert_no_horizontal_scroll(page, "results")
    screenshot(page, "mobile-06-results")

    page.get_by_role("link", name="See your progress").click()
    expect(page.locator(".track-card")).to_contain_text("First interview in this track")
    assert_no_horizontal_scroll(page, "history")
    screenshot(page, "mobile-07-history")
