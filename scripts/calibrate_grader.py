"""Fit the curve from the grader's 1-10 technical score to the human 0-5 scale.

Grades shared/data/grading-dev/short-answers-dev.csv (read from beside the project, never copied
in) as `interviewer eval grader` does, fits isotonic regression of the human score on the
technical score and writes the curve's value at every score 1-10 to
src/interviewer/grading/data/calibration.json. Re-run it whenever the grader changes.

The curve is fitted on the same answers the dev-set figures are measured on, so it also prints
the figures with each question's answers mapped by a curve fitted without that question.

    .venv/bin/python scripts/calibrate_grader.py [path/to/answers.csv] [--dry-run]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from interviewer.grading.calibration import Calibration, fit_points, linear
from interviewer.grading.eval_data import read_rows
from interviewer.grading.eval_run import default_scale
from interviewer.grading.grader import grade_answer
from interviewer.grading.metrics import pearson, rmse

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/grading-dev/short-answers-dev.csv"
OUT = ROOT / "src/interviewer/grading/data/calibration.json"


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = Path(args[0]) if args else DEFAULT
    rows = [r for r in read_rows(path) if r.human is not None]
    low, high = default_scale(rows)
    technical = [grade_answer(r.question, r.answer).technical for r in rows]
    human = [r.human for r in rows if r.human is not None]
    points = fit_points(technical, human)
    curve = Calibration((low, high), tuple((float(x), y) for x, y in points))

    held_out = [0.0] * len(rows)
    for text in {r.question.text for r in rows}:
        keep = [i for i, r in enumerate(rows) if r.question.text != text]
        fold = fit_points([technical[i] for i in keep], [human[i] for i in keep])
        fold_curve = Calibration((low, high), tuple((float(x), y) for x, y in fold))
        for i, r in enumerate(rows):
            if r.question.text == text:
                held_out[i] = fold_curve.to_scale(technical[i], low, high)

    figures = {
        "linear": [linear(t, low, high) for t in technical],
        "calibrated (fitted on these answers)": [curve.to_scale(t, low, high) for t in technical],
        "calibrated, each question left out of its fit": held_out,
    }
    print(f"{len(rows)} human-scored answers from {path.name}, scale {low:g}-{high:g}")
    for name, mapped in figures.items():
        print(f"  {name:<48} r={pearson(mapped, human):.3f}  rmse={rmse(mapped, human):.3f}")
    for score, value in points:
        print(f"  technical {score:>2} -> {value:.2f}")
    if "--dry-run" in sys.argv:
        return
    try:
        source = str(path.resolve().relative_to(ROOT.parent))
    except ValueError:
        source = path.name
    data = {
        "source": source,
        "scale": [int(v) if v.is_integer() else v for v in (low, high)],
        "points": [[score, value] for score, value in points],
        "made_by": "scripts/calibrate_grader.py",
        "method": "isotonic regression (pool adjacent violators) of human score on technical",
        "questions": "as `interviewer eval grader` builds them: reference only, no key points",
        "answers": len(rows),
        "held_out_by_question": {
            "pearson": round(pearson(held_out, human), 4),
            "rmse": round(rmse(held_out, human), 4),
        },
    }
    text = re.sub(r"\[\s+(-?[\d.]+),\s+(-?[\d.]+)\s+\]", r"[\1, \2]", json.dumps(data, indent=2))
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
