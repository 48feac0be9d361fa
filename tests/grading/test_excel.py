"""Formula tasks: computed with the engine, feedback that explains, hostile input refused."""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid
import zipfile

import pytest
from openpyxl import load_workbook

from interviewer.banks.schema import FormulaTask
from interviewer.core.model import Question
from interviewer.errors import InvalidInput
from interviewer.grading.excel import FormulaRejected, evaluate
from interviewer.grading.formula_grader import FormulaGrader
from interviewer.grading.sandbox import FormulaSandbox
from interviewer.grading.workbook import (
    UploadRejected,
    answer_text,
    build_workbook,
    read_formulas,
)

TOTALS = FormulaTask(
    columns=("Item", "Qty", "Unit price", "Total"),
    rows=(("Pens", 10, 1.5), ("Paper", 3, 4.25), ("Ink", 2, 19.99)),
    extra_cells={"F1": "VAT", "F2": 0.2},
    target="D2",
    fill_down=True,
    expected=(18.0, 15.3, 47.976),
    formulas=("=B2*C2*(1+$F$2)",),
)
PRICES = FormulaTask(
    columns=("Code", "Name", "Price"),
    rows=(("A-1", "Pen", 1.5), ("B-2", "Pad", 4.0), ("C-3", "Ink", 19.0)),
    extra_cells={"E1": "Find", "E2": "B-2"},
    target="F2",
    expected=(4.0,),
    formulas=("=XLOOKUP(E2,A2:A4,C2:C4)",),
)
SPILL = FormulaTask(
    columns=("Name", "Score"),
    rows=(("Ana", 91), ("Ben", 55), ("Cy", 78)),
    target="D2",
    spill=True,
    expected=("Ana", "Cy"),
    formulas=("=FILTER(A2:A4,B2:B4>=70)",),
)


def question(task: FormulaTask) -> Question:
    return Question(
        id=uuid.uuid4(), seq=1, track="excel", topic="lookups", difficulty=2,
        kind="excel_formula", text="Fill in the target cell as the task says.",
        hint="Think it through.", reference="Reference explanation.", task=task,
    )  # fmt: skip


@pytest.mark.parametrize(
    "formula", ["=B2*C2*(1+$F$2)", "=B2*C2*1.2", "=PRODUCT(B2,C2,1+$F$2)", "B2*C2+B2*C2*$F$2"]
)
def test_any_formula_that_computes_the_values_passes(formula: str):
    assert evaluate(TOTALS, formula).fraction == 1.0


def test_a_relative_reference_that_breaks_on_fill_down_gets_partial_credit():
    check = evaluate(TOTALS, "=B2*C2*(1+F2)")
    assert check.fraction == pytest.approx(1 / 3)
    assert [c.cell for c in check.cells if not c.ok] == ["D3", "D4"]


@pytest.mark.parametrize(
    "formula",
    ["=XLOOKUP(E2,A2:A4,C2:C4)", "=INDEX(C2:C4,MATCH(E2,A2:A4,0))", "=VLOOKUP(E2,A2:C4,3,FALSE)",
     "=SUMIFS(C2:C4,A2:A4,E2)", "=SUMPRODUCT((A2:A4=E2)*C2:C4)",
     "=SUMPRODUCT(--(A2:A4=E2),C2:C4)"],
)  # fmt: skip
def test_lookups_pass_whichever_function_is_used(formula: str):
    assert evaluate(PRICES, formula).fraction == 1.0


async def test_feedback_names_the_error_and_what_was_expected():
    grader = FormulaGrader(FormulaSandbox())
    try:
        ref = await grader.grade(question(PRICES), "=VLOOKUP(E2,A2:C4,4,FALSE)")
        na = await grader.grade(question(PRICES), '=VLOOKUP("Z-9",A2:C4,3,FALSE)')
        good = await grader.grade(question(PRICES), "=INDEX(C2:C4,MATCH(E2,A2:A4,0))")
    finally:
        grader.sandbox.close()
    assert ref.technical == 1 and "#REF!" in ref.feedback and "expected 4" in ref.feedback
    assert "#N/A" in na.feedback and "lookup found no match" in na.feedback
    assert good.technical == 10 and good.communication is None and good.confidence is None
    assert "not scored from a formula" in good.feedback
    assert "=XLOOKUP(E2,A2:A4,C2:C4)" in ref.examples_or_corrections
    assert [c.ok for c in good.cells] == [True]


