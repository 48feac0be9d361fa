"""What the app holds for its lifetime: settings, the database, banks, grader."""

from __future__ import annotations

from dataclasses import dataclass

from interviewer.banks.loader import BankSet
from interviewer.config import Settings
from interviewer.grading.dispatch import KindGrader
from interviewer.storage.db import Database


@dataclass
class AppState:
    settings: Settings
    database: Database
    banks: BankSet
    grader: KindGrader
