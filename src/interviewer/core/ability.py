"""Running ability estimate: a two-parameter logistic (IRT) model with partial credit.

Each answer contributes a fractional Bernoulli likelihood, x*log P + (1-x)*log(1-P), where x is
the technical score mapped to 0..1 and P the model's probability of success on an item of that
difficulty. The posterior over ability is computed on a grid (expected a posteriori), which is
exact enough for a handful of answers and needs no optimiser.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from interviewer.core.model import Ability, Level

DISCRIMINATION = 1.4
GRID = tuple(-4.0 + i * 0.05 for i in range(161))
LEVEL_PRIOR_MEAN: dict[Level, float] = {
    Level.entry: -1.0,
    Level.junior: -0.5,
    Level.mid: 0.0,
    Level.senior: 0.5,
    Level.lead: 1.0,
}


@dataclass(frozen=True)
class Observation:
    difficulty: int
    credit: float


def item_location(difficulty: int) -> float:
    """Bank difficulty 1..5 on the ability scale: 3 sits at the average candidate."""
    return (difficulty - 3) * 0.9


def difficulty_for(theta: float) -> int:
    """The bank difficulty whose location is nearest to theta (most informative item)."""
    return max(1, min(5, round(theta / 0.9 + 3)))


def credit_from_score(technical: int) -> float:
    return max(0.0, min(1.0, (technical - 1) / 9))


def _p_success(theta: float, location: float) -> float:
    return 1.0 / (1.0 + math.exp(-DISCRIMINATION * (theta - location)))


@lru_cache(maxsize=16)
def _log_likelihoods(difficulty: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """log P and log(1 - P) on the grid for an item of this difficulty (computed once)."""
    loc = item_location(difficulty)
    probs = [min(max(_p_success(theta, loc), 1e-9), 1 - 1e-9) for theta in GRID]
    return tuple(math.log(p) for p in probs), tuple(math.log(1 - p) for p in probs)


def estimate(observations: Iterable[Observation], *, level: Level = Level.mid) -> Ability:
    prior_mean = LEVEL_PRIOR_MEAN[level]
    log_post = [-0.5 * (t - prior_mean) ** 2 for t in GRID]
    for obs in observations:
        x = max(0.0, min(1.0, obs.credit))
        hit, miss = _log_likelihoods(obs.difficulty)
        log_post = [v + x * h + (1 - x) * m for v, h, m in zip(log_post, hit, miss, strict=True)]
    peak = max(log_post)
    weights = [math.exp(v - peak) for v in log_post]
    total = sum(weights)
    mean = sum(w * t for w, t in zip(weights, GRID, strict=True)) / total
    var = sum(w * (t - mean) ** 2 for w, t in zip(weights, GRID, strict=True)) / total
    return Ability(theta=round(mean, 4), sd=round(math.sqrt(var), 4))


def level_label(theta: float) -> str:
    """A plain-words reading of the estimate, for reports."""
    if theta < -1.25:
        return "entry"
    if theta < -0.5:
        return "junior"
    if theta < 0.5:
        return "mid"
    if theta < 1.25:
        return "senior"
    return "lead"
