"""Formula tasks graded by computing the formula on the task's sheet with a real engine.

The engine is the `formulas` package (645 Excel functions, including XLOOKUP, FILTER, UNIQUE,
SORT, TEXTJOIN, IFS, NETWORKDAYS and DATEDIF; pycel lacks the dynamic-array functions). A
formula is parsed, checked (syntax, known functions, no whole-column ranges, no reference to
its own cells), translated for each target cell the way Excel's fill handle copies it, and
evaluated on the sheet's values. Nothing is read from cached results.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import formulas
import numpy as np
import schedula
from formulas.errors import FormulaError
from formulas.functions import get_functions
from formulas.tokens.operand import XlError
from openpyxl.formula.translate import Translator
from openpyxl.utils.cell import (
    coordinate_from_string,
    get_column_letter,
    range_boundaries,
)

from interviewer.banks.schema import CellValue, FormulaTask

MAX_FORMULA_CHARS = 1000
MAX_RANGE_CELLS = 2_000_000
EXCEL_EPOCH = dt.date(1899, 12, 30)
ERROR_CAUSES = {
    "#N/A": "a lookup found no match: check the lookup value, the range, and exact-match mode",
    "#VALUE!": "an argument has the wrong type, such as text where a number is expected",
    "#REF!": "a reference points outside the sheet or to a deleted cell",
    "#DIV/0!": "a division by zero or by an empty cell",
    "#NAME?": "a misspelt function name, or text that is missing its quotes",
    "#NUM!": "a number is out of range for the function",
    "#NULL!": "two ranges that do not intersect (a space instead of a comma)",
    "#CALC!": "an array formula returned nothing, e.g. FILTER with no matching rows",
    "#SPILL!": "the result has no room to spill",
}
_FUNCTION = re.compile(r"(?<![A-Za-z0-9_.])([A-Za-z][A-Za-z0-9_.]*)\s*\(")
_WHOLE_COLUMN = re.compile(
    r"(?<![A-Za-z0-9])\$?[A-Za-z]{1,3}\s*:\s*\$?[A-Za-z]{1,3}(?![A-Za-z0-9(])"
)
_WHOLE_ROW = re.compile(r"(?<![A-Za-z0-9.])\$?\d+\s*:\s*\$?\d+(?![0-9.])")
_STRING = re.compile(r'"(?:[^"]|"")*"')


Scalar = bool | int | float | str | None


class FormulaRejected(ValueError):
    """A formula that cannot be evaluated as written; the message says what to fix."""


@dataclass(frozen=True)
class CellCheck:
    cell: str
    got: Scalar
    expected: Scalar
    ok: bool


@dataclass(frozen=True)
class FormulaCheck:
    formula: str
    cells: tuple[CellCheck, ...]

    @property
    def fraction(self) -> float:
        return sum(c.ok for c in self.cells) / len(self.cells) if self.cells else 0.0

    @property
    def informative(self) -> tuple[CellCheck, ...]:
        """The cells a constant formula (empty, 0, FALSE or the repeated value) would miss."""
        trivial = _constant_matches(self.cells)
        return tuple(c for c, t in zip(self.cells, trivial, strict=True) if not t)

    @property
    def credit(self) -> float:
        """Partial credit: matching what a constant would match earns nothing, and a wrong
        cell still costs. The share of informative cells right, capped by the share of all
        cells right; the plain share when every cell is trivial."""
        informative = self.informative
        if not informative:
            return self.fraction
        return min(sum(c.ok for c in informative) / len(informative), self.fraction)

    @property
    def errors(self) -> list[str]:
        found = {str(c.got) for c in self.cells if is_error(c.got)}
        return sorted(found)


TRIVIAL_VALUES: tuple[Scalar, ...] = (None, "", 0, False)


def _constant_matches(cells: tuple[CellCheck, ...]) -> list[bool]:
    """Per cell: whether an empty formula, 0, FALSE or the value expected most often (when a
    value repeats) would match it too."""
    counts = Counter(str(c.expected) for c in cells)
    top = max(counts.values(), default=0)
    common = {value for value, n in counts.items() if n == top and n > 1}
    return [
        str(c.expected) in common or any(_equal(v, c.expected, 0.0) for v in TRIVIAL_VALUES)
        for c in cells
    ]


def is_error(value: object) -> bool:
    return isinstance(value, str) and value in ERROR_CAUSES


def to_serial(value: CellValue) -> Scalar:
    if isinstance(value, dt.date):
        return (value - EXCEL_EPOCH).days
    return value


_DOUBLE_UNARY = re.compile(r"(^=|[(,;=<>&+*/^-])(\s*)--")


def _double_unary(formula: str) -> str:
    """`--(range=value)` (TRUE/FALSE to 1/0) as `1*(...)`: the engine drops a double minus."""
    parts = re.split(r'("(?:[^"]|"")*")', formula)
    for index in range(0, len(parts), 2):
        previous = None
        while previous != parts[index]:
            previous = parts[index]
            parts[index] = _DOUBLE_UNARY.sub(r"\1\g<2>1*", parts[index])
    return "".join(parts)


def normalise(formula: str) -> str:
    text = formula.strip()
    if not text:
        raise FormulaRejected("Write a formula, for example =SUM(B2:B10).")
    if len(text) > MAX_FORMULA_CHARS:
        raise FormulaRejected(
            f"The formula is {len(text)} characters; keep it under {MAX_FORMULA_CHARS}."
        )
    return _double_unary(text if text.startswith("=") else f"={text}")


def sheet_cells(task: FormulaTask) -> dict[str, Scalar]:
    cells: dict[str, Scalar] = {}
    for col, header in enumerate(task.columns, start=1):
        cells[f"{get_column_letter(col)}1"] = header
    for r, row in enumerate(task.rows, start=2):
        for c, value in enumerate(row, start=1):
            if value is not None:
                cells[f"{get_column_letter(c)}{r}"] = to_serial(value)
    for cell, value in task.extra_cells.items():
        if value is not None:
            cells[cell] = to_serial(value)
    return cells


def target_cells(task: FormulaTask) -> list[str]:
    column, row = coordinate_from_string(task.target)
    count = len(task.rows) if task.fill_down else 1
    return [f"{column}{row + i}" for i in range(count)]


def _outside_strings(formula: str) -> str:
    return _STRING.sub('""', formula)


def _check_text(formula: str) -> None:
    code = _outside_strings(formula)
    known = get_functions()
    for name in _FUNCTION.findall(code):
        upper = name.upper()
        if upper.startswith("_XLFN."):
            upper = upper[6:]
        if upper not in known:
            raise FormulaRejected(
                f"{name} is not a function this grader knows; check the spelling "
                "(a misspelt name gives #NAME? in Excel)."
            )
    if _WHOLE_COLUMN.search(code) or _WHOLE_ROW.search(code):
        raise FormulaRejected(
            "Whole-column or whole-row ranges (like A:A) are not accepted here; "
            "use the data's range, for example A2:A21."
        )
    if "!" in code:
        raise FormulaRejected("Refer to cells on this sheet only (no Sheet! prefixes).")


_BINARY_ONLY = "*/^&"
_AFTER_NOTHING = "+-*/^&=<>,"
_TWO_OPERATORS = re.compile(rf"[{re.escape(_AFTER_NOTHING)}]\s*[{re.escape(_BINARY_ONLY)}]")


def syntax_problem(formula: str) -> str:
    """What is wrong with a formula the parser refused, and what to do about it, in words:
    the engine's own messages are terse ("Not a valid formula") or unformatted ("%s")."""
    body = formula.strip().removeprefix("=").strip()
    if body.count('"') % 2:
        return 'a text value is missing its closing quote: end it with ", as in ="Paid".'
    code = _outside_strings(body)
    opened, closed = code.count("("), code.count(")")
    if opened != closed:
        return (
            f"the brackets do not pair up ({opened} opening, {closed} closing); "
            f"add the missing {'(' if closed > opened else ')'} or remove the extra one."
        )
    if code.count("{") != code.count("}"):
        return "an array constant's braces do not pair up; close it with }, as in ={1,2,3}."
    if not code:
        return "there is nothing after the = sign; write the calculation, as in =SUM(B2:B10)."
    if ";" in re.sub(r"\{[^}]*\}", "", code):
        return "arguments are separated by commas here; write SUM(A2,B2) rather than SUM(A2;B2)."
    if re.search(r"\(\s*\)", code) and not re.search(r"[A-Za-z0-9_.]\s*\(\s*\)", code):
        return "a pair of brackets holds nothing; put the value or calculation inside them."
    if re.search(r":\s*(?:[),]|$)", code):
        return "a range needs its last cell after the colon, as in A2:A10."
    if code[-1] in _AFTER_NOTHING:
        return (
            f"it ends with {code[-1]}, which needs a value after it; add the cell, number or "
            f"function that should follow, or remove the {code[-1]}."
        )
    if code[0] in _BINARY_ONLY + "=<>,)":
        return (
            f"it starts with {code[0]} straight after the = sign; put the first value before it, "
            "as in =A2*B2."
        )
    if pair := _TWO_OPERATORS.search(code):
        shown = "".join(pair.group().split())
        return f"{shown} puts two operators in a row; put a value between them or remove one."
    return (
        "it could not be read as written; check for a missing value between two operators, a "
        "missing comma between a function's arguments, or a stray character."
    )


