"""`interviewer doctor`: one tiny call to the provider, the database, a verdict, an exit code."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from interviewer.cli import app
from tests.llm.conftest import KEY_VARIABLE, TEST_KEY
from tests.llm.fake_server import FakeModelServer, Reply

runner = CliRunner()


def _env(monkeypatch: pytest.MonkeyPatch, server: FakeModelServer, provider: str, db: str) -> None:
    monkeypatch.setenv("INTERVIEWER_AI_PROVIDER", provider)
    monkeypatch.setenv("INTERVIEWER_AI_MODEL", "fake-model")
    monkeypatch.setenv("INTERVIEWER_AI_TIMEOUT_S", "2")
    monkeypatch.setenv("INTERVIEWER_AI_RETRIES", "0")
    monkeypatch.setenv("INTERVIEWER_GEMINI_BASE_URL", server.gemini_url)
    monkeypatch.setenv("OPENAI_BASE_URL", server.openai_url)
    monkeypatch.setenv("INTERVIEWER_DATABASE_URL", db)


def test_a_healthy_setup_passes(
    provider: str, model_server: FakeModelServer, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
):
    _env(monkeypatch, model_server, provider, sqlite_url)
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 0, result.output
    assert f"ok    AI provider {provider}:fake-model answered" in result.output
    assert "All good" in result.output and model_server.purposes() == ["ping"]


def test_a_failing_provider_says_what_to_fix(
    provider: str, model_server: FakeModelServer, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
):
    _env(monkeypatch, model_server, provider, sqlite_url)
    model_server.then(Reply(status=401))
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 1
    assert "FAIL  AI provider" in result.output and "401" in result.output
    assert "Fix:" in result.output and TEST_KEY not in result.output


def test_a_missing_key_is_named(
    model_server: FakeModelServer, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
):
    _env(monkeypatch, model_server, "gemini", sqlite_url)
    monkeypatch.delenv(KEY_VARIABLE["gemini"], raising=False)
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 1 and "set GEMINI_API_KEY or GOOGLE_API_KEY" in result.output


def test_offline_and_a_broken_database(tmp_path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("INTERVIEWER_DATABASE_URL", "postgresql+psycopg://u:pw@127.0.0.1:1/none")
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 1
    assert "AI provider: offline" in result.output and "FAIL  Database" in result.output
    assert "pw" not in result.output
