from __future__ import annotations

import pytest

from interviewer.grading.calibration import (
    Calibration,
    fit_points,
    isotonic,
    load_calibration,
)


def test_isotonic_pools_a_violating_pair_by_weight():
    # 3 then 2 violate the order: pooled mean (3 * 1 + 2 * 3) / 4 = 2.25
    assert isotonic([1, 3, 2, 4], [1, 1, 3, 1]) == [1, 2.25, 2.25, 4]


def test_isotonic_pools_again_when_a_pool_still_violates():
    # 3, 2 pool to 2.5 (weight 2); 2.5 > 1 pools to (2.5 * 2 + 1) / 3 = 2
    assert isotonic([3, 2, 1], [1, 1, 1]) == [2, 2, 2]


def test_fit_points_reads_every_grader_score_and_interpolates_the_gaps():
    # mean human at 1: (0 + 2) / 2 = 1, at 3: (4 + 2) / 2 = 3, at 10: 5; already monotone
    # 2 lies halfway between 1 and 3: 2; 4 lies 1/7 of the way from 3 to 10: 3 + 2/7
    points = dict(fit_points([1, 1, 3, 3, 10], [0, 2, 4, 2, 5]))
    assert sorted(points) == list(range(1, 11))
    assert points[1] == 1 and points[2] == 2 and points[3] == 3 and points[10] == 5
    assert points[4] == pytest.approx(3 + 2 / 7, abs=1e-4)


def test_to_scale_uses_the_curve_on_its_scale_and_a_line_elsewhere():
    curve = Calibration((0.0, 5.0), ((1.0, 1.0), (10.0, 4.0)))
    assert curve.to_scale(4, 0, 5) == pytest.approx(2.0)
    # (4 - 1) / 9 * (10 - 0) + 0
    assert curve.to_scale(4, 0, 10) == pytest.approx(10 / 3)
    assert curve.to_scale(1, 1, 3) == 1 and curve.to_scale(10, 1, 3) == 3


def test_the_shipped_calibration_is_monotone_on_its_scale():
    shipped = load_calibration()
    low, high = shipped.scale
    values = [y for _, y in shipped.points]
    assert [x for x, _ in shipped.points] == [float(s) for s in range(1, 11)]
    assert values == sorted(values)
    assert all(low <= y <= high for y in values)
