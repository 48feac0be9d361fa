"""Value types shared by the engine, the graders, storage and the API."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from interviewer.banks.schema import ItemKind, KeyPoint, Misconception, Resource


class Value(BaseModel):
    model_config = ConfigDict(frozen=True)


class Level(StrEnum):
    entry = "entry"
    junior = "junior"
    mid = "mid"
    senior = "senior"
    lead = "lead"


class Mode(StrEnum):
    technical = "technical"
    behavioral = "behavioral"
    mixed = "mixed"


class Status(StrEnum):
    ongoing = "ongoing"
    completed = "completed"
    abandoned = "abandoned"


InputMode = Literal["text", "voice"]
Dimension = Literal["technical", "communication", "confidence"]
DIMENSIONS: tuple[Dimension, ...] = ("technical", "communication", "confidence")


class Plan(Value):
    """What the candidate asked for when starting an interview."""

    track: str
    role: str
    level: Level = Level.mid
    mode: Mode = Mode.technical
    length: int = Field(default=8, ge=1, le=30)
    job_description: str = ""
    seed: int = 0
    focus_topics: tuple[str, ...] = ()
    kind: ItemKind | None = None


class Question(Value):
    id: UUID
    seq: int
    track: str
    topic: str
    difficulty: int = Field(ge=1, le=5)
    kind: ItemKind
    text: str
    hint: str
    reference: str
    key_points: tuple[KeyPoint, ...] = ()
    misconceptions: tuple[Misconception, ...] = ()
    resources: tuple[Resource, ...] = ()
    follow_ups: tuple[str, ...] = ()
    item_id: str | None = None
    parent_id: UUID | None = None
    generated_by: str = "bank"
    hint_used: bool = False
    skipped: bool = False
    asked_at: datetime | None = None


class CoveredPoint(Value):
    point: str
    quote: str


class Evaluation(Value):
    technical: int = Field(ge=1, le=10)
    communication: int = Field(ge=1, le=10)
    confidence: int = Field(ge=1, le=10)
    rationale: str
    feedback: str
    examples_or_corrections: str = ""
    resources: tuple[Resource, ...] = ()
    covered: tuple[CoveredPoint, ...] = ()
    missed: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    graded_by: str = "offline"
    latency_ms: int = 0
    tokens_in: int = 0
    tokens_out: int = 0

    def score(self, dimension: Dimension) -> int:
        return int(getattr(self, dimension))


class Answer(Value):
    id: UUID
    question_id: UUID
    text: str
    input_mode: InputMode = "text"
    seconds_taken: float | None = None
    idempotency_key: str | None = None
    submitted_at: datetime


class Turn(Value):
    """A question with what became of it."""

    question: Question
    answer: Answer | None = None
    evaluation: Evaluation | None = None

    @property
    def settled(self) -> bool:
        return self.question.skipped or self.evaluation is not None


class Ability(Value):
    """Running ability estimate on the IRT logit scale (0 = average), with its uncertainty."""

    theta: float = 0.0
    sd: float = 1.0


class Report(Value):
    overall: int = Field(ge=0, le=100)
    averages: dict[str, float]
    topic_scores: dict[str, float]
    strengths: tuple[str, ...]
    areas_to_improve: tuple[str, ...]
    summary: str
    resources: tuple[Resource, ...]
    question_count: int
    answered_count: int
    skipped_count: int
    hints_used: int
    duration_seconds: int
    ability: Ability
    level_estimate: str


class Interview(Value):
    id: UUID
    user_id: UUID
    plan: Plan
    status: Status
    ability: Ability
    turns: tuple[Turn, ...]
    created_at: datetime
    finished_at: datetime | None = None
    report: Report | None = None

    @property
    def current(self) -> Question | None:
        if self.status is not Status.ongoing:
            return None
        for turn in self.turns:
            if not turn.settled:
                return turn.question
        return None

    def turn(self, question_id: UUID) -> Turn | None:
        return next((t for t in self.turns if t.question.id == question_id), None)


class User(Value):
    id: UUID
    name: str
    email: str | None = None
    position: str
    experience_level: Level = Level.mid
    experience_years: int | None = None
    created_at: datetime


class InterviewSummary(Value):
    """One row of a user's history."""

    id: UUID
    track: str
    role: str
    mode: str
    status: Status
    created_at: datetime
    finished_at: datetime | None = None
    question_count: int
    report: Report | None = None
