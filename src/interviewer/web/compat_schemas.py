"""Bodies of the compatibility API: the two source designs' own field names.

Design A keeps one interview per registered user (`/interview/{user_id}/...`, `user_answer`,
`first_question`, `finished`, `areas_of_progress`, `feedback_summary`); design B keeps sessions
(`/interview/session/{session_id}/...`, `answer`, `scores`, `examples_or_corrections`,
`avg_*`, `n_questions`, `pdf_data`). Where the designs name a thing differently both names are
accepted and both are returned, so a client of either works unchanged.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, BeforeValidator, Field, field_validator

from interviewer.banks.schema import ItemKind, Resource
from interviewer.core.model import (
    DIMENSIONS,
    Evaluation,
    Interview,
    Level,
    Mode,
    Question,
    Status,
    User,
)
from interviewer.core.service import AnswerOutcome
from interviewer.errors import InvalidInput
from interviewer.web.schemas import Body, SheetRead

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
MAX_YEARS = 60
LEVEL_WORDS: dict[str, Level] = {
    **{w: Level.entry for w in ("entry", "entry-level", "intern", "fresher", "graduate",
                                "beginner", "trainee")},
    **{w: Level.junior for w in ("junior", "jr")},
    **{w: Level.mid for w in ("mid", "mid-level", "middle", "intermediate")},
    **{w: Level.senior for w in ("senior", "sr", "advanced", "experienced")},
    **{w: Level.lead for w in ("lead", "staff", "principal", "expert")},
}  # fmt: skip
"""The words the designs' clients send for a level ('Senior', 'intermediate', 'Jr')."""


def _level_word(value: object) -> object:
    if isinstance(value, str):
        text = value.strip().lower().replace(" ", "-")
        return LEVEL_WORDS.get(text, text)
    return value


