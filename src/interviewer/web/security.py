"""Bearer tokens (256 random bits) and recovery keys (100 random bits), each shown once and
stored only as a SHA-256 digest.

A fast hash is right here: both are made by the server from a CSPRNG, never chosen by a
person, so there is no dictionary to try and 2^100 guesses to brute-force; lookups by digest
stay a single indexed query. (A password a person picks would need a slow, salted hash.)
"""

from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 32
RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base32: no I, L, O or U, so a key copied by hand is not misread."""
RECOVERY_GROUPS = 5
RECOVERY_GROUP = 4
RECOVERY_LENGTH = RECOVERY_GROUPS * RECOVERY_GROUP  # 20 symbols of 5 bits: 100 bits
_MISREAD = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_recovery_key() -> str:
    """Like `K7QM-2XPD-9TRV-H4NC-8WZE`: easy to write down, read aloud and type."""
    symbols = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
    return "-".join(
        symbols[i : i + RECOVERY_GROUP] for i in range(0, RECOVERY_LENGTH, RECOVERY_GROUP)
    )


def normalize_recovery_key(typed: str) -> str | None:
    """The key's 20 symbols, whatever the case, spaces, dashes or O/0 and I/L/1 mix-ups;
    None when what was typed cannot be a recovery key."""
    symbols = "".join(c for c in typed.upper() if c not in " -\t\n").translate(_MISREAD)
    if len(symbols) != RECOVERY_LENGTH or any(c not in RECOVERY_ALPHABET for c in symbols):
        return None
    return symbols


def hash_recovery_key(normalized: str) -> str:
    return hashlib.sha256(f"recovery-key:{normalized}".encode("ascii")).hexdigest()


def bearer_token(header: str | None) -> str | None:
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()
