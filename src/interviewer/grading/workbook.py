"""A formula task's sheet as a real .xlsx, and the formulas read back from an upload.

Uploads are untrusted: size, zip structure, expansion ratio (zip bombs) and macros are checked
before openpyxl opens the file. Macros are never run; values cached in the file are never read.
"""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.formula import ArrayFormula

from interviewer.banks.schema import FormulaTask
from interviewer.grading.excel import target_cells

MAX_UNCOMPRESSED_BYTES = 50_000_000
MAX_RATIO = 100
TARGET_FILL = PatternFill("solid", fgColor="FFF2CC")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_PREFIXES = ("_xlfn._xlws.", "_xlfn.", "_xlws.")


class UploadRejected(ValueError):
    """An upload that is refused; the message says why and what to send instead."""

    def __init__(self, message: str, *, too_large: bool = False) -> None:
        super().__init__(message)
        self.too_large = too_large


def build_workbook(task: FormulaTask, *, instructions: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = task.sheet
    sheet.append(list(task.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in task.rows:
        sheet.append(list(row))
    for ref, value in task.extra_cells.items():
        sheet[ref] = value
    for ref in target_cells(task)[:1] if task.spill else target_cells(task):
        sheet[ref].fill = TARGET_FILL
    notes = book.create_sheet("Task")
    notes["A1"] = instructions
    notes["A3"] = f"Write your formula in {task.sheet}!{task.target} (highlighted)."
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _check_archive(data: bytes, *, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise UploadRejected(
            f"The file is {len(data):,} bytes; the limit is {max_bytes:,}.", too_large=True
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UploadRejected("This is not an .xlsx workbook; save it as Excel Workbook (.xlsx).")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        names = {info.filename.lower() for info in infos}
        if "[content_types].xml" not in names or not any(n.startswith("xl/") for n in names):
            raise UploadRejected("This zip is not an .xlsx workbook; save it as .xlsx.")
        if any(n.endswith("vbaproject.bin") for n in names):
            raise UploadRejected(
                "The workbook contains macros. Macros are never run here; "
                "save it as a macro-free .xlsx and upload again."
            )
        total = sum(info.file_size for info in infos)
        packed = sum(info.compress_size for info in infos) or 1
        if total > MAX_UNCOMPRESSED_BYTES or total / packed > MAX_RATIO:
            raise UploadRejected("The workbook expands to an implausible size; it was refused.")


def _strip_prefixes(formula: str) -> str:
    for prefix in _PREFIXES:
        formula = formula.replace(prefix, "").replace(prefix.upper(), "")
    return formula


def read_formulas(task: FormulaTask, data: bytes, *, max_bytes: int) -> dict[str, str]:
    """The formulas in the task's target cells, keyed by cell."""
    _check_archive(data, max_bytes=max_bytes)
    try:
        book = load_workbook(io.BytesIO(data), data_only=False, keep_vba=False)
    except Exception as exc:  # openpyxl raises many types on malformed parts
        raise UploadRejected(f"The workbook could not be read: {exc}") from exc
    sheet = book[task.sheet] if task.sheet in book.sheetnames else book.worksheets[0]
    found: dict[str, str] = {}
    for ref in target_cells(task)[:1] if task.spill else target_cells(task):
        value = sheet[ref].value
        if isinstance(value, ArrayFormula):
            value = value.text
        if isinstance(value, str) and value.startswith("="):
            found[ref] = _strip_prefixes(value)
    if not found:
        raise UploadRejected(
            f"No formula found in {task.sheet}!{task.target}; write a formula there "
            "(typed-in values are not accepted)."
        )
    return found


def answer_text(task: FormulaTask, found: dict[str, str]) -> str:
    """How an upload is stored and graded: one formula written only in the target cell is
    filled down like the typed answer; otherwise every cell's own formula, as `CELL: formula`."""
    if set(found) == {task.target}:
        return found[task.target]
    return "\n".join(f"{cell}: {formula}" for cell, formula in found.items())
