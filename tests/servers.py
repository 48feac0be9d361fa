"""The real server as a subprocess (`interviewer serve`), for tests that need processes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base: str

    def kill(self) -> None:
        """SIGKILL: no shutdown, requests in flight die with it."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=20)


def wait_ready(base: str, process: subprocess.Popen[bytes], *, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server at {base} did not answer in {timeout_s:g} s")


@contextmanager
def running_server(
    database_url: str, *, args: tuple[str, ...] = (), port: int | None = None, **env: str
) -> Iterator[Server]:
    """Serve on a free port until the block ends; the rate limit is off unless `env` sets it."""
    port = port or free_port()
    environment = {
        **os.environ,
        "INTERVIEWER_DATABASE_URL": database_url,
        "INTERVIEWER_RATE_LIMIT_PER_MINUTE": "0",
        **env,
    }
    process = subprocess.Popen(
        [str(BIN / "interviewer"), "serve", "--port", str(port), *args],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Server(process, f"http://127.0.0.1:{port}")
    try:
        wait_ready(server.base, process)
        yield server
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=20)
