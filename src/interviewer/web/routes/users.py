from __future__ import annotations

from fastapi import APIRouter, Response, status

from interviewer.web.accounts import create_account
from interviewer.web.deps import CurrentUser, RepositoryDep
from interviewer.web.errors import ERROR_RESPONSES, NO_STORE
from interviewer.web.progress import history_items, progress_of
from interviewer.web.schemas import (
    HistoryItem,
    ProgressRead,
    UserCreate,
    UserCreated,
    UserRead,
)

router = APIRouter(prefix="/users", tags=["users"], responses=ERROR_RESPONSES)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=UserCreated,
    responses={201: {"headers": NO_STORE}},
)
async def register_user(
    body: UserCreate, repository: RepositoryDep, response: Response
) -> UserCreated:
    """Register. The token and, when an email is given, a recovery key are shown once: the
    email and the key sign in again from any browser (POST /api/v1/sessions)."""
    response.headers["Cache-Control"] = "no-store"
    account = await create_account(repository, body, recovery=True)
    return UserCreated(
        user=UserRead.of(account.user), token=account.token, recovery_key=account.recovery_key
    )


@router.get("/me", response_model=UserRead)
async def read_me(user: CurrentUser) -> UserRead:
    return UserRead.of(user)


@router.delete("/me", status_code=status.HTTP_204_NO_CONTENT)
async def delete_me(user: CurrentUser, repository: RepositoryDep) -> None:
    """Delete the user and everything they did: interviews, answers, evaluations, reports."""
    await repository.delete_user(user.id)


@router.get("/me/interviews", response_model=list[HistoryItem])
async def list_my_interviews(user: CurrentUser, repository: RepositoryDep) -> list[HistoryItem]:
    return history_items(await repository.interviews_of(user.id))


@router.get("/me/progress", response_model=ProgressRead)
async def read_my_progress(user: CurrentUser, repository: RepositoryDep) -> ProgressRead:
    return progress_of(await repository.interviews_of(user.id))