@lru_cache(maxsize=4096)
def _compile(formula: str) -> Any:
    try:
        return formulas.Parser().ast(formula)[1].compile()
    except FormulaError as exc:
        raise FormulaRejected(f"The formula has a syntax error: {syntax_problem(formula)}") from exc
    except Exception as exc:  # the parser raises a few non-FormulaError types on odd input
        raise FormulaRejected(f"The formula could not be read: {syntax_problem(formula)}") from exc


def _cells_in(reference: str) -> Iterator[str]:
    min_col, min_row, max_col, max_row = range_boundaries(reference)
    for row in range(min_row or 1, (max_row or 1) + 1):
        for col in range(min_col or 1, (max_col or 1) + 1):
            yield f"{get_column_letter(col)}{row}"


def _input_value(reference: str, cells: dict[str, Scalar]) -> Any:
    min_col, min_row, max_col, max_row = range_boundaries(reference)
    if min_col == max_col and min_row == max_row:
        return cells.get(reference, schedula.EMPTY)
    rows = []
    for row in range(min_row or 1, (max_row or 1) + 1):
        rows.append(
            [
                cells.get(f"{get_column_letter(col)}{row}", schedula.EMPTY)
                for col in range((min_col or 1), (max_col or 1) + 1)
            ]
        )
    return np.array(rows, dtype=object)


