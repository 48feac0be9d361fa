"""Agreement between predicted and human scores. Pure Python; undefined figures are NaN."""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Hashable, Sequence

MIN_ANSWERS_PER_QUESTION = 3


def _same_length(predicted: Sequence[object], human: Sequence[object]) -> None:
    if len(predicted) != len(human):
        raise ValueError(f"{len(predicted)} predictions against {len(human)} human scores")


def pearson(predicted: Sequence[float], human: Sequence[float]) -> float:
    _same_length(predicted, human)
    if len(predicted) < 2:
        return math.nan
    mx, my = statistics.fmean(predicted), statistics.fmean(human)
    sxy = sum((x - mx) * (y - my) for x, y in zip(predicted, human, strict=True))
    sxx = sum((x - mx) ** 2 for x in predicted)
    syy = sum((y - my) ** 2 for y in human)
    if sxx == 0 or syy == 0:
        return math.nan
    return sxy / math.sqrt(sxx * syy)


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks; tied values share the mean of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            result[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return result


def spearman(predicted: Sequence[float], human: Sequence[float]) -> float:
    _same_length(predicted, human)
    return pearson(ranks(predicted), ranks(human))


def rmse(predicted: Sequence[float], human: Sequence[float]) -> float:
    _same_length(predicted, human)
    if not predicted:
        return math.nan
    return math.sqrt(statistics.fmean((x - y) ** 2 for x, y in zip(predicted, human, strict=True)))


def within_one(predicted: Sequence[float], human: Sequence[float]) -> float:
    """Share of answers scored within one point of the human score, on the data's own scale."""
    _same_length(predicted, human)
    if not predicted:
        return math.nan
    close = sum(1 for x, y in zip(predicted, human, strict=True) if abs(x - y) <= 1 + 1e-9)
    return close / len(predicted)


def grid_step(low: float, high: float) -> float:
    """Half-points on scales up to 10 wide (0-5 in 0.5 steps: 11 categories), else whole points."""
    return 0.5 if high - low <= 10 else 1.0


def category(score: float, *, low: float, high: float, step: float) -> int:
    """The nearest grid point, halves rounded up (not to even), clipped to the scale."""
    clipped = min(max(score, low), high)
    return math.floor((clipped - low) / step + 0.5)


def quadratic_weighted_kappa(
    predicted: Sequence[float],
    human: Sequence[float],
    *,
    low: float,
    high: float,
    step: float | None = None,
) -> float:
    """Cohen's kappa with quadratic weights on the scale's grid: category = round((s - low) / step).

    The step defaults to grid_step(low, high): for 0-5 that is round(score * 2), so a human 3.5
    and a mapped 3.6 fall in the same category.
    """
    _same_length(predicted, human)
    step = step or grid_step(low, high)
    size = category(high, low=low, high=high, step=step) + 1
    if not predicted or size < 2:
        return math.nan
    a = [category(x, low=low, high=high, step=step) for x in predicted]
    b = [category(y, low=low, high=high, step=step) for y in human]
    n = len(a)
    count_a = [a.count(i) for i in range(size)]
    count_b = [b.count(j) for j in range(size)]

    def weight(i: int, j: int) -> float:
        return (i - j) ** 2 / (size - 1) ** 2

    observed = sum(weight(i, j) for i, j in zip(a, b, strict=True)) / n
    expected = sum(
        weight(i, j) * count_a[i] * count_b[j] / n**2 for i in range(size) for j in range(size)
    )
    if expected == 0:
        return math.nan
    return 1 - observed / expected


def mean_per_question_r(
    predicted: Sequence[float], human: Sequence[float], questions: Sequence[Hashable]
) -> float:
    """Mean Pearson r within questions that have 3+ answers and scores varying on both sides:
    whether the grader ranks answers to the same question as people do."""
    _same_length(predicted, human)
    _same_length(predicted, questions)
    groups: dict[Hashable, list[int]] = defaultdict(list)
    for index, question in enumerate(questions):
        groups[question].append(index)
    rs = []
    for indices in groups.values():
        if len(indices) < MIN_ANSWERS_PER_QUESTION:
            continue
        r = pearson([predicted[i] for i in indices], [human[i] for i in indices])
        if not math.isnan(r):
            rs.append(r)
    return statistics.fmean(rs) if rs else math.nan