def test_dynamic_arrays_spill_and_compare_as_a_column():
    assert evaluate(SPILL, "=FILTER(A2:A4,B2:B4>=70)").fraction == 1.0
    wrong = evaluate(SPILL, "=FILTER(A2:A4,B2:B4>80)")
    assert wrong.fraction == 0.5 and [c.got for c in wrong.cells] == ["Ana", None]


@pytest.mark.parametrize(
    ("formula", "says"),
    [
        ("=SUM(B2:B4", "syntax error"),
        ("=SUMM(B2:B4)", "SUMM is not a function"),
        ("=SUM(D2:D4)", "circular reference"),
        ("=D3+1", "circular reference"),
        ("=SUM(B:B)", "Whole-column"),
        ("=SUM(2:2)", "Whole-column or whole-row"),
        ("=" + "+".join(["B2"] * 400), "keep it under 1000"),
        ("=Other!B2", "this sheet only"),
        ("", "Write a formula"),
        ("I would LOOK it up with VLOOKUP", "not a cell or range"),
        ("=Rate*B2", "not a cell or range"),
    ],
)
async def test_hostile_formulas_are_refused_with_a_clear_message(formula: str, says: str):
    grader = FormulaGrader(FormulaSandbox())
    try:
        with pytest.raises(InvalidInput) as caught:
            await grader.precheck(question(TOTALS), formula)
    finally:
        grader.sandbox.close()
    assert says in caught.value.message and caught.value.field == "text"


async def test_a_formula_running_past_the_time_limit_is_stopped():
    sandbox = FormulaSandbox(timeout_s=2.0)
    try:
        assert (await sandbox.evaluate(TOTALS, "=B2*C2*1.2")).fraction == 1.0
        with pytest.raises(FormulaRejected, match="longer than 2 s"):
            await sandbox.evaluate(TOTALS, '=SUMPRODUCT((G1:Z80000="x")*1)')
        assert (await sandbox.evaluate(TOTALS, "=B2*C2*1.2")).fraction == 1.0, "recovers"
    finally:
        sandbox.close()


def _filled(task: FormulaTask, formulas: dict[str, str]) -> bytes:
    book = load_workbook(io.BytesIO(build_workbook(task, instructions="Do the task.")))
    sheet = book[task.sheet]
    for cell, formula in formulas.items():
        sheet[cell] = formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_downloaded_workbook_holds_the_data_and_marks_the_target():
    book = load_workbook(io.BytesIO(build_workbook(TOTALS, instructions="Compute totals.")))
    sheet = book["Data"]
    assert [c.value for c in sheet[1]][:4] == ["Item", "Qty", "Unit price", "Total"]
    assert sheet["B3"].value == 3 and sheet["F2"].value == 0.2
    assert sheet["D2"].fill.fgColor.rgb.endswith("FFF2CC")
    assert "Compute totals." in book["Task"]["A1"].value


def test_uploaded_formulas_are_read_cell_by_cell_without_cached_values():
    data = _filled(TOTALS, {"D2": "=B2*C2*1.2", "D3": "=B3*C3*1.2", "D4": "=B4*C4*1.2"})
    found = read_formulas(TOTALS, data, max_bytes=2_000_000)
    assert found == {"D2": "=B2*C2*1.2", "D3": "=B3*C3*1.2", "D4": "=B4*C4*1.2"}


def test_typed_in_values_are_not_accepted_as_formulas():
    book = load_workbook(io.BytesIO(build_workbook(TOTALS, instructions="x")))
    book["Data"]["D2"] = 18
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(UploadRejected, match="No formula found"):
        read_formulas(TOTALS, out.getvalue(), max_bytes=2_000_000)


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "says", "too_large"),
    [
        (b"x" * 2_000_001, "limit is 2,000,000", True),
        (b"%PDF-1.7 not a workbook", "not an .xlsx", False),
        (_zip({"hello.txt": b"hi"}), "not an .xlsx", False),
        (_zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"0" * 30_000_000}),
         "implausible size", False),
        (_zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>",
               "xl/vbaProject.bin": b"\x00macro"}), "Macros are never run", False),
        (_zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<broken"}),
         "could not be read", False),
    ],
)  # fmt: skip
def test_hostile_uploads_are_refused(data: bytes, says: str, too_large: bool):
    with pytest.raises(UploadRejected) as caught:
        read_formulas(TOTALS, data, max_bytes=2_000_000)
    assert says in str(caught.value) and caught.value.too_large is too_large


