from __future__ import annotations

import sqlite3
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
    assert "computed cell(s) match" in result.output and "Overall" in result.output
