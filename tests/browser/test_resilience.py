"""Reloads, refused devices and missing browser features: the interview carries on."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.flows import (
    answer,
    begin_interview,
    fill_profile,
    next_step,
    question_text,
    start_interview,
)

REFUSE_CAMERA = """
(() => {
  const devices = navigator.mediaDevices;
  const original = devices.getUserMedia.bind(devices);
  devices.getUserMedia = (constraints) =>
    constraints && constraints.video
      ? Promise.reject(new DOMException('Permission denied', 'NotAllowedError'))
      : original(constraints);
})();
"""


def stored(page, key: str):
    return page.evaluate(f"JSON.parse(localStorage.getItem('mi.session.v1'))['{key}']")


def test_reload_mid_interview_returns_to_the_same_question(new_page, screenshot):
    page = new_page()
    start_interview(page, length=2)
    first = question_text(page)
    page.get_by_label("Your answer").fill("My half-written draft")
    page.wait_for_timeout(1100)  # let the timer tick past zero

    page.reload()
    expect(page.locator("#question-text")).to_have_text(first)
    expect(page.get_by_label("Your answer")).to_have_value("My half-written draft")
    expect(page.locator(".progress-text")).to_have_text("1 of 2")
    expect(page.get_by_role("timer")).not_to_have_text("00:00")

    answer(page)
    page.reload()  # the feedback is still there after a reload
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Feedback on"))
    expect(page.locator(".score-tile")).to_have_count(3)

    assert next_step(page)
    second = question_text(page)
    assert second != first
    page.reload()
    expect(page.locator("#question-text")).to_have_text(second)
    screenshot(page, "09-resumed-after-reload")


def test_refused_camera_shows_a_plain_message_and_the_interview_works(new_page, screenshot):
    page = new_page(init_scripts=(REFUSE_CAMERA,))
    fill_profile(page, length=1)
    page.get_by_role("button", name="Turn on camera").click()
    message = page.locator(".media-camera .media-status")
    expect(message).to_contain_text("Access to the camera was refused.")
    expect(message).to_contain_text("the interview works without it")
    expect(page.get_by_role("button", name="Turn on camera")).to_be_enabled()
    # The microphone is a separate choice and still works.
    page.get_by_role("button", name="Test microphone").click()
    expect(page.get_by_role("button", name="Stop test")).to_be_visible()
    screenshot(page, "10-camera-refused")

    begin_interview(page)
    expect(page.locator("#pip")).to_be_hidden()
    page.get_by_role("button", name="Turn camera on").click()
    expect(page.locator(".media-message")).to_contain_text("Access to the camera was refused.")
    answer(page)
    expect(page.locator(".score-tile")).to_have_count(3)


RECORD_SPEECH = """
window.__spoken = [];
window.speechSynthesis.speak = (utterance) => window.__spoken.push(utterance.text);
window.speechSynthesis.getVoices = () => [{ name: "Test voice", lang: "en-US" }];
"""


def test_read_aloud_speaks_each_question_until_turned_off(new_page):
    page = new_page(init_scripts=(RECORD_SPEECH,))
    start_interview(page, length=2)
    first = question_text(page)
    toggle = page.get_by_role("button", name="Read aloud")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("window.__spoken") == [first]

    answer(page)
    assert next_step(page)
    page.wait_for_function("window.__spoken.length === 2")
    assert page.evaluate("window.__spoken")[1] == question_text(page)

    page.reload()  # the choice is remembered
    expect(page.get_by_role("button", name="Read aloud")).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="Read aloud").click()
    expect(page.get_by_role("button", name="Read aloud")).to_have_attribute("aria-pressed", "false")
