from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import psycopg
import pytest

from interviewer.banks.loader import BankSet, default_banks
from interviewer.config import Settings
from interviewer.storage.db import upgrade
from interviewer.web.app import create_app
from tests.postgres import PostgresServer, PostgresUnavailable, start_postgres

TEMPLATE_DB = "interviewer_template"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches a real model: provider keys are removed from the environment."""
    for key in ("GEMINI_API_KEY", "GOOGLE_API_KEY", "OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("INTERVIEWER_AI_PROVIDER", "offline")


@pytest.fixture(scope="session")
def banks() -> BankSet:
    return default_banks()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    try:
        server = start_postgres()
    except PostgresUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI: {exc}")
        pytest.skip(f"PostgreSQL not available here: {exc}")
    try:
        with psycopg.connect(server.url.replace("+psycopg", ""), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {TEMPLATE_DB}")
        upgrade(server.database_url(TEMPLATE_DB))
        yield server
    finally:
        server.stop()


def fresh_postgres_database(server: PostgresServer) -> str:
    """A new database cloned from the migrated template: isolation without rollback tricks."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server.url.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE_DB}")
    return server.database_url(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'interviewer.db'}"
        upgrade(url)
        return url
    server: PostgresServer = request.getfixturevalue("postgres")
    return fresh_postgres_database(server)


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url)


@pytest.fixture
async def client(settings: Settings, banks: BankSet) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, banks=banks)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http
    await app.state.interviewer.database.dispose()
    app.state.interviewer.grader.formulas.sandbox.close()
