"""Page layout of the full report: headings stay with their content, no page is left near-empty."""

from __future__ import annotations

import re

from interviewer.core.model import Turn
from interviewer.reports import render_pdf
from interviewer.reports.layout import BOTTOM_MARGIN, FRAME_PADDING, PAGE_HEIGHT, TOP_MARGIN
from tests.reports.pdftools import (
    PDF_ARTIFACTS,
    RUNNING,
    filled_share,
    reader,
    render_pages,
)
from tests.reports.samples import make_source, make_turn

LABELS = {
    "ANSWER",
    "FEEDBACK",
    "COVERED, IN YOUR WORDS",
    "COVERED",
    "MISSED",
    "CHECKED CELLS",
    "CORRECTION OR EXAMPLE",
    "MODEL ANSWER",
    "RESOURCES",
}
SECTIONS = {
    "Summary",
    "Scores",
    "Strengths and areas to improve",
    "Recommended resources",
    "Progress across interviews",
    "Question by question",
}
HEADING = re.compile(r"^Question \d+ of \d+\b")
SCORES = re.compile(r"^(Technical|Communication|Confidence)\s+(\d+/10|not scored)$")
FEEDBACK = (
    "You named the right function but not why it fits the data: say that MATCH with match "
    "type 0 finds the exact row and INDEX returns the value from it, and that this keeps "
    "working when a column is inserted, which VLOOKUP's column number does not. "
)


def _long_turn(index: int) -> Turn:
    answer = (
        "I would use INDEX and MATCH because it can look left, unlike VLOOKUP, and it keeps "
        "working when someone inserts a column. "
    ) * (1 + index % 4)
    # Feedback from a few lines to two thirds of a page: blocks that do not fit what is left.
    return make_turn(index, answer=answer, feedback=FEEDBACK * (2 + 3 * (index % 5)))


def _pages(pdf: bytes) -> list[list[str]]:
    """Each page's body lines (no running header or footer), top to bottom."""
    out = []
    for page in reader(pdf).pages:
        lines = [line.strip() for line in (page.extract_text() or "").splitlines()]
        out.append([line for line in lines if line and not RUNNING.match(line)])
    return out


def test_fifteen_long_questions_fill_every_page_and_keep_headings_with_their_content():
    turns = tuple(_long_turn(i) for i in range(15))
    source = make_source(candidate="Ada Lovelace", turns=turns, earlier=3)
    pdf = render_pdf(source, kind="full")
    pages = _pages(pdf)
    questions = {t.question.text for t in turns}
    for number, lines in enumerate(pages[:-1], start=1):
        last = lines[-1]
        assert not HEADING.match(last) and not SCORES.match(last), (number, lines[-3:])
        assert last not in LABELS | SECTIONS, (number, last)
        assert last not in questions, (number, last)
        # A question's heading on this page comes with at least its first answer lines.
        for at, line in enumerate(lines):
            if HEADING.match(line):
                assert len(lines) - at >= 4, (number, lines[at:])
    images = render_pages(pdf, "layout-15-questions", root=PDF_ARTIFACTS)
    assert len(images) == len(pages)
    top = (TOP_MARGIN + FRAME_PADDING) / PAGE_HEIGHT
    bottom = 1 - (BOTTOM_MARGIN + FRAME_PADDING) / PAGE_HEIGHT
    shares = [filled_share(image, top=top, bottom=bottom) for image in images]
    assert all(share >= 0.5 for share in shares[:-1]), [round(s, 2) for s in shares]


def test_a_question_heading_never_ends_a_page_whatever_the_answer_lengths():
    for offset in range(0, 12, 3):  # answers of other lengths move every break elsewhere
        turns = tuple(
            make_turn(i, answer="Short answer. " * (1 + (i * 7 + offset) % 23)) for i in range(10)
        )
        pdf = render_pdf(make_source(turns=turns), kind="full")
        for number, lines in enumerate(_pages(pdf)[:-1], start=1):
            assert not HEADING.match(lines[-1]), (offset, number, lines[-3:])
            assert not SCORES.match(lines[-1]), (offset, number, lines[-3:])
            assert lines[-1] not in LABELS | SECTIONS, (offset, number, lines[-3:])
