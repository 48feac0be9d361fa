"""The two source designs' routes, at their own paths, over the same service and tokens.

Design A: POST /users, POST /interview/{user_id}/start|answer|finalize (the path's user must be
the token's user, else 404; without a session_id the user's latest interview is meant).
Design B: POST /interview/start (a profile; registers when no token is sent), GET
/interview/session/{session_id}, POST .../answer, .../finalize, GET .../export/{full|summary}
and .../export/{full|summary}/base64. Status codes are the designs' own: 200 on success.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, NamedTuple
from uuid import UUID

from fastapi import APIRouter, Depends, Response
from starlette.concurrency import run_in_threadpool

from interviewer.config import Settings
from interviewer.core.model import Level, Plan, User
from interviewer.core.service import InterviewService, slug
from interviewer.errors import DomainError, InvalidInput, NotFound, Unauthorized
from interviewer.reports import PdfKind, render_pdf, report_filename
from interviewer.storage.repository import Repository
from interviewer.web.accounts import register
from interviewer.web.compat_schemas import (
    AnswerCreate,
    CompatAnswerResult,
    CompatPdf,
    CompatReport,
    CompatSession,
    CompatStarted,
    CompatUserCreate,
    CompatUserCreated,
    InterviewFields,
    SessionCreate,
    UserAnswerCreate,
    UserFinalize,
    UserInterviewCreate,
)
from interviewer.web.deps import CurrentUser, OptionalUser, RepositoryDep, ServiceDep, SettingsDep
from interviewer.web.errors import ERROR_RESPONSES, NO_STORE
from interviewer.web.routes.reports import report_source
from interviewer.web.schemas import UserCreate

router = APIRouter(tags=["compatibility"], responses=ERROR_RESPONSES)

PDF = "application/pdf"
IGNORED = "model_provider and api_key are ignored: this server uses its configured AI provider."


async def path_user(user_id: UUID, user: CurrentUser) -> User:
    """Design A's user in the path: only the token's own user, and 404 for anyone else's."""
    if user_id != user.id:
        raise NotFound(f"No user {user_id}.")
    return user


PathUser = Annotated[User, Depends(path_user)]


@contextmanager
def _fields_named(renamed: dict[str, str]) -> Iterator[None]:
    """Name the design's field in an error the service raised about its own field."""
    try:
        yield
    except DomainError as exc:
        if exc.field in renamed:
            exc.field = renamed[exc.field]
        raise


def _profile(
    name: str, email: str | None, position: str, experience: tuple[Level, int | None] | None
) -> UserCreate:
    if experience is None:
        return UserCreate(name=name, email=email, position=position)
    level, years = experience
    return UserCreate(
        name=name, email=email, position=position, experience_level=level, experience_years=years
    )


async def _answer(
    service: InterviewService, user: User, interview_id: UUID, question_id: UUID, text: str
) -> CompatAnswerResult:
    """Both designs' answer: the service's, with errors naming the designs' `answer` field."""
    with _fields_named({"text": "answer"}):
        outcome = await service.submit_answer(
            user.id, interview_id, question_id=question_id, text=text
        )
    return CompatAnswerResult.of_outcome(outcome)


async def _latest(repository: Repository, user: User, chosen: UUID | None) -> UUID:
    if chosen is not None:
        return chosen
    history = await repository.interviews_of(user.id)  # newest first
    if not history:
        raise NotFound("You have no interview yet; start one with POST /interview/{user_id}/start.")
    return history[0].id


async def _start(
    service: InterviewService, user: User, body: InterviewFields, *, settings: Settings
) -> CompatStarted:
    """Start from either design's fields, as POST /api/v1/interviews does; an unknown role is
    reported under the name the client sent it as."""
    limit = settings.max_job_description_chars
    if len(body.job_description) > limit:
        raise InvalidInput(
            f"The job description is over {limit} characters.", field="job_description"
        )
    experience = body.experience_read
    wanted, source = (
        (body.track, "track") if body.track else (body.role_text or user.position, "role")
    )
    track = slug(wanted) if slug(wanted) in service.banks.banks else wanted
    plan = Plan(
        track=track,
        role=body.role_text or user.position,
        level=body.level or (experience[0] if experience else user.experience_level),
        mode=body.mode,
        length=body.planned_length or settings.default_length,
        job_description=body.job_description,
        seed=body.seed if body.seed is not None else secrets.randbelow(2**31),
        kind=body.kind,
    )
    with _fields_named({"track": source}):
        interview = await service.start(user.id, plan)
    return CompatStarted.of(interview)


# Design A ---------------------------------------------------------------------------------


@router.post("/users", response_model=CompatUserCreated, responses={200: {"headers": NO_STORE}})
async def register_user(
    body: CompatUserCreate, repository: RepositoryDep, response: Response
) -> CompatUserCreated:
    """Design A's registration: `name`, `email`, `position` (or `role`), `experience`; returns
    `user_id` and the token, shown once."""
    response.headers["Cache-Control"] = "no-store"
    profile = _profile(body.name, body.email, body.position_or_role, body.experience_read)
    user, token = await register(repository, profile)
    return CompatUserCreated.of(user, token=token)


