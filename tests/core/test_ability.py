from __future__ import annotations

from interviewer.core.ability import Observation, difficulty_for, estimate, level_label
from interviewer.core.model import Level


def test_no_answers_gives_the_level_prior():
    assert estimate([], level=Level.mid).theta == 0.0
    assert estimate([], level=Level.senior).theta > estimate([], level=Level.junior).theta


def test_strong_answers_raise_and_weak_answers_lower_the_estimate():
    strong = estimate([Observation(3, 1.0), Observation(4, 0.9)])
    weak = estimate([Observation(3, 0.0), Observation(2, 0.1)])
    assert strong.theta > 0.5 > -0.5 > weak.theta


def test_uncertainty_shrinks_as_evidence_grows():
    sds = [estimate([Observation(3, 0.6)] * n).sd for n in (0, 2, 6, 15)]
    assert sds == sorted(sds, reverse=True) and sds[-1] < 0.5


def test_succeeding_on_hard_items_counts_more_than_on_easy_ones():
    hard = estimate([Observation(5, 1.0)])
    easy = estimate([Observation(1, 1.0)])
    assert hard.theta > easy.theta


def test_difficulty_follows_ability():
    assert [difficulty_for(t) for t in (-3, -1, 0, 1, 3)] == [1, 2, 3, 4, 5]
    assert level_label(-2) == "entry" and level_label(2) == "lead"
