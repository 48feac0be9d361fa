"""What the app holds for its lifetime: settings, the database, banks, grader."""

from __future__ import annotations

from dataclasses import dataclass, field

from interviewer.banks.loader import BankSet
from interviewer.config import Settings
from interviewer.grading.dispatch import KindGrader
from interviewer.llm.engine import AiEngine
from interviewer.storage.db import Database
from interviewer.web.ratelimit import KnownTokens, SignInLimit


@dataclass
class AppState:
    settings: Settings
    database: Database
    banks: BankSet
    grader: KindGrader
    engine: AiEngine | None = None
    """With an AI provider: it writes questions and report narratives; closed on shutdown."""
    known_tokens: KnownTokens = field(default_factory=KnownTokens)
    """Tokens that authenticated here, so the rate limit can key on the user."""
    sign_ins: SignInLimit = field(default_factory=SignInLimit)
    """How often someone may try an email and recovery key (POST /api/v1/sessions)."""
