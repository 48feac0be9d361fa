"""What the app holds for its lifetime: settings, the database, banks, grader."""

from __future__ import annotations

from dataclasses import dataclass

from interviewer.banks.loader import BankSet
from interviewer.config import Settings
from interviewer.grading.dispatch import KindGrader
from interviewer.llm.engine import AiEngine
from interviewer.storage.db import Database


@dataclass
class AppState:
    settings: Settings
    database: Database
    banks: BankSet
    grader: KindGrader
    engine: AiEngine | None = None
    """With an AI provider: it writes questions and report narratives; closed on shutdown."""
