"""Steps the browser tests share: fill the profile, go through setup, answer questions."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from playwright.sync_api import Page, Route, expect

from interviewer.banks.loader import BankSet, default_banks

WEAK_ANSWER = "I am not sure, maybe it depends on the situation."


@cache
def banks() -> BankSet:
    return default_banks()


def strong_answer(question_text: str, *, formula: bool = False) -> str:
    """The bank's reference answer for the question on screen (follow-ups quote the original);
    for a worksheet task, its reference formula."""
    for item in banks().items.values():
        if item.text == question_text or item.text in question_text:
            if formula and item.task is not None:
                return item.task.formulas[0]
            return item.reference
    return (
        "I would start by clarifying the goal, then explain the approach step by step, "
        "because a clear structure helps. For example, I check the data first and then "
        "state the result plainly."
    )


def fill_profile(
    page: Page,
    *,
    name: str = "Ada Lovelace",
    email: str = "ada@example.com",
    position: str = "Data analyst",
    track: str | None = "data-analyst",
    length: int = 2,
    stop_at_welcome: bool = False,
) -> None:
    """Fill in the profile form (signed out) and continue to the setup screen (through the
    screen that shows the recovery key and token; `stop_at_welcome` stays there). The default
    track has spoken answers only (Excel, listed first, mixes in worksheet tasks)."""
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Practise the interview before the interview"
    )
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email (optional)").fill(email)
    page.get_by_label("Role you are interviewing for").fill(position)
    if track is not None:
        page.locator(f"input[name=track][value='{track}']").check(force=True)
    page.get_by_label("Number of questions").fill(str(length))
    page.get_by_role("button", name="Continue to setup").click()
    if stop_at_welcome:
        expect(page.get_by_role("heading", level=1)).to_have_text("Save your way back in")
        return
    past_welcome(page)


def past_welcome(page: Page) -> None:
    """After registering: the screen with the recovery key and token, then on to the setup."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Save your way back in")
    page.get_by_role("link", name="I have saved it, continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Camera, screen and microphone")


def begin_interview(page: Page) -> None:
    """From the setup screen, through the introduction, to the first question."""
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meet your interviewer")
    page.get_by_role("button", name="Begin interview").click()
    expect(page.locator("#question-text")).to_be_visible()


def start_interview(page: Page, **profile: Any) -> None:
    fill_profile(page, **profile)
    begin_interview(page)


def question_text(page: Page) -> str:
    return page.locator("#question-text").inner_text().strip()


def answer(page: Page, text: str | None = None, *, with_keyboard: bool = True) -> None:
    """Answer the question on screen and wait for its feedback."""
    box = page.get_by_label("Your answer")
    if text is None:
        is_sheet = page.locator(".sheet-table").count() > 0
        text = strong_answer(question_text(page), formula=is_sheet)
    box.fill(text)
    if with_keyboard:
        box.press("Control+Enter")
    else:
        page.get_by_role("button", name="Send answer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Feedback on "))


def next_step(page: Page) -> bool:
    """Leave the feedback: to the next question (True) or to the results (False)."""
    button = page.locator(".feedback-card .screen-actions button")
    label = button.inner_text().strip()
    button.click()
    if label == "See your results":
        expect(page.get_by_role("heading", level=1)).to_have_text("Your results")
        return False
    expect(page.locator("#question-text")).to_be_visible()
    return True


def finish(page: Page, text: str | None = None) -> None:
    """Answer every remaining question until the results page."""
    while True:
        answer(page, text)
        if not next_step(page):
            return


def only_formula_tasks(route: Route) -> None:
    """Start interviews with worksheet tasks only (the API's `kind`; the page sends none).
    Install with page.route("**/api/v1/interviews", only_formula_tasks)."""
    body = json.loads(route.request.post_data or "{}")
    route.continue_(post_data=json.dumps({**body, "kind": "excel_formula"}))
