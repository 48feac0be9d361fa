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

NO_SPEECH_RECOGNITION = """
delete window.SpeechRecognition;
delete window.webkitSpeechRecognition;
"""

# A stand-in for the browser's recogniser: hears one phrase shortly after it starts.
FAKE_SPEECH_RECOGNITION = """
(() => {
  class FakeRecognition {
    start() {
      setTimeout(() => {
        const partial = [{ transcript: 'I would use' }];
        partial.isFinal = false;
        this.onresult({ resultIndex: 0, results: [partial] });
        const final = [{ transcript: 'I would use a pivot table to summarise the sales' }];
        final.isFinal = true;
        this.onresult({ resultIndex: 0, results: [final] });
      }, 50);
    }
    stop() { setTimeout(() => this.onend && this.onend(), 10); }
    abort() { this.stop(); }
  }
  window.SpeechRecognition = FakeRecognition;
  window.webkitSpeechRecognition = FakeRecognition;
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


def test_without_speech_recognition_the_page_says_so_and_typing_works(new_page, screenshot):
    page = new_page(init_scripts=(NO_SPEECH_RECOGNITION,))
    start_interview(page, length=1)
    expect(page.get_by_text("Voice answers are not available in this browser")).to_be_visible()
    expect(page.get_by_role("button", name="Answer by voice")).to_have_count(0)
    screenshot(page, "11-no-speech-recognition")
    answer(page, with_keyboard=False)
    expect(page.locator(".score-tile")).to_have_count(3)


def test_voice_answer_lands_in_an_editable_transcript(new_page, live_server):
    page = new_page(init_scripts=(FAKE_SPEECH_RECOGNITION,))
    start_interview(page, length=1)
    voice = page.get_by_role("button", name="Answer by voice")
    voice.click()
    box = page.get_by_label("Your answer")
    expect(box).to_have_value("I would use a pivot table to summarise the sales")
    expect(page.get_by_role("button", name="Stop listening")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.get_by_role("button", name="Stop listening").click()
    box.press("End")
    box.type(" by region, because it groups and totals quickly.")
    box.press("Control+Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Feedback on"))

    token = stored(page, "token")
    interview_id = page.evaluate(
        "JSON.parse(localStorage.getItem('mi.session.v1')).feedback.interviewId"
    )
    state = page.request.get(
        f"{live_server}/api/v1/interviews/{interview_id}",
        headers={"Authorization": f"Bearer {token}"},
    ).json()
    sent = state["turns"][0]["answer"]
    assert sent["input_mode"] == "voice"
    assert sent["text"].endswith("because it groups and totals quickly.")


RECORD_SPEECH = """
window.__spoken = [];
window.speechSynthesis.speak = (utterance) => window.__spoken.push(utterance.text);
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