@router.post("/interview/{user_id}/start", response_model=CompatStarted)
async def start_for_user(
    user: PathUser,
    service: ServiceDep,
    settings: SettingsDep,
    body: UserInterviewCreate | None = None,
) -> CompatStarted:
    """Design A: start an interview for the user; role, track, level, mode and length default
    to the user's profile and the server's settings."""
    body = body or UserInterviewCreate()
    started = await _start(service, user, body, settings=settings)
    return started


@router.post("/interview/{user_id}/answer", response_model=CompatAnswerResult)
async def answer_for_user(
    body: UserAnswerCreate, user: PathUser, service: ServiceDep, repository: RepositoryDep
) -> CompatAnswerResult:
    """Design A: answer (`answer` or `user_answer`) the question `question_id`."""
    interview_id = await _latest(repository, user, body.chosen)
    return await _answer(service, user, interview_id, body.question_id, body.text)


@router.post("/interview/{user_id}/finalize", response_model=CompatReport)
async def finalize_for_user(
    user: PathUser,
    service: ServiceDep,
    repository: RepositoryDep,
    body: UserFinalize | None = None,
) -> CompatReport:
    """Design A: finish the interview (the latest unless `session_id` says) and report;
    calling it again returns the same report."""
    interview_id = await _latest(repository, user, body.chosen if body else None)
    await service.finalize(user.id, interview_id)
    return CompatReport.of(await service.get(user.id, interview_id))


# Design B ---------------------------------------------------------------------------------


@router.post(
    "/interview/start", response_model=CompatStarted, responses={200: {"headers": NO_STORE}}
)
async def start_session(
    body: SessionCreate,
    user: OptionalUser,
    repository: RepositoryDep,
    service: ServiceDep,
    settings: SettingsDep,
    response: Response,
) -> CompatStarted:
    """Design B: start from a profile. Without a token, `name` registers you and the response
    carries your token (shown once); with one, leave out name and email."""
    response.headers["Cache-Control"] = "no-store"
    token = None
    if user is None:
        if body.name is None:
            raise Unauthorized(
                "Send 'Authorization: Bearer <token>', or a name to register, to start."
            )
        position = body.role or body.track
        if position is None:
            raise InvalidInput("role: say which role or track to practise.", field="role")
        profile = _profile(body.name, body.email, position, body.experience_read)
        user, token = await register(repository, profile)
    elif body.name is not None or body.email is not None:
        raise InvalidInput("You are signed in; leave out name and email.", field="name")
    started = await _start(service, user, body, settings=settings)
    ignored = IGNORED if body.model_provider or body.api_key else ""
    notice = " ".join(n for n in (started.notice, ignored) if n)
    return started.model_copy(update={"token": token, "notice": notice})


@router.get("/interview/session/{session_id}", response_model=CompatSession)
async def read_session(session_id: UUID, user: CurrentUser, service: ServiceDep) -> CompatSession:
    """Design B: the session's profile, questions, answers with their scores, and report."""
    return CompatSession.of(await service.get(user.id, session_id), candidate=user.name)


@router.post("/interview/session/{session_id}/answer", response_model=CompatAnswerResult)
async def answer_in_session(
    session_id: UUID, body: AnswerCreate, user: CurrentUser, service: ServiceDep
) -> CompatAnswerResult:
    """Design B: answer the question `question_id` -> scores, feedback, the next question."""
    return await _answer(service, user, session_id, body.question_id, body.text)


@router.post("/interview/session/{session_id}/finalize", response_model=CompatReport)
async def finalize_session(
    session_id: UUID, user: CurrentUser, service: ServiceDep
) -> CompatReport:
    """Design B: finish and report; calling it again returns the same report."""
    await service.finalize(user.id, session_id)
    return CompatReport.of(await service.get(user.id, session_id))


class RenderedPdf(NamedTuple):
    data: bytes
    filename: str


async def session_pdf(
    session_id: UUID,
    kind: PdfKind,
    user: CurrentUser,
    service: ServiceDep,
    repository: RepositoryDep,
) -> RenderedPdf:
    """The finalized session's report as PDF, `full` or `summary`, read as the report routes
    read it (409 before finalize, 404 when not yours); an unknown kind is 422 first."""
    source = await report_source(session_id, user, service, repository)
    pdf = await run_in_threadpool(render_pdf, source, kind=kind)
    label = "summary" if kind == "summary" else "report"
    name = report_filename(source.candidate, source.finished_at.date(), kind=label, extension="pdf")
    return RenderedPdf(pdf, name)


SessionPdf = Annotated[RenderedPdf, Depends(session_pdf)]


@router.get(
    "/interview/session/{session_id}/export/{kind}",
    response_class=Response,
    responses={200: {"content": {PDF: {}}, "description": "The report as a PDF file"}},
)
async def export_pdf(pdf: SessionPdf) -> Response:
    """Design B: the report as PDF, `full` (every question with feedback) or `summary` (one
    page)."""
    return Response(
        content=pdf.data,
        media_type=PDF,
        headers={
            "Content-Disposition": f'attachment; filename="{pdf.filename}"',
            "Cache-Control": "private, no-store",
        },
    )


@router.get("/interview/session/{session_id}/export/{kind}/base64", response_model=CompatPdf)
async def export_pdf_base64(pdf: SessionPdf) -> CompatPdf:
    """Design B: the same PDF, base64-encoded in JSON with its file name."""
    return CompatPdf(filename=pdf.filename, pdf_data=base64.b64encode(pdf.data).decode("ascii"))
