"""POST /auth/change-password and the reset-password flow (POST then PUT)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reeltrack.models import Person
from tests import factories

NEW_PASSWORD = "brand-new-password"
WRONG_TOKEN = {"error": True, "message": "Wrong or expired token."}
RESET_SENT = {"success": "Reset token sent"}


@pytest.fixture()
def me(app, runtime, person):
    """A client logged in as `person` with a token header."""
    from fastapi.testclient import TestClient

    token, _ = runtime.tokens.issue(person.id)
    caller = TestClient(app)
    caller.headers["Authorization"] = f"Bearer {token}"
    return caller


def change(caller, old, new, confirm=None):
    body = {"old_password": old, "password": new, "password_2": confirm or new}
    return caller.post("/auth/change-password", json=body)


def failed_attempts(db, person):
    db.rollback()
    db.expire_all()
    return db.scalar(select(Person.login_failed_attemps).where(Person.id == person.id))


# ------------------------------------------------------------------ change-password


def test_change_password_then_log_in_with_the_new_one(me, login, person):
    response = change(me, factories.DEFAULT_PASSWORD, NEW_PASSWORD)

    assert (response.status_code, response.json()) == (200, {"success": True})
    assert login(person.email, NEW_PASSWORD).status_code == 200
    assert login(person.email, factories.DEFAULT_PASSWORD).status_code == 400


def test_change_password_keeps_existing_tokens(me):
    change(me, factories.DEFAULT_PASSWORD, NEW_PASSWORD)

    assert me.get("/auth/authenticated").status_code == 200


def test_wrong_old_password(me, db, person, login):
    response = change(me, "not-my-password", NEW_PASSWORD)

    assert response.status_code == 400
    assert response.json() == {"error": True, "message": "Old password is wrong."}
    assert failed_attempts(db, person) == 1
    assert login(person.email).status_code == 200


def test_wrong_old_password_wins_over_a_mismatch(me):
    response = change(me, "not-my-password", NEW_PASSWORD, "something-else")

    assert response.json()["message"] == "Old password is wrong."


def test_too_short_password(me, login, person):
    response = change(me, factories.DEFAULT_PASSWORD, "short")

    assert response.status_code == 400
    assert response.json() == {"error": True, "message": "Password is too short."}
    assert login(person.email).status_code == 200


def test_confirmation_mismatch(me, login, person):
    response = change(me, factories.DEFAULT_PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!")

    assert response.status_code == 400
    assert response.json() == {"error": True, "message": "Confirmation password doesn't match."}
    assert login(person.email).status_code == 200


def test_change_password_missing_fields_is_a_validation_error(me):
    response = me.post("/auth/change-password", json={"old_password": "x"})

    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "Validation error."
    assert sorted(e["field"] for e in body["data"]["errors"]) == ["password", "password_2"]


def test_change_password_needs_a_token(client):
    response = client.post("/auth/change-password", json={})

    assert response.status_code == 401
    assert response.json() == {"msg": "Missing Authorization Header"}


def test_password_longer_than_bcrypt_limit_can_be_set_and_used(me, login, person):
    long_password = "p" * 100

    response = change(me, factories.DEFAULT_PASSWORD, long_password)

    assert (response.status_code, response.json()) == (200, {"success": True})
    assert login(person.email, long_password).status_code == 200


# ------------------------------------------------------------------ reset-password


def request_reset(client, email):
    return client.post("/auth/reset-password", json={"email": email})


def reset(client, email, token, password=NEW_PASSWORD, confirm=None):
    body = {"email": email, "token": token, "password": password, "password2": confirm or password}
    return client.put("/auth/reset-password", json=body)


def test_reset_request_stores_a_token(client, runtime, person):
    response = request_reset(client, person.email)

    assert (response.status_code, response.json()) == (200, RESET_SENT)
    token = runtime.kv.get(f"reset-token-{person.email}")
    assert isinstance(token, str) and len(token) >= 32


def test_reset_request_for_unknown_email_answers_the_same(client, runtime):
    email = "nobody-at-all@example.com"

    response = request_reset(client, email)

    assert (response.status_code, response.json()) == (200, RESET_SENT)
    assert runtime.kv.get(f"reset-token-{email}") is None


def test_reset_request_for_inactive_person_answers_the_same(client, db, runtime):
    sleeper = factories.make_person(db, active=False)
    db.commit()

    response = request_reset(client, sleeper.email)

    assert (response.status_code, response.json()) == (200, RESET_SENT)
    assert runtime.kv.get(f"reset-token-{sleeper.email}") is None


def test_reset_with_the_token_changes_the_password(client, runtime, login, person):
    request_reset(client, person.email)
    token = runtime.kv.get(f"reset-token-{person.email}")

    response = reset(client, person.email, token)

    assert (response.status_code, response.json()) == (200, {"success": True})
    assert login(person.email, NEW_PASSWORD).status_code == 200
    assert login(person.email, factories.DEFAULT_PASSWORD).status_code == 400


def test_reset_token_is_single_use(client, runtime, person):
    request_reset(client, person.email)
    token = runtime.kv.get(f"reset-token-{person.email}")
    assert reset(client, person.email, token).status_code == 200

    again = reset(client, person.email, token, "yet-another-password")

    assert (again.status_code, again.json()) == (400, WRONG_TOKEN)


def test_reset_with_a_wrong_token(client, runtime, login, person):
    request_reset(client, person.email)

    response = reset(client, person.email, "not-the-token")

    assert (response.status_code, response.json()) == (400, WRONG_TOKEN)
    assert login(person.email).status_code == 200


def test_reset_without_any_request(client, person):
    response = reset(client, person.email, "made-up-token")

    assert (response.status_code, response.json()) == (400, WRONG_TOKEN)


def test_reset_checks_length_and_confirmation(client, runtime, login, person):
    request_reset(client, person.email)
    token = runtime.kv.get(f"reset-token-{person.email}")

    short = reset(client, person.email, token, "short")
    mismatch = reset(client, person.email, token, NEW_PASSWORD, NEW_PASSWORD + "?")

    assert (short.status_code, short.json()["message"]) == (400, "Password is too short.")
    assert mismatch.status_code == 400
    assert mismatch.json()["message"] == "Confirmation password doesn't match."
    assert login(person.email).status_code == 200


def test_reset_unlocks_a_locked_account(client, runtime, login, person):
    for i in range(5):
        login(person.email, f"bad-{i}")
    request_reset(client, person.email)
    token = runtime.kv.get(f"reset-token-{person.email}")

    assert reset(client, person.email, token).status_code == 200

    assert login(person.email, NEW_PASSWORD).status_code == 200


def test_reset_with_a_non_ascii_token_is_a_wrong_token(client, runtime, person):
    request_reset(client, person.email)

    response = reset(client, person.email, "jéton-à-l’envers")

    assert (response.status_code, response.json()) == (400, WRONG_TOKEN)
