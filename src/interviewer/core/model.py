"""Value types shared by the engine, the graders, storage and the API."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from interviewer.banks.schema import FormulaTask, ItemKind, KeyPoint, Misconception, Resource
from interviewer.core.delivery import Delivery, DeliverySummary


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


InputMode = Literal["text", "voice", "workbook"]
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
    task: FormulaTask | None = None
    item_id: str | None = None
    parent_id: UUID | None = None
    generated_by: str = "bank"
    hint_used: bool = False
    skipped: bool = False
    asked_at: datetime | None = None


class AiCall(Value):
    """One model call, recorded so that any score can be traced to what produced it."""

    purpose: str
    provider: str
    model: str
    temperature: float | None = None
    prompt_version: str
    latency_ms: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    outcome: str
    raw_output: str | None = None


class AiUsage(Value):
    """Totals of an interview's model calls."""

    calls: int = 0
    failed: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    latency_ms: int = 0


class CoveredPoint(Value):
    point: str
    quote: str


class SheetCell(Value):
    """One computed cell of a formula task: what the formula gave against what was expected."""

    cell: str
    got: bool | int | float | str | None
    expected: bool | int | float | str | None
    ok: bool
    got_text: str = ""
    expected_text: str = ""
    """Both values as the candidate reads them (core/formatting.py: rounded, dates as dates);
    empty in evaluations stored before they were added."""


class Evaluation(Value):
    """Scores 1-10. Communication and confidence are None where the answer gives no evidence
    of them (a formula alone), and the report says so rather than inventing a score."""

    technical: int = Field(ge=1, le=10)
    communication: int | None = Field(default=None, ge=1, le=10)
    confidence: int | None = Field(default=None, ge=1, le=10)
    rationale: str
    feedback: str
    examples_or_corrections: str = ""
    resources: tuple[Resource, ...] = ()
    covered: tuple[CoveredPoint, ...] = ()
    missed: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    cells: tuple[SheetCell, ...] = ()
    graded_by: str = "offline"
    latency_ms: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    calls: tuple[AiCall, ...] = Field(default=(), exclude=True)
    """The model calls behind this evaluation; stored in ai_calls, not with the evaluation."""

    def score(self, dimension: Dimension) -> int | None:
        value: int | None = getattr(self, dimension)
        return value


class Answer(Value):
    id: UUID
    question_id: UUID
    text: str
    input_mode: InputMode = "text"
    seconds_taken: float | None = None
    idempotency_key: str | None = None
    submitted_at: datetime
    delivery: Delivery | None = None
    """Voice answers: how it was spoken (pace, fillers, pauses), from the recording."""


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
    delivery: DeliverySummary | None = None
    """Totals over the spoken answers; None when every answer was typed."""


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
    ai_usage: AiUsage = AiUsage()
    notice: str = ""

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


class QuestionRequest(Value):
    """What a question source needs to write the next main question of an interview."""

    interview_id: UUID
    plan: Plan
    index: int = Field(ge=0, description="0-based position among the main questions")
    behavioral: bool = False
    difficulty: int = Field(default=3, ge=1, le=5)
    asked: tuple[str, ...] = ()
    upcoming: tuple[bool, ...] = ()
    """Whether each main question the source will write from this one on is behavioral, so
    it can write them in one call."""


class Sourced(Value):
    """A question source's answer: a question, or None with the reason to use the bank."""

    question: Question | None = None
    calls: tuple[AiCall, ...] = ()
    reason: str = ""


class FollowUpText(Value):
    """A follow-up written by a model to probe what an answer missed (or "" with the reason)."""

    text: str = ""
    calls: tuple[AiCall, ...] = ()
    reason: str = ""


class Narrative(Value):
    """The report's words, written by a model (or not, with the reason)."""

    strengths: tuple[str, ...] = ()
    areas_to_improve: tuple[str, ...] = ()
    summary: str = ""
    calls: tuple[AiCall, ...] = ()
    reason: str = ""

    @property
    def written(self) -> bool:
        return bool(self.summary)


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
    kind: ItemKind | None = None
    """Set when the interview asked one kind of question only (formula practice)."""
