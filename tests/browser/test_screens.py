"""Every screen at desktop and phone width, light and dark, saved for a designer's look.

The screenshots go to test-output/screens/<width>-<scheme>-<nn>-<screen>.png. Each pass also
checks what must hold on any screen: no sideways scroll, and the camera preview covering nothing.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ROOT
from tests.browser.flows import (
    answer,
    begin_interview,
    fill_profile,
    next_step,
    only_formula_tasks,
)

SCREENS = ROOT / "test-output" / "screens"
VIEWPORTS = {"1280": {"width": 1280, "height": 800}, "390": {"width": 390, "height": 844}}

# The preview's box against every control and card on the screen: none may overlap it.
OVERLAPS = """
() => {
  const pip = document.getElementById('pip');
  if (!pip || pip.hidden || !pip.getClientRects().length) return [];
  const a = pip.getBoundingClientRect();
  const selector = 'button, a, input, textarea, select, .card, .fact, .sheet, h1, h2, p';
  return [...document.querySelectorAll(selector)]
    .filter((el) => !pip.contains(el) && !el.contains(pip) && el.getClientRects().length)
    .filter((el) => {
      const b = el.getBoundingClientRect();
      return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    })
    .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
}
"""


def covered_by_preview(page: Page) -> list[str]:
    return page.evaluate(OVERLAPS)


def shoot(page: Page, name: str, problems: list[str]) -> None:
    page.wait_for_timeout(150)  # charts draw at their final width
    if page.evaluate("document.documentElement.scrollWidth") > page.viewport_size["width"]:
        problems.append(f"{name} scrolls sideways")
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True, animations="disabled")
    # The preview covers nothing anywhere on the page: checked at the top and at the bottom.
    for position in ("0", "document.documentElement.scrollHeight"):
        page.evaluate(f"window.scrollTo(0, {position})")
        if covered := covered_by_preview(page):
            problems.append(f"{name}: the camera preview covers {covered[:4]}")
    page.evaluate("window.scrollTo(0, 0)")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_every_screen_at_desktop_and_phone_width(new_page: Any, width: str, scheme: str):
    SCREENS.mkdir(parents=True, exist_ok=True)
    phone = width == "390"
    page = new_page(
        viewport=VIEWPORTS[width], color_scheme=scheme, has_touch=phone, is_mobile=phone
    )
    prefix = f"{width}-{scheme}"
    problems: list[str] = []
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    shoot(page, f"{prefix}-01-profile", problems)

    # A spoken interview: a text question, its feedback, the results and the history.
    fill_profile(page, length=2)
    page.get_by_role("button", name="Turn on camera").click()
    expect(page.get_by_role("button", name="Turn off camera")).to_be_visible()
    shoot(page, f"{prefix}-02-setup", problems)
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meet your interviewer")
    expect(page.locator("#pip")).to_be_visible()
    shoot(page, f"{prefix}-03-intro", problems)
    page.get_by_role("button", name="Begin interview").click()
    expect(page.locator("#question-text")).to_be_visible()
    page.get_by_role("button", name=re.compile("^Hint")).click()
    expect(page.locator(".hint")).to_be_visible()
    shoot(page, f"{prefix}-04-question-text", problems)
    answer(page, with_keyboard=False)
    shoot(page, f"{prefix}-05-feedback-text", problems)
    while next_step(page):
        answer(page, with_keyboard=False)
    expect(page.locator(".chart-bars svg")).to_have_count(2)
    shoot(page, f"{prefix}-08-results", problems)
    page.get_by_role("link", name="See your progress").click()
    expect(page.locator(".history-item")).to_have_count(1)
    shoot(page, f"{prefix}-09-history", problems)

    # A worksheet task and its feedback.
    page.route("**/api/v1/interviews", only_formula_tasks)
    page.get_by_role("link", name="New interview").click()
    page.locator("input[name=track][value='excel']").check(force=True)
    page.get_by_label("Number of questions").fill("1")
    page.get_by_role("button", name="Continue to setup").click()
    begin_interview(page)
    expect(page.locator(".sheet-table")).to_be_visible()
    shoot(page, f"{prefix}-06-question-formula", problems)
    answer(page, "=1", with_keyboard=False)
    shoot(page, f"{prefix}-07-feedback-formula", problems)
    assert not problems, problems
