"""Can the grader be gamed? The honesty suite's figures, against a word-overlap baseline.

For every bank item in tests/grading/honesty/*.yaml, six hand-written answers (a strong
paraphrase, a keyword list, word salad, a confident wrong answer, the reference negated, a
one-sentence partial answer) are graded. Prints, for the offline grader and for a baseline that
scores plain overlap with the reference in the same run: how often the strong answer beats
every bad kind, how often lists and salad stay at 3 or below, the mean technical score per
kind, and the shares of bank references scoring at least 9 technical and 8 confidence.

    .venv/bin/python bench/honesty.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from tests.grading.honesty_suite import BAD_KINDS, HERE, KINDS, bank_questions  # noqa: E402

from interviewer.core.model import Question  # noqa: E402
from interviewer.grading import rubric, semantic, technical  # noqa: E402
from interviewer.grading.grader import grade_answer, reference_recall  # noqa: E402
from interviewer.grading.language import to_scale  # noqa: E402
from interviewer.grading.text import tokenize  # noqa: E402


def overlap_score(reference: str, answer: str) -> int:
    return to_scale(reference_recall(tokenize(answer), reference))


def paraphrase_credit(questions: dict[str, Question], entries: list[dict[str, str]]) -> None:
    """What the embeddings add: the strong paraphrases graded with meaning switched off."""
    with_meaning = [grade_answer(questions[e["item_id"]], e["strong"]) for e in entries]
    original = semantic.embed
    semantic.embed_one.cache_clear()
    try:
        semantic.embed = lambda texts: np.zeros((len(texts), 256), dtype=np.float32)
        rubric.embed = technical.embed = semantic.embed
        without = [grade_answer(questions[e["item_id"]], e["strong"]) for e in entries]
    finally:
        semantic.embed = rubric.embed = technical.embed = original
        semantic.embed_one.cache_clear()
    mean_with = statistics.fmean(e.technical for e in with_meaning)
    mean_without = statistics.fmean(e.technical for e in without)
    points_with = sum(len(e.covered) for e in with_meaning)
    points_without = sum(len(e.covered) for e in without)
    print(
        f"\nstrong paraphrases: mean technical {mean_with:.1f} with meaning, "
        f"{mean_without:.1f} with embeddings switched off; key points credited "
        f"{points_with} vs {points_without}"
    )


def main() -> None:
    questions = bank_questions()
    entries = [e for p in sorted(HERE.glob("*.yaml")) for e in yaml.safe_load(p.read_text())]
    graders = {
        "offline grader": lambda q, a: grade_answer(q, a).technical,
        "overlap baseline": lambda q, a: overlap_score(q.reference, a),
    }
    tracks = sorted({questions[e["item_id"]].track for e in entries})
    print(f"{len(entries)} items over {len(tracks)} tracks: {', '.join(tracks)}")
    for name, grade in graders.items():
        started = time.perf_counter()
        scores = [{k: grade(questions[e["item_id"]], e[k]) for k in KINDS} for e in entries]
        elapsed = (time.perf_counter() - started) / (len(entries) * len(KINDS))
        wins = sum(all(s["strong"] > s[k] for k in BAD_KINDS) for s in scores) / len(scores)
        print(f"\n{name} ({elapsed * 1000:.2f} ms per answer)")
        print(f"  strong beats every bad kind: {wins:.0%} of items (bar 90%)")
        for kind in ("keywords", "salad"):
            low = sum(s[kind] <= 3 for s in scores) / len(scores)
            print(f"  {kind} at most 3: {low:.0%} of items (bar 90%)")
        means = ", ".join(f"{k} {statistics.fmean(s[k] for s in scores):.1f}" for k in KINDS)
        print(f"  mean technical: {means}")
    paraphrase_credit(questions, entries)
    references = [q for q in questions.values() if q.kind != "excel_formula"]
    graded = [grade_answer(q, q.reference) for q in references]
    technical = sum(e.technical >= 9 for e in graded) / len(graded)
    confident = sum(e.confidence >= 8 for e in graded) / len(graded)
    print(
        f"\nbank references ({len(graded)}): technical >= 9 {technical:.0%}, "
        f"confidence >= 8 {confident:.0%}"
    )


if __name__ == "__main__":
    main()
