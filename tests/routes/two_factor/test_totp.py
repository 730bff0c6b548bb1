"""TOTP: pre-enable, enable, logging in with it, recovery codes, disable."""

from __future__ import annotations

import re
from types import SimpleNamespace

from reeltrack.services import two_factor
from tests import factories
from tests.routes.two_factor.conftest import (
    PROOF_FAILED,
    WRONG_OTP,
    current_totp,
    missing,
    reload,
)

BROWSER = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64)"}


def enable_totp(client) -> tuple[str, list[str]]:
    secret = client.put("/auth/totp").json()["otp_secret"]
    response = client.post("/auth/totp", json={"totp": current_totp(secret)})
    assert response.status_code == 200
    return secret, response.json()["otp_recovery_codes"]


def test_rfc_6238_vector_and_window():
    # RFC 6238 appendix B, SHA-1 secret "12345678901234567890", last six digits.
    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    assert two_factor.totp(secret, 59) == "287082"
    assert two_factor.totp(secret, 1111111109) == "081804"
    assert two_factor.totp(secret, 2000000000) == "279037"
    person = SimpleNamespace(totp_secret=secret)
    now = 1111111109
    for shift, accepted in ((-2, False), (-1, True), (0, True), (1, True), (2, False)):
        code = two_factor.totp(secret, now + shift * 30)
        assert two_factor.check_totp(person, code, at=now) is accepted, shift


def test_pre_enable_gives_a_secret_and_its_url(as_role, db):
    artist = as_role("user")
    response = artist.put("/auth/totp")
    assert response.status_code == 200
    body = response.json()
    assert sorted(body) == ["otp_secret", "totp_provisionning_uri"]
    secret = body["otp_secret"]
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    email = artist.person.email.replace("@", "%40")
    assert body["totp_provisionning_uri"] == (
        f"otpauth://totp/Kitsu%20Kitsu:{email}?secret={secret}&issuer=Kitsu%20Kitsu"
    )
    row = reload(db, artist.person)
    assert row.totp_secret == secret and not row.totp_enabled
    # A new pre-enable replaces the pending secret.
    assert artist.put("/auth/totp").json()["otp_secret"] != secret


