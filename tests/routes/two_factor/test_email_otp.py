"""Codes by mail: pre-enable (a code is mailed), enable, login codes, disable."""

from __future__ import annotations

from reeltrack.models import Person
from tests import factories
from tests.routes.two_factor.conftest import (
    PROOF_FAILED,
    WRONG_OTP,
    current_totp,
    missing,
    reload,
)


def enable_email_otp(client, mails) -> list[str]:
    assert client.put("/auth/email-otp").json() == {"success": True}
    code = mails(client.person.email)[-1]
    response = client.post("/auth/email-otp", json={"email_otp": code})
    assert response.status_code == 200
    return response.json()["otp_recovery_codes"]


def test_pre_enable_mails_a_code_and_enable_checks_it(as_role, mails, db):
    artist = as_role("user")
    response = artist.put("/auth/email-otp")
    assert (response.status_code, response.json()) == (200, {"success": True})
    codes = mails(artist.person.email)
    assert len(codes) == 1
    row = reload(db, artist.person)
    assert row.email_otp_secret and not row.email_otp_enabled

    wrong = "000000" if codes[0] != "000000" else "111111"
    response = artist.post("/auth/email-otp", json={"email_otp": wrong})
    assert (response.status_code, response.json()) == (
        400,
        {"error": True, "message": "OTP by email verification failed.", "wrong_OTP": True},
    )
    response = artist.post("/auth/email-otp", json={"email_otp": codes[0]})
    assert response.status_code == 200
    body = response.json()
    assert sorted(body) == ["access_token", "otp_recovery_codes", "refresh_token"]
    assert len(body["otp_recovery_codes"]) == 16
    row = reload(db, artist.person)
    assert row.email_otp_enabled and row.preferred_two_factor_authentication == "email_otp"

    again = {"error": True, "message": "OTP by email already enabled."}
    response = artist.put("/auth/email-otp")
    assert (response.status_code, response.json()) == (400, again)
    assert artist.post("/auth/email-otp", json={"email_otp": codes[0]}).json() == again


def test_a_mailed_code_is_needed_and_works_once(as_role, mails, login, client):
    artist = as_role("user")
    enable_email_otp(artist, mails)
    email = artist.person.email
    response = login(artist.person)
    assert (response.status_code, response.json()) == (
        400,
        missing("email_otp", ["recovery_code", "email_otp"]),
    )
    # The code used to enable was consumed.
    used = mails(email)[-1]
    assert login(artist.person, email_otp=used).json() == WRONG_OTP

    response = client.get("/auth/email-otp", params={"email": email})
    assert (response.status_code, response.json()) == (200, {"success": True})
    code = mails(email)[-1]
    assert len(mails(email)) == 2
    response = login(artist.person, email_otp=code)
    assert response.status_code == 200 and response.json()["login"] is True
    assert login(artist.person, email_otp=code).json() == WRONG_OTP
    # A newer code replaces the pending one; a TOTP field is no proof here.
    client.get("/auth/email-otp", params={"email": email.upper()})
    client.get("/auth/email-otp", params={"email": email})
    first, second = mails(email)[-2:]
    assert login(artist.person, totp=second).json() == missing(
        "email_otp", ["recovery_code", "email_otp"]
    )
    if first != second:
        assert login(artist.person, email_otp=first).json() == WRONG_OTP
    assert login(artist.person, email_otp=second).status_code == 200


def test_sending_a_code_tells_nothing_about_the_address(client, db, mails):
    plain = factories.make_person(db)
    gone = factories.make_person(
        db, active=False, email_otp_enabled=True, email_otp_secret="A" * 32
    )
    db.commit()
    for email in ("nobody@example.com", plain.email, gone.email):
        response = client.get("/auth/email-otp", params={"email": email})
        assert (response.status_code, response.json()) == (200, {"success": True})
        assert mails(email) == []
    for params in ({}, {"email": ""}):
        response = client.get("/auth/email-otp", params=params)
        assert response.status_code == 400
        assert response.json()["error"] is True


def test_disable_email_otp(as_role, mails, login, client, db):
    artist = as_role("user")
    not_enabled = {"error": True, "message": "OTP by email not enabled."}
    response = artist.delete("/auth/email-otp")
    assert (response.status_code, response.json()) == (400, not_enabled)
    recovery = enable_email_otp(artist, mails)
    response = artist.request("DELETE", "/auth/email-otp", json={"email_otp": "123"})
    assert (response.status_code, response.json()) == (400, PROOF_FAILED)
    client.get("/auth/email-otp", params={"email": artist.person.email})
    code = mails(artist.person.email)[-1]
    response = artist.request("DELETE", "/auth/email-otp", json={"email_otp": code})
    assert (response.status_code, response.json()) == (200, {"success": True})
    row = reload(db, artist.person)
    assert not row.email_otp_enabled and row.email_otp_secret is None
    assert row.otp_recovery_codes is None
    assert login(artist.person).status_code == 200
    response = artist.request("DELETE", "/auth/email-otp", json={"recovery_code": recovery[0]})
    assert response.json() == not_enabled


def test_two_methods_share_recovery_codes_and_fall_back(as_role, mails, login, db):
    artist = as_role("user")
    secret = artist.put("/auth/totp").json()["otp_secret"]
    codes = artist.post("/auth/totp", json={"totp": current_totp(secret)}).json()[
        "otp_recovery_codes"
    ]
    assert len(codes) == 16
    # The second method keeps the recovery codes: none are returned.
    assert artist.put("/auth/email-otp").json() == {"success": True}
    code = mails(artist.person.email)[-1]
    response = artist.post("/auth/email-otp", json={"email_otp": code})
    assert response.status_code == 200 and response.json()["otp_recovery_codes"] is None
    assert reload(db, artist.person).preferred_two_factor_authentication == "totp"
    enabled = ["recovery_code", "totp", "email_otp"]
    assert login(artist.person).json() == missing("totp", enabled)

    # Disabling the preferred method falls back on the other; recovery codes stay.
    response = artist.request("DELETE", "/auth/totp", json={"totp": current_totp(secret)})
    assert response.json() == {"success": True}
    row = reload(db, artist.person)
    assert row.preferred_two_factor_authentication == "email_otp"
    assert len(row.otp_recovery_codes) == 16
    assert login(artist.person, recovery_code=codes[0]).status_code == 200

    # Disabling TOTP again is refused after the proof, and spends nothing.
    response = artist.request("DELETE", "/auth/totp", json={"recovery_code": codes[1]})
    assert response.json() == {"error": True, "message": "TOTP not enabled."}
    assert len(reload(db, artist.person).otp_recovery_codes) == 15
    response = artist.request("DELETE", "/auth/email-otp", json={"recovery_code": codes[1]})
    assert response.json() == {"success": True}
    row = reload(db, artist.person)
    assert row.otp_recovery_codes is None and row.preferred_two_factor_authentication is None
    assert db.get(Person, artist.person.id).email_otp_enabled is False
