"""What the PDFs print: every topic, display names, chart labels, dates, numbers and quotes."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from interviewer.banks.schema import FormulaTask
from interviewer.core.model import Evaluation, SheetCell, Turn
from interviewer.reports import render_pdf
from interviewer.reports.charts import Bar, bar_chart
from tests.reports.pdftools import (
    PDF_ARTIFACTS,
    poppler_text,
    reader,
    render_pages,
    text_of,
)
from tests.reports.samples import make_source, make_turn

TEN_TOPICS = {  # topic -> technical score; the two weakest at 1
    "lookups": 10,
    "power-query-pivot": 9,
    "logical-functions": 8,
    "conditional-formatting": 7,
    "pivot-tables": 6,
    "text-functions": 5,
    "macros-vba": 4,
    "date-functions": 3,
    "sql-joins": 1,
    "data-validation-cleaning": 1,
}
DISPLAY = {
    "lookups": "Lookups",
    "power-query-pivot": "Power Query and Power Pivot",
    "logical-functions": "Logical functions",
    "conditional-formatting": "Conditional formatting",
    "pivot-tables": "PivotTables",
    "text-functions": "Text functions",
    "macros-vba": "Macros and VBA",
    "date-functions": "Date functions",
    "sql-joins": "SQL joins",
    "data-validation-cleaning": "Data validation and cleaning",
}


def _ten_topic_source():
    turns = tuple(
        make_turn(i, topic=topic, technical=score)
        for i, (topic, score) in enumerate(TEN_TOPICS.items())
    )
    return make_source(turns=turns)


def _chart_lines(text: str) -> list[str]:
    """The topic chart's label and value lines, as pdftotext reads the summary."""
    start = text.index("By topic (technical, 1-10)")
    end = text.index("Strengths", start)
    return [line.strip() for line in text[start:end].splitlines() if line.strip()]


def test_the_summary_topic_chart_shows_all_ten_topics_the_weakest_included():
    source = _ten_topic_source()
    assert source.report.topic_scores["sql-joins"] == 1.0
    for kind in ("summary", "full"):
        pdf = render_pdf(source, kind=kind)
        text = poppler_text(pdf)
        lines = _chart_lines(text)
        for topic, score in TEN_TOPICS.items():
            assert DISPLAY[topic] in lines, (kind, topic, lines[:30])
            label = lines.index(DISPLAY[topic])
            assert f"{score:.1f}" in lines[label : label + 3], (kind, topic)
        render_pages(pdf, f"ten-topics-{kind}", dpi=90, root=PDF_ARTIFACTS)
    assert len(reader(render_pdf(source, kind="summary")).pages) == 1


def test_past_twelve_topics_the_summary_keeps_every_weak_one():
    scores = [10, 10, 9, 9, 8, 8, 7, 7, 6, 5, 4, 3, 2, 1, 1, 1]
    turns = tuple(
        make_turn(i, topic=f"topic-{chr(97 + i)}", technical=s) for i, s in enumerate(scores)
    )
    source = make_source(turns=turns)
    text = poppler_text(render_pdf(source, kind="summary"))
    lines = _chart_lines(text)
    shown = {line for line in lines if line.startswith("Topic ")}
    for i, score in enumerate(scores):
        name = f"Topic {chr(97 + i)}"
        if score <= 6:  # every weak topic is on the page
            assert name in shown, name
    assert "Topic a" in shown  # and the strongest
    assert len(shown & {f"Topic {chr(97 + i)}" for i in range(16)}) == 12
    assert "4 more, ranked between these, in the full report." in " ".join(text.split())


def test_topic_names_read_as_names_not_slugs_everywhere():
    source = _ten_topic_source()
    for kind in ("summary", "full"):
        text = " ".join(poppler_text(render_pdf(source, kind=kind)).split())
        assert "SQL joins" in text and "Macros and VBA" in text
        # The samples' own question texts and resource titles are written with the slugs.
        text = re.sub(r"(Guide to|Question \d+ on) [a-z ]+", "", text)
        for slug_like in ("Sql joins", "sql joins", "Macros vba", "macros vba", "Power query"):
            assert slug_like not in text, (kind, slug_like)


@pytest.mark.parametrize(
    "label",
    [
        "Conditional formatting rule management",
        "rule\nmanagement",
        "rule\u202fmanagement",
        "rule\u2009management",
        "rule\t management",
    ],
)
def test_chart_labels_keep_their_spaces(label: str):
    from io import BytesIO

    from reportlab.platypus import SimpleDocTemplate

    drawing = bar_chart([Bar(label, 5.0), Bar("Data cleaning", 3.0)], width=300, label_width=180)
    buffer = BytesIO()
    SimpleDocTemplate(buffer, invariant=True).build([drawing])
    pdf = buffer.getvalue()
    words = label.split()
    for text in (text_of(pdf), poppler_text(pdf)):
        assert " ".join(words) in text, (label, text)
        assert "".join(words) not in text.replace(" ".join(words), "")
        assert "Data cleaning" in text


