from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy.exc import SQLAlchemyError

from interviewer.errors import ServiceUnavailable
from interviewer.storage.db import ping
from interviewer.web.deps import StateDep

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def liveness() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readiness(state: StateDep) -> dict[str, str]:
    """Ready when the database answers."""
    try:
        await ping(state.engine)
    except (SQLAlchemyError, OSError) as exc:
        raise ServiceUnavailable("The database does not answer.") from exc
    return {"status": "ready", "database": "ok", "ai_provider": state.settings.ai_provider}
