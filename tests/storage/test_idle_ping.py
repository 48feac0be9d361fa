"""A pooled PostgreSQL connection is pinged only after sitting idle, and one the server closed
meanwhile is replaced before a request uses it."""

from __future__ import annotations

import asyncio

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from interviewer.storage.idle_ping import ping_when_idle

pytestmark = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


def _terminate_other_sessions(database_url: str) -> int:
    plain = database_url.replace("+psycopg", "")
    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(plain, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        ).fetchall()
    return len(rows)


async def test_a_connection_closed_while_idle_is_replaced_unseen(database_url: str) -> None:
    engine = create_async_engine(database_url, pool_size=2)
    ping_when_idle(engine, after_s=0.05)
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        assert _terminate_other_sessions(database_url) == 1
        await asyncio.sleep(0.1)
        async with engine.connect() as connection:
            assert (await connection.execute(text("SELECT 2"))).scalar() == 2
    finally:
        await engine.dispose()


async def test_a_connection_in_steady_use_is_not_pinged(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = create_async_engine(database_url, pool_size=2)
    pings: list[object] = []
    real_ping = engine.sync_engine.dialect.do_ping
    monkeypatch.setattr(
        engine.sync_engine.dialect, "do_ping", lambda c: pings.append(c) or real_ping(c)
    )
    ping_when_idle(engine, after_s=60)
    try:
        for n in range(20):
            async with engine.connect() as connection:
                assert (await connection.execute(text(f"SELECT {n}"))).scalar() == n
        assert pings == []
    finally:
        await engine.dispose()
