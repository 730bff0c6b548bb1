"""Tokens: logout and revocation (across workers), refresh, authenticated, bad headers."""

from __future__ import annotations

from datetime import timedelta

import jwt
import pytest
from fastapi.testclient import TestClient

from reeltrack.app import create_app
from reeltrack.runtime import Runtime
from reeltrack.services.auth import SENSITIVE_FIELDS
from tests import factories

REVOKED = {"msg": "Token has been revoked"}
EXPIRED = {"error": True, "message": "Signature has expired"}
MISSING = {"msg": "Missing Authorization Header"}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture()
def session_tokens(login, person):
    """The access and refresh tokens of a fresh script login."""
    body = login(person.email).json()
    return body["access_token"], body["refresh_token"]


# ------------------------------------------------------------------ logout


def test_logout_revokes_the_access_token(client, session_tokens):
    access, _ = session_tokens
    assert client.get("/auth/authenticated", headers=bearer(access)).status_code == 200

    response = client.get("/auth/logout", headers=bearer(access))

    assert (response.status_code, response.json()) == (200, {"logout": True})
    after = client.get("/auth/authenticated", headers=bearer(access))
    assert (after.status_code, after.json()) == (401, REVOKED)
    assert client.get("/data/persons", headers=bearer(access)).status_code == 401


def test_logout_revokes_the_refresh_token_of_that_session(client, session_tokens):
    access, refresh = session_tokens
    assert client.get("/auth/refresh-token", headers=bearer(refresh)).status_code == 200

    client.get("/auth/logout", headers=bearer(access))

    response = client.get("/auth/refresh-token", headers=bearer(refresh))
    assert (response.status_code, response.json()) == (401, REVOKED)


def test_logout_leaves_other_sessions_alone(client, login, person, session_tokens):
    other = login(person.email).json()["access_token"]

    client.get("/auth/logout", headers=bearer(session_tokens[0]))

    assert client.get("/auth/authenticated", headers=bearer(other)).status_code == 200


def test_logout_with_a_refreshed_token_revokes_the_refresh_token(client, session_tokens):
    _, refresh = session_tokens
    renewed = client.get("/auth/refresh-token", headers=bearer(refresh)).json()["access_token"]

    assert client.get("/auth/logout", headers=bearer(renewed)).status_code == 200

    assert client.get("/auth/refresh-token", headers=bearer(refresh)).json() == REVOKED


def test_browser_logout_clears_the_cookies(client, login, person, browser_headers):
    login(person.email, browser=True)

    response = client.get("/auth/logout", headers=browser_headers)

    assert response.status_code == 200
    cleared = response.headers.get_list("set-cookie")
    assert sorted(c.split("=", 1)[0] for c in cleared) == [
        "access_token_cookie",
        "refresh_token_cookie",
    ]
    assert all('=""' in c or "=;" in c for c in cleared)
    assert client.get("/auth/authenticated").status_code == 401


def test_revocation_is_shared_by_several_workers(runtime, person):
    """Two app instances on the same database: a logout on one holds on the other."""
    runtimes = [Runtime.build(runtime.settings) for _ in range(2)]
    try:
        worker_a, worker_b = (TestClient(create_app(runtime=rt)) for rt in runtimes)
        body = {"email": person.email, "password": factories.DEFAULT_PASSWORD}
        tokens = worker_a.post("/auth/login", json=body).json()
        access, refresh = tokens["access_token"], tokens["refresh_token"]
        assert worker_b.get("/auth/authenticated", headers=bearer(access)).status_code == 200

        assert worker_a.get("/auth/logout", headers=bearer(access)).status_code == 200

        on_b = worker_b.get("/auth/authenticated", headers=bearer(access))
        assert (on_b.status_code, on_b.json()) == (401, REVOKED)
        refresh_on_b = worker_b.get("/auth/refresh-token", headers=bearer(refresh))
        assert (refresh_on_b.status_code, refresh_on_b.json()) == (401, REVOKED)
    finally:
        for rt in runtimes:
            rt.db.dispose()


# ------------------------------------------------------------------ authenticated


def test_authenticated_shows_the_safe_user_and_organisation(client, db, session_tokens, person):
    department = factories.make_department(db)
    factories.add_to_department(db, person, department)
    db.commit()

    response = client.get("/auth/authenticated", headers=bearer(session_tokens[0]))

    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["authenticated", "user", "organisation"]
    assert body["authenticated"] is True
    user = body["user"]
    assert user["id"] == str(person.id)
    assert user["departments"] == [str(department.id)]
    assert user["fido_devices"] == []
    assert not (set(SENSITIVE_FIELDS) - {"fido_devices"}) & set(user)
    assert body["organisation"]["type"] == "Organisation"


