"""The `interviewer` command: serve, migrate, validate banks, practise in the terminal."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Annotated, get_args

import typer

from interviewer.config import Settings
from interviewer.core.formatting import plural

app = typer.Typer(help="Mock Interviewer: adaptive mock interviews, offline by default.")
db_app = typer.Typer(help="Database commands.")
bank_app = typer.Typer(help="Question bank commands.")
eval_app = typer.Typer(help="Measure the graders against human scores.")
app.add_typer(db_app, name="db")
app.add_typer(bank_app, name="bank")
app.add_typer(eval_app, name="eval")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    migrate: Annotated[bool, typer.Option(help="Run migrations before serving.")] = True,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes; more than 1 needs PostgreSQL.")
    ] = 1,
) -> None:
    """Serve the web app and the API (migrating the database first)."""
    import uvicorn

    from interviewer.storage.db import upgrade
    from interviewer.web.app import create_app

    settings = Settings()
    if workers > 1 and settings.database_url.startswith("sqlite"):
        raise typer.BadParameter(
            "several workers need PostgreSQL: set INTERVIEWER_DATABASE_URL to a "
            "postgresql+psycopg:// URL, or serve one worker on SQLite",
            param_hint="--workers",
        )
    if migrate:
        upgrade(settings.database_url)
    where = {"host": host or settings.host, "port": port or settings.port}
    if workers > 1:
        uvicorn.run(
            "interviewer.web.app:create_app",
            factory=True,
            workers=workers,
            log_level=settings.log_level,
            **where,
        )
        return
    uvicorn.run(create_app(settings), log_level=settings.log_level, **where)


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Apply migrations up to REVISION (default: the newest)."""
    from interviewer.storage.db import upgrade

    settings = Settings()
    upgrade(settings.database_url, revision)
    typer.echo(f"Database at {_redact(settings.database_url)} is at revision {revision}.")


@bank_app.command("validate")
def bank_validate(
    paths: Annotated[list[Path] | None, typer.Argument(help="Bank files; default: all.")] = None,
) -> None:
    """Validate question bank files; every problem names the file, the item and the field."""
    from interviewer.banks.loader import bank_files, parse_banks

    files = paths or bank_files()
    banks, problems = parse_banks(files)
    for problem in problems:
        typer.echo(str(problem), err=True)
    if problems:
        typer.echo(f"{plural(len(problems), 'problem')} in {plural(len(files), 'file')}.", err=True)
        raise typer.Exit(1)
    items = sum(len(b.items) for b in banks)
    typer.echo(f"{plural(len(files), 'bank file')}, {plural(items, 'item')}: all valid.")


