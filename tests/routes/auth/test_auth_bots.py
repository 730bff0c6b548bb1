"""Bots: API tokens issued by the persons routes, replaced, revoked, never logging in."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from reeltrack.models import Person
from tests import factories

REVOKED = {"msg": "Token has been revoked"}
WRONG = {"login": False, "message": "Wrong email or password."}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture()
def bot(admin):
    """A bot created by an admin, with the token its creation answered."""
    body = {"first_name": "Render", "last_name": "Farm", "is_bot": True, "role": "user"}
    response = admin.post("/data/persons", json=body)
    assert response.status_code == 201
    data = response.json()
    assert data["is_bot"] is True
    return data


def in_days(days: int) -> str:
    return (dt.date.today() + timedelta(days=days)).isoformat()


def test_bot_token_works_as_bearer(client, bot):
    response = client.get("/auth/authenticated", headers=bearer(bot["access_token"]))

    assert response.status_code == 200
    user = response.json()["user"]
    assert (user["id"], user["is_bot"]) == (bot["id"], True)
    assert client.get("/data/persons", headers=bearer(bot["access_token"])).status_code == 200


def test_bot_token_is_stored_as_the_person_jti(db, runtime, bot):
    claims = runtime.tokens.verify(bot["access_token"], "access")
    row = db.get(Person, claims.person_id)

    assert claims.identity_type == "bot"
    assert row.jti == claims.jti
    assert "jti" not in bot


def test_new_token_revokes_the_old_one(admin, client, bot):
    old = bot["access_token"]

    response = admin.put(f"/data/persons/{bot['id']}", json={"expiration_date": in_days(30)})

    assert response.status_code == 200
    new = response.json()["access_token"]
    assert new != old
    assert response.json()["expiration_date"] == in_days(30)
    refused = client.get("/auth/authenticated", headers=bearer(old))
    assert (refused.status_code, refused.json()) == (401, REVOKED)
    assert client.get("/auth/authenticated", headers=bearer(new)).status_code == 200


def test_token_with_expiration_date_expires_at_the_end_of_that_day(admin, runtime, bot):
    response = admin.put(f"/data/persons/{bot['id']}", json={"expiration_date": in_days(10)})

    claims = runtime.tokens.verify(response.json()["access_token"], "access")
    expires = dt.datetime.fromtimestamp(claims.expires_at, dt.UTC).date()
    assert dt.date.today() + timedelta(days=10) <= expires <= dt.date.today() + timedelta(days=11)


def test_update_without_expiration_date_keeps_the_token(admin, client, bot):
    response = admin.put(f"/data/persons/{bot['id']}", json={"last_name": "Farm 2"})

    assert response.status_code == 200
    assert "access_token" not in response.json()
    assert client.get("/auth/authenticated", headers=bearer(bot["access_token"])).status_code == 200


def test_expiration_date_in_the_past_is_refused(admin, client, bot):
    response = admin.put(f"/data/persons/{bot['id']}", json={"expiration_date": in_days(-3)})

    assert response.status_code == 400
    assert response.json()["message"] == "Expiration date can't be in the past."
    assert client.get("/auth/authenticated", headers=bearer(bot["access_token"])).status_code == 200


def test_bot_cannot_log_in_even_with_its_password(db, login):
    factories.make_person(db, is_bot=True, email="robot@example.com")
    db.commit()

    response = login("robot@example.com")

    assert (response.status_code, response.json()) == (400, WRONG)


def test_bot_cannot_log_out_nor_change_password(client, bot):
    headers = bearer(bot["access_token"])

    logout = client.get("/auth/logout", headers=headers)
    change = client.post(
        "/auth/change-password",
        json={"old_password": "a", "password": "b" * 10, "password_2": "b" * 10},
        headers=headers,
    )

    assert logout.status_code == 403
    assert logout.json()["error"] is True
    assert change.status_code == 403
    assert client.get("/auth/authenticated", headers=headers).status_code == 200


def test_person_token_for_a_bot_is_refused(client, runtime, bot):
    forged, _ = runtime.tokens.issue(bot["id"])

    response = client.get("/auth/authenticated", headers=bearer(forged))

    assert response.status_code == 401


def test_expired_bot_token(client, db, runtime, bot):
    row = db.get(Person, runtime.tokens.verify(bot["access_token"], "access").person_id)
    token, _ = runtime.tokens.issue(
        row.id, identity_type="bot", ttl=timedelta(seconds=-60), jti=row.jti
    )

    response = client.get("/auth/authenticated", headers=bearer(token))

    assert (response.status_code, response.json()) == (
        401,
        {"error": True, "message": "Signature has expired"},
    )


def test_bot_token_refused_once_no_longer_a_bot(admin, client, bot):
    assert admin.put(f"/data/persons/{bot['id']}", json={"is_bot": False}).status_code == 200

    response = client.get("/auth/authenticated", headers=bearer(bot["access_token"]))

    assert response.status_code == 401


def test_deactivated_bot_token_is_refused(admin, client, bot):
    assert admin.put(f"/data/persons/{bot['id']}", json={"active": False}).status_code == 200

    response = client.get("/auth/authenticated", headers=bearer(bot["access_token"]))

    assert response.status_code == 401


def test_bot_token_works_on_another_worker(app, bot):
    other = TestClient(app)

    assert other.get("/data/persons", headers=bearer(bot["access_token"])).status_code == 200
