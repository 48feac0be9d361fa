"""Engines, sessions and migrations."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from interviewer.config import async_url, sqlite_path, sync_url
from interviewer.errors import Conflict, ServiceUnavailable
from interviewer.storage.idle_ping import ping_when_idle
from interviewer.storage.repository import Repository
from interviewer.storage.turn_cache import TurnCache

MIGRATIONS = Path(__file__).parent / "migrations"
IDLE_PING_AFTER_S = 2.0


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> AsyncEngine:
    url = async_url(url)
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 30})
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    engine = create_async_engine(url, pool_size=10, max_overflow=20)
    ping_when_idle(engine, after_s=IDLE_PING_AFTER_S)
    return engine


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


RACED = (
    "Another request changed this at the same moment and was saved first; fetch the interview "
    "to see the result."
)
NOT_SAVED = "Your request could not be saved because the database did not answer; send it again."


@asynccontextmanager
async def unit_of_work(
    sessions: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """One transaction scope: commit on success, roll back on any error.

    A unique constraint that a concurrent request won (the same answer, skip or finalize sent
    twice at once) is a Conflict, and a database that refuses or never answers a ServiceUnavailable:
    clear 409 and 503 responses that say nothing was saved, never a 500.
    """
    async with sessions() as session:
        try:
            try:
                yield session
                await session.commit()
            except IntegrityError as exc:
                raise Conflict(RACED) from exc
            except (OperationalError, InterfaceError, OSError) as exc:
                raise ServiceUnavailable(NOT_SAVED) from exc
        except BaseException:
            try:
                await session.rollback()
            except (OperationalError, InterfaceError, OSError):
                pass  # the connection died, and its transaction with it: the first error stands
            raise


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", sync_url(url).replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Run migrations synchronously (call from a thread when inside an event loop)."""
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


class Database:
    """The engine and its sessions; hands out repositories bound to one unit of work.

    On SQLite, writers take turns through `write_gate`, one asyncio lock per process, taken at
    a unit of work's first write and given back when its transaction ends. SQLite has one write
    lock per file, and a writer that finds it taken sleeps in SQLite's busy handler and tries
    again (after 1 ms, then longer, up to 100 ms at a time, in no order): under concurrent
    answers most requests were quick but a few waited seconds. Queued on the gate, each writer
    goes as soon as the one before it commits, in arrival order. Another process on the same
    file (the terminal practice) still meets the busy handler; `serve --workers` refuses SQLite.
    """

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self.sessions = make_sessionmaker(self.engine)
        self.turns = TurnCache()
        self.write_gate = asyncio.Lock() if self.engine.dialect.name == "sqlite" else None

    @asynccontextmanager
    async def repository(self) -> AsyncIterator[Repository]:
        repository: Repository | None = None
        try:
            async with unit_of_work(self.sessions) as session:
                repository = Repository(session, self.turns, write_gate=self.write_gate)
                yield repository
        finally:
            if repository is not None:
                repository.write_turn.give_back()

    async def ping(self) -> None:
        try:
            async with self.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except (SQLAlchemyError, OSError) as exc:
            raise ServiceUnavailable("The database does not answer.") from exc

    async def dispose(self) -> None:
        await self.engine.dispose()