@eval_app.command("grader")
def eval_grader(
    data: Annotated[
        Path,
        typer.Option(
            exists=True,
            dir_okay=False,
            readable=True,
            help="CSV of question, reference_answer, student_answer[, score] or of "
            "item_id, student_answer[, score].",
        ),
    ],
    scale: Annotated[
        str | None,
        typer.Option(
            help="The human scores' scale, e.g. 0-5. Default: the scores' range rounded out to "
            "whole numbers, or 0-5 without scores."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
) -> None:
    """Grade every answer offline and report agreement with the human scores.

    The 1-10 technical score goes onto the human scale by the shipped calibration curve when
    the scale is the one it was fitted for (0-5), otherwise linearly.
    """
    import json
    from collections.abc import Iterable, Sequence

    from rich.console import Console
    from rich.progress import track

    from interviewer.grading.eval_data import EvalDataError, EvalRow, read_rows
    from interviewer.grading.eval_run import (
        check_scale,
        default_scale,
        parse_scale,
        render_text,
        run,
        to_json,
    )

    try:
        bounds = parse_scale(scale) if scale is not None else None
    except EvalDataError as exc:
        raise typer.BadParameter(str(exc), param_hint="--scale") from None
    try:
        rows = read_rows(data)
    except EvalDataError as exc:
        raise typer.BadParameter(str(exc), param_hint="--data") from None
    bounds = bounds or default_scale(rows)
    try:
        check_scale(rows, bounds)
    except EvalDataError as exc:
        raise typer.BadParameter(str(exc), param_hint="--scale" if scale else "--data") from None
    console = Console(stderr=True)

    def progress(items: Sequence[EvalRow]) -> Iterable[EvalRow]:
        return track(
            items,
            description="Grading",
            console=console,
            transient=True,
            disable=not console.is_terminal,
        )

    result = run(rows, scale=bounds, progress=progress)
    if as_json:
        typer.echo(json.dumps(to_json(result), indent=2))
    else:
        typer.echo(render_text(result, data.name))


@app.command()
def practice(
    track: Annotated[str, typer.Option(help="Track to practise.")] = "excel",
    length: Annotated[int, typer.Option(min=1, max=30, help="Number of questions.")] = 5,
    mode: Annotated[str, typer.Option(help="technical, behavioral or mixed.")] = "technical",
    name: Annotated[str, typer.Option(help="Your name.")] = "Candidate",
    seed: Annotated[int | None, typer.Option(help="Fix the question order.")] = None,
    kind: Annotated[
        str | None, typer.Option(help="Only this kind, e.g. excel_formula for formula tasks.")
    ] = None,
) -> None:
    """A whole interview in the terminal: question, your answer, feedback, final report.

    Finish an answer with an empty line; type 'hint' or 'skip' on the first line instead.
    """
    from interviewer.banks.loader import default_banks
    from interviewer.banks.schema import ItemKind
    from interviewer.core.model import Mode
    from interviewer.terminal import run_practice

    tracks = sorted(default_banks().banks)
    if track not in tracks:
        raise typer.BadParameter(f"unknown track {track!r}; choose one of: {', '.join(tracks)}")
    modes = [m.value for m in Mode]
    if mode not in modes:
        raise typer.BadParameter(f"unknown mode {mode!r}; choose one of: {', '.join(modes)}")
    kinds = list(get_args(ItemKind))
    if kind is not None and kind not in kinds:
        raise typer.BadParameter(f"unknown kind {kind!r}; choose one of: {', '.join(kinds)}")
    asyncio.run(
        run_practice(
            Settings(), track=track, length=length, mode=mode, name=name, seed=seed, kind=kind
        )
    )


@app.command()
def doctor() -> None:
    """Check the configured AI provider (one tiny call) and the database; say what to fix."""
    problems = asyncio.run(_doctor(Settings()))
    if problems:
        typer.secho(
            f"Not ready: {plural(problems, 'problem')} above.", fg=typer.colors.RED, bold=True
        )
        raise typer.Exit(1)
    typer.secho("All good: ready to interview.", fg=typer.colors.GREEN, bold=True)


async def _doctor(settings: Settings) -> int:
    from interviewer.llm.registry import build_provider
    from interviewer.llm.resilience import ResilientProvider
    from interviewer.storage.db import Database

    problems = 0
    provider = build_provider(settings)
    if isinstance(provider, ResilientProvider):
        where = settings.gemini_base_url or settings.openai_base_url or "the default endpoint"
        result = await provider.ping()
        call = result.calls[-1] if result.calls else None
        took = f"{call.latency_ms} ms" if call else "no call"
        if result.value is not None:
            typer.echo(f"ok    AI provider {provider.label} answered in {took} ({where}).")
        else:
            problems += 1
            typer.echo(f"FAIL  AI provider {provider.label}: {result.detail or result.reason}")
            typer.echo(
                "      Fix: check the key variable, INTERVIEWER_AI_MODEL and the base URL "
                "(INTERVIEWER_GEMINI_BASE_URL or OPENAI_BASE_URL); until then answers are "
                "graded offline."
            )
    else:
        typer.echo(
            "ok    AI provider: offline (built in, no key needed). Set INTERVIEWER_AI_PROVIDER="
            "gemini or openai for AI questions and grading."
        )
    database = Database(settings.database_url)
    try:
        await database.ping()
        typer.echo(f"ok    Database at {_redact(settings.database_url)} answers.")
    except Exception as exc:
        problems += 1
        typer.echo(f"FAIL  Database at {_redact(settings.database_url)}: {exc}")
        typer.echo("      Fix: check INTERVIEWER_DATABASE_URL, then run 'interviewer db upgrade'.")
    finally:
        await database.dispose()
    return problems


def _redact(url: str) -> str:
    head, sep, tail = url.rpartition("@")
    if not sep:
        return url
    scheme, _, _credentials = head.partition("://")
    return f"{scheme}://***@{tail}"


@app.command()
def streamlit(
    api_url: Annotated[
        str, typer.Option(help="Where the API is served (e.g. by `interviewer serve`).")
    ] = "http://127.0.0.1:8000",
    host: Annotated[str, typer.Option(help="Address for the Streamlit app to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port for the Streamlit app.")] = 8501,
) -> None:
    """The optional Streamlit front end, a client of the API (needs the streamlit extra)."""
    import importlib.util
    import os
    import subprocess

    if importlib.util.find_spec("streamlit") is None:
        typer.echo(
            "Streamlit is not installed: pip install 'mock-interviewer[streamlit]'", err=True
        )
        raise typer.Exit(1)
    script = Path(__file__).with_name("streamlit_app.py")
    command = [sys.executable, "-m", "streamlit", "run", str(script)]
    command += ["--server.address", host, "--server.port", str(port), "--server.headless", "true"]
    command += ["--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal"]
    environment = {**os.environ, "INTERVIEWER_API_URL": api_url}
    raise typer.Exit(subprocess.call(command, env=environment))


def main() -> None:
    app(prog_name="interviewer")


if __name__ == "__main__":
    sys.exit(main())
