"""The Markdown export: complete, and user text cannot turn into markup."""

from __future__ import annotations

from interviewer.reports import render_markdown
from interviewer.reports.markdown import escape_md
from tests.reports.samples import make_source, make_turn


def test_markdown_has_every_question_score_and_the_summary():
    source = make_source(candidate="Анна Каренина", questions=5, earlier=2)
    text = render_markdown(source)
    assert text.startswith("# Interview report: Анна Каренина\n")
    assert f"| Overall score | **{source.report.overall}** / 100 |" in text
    assert escape_md(source.report.summary) in text
    for turn in source.turns:
        assert escape_md(turn.question.text) in text
        e = turn.evaluation
        assert e is not None
        assert f"| {e.technical}/10 | {e.communication}/10 | {e.confidence}/10 |" in text
    assert "## Progress across interviews" in text and "(this one)" in text
    assert "[Guide to lookups](https://support.example.com/lookups?lang=en&level=2)" in text


def test_markup_in_answers_is_escaped_and_line_breaks_kept():
    answer = "<b>bold</b> & *stars* [link](http://x) `code`\n# not a heading\n| pipe |"
    text = render_markdown(make_source(turns=(make_turn(0, answer=answer),)))
    assert "<b>" not in text and "[link](http://x)" not in text
    assert "> \\<b\\>bold\\</b\\> \\& \\*stars\\* \\[link\\](http://x) \\`code\\`" in text
    assert "> \\# not a heading" in text and "> \\| pipe \\|" in text


def test_skipped_and_formula_questions():
    turns = (make_turn(0, skipped=True), make_turn(1, formula=True))
    text = render_markdown(make_source(turns=turns))
    assert "*Skipped: no answer was given.*" in text
    assert "| 6/10 | not scored | not scored |" in text
    assert "| F4 | (empty) | \\#N/A | ✗ |" in text
    assert "| Communication | n/a |" in text
