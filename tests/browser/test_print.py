"""The results page printed to PDF by Chromium: the report on paper, none of the controls."""

from __future__ import annotations

import re
import subprocess
from io import BytesIO

from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import ROOT
from tests.browser.flows import finish, start_interview

OUT = ROOT / "test-output" / "print"
HEADINGS = (
    "Your results",
    "Scores by dimension",
    "Scores by topic",
    "Strengths",
    "Areas to improve",
    "Question by question",
)
CONTROLS = (
    "Start a new interview",
    "See your progress",
    "Download the report",
    "PDF summary",
    "New interview",
    "History",
    "Sign out",
    "API documentation",
    "Only you see this",
    "Skip to main content",
)


def test_results_print_as_a_clean_report(new_page):
    page = new_page(color_scheme="dark")  # the print is black on white all the same
    start_interview(page, length=2)
    finish(page)
    expect(page.locator(".score-ring")).to_be_visible()
    # Every download loaded: PDF report and summary, base64 PDF, Markdown, JSON.
    expect(page.locator(".download-list li")).to_have_count(5)
    overall = (page.locator(".ring-number").text_content() or "").strip()
    assert overall.isdigit()

    page.emulate_media(media="print")
    colours = page.evaluate(
        "() => [getComputedStyle(document.body).color, getComputedStyle(document.body)"
        ".backgroundColor, getComputedStyle(document.querySelector('.turn')).backgroundColor]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)", "rgb(255, 255, 255)"]
    for hidden in (".site-header", ".site-footer", ".screen-actions", "#pip"):
        expect(page.locator(hidden)).to_be_hidden()
    # Closed questions still print their feedback.
    expect(page.locator(".turn .feedback-body").first).to_be_visible()
    # Back to the screen's layout (charts redraw to its widths) before printing, as a person would.
    page.emulate_media(media="null")
    page.wait_for_timeout(200)

    OUT.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(format="A4")
    (OUT / "results.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile",
         str(OUT / "results.pdf"), str(OUT / "results-page1")],
        check=True,
        timeout=60,
    )  # fmt: skip
    assert (OUT / "results-page1.png").stat().st_size > 10_000

    reader = PdfReader(BytesIO(pdf))
    text = "\n".join(p.extract_text() or "" for p in reader.pages)
    flat = re.sub(r"\s+", " ", text)
    assert re.search(rf"\b{overall}\b", flat), "the overall score is not in the print"
    for heading in HEADINGS:
        assert heading in flat, heading
    assert "Your answer" in flat and "Technical" in flat  # each question's feedback
    for label in CONTROLS:
        assert label not in flat, f"{label!r} is printed"
