"""What the candidate sees (issue 13): the camera preview covers nothing, counts leave the
follow-ups apart, topics and chart labels read as words, dates as dates, a right formula is
not offered a "stronger" one, quotes end at a boundary."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect

from tests.browser.flows import (
    WEAK_ANSWER,
    answer,
    banks,
    begin_interview,
    fill_profile,
    finish,
    next_step,
    question_text,
    strong_answer,
)

BOXES = """
(selector) => {
  const pip = document.getElementById('pip').getBoundingClientRect();
  return [...document.querySelectorAll(selector)].filter((el) => el.getClientRects().length)
    .map((el) => {
      const b = el.getBoundingClientRect();
      const apart = pip.right <= b.left || b.right <= pip.left || pip.bottom <= b.top
        || b.bottom <= pip.top;
      return apart ? null : el.className || el.tagName;
    }).filter(Boolean);
}
"""

CENTRE_IS = """
(selector) => {
  const el = document.querySelector(selector);
  el.scrollIntoView({ block: 'center' });
  const r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return !!hit && hit.closest(selector) === el;
}
"""


def covered(page: Page, selector: str) -> list[str]:
    """What the preview overlaps among `selector`, at the top and at the bottom of the page."""
    found: list[str] = []
    for position in ("0", "document.documentElement.scrollHeight"):
        page.evaluate(f"window.scrollTo(0, {position})")
        found += page.evaluate(BOXES, selector)
    return found


@pytest.mark.parametrize(
    "viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 800}], ids=str
)
def test_the_camera_preview_covers_no_control_and_no_content(new_page, screenshot, viewport):
    phone = viewport["width"] < 500
    page = new_page(viewport=viewport, has_touch=phone, is_mobile=phone)
    fill_profile(page, length=1)
    page.get_by_role("button", name="Turn on camera").click()
    expect(page.get_by_role("button", name="Turn off camera")).to_be_visible()
    page.get_by_role("link", name="Continue").click()
    expect(page.locator("#pip video")).to_be_visible()
    assert not covered(page, ".fact, .card, .btn, h1, p"), "the preview covers the introduction"
    screenshot(page, f"13-preview-{viewport['width']}-intro")

    page.get_by_role("button", name="Begin interview").click()
    expect(page.locator("#question-text")).to_be_visible()
    page.get_by_label("Your answer").fill("A draft")
    assert not covered(page, ".card, .btn, textarea, h1, #question-text")
    assert page.evaluate(CENTRE_IS, ".answer-actions button[type=submit]"), "Send is covered"
    page.wait_for_function("() => document.querySelector('#pip video').videoWidth > 0")
    screenshot(page, f"13-preview-{viewport['width']}-question")

    # Hidden, the preview folds to its bar; shown again, the video is back.
    page.get_by_role("button", name="Hide camera preview").click()
    expect(page.locator("#pip video")).to_be_hidden()
    page.get_by_role("button", name="Show camera preview").click()
    expect(page.locator("#pip video")).to_be_visible()
    page.get_by_role("button", name="Send answer").click()  # clicked like a user would
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Feedback on"))


def test_results_count_the_chosen_questions_and_name_topics(new_page, screenshot):
    page = new_page()
    fill_profile(page, track="data-analyst", length=2)
    begin_interview(page)
    names = {t["id"]: t["name"] for t in _track(page, "data-analyst")["topics"]}
    expect(page.locator(".chip-topic")).to_have_text(
        re.compile("|".join(map(re.escape, names.values())))
    )
    follow_ups = 0
    while True:
        if page.locator(".chip-follow").count():
            follow_ups += 1
        answer(page, WEAK_ANSWER)
        if not next_step(page):
            break
    assert follow_ups >= 1, "a weak answer gets a follow-up"

    stats = dict(
        zip(
            page.locator(".stat dt").all_inner_texts(),
            page.locator(".stat dd").all_inner_texts(),
            strict=True,
        )
    )
    assert stats["Answered"] == "2 of 2" and stats["Follow-ups"] == str(follow_ups)
    follow = "1 follow-up" if follow_ups == 1 else f"{follow_ups} follow-ups"
    expect(page.locator(".results-hero")).to_contain_text(
        f"with 2 of 2 questions answered, {follow}."
    )
    assert "(s)" not in page.locator("main").inner_text()
    # Follow-ups are marked, not numbered: the main questions read 1 and 2.
    numbers = page.locator(".turn-number").all_inner_texts()
    assert [n for n in numbers if n != "↳"] == ["1", "2"] and "↳" in numbers
    topics = page.locator(".turn-topic").all_inner_texts()
    assert all(t.removesuffix(" · follow-up") in names.values() for t in topics), topics
    screenshot(page, "13-results-counts")


LONG_LABEL = "Conditional formatting rules, formula-based rules and rule management"
DRAW_CHART = """
async (label) => {
  const { barChart } = await import('/js/charts.js');
  const box = document.createElement('div');
  box.style.width = '240px';
  box.append(barChart({ items: [{ label, value: 6, max: 10 }], title: 'Test' }));
  document.querySelector('main').append(box);
  await new Promise((done) => setTimeout(done, 300));
  const text = box.querySelector('text.chart-label');
  return { lines: text.querySelectorAll('tspan').length, text: text.textContent };
}
"""


def test_chart_labels_keep_the_spaces_between_their_lines(new_page):
    page = new_page(viewport={"width": 390, "height": 844})
    fill_profile(page, track="data-analyst", length=2)
    begin_interview(page)
    finish(page)
    report = _report(page)
    labels = page.locator(".chart-bars text.chart-label").evaluate_all(
        "(nodes) => nodes.map((n) => n.textContent)"
    )
    expected = {"Technical", "Communication", "Confidence", *report["topic_titles"].values()}
    assert set(labels) <= expected and set(report["topic_titles"].values()) <= set(labels)
    # Quotes of the candidate's words end at a sentence or with an ellipsis, never mid-phrase.
    opened = page.locator("details.turn").first
    opened.locator(":scope > summary").click()
    expect(opened.locator(".quote").first).to_be_visible()
    for quote in opened.locator(".quote").all_inner_texts():
        assert re.search(r"[.!?…)]$", quote), quote

    drawn = page.evaluate(DRAW_CHART, LONG_LABEL)
    assert drawn["lines"] > 1 and drawn["text"].replace("…", "") in LONG_LABEL
    assert "rulemanagement" not in drawn["text"] and "rules,formula" not in drawn["text"]


def _track(page: Page, track: str) -> dict[str, Any]:
    tracks = page.request.get("/api/v1/tracks").json()
    return next(t for t in tracks if t["id"] == track)


def _token(page: Page) -> str:
    token = page.evaluate("() => JSON.parse(localStorage.getItem('mi.session.v1') || '{}').token")
    assert token, "the page keeps a token after the profile"
    return str(token)


def _report(page: Page) -> dict[str, Any]:
    interview_id = page.url.rsplit("/", 1)[-1]
    headers = {"Authorization": f"Bearer {_token(page)}"}
    return page.request.get(f"/api/v1/interviews/{interview_id}/report", headers=headers).json()


DATE_TASKS = {
    item.text
    for item in banks().items.values()
    if item.task and any(isinstance(v, dt.date) for v in item.task.expected)
}
# Entry level: the two date tasks are the bank's easiest (difficulty 1 and 2).
PLAN = {
    "track": "excel",
    "kind": "excel_formula",
    "length": 1,
    "mode": "technical",
    "level": "entry",
}


def _date_task_seed(page: Page) -> int:
    """The seed whose first formula task expects dates, for a new candidate: the seed decides
    the task, and tasks asked before are not asked again, so each try is a new user."""
    for seed in range(100):
        user = page.request.post("/api/v1/users", data={"name": "Seed", "position": "Analyst"})
        headers = {"Authorization": f"Bearer {user.json()['token']}"}
        started = page.request.post(
            "/api/v1/interviews", data={**PLAN, "seed": seed}, headers=headers
        ).json()
        if started["interview"]["current_question"]["text"] in DATE_TASKS:
            return seed
    raise AssertionError("no seed starts with a date task")


def test_a_date_task_reads_in_dates_and_a_right_formula_gets_no_stronger_one(new_page, screenshot):
    page = new_page()
    seed = _date_task_seed(page)

    def with_seed(route: Route) -> None:
        body = json.loads(route.request.post_data or "{}")
        route.continue_(post_data=json.dumps({**body, **PLAN, "seed": seed}))

    page.route("**/api/v1/interviews", with_seed)
    fill_profile(page, track="excel", length=1)
    begin_interview(page)
    dates = page.locator(".sheet-table td").filter(has_text=re.compile(r"^\d{1,2} \w{3} \d{4}$"))
    assert dates.count() >= 2  # the sheet's dates read as dates, not 2024-01-31
    answer(page, "=B2+1")
    cells = page.locator(".cell-table tbody td")
    expect(cells.first).to_have_text(re.compile(r"^\d{1,2} \w{3} \d{4}$"))
    assert not re.search(r"\b4\d{4}\b", page.locator(".feedback-card").inner_text())
    expect(page.locator(".fb-title").filter(has_text="A stronger answer")).to_have_count(1)
    screenshot(page, "13-date-task-feedback")
    next_step(page)

    page.get_by_role("link", name="Start a new interview").click()
    page.locator("input[name=track][value='excel']").check(force=True)
    page.get_by_label("Number of questions").fill("1")
    page.get_by_role("button", name="Continue to setup").click()
    begin_interview(page)
    answer(page, strong_answer(question_text(page), formula=True))
    expect(page.locator(".tile-technical strong")).to_have_text("10")
    titles = page.locator(".fb-title").all_inner_texts()
    assert "Another way to write it" in titles and "A stronger answer" not in titles
    assert "A reference formula" not in page.locator(".feedback-card").inner_text()
    screenshot(page, "13-right-formula-feedback")


WIDE_SHEET = """
async () => {
  const { sheetView } = await import('/js/sheet.js');
  const columns = ['Order date', 'Region', 'Product', 'Units', 'Amount', 'Channel', 'Rep'];
  const rows = [['2024-01-31', 'East', 'Notebook', 1200, 2.5, 'Online', 'Ana']];
  const view = sheetView({ sheet: 'Data', columns, rows, extra_cells: {}, target: 'H2',
    fill_down: false, spill: false });
  document.querySelector('main').append(view);
  await new Promise((done) => setTimeout(done, 100));
  view.scrollLeft = 200;  // scrolled sideways, the instruction stays whole and in view
  await new Promise((done) => setTimeout(done, 100));
  const frame = view.getBoundingClientRect();
  const caption = view.querySelector('caption').getBoundingClientRect();
  return { page: document.documentElement.scrollWidth, frame: view.scrollWidth > view.clientWidth,
    caption: caption.left >= frame.left - 1 && caption.right <= frame.right + 1,
    date: view.querySelector('tbody tr:nth-child(2) td').textContent };
}
"""


def test_a_wide_worksheet_scrolls_in_its_frame_not_the_page(new_page):
    page = new_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    drawn = page.evaluate(WIDE_SHEET)
    assert drawn["frame"], "the sheet is wider than the phone, so its frame scrolls"
    assert drawn["page"] <= 390, f"the page scrolls sideways: {drawn['page']} px"
    assert drawn["caption"], "the instruction is cut off by the frame"
    assert drawn["date"] == "31 Jan 2024"