def _plain(value: Any) -> Scalar:
    if isinstance(value, np.generic):
        value = value.item()
    if value is schedula.EMPTY:
        return None
    if isinstance(value, XlError):
        return "".join(str(value))
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _flatten(result: Any) -> list[Scalar]:
    if isinstance(result, np.ndarray):
        return [_plain(v) for v in result.ravel().tolist()]
    return [_plain(result)]


def _equal(got: Scalar, expected: Scalar, tolerance: float) -> bool:
    if isinstance(expected, bool) or isinstance(got, bool):
        return got == expected
    if isinstance(expected, int | float) and isinstance(got, int | float):
        return math.isclose(float(got), float(expected), rel_tol=tolerance, abs_tol=tolerance)
    if expected is None:
        return got in (None, "")
    return str(got) == str(expected)


def precheck(task: FormulaTask, formula: str) -> str:
    """Everything that makes a formula unusable, raised before it is stored or evaluated."""
    text = normalise(formula)
    _check_text(text)
    compiled = _compile(text)
    own = set(target_cells(task))
    for reference in compiled.inputs:
        try:
            min_col, min_row, max_col, max_row = range_boundaries(str(reference))
        except ValueError as exc:
            raise FormulaRejected(
                f"{reference} is not a cell or range on this sheet (named ranges are not "
                "defined here); if you meant text, put it in quotes."
            ) from exc
        size = ((max_col or 1) - (min_col or 1) + 1) * ((max_row or 1) - (min_row or 1) + 1)
        if size > MAX_RANGE_CELLS:
            raise FormulaRejected(
                f"{reference} spans {size:,} cells; refer to the data's range instead."
            )
        if set(_cells_in(str(reference))) & own:
            raise FormulaRejected(
                f"The formula refers to {reference}, which includes the cell it is written in "
                f"({task.target}): a circular reference."
            )
    return text


