"""POST /auth/login: Zou's answer, refusals, lockout, cookies, login log, bcrypt hashes."""

from __future__ import annotations

from datetime import timedelta

import bcrypt
import pytest
from sqlalchemy import select

from reeltrack.db.base import utcnow
from reeltrack.models import LoginLog, Person
from reeltrack.services.auth import SENSITIVE_FIELDS
from tests import factories

WRONG = {"login": False, "message": "Wrong email or password."}
INACTIVE = {
    "error": True,
    "login": False,
    "unactive": True,
    "message": "User is unactive, he cannot log in.",
}
LOCKED = {
    "error": True,
    "login": False,
    "too_many_failed_login_attemps": True,
    "message": "Too many failed login attempts, retry in a minute.",
}
ORGANISATION_SECRETS = {"chat_token_slack", "chat_webhook_mattermost", "chat_token_discord"}


def reload(db, person):
    """The person row as committed by the server (ends the test session's snapshot)."""
    db.rollback()
    db.expire_all()
    return db.get(Person, person.id)


def login_logs(db, person):
    db.rollback()
    return list(db.scalars(select(LoginLog).where(LoginLog.person_id == person.id)))


# ------------------------------------------------------------------ success


def test_login_answers_zou_keys_and_working_tokens(client, login, person):
    response = login(person.email)

    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["user", "organisation", "login", "access_token", "refresh_token"]
    assert body["login"] is True
    assert body["user"]["id"] == str(person.id)
    assert body["user"]["type"] == "Person"
    assert body["user"]["full_name"] == f"{person.first_name} {person.last_name}"
    assert body["organisation"]["type"] == "Organisation"
    assert body["access_token"] != body["refresh_token"]
    me = client.get(
        "/auth/authenticated", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert me.status_code == 200
    assert me.json()["user"]["id"] == str(person.id)


def test_login_user_has_every_safe_column_and_no_secret(db, login, person):
    person.totp_secret = "JBSWY3DPEHPK3PXP"
    person.jti = "some-jti"
    db.commit()

    response = login(person.email)

    user = response.json()["user"]
    columns = {attr.key for attr in Person.__mapper__.column_attrs}
    expected = (columns - set(SENSITIVE_FIELDS)) | {"full_name", "type", "departments"}
    assert set(user) == expected
    assert not set(SENSITIVE_FIELDS) & set(user)
    assert person.password.decode() not in response.text
    assert "JBSWY3DPEHPK3PXP" not in response.text
    assert "some-jti" not in response.text


def test_login_user_lists_departments(db, login, person):
    first, second = factories.make_department(db), factories.make_department(db)
    factories.add_to_department(db, person, first)
    factories.add_to_department(db, person, second)
    db.commit()

    user = login(person.email).json()["user"]

    assert sorted(user["departments"]) == sorted([str(first.id), str(second.id)])


def test_login_by_desktop_login(login, person):
    response = login("jdoe")

    assert response.status_code == 200
    assert response.json()["user"]["id"] == str(person.id)


def test_login_with_form_fields(client, person):
    body = {"email": person.email, "password": factories.DEFAULT_PASSWORD}

    response = client.post("/auth/login", data=body)

    assert response.status_code == 200
    assert response.json()["login"] is True


def test_organisation_secrets_shown_to_admins_only(db, login, person):
    admin = factories.make_person(db, role="admin")
    db.commit()

    artist_org = login(person.email).json()["organisation"]
    admin_org = login(admin.email).json()["organisation"]

    assert not ORGANISATION_SECRETS & set(artist_org)
    assert set(admin_org) >= ORGANISATION_SECRETS


# ------------------------------------------------------------------ refusals


def test_unknown_email_and_wrong_password_get_the_same_answer(login, person):
    unknown = login("nobody@example.com")
    wrong = login(person.email, "not-the-password")

    assert (unknown.status_code, unknown.json()) == (400, WRONG)
    assert (wrong.status_code, wrong.json()) == (400, WRONG)


def test_missing_email_is_a_validation_error(client):
    response = client.post("/auth/login", json={"password": "whatever"})

    assert response.status_code == 400
    body = response.json()
    assert body["error"] is True
    assert body["message"] == "Validation error."
    assert [e["field"] for e in body["data"]["errors"]] == ["email"]


def test_inactive_person_is_refused_with_401(db, login):
    sleeper = factories.make_person(db, active=False)
    db.commit()

    response = login(sleeper.email)

    assert response.status_code == 401
    assert response.json() == INACTIVE


def test_inactive_person_with_wrong_password_gets_wrong_password(db, login):
    sleeper = factories.make_person(db, active=False)
    db.commit()

    response = login(sleeper.email, "not-the-password")

    assert (response.status_code, response.json()) == (400, WRONG)


# ------------------------------------------------------------------ lockout


def test_failed_logins_are_counted_and_reset_on_success(db, login, person):
    login(person.email, "bad-1")
    login(person.email, "bad-2")

    row = reload(db, person)
    assert row.login_failed_attemps == 2
    assert row.last_login_failed is not None

    assert login(person.email).status_code == 200
    assert reload(db, person).login_failed_attemps == 0


def test_five_failures_lock_the_account_even_for_the_right_password(db, login, person):
    answers = [login(person.email, f"bad-{i}") for i in range(5)]

    assert [(r.status_code, r.json()) for r in answers] == [(400, WRONG)] * 5
    locked = login(person.email)
    assert (locked.status_code, locked.json()) == (400, LOCKED)
    again = login(person.email, "bad-again")
    assert (again.status_code, again.json()) == (400, LOCKED)
    assert reload(db, person).login_failed_attemps == 5


def test_lock_holds_within_the_minute(db, login, person):
    person.login_failed_attemps = 5
    person.last_login_failed = utcnow() - timedelta(seconds=30)
    db.commit()

    response = login(person.email)

    assert (response.status_code, response.json()) == (400, LOCKED)


def test_lock_expires_after_a_minute(db, login, person):
    person.login_failed_attemps = 5
    person.last_login_failed = utcnow() - timedelta(minutes=2)
    db.commit()

    response = login(person.email)

    assert response.status_code == 200
    assert reload(db, person).login_failed_attemps == 0


def test_wrong_password_after_an_expired_lock_counts_from_zero(db, login, person):
    person.login_failed_attemps = 5
    person.last_login_failed = utcnow() - timedelta(minutes=2)
    db.commit()

    response = login(person.email, "still-wrong")

    assert (response.status_code, response.json()) == (400, WRONG)
    assert reload(db, person).login_failed_attemps == 1


# ------------------------------------------------------------------ browsers and log


def test_browser_login_sets_http_only_cookies(login, person):
    response = login(person.email, browser=True)

    assert response.status_code == 200
    body = response.json()
    assert response.cookies["access_token_cookie"] == body["access_token"]
    assert response.cookies["refresh_token_cookie"] == body["refresh_token"]
    set_cookies = response.headers.get_list("set-cookie")
    assert len(set_cookies) == 2
    assert all("HttpOnly" in header for header in set_cookies)


def test_script_login_sets_no_cookie(login, person):
    response = login(person.email)

    assert response.status_code == 200
    assert response.headers.get_list("set-cookie") == []


def test_cookie_authenticates_without_header(client, login, person):
    assert login(person.email, browser=True).status_code == 200
    assert "authorization" not in client.headers

    response = client.get("/auth/authenticated")

    assert response.status_code == 200
    assert response.json()["user"]["id"] == str(person.id)


def test_login_log_records_web_and_script_origins(db, login, person):
    login(person.email, browser=True)
    login(person.email)
    login(person.email, "wrong-password")

    logs = login_logs(db, person)
    assert sorted(log.origin for log in logs) == ["script", "web"]
    assert {log.ip_address for log in logs} == {"testclient"}


def test_login_log_takes_the_real_ip_header(db, client, person):
    body = {"email": person.email, "password": factories.DEFAULT_PASSWORD}

    client.post("/auth/login", json=body, headers={"X-Real-IP": "10.1.2.3"})

    assert [log.ip_address for log in login_logs(db, person)] == ["10.1.2.3"]


# ------------------------------------------------------------------ bcrypt compatibility


@pytest.mark.parametrize(("prefix", "cost"), [(b"2b", 5), (b"2a", 6), (b"2b", 10)])
def test_foreign_bcrypt_hashes_verify(db, login, prefix, cost):
    hashed = bcrypt.hashpw(b"zou-made-password", bcrypt.gensalt(cost, prefix=prefix))
    assert hashed.startswith(b"$" + prefix + b"$")
    person = factories.make_person(db, password="unused")
    person.password = hashed
    db.commit()

    assert login(person.email, "zou-made-password").status_code == 200
    assert login(person.email, "zou-made-passworD").status_code == 400


def test_2y_hashes_from_other_implementations_verify(db, login):
    hashed = bcrypt.hashpw(b"php-made-password", bcrypt.gensalt(5)).replace(b"$2b$", b"$2y$", 1)
    person = factories.make_person(db, password="unused")
    person.password = hashed
    db.commit()

    assert login(person.email, "php-made-password").status_code == 200


def test_passwords_longer_than_72_bytes_verify_on_their_first_72(db, login):
    long_password = "x" * 72 + "tail-ignored-by-bcrypt"
    person = factories.make_person(db, password="unused")
    person.password = bcrypt.hashpw(long_password.encode()[:72], bcrypt.gensalt(4))
    db.commit()

    assert login(person.email, long_password).status_code == 200


def test_person_without_password_cannot_log_in(db, login):
    person = factories.make_person(db, password="unused")
    person.password = None
    db.commit()

    response = login(person.email, "")

    assert (response.status_code, response.json()) == (400, WRONG)
