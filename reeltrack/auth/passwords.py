"""bcrypt password hashes, compatible with the ones Zou stores."""

from __future__ import annotations

import bcrypt

ROUNDS = 12


def hash_password(password: str, rounds: int = ROUNDS) -> bytes:
    # bcrypt reads 72 bytes at most (and bcrypt 5 refuses more); Zou truncates the same way.
    return bcrypt.hashpw(password.encode("utf-8")[:72], bcrypt.gensalt(rounds))


def verify_password(password: str, stored: bytes | str | None) -> bool:
    if not stored or not password:
        return False
    hashed = stored.encode("utf-8") if isinstance(stored, str) else bytes(stored)
    try:
        return bcrypt.checkpw(password.encode("utf-8")[:72], hashed)
    except ValueError:
        return False
