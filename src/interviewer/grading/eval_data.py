"""Human-scored answers for `interviewer eval grader`, read from a CSV file.

Two forms, told apart by the header (extra columns are ignored):
- free text: question, reference_answer, student_answer[, score]; each distinct question becomes
  a conceptual Question whose key points are the reference's clauses;
- bank items: item_id, student_answer[, score]; the item becomes a Question as in an interview.
"""

from __future__ import annotations

import csv
import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from interviewer.banks.loader import BankSet, default_banks
from interviewer.core.model import Question
from interviewer.core.selection import question_from_item

FREE_COLUMNS = ("question", "reference_answer", "student_answer")
ITEM_COLUMNS = ("item_id", "student_answer")
SCORE = "score"


class EvalDataError(ValueError):
    """The file cannot be evaluated as given; the message says which row and why."""


@dataclass(frozen=True)
class EvalRow:
    index: int
    """1-based, header not counted."""
    question: Question
    answer: str
    human: float | None
    question_id: str | None = None


def free_question(text: str, reference: str) -> Question:
    """A question with only a reference: no key points are invented for it, so it is graded on
    agreement with the reference, as the technical model was fitted (scripts/fit_technical.py).
    Clause-made key points lowered r on grading-dev from 0.618 to 0.470."""
    return Question(
        id=uuid.uuid5(uuid.NAMESPACE_URL, f"eval:{text}\n{reference}"),
        seq=1,
        track="custom",
        topic="custom",
        difficulty=3,
        kind="conceptual",
        text=text,
        hint="",
        reference=reference,
    )


def _score(raw: str | None, index: int) -> float | None:
    text = (raw or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise EvalDataError(f"row {index}: score {text!r} is not a number") from None
    if not math.isfinite(value):
        raise EvalDataError(f"row {index}: score {text!r} is not a finite number")
    return value


def _form(header: list[str]) -> str:
    if all(c in header for c in ITEM_COLUMNS):
        return "items"
    if all(c in header for c in FREE_COLUMNS):
        return "free"
    raise EvalDataError(
        f"unknown header ({', '.join(header) or 'empty'}): expected "
        f"{', '.join(FREE_COLUMNS)}[, {SCORE}] or {', '.join(ITEM_COLUMNS)}[, {SCORE}]"
    )


def _item_reader(banks: BankSet) -> Callable[[dict[str, str], int], Question]:
    made: dict[str, Question] = {}

    def question(row: dict[str, str], index: int) -> Question:
        item_id = (row["item_id"] or "").strip()
        if item_id not in made:
            item = banks.item(item_id)
            if item is None:
                raise EvalDataError(f"row {index}: unknown item_id {item_id!r}")
            if item.kind == "excel_formula":
                raise EvalDataError(
                    f"row {index}: {item_id} is a formula task, which the formula engine grades, "
                    "not the text grader measured here"
                )
            made[item_id] = question_from_item(
                item, new_id=uuid.uuid5(uuid.NAMESPACE_URL, f"eval-item:{item_id}"), seq=1
            )
        return made[item_id]

    return question


def _free_reader() -> Callable[[dict[str, str], int], Question]:
    made: dict[tuple[str, str], Question] = {}

    def question(row: dict[str, str], index: int) -> Question:
        text, reference = (row["question"] or "").strip(), (row["reference_answer"] or "").strip()
        if not text or not reference:
            raise EvalDataError(f"row {index}: question and reference_answer must not be empty")
        key = (text, reference)
        if key not in made:
            made[key] = free_question(text, reference)
        return made[key]

    return question


def read_rows(path: Path, *, banks: BankSet | None = None) -> list[EvalRow]:
    try:
        rows = _read(path, banks)
    except UnicodeDecodeError as exc:
        raise EvalDataError(f"{path.name} is not UTF-8 text: {exc.reason}") from None
    except csv.Error as exc:
        raise EvalDataError(f"{path.name} is not a readable CSV file: {exc}") from None
    if not rows:
        raise EvalDataError(f"{path.name} has a header but no rows")
    return rows


def _read(path: Path, banks: BankSet | None) -> list[EvalRow]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [name.strip() for name in reader.fieldnames or []]
        reader.fieldnames = header
        form = _form(header)
        question = _item_reader(banks or default_banks()) if form == "items" else _free_reader()
        rows = []
        for index, raw in enumerate(reader, start=1):
            rows.append(
                EvalRow(
                    index=index,
                    question=question(raw, index),
                    answer=raw["student_answer"] or "",
                    human=_score(raw.get(SCORE), index),
                    question_id=(raw.get("item_id") or raw.get("question_id") or "").strip()
                    or None,
                )
            )
    return rows
