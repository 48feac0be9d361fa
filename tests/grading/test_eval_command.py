from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from interviewer.cli import app
from interviewer.grading import metrics

FIXTURES = Path(__file__).parent / "fixtures"
FREE = FIXTURES / "eval-free.csv"
ITEMS = FIXTURES / "eval-items.csv"

runner = CliRunner()


def evaluate(*args: str) -> Result:
    return runner.invoke(app, ["eval", "grader", *args])


def as_json(path: Path, *args: str) -> dict[str, Any]:
    result = evaluate("--data", str(path), "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def plain(output: str) -> str:
    """The message without the error panel's borders or its line wrapping."""
    return " ".join(output.translate(str.maketrans("", "", "│╭╮╰╯─")).split())


@pytest.mark.parametrize("path", [FREE, ITEMS])
def test_both_row_forms_print_the_table_and_the_worst(path: Path):
    result = evaluate("--data", str(path))
    assert result.exit_code == 0, result.output
    for label in ("Pearson r", "Spearman", "RMSE", "QWK", "Within one", "per-question r"):
        assert label in result.stdout
    assert "Time per answer" in result.stdout
    assert "8 worst misjudgements" in result.stdout
    assert "scale 0-5 (calibrated curve)" in result.stdout


@pytest.mark.parametrize("path", [FREE, ITEMS])
def test_json_has_every_row_with_its_scores_and_flags(path: Path):
    data = as_json(path)
    assert [r["index"] for r in data["rows"]] == list(range(1, 9))
    for row in data["rows"]:
        assert 1 <= row["technical"] <= 10
        assert row["communication"] is not None and row["confidence"] is not None
        assert 0 <= row["mapped"] <= 5
        assert isinstance(row["human"], float)
        assert isinstance(row["flags"], list)
        assert row["question"]
    assert len(data["worst"]) == 8
    assert data["timing"]["median_ms"] > 0
    assert data["mapping"] == "calibrated" and data["scale"] == [0, 5]


def test_item_rows_carry_their_item_id():
    data = as_json(ITEMS)
    assert data["rows"][0]["question_id"] == "python-developer-language-core-001"


@pytest.mark.parametrize("path", [FREE, ITEMS])
def test_json_metrics_agree_with_its_own_rows(path: Path):
    data = as_json(path)
    ours = [r["mapped"] for r in data["rows"]]
    human = [r["human"] for r in data["rows"]]
    questions = [r["question"] for r in data["rows"]]
    expected = {
        "pearson": metrics.pearson(ours, human),
        "spearman": metrics.spearman(ours, human),
        "rmse": metrics.rmse(ours, human),
        "qwk": metrics.quadratic_weighted_kappa(ours, human, low=0, high=5),
        "within_one": metrics.within_one(ours, human),
        "mean_per_question_r": metrics.mean_per_question_r(ours, human, questions),
    }
    for name, value in expected.items():
        assert not math.isnan(value), name
        assert data["metrics"][name] == pytest.approx(value, abs=1e-3), name
    assert data["metrics"]["n"] == 8


@pytest.mark.parametrize(("path", "good", "poor"), [(FREE, 1, 3), (FREE, 5, 7), (ITEMS, 1, 3)])
def test_a_good_answer_scores_higher_than_a_poor_one(path: Path, good: int, poor: int):
    rows = {r["index"]: r for r in as_json(path)["rows"]}
    assert rows[good]["mapped"] > rows[poor]["mapped"]
    assert rows[good]["technical"] > rows[poor]["technical"]


def test_another_scale_maps_linearly():
    data = as_json(FREE, "--scale", "0-10")
    assert data["mapping"] == "linear" and data["scale"] == [0, 10]
    for row in data["rows"]:
        assert row["mapped"] == pytest.approx((row["technical"] - 1) / 9 * 10, abs=1e-4)


def test_without_scores_only_the_summary_is_printed(tmp_path: Path):
    data = tmp_path / "unscored.csv"
    data.write_text(
        "item_id,student_answer\n"
        "data-analyst-sql-basics-001,WHERE filters rows before grouping; HAVING filters groups.\n"
    )
    result = evaluate("--data", str(data))
    assert result.exit_code == 0, result.output
    assert "Technical 1-10, mean" in result.stdout
    assert "Pearson" not in result.stdout and "worst" not in result.stdout
    payload = json.loads(evaluate("--data", str(data), "--json").stdout)
    assert payload["metrics"] == {} and payload["worst"] == []
    assert payload["rows"][0]["human"] is None


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "data.csv"
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize(
    ("make_args", "expected"),
    [
        (lambda tmp: ["--data", str(tmp / "missing.csv")], "does not exist"),
        (
            lambda tmp: ["--data", write(tmp, "prompt,reply,score\na,b,1\n")],
            "unknown header (prompt, reply, score)",
        ),
        (
            lambda tmp: [
                "--data",
                write(
                    tmp, "item_id,student_answer\ndata-analyst-sql-basics-001,x\nno-such-item,y\n"
                ),
            ],
            "row 2: unknown item_id 'no-such-item'",
        ),
        (
            lambda tmp: [
                "--data",
                write(tmp, "item_id,student_answer\nexcel-task-references-001,x\n"),
            ],
            "row 1: excel-task-references-001 is a formula task",
        ),
        (lambda tmp: ["--data", str(FREE), "--scale", "five"], "'five' is not a scale like 0-5"),
        (lambda tmp: ["--data", str(FREE), "--scale", "5-0"], "low end must be below"),
        (lambda tmp: ["--data", str(FREE), "--scale", "1-4"], "row 1: score 5 is outside"),
        (
            lambda tmp: [
                "--data",
                write(tmp, "item_id,student_answer,score\ndata-analyst-sql-basics-001,x,good\n"),
            ],
            "row 1: score 'good' is not a number",
        ),
    ],
)
def test_usage_errors_name_the_problem(tmp_path: Path, make_args: Any, expected: str):
    result = evaluate(*make_args(tmp_path))
    assert result.exit_code == 2, result.output
    assert expected in plain(result.output)
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
