"""Accounts: registering (the one place a registration token is made) and signing in again.

The way back in that does not depend on the browser's storage is a recovery key: 100 random
bits in Crockford base32 (`K7QM-2XPD-9TRV-H4NC-8WZE`), made by the server at registration
when an email is given, shown once and stored only as a digest (web/security.py). The email
and the key together sign in from any browser and get a new token; the tokens issued before
stay valid, so signing in on a phone does not sign the laptop out. Nothing needs a mail server
or access to the server's log, which suits an app one person or a team runs on their own
machine.
"""

from __future__ import annotations

from dataclasses import dataclass

from interviewer.core.model import User
from interviewer.errors import InvalidInput, Unauthorized
from interviewer.storage.repository import Repository
from interviewer.web.ratelimit import SignInLimit
from interviewer.web.schemas import SessionCreate, UserCreate
from interviewer.web.security import (
    hash_recovery_key,
    hash_token,
    new_recovery_key,
    new_token,
    normalize_recovery_key,
)

NO_MATCH = "That email and recovery key do not match an account. Check both and try again."


@dataclass(frozen=True)
class NewAccount:
    user: User
    token: str
    recovery_key: str | None
    """Only with an email: the key signs in together with it."""


async def create_account(
    repository: Repository, profile: UserCreate, *, recovery: bool
) -> NewAccount:
    token = new_token()
    key = new_recovery_key() if recovery and profile.email else None
    user = await repository.create_user(
        name=profile.name,
        email=profile.email,
        position=profile.position,
        experience_level=profile.experience_level,
        experience_years=profile.experience_years,
        token_hash=hash_token(token),
        recovery_hash=hash_recovery_key(key.replace("-", "")) if key else None,
    )
    return NewAccount(user=user, token=token, recovery_key=key)


async def register(repository: Repository, profile: UserCreate) -> tuple[User, str]:
    """A user and their token, without a recovery key (an interview started with an inline
    profile, the compatibility routes): POST /users is where the key is shown."""
    account = await create_account(repository, profile, recovery=False)
    return account.user, account.token


async def sign_in(
    repository: Repository, limit: SignInLimit, body: SessionCreate, *, address: str
) -> tuple[User, str]:
    """A new token for the account with this email and recovery key. A wrong key, another
    account's key or an unknown email all get the same 401, so nothing says which was wrong."""
    await limit.check(email=body.email, address=address)
    normalized = normalize_recovery_key(body.recovery_key)
    if normalized is None:
        raise InvalidInput(
            "A recovery key has 20 letters and digits, like K7QM-2XPD-9TRV-H4NC-8WZE.",
            field="recovery_key",
        )
    user = await repository.user_by_recovery_hash(hash_recovery_key(normalized))
    if user is None or (user.email or "").strip().casefold() != body.email.casefold():
        raise Unauthorized(NO_MATCH)
    token = new_token()
    await repository.add_access_token(user.id, token_hash=hash_token(token))
    return user, token
