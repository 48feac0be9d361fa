"""Fit the technical model's weights to human grades and judge them on unseen questions.

Reads shared/data/grading-dev/short-answers-dev.csv from beside the project (never copied in),
reads every answer's Evidence with the grader's own code and fits least squares of human
score / 5 on it. Before writing the weights it prints Pearson r of the pooled predictions of
a cross-validation in which each fold's questions were left out of that fold's fit (by
assignment, and by question), so the figure says how the grader does on questions it was not
tuned on.

    .venv/bin/python scripts/fit_technical.py [path/to/short-answers-dev.csv] [--dry-run]
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from grading_agreement import DEFAULT, design_rows  # noqa: E402

from interviewer.grading.technical import FEATURES  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src/interviewer/grading/data/technical_model.json"


def design(path: Path) -> tuple[np.ndarray, np.ndarray, list[str]]:
    return design_rows(list(csv.DictReader(path.open(encoding="utf-8"))))


def cross_validated_r(x: np.ndarray, y: np.ndarray, groups: list[str]) -> float:
    labels = np.array(groups)
    predicted = np.zeros(len(y))
    for group in np.unique(labels):
        held = labels == group
        weights = np.linalg.lstsq(x[~held], y[~held], rcond=None)[0]
        predicted[held] = np.clip(x[held] @ weights, 0, 1)
    return float(np.corrcoef(predicted, y)[0, 1])


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = Path(args[0]) if args else DEFAULT
    x, y, question_ids = design(path)
    assignments = [q.split(".")[0] for q in question_ids]
    by_assignment = cross_validated_r(x, y, assignments)
    by_question = cross_validated_r(x, y, question_ids)
    weights = np.linalg.lstsq(x, y, rcond=None)[0]
    print(f"answers: {len(y)}, questions: {len(set(question_ids))}")
    print(f"cross-validated Pearson r, leaving out each assignment: {by_assignment:.3f}")
    print(f"cross-validated Pearson r, leaving out each question:   {by_question:.3f}")
    for name, weight in zip(FEATURES, weights[:-1], strict=True):
        print(f"  {name:<16} {weight:+.4f}")
    print(f"  {'intercept':<16} {weights[-1]:+.4f}")
    if "--dry-run" in sys.argv:
        return
    OUT.write_text(
        json.dumps(
            {
                "made_by": "scripts/fit_technical.py",
                "data": "shared/data/grading-dev/short-answers-dev.csv (UNT v2.0, Mohler 2011)",
                "target": "mean human score / 5",
                "features": list(FEATURES),
                "weights": [round(float(w), 6) for w in weights[:-1]],
                "intercept": round(float(weights[-1]), 6),
                "cross_validated_r": {
                    "by_assignment": round(by_assignment, 4),
                    "by_question": round(by_question, 4),
                },
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
