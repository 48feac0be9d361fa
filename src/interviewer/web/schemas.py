"""Request and response bodies of the HTTP API."""

from __future__ import annotations

import datetime as dt
import re
from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator

from interviewer.banks.schema import FormulaTask, ItemKind, Resource
from interviewer.core.delivery import Delivery
from interviewer.core.formatting import topic_title
from interviewer.core.model import (
    Ability,
    AiUsage,
    CoveredPoint,
    Evaluation,
    InputMode,
    Interview,
    Level,
    Mode,
    Question,
    Report,
    SheetCell,
    Status,
    Turn,
    User,
)
from interviewer.core.report import QuestionCounts, question_counts
from interviewer.core.service import AnswerOutcome
from interviewer.web.voice_schemas import SpeechCreate


def _storable(value: object) -> object:
    """Text every supported database can store: PostgreSQL refuses NUL, and a lone surrogate
    cannot be written as UTF-8 at all."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("must not contain NUL (\\u0000) characters; remove them")
        if _SURROGATE.search(value):
            raise ValueError("must not contain unpaired surrogate characters; send valid UTF-8")
    elif isinstance(value, list | tuple):
        for item in value:
            _storable(item)
    return value


_SURROGATE = re.compile("[\ud800-\udfff]")


class Body(BaseModel):
    """Every request body: unknown fields refused, text trimmed and storable."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _text_is_storable(cls, value: object) -> object:
        return _storable(value)


class UserCreate(Body):
    name: str = Field(min_length=1, max_length=200, examples=["Ada Lovelace"])
    email: str | None = Field(
        default=None, max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
        examples=["ada@example.com"],
    )  # fmt: skip
    position: str = Field(min_length=1, max_length=200, examples=["Financial analyst"])
    experience_level: Level = Level.mid
    experience_years: int | None = Field(default=None, ge=0, le=60)


class UserRead(BaseModel):
    id: UUID
    name: str
    email: str | None
    position: str
    experience_level: Level
    experience_years: int | None
    created_at: datetime

    @classmethod
    def of(cls, user: User) -> UserRead:
        return cls.model_validate(user.model_dump())


EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class UserCreated(BaseModel):
    user: UserRead
    token: str = Field(description="Shown once; send it as 'Authorization: Bearer <token>'.")
    recovery_key: str | None = Field(
        default=None,
        description="Shown once, and only when an email was given: with that email it signs "
        "in from any browser (POST /api/v1/sessions) and gets a new token.",
        examples=["K7QM-2XPD-9TRV-H4NC-8WZE"],
    )


class SessionCreate(Body):
    """Sign in again: the email given at registration and the recovery key shown then."""

    email: str = Field(
        min_length=3, max_length=320, pattern=EMAIL_PATTERN, examples=["ada@example.com"]
    )
    recovery_key: str = Field(
        min_length=1,
        max_length=100,
        description="Case, spaces and dashes do not matter; O reads as 0, I and L as 1.",
        examples=["K7QM-2XPD-9TRV-H4NC-8WZE"],
    )


class SessionCreated(BaseModel):
    user: UserRead
    token: str = Field(
        description="A new token for this browser, shown once; tokens issued before stay valid."
    )


class TopicRead(BaseModel):
    id: str
    name: str = Field(description="The display name: 'SQL joins' for sql-joins.")
    title: str = Field(description="The bank's description of the topic.")
    question_count: int


class TrackRead(BaseModel):
    id: str
    title: str
    description: str
    question_count: int
    topics: list[TopicRead]
    kinds: dict[str, int]
    modes: list[Mode]


class InterviewCreate(Body):
    track: str = Field(min_length=1, max_length=60, examples=["excel"])
    role: str | None = Field(default=None, max_length=200, examples=["Financial analyst"])
    level: Level | None = None
    mode: Mode = Mode.technical
    length: int | None = Field(default=None, ge=1, le=30)
    job_description: str = Field(default="", max_length=20_000)
    seed: int | None = Field(default=None, ge=0, le=2**62)
    focus: Literal["all", "weakest"] = Field(
        default="all", description="'weakest' practises the topics you scored lowest on so far."
    )
    kind: ItemKind | None = None
    profile: UserCreate | None = Field(
        default=None, description="Start without registering: creates the user, returns a token."
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"track": "excel", "mode": "technical", "length": 8},
                {
                    "track": "data-analyst",
                    "mode": "mixed",
                    "profile": {"name": "Ada", "position": "Data analyst"},
                },
            ]
        }
    )


class SheetRead(BaseModel):
    """A formula task's sheet as the candidate sees it: no expected values, no formulas."""

    sheet: str
    columns: list[str]
    rows: list[list[bool | int | float | str | None]]
    extra_cells: dict[str, bool | int | float | str | None]
    target: str
    fill_down: bool
    spill: bool

    @classmethod
    def of(cls, task: FormulaTask) -> SheetRead:
        def show(value: object) -> bool | int | float | str | None:
            return value.isoformat() if isinstance(value, dt.date) else value  # type: ignore[return-value]

        return cls(
            sheet=task.sheet,
            columns=list(task.columns),
            rows=[[show(v) for v in row] for row in task.rows],
            extra_cells={k: show(v) for k, v in task.extra_cells.items()},
            target=task.target,
            fill_down=task.fill_down,
            spill=task.spill,
        )


