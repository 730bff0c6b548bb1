"""Helpers for the two-factor tests: fast recovery-code hashes, mailed codes, login calls."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from reeltrack.services import two_factor
from tests import factories

CODE_LINE = re.compile(r"^(\d{6})$", re.MULTILINE)


@pytest.fixture(autouse=True)
def fast_recovery_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sixteen bcrypt hashes at the production cost take seconds; the cost is not tested."""
    monkeypatch.setattr(two_factor, "RECOVERY_CODE_ROUNDS", factories.FAST_HASH_ROUNDS)


@pytest.fixture()
def mails(caplog: pytest.LogCaptureFixture) -> Iterator[Callable[[str], list[str]]]:
    """The codes mailed so far to an address, oldest first (mail goes to the log in tests)."""
    caplog.set_level(logging.INFO, logger="reeltrack.mail")

    def codes_for(address: str) -> list[str]:
        found = []
        for record in caplog.records:
            if record.name == "reeltrack.mail" and f"to={address} " in record.getMessage():
                found.extend(CODE_LINE.findall(record.getMessage()))
        return found

    yield codes_for


@pytest.fixture()
def bot(app: Any, runtime: Any, db: Any) -> TestClient:
    """A TestClient calling with the API token of a new bot."""
    jti = str(uuid.uuid4())
    person = factories.make_person(db, is_bot=True, jti=jti)
    db.commit()
    token, _ = runtime.tokens.issue(person.id, identity_type="bot", jti=jti)
    bot_client = TestClient(app, headers={"Authorization": f"Bearer {token}"})
    bot_client.person = person  # type: ignore[attr-defined]
    return bot_client


@pytest.fixture()
def login(client: TestClient) -> Callable[..., httpx.Response]:
    """POST /auth/login for a person, with extra body fields (the second factor)."""

    def do(person: Any, **fields: Any) -> httpx.Response:
        body = {"email": person.email, "password": factories.DEFAULT_PASSWORD, **fields}
        return client.post("/auth/login", json=body)

    return do


def current_totp(secret: str, shift: int = 0) -> str:
    """The authenticator's code now, or `shift` steps of 30 s away."""
    import time

    return two_factor.totp(secret, time.time() + shift * two_factor.TOTP_STEP)


def missing(preferred: str | None, enabled: list[str]) -> dict[str, Any]:
    return {
        "error": True,
        "login": False,
        "missing_OTP": True,
        "message": "A two-factor authentication code is required.",
        "preferred_two_factor_authentication": preferred,
        "two_factor_authentication_enabled": enabled,
    }


WRONG_OTP = {
    "error": True,
    "login": False,
    "wrong_OTP": True,
    "message": "Wrong two-factor authentication code.",
}
PROOF_FAILED = {"error": True, "message": "OTP verification failed.", "wrong_OTP": True}


def reload(db: Any, person: Any) -> Any:
    """The person's row as committed now (the test session keeps no stale snapshot)."""
    db.rollback()
    db.expire_all()
    return db.get(type(person), person.id)
