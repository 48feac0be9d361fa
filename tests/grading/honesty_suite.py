"""Load and grade the honesty answers (tests/grading/honesty/*.yaml); shared by the tests and
bench/honesty.py."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from interviewer.banks.loader import bank_files, parse_banks
from interviewer.core.model import Question
from interviewer.core.selection import question_from_item
from interviewer.grading.grader import grade_answer

HERE = Path(__file__).parent / "honesty"
BAD_KINDS = ("keywords", "salad", "confident_wrong", "negated", "partial")
KINDS = ("strong", *BAD_KINDS)


@dataclass(frozen=True)
class Case:
    item_id: str
    track: str
    technical: dict[str, int]
    flags: dict[str, tuple[str, ...]]

    @property
    def strong_wins(self) -> bool:
        return all(self.technical["strong"] > self.technical[k] for k in BAD_KINDS)


@dataclass(frozen=True)
class SuiteResult:
    cases: list[Case]

    def share(self, test: Callable[[Case], bool]) -> float:
        return sum(1 for c in self.cases if test(c)) / len(self.cases)


@cache
def bank_questions() -> dict[str, Question]:
    banks, problems = parse_banks(bank_files())
    assert not problems
    return {
        item.id: question_from_item(item, new_id=uuid.uuid4(), seq=1)
        for bank in banks
        for item in bank.items
    }


@cache
def run_suite() -> SuiteResult:
    questions = bank_questions()
    cases = []
    for path in sorted(HERE.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
            question = questions[entry["item_id"]]
            graded = {kind: grade_answer(question, entry[kind]) for kind in KINDS}
            cases.append(
                Case(
                    item_id=entry["item_id"],
                    track=question.track,
                    technical={k: e.technical for k, e in graded.items()},
                    flags={k: e.flags for k, e in graded.items()},
                )
            )
    return SuiteResult(cases)
