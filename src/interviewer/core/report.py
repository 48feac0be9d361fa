"""From graded turns to a report. Pure."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime
from statistics import fmean

from interviewer.banks.schema import Resource
from interviewer.core import delivery as spoken_delivery
from interviewer.core.ability import level_label
from interviewer.core.formatting import plural, topic_title, with_article
from interviewer.core.model import DIMENSIONS, Ability, Report, Turn, Value

WEIGHTS = {"technical": 0.5, "communication": 0.25, "confidence": 0.25}
STRONG = 7.0
WEAK = 5.0
MAX_RESOURCES = 8


def _round(value: float) -> float:
    return round(value, 1)


def dimension_averages(turns: Sequence[Turn]) -> dict[str, float]:
    """Skipped questions count as 1 for technical; there is nothing to judge the wording on.

    A dimension no answer gave evidence for (formula tasks only) is left out, not invented.
    """
    graded = [t.evaluation for t in turns if t.evaluation is not None]
    skipped = sum(1 for t in turns if t.question.skipped)
    averages: dict[str, float] = {}
    for dim in DIMENSIONS:
        values = [float(v) for e in graded if (v := e.score(dim)) is not None]
        if dim == "technical":
            values += [1.0] * skipped
        if values or dim == "technical":
            averages[dim] = _round(fmean(values)) if values else 1.0
    return averages


def topic_scores(turns: Sequence[Turn]) -> dict[str, float]:
    by_topic: dict[str, list[float]] = defaultdict(list)
    for turn in turns:
        if turn.evaluation is not None:
            by_topic[turn.question.topic].append(float(turn.evaluation.technical))
        elif turn.question.skipped:
            by_topic[turn.question.topic].append(1.0)
    return {topic: _round(fmean(values)) for topic, values in sorted(by_topic.items())}


def overall_score(averages: dict[str, float]) -> int:
    present = [d for d in DIMENSIONS if d in averages]
    total = sum(WEIGHTS[d] for d in present)
    weighted = sum(WEIGHTS[d] * (averages[d] - 1) / 9 for d in present) / total
    return max(0, min(100, round(weighted * 100)))


class QuestionCounts(Value):
    """The planned (main) questions and the follow-ups, counted apart: choosing 10 questions
    reads "10 of 10 answered, 2 follow-ups", never "12 of 13"."""

    main: int
    answered: int
    skipped: int
    follow_ups: int
    follow_ups_answered: int

    def answered_text(self) -> str:
        """'10 of 10 questions answered, 2 follow-ups' (the follow-ups only when there are)."""
        text = f"{self.answered} of {plural(self.main, 'question')} answered"
        return text + (f", {plural(self.follow_ups, 'follow-up')}" if self.follow_ups else "")


def question_counts(turns: Sequence[Turn]) -> QuestionCounts:
    main = [t for t in turns if t.question.parent_id is None]
    follow_ups = [t for t in turns if t.question.parent_id is not None]
    return QuestionCounts(
        main=len(main),
        answered=sum(1 for t in main if t.evaluation is not None),
        skipped=sum(1 for t in main if t.question.skipped),
        follow_ups=len(follow_ups),
        follow_ups_answered=sum(1 for t in follow_ups if t.evaluation is not None),
    )


def _strengths(averages: dict[str, float], topics: dict[str, float]) -> list[str]:
    lines = [f"{topic_title(t)} ({s}/10)" for t, s in topics.items() if s >= STRONG]
    lines += [
        f"{d.capitalize()} across answers ({v}/10)" for d, v in averages.items() if v >= STRONG
    ]
    return lines


def _areas(
    turns: Sequence[Turn], averages: dict[str, float], topics: dict[str, float]
) -> list[str]:
    lines: list[str] = []
    for topic, score in topics.items():
        if score > WEAK:
            continue
        missed = [
            point
            for t in turns
            if t.question.topic == topic and t.evaluation is not None
            for point in t.evaluation.missed
        ]
        detail = f": revisit {', '.join(dict.fromkeys(missed[:3]))}" if missed else ""
        lines.append(f"{topic_title(topic)} ({score}/10){detail}")
    advice = {
        "communication": "structure answers: the point first, then reasons and an example",
        "confidence": "state conclusions plainly and drop hedges such as 'I think' or 'maybe'",
        "technical": "study the missed key points listed for each question",
    }
    lines += [
        f"{d.capitalize()} across answers ({v}/10): {advice[d]}"
        for d, v in averages.items()
        if v <= WEAK
    ]
    return lines


def _summary(
    overall: int, turns: Sequence[Turn], ability: Ability, topics: dict[str, float]
) -> str:
    if not turns:
        return "The interview ended before any question was asked."
    band = (
        "an excellent" if overall >= 80 else
        "a solid" if overall >= 65 else
        "a developing" if overall >= 45 else
        "an early-stage"
    )  # fmt: skip
    answered = question_counts(turns).answered_text()
    text = (
        f"Overall {overall}/100: {band} performance, with {answered}. "
        f"The answers are consistent with {with_article(level_label(ability.theta))}-level "
        "candidate on this track"
    )
    text += " (estimate still uncertain)." if ability.sd > 0.6 else "."
    if any(t.question.kind == "excel_formula" for t in turns):
        text += (
            " Formula tasks are graded on correctness alone: communication and confidence are"
            " not scored from a formula."
        )
    if topics:
        best = max(topics, key=lambda t: topics[t])
        worst = min(topics, key=lambda t: topics[t])
        strongest, weakest = (topic_title(t, in_sentence=True) for t in (best, worst))
        if best != worst and topics[worst] >= STRONG:
            text += f" Strong on every topic, best on {strongest}."
        elif best != worst:
            text += f" Strongest on {strongest}, weakest on {weakest}."
    return text


def _grader_name(graded_by: str) -> str:
    if graded_by.startswith("offline"):
        return "the offline grader"
    return f"the AI grader ({graded_by})"


def grader_note(turns: Sequence[Turn]) -> str:
    """Say so when answers were scored by different graders (an AI and its offline fallback);
    "" when one grader scored them all. Formula tasks are computed, and said so elsewhere."""
    graded = [
        t.evaluation.graded_by
        for t in turns
        if t.evaluation is not None and t.question.kind != "excel_formula"
    ]
    counts = Counter(_grader_name(g) for g in graded)
    if len(counts) < 2:
        return ""
    shares = ", ".join(f"{n} by {name}" for name, n in sorted(counts.items()))
    fallbacks = sum(1 for g in graded if "fallback" in g)
    text = f" Answers were scored by different graders: {shares}"
    if fallbacks:
        text += f" ({fallbacks} because the AI grader was unavailable)"
    return text + (
        ". Both use the same anchored 1-10 scale and the offline checks cap the AI's scores, "
        "but the two graders can disagree on the same answer."
    )


def _resources(turns: Sequence[Turn]) -> tuple[Resource, ...]:
    chosen: dict[str, Resource] = {}
    weakest_first = sorted(
        turns, key=lambda t: t.evaluation.technical if t.evaluation is not None else 0
    )
    for turn in weakest_first:
        if turn.evaluation is not None and turn.evaluation.technical >= STRONG:
            continue
        for res in turn.question.resources:
            chosen.setdefault(str(res.url), res)
    return tuple(chosen.values())[:MAX_RESOURCES]


def build_report(
    turns: Sequence[Turn], *, ability: Ability, started_at: datetime, finished_at: datetime
) -> Report:
    averages = dimension_averages(turns)
    topics = topic_scores(turns)
    overall = overall_score(averages) if turns else 0
    delivery = spoken_delivery.summarise(turns)
    said, to_work_on = spoken_delivery.summary_lines(delivery) if delivery else ([], [])
    return Report(
        overall=overall,
        averages=averages,
        topic_scores=topics,
        strengths=tuple(_strengths(averages, topics) + said),
        areas_to_improve=tuple(_areas(turns, averages, topics) + to_work_on),
        summary=_summary(overall, turns, ability, topics)
        + (spoken_delivery.summary_sentence(delivery) if delivery else "")
        + grader_note(turns),
        resources=_resources(turns),
        question_count=len(turns),
        answered_count=sum(1 for t in turns if t.evaluation is not None),
        skipped_count=sum(1 for t in turns if t.question.skipped),
        hints_used=sum(1 for t in turns if t.question.hint_used),
        duration_seconds=max(0, int((finished_at - started_at).total_seconds())),
        ability=ability,
        level_estimate=level_label(ability.theta),
        delivery=delivery,
    )
