"""What the app holds for its lifetime: settings, the engine's sessions, banks, grader."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from interviewer.banks.loader import BankSet
from interviewer.config import Settings
from interviewer.core.ports import Grader


@dataclass
class AppState:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    banks: BankSet
    grader: Grader