class QuestionRead(BaseModel):
    id: UUID
    seq: int
    track: str
    topic: str
    topic_title: str = Field(description="The topic's display name: 'SQL joins' for sql-joins.")
    difficulty: int
    kind: ItemKind
    text: str
    follow_up: bool
    hint_used: bool
    skipped: bool
    generated_by: str
    sheet: SheetRead | None = Field(default=None, description="Formula tasks only.")

    @classmethod
    def of(cls, question: Question) -> QuestionRead:
        return cls(
            id=question.id,
            seq=question.seq,
            track=question.track,
            topic=question.topic,
            topic_title=topic_title(question.topic),
            difficulty=question.difficulty,
            kind=question.kind,
            text=question.text,
            follow_up=question.parent_id is not None,
            hint_used=question.hint_used,
            skipped=question.skipped,
            generated_by=question.generated_by,
            sheet=SheetRead.of(question.task) if question.task else None,
        )


class EvaluationRead(BaseModel):
    technical: int
    communication: int | None = Field(description="None when the answer gives no evidence.")
    confidence: int | None = Field(description="None when the answer gives no evidence.")
    rationale: str
    feedback: str
    examples_or_corrections: str
    resources: list[Resource]
    covered: list[CoveredPoint]
    missed: list[str]
    flags: list[str]
    cells: list[SheetCell] = Field(description="Formula tasks: each computed cell.")
    graded_by: str

    @classmethod
    def of(cls, evaluation: Evaluation) -> EvaluationRead:
        return cls.model_validate(
            evaluation.model_dump(exclude={"latency_ms", "tokens_in", "tokens_out"})
        )


class AnswerRead(BaseModel):
    text: str
    input_mode: InputMode
    seconds_taken: float | None
    submitted_at: datetime
    delivery: Delivery | None = Field(
        default=None, description="Voice answers: pace, fillers, pauses, hedges and length."
    )


class TurnRead(BaseModel):
    question: QuestionRead
    answer: AnswerRead | None
    evaluation: EvaluationRead | None
    reference: str | None = Field(description="The model answer, once the question is settled.")

    @classmethod
    def of(cls, turn: Turn) -> TurnRead:
        answer = turn.answer
        return cls(
            question=QuestionRead.of(turn.question),
            answer=AnswerRead.model_validate(answer.model_dump()) if answer else None,
            evaluation=EvaluationRead.of(turn.evaluation) if turn.evaluation else None,
            reference=turn.question.reference if turn.settled else None,
        )


class Progress(BaseModel):
    asked: int = Field(description="Main questions asked so far (follow-ups not counted).")
    planned: int
    answered: int = Field(description="Answers graded, follow-ups included.")
    skipped: int = Field(description="Questions skipped, follow-ups included.")
    follow_ups: int
    answered_main: int = Field(description="Main questions answered (follow-ups not counted).")
    skipped_main: int = Field(description="Main questions skipped (follow-ups not counted).")

    @classmethod
    def of(cls, interview: Interview) -> Progress:
        counts = question_counts(interview.turns)
        return cls(
            asked=counts.main,
            planned=interview.plan.length,
            answered=sum(1 for t in interview.turns if t.evaluation is not None),
            skipped=sum(1 for t in interview.turns if t.question.skipped),
            follow_ups=counts.follow_ups,
            answered_main=counts.answered,
            skipped_main=counts.skipped,
        )


class InterviewRead(BaseModel):
    id: UUID
    status: Status
    track: str
    role: str
    level: Level
    mode: Mode
    kind: ItemKind | None
    focus_topics: list[str]
    seed: int
    progress: Progress
    current_question: QuestionRead | None
    ready_to_finalize: bool
    ability: Ability
    turns: list[TurnRead]
    created_at: datetime
    finished_at: datetime | None
    report: Report | None
    ai_usage: AiUsage = Field(
        default_factory=AiUsage,
        description="Model calls made for this interview: count, failures, tokens, latency.",
    )
    notice: str = Field(
        default="",
        description="Said plainly when questions come from a nearer track or the bank.",
    )

    @classmethod
    def of(cls, interview: Interview) -> InterviewRead:
        current = interview.current
        plan = interview.plan
        return cls(
            id=interview.id,
            status=interview.status,
            track=plan.track,
            role=plan.role,
            level=plan.level,
            mode=plan.mode,
            kind=plan.kind,
            focus_topics=list(plan.focus_topics),
            seed=plan.seed,
            progress=Progress.of(interview),
            current_question=QuestionRead.of(current) if current else None,
            ready_to_finalize=interview.status is Status.ongoing and current is None,
            ability=interview.ability,
            turns=[TurnRead.of(t) for t in interview.turns],
            created_at=interview.created_at,
            finished_at=interview.finished_at,
            report=interview.report,
            ai_usage=interview.ai_usage,
            notice=interview.notice,
        )


