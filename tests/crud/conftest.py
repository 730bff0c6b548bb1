"""Fixtures for the CRUD tests: callers of every role, bots included."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests import factories

ROLES = ("admin", "manager", "supervisor", "user", "client", "vendor", "bot")
NON_ADMIN_ROLES = ROLES[1:]


@pytest.fixture()
def as_bot(app: Any, runtime: Any, db: Any) -> Callable[..., TestClient]:
    """A TestClient using the API token of a new bot with the given role."""

    def make(role: str = "user", **fields: Any) -> TestClient:
        jti = str(uuid.uuid4())
        person = factories.make_person(db, role=role, is_bot=True, jti=jti, **fields)
        db.commit()
        token, _ = runtime.tokens.issue(person.id, identity_type="bot", jti=jti)
        test_client = TestClient(app)
        test_client.headers["Authorization"] = f"Bearer {token}"
        test_client.person = person  # type: ignore[attr-defined]
        return test_client

    return make


@pytest.fixture()
def caller(as_role: Callable[..., TestClient], as_bot: Callable[..., TestClient]) -> Callable:
    """`caller(role)`: a client for one of ROLES ("bot" is a bot with the artist role)."""

    def make(role: str, **fields: Any) -> TestClient:
        if role == "bot":
            return as_bot("user", **fields)
        return as_role(role, **fields)

    return make
