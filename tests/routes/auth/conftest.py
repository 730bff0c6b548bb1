"""Helpers for the auth blueprint tests: a person to log in as and a login call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from tests import factories

BROWSER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
SCRIPT_AGENT = "python-requests/2.32.3"


@pytest.fixture()
def person(db: Any) -> Any:
    """An active artist with the factories' default password."""
    row = factories.make_person(db, role="user", desktop_login="jdoe")
    db.commit()
    return row


@pytest.fixture()
def login(client: TestClient) -> Callable[..., httpx.Response]:
    """POST /auth/login with a JSON body, as a script or as a browser."""

    def do(
        email: str, password: str = factories.DEFAULT_PASSWORD, browser: bool = False
    ) -> httpx.Response:
        body = {"email": email, "password": password}
        agent = BROWSER_AGENT if browser else SCRIPT_AGENT
        return client.post("/auth/login", json=body, headers={"User-Agent": agent})

    return do


@pytest.fixture()
def browser_headers() -> dict[str, str]:
    """Headers of a request sent by Kitsu in a browser."""
    return {"User-Agent": BROWSER_AGENT}
