"""Formula partial credit counts only the cells that an empty or constant formula would miss."""

from __future__ import annotations

import uuid

import pytest

from interviewer.banks.schema import FormulaTask
from interviewer.core.model import Question
from interviewer.grading.excel import evaluate
from interviewer.grading.formula_grader import evaluation_from_check

ORDERS = FormulaTask(
    columns=("Item", "Qty", "Unit price", "Total"),
    rows=(
        ("Pens", 10, 1.5),
        ("Paper", 0, 4.0),
        ("Ink", 2, 20.0),
        ("Clips", 0, 0.5),
        ("Tape", 4, 2.0),
        ("Glue", 3, 3.0),
    ),
    target="D2",
    fill_down=True,
    expected=(15.0, 0, 40.0, 0, 8.0, 9.0),
    formulas=("=B2*C2",),
)
STATUS = FormulaTask(
    columns=("Name", "Score", "Result"),
    rows=(("Ana", 91), ("Ben", 55), ("Cy", 78), ("Di", 40), ("Ed", 88)),
    target="C2",
    fill_down=True,
    expected=("Pass", "Fail", "Pass", "Fail", "Pass"),
    formulas=('=IF(B2>=60,"Pass","Fail")',),
)
FLAGS = FormulaTask(
    columns=("Name", "Late"),
    rows=(("Ana", 1), ("Ben", 0), ("Cy", 0)),
    target="C2",
    fill_down=True,
    expected=(True, False, False),
    formulas=("=B2=1",),
)


def question(task: FormulaTask) -> Question:
    return Question(
        id=uuid.uuid4(), seq=1, track="excel", topic="formulas", difficulty=2,
        kind="excel_formula", text="Fill in the target cells.", hint="Think it through.",
        reference="Multiply the row's values.", task=task,
    )  # fmt: skip


def technical(task: FormulaTask, formula: str) -> int:
    return evaluation_from_check(evaluate(task, formula), question(task)).technical


@pytest.mark.parametrize("formula", ["=0", "=B2*0", '=""', "=C2*0"])
def test_a_constant_zero_earns_nothing_for_the_cells_that_are_zero(formula: str):
    check = evaluate(ORDERS, formula)
    assert check.fraction >= 2 / 6 or formula == '=""'
    assert check.credit == 0.0
    assert technical(ORDERS, formula) <= 2


def test_the_correct_formula_still_scores_ten():
    check = evaluate(ORDERS, "=B2*C2")
    assert check.fraction == check.credit == 1.0
    assert technical(ORDERS, "=B2*C2") == 10


def test_partial_credit_counts_informative_cells_only():
    check = evaluate(ORDERS, "=IF(B2>5,B2*C2,0)")  # right for Pens, Paper, Clips only
    assert [c.ok for c in check.cells] == [True, True, False, True, False, False]
    assert check.fraction == 0.5
    assert check.credit == pytest.approx(1 / 4)
    evaluation = evaluation_from_check(check, question(ORDERS))
    assert "only 1 of the 4 cells" in evaluation.rationale


def test_a_wrong_cell_that_is_trivial_still_costs():
    check = evaluate(ORDERS, "=IF(B2=0,1,B2*C2)")  # every informative cell right, zeros wrong
    assert check.credit == pytest.approx(4 / 6)
    assert technical(ORDERS, "=IF(B2=0,1,B2*C2)") < 10


def test_the_repeated_value_is_what_a_constant_would_match():
    assert evaluate(STATUS, '="Pass"').credit == 0.0
    assert technical(STATUS, '="Pass"') == 1
    assert evaluate(STATUS, '=IF(B2>=60,"Pass","Fail")').credit == 1.0


def test_false_everywhere_earns_nothing_for_the_false_cells():
    check = evaluate(FLAGS, "=FALSE")
    assert check.fraction == pytest.approx(2 / 3) and check.credit == 0.0


def test_when_every_cell_is_trivial_the_plain_share_counts():
    task = FLAGS.model_copy(update={"rows": (("Ana", 0), ("Ben", 0)), "expected": (0, 0)})
    check = evaluate(task, "=B2")
    assert check.informative == ()
    assert check.credit == check.fraction == 1.0
    assert evaluate(task, "=B2+1").credit == 0.0