class InterviewStarted(BaseModel):
    interview: InterviewRead
    token: str | None = Field(
        default=None, description="Only when a profile was sent instead of a token; shown once."
    )


class AnswerCreate(Body):
    question_id: UUID
    text: str = Field(max_length=1_000_000, examples=["I would use INDEX with MATCH ..."])
    input_mode: InputMode = "text"
    seconds_taken: float | None = Field(default=None, ge=0, le=86_400)
    idempotency_key: str | None = Field(
        default=None, min_length=1, max_length=100, pattern=r"^[A-Za-z0-9._:-]+$"
    )
    delivery: SpeechCreate | None = Field(
        default=None,
        description="Voice answers: the `words` (and `duration_seconds`) the transcription "
        "returned, for feedback on delivery. Ignored unless input_mode is 'voice'.",
    )


class AnswerResult(BaseModel):
    question_id: UUID
    evaluation: EvaluationRead
    next_question: QuestionRead | None
    done: bool
    progress: Progress

    @classmethod
    def of(cls, outcome: AnswerOutcome) -> AnswerResult:
        return cls(
            question_id=outcome.question_id,
            evaluation=EvaluationRead.of(outcome.evaluation),
            next_question=QuestionRead.of(outcome.next_question) if outcome.next_question else None,
            done=outcome.done,
            progress=Progress.of(outcome.interview),
        )


class HintRead(BaseModel):
    question_id: UUID
    hint: str


class ReportRead(Report):
    interview_id: UUID
    track: str
    role: str
    candidate: str
    started_at: datetime
    finished_at: datetime | None
    counts: QuestionCounts = Field(
        description="Main questions and follow-ups counted apart (question_count and "
        "answered_count include the follow-ups)."
    )
    topic_titles: dict[str, str] = Field(
        description="The display name of each topic in topic_scores: 'SQL joins' for sql-joins."
    )

    @classmethod
    def of(cls, interview: Interview, *, candidate: str) -> ReportRead:
        assert interview.report is not None
        return cls(
            **interview.report.model_dump(),
            interview_id=interview.id,
            track=interview.plan.track,
            role=interview.plan.role,
            candidate=candidate,
            started_at=interview.created_at,
            finished_at=interview.finished_at,
            counts=question_counts(interview.turns),
            topic_titles={t: topic_title(t) for t in interview.report.topic_scores},
        )


class HistoryItem(BaseModel):
    id: UUID
    track: str
    kind: ItemKind | None = Field(
        default=None, description="'excel_formula' for formula practice (formula tasks only)."
    )
    role: str
    mode: str
    status: Status
    created_at: datetime
    finished_at: datetime | None
    question_count: int = Field(description="Main questions asked (follow-ups not counted).")
    overall: int | None
    averages: dict[str, float] | None


class ProgressPoint(BaseModel):
    interview_id: UUID
    track: str
    kind: ItemKind | None = None
    finished_at: datetime
    overall: int
    averages: dict[str, float]
    topic_scores: dict[str, float]


class SeriesPoint(BaseModel):
    interview_id: UUID
    finished_at: datetime
    score: float


class TrackPoint(BaseModel):
    """One finished interview in a track."""

    interview_id: UUID
    finished_at: datetime
    mode: str
    overall: int = Field(description="0-100")
    averages: dict[str, float] = Field(
        description="technical, communication, confidence (1-10); a dimension the interview "
        "gave no evidence for (formula tasks only) is left out."
    )
    topic_scores: dict[str, float]


class ChangeRead(BaseModel):
    """The track's latest interview against the average of its earlier ones."""

    compared_with: int = Field(description="How many earlier interviews in this track.")
    earlier_overall: float = Field(description="Their average overall score (0-100).")
    overall: float = Field(description="Latest overall minus earlier_overall, in points.")
    dimensions: dict[str, float] = Field(
        description="The same for each dimension (1-10 scale) the latest interview and an "
        "earlier one both measured."
    )
    topics: dict[str, float] = Field(
        description="The same for each topic of the latest interview asked before in the track."
    )


class TrackProgress(BaseModel):
    """Progress within one track; formula practice is a series of its own."""

    track: str
    kind: ItemKind | None = Field(
        default=None, description="'excel_formula': the track's formula practice series."
    )
    interviews: int
    points: list[TrackPoint] = Field(description="Finished interviews, oldest first.")
    topics: dict[str, list[SeriesPoint]] = Field(
        default_factory=dict,
        description="Each topic's technical score (1-10) per interview that asked it.",
    )
    change: ChangeRead | None = Field(
        description="None for the first interview in the track: there is nothing to compare."
    )


class ProgressRead(BaseModel):
    points: list[ProgressPoint] = Field(
        description="Every finished interview, oldest first, each with its track. No figure "
        "is computed across tracks: see `tracks`."
    )
    tracks: list[TrackProgress] = Field(
        description="One entry per track (and per formula practice), most recent first."
    )


class ErrorRead(BaseModel):
    detail: str
    code: str
    field: str | None = None
