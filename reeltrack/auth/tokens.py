"""JWT access and refresh tokens, and the revocation store shared by all workers."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import jwt
from sqlalchemy.orm import Session

from reeltrack.storage.kv import DatabaseStore, KeyValueStore
from reeltrack.wire.errors import Unauthorized

ALGORITHM = "HS256"


@dataclass(frozen=True)
class TokenClaims:
    """What a verified token says."""

    person_id: uuid.UUID
    jti: str
    token_type: str
    identity_type: str
    expires_at: int
    refresh_jti: str | None = None
    issued_at: int | None = None


class TokenIssuer:
    """Signs and verifies tokens with the server's secret key."""

    def __init__(self, secret: str, access_ttl: timedelta, refresh_ttl: timedelta) -> None:
        self.secret = secret
        self.access_ttl = access_ttl
        self.refresh_ttl = refresh_ttl

    @property
    def refresh_ttl_seconds(self) -> int:
        return int(self.refresh_ttl.total_seconds())

    def issue(
        self,
        person_id: uuid.UUID,
        token_type: str = "access",
        identity_type: str = "person",
        ttl: timedelta | None = None,
        jti: str | None = None,
        fresh: bool = False,
        extra: dict[str, Any] | None = None,
    ) -> tuple[str, str]:
        """A signed token and its jti."""
        now = int(time.time())
        if ttl is None:
            ttl = self.access_ttl if token_type == "access" else self.refresh_ttl
        jti = jti or str(uuid.uuid4())
        claims: dict[str, Any] = {
            "sub": str(person_id),
            "jti": jti,
            "type": token_type,
            "identity_type": identity_type,
            "iat": now,
            "nbf": now,
            "exp": now + int(ttl.total_seconds()),
        }
        if token_type == "access":
            claims["fresh"] = fresh
        if extra:
            claims.update(extra)
        return jwt.encode(claims, self.secret, algorithm=ALGORITHM), jti

    def verify(self, token: str, expected_type: str) -> TokenClaims:
        """Decode and check a token, or raise a 401."""
        try:
            claims = jwt.decode(token, self.secret, algorithms=[ALGORITHM])
        except jwt.ExpiredSignatureError:
            raise Unauthorized("Signature has expired", expired=True) from None
        except jwt.InvalidTokenError:
            raise Unauthorized("Signature verification failed") from None
        if claims.get("type") != expected_type:
            raise Unauthorized(f"Only {expected_type} tokens are allowed")
        try:
            person_id = uuid.UUID(str(claims["sub"]))
            return TokenClaims(
                person_id=person_id,
                jti=str(claims["jti"]),
                token_type=str(claims["type"]),
                identity_type=str(claims.get("identity_type", "person")),
                expires_at=int(claims["exp"]),
                refresh_jti=claims.get("refresh_jti"),
                issued_at=claims.get("iat"),
            )
        except (KeyError, ValueError):
            raise Unauthorized("Signature verification failed") from None


class Revocations:
    """Revoked token ids, kept in the shared key-value store until the token expires."""

    def __init__(self, store: KeyValueStore) -> None:
        self.store = store

    def revoke(self, jti: str, expires_at: int) -> None:
        self.store.set(f"revoked:{jti}", "1", expires_at - int(time.time()))

    def is_revoked(self, jti: str, session: Session | None = None) -> bool:
        """Whether the token was revoked; a database store reads on `session` when given."""
        key = f"revoked:{jti}"
        if session is not None and isinstance(self.store, DatabaseStore):
            return self.store.get_on(session.connection(), key) is not None
        return self.store.get(key) is not None