def _lower(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


LevelIn = Annotated[Level, BeforeValidator(_level_word)]
ModeIn = Annotated[Mode, BeforeValidator(_lower)]


def level_for_years(years: int) -> Level:
    for below, level in ((1, Level.entry), (3, Level.junior), (6, Level.mid), (10, Level.senior)):
        if years < below:
            return level
    return Level.lead


def read_experience(value: int | str) -> tuple[Level, int | None]:
    """3 -> (mid, 3); '1-3 years' -> (junior, 1); '3+' -> (mid, 3); 'Senior' -> (senior, None)."""
    if isinstance(value, int):
        years: int | None = value
        level = None
    else:
        text = value.lower()
        level = next(
            (LEVEL_WORDS[w] for w in re.findall(r"[a-z]+(?:-[a-z]+)?", text) if w in LEVEL_WORDS),
            None,
        )
        number = re.search(r"\d{1,3}(?:\.\d+)?", text)
        years = int(float(number.group())) if number else None
    if years is not None and not 0 <= years <= MAX_YEARS:
        raise ValueError(f"years must be between 0 and {MAX_YEARS}")
    if years is None and level is None:
        raise ValueError(
            "say a level (entry, junior, mid, senior, lead) or years, e.g. '3 years' or '1-3'"
        )
    return level or level_for_years(years or 0), years


class _Experience(Body):
    experience: int | str | None = Field(
        default=None,
        description="Years (`3`, `'1-3 years'`, `'3+'`) or a level word (`'Senior'`).",
        examples=["1-3 years"],
    )

    @field_validator("experience", mode="after")
    @classmethod
    def _readable(cls, value: int | str | None) -> int | str | None:
        if isinstance(value, str) and len(value) > 100:
            raise ValueError("must be at most 100 characters")
        if value is None or value == "":
            return None
        read_experience(value)
        return value

    @property
    def experience_read(self) -> tuple[Level, int | None] | None:
        return read_experience(self.experience) if self.experience is not None else None


class CompatUserCreate(_Experience):
    """Design A's registration; `role` is accepted for `position`."""

    name: str = Field(min_length=1, max_length=200, examples=["Ada Lovelace"])
    email: str | None = Field(
        default=None, max_length=320, pattern=EMAIL_PATTERN, examples=["ada@example.com"]
    )
    position: str | None = Field(
        default=None, min_length=1, max_length=200, examples=["Financial analyst"]
    )
    role: str | None = Field(default=None, min_length=1, max_length=200)

    @property
    def position_or_role(self) -> str:
        if self.position and self.role and self.position != self.role:
            raise InvalidInput("Send position or role, not two different ones.", field="role")
        found = self.position or self.role
        if not found:
            raise InvalidInput(
                "position: say the position you are practising for, e.g. 'Financial analyst'.",
                field="position",
            )
        return found


class InterviewFields(_Experience):
    """What both designs send to start: the role or track, level, mode and length."""

    track: str | None = Field(
        default=None, min_length=1, max_length=60, examples=["excel"],
        description="A track id or title ('excel', 'Data Analyst'); defaults to the role.",
    )  # fmt: skip
    role: str | None = Field(
        default=None, min_length=1, max_length=200, examples=["Financial analyst"],
        description="The role practised for; defaults to the user's position.",
    )  # fmt: skip
    domain: str | None = Field(
        default=None, max_length=100, examples=["backend"],
        description="Design B: a focus within the role, added to it.",
    )  # fmt: skip
    level: LevelIn | None = Field(
        default=None, description="Defaults to the experience sent, else the user's level."
    )
    mode: ModeIn = Mode.technical
    num_questions: int | None = Field(default=None, ge=1, le=30, description="Planned length.")
    length: int | None = Field(default=None, ge=1, le=30, description="Same as num_questions.")
    job_description: str = Field(default="", max_length=20_000)
    seed: int | None = Field(default=None, ge=0, le=2**62)
    kind: ItemKind | None = None

    @property
    def planned_length(self) -> int | None:
        if self.num_questions and self.length and self.num_questions != self.length:
            raise InvalidInput("Send num_questions or length, not both.", field="length")
        return self.num_questions or self.length

    @property
    def role_text(self) -> str | None:
        if self.role and self.domain:
            return f"{self.role} ({self.domain})"
        return self.role


class UserInterviewCreate(InterviewFields):
    """Design A: start an interview for the user in the path."""

    candidate_profile: dict[str, Any] | None = Field(
        default=None, description="Design A's profile analysis; accepted, not used."
    )


class SessionCreate(InterviewFields):
    """Design B: a profile. Without a token it registers the user and returns a token."""

    name: str | None = Field(default=None, min_length=1, max_length=200, examples=["Ada"])
    email: str | None = Field(default=None, max_length=320, pattern=EMAIL_PATTERN)
    model_provider: str | None = Field(
        default=None, max_length=60,
        description="Ignored: the server grades with its configured provider.",
    )  # fmt: skip
    api_key: str | None = Field(
        default=None, max_length=500, description="Ignored, never stored or logged."
    )


class AnswerCreate(Body):
    """Design B's `answer` or design A's `user_answer` to the question `question_id`."""

    question_id: UUID
    answer: str | None = Field(
        default=None, max_length=1_000_000, examples=["I would use INDEX with MATCH ..."]
    )
    user_answer: str | None = Field(
        default=None, max_length=1_000_000, description="Design A's name for answer."
    )

    @property
    def text(self) -> str:
        if self.answer is not None and self.user_answer is not None:
            if self.answer != self.user_answer:
                raise InvalidInput("Send answer or user_answer, not both.", field="user_answer")
        text = self.answer if self.answer is not None else self.user_answer
        if text is None:
            raise InvalidInput("answer: send your answer as text.", field="answer")
        return text


class _SessionChoice(Body):
    session_id: UUID | None = Field(
        default=None, description="Which interview; defaults to the user's latest."
    )
    interview_id: UUID | None = Field(default=None, description="Same as session_id.")

    @property
    def chosen(self) -> UUID | None:
        if self.session_id and self.interview_id and self.session_id != self.interview_id:
            raise InvalidInput("Send session_id or interview_id, not both.", field="interview_id")
        return self.session_id or self.interview_id


class UserAnswerCreate(AnswerCreate, _SessionChoice):
    """Design A: an answer; the interview is the latest unless a session_id says otherwise."""


class UserFinalize(_SessionChoice):
    """Design A: which interview to finalize (the latest by default)."""


class CompatUserCreated(BaseModel):
    user_id: UUID
    id: UUID = Field(description="Design A's name for user_id.")
    token: str = Field(description="Shown once; send it as 'Authorization: Bearer <token>'.")
    name: str
    email: str | None
    position: str
    experience_level: Level
    experience_years: int | None
    created_at: datetime

    @classmethod
    def of(cls, user: User, *, token: str) -> CompatUserCreated:
        return cls(user_id=user.id, token=token, **user.model_dump())


class CompatQuestion(BaseModel):
    question_id: UUID
    id: UUID = Field(description="Design B's name for question_id.")
    question: str = Field(description="The question's text.")
    kind: ItemKind
    type: Literal["technical", "behavioral"] = Field(description="Design B's question type.")
    topic: str
    difficulty: int = Field(description="1 (basic) to 5 (expert).")
    seq: int
    follow_up: bool
    sheet: SheetRead | None = Field(default=None, description="Formula tasks only.")

    @classmethod
    def of(cls, question: Question) -> CompatQuestion:
        return cls(
            question_id=question.id,
            id=question.id,
            question=question.text,
            kind=question.kind,
            type="behavioral" if question.kind == "behavioral" else "technical",
            topic=question.topic,
            difficulty=question.difficulty,
            seq=question.seq,
            follow_up=question.parent_id is not None,
            sheet=SheetRead.of(question.task) if question.task else None,
        )


class Scores(BaseModel):
    technical: int = Field(description="1-10.")
    communication: int | None = Field(description="1-10; None when the answer gives no evidence.")
    confidence: int | None = Field(description="1-10; None when the answer gives no evidence.")


class CompatEvaluation(BaseModel):
    question_id: UUID
    scores: Scores
    score: int = Field(description="Design A's single score: the technical one.")
    rationale: str
    feedback: str
    examples_or_corrections: str
    resources: list[Resource]
    graded_by: str

    @classmethod
    def fields_of(cls, question_id: UUID, evaluation: Evaluation) -> dict[str, Any]:
        return {
            "question_id": question_id,
            "scores": Scores(
                technical=evaluation.technical,
                communication=evaluation.communication,
                confidence=evaluation.confidence,
            ),
            "score": evaluation.technical,
            "rationale": evaluation.rationale,
            "feedback": evaluation.feedback,
            "examples_or_corrections": evaluation.examples_or_corrections,
            "resources": list(evaluation.resources),
            "graded_by": evaluation.graded_by,
        }

    @classmethod
    def of(cls, question_id: UUID, evaluation: Evaluation) -> CompatEvaluation:
        return cls(**cls.fields_of(question_id, evaluation))


class CompatAnswerResult(CompatEvaluation):
    session_id: UUID
    done: bool = Field(description="No question left: finalize next.")
    finished: bool = Field(description="Design A's name for done.")
    follow_up_needed: bool = Field(description="The next question follows up on this answer.")
    follow_up_question: str | None
    next_question: str | None = Field(description="Design A: the next question's text.")
    current_question: CompatQuestion | None = Field(
        description="The question to answer now, with its question_id; None when done."
    )

    @classmethod
    def of_outcome(cls, outcome: AnswerOutcome) -> CompatAnswerResult:
        following = outcome.next_question
        follow_up = following is not None and following.parent_id == outcome.question_id
        return cls(
            **cls.fields_of(outcome.question_id, outcome.evaluation),
            session_id=outcome.interview.id,
            done=outcome.done,
            finished=outcome.done,
            follow_up_needed=follow_up,
            follow_up_question=following.text if following and follow_up else None,
            next_question=following.text if following else None,
            current_question=CompatQuestion.of(following) if following else None,
        )


class CompatStarted(BaseModel):
    session_id: UUID
    interview_id: UUID = Field(description="Same as session_id.")
    user_id: UUID
    question_id: UUID | None = Field(description="The first question's id.")
    first_question: str | None = Field(description="Design A: the first question's text.")
    current_question: CompatQuestion | None
    questions: list[CompatQuestion] = Field(
        description="Design B: the questions asked so far. The interview is adaptive, so the "
        "next one comes with each answer."
    )
    n_questions: int = Field(description="Planned number of main questions.")
    token: str | None = Field(
        default=None, description="Only when this request registered you; shown once."
    )
    notice: str = ""

    @classmethod
    def of(
        cls, interview: Interview, *, token: str | None = None, notice: str = ""
    ) -> CompatStarted:
        current = interview.current
        return cls(
            session_id=interview.id,
            interview_id=interview.id,
            user_id=interview.user_id,
            question_id=current.id if current else None,
            first_question=current.text if current else None,
            current_question=CompatQuestion.of(current) if current else None,
            questions=[CompatQuestion.of(t.question) for t in interview.turns],
            n_questions=interview.plan.length,
            token=token,
            notice=" ".join(n for n in (interview.notice, notice) if n),
        )


class CompatReport(BaseModel):
    session_id: UUID
    overall_score: int = Field(description="0-100.")
    avg_technical: float = Field(description="1-10.")
    avg_communication: float | None = Field(description="1-10; None without evidence.")
    avg_confidence: float | None = Field(description="1-10; None without evidence.")
    n_questions: int
    strengths: list[str]
    areas_to_improve: list[str]
    areas_of_progress: list[str] = Field(description="Design A's name for areas_to_improve.")
    summary: str
    feedback_summary: str = Field(description="Design A's name for summary.")
    resources: list[Resource]
    topic_scores: dict[str, float]
    level_estimate: str
    duration_seconds: int

    @classmethod
    def of(cls, interview: Interview) -> CompatReport:
        report = interview.report
        assert report is not None
        averages: dict[str, float | None] = {d: report.averages.get(d) for d in DIMENSIONS}
        return cls(
            session_id=interview.id,
            overall_score=report.overall,
            avg_technical=averages["technical"] or 1.0,
            avg_communication=averages["communication"],
            avg_confidence=averages["confidence"],
            n_questions=report.question_count,
            strengths=list(report.strengths),
            areas_to_improve=list(report.areas_to_improve),
            areas_of_progress=list(report.areas_to_improve),
            summary=report.summary,
            feedback_summary=report.summary,
            resources=list(report.resources),
            topic_scores=report.topic_scores,
            level_estimate=report.level_estimate,
            duration_seconds=report.duration_seconds,
        )


class CompatAnswer(BaseModel):
    question_id: UUID
    answer: str
    evaluation: CompatEvaluation | None = Field(description="None while it waits to be graded.")


class SessionMeta(BaseModel):
    name: str
    role: str
    track: str
    level: Level
    mode: Mode
    n_questions: int
    job_description: str


class CompatSession(BaseModel):
    session_id: UUID
    user_id: UUID
    status: Status
    meta: SessionMeta
    questions: list[CompatQuestion]
    answers: list[CompatAnswer]
    current_question: CompatQuestion | None
    done: bool = Field(description="No question left to answer.")
    created_at: datetime
    finished_at: datetime | None
    final_report: CompatReport | None
    notice: str

    @classmethod
    def of(cls, interview: Interview, *, candidate: str) -> CompatSession:
        plan = interview.plan
        current = interview.current
        return cls(
            session_id=interview.id,
            user_id=interview.user_id,
            status=interview.status,
            meta=SessionMeta(
                name=candidate,
                role=plan.role,
                track=plan.track,
                level=plan.level,
                mode=plan.mode,
                n_questions=plan.length,
                job_description=plan.job_description,
            ),
            questions=[CompatQuestion.of(t.question) for t in interview.turns],
            answers=[
                CompatAnswer(
                    question_id=t.question.id,
                    answer=t.answer.text,
                    evaluation=CompatEvaluation.of(t.question.id, t.evaluation)
                    if t.evaluation
                    else None,
                )
                for t in interview.turns
                if t.answer is not None
            ],
            current_question=CompatQuestion.of(current) if current else None,
            done=current is None,
            created_at=interview.created_at,
            finished_at=interview.finished_at,
            final_report=CompatReport.of(interview) if interview.report else None,
            notice=interview.notice,
        )


class CompatPdf(BaseModel):
    filename: str = Field(examples=["interview-report-ada-lovelace-2026-11-23.pdf"])
    pdf_data: str = Field(description="The PDF, base64-encoded (standard alphabet, padded).")
    content_type: Literal["application/pdf"] = "application/pdf"