# ------------------------------------------------------------------ refresh


def test_refresh_token_gives_a_new_working_access_token(client, session_tokens, person):
    access, refresh = session_tokens

    response = client.get("/auth/refresh-token", headers=bearer(refresh))

    assert response.status_code == 200
    assert list(response.json()) == ["access_token"]
    renewed = response.json()["access_token"]
    assert renewed not in (access, refresh)
    me = client.get("/auth/authenticated", headers=bearer(renewed))
    assert me.status_code == 200
    assert me.json()["user"]["id"] == str(person.id)


def test_access_token_is_refused_by_refresh_route(client, session_tokens):
    response = client.get("/auth/refresh-token", headers=bearer(session_tokens[0]))

    assert response.status_code in (401, 422)
    assert response.json() == {"msg": "Only refresh tokens are allowed"}


def test_refresh_token_is_refused_as_an_access_token(client, session_tokens):
    response = client.get("/auth/authenticated", headers=bearer(session_tokens[1]))

    assert response.status_code in (401, 422)
    assert set(response.json()) == {"msg"}


def test_browser_refresh_uses_the_cookie_and_renews_the_access_cookie(
    client, login, person, browser_headers
):
    first = login(person.email, browser=True).json()["access_token"]

    response = client.get("/auth/refresh-token", headers=browser_headers)

    assert (response.status_code, response.json()) == (200, {"refresh": True})
    renewed = response.cookies["access_token_cookie"]
    assert renewed != first
    assert client.get("/auth/authenticated").status_code == 200


# ------------------------------------------------------------------ bad or missing tokens


def test_missing_token_is_401_with_msg(client):
    response = client.get("/auth/authenticated")

    assert (response.status_code, response.json()) == (401, MISSING)


def test_missing_token_on_data_routes(client):
    response = client.get("/data/persons")

    assert (response.status_code, response.json()) == (401, MISSING)


def test_expired_access_token(client, runtime, person):
    token, _ = runtime.tokens.issue(person.id, ttl=timedelta(seconds=-60))

    response = client.get("/auth/authenticated", headers=bearer(token))

    assert (response.status_code, response.json()) == (401, EXPIRED)


def test_expired_refresh_token(client, runtime, person):
    token, _ = runtime.tokens.issue(person.id, "refresh", ttl=timedelta(seconds=-60))

    response = client.get("/auth/refresh-token", headers=bearer(token))

    assert (response.status_code, response.json()) == (401, EXPIRED)


@pytest.mark.parametrize(
    "header",
    ["Bearer not-a-jwt", "Bearer a.b.c", "Token abcdef", "Bearer", "Basic dXNlcjpwYXNz", "x"],
)
def test_malformed_authorization_header_is_401(client, header):
    response = client.get("/auth/authenticated", headers={"Authorization": header})

    assert response.status_code == 401
    body = response.json()
    assert list(body) == ["msg"]
    assert isinstance(body["msg"], str) and body["msg"]


def test_token_signed_with_another_key_is_refused(client, person):
    forged = jwt.encode(
        {"sub": str(person.id), "jti": "x", "type": "access", "identity_type": "person"},
        "another-secret-key-that-is-long-enough-for-hs256",
        algorithm="HS256",
    )

    response = client.get("/auth/authenticated", headers=bearer(forged))

    assert (response.status_code, response.json()) == (
        401,
        {"msg": "Signature verification failed"},
    )


def test_unsigned_token_is_refused(client, person):
    claims = {"sub": str(person.id), "jti": "x", "type": "access", "identity_type": "person"}
    unsigned = jwt.encode(claims, key=None, algorithm="none")

    response = client.get("/auth/authenticated", headers=bearer(unsigned))

    assert response.status_code == 401


def test_token_of_a_deleted_person_is_refused(client, db, runtime):
    ghost = factories.make_person(db)
    db.commit()
    token, _ = runtime.tokens.issue(ghost.id)
    db.delete(ghost)
    db.commit()

    response = client.get("/auth/authenticated", headers=bearer(token))

    assert response.status_code == 401
    assert "msg" in response.json()


def test_token_of_a_deactivated_person_is_refused(client, db, session_tokens, person):
    person.active = False
    db.commit()

    response = client.get("/auth/authenticated", headers=bearer(session_tokens[0]))

    assert response.status_code == 401
