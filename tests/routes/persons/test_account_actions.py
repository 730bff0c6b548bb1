"""Admin account actions: avatar, second factors, reset links and invitations."""

from __future__ import annotations

import logging
import uuid
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import select

from reeltrack.models import Person
from tests import factories
from tests.crud.support import FORBIDDEN, events

NON_ADMIN = ("manager", "supervisor", "user", "client", "vendor")


def fresh(db, person) -> Person:
    db.commit()
    return db.scalars(
        select(Person).where(Person.id == person.id),
        execution_options={"populate_existing": True},
    ).one()


def test_clearing_an_avatar(admin, db):
    person = factories.make_person(db, has_avatar=True)
    db.commit()
    response = admin.delete(f"/actions/persons/{person.id}/clear-avatar")
    assert response.status_code == 204
    assert fresh(db, person).has_avatar is False
    assert [e.data["person_id"] for e in events(db, "person:update")] == [str(person.id)]
    assert admin.delete(f"/actions/persons/{uuid.uuid4()}/clear-avatar").status_code == 404
    assert admin.delete("/actions/persons/bad/clear-avatar").status_code == 400


@pytest.mark.parametrize("role", NON_ADMIN)
def test_only_admins_run_account_actions(as_role, db, role):
    person = factories.make_person(db, has_avatar=True, totp_enabled=True, totp_secret="S" * 32)
    db.commit()
    caller = as_role(role)
    for response in (
        caller.delete(f"/actions/persons/{person.id}/clear-avatar"),
        caller.delete(f"/actions/persons/{person.id}/disable-two-factor-authentication"),
        caller.post(f"/actions/persons/{person.id}/reset-password-link"),
        caller.get(f"/actions/persons/{person.id}/invite"),
    ):
        assert response.status_code == 403
        assert response.json()["message"] == FORBIDDEN
    after = fresh(db, person)
    assert after.has_avatar is True
    assert after.totp_enabled is True


def test_disabling_second_factors(admin, db, caplog):
    caplog.set_level(logging.INFO, logger="reeltrack.mail")
    person = factories.make_person(
        db,
        totp_enabled=True,
        totp_secret="S" * 32,
        email_otp_enabled=True,
        preferred_two_factor_authentication="totp",
    )
    db.commit()
    url = f"/actions/persons/{person.id}/disable-two-factor-authentication"
    response = admin.delete(url)
    assert response.status_code == 200
    assert response.json() == {"success": True}
    after = fresh(db, person)
    assert (after.totp_enabled, after.totp_secret, after.email_otp_enabled) == (False, None, False)
    assert after.preferred_two_factor_authentication is None
    assert person.email in caplog.text
    again = admin.delete(url)
    assert again.status_code == 400
    assert again.json()["message"] == "Two factor authentication not enabled for this user."


def test_second_factors_of_other_admins_and_bots_are_kept(admin, db):
    other = factories.make_person(db, role="admin", totp_enabled=True, totp_secret="S" * 32)
    bot = factories.make_person(db, is_bot=True)
    db.commit()
    refused = admin.delete(f"/actions/persons/{other.id}/disable-two-factor-authentication")
    assert refused.status_code == 400
    assert refused.json()["message"] == "An admin can't disable 2FA for other admins."
    assert fresh(db, other).totp_enabled is True
    bot_url = f"/actions/persons/{bot.id}/disable-two-factor-authentication"
    assert admin.delete(bot_url).status_code == 403
    missing = f"/actions/persons/{uuid.uuid4()}/disable-two-factor-authentication"
    assert admin.delete(missing).status_code == 404


def _token(link: str, email: str) -> str:
    parsed = urlparse(link)
    assert parsed.path.endswith("/reset-change-password")
    query = parse_qs(parsed.query)
    assert query["email"] == [email]
    return query["token"][0]


def test_a_reset_link_is_reused_and_lets_the_person_choose_a_password(admin, client, db):
    person = factories.make_person(db)
    db.commit()
    url = f"/actions/persons/{person.id}/reset-password-link"
    first = admin.post(url)
    assert first.status_code == 200, first.text
    token = _token(first.json()["reset_password_link"], person.email)
    assert admin.post(url).json() == first.json()
    reset = client.put(
        "/auth/reset-password",
        json={
            "email": person.email,
            "token": token,
            "password": "chosen-password",
            "password2": "chosen-password",
        },
    )
    assert reset.status_code == 200, reset.text
    login = client.post("/auth/login", json={"email": person.email, "password": "chosen-password"})
    assert login.status_code == 200


def test_reset_links_for_other_admins_and_bots_are_refused(admin, db):
    other = factories.make_person(db, role="admin")
    bot = factories.make_person(db, is_bot=True)
    db.commit()
    refused = admin.post(f"/actions/persons/{other.id}/reset-password-link")
    assert refused.status_code == 400
    assert refused.json()["message"] == "An admin can't change another admin's password."
    assert admin.post(f"/actions/persons/{bot.id}/reset-password-link").status_code == 403
    assert admin.post(f"/actions/persons/{uuid.uuid4()}/reset-password-link").status_code == 404


def test_an_invitation_is_mailed_with_a_working_link(admin, client, db, caplog):
    caplog.set_level(logging.INFO, logger="reeltrack.mail")
    person = factories.make_person(db)
    db.commit()
    response = admin.get(f"/actions/persons/{person.id}/invite")
    assert response.status_code == 200
    assert response.json() == {"success": True, "message": "Email sent"}
    logged = caplog.text
    assert person.email in logged
    link = next(word for word in logged.split() if "reset-change-password" in word)
    assert parse_qs(urlparse(link).query)["type"] == ["new"]
    token = _token(link, person.email)
    reset = client.put(
        "/auth/reset-password",
        json={
            "email": person.email,
            "token": token,
            "password": "welcome-123",
            "password2": "welcome-123",
        },
    )
    assert reset.status_code == 200, reset.text


def test_bots_and_unknown_persons_are_not_invited(admin, db):
    bot = factories.make_person(db, is_bot=True)
    db.commit()
    assert admin.get(f"/actions/persons/{bot.id}/invite").status_code == 403
    assert admin.get(f"/actions/persons/{uuid.uuid4()}/invite").status_code == 404
    assert admin.get("/actions/persons/bad/invite").status_code == 400


def test_an_unreachable_mail_server_does_not_fail_the_invitation(admin, db, monkeypatch):
    monkeypatch.setenv("MAIL_SERVER", "127.0.0.1")
    monkeypatch.setenv("MAIL_PORT", "1")
    person = factories.make_person(db)
    db.commit()
    response = admin.get(f"/actions/persons/{person.id}/invite")
    assert response.status_code == 200
    assert response.json()["success"] is True
