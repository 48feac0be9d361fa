"""Claims, not keywords: terms listed, shuffled, denied or given the wrong roles earn nothing."""

from __future__ import annotations

import random

import pytest

from interviewer.core.model import Question
from interviewer.grading import flags
from interviewer.grading.claims import read_shape, shuffles_reference
from interviewer.grading.grader import grade_answer
from tests.grading.honesty_suite import bank_questions

WHERE_HAVING = "data-analyst-sql-basics-001"
RIGHT = (
    "WHERE filters individual rows before the grouping happens, so it cannot use aggregates. "
    "HAVING filters the groups after aggregation, so a condition like SUM(amount) > 1000 goes "
    "in HAVING. I would put row conditions in WHERE because filtering early means fewer rows "
    "to group."
)
SWAPPED = (
    "HAVING filters individual rows before the grouping happens, so it cannot use aggregates. "
    "WHERE filters the groups after aggregation, so a condition like SUM(amount) > 1000 goes "
    "in WHERE. I would put row conditions in HAVING because filtering early means fewer rows "
    "to group."
)


def question(item_id: str) -> Question:
    return bank_questions()[item_id]


def test_swapped_roles_score_well_below_the_right_answer() -> None:
    right = grade_answer(question(WHERE_HAVING), RIGHT)
    swapped = grade_answer(question(WHERE_HAVING), SWAPPED)
    assert right.technical >= 8
    assert swapped.technical <= right.technical - 3
    assert "WHERE filters rows before grouping" in swapped.missed


def test_a_list_of_key_terms_is_capped_and_told_why() -> None:
    terms = "WHERE, HAVING, individual rows, groups, aggregation, GROUP BY, SUM, filter early"
    graded = grade_answer(question(WHERE_HAVING), terms)
    assert graded.technical <= 3
    assert flags.KEYWORD_LIST in graded.flags
    assert "lists terms" in graded.rationale


def test_the_key_points_pasted_as_a_list_are_capped_and_told_why() -> None:
    q = question(WHERE_HAVING)
    graded = grade_answer(q, "\n".join(kp.point for kp in q.key_points))
    assert graded.technical <= 3
    assert flags.COPIED_REFERENCE in graded.flags
    assert "pastes the expected points" in graded.rationale


WRITTEN_ITEMS = sorted(i for i, q in bank_questions().items() if q.kind != "excel_formula")


@pytest.mark.parametrize("item_id", WRITTEN_ITEMS[::5])
def test_the_reference_shuffled_is_word_salad(item_id: str) -> None:
    q = question(item_id)
    words = q.reference.split()
    random.Random(item_id).shuffle(words)
    graded = grade_answer(q, " ".join(words))
    assert graded.technical <= 3
    assert graded.communication <= 3
    assert flags.WORD_SALAD in graded.flags
    assert "do not form sentences" in graded.rationale


def test_the_reference_itself_is_not_salad_and_a_paraphrase_is_not_a_shuffle() -> None:
    q = question(WHERE_HAVING)
    assert not read_shape(q.reference).is_word_salad
    assert not shuffles_reference(q.reference, q.reference)
    assert not shuffles_reference(RIGHT, q.reference)


def test_every_sentence_of_the_reference_denied_counts_against_the_answer() -> None:
    q = question("excel-lookups-001")
    denied = " ".join(
        f"It is not true that {s.strip().rstrip('.')}." for s in q.reference.split(". ") if s
    )
    graded = grade_answer(q, denied)
    right = grade_answer(q, q.reference)
    assert graded.technical <= 3 < 9 <= right.technical
    assert flags.MISCONCEPTION in graded.flags
    assert "In fact:" in graded.examples_or_corrections


def test_the_opposite_word_is_a_contradiction_not_a_match() -> None:
    q = question("excel-lookups-001")
    graded = grade_answer(
        q,
        "VLOOKUP searches the last column of the table and returns a value from the same row. "
        "If you leave out the fourth argument the default is an exact match.",
    )
    assert "searches first column, returns same row" in graded.missed
    assert "default is approximate match" in graded.missed
    assert graded.technical <= 4


def test_a_confident_wrong_answer_scores_low() -> None:
    q = question("excel-charts-001")
    graded = grade_answer(
        q,
        "I would always use a pie chart for a trend over time, because each month becomes a "
        "slice and the slices show clearly how the months compare. Line charts are only for "
        "parts of a whole, so they are the wrong choice here.",
    )
    assert graded.technical <= 4
