"""Grading a formula task: computed values against expected ones, with feedback that explains."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from uuid import UUID

from interviewer.banks.schema import FormulaTask
from interviewer.core.formatting import format_cells, plural
from interviewer.core.model import Evaluation, Question, SheetCell
from interviewer.errors import InvalidInput
from interviewer.grading.excel import (
    ERROR_CAUSES,
    FormulaCheck,
    FormulaRejected,
    Scalar,
    is_error,
)
from interviewer.grading.language import to_scale
from interviewer.grading.sandbox import FormulaSandbox

SHOWN_DIFFERENCES = 3
REMEMBERED_CHECKS = 256
NOT_SCORED = "Communication and confidence are not scored from a formula alone."


def expects_dates(task: FormulaTask) -> bool:
    """A task whose answers are dates: its computed serial numbers are shown as dates."""
    return any(isinstance(value, dt.date) for value in task.expected)


def _quoted(value: object, shown: str) -> str:
    """Text in quotes, so that "10" the text and 10 the number read differently."""
    return f'"{value}"' if isinstance(value, str) and value and not is_error(value) else shown


def _same_formula(a: str, b: str) -> bool:
    def bare(formula: str) -> str:
        return "".join(formula.split()).lstrip("=").upper()

    return bare(a) == bare(b)


def _task_of(question: Question) -> FormulaTask:
    if question.task is None:
        raise InvalidInput("This question has no worksheet task.", field="question_id")
    return question.task


def formula_feedback(check: FormulaCheck, task: FormulaTask) -> tuple[str, str]:
    """The feedback, and the reference formulas to show after the attempt."""
    total = len(check.cells)
    right = sum(c.ok for c in check.cells)
    dates = expects_dates(task)
    lines: list[str] = []
    if right == total:
        cells = "the computed cell matches" if total == 1 else f"all {total} computed cells match"
        lines.append(f"Correct: {cells} the expected {'value' if total == 1 else 'values'}.")
        others = [
            f for f in (*task.formulas, *task.alternatives) if not _same_formula(f, check.formula)
        ]
        reference = f"Also correct: {', '.join(others[:3])}" if others else ""
        lines.append(NOT_SCORED)
        return "\n".join(lines), reference
    lines.append(
        "The computed cell does not match."
        if total == 1
        else f"{right} of {total} computed cells match."
    )
    for c in [c for c in check.cells if not c.ok][:SHOWN_DIFFERENCES]:
        got, expected = format_cells(c.got, c.expected, as_date=dates)
        lines.append(
            f"- {c.cell}: your formula gave {_quoted(c.got, got)}, "
            f"expected {_quoted(c.expected, expected)}."
        )
    for error in check.errors:
        lines.append(f"{error} means {ERROR_CAUSES[error]}.")
    lines.append(NOT_SCORED)
    others = [f for f in (*task.formulas, *task.alternatives) if f != task.formulas[0]]
    reference = f"A reference formula: {task.formulas[0]}"
    if others:
        reference += " (also correct: " + ", ".join(others[:2]) + ")"
    return "\n".join(lines), reference


def _credit_note(check: FormulaCheck) -> str:
    share = f"{round(check.fraction * 100)}% of the computed cells are right"
    informative = check.informative
    if check.fraction == 1.0 or not informative or len(informative) == len(check.cells):
        return f"{share}."
    right = sum(c.ok for c in informative)
    return (
        f"{share}, but only {right} of the {plural(len(informative), 'cell')} that an empty or "
        "constant formula would miss count for credit."
    )


def evaluation_from_check(check: FormulaCheck, question: Question) -> Evaluation:
    task = _task_of(question)
    feedback, reference = formula_feedback(check, task)
    flags = ["formula_only"] + (["formula_error"] if check.errors else [])
    technical = to_scale(check.credit)
    dates = expects_dates(task)
    return Evaluation(
        technical=technical,
        communication=None,
        confidence=None,
        rationale=f"Technical {technical}/10: {_credit_note(check)} {NOT_SCORED}",
        feedback=feedback,
        examples_or_corrections="\n\n".join(p for p in (reference, question.reference) if p),
        resources=question.resources,
        flags=tuple(flags),
        cells=tuple(_cell(c.cell, c.got, c.expected, c.ok, dates=dates) for c in check.cells),
    )


def _cell(cell: str, got: Scalar, expected: Scalar, ok: bool, *, dates: bool) -> SheetCell:
    got_text, expected_text = format_cells(got, expected, as_date=dates)
    return SheetCell(
        cell=cell, got=got, expected=expected, ok=ok, got_text=got_text,
        expected_text=expected_text,
    )  # fmt: skip


class FormulaGrader:
    """Grades excel_formula questions by computing the formula on the task's sheet."""

    name = "formula-engine"

    def __init__(self, sandbox: FormulaSandbox | None = None) -> None:
        self.sandbox = sandbox or FormulaSandbox()
        self._checked: OrderedDict[tuple[UUID, str], FormulaCheck] = OrderedDict()

    async def _check(self, question: Question, answer: str) -> FormulaCheck:
        """The precheck's computation is kept for the grading that follows it."""
        key = (question.id, answer)
        check = self._checked.pop(key, None)
        if check is None:
            check = await self.sandbox.evaluate(_task_of(question), answer)
        self._checked[key] = check
        while len(self._checked) > REMEMBERED_CHECKS:
            self._checked.popitem(last=False)
        return check

    async def precheck(self, question: Question, answer: str) -> None:
        """Syntax, functions, ranges, circularity, then a timed evaluation: all before storing."""
        try:
            await self._check(question, answer)  # the worker parses and checks it first
        except FormulaRejected as exc:
            raise InvalidInput(str(exc), field="text") from exc
        except Exception as exc:  # the engine's own failures on odd input: still the user's 422
            raise InvalidInput(
                "The formula could not be computed as written; check it and try again.",
                field="text",
            ) from exc

    async def grade(self, question: Question, answer: str) -> Evaluation:
        try:
            check = await self._check(question, answer)
        except FormulaRejected as exc:
            raise InvalidInput(str(exc), field="text") from exc
        return evaluation_from_check(check, question).model_copy(update={"graded_by": self.name})