def _compute(compiled: Any, cells: dict[str, Scalar]) -> list[Scalar]:
    values = [_input_value(str(ref), cells) for ref in compiled.inputs]
    try:
        return _flatten(compiled(*values))
    except schedula.DispatcherError as exc:
        raise FormulaRejected("The formula could not be computed; check its arguments.") from exc


def _check(task: FormulaTask, label: str, per_cell: list[tuple[str, str | None]]) -> FormulaCheck:
    cells = sheet_cells(task)
    targets = [cell for cell, _ in per_cell]
    got: list[Scalar] = []
    for _cell, formula in per_cell:
        if formula is None:
            got.append(None)
            continue
        flat = _compute(_compile(formula), cells)
        got.extend(flat if task.spill else (flat[:1] or [None]))
    expected = [to_serial(v) for v in task.expected]
    if task.spill:
        width = max(len(got), len(expected))
        got += [None] * (width - len(got))
        expected += [None] * (width - len(expected))
        column, row = coordinate_from_string(task.target)
        targets = [f"{column}{row + i}" for i in range(width)]
    checks = tuple(
        CellCheck(cell, g, e, _equal(g, e, task.tolerance))
        for cell, g, e in zip(targets, got, expected, strict=True)
    )
    return FormulaCheck(label, checks)


def evaluate(task: FormulaTask, formula: str) -> FormulaCheck:
    """Compute the formula in every target cell, copied as the fill handle would, and compare."""
    text = precheck(task, formula)
    per_cell = [
        (cell, Translator(text, origin=task.target).translate_formula(cell))
        for cell in target_cells(task)
    ]
    if task.spill:
        per_cell = per_cell[:1]
    return _check(task, text, per_cell)


def evaluate_cells(task: FormulaTask, formulas_by_cell: dict[str, str]) -> FormulaCheck:
    """Compute each target cell's own formula (an uploaded workbook); a cell without one is
    wrong, since typed-in values are not computed."""
    targets = target_cells(task)[:1] if task.spill else target_cells(task)
    per_cell: list[tuple[str, str | None]] = []
    for cell in targets:
        formula = formulas_by_cell.get(cell)
        per_cell.append((cell, precheck(task, formula) if formula else None))
    label = "; ".join(f"{cell}: {formulas_by_cell.get(cell, '(none)')}" for cell in targets)
    return _check(task, label, per_cell)


UPLOAD_LINE = re.compile(r"^\s*([A-Z]{1,3}[1-9][0-9]*)\s*:\s*(=.*)$")


def parse_cell_formulas(text: str) -> dict[str, str] | None:
    """`D2: =B2*C2` lines (how an uploaded workbook's formulas are stored), or None."""
    lines = [line for line in text.splitlines() if line.strip()]
    matches = [UPLOAD_LINE.match(line) for line in lines]
    if not lines or not all(matches):
        return None
    return {m.group(1): m.group(2).strip() for m in matches if m}
