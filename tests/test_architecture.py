"""The import rules of CONTRIBUTING.md, enforced."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "interviewer"
FRAMEWORKS = {"fastapi", "starlette", "sqlalchemy", "alembic", "httpx", "uvicorn"}
SDKS = {"google", "openai", "anthropic", "requests", "aiohttp"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def modules_in(package: str) -> list[Path]:
    return sorted((SRC / package).rglob("*.py"))


def _top(name: str) -> str:
    return name.split(".")[0]


@pytest.mark.parametrize("package", ["core", "banks", "grading"])
def test_pure_packages_import_no_framework_database_http_or_sdk(package: str):
    for path in modules_in(package):
        bad = {m for m in imported_modules(path) if _top(m) in FRAMEWORKS | SDKS}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


def test_core_does_not_reach_outward():
    outward = ("interviewer.grading", "interviewer.storage", "interviewer.web", "interviewer.llm")
    for path in modules_in("core"):
        bad = {m for m in imported_modules(path) if m.startswith(outward)}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


@pytest.mark.parametrize(
    ("library", "home"),
    [("sqlalchemy", "storage"), ("alembic", "storage"), ("fastapi", "web"), ("starlette", "web")],
)
def test_each_framework_lives_in_one_package(library: str, home: str):
    for path in sorted(SRC.rglob("*.py")):
        if path.is_relative_to(SRC / home):
            continue
        bad = {m for m in imported_modules(path) if _top(m) == library}
        assert not bad, f"{path.relative_to(SRC)} imports {library}; only {home}/ may"


def test_storage_and_grading_do_not_import_web():
    for package in ("storage", "grading", "banks"):
        for path in modules_in(package):
            bad = {m for m in imported_modules(path) if m.startswith("interviewer.web")}
            assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


def test_the_rules_catch_a_violation(tmp_path: Path):
    offender = tmp_path / "offender.py"
    offender.write_text("from sqlalchemy import select\nimport fastapi\n")
    assert {"sqlalchemy", "fastapi"} <= imported_modules(offender)


@pytest.mark.parametrize("sdk", ["google", "openai"])
def test_ai_sdks_live_only_in_llm(sdk: str):
    for path in sorted(SRC.rglob("*.py")):
        if path.is_relative_to(SRC / "llm"):
            continue
        bad = {m for m in imported_modules(path) if _top(m) == sdk}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}; only llm/ may"
