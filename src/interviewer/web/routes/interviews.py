from __future__ import annotations

import secrets
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Header, Response, status

from interviewer.core.model import Plan
from interviewer.errors import InvalidInput, Unauthorized
from interviewer.web.accounts import register
from interviewer.web.deps import (
    CurrentUser,
    OptionalUser,
    RepositoryDep,
    ServiceDep,
    SettingsDep,
)
from interviewer.web.errors import ERROR_RESPONSES, NO_STORE
from interviewer.web.schemas import (
    AnswerCreate,
    AnswerResult,
    HintRead,
    InterviewCreate,
    InterviewRead,
    InterviewStarted,
    ReportRead,
)

router = APIRouter(prefix="/interviews", tags=["interviews"], responses=ERROR_RESPONSES)

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=100,
        description="Retries with the same key return the first result and store nothing twice.",
    ),
]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=InterviewStarted,
    responses={201: {"headers": NO_STORE}},
)
async def start_interview(
    body: InterviewCreate,
    user: OptionalUser,
    repository: RepositoryDep,
    service: ServiceDep,
    settings: SettingsDep,
    response: Response,
) -> InterviewStarted:
    """Start with your token, or with an inline `profile` (registers you, returns a token)."""
    response.headers["Cache-Control"] = "no-store"
    token = None
    if user is None:
        if body.profile is None:
            raise Unauthorized("Send 'Authorization: Bearer <token>' or a profile to start.")
        user, token = await register(repository, body.profile)
    elif body.profile is not None:
        raise InvalidInput("You are signed in; leave out the profile.", field="profile")
    if len(body.job_description) > settings.max_job_description_chars:
        raise InvalidInput(
            f"The job description is over {settings.max_job_description_chars} characters.",
            field="job_description",
        )
    plan = Plan(
        track=body.track,
        role=body.role or user.position,
        level=body.level or user.experience_level,
        mode=body.mode,
        length=body.length or settings.default_length,
        job_description=body.job_description,
        seed=body.seed if body.seed is not None else secrets.randbelow(2**31),
        kind=body.kind,
    )
    interview = await service.start(user.id, plan, weakest_topics=body.focus == "weakest")
    return InterviewStarted(interview=InterviewRead.of(interview), token=token)


@router.get("/{interview_id}", response_model=InterviewRead)
async def read_interview(
    interview_id: UUID, user: CurrentUser, service: ServiceDep
) -> InterviewRead:
    return InterviewRead.of(await service.get(user.id, interview_id))


@router.post("/{interview_id}/answers", response_model=AnswerResult)
async def submit_answer(
    interview_id: UUID,
    body: AnswerCreate,
    user: CurrentUser,
    service: ServiceDep,
    idempotency_key: IdempotencyKey = None,
) -> AnswerResult:
    """Answer the current question. The answer is stored before it is graded."""
    outcome = await service.submit_answer(
        user.id,
        interview_id,
        question_id=body.question_id,
        text=body.text,
        input_mode=body.input_mode,
        seconds_taken=body.seconds_taken,
        idempotency_key=body.idempotency_key or idempotency_key,
        speech=body.delivery.to_speech() if body.delivery is not None else None,
    )
    return AnswerResult.of(outcome)


@router.post("/{interview_id}/questions/{question_id}/hint", response_model=HintRead)
async def request_hint(
    interview_id: UUID, question_id: UUID, user: CurrentUser, service: ServiceDep
) -> HintRead:
    """A hint for the current question; using it costs one technical point."""
    hint = await service.hint(user.id, interview_id, question_id)
    return HintRead(question_id=question_id, hint=hint)


@router.post("/{interview_id}/questions/{question_id}/skip", response_model=InterviewRead)
async def skip_question(
    interview_id: UUID, question_id: UUID, user: CurrentUser, service: ServiceDep
) -> InterviewRead:
    return InterviewRead.of(await service.skip(user.id, interview_id, question_id))


@router.post("/{interview_id}/finalize", response_model=ReportRead)
async def finalize_interview(
    interview_id: UUID, user: CurrentUser, service: ServiceDep
) -> ReportRead:
    """Finish and build the report; calling it again returns the same report."""
    return ReportRead.of(await service.finish(user.id, interview_id), candidate=user.name)


@router.get("/{interview_id}/report", response_model=ReportRead)
async def read_report(interview_id: UUID, user: CurrentUser, service: ServiceDep) -> ReportRead:
    return ReportRead.of(await service.finished(user.id, interview_id), candidate=user.name)
