"""How well the offline grader agrees with human graders, and how fast it grades.

Data: shared/data/grading-dev/short-answers-dev.csv (UNT short-answer set v2.0, Mohler et al.
2011), read from its place beside the project and never copied in. Each question's reference
answer becomes the reference; its clauses become key points, as a bank author would list them.
Prints Pearson r and RMSE (grader's 1-10 mapped to 0-5) against the mean human score, for the
grader and for a word-overlap baseline measured in the same run, on all answers and on the
held-out assignments 4-6 (nothing was tuned on them), plus the human graders' agreement.

    .venv/bin/python bench/grading_agreement.py [path/to/short-answers-dev.csv]
"""

from __future__ import annotations

import csv
import math
import re
import statistics
import sys
import time
import uuid
from pathlib import Path

from interviewer.banks.schema import KeyPoint
from interviewer.core.model import Question
from interviewer.grading.grader import grade_answer
from interviewer.grading.text import content_stems

DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/grading-dev/short-answers-dev.csv"


def pearson(xs: list[float], ys: list[float]) -> float:
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    sy = math.sqrt(sum((y - my) ** 2 for y in ys))
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / (sx * sy)


def rmse(xs: list[float], ys: list[float]) -> float:
    return math.sqrt(statistics.fmean((x - y) ** 2 for x, y in zip(xs, ys, strict=True)))


def key_points(reference: str) -> tuple[KeyPoint, ...]:
    clauses = [c.strip() for c in re.split(r"[.;,:]| and | or ", reference)]
    points = [KeyPoint(point=c[:200]) for c in clauses if len(c) >= 3 and content_stems(c)]
    return tuple(points[:8]) or (KeyPoint(point=reference[:200]),)


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


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    questions = dev_questions(rows)
    started = time.perf_counter()
    graded = [grade_answer(questions[r["question_id"]], r["student_answer"]) for r in rows]
    elapsed = time.perf_counter() - started
    human = [float(r["score"]) for r in rows]
    ours = [(e.technical - 1) / 9 * 5 for e in graded]
    baseline = [overlap(r["student_answer"], r["reference_answer"]) * 5 for r in rows]
    held = [i for i, r in enumerate(rows) if int(r["question_id"].split(".")[0]) >= 4]

    def report(name: str, scores: list[float]) -> None:
        h = [human[i] for i in held]
        s = [scores[i] for i in held]
        print(
            f"{name:<28} r={pearson(scores, human):.3f} rmse={rmse(scores, human):.3f}   "
            f"held-out r={pearson(s, h):.3f} rmse={rmse(s, h):.3f}"
        )

    print(f"{len(rows)} answers, {len(questions)} questions; held-out: {len(held)} answers")
    report("offline grader (technical)", ours)
    report("word-overlap baseline", baseline)
    g1 = [float(r["score_grader1_ta"]) for r in rows]
    g2 = [float(r["score_grader2_mohler"]) for r in rows]
    print(f"{'human vs human':<28} r={pearson(g1, g2):.3f}")
    r_ours, r_base = pearson(ours, human), pearson(baseline, human)
    print(f"ratio grader/baseline r: {r_ours / r_base:.2f}")
    print(f"speed: {len(rows) / elapsed:,.0f} answers/s ({elapsed * 1000 / len(rows):.2f} ms each)")


if __name__ == "__main__":
    main()