def test_chart_labels_in_the_reports_keep_their_spaces():
    source = _ten_topic_source()
    for kind in ("summary", "full"):
        pdf = render_pdf(source, kind=kind)
        for text in (text_of(pdf), poppler_text(pdf)):
            lines = {line.strip() for line in text.splitlines()}
            for name in ("Conditional formatting", "Logical functions", "Date functions"):
                assert name in lines, (kind, name)
            assert not re.search(r"\b(Conditionalformatting|Logicalfunctions)\b", text)


def _date_turn() -> Turn:
    turn = make_turn(0, formula=True)
    task = FormulaTask(
        columns=("Invoice", "Invoice date", "Due date"),
        rows=(("INV-1", dt.date(2024, 1, 30)), ("INV-2", dt.date(2024, 2, 1))),
        target="C2",
        fill_down=True,
        expected=(dt.date(2024, 2, 29), dt.date(2024, 3, 2)),
        formulas=("=B2+30",),
    )
    evaluation = Evaluation(
        technical=6,
        rationale="Technical 6/10: 50% of the computed cells are right.",
        feedback=(
            "1 of 2 computed cell(s) match.\n"
            "- C3: your formula gave 45351, expected 45353.\n"
            "The share right is 0.4897959183673469 of the cells."
        ),
        examples_or_corrections="=B2+30 gives 45351.000000001 days in all.",
        cells=(
            SheetCell(cell="C2", got=45351, expected=45351, ok=True),
            SheetCell(cell="C3", got=45351.0, expected=45353, ok=False),
        ),
    )
    question = turn.question.model_copy(update={"task": task})
    return turn.model_copy(update={"question": question, "evaluation": evaluation})


def test_date_results_show_as_dates_and_long_floats_are_rounded():
    numbers = make_turn(1, feedback="About 0.4897959183673469 of it; 12.3456789 and 0.49 stay.")
    source = make_source(turns=(_date_turn(), numbers))
    pdf = render_pdf(source, kind="full")
    text = " ".join(poppler_text(pdf).split())
    assert "C2 29 Feb 2024 29 Feb 2024" in text
    assert "C3 29 Feb 2024 2 Mar 2024" in text
    assert "• C3: your formula gave 29 Feb 2024, expected 2 Mar 2024." in text
    assert "45353" not in text  # a date in the cells and the feedback, never a serial
    assert "=B2+30 gives 45351 days in all." in text  # a long float in prose, rounded
    assert "0.4897959183673469" not in text and "0.4898" in text
    assert "12.35" in text and "0.49 stay" in text
    render_pages(pdf, "dates-and-numbers", dpi=90, root=PDF_ARTIFACTS)


def test_quotes_are_cut_at_a_clause_or_sentence_with_an_ellipsis():
    answer = (
        "First I check the data. I would use INDEX and MATCH, because VLOOKUP can only look "
        "to the right of its lookup column, and that breaks when columns move. Then I test it."
    )
    quote = "use INDEX and MATCH, because VLOOK"  # cut mid-word, as a grader window may be
    feedback = f'You covered:\n- names the function (you said: "{quote}")'
    turn = make_turn(0, answer=answer, quote=quote, feedback="Good.")
    source = make_source(turns=(turn, make_turn(1, answer=answer, feedback=feedback)))
    text = " ".join(poppler_text(render_pdf(source, kind="full")).split())
    whole = (
        "I would use INDEX and MATCH, because VLOOKUP can only look to the right of its "
        "lookup column, and that breaks when columns move."
    )
    assert f"names the function — “{whole}”" in text
    assert f'(you said: "{whole}")' in text
    assert "VLOOK”" not in text and 'VLOOK"' not in text


def test_a_long_sentence_is_cut_at_a_clause_with_an_ellipsis():
    answer = (
        "I would use INDEX and MATCH, because " + "it is robust and flexible and clear, " * 8
    ) + "and that is all."
    quote = "INDEX and MATCH, bec"
    turn = make_turn(0, answer=answer, quote=quote, feedback="Good.")
    text = " ".join(poppler_text(render_pdf(make_source(turns=(turn,)), kind="full")).split())
    clause = "I would use INDEX and MATCH, because it is robust and flexible and clear …"
    assert f"names the function — “{clause}”" in text
