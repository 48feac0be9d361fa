"""Dependencies, named once as Annotated aliases."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from interviewer.config import Settings
from interviewer.core.model import User
from interviewer.core.service import InterviewService
from interviewer.errors import Unauthorized
from interviewer.grading.delivery import SpokenDelivery
from interviewer.storage.repository import Repository
from interviewer.web.security import bearer_token, hash_token
from interviewer.web.state import AppState


async def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.interviewer
    return state


StateDep = Annotated[AppState, Depends(get_state)]


async def get_repository(state: StateDep) -> AsyncIterator[Repository]:
    """The request's unit of work: committed when the route returns, rolled back on error.

    Function scope makes FastAPI close it before the response is sent, so a write is
    acknowledged only once it is committed; a commit that fails is a 503 (storage/db.py),
    never a 2xx.
    """
    async with state.database.repository() as repository:
        yield repository


RepositoryDep = Annotated[Repository, Depends(get_repository, scope="function")]


async def get_settings(state: StateDep) -> Settings:
    return state.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def get_service(state: StateDep, repository: RepositoryDep) -> InterviewService:
    return InterviewService(
        store=repository,
        grader=state.grader,
        banks=state.banks,
        max_answer_chars=state.settings.max_answer_chars,
        precheck=state.grader.precheck,
        questions=state.engine,
        narrator=state.engine,
        question_share=state.settings.ai_question_share,
        delivery=SpokenDelivery(),
    )


ServiceDep = Annotated[InterviewService, Depends(get_service)]


BEARER = HTTPBearer(
    auto_error=False,
    scheme_name="bearer",
    description="The token from registration: `Authorization: Bearer <token>`.",
)


async def optional_user(
    state: StateDep,
    repository: RepositoryDep,
    _scheme: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)] = None,
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> User | None:
    """`_scheme` only documents the bearer scheme in OpenAPI; the header is parsed here so that
    a malformed one gets this API's own 401 message."""
    if authorization is None:
        return None
    token = bearer_token(authorization)
    user = await repository.user_by_token_hash(hash_token(token)) if token else None
    if user is None:
        raise Unauthorized(
            "The token is not valid; register again or check the Authorization header."
        )
    state.known_tokens.remember(authorization, user.id)
    return user


OptionalUser = Annotated[User | None, Depends(optional_user)]


async def current_user(user: OptionalUser) -> User:
    if user is None:
        raise Unauthorized("Send your token as 'Authorization: Bearer <token>'.")
    return user


CurrentUser = Annotated[User, Depends(current_user)]
