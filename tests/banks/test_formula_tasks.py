"""Every formula task in the bank: references and alternatives pass, common mistakes fail with
the right feedback, all computed by the formula engine."""

from __future__ import annotations

import uuid

import pytest

from interviewer.banks.loader import BankSet, default_banks
from interviewer.banks.schema import BankItem
from interviewer.core.selection import question_from_item
from interviewer.grading.excel import evaluate
from interviewer.grading.formula_grader import evaluation_from_check

TASKS = [i for i in default_banks().items.values() if i.kind == "excel_formula"]
TOPICS = {"references-formulas", "logical-functions", "aggregation", "text-functions",
          "date-functions", "lookups", "dynamic-arrays"}  # fmt: skip


def test_there_are_enough_tasks_over_every_difficulty(banks: BankSet):
    assert len(TASKS) >= 30
    assert {t.difficulty for t in TASKS} == {1, 2, 3, 4, 5}
    assert TOPICS <= {t.topic for t in TASKS}
    with_two = sum(1 for t in TASKS if t.task and len(t.task.alternatives) >= 2)
    assert with_two >= 0.75 * len(TASKS)
    assert all(t.task and len(t.task.wrong) >= 2 for t in TASKS)


@pytest.mark.parametrize("item", TASKS, ids=lambda i: i.id)
def test_reference_and_alternative_formulas_pass(item: BankItem):
    assert item.task is not None
    for formula in (*item.task.formulas, *item.task.alternatives):
        check = evaluate(item.task, formula)
        assert check.fraction == 1.0, (formula, [c for c in check.cells if not c.ok][:3])


@pytest.mark.parametrize("item", TASKS, ids=lambda i: i.id)
def test_common_mistakes_fail_with_the_right_feedback(item: BankItem):
    assert item.task is not None
    question = question_from_item(item, new_id=uuid.uuid4(), seq=1)
    for wrong in item.task.wrong:
        check = evaluate(item.task, wrong.formula)
        assert check.fraction < 1.0, wrong.formula
        evaluation = evaluation_from_check(check, question)
        assert wrong.mentions in evaluation.feedback, (wrong.formula, evaluation.feedback)
        assert item.task.formulas[0] in evaluation.examples_or_corrections
