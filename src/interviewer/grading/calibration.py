"""The grader's 1-10 technical score on a human scale.

On the scale the calibration was fitted for (data/calibration.json, written by
scripts/calibrate_grader.py), the score follows a monotone curve fitted to human grades; on any
other scale it is mapped linearly, 1 to the bottom and 10 to the top.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

GRADER_SCORES = tuple(range(1, 11))


def linear(score: float, low: float, high: float) -> float:
    return (score - 1) / 9 * (high - low) + low


@dataclass(frozen=True)
class Calibration:
    scale: tuple[float, float]
    points: tuple[tuple[float, float], ...]
    source: str = ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Calibration:
        low, high = data["scale"]
        points = tuple(sorted((float(x), float(y)) for x, y in data["points"]))
        if not points:
            raise ValueError("a calibration needs at least one point")
        return cls((float(low), float(high)), points, str(data.get("source", "")))

    def to_scale(self, score: float, low: float, high: float) -> float:
        if (low, high) != self.scale:
            return linear(score, low, high)
        return interpolate(self.points, score)


def interpolate(points: Sequence[tuple[float, float]], x: float) -> float:
    """Piecewise linear through sorted points, flat beyond the first and the last."""
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


def isotonic(values: Sequence[float], weights: Sequence[float]) -> list[float]:
    """Pool adjacent violators: the non-decreasing sequence nearest `values` in weighted least
    squares. Each block is [mean, weight, how many values it pools]."""
    blocks: list[list[float]] = []
    for value, weight in zip(values, weights, strict=True):
        blocks.append([value, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean2, weight2, size2 = blocks.pop()
            mean1, weight1, size1 = blocks.pop()
            total = weight1 + weight2
            blocks.append([(mean1 * weight1 + mean2 * weight2) / total, total, size1 + size2])
    return [mean for mean, _, size in blocks for _ in range(int(size))]


def fit_points(technical: Sequence[int], human: Sequence[float]) -> list[tuple[int, float]]:
    """Isotonic regression of human score on grader score, read at every grader score 1-10;
    scores the data never gave are interpolated between their neighbours."""
    by_score: dict[int, list[float]] = defaultdict(list)
    for score, grade in zip(technical, human, strict=True):
        by_score[score].append(grade)
    if not by_score:
        raise ValueError("no graded answers to fit")
    seen = sorted(by_score)
    fitted = isotonic(
        [sum(by_score[s]) / len(by_score[s]) for s in seen], [len(by_score[s]) for s in seen]
    )
    observed = [(float(s), y) for s, y in zip(seen, fitted, strict=True)]
    return [(s, round(interpolate(observed, s), 4)) for s in GRADER_SCORES]


@cache
def load_calibration() -> Calibration:
    path = resources.files("interviewer.grading").joinpath("data/calibration.json")
    return Calibration.from_json(json.loads(path.read_text(encoding="utf-8")))
