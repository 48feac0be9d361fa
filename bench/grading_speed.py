"""How fast the offline grader starts and grades (issue 9: under 20 ms median, start under 2 s).

Start-up is measured in a fresh interpreter: importing the grader, loading the embedding model
and the word-order model, and the first grade. Per-answer time is the median over every
honesty-suite answer and the grading-dev answers (when shared/data is beside the project),
next to a word-overlap score computed in the same run as the baseline.

    .venv/bin/python bench/grading_speed.py
"""

from __future__ import annotations

import csv
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.grading.honesty_suite import HERE, KINDS, bank_questions  # noqa: E402

from bench.grading_agreement import DEFAULT, dev_questions  # noqa: E402
from interviewer.grading.grader import grade_answer, reference_recall  # noqa: E402
from interviewer.grading.text import tokenize  # noqa: E402

STARTUP = """
import time
started = time.perf_counter()
from interviewer.grading.grader import OfflineGrader, grade_answer
from interviewer.grading.claims import order_model
OfflineGrader()
order_model()
loaded = time.perf_counter()
from tests.grading.honesty_suite import bank_questions
q = next(iter(bank_questions().values()))
grade_answer(q, "VLOOKUP looks up a value in the first column and returns a value in the row.")
print(loaded - started, time.perf_counter() - loaded)
"""


def timed(pairs: list[tuple[object, str]], grade: object) -> list[float]:
    times = []
    for question, answer in pairs:
        started = time.perf_counter()
        grade(question, answer)  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    runs = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", STARTUP], capture_output=True, text=True, check=True, cwd=ROOT
        ).stdout.split()
        runs.append((float(out[0]), float(out[1])))
    load = statistics.median(r[0] for r in runs)
    first = statistics.median(r[1] for r in runs)
    print(f"start-up (median of 3 fresh processes): load {load:.2f} s, first grade {first:.3f} s")

    questions = bank_questions()
    entries = [e for p in sorted(HERE.glob("*.yaml")) for e in yaml.safe_load(p.read_text())]
    pairs: list[tuple[object, str]] = [
        (questions[e["item_id"]], e[k]) for e in entries for k in KINDS
    ]
    if DEFAULT.exists():
        rows = list(csv.DictReader(DEFAULT.open(encoding="utf-8")))
        dev = dev_questions(rows)
        pairs += [(dev[r["question_id"]], r["student_answer"]) for r in rows]
    for question, answer in pairs[:50]:
        grade_answer(question, answer)  # type: ignore[arg-type]
    ours = timed(pairs, grade_answer)
    baseline = timed(pairs, lambda q, a: reference_recall(tokenize(a), q.reference))
    median, p95 = statistics.median(ours), statistics.quantiles(ours, n=20)[-1]
    base = statistics.median(baseline)
    print(f"{len(pairs)} answers: median {median:.2f} ms, p95 {p95:.2f} ms per answer")
    print(f"word-overlap baseline: median {base:.3f} ms; ratio {median / base:.0f}x")


if __name__ == "__main__":
    main()
