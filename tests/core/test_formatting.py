"""Text for the candidate: rounded numbers, dates, counts, topic names; and the report's words."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest

from interviewer.banks.loader import default_banks
from interviewer.core.formatting import (
    ACRONYMS,
    excel_date,
    format_cell,
    format_cells,
    format_number,
    plural,
    topic_title,
)
from interviewer.core.model import Ability, Evaluation, Question, Turn
from interviewer.core.report import build_report, question_counts
from tests.core.test_report_graders import WHEN


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0.4897959183673469, "0.4898"), (1038.3333333333, "1038"), (47.976, "47.98"),
        (15.3, "15.3"), (2.0, "2"), (12345.67, "12346"), (314928.0000000001, "314928"),
        (0.0000001234, "0.0000001234"), (-0.00001, "-0.00001"), (9.99995, "10"), (45351, "45351"),
        (0.0, "0"), (-0.0, "0"),
    ],
)  # fmt: skip
def test_numbers_keep_at_most_four_significant_digits_and_their_whole_part(value, shown):
    assert format_number(value) == shown


def test_cells_read_as_excel_shows_them():
    assert format_cell(None) == format_cell("") == "(empty)"
    assert (format_cell(True), format_cell(False)) == ("TRUE", "FALSE")
    assert format_cell("Paid") == "Paid"
    assert format_cell(dt.date(2024, 2, 29)) == "29 Feb 2024"
    assert format_cell(45351, as_date=True) == "29 Feb 2024"  # a date task's serial number
    assert format_cell(45351) == "45351"  # a plain number stays one
    assert format_cell(45351.5, as_date=True) == "29 Feb 2024 12:00"
    assert format_cell(-3, as_date=True) == "-3"  # no date before Excel's first day
    assert excel_date(1) == dt.datetime(1899, 12, 31)


def test_two_values_that_differ_never_read_the_same():
    assert format_cells(0.48979, 0.48981) == ("0.48979", "0.48981")
    assert format_cells(12345.6, 12345.4) == ("12346", "12345")
    assert format_cells(0.4897959183673469, 0.5) == ("0.4898", "0.5")
    assert format_cells(45352, 45351, as_date=True) == ("1 Mar 2024", "29 Feb 2024")
    assert format_cells(2.0, 2) == ("2", "2")


def test_counts_are_pluralised_not_marked_s():
    assert plural(1, "question") == "1 question"
    assert plural(0, "question") == "0 questions"
    assert plural(2, "follow-up") == "2 follow-ups"
    assert plural(3, "match", "matches") == "3 matches"


@pytest.mark.parametrize(
    ("slug", "title"),
    [
        ("sql-joins", "SQL joins"), ("macros-vba", "Macros and VBA"), ("kpis", "KPIs"),
        ("a-b-testing", "A/B testing"), ("ab-testing", "A/B testing"),
        ("what-if-analysis", "What-if analysis"),
        ("power-query-pivot", "Power Query and Power Pivot"),
        ("etl-pipelines", "ETL pipelines"), ("dax-measures", "DAX measures"),
        ("sql_ctes", "SQL CTEs"), ("api-design", "API design"), ("pivot-tables", "PivotTables"),
        ("Window functions", "Window functions"),
    ],
)  # fmt: skip
def test_topic_slugs_become_display_names(slug, title):
    assert topic_title(slug) == title


def test_every_shipped_topic_has_a_display_name():
    topics = {t for bank in default_banks().banks.values() for t in bank.topics}
    for slug in topics:
        title = topic_title(slug)
        assert title[0].isupper() and "-" not in title.replace("what-if", ""), (slug, title)
        words = re.split(r"[\s/]+", title)
        assert not [w for w in words if w in ACRONYMS], (slug, title)  # "sql" never lowercase


def test_topic_names_inside_a_sentence_keep_acronyms_and_proper_names():
    assert topic_title("statistics", in_sentence=True) == "statistics"
    assert topic_title("sql-joins", in_sentence=True) == "SQL joins"
    assert topic_title("power-query-pivot", in_sentence=True) == "Power Query and Power Pivot"
    assert topic_title("pivot-tables", in_sentence=True) == "PivotTables"


def turn(topic: str, technical: int | None, *, parent: uuid.UUID | None = None) -> Turn:
    question = Question(
        id=uuid.uuid4(), seq=1, track="data-analyst", topic=topic, difficulty=3,
        kind="conceptual", text="Explain it.", hint="h", reference="r", parent_id=parent,
    )  # fmt: skip
    if technical is None:
        return Turn(question=question.model_copy(update={"skipped": True}))
    evaluation = Evaluation(
        technical=technical, communication=6, confidence=6, rationale="r", feedback="f"
    )
    return Turn(question=question, evaluation=evaluation)


def test_the_report_counts_the_chosen_questions_and_the_follow_ups_apart():
    main = [turn("sql-joins", 3), turn("macros-vba", 8), turn("statistics", None)]
    follow_ups = [turn("sql-joins", 4, parent=main[0].question.id)]
    turns = [main[0], follow_ups[0], main[1], main[2]]
    counts = question_counts(turns)
    assert (counts.main, counts.answered, counts.skipped) == (3, 2, 1)
    assert (counts.follow_ups, counts.follow_ups_answered) == (1, 1)
    report = build_report(turns, ability=Ability(), started_at=WHEN, finished_at=WHEN)
    assert "with 2 of 3 questions answered, 1 follow-up." in report.summary
    assert "(s)" not in report.summary
    # Topics by their display names, in lists and in the sentence alike.
    assert "weakest on statistics" in report.summary
    assert "Strongest on macros and VBA" in report.summary
    assert any(line.startswith("SQL joins (3.5/10)") for line in report.areas_to_improve)
    assert any(line.startswith("Macros and VBA (8.0/10)") for line in report.strengths)


def test_one_question_reads_in_the_singular():
    report = build_report(
        [turn("sql-joins", 8)], ability=Ability(), started_at=WHEN, finished_at=WHEN
    )
    assert "with 1 of 1 question answered." in report.summary


def test_the_level_takes_the_right_article():
    weak = [turn("sql-joins", 1), turn("statistics", 1)]
    report = build_report(weak, ability=Ability(theta=-3.0), started_at=WHEN, finished_at=WHEN)
    assert report.level_estimate == "entry"
    assert "consistent with an entry-level candidate" in report.summary
