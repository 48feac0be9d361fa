"""Each expected value is worked out by hand in the comment above it."""

from __future__ import annotations

import math

import pytest

from interviewer.grading.metrics import (
    category,
    mean_per_question_r,
    pearson,
    quadratic_weighted_kappa,
    ranks,
    rmse,
    spearman,
    within_one,
)


def test_pearson():
    # means 2.5 and 5; deviations x: -1.5 -0.5 0.5 1.5, y: -3 -1 0 4
    # sxy = 4.5 + 0.5 + 0 + 6 = 11; sxx = 2.25 + 0.25 + 0.25 + 2.25 = 5; syy = 9 + 1 + 0 + 16 = 26
    # r = 11 / sqrt(5 * 26) = 11 / 11.401754 = 0.964764
    assert pearson([1, 2, 3, 4], [2, 4, 5, 9]) == pytest.approx(0.964764, abs=1e-6)


def test_pearson_is_undefined_when_one_side_is_constant():
    assert math.isnan(pearson([1, 2, 3], [2, 2, 2]))


def test_ranks_average_ties():
    # sorted: 10 (rank 1), 20 and 20 (ranks 2 and 3, both get 2.5), 40 (4), 50 (5)
    assert ranks([20, 10, 50, 20, 40]) == [2.5, 1, 5, 2.5, 4]


def test_spearman_with_a_tie():
    # ranks x: 1 2.5 2.5 4 5; ranks y: 1 3 2 5 4; both mean 3
    # deviations x: -2 -0.5 -0.5 1 2, y: -2 0 -1 2 1
    # sxy = 4 + 0 + 0.5 + 2 + 2 = 8.5; sxx = 4 + 0.25 + 0.25 + 1 + 4 = 9.5
    # syy = 4 + 0 + 1 + 4 + 1 = 10
    # rho = 8.5 / sqrt(95) = 8.5 / 9.746794 = 0.872082
    assert spearman([10, 20, 20, 40, 50], [1, 3, 2, 5, 4]) == pytest.approx(0.872082, abs=1e-6)


def test_rmse():
    # differences -1 0 -2 0, squares 1 0 4 0, mean 5 / 4 = 1.25, sqrt(1.25) = 1.118034
    assert rmse([1, 2, 3, 4], [2, 2, 5, 4]) == pytest.approx(1.118034, abs=1e-6)


def test_within_one_counts_a_difference_of_exactly_one():
    # |differences| 1, 2, 0, 1.5: two of four are <= 1
    assert within_one([1, 2, 3, 4.5], [2, 4, 3, 3]) == 0.5


def test_category_rounds_halves_up_and_clips():
    # 0-5 in half-points: category = round(score * 2); 1.25 * 2 = 2.5 rounds up to 3
    assert category(1.25, low=0, high=5, step=0.5) == 3
    assert category(2.4, low=0, high=5, step=0.5) == 5
    assert category(6, low=0, high=5, step=0.5) == 10
    assert category(-1, low=0, high=5, step=0.5) == 0


def test_quadratic_weighted_kappa_on_a_whole_point_scale():
    # scale 1-3 in steps of 1: categories 0 1 2, weight (i - j)^2 / 2^2
    # a = 0 1 2 2, b = 0 2 2 1; observed = (0 + 1/4 + 0 + 1/4) / 4 = 0.125
    # counts a = [1, 1, 2], b = [1, 1, 2]; sum (i - j)^2 * a_i * b_j:
    #   i=0: 0 + 1*1*1 + 4*1*2 = 9; i=1: 1*1*1 + 0 + 1*1*2 = 3; i=2: 4*2*1 + 1*2*1 + 0 = 10
    # expected = 22 / 4 / 16 = 0.34375; kappa = 1 - 0.125 / 0.34375 = 7 / 11 = 0.636364
    kappa = quadratic_weighted_kappa([1, 2, 3, 3], [1, 3, 3, 2], low=1, high=3, step=1)
    assert kappa == pytest.approx(7 / 11, abs=1e-9)


def test_quadratic_weighted_kappa_on_half_points_of_zero_to_five():
    # default grid for 0-5 is half-points: 11 categories, weight (i - j)^2 / 10^2
    # a = 0 5 10 10 (0, 2.5, 5, 5 doubled), b = 0 5 8 10 (2.4 * 2 = 4.8 rounds to 5)
    # observed = (0 + 0 + 4/100 + 0) / 4 = 0.01
    # counts a: {0: 1, 5: 1, 10: 2}, b: {0: 1, 5: 1, 8: 1, 10: 1}; sum (i - j)^2 * a_i * b_j:
    #   i=0: 0 + 25 + 64 + 100 = 189; i=5: 25 + 0 + 9 + 25 = 59; i=10: 2 * (100 + 25 + 4 + 0) = 258
    # expected = 506 / 100 / 16 = 0.31625; kappa = 1 - 0.01 / 0.31625 = 0.968379
    kappa = quadratic_weighted_kappa([0, 2.5, 5, 5], [0, 2.4, 4, 5], low=0, high=5)
    assert kappa == pytest.approx(0.968379, abs=1e-6)


def test_quadratic_weighted_kappa_is_one_on_perfect_agreement():
    assert quadratic_weighted_kappa([0, 1.5, 5], [0, 1.5, 5], low=0, high=5) == 1


def test_mean_per_question_r_skips_small_and_constant_questions():
    # a: x 1 2 3, y 1 2 4; means 2 and 7/3; deviations x -1 0 1, y -4/3 -1/3 5/3
    #    sxy = 4/3 + 0 + 5/3 = 3; sxx = 2; syy = (16 + 1 + 25) / 9 = 14/3
    #    r = 3 / sqrt(2 * 14/3) = 3 / 3.055050 = 0.981981
    # b: y is x / 2, r = 1
    # c: two answers only, skipped; d: human scores constant, skipped
    # mean = (0.981981 + 1) / 2 = 0.990990
    predicted = [1, 2, 3, 2, 4, 6, 1, 5, 1, 2, 3]
    human = [1, 2, 4, 1, 2, 3, 0, 5, 2, 2, 2]
    questions = ["a"] * 3 + ["b"] * 3 + ["c"] * 2 + ["d"] * 3
    assert mean_per_question_r(predicted, human, questions) == pytest.approx(0.990990, abs=1e-6)


def test_mean_per_question_r_is_undefined_without_a_usable_question():
    assert math.isnan(mean_per_question_r([1, 2], [1, 2], ["a", "a"]))
