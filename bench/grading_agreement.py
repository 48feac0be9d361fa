"""How well the offline grader agrees with human graders, and how fast it grades.

Data: shared/data/grading-dev/short-answers-dev.csv (UNT short-answer set v2.0, Mohler et al.
2011), read from its place beside the project and never copied in. Each question's reference
answer becomes the reference (the set has no curated key points). Prints Pearson r and RMSE
(grader's 1-10 mapped linearly to 0-5) against the mean human score for:
- the grader with its shipped weights (fitted on this very set, so an optimistic figure);
- the grader cross-validated: for each assignment (and then each question), the technical
  model is refitted on the others and the left-out answers are graded by the full grader with
  those weights, so every figure comes from questions the grader was not tuned on;
- a word-overlap baseline measured in the same run, and the human graders' agreement.

    .venv/bin/python bench/grading_agreement.py [path/to/short-answers-dev.csv]
"""

from __future__ import annotations

import csv
import math
import statistics
import sys
import time
import uuid
from pathlib import Path

import numpy as np

from interviewer.core.model import Question
from interviewer.grading.grader import evidence_for, grade_answer
from interviewer.grading.technical import TechnicalModel
from interviewer.grading.text import content_stems, tokenize

DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/grading-dev/short-answers-dev.csv"


def pearson(xs: list[float], ys: list[float]) -> float:
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    sy = math.sqrt(sum((y - my) ** 2 for y in ys))
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / (sx * sy)


def rmse(xs: list[float], ys: list[float]) -> float:
    return math.sqrt(statistics.fmean((x - y) ** 2 for x, y in zip(xs, ys, strict=True)))


def overlap(answer: str, reference: str) -> float:
    wanted = set(content_stems(reference))
    return len(wanted & set(content_stems(answer))) / max(1, len(wanted))


def dev_questions(rows: list[dict[str, str]]) -> dict[str, Question]:
    questions: dict[str, Question] = {}
    for row in rows:
        questions.setdefault(
            row["question_id"],
            Question(
                id=uuid.uuid4(), seq=1, track="cs", topic="data-structures", difficulty=3,
                kind="conceptual", text=row["question"], hint="(none)",
                reference=row["reference_answer"],
            ),
        )  # fmt: skip
    return questions


def cross_validated(rows: list[dict[str, str]], folds: list[str]) -> list[float]:
    """Each fold graded by the full grader with weights fitted on the other folds only."""
    questions = dev_questions(rows)
    x, y, _ = design_rows(rows)
    labels = np.array(folds)
    scores = [0.0] * len(rows)
    for fold in sorted(set(folds)):
        held = labels == fold
        weights = np.linalg.lstsq(x[~held], y[~held], rcond=None)[0]
        model = TechnicalModel(tuple(float(w) for w in weights[:-1]), float(weights[-1]))
        for i in np.flatnonzero(held):
            row = rows[i]
            graded = grade_answer(questions[row["question_id"]], row["student_answer"], model=model)
            scores[i] = (graded.technical - 1) / 9 * 5
    return scores


def design_rows(rows: list[dict[str, str]]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The technical model's inputs (plus a constant) and target (human score / 5), per row."""
    questions = dev_questions(rows)
    features = []
    for row in rows:
        text = row["student_answer"].strip()
        features.append(evidence_for(questions[row["question_id"]], text, tokenize(text)).vector())
    x = np.column_stack([np.array(features), np.ones(len(rows))])
    y = np.array([float(r["score"]) for r in rows]) / 5
    return x, y, [r["question_id"] for r in rows]


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    questions = dev_questions(rows)
    started = time.perf_counter()
    graded = [grade_answer(questions[r["question_id"]], r["student_answer"]) for r in rows]
    elapsed = time.perf_counter() - started
    human = [float(r["score"]) for r in rows]
    shipped = [(e.technical - 1) / 9 * 5 for e in graded]
    by_assignment = cross_validated(rows, [r["question_id"].split(".")[0] for r in rows])
    by_question = cross_validated(rows, [r["question_id"] for r in rows])
    baseline = [overlap(r["student_answer"], r["reference_answer"]) * 5 for r in rows]

    def report(name: str, scores: list[float]) -> None:
        print(f"{name:<46} r={pearson(scores, human):.3f}  rmse={rmse(scores, human):.3f}")

    print(f"{len(rows)} answers, {len(questions)} questions")
    report("grader, cross-validated by assignment (6 folds)", by_assignment)
    report("grader, cross-validated by question (37 folds)", by_question)
    report("grader, shipped weights (fitted on this set)", shipped)
    report("word-overlap baseline", baseline)
    g1 = [float(r["score_grader1_ta"]) for r in rows]
    g2 = [float(r["score_grader2_mohler"]) for r in rows]
    print(f"{'human vs human':<46} r={pearson(g1, g2):.3f}")
    r_ours, r_base = pearson(by_assignment, human), pearson(baseline, human)
    print(f"ratio cross-validated grader / baseline r: {r_ours / r_base:.2f}")
    per_answer = elapsed * 1000 / len(rows)
    print(f"speed: {len(rows) / elapsed:,.0f} answers/s ({per_answer:.2f} ms each, mean)")


if __name__ == "__main__":
    main()
