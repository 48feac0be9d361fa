from __future__ import annotations

from fastapi import APIRouter

from interviewer.web.deps import StateDep

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def liveness() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readiness(state: StateDep) -> dict[str, str]:
    """Ready when the database answers; 503 otherwise."""
    await state.database.ping()
    return {"status": "ready", "database": "ok", "ai_provider": state.settings.ai_provider}
