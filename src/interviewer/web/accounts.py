"""Registering a user: the one place a token is made."""

from __future__ import annotations

from interviewer.core.model import User
from interviewer.storage.repository import Repository
from interviewer.web.schemas import UserCreate
from interviewer.web.security import hash_token, new_token


async def register(repository: Repository, profile: UserCreate) -> tuple[User, str]:
    token = new_token()
    user = await repository.create_user(
        name=profile.name,
        email=profile.email,
        position=profile.position,
        experience_level=profile.experience_level,
        experience_years=profile.experience_years,
        token_hash=hash_token(token),
    )
    return user, token
