from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from interviewer.config import Settings
from interviewer.storage.db import upgrade
from tests.llm.fake_server import FakeModelServer

TEST_KEY = "sk-test-5ECRET-k3y-9f8e7d6c5b4a"
PROVIDERS = ["gemini", "openai"]
KEY_VARIABLE = {"gemini": "GEMINI_API_KEY", "openai": "OPENAI_API_KEY"}


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The network guard: in these tests a socket may only connect to this machine."""
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0]
            if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
                raise ConnectionRefusedError(f"test network guard: {host} is not loopback")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture(scope="session")
def _server() -> Iterator[FakeModelServer]:
    server = FakeModelServer().start()
    yield server
    server.stop()


@pytest.fixture
def model_server(_server: FakeModelServer) -> Iterator[FakeModelServer]:
    _server.reset()
    yield _server
    _server.reset()


def provider_settings(
    provider: str,
    server: FakeModelServer,
    *,
    database_url: str = "sqlite:///:memory:",
    **extra: Any,
) -> Settings:
    options: dict[str, Any] = {
        "database_url": database_url,
        "ai_provider": provider,
        "ai_model": "fake-model",
        "ai_timeout_s": 2.0,
        "ai_retries": 2,
        "ai_backoff_s": 0.01,
        "gemini_base_url": server.gemini_url,
        "openai_base_url": server.openai_url,
    }
    options.update(extra)
    return Settings(**options)


@pytest.fixture(params=PROVIDERS)
def provider(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each provider in turn, with its key set to the test key."""
    name: str = request.param
    monkeypatch.setenv(KEY_VARIABLE[name], TEST_KEY)
    return name


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'llm.db'}"
    upgrade(url)
    return url
