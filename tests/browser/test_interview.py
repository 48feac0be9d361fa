"""A whole interview in the browser, from profile to results and history."""

from __future__ import annotations

import re

import openpyxl
from playwright.sync_api import expect

from tests.browser.flows import (
    answer,
    begin_interview,
    fill_profile,
    next_step,
    only_formula_tasks,
    question_text,
    strong_answer,
)


def video_width(page, selector: str) -> int:
    page.wait_for_function(
        "(sel) => { const v = document.querySelector(sel); return v && v.videoWidth > 0; }",
        arg=selector,
    )
    return page.eval_on_selector(selector, "v => v.videoWidth")


def test_whole_interview_profile_to_results(new_page, screenshot):
    page = new_page()
    page.goto("/")
    screenshot(page, "01-profile")
    fill_profile(page, length=2)

    # Setup: camera with a live stream, screen share, microphone level.
    page.get_by_role("button", name="Turn on camera").click()
    expect(page.get_by_role("button", name="Turn off camera")).to_be_visible()
    assert video_width(page, "video.preview-camera") > 0
    page.get_by_role("button", name="Test microphone").click()
    expect(page.locator(".media-mic .media-status")).to_have_text("Your microphone is working.")
    page.get_by_role("button", name="Share a screen").click()
    expect(page.get_by_role("button", name="Stop sharing")).to_be_visible()
    expect(page.get_by_text("Camera and screen are for realism only.")).to_be_visible()
    screenshot(page, "02-setup")

    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meet your interviewer")
    expect(page.get_by_text("2 questions, one at a time.")).to_be_visible()
    expect(page.locator("#pip")).to_be_visible()
    screenshot(page, "03-intro")
    page.get_by_role("button", name="Begin interview").click()

    # The first question: progress from the API, topic, timer, camera in the corner.
    expect(page.locator(".progress-text")).to_have_text("1 of 2")
    expect(page.get_by_role("heading", level=1)).to_have_text("Question 1 of 2")
    expect(page.get_by_role("timer")).to_have_text(re.compile(r"^\d\d:\d\d$"))
    assert video_width(page, "#pip video") > 0
    page.get_by_role("button", name=re.compile("^Hint")).click()
    expect(page.locator(".hint")).to_contain_text("Hint:")
    page.get_by_label("Your answer").fill("Draft")
    screenshot(page, "04-question")

    answer(page)  # a strong answer, sent with Ctrl+Enter
    tiles = page.locator(".score-tile")
    expect(tiles).to_have_count(3)
    expect(page.locator(".feedback-card")).to_contain_text("Hint used")
    screenshot(page, "05-feedback")

    # Carry on to the end: follow-ups are flagged and do not count toward "of 2".
    while next_step(page):
        heading = page.get_by_role("heading", level=1).inner_text()
        if heading.startswith("Follow-up"):
            expect(page.locator(".chip-follow")).to_have_text("Follow-up")
        else:
            expect(page.locator(".progress-text")).to_have_text("2 of 2")
        assert question_text(page)
        answer(page)

    # Results: overall score, charts drawn as SVG, every question with feedback.
    expect(page.locator(".score-ring")).to_be_visible()
    expect(page.locator(".band-title")).to_have_text(re.compile("performance"))
    expect(page.locator(".chart-bars svg[role=img]")).to_have_count(2)
    expect(page.locator(".chart-bars").first).to_contain_text("Technical")
    assert page.locator("details.turn").count() >= 2
    expect(page.get_by_role("link", name=re.compile("^JSON"))).to_be_visible()
    expect(page.locator("#pip")).to_be_hidden()  # the camera is switched off after the interview
    screenshot(page, "06-results")
    page.locator("details.turn summary").first.click()
    expect(page.locator("details.turn").first.locator(".score-tiles")).to_be_visible()

    page.get_by_role("link", name="See your progress").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your progress")
    expect(page.locator(".track-card")).to_contain_text("First interview in this track")
    expect(page.locator(".history-item")).to_have_count(1)
    screenshot(page, "07-history")


def test_second_interview_as_signed_in_user_shows_trend(new_page, screenshot):
    page = new_page()
    fill_profile(page, length=2)
    begin_interview(page)
    skipped = question_text(page)
    page.get_by_role("button", name="Skip question").click()
    expect(page.locator("#question-text")).not_to_have_text(skipped)
    expect(page.locator(".progress-text")).to_have_text("2 of 2")
    answer(page, "I would probably look at it, maybe.")
    while next_step(page):
        answer(page, "I would probably look at it, maybe.")
    expect(page.locator("details.turn").first.locator("summary")).to_contain_text("Skipped")
    expect(page.locator(".stat").filter(has_text="Skipped")).to_contain_text("1")

    page.get_by_role("link", name="Start a new interview").click()
    expect(page.get_by_text("Signed in as")).to_be_visible()
    expect(page.get_by_label("Your name")).to_have_count(0)
    page.get_by_label("Number of questions").fill("1")
    page.get_by_role("button", name="Continue to setup").click()
    begin_interview(page)
    answer(page)
    while next_step(page):
        answer(page)
    page.get_by_role("link", name="History").click()
    expect(page.locator(".history-item")).to_have_count(2)
    expect(page.locator(".chart-point")).to_have_count(2)
    expect(page.locator(".change-list")).to_contain_text("Overall")
    screenshot(page, "08-history-trend")


def test_worksheet_task_typed_or_uploaded_as_a_workbook(new_page, screenshot, tmp_path):
    page = new_page()
    page.route("**/api/v1/interviews", only_formula_tasks)
    fill_profile(page, track="excel", length=2)
    begin_interview(page)

    sheet = page.get_by_role("region", name=re.compile("^Worksheet"))
    expect(sheet.locator("caption")).to_contain_text("Write the formula for")
    expect(sheet.locator("td.is-target")).to_have_count(1)
    screenshot(page, "14-worksheet-task")

    # Download the sheet, fill in the formula with openpyxl as Excel would, upload it.
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the sheet (.xlsx)").click()
    path = tmp_path / "task.xlsx"
    download.value.save_as(path)
    assert download.value.suggested_filename.endswith(".xlsx")
    formula = strong_answer(question_text(page), formula=True)
    target = sheet.locator("caption").inner_text().split("formula for ")[1].split(",")[0]
    target = target.rstrip(".").split(";")[0]
    workbook = openpyxl.load_workbook(path)
    workbook.active[target] = formula
    workbook.save(path)
    page.get_by_label("Upload your filled-in workbook").set_input_files(str(path))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Feedback on"))
    expect(page.locator(".score-tile")).to_have_count(3)
    expect(page.locator(".tile-unscored")).to_have_count(2)
    expect(page.locator(".tile-unscored").first).to_contain_text("Not scored from a formula")
    cells = page.locator(".cell-table")
    expect(cells.locator("caption")).to_contain_text("cells match")
    expect(cells.locator("tr.cell-match").first).to_contain_text("Match")
    screenshot(page, "15-worksheet-feedback")

    # The next task is typed instead: a formula in the text box.
    while next_step(page):
        answer(page)
