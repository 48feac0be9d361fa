"""`interviewer eval grader`: grade human-scored answers offline and measure the agreement."""

from __future__ import annotations

import math
import re
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from interviewer.core.formatting import plural
from interviewer.core.model import Evaluation
from interviewer.grading import metrics, semantic, technical
from interviewer.grading.calibration import Calibration, load_calibration
from interviewer.grading.eval_data import EvalDataError, EvalRow
from interviewer.grading.grader import grade_answer

WORST = 10
DEFAULT_SCALE = (0.0, 5.0)
SCALE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)\s*$")

Progress = Callable[[Sequence[EvalRow]], Iterable[EvalRow]]


@dataclass(frozen=True)
class GradedRow:
    row: EvalRow
    evaluation: Evaluation
    mapped: float
    ms: float

    @property
    def miss(self) -> float:
        return abs(self.mapped - self.row.human) if self.row.human is not None else 0.0


@dataclass(frozen=True)
class EvalRun:
    graded: list[GradedRow]
    scale: tuple[float, float]
    calibrated: bool
    load_ms: float

    @property
    def scored(self) -> list[GradedRow]:
        return [g for g in self.graded if g.row.human is not None]


def parse_scale(text: str) -> tuple[float, float]:
    match = SCALE.match(text)
    if match is None:
        raise EvalDataError(f"{text!r} is not a scale like 0-5 or 1-10")
    low, high = float(match[1]), float(match[2])
    if low >= high:
        raise EvalDataError(f"{text!r}: the low end must be below the high end")
    return low, high


def default_scale(rows: Sequence[EvalRow]) -> tuple[float, float]:
    """The human scores' range rounded out to whole numbers; 0-5 when it cannot tell (no
    scores, or all the same)."""
    scores = [r.human for r in rows if r.human is not None]
    if not scores:
        return DEFAULT_SCALE
    low, high = float(math.floor(min(scores))), float(math.ceil(max(scores)))
    return (low, high) if low < high else DEFAULT_SCALE


def check_scale(rows: Sequence[EvalRow], scale: tuple[float, float]) -> None:
    low, high = scale
    for row in rows:
        if row.human is not None and not low <= row.human <= high:
            raise EvalDataError(
                f"row {row.index}: score {row.human:g} is outside the scale {low:g}-{high:g}"
            )


def run(
    rows: Sequence[EvalRow],
    *,
    scale: tuple[float, float],
    calibration: Calibration | None = None,
    progress: Progress | None = None,
) -> EvalRun:
    """Grade every row; model loading is timed apart so the per-answer times are grading only."""
    calibration = calibration or load_calibration()
    started = time.perf_counter()
    semantic.load_model()
    technical.load_model()
    load_ms = (time.perf_counter() - started) * 1000
    graded = []
    for row in progress(rows) if progress else rows:
        started = time.perf_counter()
        evaluation = grade_answer(row.question, row.answer)
        ms = (time.perf_counter() - started) * 1000
        mapped = calibration.to_scale(evaluation.technical, *scale)
        graded.append(GradedRow(row, evaluation, mapped, ms))
    return EvalRun(graded, scale, scale == calibration.scale, load_ms)


def agreement(graded: Sequence[GradedRow], scale: tuple[float, float]) -> dict[str, float]:
    ours = [g.mapped for g in graded]
    human = [g.row.human for g in graded if g.row.human is not None]
    low, high = scale
    return {
        "pearson": metrics.pearson(ours, human),
        "spearman": metrics.spearman(ours, human),
        "rmse": metrics.rmse(ours, human),
        "qwk": metrics.quadratic_weighted_kappa(ours, human, low=low, high=high),
        "within_one": metrics.within_one(ours, human),
        "mean_per_question_r": metrics.mean_per_question_r(
            ours, human, [g.row.question.text for g in graded]
        ),
        "n": len(graded),
    }