def test_an_upload_with_only_the_target_filled_is_filled_down_like_a_typed_answer():
    only_first = read_formulas(TOTALS, _filled(TOTALS, {"D2": "=B2*C2*1.2"}), max_bytes=2_000_000)
    assert answer_text(TOTALS, only_first) == "=B2*C2*1.2"
    assert evaluate(TOTALS, answer_text(TOTALS, only_first)).fraction == 1.0
    every = {"D2": "=B2*C2*1.2", "D3": "=B3*C3", "D4": "=B4*C4*1.2"}
    text = answer_text(TOTALS, every)
    assert text.splitlines()[1] == "D3: =B3*C3"


ODD = ["=", "==", "=()", "=A0", "=ZZZZ1", "=A1:", "={1,2;3,4}", '="', "=#N/A", "=A1 B1",
       "=@A1", "=-", "=A1048577", "=XFE1", "=1e400", "=%", "=SUM(A1,,)",
       "=ILY6:KU=1>IIv"]  # fmt: skip


@pytest.mark.parametrize("formula", ODD)
def test_odd_input_is_computed_or_refused_never_a_crash(formula: str):
    try:
        check = evaluate(TOTALS, formula)
    except FormulaRejected:
        return
    assert len(check.cells) == len(TOTALS.rows)


@pytest.mark.parametrize(
    ("formula", "says"),
    [
        ("=A2*", "ends with *, which needs a value after it"),
        ("=B2+", "ends with +"),
        ("=B2+*C2", "+* puts two operators in a row"),
        ("=*B2", "starts with *"),
        ('=B2&"each', "missing its closing quote"),
        ("=SUM(B2:B4", "the brackets do not pair up (1 opening, 0 closing)"),
        ("=SUM(B2;C2)", "separated by commas"),
        ("=SUM(B2:)", "a range needs its last cell"),
        ("=", "nothing after the = sign"),
    ],
)
async def test_a_syntax_error_says_what_is_wrong_and_what_to_fix(formula: str, says: str):
    """The engine's own message is "Not a valid formula: %s"; the candidate gets words."""
    grader = FormulaGrader(FormulaSandbox())
    try:
        with pytest.raises(InvalidInput) as caught:
            await grader.precheck(question(TOTALS), formula)
    finally:
        grader.sandbox.close()
    message = caught.value.message
    assert says in message and "%s" not in message and "Not a valid formula" not in message


DUE = FormulaTask(
    columns=("Invoice", "Invoice date", "Due date"),
    rows=(("A-1", dt.date(2024, 1, 31)), ("A-2", dt.date(2024, 2, 15))),
    target="C2",
    fill_down=True,
    expected=(dt.date(2024, 3, 1), dt.date(2024, 3, 16)),
    formulas=("=B2+30",),
    alternatives=("=B2+DAY(30)",),
)


async def test_a_date_task_shows_dates_not_serial_numbers():
    grader = FormulaGrader(FormulaSandbox())
    try:
        wrong = await grader.grade(question(DUE), "=B2+31")
    finally:
        grader.sandbox.close()
    assert "C2: your formula gave 2 Mar 2024, expected 1 Mar 2024." in wrong.feedback
    assert not re.search(r"\b4\d{4}\b", wrong.feedback)  # no serial such as 45352
    assert [(c.got_text, c.expected_text) for c in wrong.cells] == [
        ("2 Mar 2024", "1 Mar 2024"),
        ("17 Mar 2024", "16 Mar 2024"),
    ]


async def test_computed_numbers_are_rounded_for_reading():
    grader = FormulaGrader(FormulaSandbox())
    try:
        wrong = await grader.grade(question(TOTALS), "=B2*C2/7")
    finally:
        grader.sandbox.close()
    assert "D2: your formula gave 2.143, expected 18." in wrong.feedback
    assert "expected 47.98" in wrong.feedback  # 47.976
    assert not re.search(r"\d\.\d{5,}", wrong.feedback + wrong.rationale)
    assert wrong.cells[0].got_text == "2.143" and wrong.cells[0].got == pytest.approx(15 / 7)


async def test_a_correct_formula_is_not_offered_a_stronger_one():
    grader = FormulaGrader(FormulaSandbox())
    try:
        right = await grader.grade(question(DUE), "=B2+30")
    finally:
        grader.sandbox.close()
    assert right.technical == 10
    assert right.feedback.startswith("Correct: all 2 computed cells match the expected values.")
    assert "A reference formula" not in right.examples_or_corrections
    assert right.examples_or_corrections.startswith("Also correct: =B2+DAY(30)")
    assert "=B2+30," not in right.examples_or_corrections  # the candidate's own formula
