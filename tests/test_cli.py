from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interviewer.cli import app

runner = CliRunner()


def test_bank_validate_passes_on_the_shipped_banks():
    result = runner.invoke(app, ["bank", "validate"])
    assert result.exit_code == 0, result.output
    assert "all valid" in result.output


def test_bank_validate_names_the_problem_and_fails(tmp_path: Path):
    bad = tmp_path / "excel-broken.yaml"
    bad.write_text("track: excel\ntitle: Excel\ndescription: too few fields here\ntopics: {a: A}\n")
    result = runner.invoke(app, ["bank", "validate", str(bad)])
    assert result.exit_code == 1
    assert "excel-broken.yaml: items: Field required" in result.output


def test_db_upgrade_creates_the_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    db = tmp_path / "cli.db"
    monkeypatch.setenv("INTERVIEWER_DATABASE_URL", f"sqlite:///{db}")
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    tables = {r[0] for r in sqlite3.connect(db).execute("select name from sqlite_master")}
    assert {"users", "interviews", "questions", "answers", "evaluations", "results"} <= tables


def test_practice_runs_a_whole_interview_in_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("INTERVIEWER_DATABASE_URL", f"sqlite:///{tmp_path / 'practice.db'}")
    story = (
        "In my last role our team missed a deadline. I was responsible for the release. "
        "I decided to cut scope and I talked to each stakeholder. As a result we delivered "
        "on time and reduced defects by 20 percent."
    )
    typed = "\n".join(["hint", "", story, "", "skip", "", "I listened to them.", "", "", ""])
    result = runner.invoke(
        app,
        ["practice", "--track", "behavioral", "--length", "3", "--seed", "5"],
        input=typed + "\n" * 10,
    )
    assert result.exit_code == 0, result.output
    assert "Question 1 of 3" in result.output
    assert "Hint:" in result.output
    assert "Technical" in result.output and "Overall" in result.output


def test_practice_formula_tasks_show_the_sheet_and_refuse_broken_formulas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("INTERVIEWER_DATABASE_URL", f"sqlite:///{tmp_path / 'formulas.db'}")
    typed = "\n".join(["=SUM((B2", "", "=B2", "", "", ""])
    result = runner.invoke(
        app,
        ["practice", "--track", "excel", "--kind", "excel_formula", "--length", "1", "--seed", "2"],
        input=typed + "\n" * 10,
    )
    assert result.exit_code == 0, result.output
    assert "Write a formula for" in result.output and "?" in result.output
    assert "Not accepted: The formula has a syntax error" in result.output
    assert "computed cells match" in result.output and "Overall" in result.output


def _practice(tmp_path: Path, args: list[str], typed: str) -> subprocess.CompletedProcess[str]:
    """The installed command in its own process, so that a loop at end of input fails the test
    by timing out instead of hanging the suite."""
    env = {**os.environ, "INTERVIEWER_DATABASE_URL": f"sqlite:///{tmp_path / 'eof.db'}"}
    command = [str(Path(sys.executable).parent / "interviewer"), "practice", *args]
    return subprocess.run(
        command, input=typed, capture_output=True, text=True, env=env, timeout=120
    )


def test_practice_stops_cleanly_at_end_of_input_on_a_refused_formula(tmp_path: Path):
    args = ["--track", "excel", "--kind", "excel_formula", "--length", "2", "--seed", "2"]
    result = _practice(tmp_path, args, "=SUM((B2\n")
    assert result.returncode == 0, result.stderr
    assert "Not accepted" in result.stdout
    assert "Input ended before the interview finished" in result.stdout
    assert "Traceback" not in result.stderr


def test_practice_stops_cleanly_when_the_input_is_empty(tmp_path: Path):
    result = _practice(tmp_path, ["--track", "behavioral", "--length", "2"], "")
    assert result.returncode == 0, result.stderr
    assert "Input ended" in result.stdout


@pytest.mark.parametrize(
    ("option", "value", "named"),
    [("--track", "cooking", "unknown track 'cooking'"), ("--mode", "casual", "unknown mode")],
)
def test_practice_names_an_unknown_track_or_mode_without_a_traceback(
    option: str, value: str, named: str
):
    result = runner.invoke(app, ["practice", option, value])
    assert result.exit_code == 2
    assert named in result.output and "choose one of" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
