"""Signing in again with the email and recovery key given at registration: a new token."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from interviewer.web.accounts import sign_in
from interviewer.web.deps import RepositoryDep, StateDep
from interviewer.web.errors import ERROR_RESPONSES, NO_STORE
from interviewer.web.schemas import ErrorRead, SessionCreate, SessionCreated, UserRead

router = APIRouter(prefix="/sessions", tags=["users"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=SessionCreated,
    responses={
        201: {"headers": NO_STORE},
        401: {
            "model": ErrorRead,
            "description": "The email and recovery key do not match an account (the same "
            "answer for an unknown email, a wrong key and another account's key)",
        },
        **{code: ERROR_RESPONSES[code] for code in (400, 413, 422, 429, 503)},
    },
)
async def create_session(
    body: SessionCreate,
    request: Request,
    state: StateDep,
    repository: RepositoryDep,
    response: Response,
) -> SessionCreated:
    """Sign in from any browser: a new token, shown once; tokens issued before stay valid.
    A few attempts a minute per email and per address (429 with Retry-After after that)."""
    response.headers["Cache-Control"] = "no-store"
    address = request.client.host if request.client else "unknown"
    user, token = await sign_in(repository, state.sign_ins, body, address=address)
    return SessionCreated(user=UserRead.of(user), token=token)
