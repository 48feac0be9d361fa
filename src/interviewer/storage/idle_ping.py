"""Ping a pooled connection only when it has sat idle, not on every checkout.

`pool_pre_ping` costs a round trip (and, with psycopg, two autocommit switches) on every
request. A connection in steady use has just proved itself; one left idle may have been closed
by the server, a proxy or a restart. So only a connection idle for longer than `after_s` is
pinged, and one that fails the ping is replaced before the request sees it. A connection that
dies while in use still fails that one request (a 503 that says nothing was saved), and
SQLAlchemy then invalidates the rest of the pool.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import event, exc
from sqlalchemy.ext.asyncio import AsyncEngine

IDLE_KEY = "idle_since"


def ping_when_idle(engine: AsyncEngine, *, after_s: float) -> None:
    sync_engine = engine.sync_engine
    dialect = sync_engine.dialect

    def on_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info[IDLE_KEY] = time.monotonic()

    def on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.pop(IDLE_KEY, None)
        if idle_since is None or time.monotonic() - idle_since <= after_s:
            return
        try:
            alive = dialect.do_ping(dbapi_connection)
        except Exception as error:
            raise exc.DisconnectionError("an idle pooled connection failed its ping") from error
        if not alive:
            raise exc.DisconnectionError("an idle pooled connection failed its ping")

    event.listen(sync_engine, "checkin", on_checkin)
    event.listen(sync_engine, "checkout", on_checkout)
