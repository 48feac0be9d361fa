"""The terminal interview behind `interviewer practice`."""

from __future__ import annotations

import datetime as dt
import secrets
import sys
import time
from collections.abc import Callable

import typer
from openpyxl.utils.cell import column_index_from_string, get_column_letter

from interviewer.banks.loader import default_banks
from interviewer.banks.schema import FormulaTask
from interviewer.config import Settings
from interviewer.core.formatting import topic_title
from interviewer.core.model import Evaluation, Level, Mode, Plan, Question, Report
from interviewer.core.service import InterviewService
from interviewer.errors import InvalidInput
from interviewer.grading.dispatch import KindGrader
from interviewer.grading.excel import sheet_cells
from interviewer.grading.grader import OfflineGrader
from interviewer.storage.db import Database, upgrade
from interviewer.storage.repository import Repository
from interviewer.web.security import hash_token, new_token


class EndOfInput(Exception):
    """The input ended (Ctrl-D, or the end of a piped file) before an answer began."""


def _read_answer(prompt: Callable[[str], str]) -> str:
    lines: list[str] = []
    while True:
        try:
            line = prompt("")
        except EOFError:
            if not lines:
                raise EndOfInput from None
            break
        if not line.strip():
            break
        lines.append(line)
    return "\n".join(lines)


def _show_question(question: Question, number: int, planned: int) -> None:
    label = "Follow-up" if question.parent_id else f"Question {number} of {planned}"
    typer.secho(
        f"\n{label} · {topic_title(question.topic)} · difficulty {question.difficulty}/5",
        bold=True,
    )
    typer.echo(question.text)
    if question.task is not None:
        typer.echo(_sheet_text(question.task))
    typer.echo("(Finish with an empty line. Type 'hint' or 'skip' on the first line instead.)")


def _sheet_text(task: FormulaTask) -> str:
    """The task's sheet as a plain grid, the target cell marked `?`."""
    cells = {ref: "" if value is None else str(value) for ref, value in sheet_cells(task).items()}
    for index, value in enumerate(task.rows, start=2):
        for col, cell in enumerate(value, start=1):
            if isinstance(cell, dt.date):
                cells[f"{get_column_letter(col)}{index}"] = cell.isoformat()
    cells[task.target] = "?"
    width = max(
        len(task.columns), *(column_index_from_string(c.rstrip("0123456789")) for c in cells)
    )
    height = max(int(c.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) for c in cells)
    letters = [get_column_letter(i) for i in range(1, width + 1)]
    sizes = {
        letter: max(3, *(len(cells.get(f"{letter}{r}", "")) for r in range(1, height + 1)))
        for letter in letters
    }
    lines = ["    " + " ".join(letter.ljust(sizes[letter]) for letter in letters)]
    for row in range(1, height + 1):
        values = [cells.get(f"{letter}{row}", "").ljust(sizes[letter]) for letter in letters]
        lines.append(f"{row:>3} " + " ".join(values))
    return (
        "\n".join(lines)
        + f"\nWrite a formula for {task.target}"
        + (", filled down." if task.fill_down else ".")
    )


def _show_evaluation(evaluation: Evaluation) -> None:
    scores = [f"Technical {evaluation.technical}/10"]
    scores += [
        f"{name} {value}/10"
        for name, value in (
            ("Communication", evaluation.communication),
            ("Confidence", evaluation.confidence),
        )
        if value is not None
    ]
    typer.secho(" · ".join(scores), fg=typer.colors.CYAN)
    typer.echo(evaluation.feedback)
    for res in evaluation.resources:
        typer.echo(f"  Read: {res.title} <{res.url}>")


def _show_report(report: Report) -> None:
    typer.secho(f"\nOverall {report.overall}/100", bold=True)
    typer.echo(
        "  ".join(f"{dim.capitalize()} {score}/10" for dim, score in report.averages.items())
    )
    for topic, score in report.topic_scores.items():
        typer.echo(f"  {topic_title(topic):<32} {score}/10")
    if report.strengths:
        typer.echo("Strengths: " + "; ".join(report.strengths))
    if report.areas_to_improve:
        typer.echo("To improve: " + "; ".join(report.areas_to_improve))
    typer.echo(report.summary)


async def run_practice(
    settings: Settings,
    *,
    track: str,
    length: int,
    mode: str,
    name: str,
    seed: int | None,
    kind: str | None = None,
    prompt: Callable[[str], str] = input,
) -> Report | None:
    """Run one interview at the prompt; None when the input ends before it is finished."""
    upgrade(settings.database_url)
    database = Database(settings.database_url)
    banks = default_banks()
    grader = KindGrader(OfflineGrader())

    def service(repository: Repository) -> InterviewService:
        return InterviewService(
            store=repository,
            grader=grader,
            banks=banks,
            max_answer_chars=settings.max_answer_chars,
            precheck=grader.precheck,
        )

    try:
        async with database.repository() as repository:
            user = await repository.create_user(
                name=name,
                email=None,
                position=track,
                experience_level=Level.mid,
                experience_years=None,
                token_hash=hash_token(new_token()),
            )
            plan = Plan(
                track=track,
                role=track,
                mode=Mode(mode),
                length=length,
                seed=seed if seed is not None else secrets.randbelow(2**31),
                kind=kind,
            )
            interview = await service(repository).start(user.id, plan)
        question = interview.current
        number = 1
        while question is not None:
            _show_question(question, number, length)
            started = time.monotonic()
            text = _read_answer(prompt)
            async with database.repository() as repository:
                svc = service(repository)
                if text.strip().lower() == "hint":
                    typer.secho(f"Hint: {await svc.hint(user.id, interview.id, question.id)}")
                    continue
                if text.strip().lower() == "skip":
                    skipped = await svc.skip(user.id, interview.id, question.id)
                    question = skipped.current
                    number += 1
                    continue
                try:
                    outcome = await svc.submit_answer(
                        user.id,
                        interview.id,
                        question_id=question.id,
                        text=text,
                        seconds_taken=round(time.monotonic() - started, 1),
                    )
                except InvalidInput as exc:
                    typer.secho(f"Not accepted: {exc.message} Try again.", fg=typer.colors.RED)
                    continue
            _show_evaluation(outcome.evaluation)
            if outcome.next_question is not None and outcome.next_question.parent_id is None:
                number += 1
            question = outcome.next_question
        async with database.repository() as repository:
            report = await service(repository).finalize(user.id, interview.id)
        _show_report(report)
        return report
    except EndOfInput:
        typer.echo("\nInput ended before the interview finished; your answers so far are saved.")
        return None
    except KeyboardInterrupt:
        typer.echo("\nStopped; your answers so far are saved.", err=True)
        sys.exit(130)
    finally:
        await database.dispose()
