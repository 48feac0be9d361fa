"""SQLite's writers of one process take turns (why: `Database` in storage/db.py)."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession


class WriteTurn:
    """One unit of work's place in the queue for its process's write gate: taken before its
    first write, given back when its transaction ends. Without a gate (PostgreSQL), nothing."""

    def __init__(self, gate: asyncio.Lock | None) -> None:
        self._gate = gate
        self._held = False

    async def take(self, session: AsyncSession) -> None:
        """The session's connection comes first: a writer that held the gate while it waited
        for a pooled connection, held by requests waiting for the gate, would wait for ever."""
        if self._gate is not None and not self._held:
            await session.connection()
            await self._gate.acquire()
            self._held = True

    def give_back(self) -> None:
        if self._held:
            self._held = False
            assert self._gate is not None
            self._gate.release()


class Writer(Protocol):
    session: AsyncSession
    write_turn: WriteTurn


W = TypeVar("W", bound=Writer)
P = ParamSpec("P")
R = TypeVar("R")


def writes(
    method: Callable[Concatenate[W, P], Coroutine[Any, Any, R]],
) -> Callable[Concatenate[W, P], Coroutine[Any, Any, R]]:
    """Marks a repository method that writes: it first waits for its unit of work's turn."""

    @functools.wraps(method)
    async def in_turn(self: W, /, *args: P.args, **kwargs: P.kwargs) -> R:
        await self.write_turn.take(self.session)
        return await method(self, *args, **kwargs)

    return in_turn
