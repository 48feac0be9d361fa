"""A throwaway PostgreSQL server for the tests, started with initdb and pg_ctl.

PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    pass


def _bin_dir() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not candidates:
        raise PostgresUnavailable(
            "pg_ctl not found: install PostgreSQL (apt-get install postgresql)"
        )
    return Path(candidates[-1]).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PostgresServer:
    data_dir: Path
    port: int
    as_user: list[str]
    bin_dir: Path

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def database_url(self, name: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    @property
    def options(self) -> str:
        """The server's command-line options, the same on every start: its port, a socket in
        its own directory, and durability traded for speed (fsync and synchronous_commit off)."""
        return (
            f"-p {self.port} -k {self.data_dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )

    def _pg_ctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [*self.as_user, str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        log = self.data_dir / "server.log"
        started = self._pg_ctl("-o", self.options, "-w", "-t", "60", "-l", str(log), "start")
        if started.returncode != 0:
            text = log.read_text() if log.exists() else ""
            raise PostgresUnavailable(f"pg_ctl start failed: {started.stderr.strip()} {text}")

    def restart(self, *, mode: str = "fast") -> None:
        """Stop and start again with the same options. `fast` ends every session and
        checkpoints; `immediate` is a crash (recovery replays the WAL on start), and with
        synchronous_commit off it can lose the last commits: turn it on where that matters."""
        stopped = self._pg_ctl("-m", mode, "-w", "-t", "60", "stop")
        if stopped.returncode != 0:
            raise RuntimeError(f"pg_ctl stop failed: {stopped.stderr.strip()}")
        self.start()

    def stop(self) -> None:
        subprocess.run(
            [*self.as_user, str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m",
             "immediate", "stop"],
            check=False, capture_output=True,
        )  # fmt: skip
        shutil.rmtree(self.data_dir, ignore_errors=True)


def start_postgres() -> PostgresServer:
    bin_dir = _bin_dir()
    data_dir = Path(tempfile.mkdtemp(prefix="interviewer-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(data_dir, user="postgres", group="postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    init = subprocess.run(
        [*as_user, str(bin_dir / "initdb"), "-D", str(data_dir), "-U", "postgres",
         "--auth=trust", "-E", "UTF8", "--no-locale"],
        capture_output=True, text=True,
    )  # fmt: skip
    if init.returncode != 0:
        raise PostgresUnavailable(f"initdb failed: {init.stderr.strip()}")
    server = PostgresServer(data_dir, _free_port(), as_user, bin_dir)
    server.start()
    return server