def test_enable_needs_the_right_code_and_returns_recovery_codes(as_role, db):
    artist = as_role("user")
    secret = artist.put("/auth/totp").json()["otp_secret"]
    wrong = artist.post(
        "/auth/totp", json={"totp": "000000" if current_totp(secret) != "000000" else "111111"}
    )
    assert wrong.status_code == 400
    assert wrong.json() == {
        "error": True,
        "message": "TOTP verification failed.",
        "wrong_OTP": True,
    }
    response = artist.post("/auth/totp", json={"totp": current_totp(secret)}, headers=BROWSER)
    assert response.status_code == 200
    body = response.json()
    assert sorted(body) == ["access_token", "otp_recovery_codes", "refresh_token"]
    codes = body["otp_recovery_codes"]
    assert len(codes) == 16 and len(set(codes)) == 16
    assert all(re.fullmatch(r"[A-Z0-9]{10}", code) for code in codes)
    assert "access_token_cookie" in response.cookies
    # The new token works.
    token = body["access_token"]
    me = artist.get("/auth/authenticated", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    row = reload(db, artist.person)
    assert row.totp_enabled and row.preferred_two_factor_authentication == "totp"
    assert len(row.otp_recovery_codes) == 16
    assert all(bytes(h).startswith(b"$2") for h in row.otp_recovery_codes)
    assert codes[0].encode() not in [bytes(h) for h in row.otp_recovery_codes]
    # Enabled already: both steps refuse.
    again = {"error": True, "message": "TOTP already enabled."}
    assert artist.put("/auth/totp").json() == again
    response = artist.post("/auth/totp", json={"totp": current_totp(secret)})
    assert (response.status_code, response.json()) == (400, again)


def test_enable_without_pre_enable_fails(as_role):
    artist = as_role("user")
    response = artist.post("/auth/totp", json={"totp": "123456"})
    assert response.status_code == 400
    assert response.json()["wrong_OTP"] is True


def test_login_with_totp(as_role, login, db):
    artist = as_role("user")
    assert login(artist.person).status_code == 200
    secret, codes = enable_totp(artist)

    response = login(artist.person)
    assert (response.status_code, response.json()) == (
        400,
        missing("totp", ["recovery_code", "totp"]),
    )
    assert reload(db, artist.person).login_failed_attemps == 0

    response = login(artist.person, totp=current_totp(secret, shift=5))
    assert (response.status_code, response.json()) == (400, WRONG_OTP)
    assert reload(db, artist.person).login_failed_attemps == 1

    response = login(artist.person, totp=current_totp(secret))
    assert response.status_code == 200 and response.json()["login"] is True
    assert "totp_secret" not in response.json()["user"]
    assert reload(db, artist.person).login_failed_attemps == 0

    # A wrong password stays the password error, whatever the code.
    body = {"email": artist.person.email, "password": "nope", "totp": current_totp(secret)}
    response = artist.post("/auth/login", json=body)
    assert response.json() == {"login": False, "message": "Wrong email or password."}

    # An email OTP field is no proof for a person without email OTP.
    response = login(artist.person, email_otp="123456")
    assert response.json() == missing("totp", ["recovery_code", "totp"])


def test_recovery_codes_work_once(as_role, login, db):
    artist = as_role("user")
    _, codes = enable_totp(artist)
    assert login(artist.person, recovery_code=codes[3]).status_code == 200
    response = login(artist.person, recovery_code=codes[3])
    assert (response.status_code, response.json()) == (400, WRONG_OTP)
    assert login(artist.person, recovery_code=codes[4]).status_code == 200
    assert len(reload(db, artist.person).otp_recovery_codes) == 14
    # A wrong TOTP code is checked first: the recovery code is not looked at, nor spent.
    response = login(artist.person, totp="000000x", recovery_code=codes[5])
    assert response.json() == WRONG_OTP
    assert login(artist.person, recovery_code=codes[5]).status_code == 200


def test_disable_totp_needs_a_proof(as_role, login, db):
    artist = as_role("user")
    not_enabled = {"error": True, "message": "TOTP not enabled."}
    response = artist.delete("/auth/totp")
    assert (response.status_code, response.json()) == (400, not_enabled)

    secret, codes = enable_totp(artist)
    for body in ({}, {"totp": "12"}, {"recovery_code": "NOTACODE00"}, {"email_otp": "123456"}):
        response = artist.request("DELETE", "/auth/totp", json=body)
        assert (response.status_code, response.json()) == (400, PROOF_FAILED), body

    response = artist.request("DELETE", "/auth/totp", json={"totp": current_totp(secret)})
    assert (response.status_code, response.json()) == (200, {"success": True})
    row = reload(db, artist.person)
    assert not row.totp_enabled and row.totp_secret is None
    assert row.otp_recovery_codes is None and row.preferred_two_factor_authentication is None
    assert login(artist.person).status_code == 200
    assert artist.request("DELETE", "/auth/totp", json={"recovery_code": codes[0]}).json() == (
        not_enabled
    )


def test_disable_totp_with_a_recovery_code(as_role, login):
    artist = as_role("user")
    _, codes = enable_totp(artist)
    response = artist.request("DELETE", "/auth/totp", json={"recovery_code": codes[0]})
    assert response.json() == {"success": True}
    assert login(artist.person).status_code == 200


def test_new_recovery_codes(as_role, login):
    artist = as_role("user")
    nothing = {"error": True, "message": "No two factor authentication enabled."}
    response = artist.put("/auth/recovery-codes", json={})
    assert (response.status_code, response.json()) == (400, nothing)

    secret, old = enable_totp(artist)
    response = artist.put("/auth/recovery-codes", json={"totp": "x"})
    assert (response.status_code, response.json()) == (400, PROOF_FAILED)
    response = artist.put("/auth/recovery-codes", json={"recovery_code": old[0]})
    assert response.status_code == 200
    new = response.json()["otp_recovery_codes"]
    assert len(new) == 16 and not set(new) & set(old)
    assert login(artist.person, recovery_code=old[1]).json() == WRONG_OTP
    assert login(artist.person, recovery_code=new[0]).status_code == 200
    response = artist.put("/auth/recovery-codes", json={"totp": current_totp(secret)})
    assert response.status_code == 200


def test_wrong_codes_count_towards_the_lockout(as_role, login, runtime):
    artist = as_role("user")
    secret, _ = enable_totp(artist)
    for _ in range(runtime.settings.max_login_attempts):
        assert login(artist.person, totp="999999x").json() == WRONG_OTP
    response = login(artist.person, totp=current_totp(secret))
    assert response.status_code == 400
    assert response.json()["too_many_failed_login_attemps"] is True


def test_fido_only_person_cannot_use_fido_here(db, login):
    """FIDO is not served: a FIDO answer is refused as Zou refuses one with no challenge
    pending; the recovery codes still work."""
    codes = two_factor.new_recovery_codes()
    person = factories.make_person(
        db,
        fido_enabled=True,
        preferred_two_factor_authentication="fido",
        otp_recovery_codes=[two_factor.hash_password(c, rounds=4) for c in codes],
    )
    db.commit()
    response = login(person)
    assert (response.status_code, response.json()) == (
        400,
        missing("fido", ["recovery_code", "fido"]),
    )
    response = login(person, fido_authentication_response={"id": "x", "response": {}})
    assert (response.status_code, response.json()) == (400, WRONG_OTP)
    assert login(person, totp="123456").json() == missing("fido", ["recovery_code", "fido"])
    assert login(person, recovery_code=codes[0]).status_code == 200
