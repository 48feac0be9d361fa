"""The plain-text helpers behind every export: names, numbers, dates and quotes."""

from __future__ import annotations

import datetime as dt

import pytest

from interviewer.banks.loader import load_banks
from interviewer.core.model import SheetCell
from interviewer.reports.text import (
    cell_texts,
    clean,
    date_cells,
    dated_text,
    display_name,
    excel_date,
    excerpt,
    number,
    quotes_widened,
    tidy_numbers,
    topics_in_text,
)


@pytest.mark.parametrize(
    ("slug", "name", "inside"),
    [
        ("sql-joins", "SQL joins", "SQL joins"),
        ("macros-vba", "Macros and VBA", "macros and VBA"),
        ("power-query-pivot", "Power Query and Power Pivot", "Power Query and Power Pivot"),
        ("conditional-formatting", "Conditional formatting", "conditional formatting"),
        ("excel", "Excel", "Excel"),
        ("data-analyst", "Data analyst", "data analyst"),
        ("excel_formula", "Excel formula", "Excel formula"),
    ],
)
def test_display_names_are_cores_topic_titles(slug: str, name: str, inside: str):
    """The PDF names topics as every screen does (core/formatting.topic_title)."""
    assert display_name(slug) == name
    assert display_name(slug, start=False) == inside


def test_every_bank_topic_has_a_display_name_without_hyphens_or_lowercase_acronyms():
    banks = load_banks()
    topics = {topic for bank in banks.banks.values() for topic in bank.topics}
    assert len(topics) > 30
    for topic in topics:
        name = display_name(topic)
        assert "-" not in topic or topic not in name, (topic, name)
        assert name[0].isupper(), (topic, name)
        for acronym in ("sql", "vba", "kpi", "api", "etl", "dax"):
            assert acronym not in name.lower().split() or acronym.upper() in name, (topic, name)


def test_topic_slugs_in_core_text_become_display_names():
    text = "Strongest on lookups, weakest on sql joins. Macros vba (4.0/10): revisit VBA."
    assert topics_in_text(text, ["sql-joins", "macros-vba", "lookups"]) == (
        "Strongest on lookups, weakest on SQL joins. Macros and VBA (4.0/10): revisit VBA."
    )
    assert topics_in_text("SQL joins (8/10)", ["sql-joins"]) == "SQL joins (8/10)"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0.4897959183673469, "0.4898"),
        (3.14159265, "3.142"),
        (12345.678, "12346"),
        (120.0, "120"),
        (0.000123456, "0.0001235"),
        (-2.5, "-2.5"),
        (0.1 + 0.2, "0.3"),
        (7, "7"),
    ],
)
def test_numbers_keep_at_most_four_significant_decimals(value: float, shown: str):
    assert number(value) == shown


def test_long_floats_in_prose_are_rounded_and_written_numbers_are_not():
    text = "Share 0.4897959183673469. Rate 0.49, pi 3.1416, v1.2.3, =ROUND(A2,2), 2.000000001"
    assert tidy_numbers(text) == "Share 0.4898. Rate 0.49, pi 3.1416, v1.2.3, =ROUND(A2,2), 2"


def test_excel_serials_as_dates():
    assert excel_date(45351) == "29 Feb 2024"
    assert excel_date(45351.75) == "29 Feb 2024 18:00"
    assert excel_date(0) == "0"  # before Excel's first date: the number as it is


def test_cells_show_as_the_grader_wrote_them_or_formatted_for_older_evaluations():
    dates = frozenset({"C2"})
    old = SheetCell(cell="C2", got=45351, expected=45352, ok=False)
    assert cell_texts(old, dates) == ("29 Feb 2024", "1 Mar 2024")
    assert cell_texts(old, frozenset()) == ("45351", "45352")
    rounded = SheetCell(cell="D2", got=0.4897959183673469, expected=None, ok=False)
    assert cell_texts(rounded, dates) == ("0.4898", "(empty)")
    new = old.model_copy(update={"got_text": "29 Feb", "expected_text": "1 Mar"})
    assert cell_texts(new, dates) == ("29 Feb", "1 Mar")


def test_date_cells_follow_the_tasks_expected_values():
    dates = (dt.date(2024, 2, 29), dt.date(2024, 3, 1))
    assert date_cells(dates, ["C2", "C3"]) == {"C2", "C3"}
    assert date_cells(dates, ["C2", "C3", "C4"]) == {"C2", "C3", "C4"}  # a longer spill
    assert date_cells((dt.date(2024, 2, 29), 5), ["C2", "C3"]) == {"C2"}
    assert date_cells((1, 2), ["C2", "C3"]) == frozenset()


def test_feedback_lines_about_date_cells_show_dates():
    text = (
        "1 of 4 computed cell(s) match.\n"
        "- C2: your formula gave 45351, expected 45352.\n"
        "- C3: your formula gave 29 Feb 2024, expected 1 Mar 2024.\n"
        "- D2: your formula gave 45351, expected 6."
    )
    assert dated_text(text, frozenset({"C2", "C3"})) == (
        "1 of 4 computed cell(s) match.\n"
        "- C2: your formula gave 29 Feb 2024, expected 1 Mar 2024.\n"
        "- C3: your formula gave 29 Feb 2024, expected 1 Mar 2024.\n"  # dated already: kept
        "- D2: your formula gave 45351, expected 6."
    )


ANSWER = (
    "First I check the data. I would use INDEX and MATCH, because VLOOKUP can only look to "
    "the right of its lookup column, and that breaks when columns move. Then I test it!"
)


def test_a_quote_widens_to_its_sentence():
    assert excerpt(ANSWER, "and MATCH, because VLOOK") == (
        "I would use INDEX and MATCH, because VLOOKUP can only look to the right of its lookup "
        "column, and that breaks when columns move."
    )
    assert excerpt(ANSWER, "test it") == "Then I test it!"


def test_a_long_sentence_is_cut_at_clauses_with_ellipses():
    assert excerpt(ANSWER, "only look to the", limit=70) == (
        "… because VLOOKUP can only look to the right of its lookup column …"
    )
    assert excerpt(ANSWER, "I would use INDEX", limit=70) == "I would use INDEX and MATCH …"


def test_a_quote_not_in_the_answer_is_kept_and_marked_if_it_stops_mid_phrase():
    assert excerpt(ANSWER, "something else entirely") == "something else entirely …"
    assert excerpt(ANSWER, "A whole sentence.") == "A whole sentence."
    assert excerpt(ANSWER, "") == ""


def test_quotes_in_feedback_are_widened():
    feedback = 'You covered:\n- names it (you said: "INDEX and MATCH, bec")\nCareful: "xyz" no.'
    widened = quotes_widened(feedback, ANSWER)
    assert '(you said: "I would use INDEX and MATCH, because VLOOKUP can only' in widened
    assert 'Careful: "xyz" no.' in widened


def test_clean_keeps_the_joiners_indic_text_needs():
    assert clean("क्\u200dष a\u200bb") == "क्\u200dष ab"