def timing(graded: Sequence[GradedRow], load_ms: float) -> dict[str, float]:
    times = [g.ms for g in graded]
    return {
        "median_ms": statistics.median(times),
        "mean_ms": statistics.fmean(times),
        "total_s": sum(times) / 1000,
        "model_load_ms": load_ms,
    }


def worst(graded: Sequence[GradedRow], count: int = WORST) -> list[GradedRow]:
    return sorted(graded, key=lambda g: (-g.miss, g.row.index))[:count]


def _number(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 4)


def _row_json(g: GradedRow) -> dict[str, Any]:
    e = g.evaluation
    return {
        "index": g.row.index,
        "question_id": g.row.question_id,
        "question": g.row.question.text,
        "technical": e.technical,
        "communication": e.communication,
        "confidence": e.confidence,
        "mapped": round(g.mapped, 4),
        "human": g.row.human,
        "flags": list(e.flags),
    }


def to_json(result: EvalRun) -> dict[str, Any]:
    scored = result.scored
    found = agreement(scored, result.scale) if scored else {}
    return {
        "scale": list(result.scale),
        "mapping": "calibrated" if result.calibrated else "linear",
        "metrics": {k: _number(v) for k, v in found.items()},
        "timing": {k: round(v, 3) for k, v in timing(result.graded, result.load_ms).items()},
        "worst": [_row_json(g) | {"answer": g.row.answer} for g in worst(scored)],
        "rows": [_row_json(g) for g in result.graded],
    }


def _clip(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 3] + "..."


def _shown(value: float, form: str = ".3f") -> str:
    return "n/a" if math.isnan(value) else format(value, form)


def render_text(result: EvalRun, source: str) -> str:
    low, high = result.scale
    questions = len({g.row.question.text for g in result.graded})
    mapping = "calibrated curve" if result.calibrated else "linear map of 1-10"
    lines = [
        f"{plural(len(result.graded), 'answer')} to {plural(questions, 'question')} from {source}, "
        f"scale {low:g}-{high:g} ({mapping})",
        "",
    ]
    times = timing(result.graded, result.load_ms)
    scored = result.scored
    if scored:
        m = agreement(scored, result.scale)
        table = [
            ("Pearson r", _shown(m["pearson"])),
            ("Spearman rho", _shown(m["spearman"])),
            ("RMSE", _shown(m["rmse"])),
            ("QWK (grid of half-points)", _shown(m["qwk"])),
            ("Within one point", _shown(m["within_one"] * 100, ".1f") + "%"),
            ("Mean per-question r", _shown(m["mean_per_question_r"])),
            ("n (human-scored)", str(len(scored))),
        ]
    else:
        technical = [g.evaluation.technical for g in result.graded]
        mapped = [g.mapped for g in result.graded]
        table = [
            ("Technical 1-10, mean", f"{statistics.fmean(technical):.2f}"),
            ("Technical 1-10, median", f"{statistics.median(technical):g}"),
            (f"On {low:g}-{high:g}, mean", f"{statistics.fmean(mapped):.2f}"),
            (f"On {low:g}-{high:g}, range", f"{min(mapped):.2f} to {max(mapped):.2f}"),
            ("n (no human scores)", str(len(result.graded))),
        ]
    table.append(
        (
            "Time per answer",
            f"median {times['median_ms']:.2f} ms, mean {times['mean_ms']:.2f} ms "
            f"(models loaded in {times['model_load_ms']:.0f} ms)",
        )
    )
    lines += [f"  {name:<28}{value}" for name, value in table]
    if scored:
        shown = worst(scored)
        lines += ["", f"{len(shown)} worst misjudgements (largest |ours - human|):"]
        for g in shown:
            flagged = ", ".join(g.evaluation.flags) or "-"
            lines += [
                f"  row {g.row.index:<5} human {g.row.human:<4g} ours {g.mapped:<5.2f} "
                f"(technical {g.evaluation.technical}/10)  flags: {flagged}",
                f"      Q: {_clip(g.row.question.text, 90)}",
                f"      A: {_clip(g.row.answer, 90)}",
            ]
    return "\n".join(lines)
