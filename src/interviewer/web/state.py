"""What the app holds for its lifetime: settings, the database, banks, grader."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from interviewer.banks.loader import BankSet
from interviewer.config import Settings
from interviewer.core.ports import Narrator, QuestionSource
from interviewer.grading.dispatch import KindGrader
from interviewer.storage.db import Database


@dataclass
class AppState:
    settings: Settings
    database: Database
    banks: BankSet
    grader: KindGrader
    questions: QuestionSource | None = None
    narrator: Narrator | None = None
    engine: Any = None
    """The AI engine (llm.engine.AiEngine) when a provider is configured; closed on shutdown."""
