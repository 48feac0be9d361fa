"""Voice answers in Chromium: a fake microphone plays an espeak-ng recording, the page records
it, this server transcribes it, and the candidate corrects the text before sending."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Route, expect

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, _unavailable
from tests.browser.flows import question_text, start_interview, strong_answer
from tests.voice.speech import speak

SPOKEN = "I would use a pivot table to summarise the sales by region and by month."


@pytest.fixture(scope="module")
def microphone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return speak(SPOKEN, tmp_path_factory.mktemp("mic") / "answer.wav")


@pytest.fixture(scope="module")
def browser(microphone: Path) -> Iterator[Any]:
    """Chromium whose fake microphone plays the recording (overrides conftest's browser)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        _unavailable(f"chromium not found at {CHROMIUM} (apt-get install chromium)")
    args = [*CHROMIUM_ARGS, f"--use-file-for-fake-audio-capture={microphone}%noloop"]
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=args)
        yield instance
        instance.close()


def stored_session(page: Any) -> dict[str, Any]:
    return page.evaluate("JSON.parse(localStorage.getItem('mi.session.v1'))")


def test_record_transcribe_correct_and_send(new_page, live_server, screenshot):
    page = new_page()
    start_interview(page, length=1)
    record = page.get_by_role("button", name="Record answer")
    page.wait_for_function(
        "() => !document.querySelector('.voice-button').hasAttribute('aria-disabled')"
    )
    record.click()
    stop = page.get_by_role("button", name="Stop recording")
    expect(stop).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".voice-state")).to_contain_text("Recording.")
    page.wait_for_function("() => document.querySelector('.voice-level').value > 0.01")
    expect(page.locator(".voice-elapsed")).to_have_text(re.compile(r"^00:0[1-9]$"))
    page.wait_for_timeout(5500)  # the recording is about 5 s long
    screenshot(page, "voice-01-recording")
    stop.click()
    box = page.get_by_label("Your answer")
    expect(page.locator(".voice-state")).to_contain_text("Transcript added", timeout=60_000)
    heard = box.input_value()
    assert re.search(r"pivot table", heard, re.I), heard
    assert re.search(r"region", heard, re.I), heard
    screenshot(page, "voice-02-transcript")

    box.press("End")
    box.type(" Then I would chart it.")  # a correction, typed
    # ...and the rest of a good answer, so the answer is on topic and graded on delivery too
    box.fill(f"{box.input_value()} {strong_answer(question_text(page))}")
    box.press("Control+Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Feedback on"))
    expect(page.locator(".feedback-card")).to_contain_text("Delivery")

    session = stored_session(page)
    state = page.request.get(
        f"{live_server}/api/v1/interviews/{session['feedback']['interviewId']}",
        headers={"Authorization": f"Bearer {session['token']}"},
    ).json()
    sent = state["turns"][0]["answer"]
    assert sent["input_mode"] == "voice"
    assert "Then I would chart it." in sent["text"]
    assert sent["delivery"]["words"] >= 8
    assert "Delivery of the spoken answer" in state["turns"][0]["evaluation"]["rationale"]


def _not_installed(route: Route) -> None:
    body = {
        "transcription": {
            "available": False, "engine": "", "model": "", "max_bytes": 0, "max_seconds": 0,
            "message": "Server transcription is not installed.", "formats": [],
            "model_loaded": False, "load_seconds": None,
        }
    }  # fmt: skip
    route.fulfill(status=200, content_type="application/json", body=json.dumps(body))


def test_without_server_transcription_the_page_says_so_and_typing_works(new_page, screenshot):
    page = new_page()
    page.route("**/api/v1/capabilities", _not_installed)
    start_interview(page, length=1)
    expect(page.get_by_text("server transcription is not installed on this server")).to_be_visible()
    expect(page.get_by_role("button", name="Record answer")).to_have_count(0)
    screenshot(page, "voice-03-not-installed")
    page.get_by_label("Your answer").fill("I would use a pivot table, because it totals by region.")
    page.get_by_role("button", name="Send answer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Feedback on"))


NO_VOICES = """
window.__spoken = [];
window.speechSynthesis.getVoices = () => [];
window.speechSynthesis.speak = (utterance) => window.__spoken.push(utterance.text);
"""


def test_read_aloud_says_when_no_voice_is_installed(new_page):
    page = new_page(init_scripts=(NO_VOICES,))
    start_interview(page, length=1)
    toggle = page.get_by_role("button", name="Read aloud")
    toggle.click()
    expect(page.locator(".read-aloud-note")).to_contain_text("no voice installed")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    assert page.evaluate("window.__spoken") == []
