"""Migrations build exactly the schema the models describe, and the newest ones reverse."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from interviewer.config import sync_url
from interviewer.storage.db import downgrade, upgrade
from interviewer.storage.records import Base


def _differences(url: str) -> list[Any]:
    engine = sa.create_engine(sync_url(url))
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": False})
            return list(compare_metadata(context, Base.metadata))
    finally:
        engine.dispose()


def _columns(url: str, table: str) -> set[str]:
    engine = sa.create_engine(sync_url(url))
    try:
        return {c["name"] for c in sa.inspect(engine).get_columns(table)}
    finally:
        engine.dispose()


def _tables(url: str) -> set[str]:
    engine = sa.create_engine(sync_url(url))
    try:
        return set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_the_migrated_schema_is_the_models_schema(database_url: str):
    assert _differences(database_url) == []


def test_account_recovery_migration_reverses(database_url: str):
    assert "recovery_hash" in _columns(database_url, "users")
    assert "access_tokens" in _tables(database_url)
    downgrade(database_url, "0005")
    assert "recovery_hash" not in _columns(database_url, "users")
    assert "access_tokens" not in _tables(database_url)
    upgrade(database_url)
    assert "recovery_hash" in _columns(database_url, "users")
    assert _differences(database_url) == []
