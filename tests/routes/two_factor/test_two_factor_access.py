"""Who may call the two-factor routes, each person on their own account, bad input."""

from __future__ import annotations

import pytest

from tests.crud.support import assert_error
from tests.routes.two_factor.conftest import current_totp, missing, reload

PRIVATE = [
    ("PUT", "/auth/totp"),
    ("POST", "/auth/totp"),
    ("DELETE", "/auth/totp"),
    ("PUT", "/auth/email-otp"),
    ("POST", "/auth/email-otp"),
    ("DELETE", "/auth/email-otp"),
    ("PUT", "/auth/recovery-codes"),
]
ROLES = ["admin", "manager", "supervisor", "user", "client", "vendor"]


@pytest.mark.parametrize(("method", "path"), PRIVATE)
def test_a_token_is_needed(client, method, path):
    response = client.request(method, path, json={})
    assert response.status_code == 401


@pytest.mark.parametrize(("method", "path"), PRIVATE)
def test_bots_have_no_second_factor(bot, method, path, db):
    response = bot.request(method, path, json={"totp": "123456", "email_otp": "123456"})
    assert_error(response, 403)
    row = reload(db, bot.person)
    assert not row.totp_secret and not row.email_otp_secret


@pytest.mark.parametrize("role", ROLES)
def test_every_person_manages_their_own(as_role, role, login, mails, db):
    person = as_role(role)
    other = as_role("user")
    other_secret = other.put("/auth/totp").json()["otp_secret"]
    secret = person.put("/auth/totp").json()["otp_secret"]
    response = person.post("/auth/totp", json={"totp": current_totp(secret)})
    assert response.status_code == 200
    assert person.put("/auth/email-otp").json() == {"success": True}
    assert mails(person.person.email) and not mails(other.person.email)
    # The other person's pending secret and state are untouched.
    row = reload(db, other.person)
    assert row.totp_secret == other_secret and not row.totp_enabled
    assert row.otp_recovery_codes is None and row.email_otp_secret is None
    assert login(other.person).status_code == 200
    # One person's codes are no proof for another.
    codes = response.json()["otp_recovery_codes"]
    response = other.put("/auth/recovery-codes", json={"recovery_code": codes[0]})
    assert response.json()["message"] == "No two factor authentication enabled."
    enabled = other.post("/auth/totp", json={"totp": current_totp(other_secret)}).json()
    assert other.put("/auth/recovery-codes", json={"recovery_code": codes[0]}).status_code == 400
    assert login(other.person, recovery_code=codes[0]).json()["wrong_OTP"] is True
    assert login(other.person, recovery_code=enabled["otp_recovery_codes"][0]).status_code == 200
    assert login(person.person).json() == missing("totp", ["recovery_code", "totp"])


BAD_BODIES = [
    ("POST", "/auth/totp", {}),
    ("POST", "/auth/totp", {"totp": ""}),
    ("POST", "/auth/totp", {"totp": 123456}),
    ("POST", "/auth/totp", {"totp": None}),
    ("POST", "/auth/totp", {"totp": ["123456"]}),
    ("POST", "/auth/totp", [1, 2]),
    ("POST", "/auth/totp", "123456"),
    ("POST", "/auth/email-otp", {}),
    ("POST", "/auth/email-otp", {"email_otp": {"a": 1}}),
    ("DELETE", "/auth/totp", {"totp": 1}),
    ("DELETE", "/auth/totp", {"recovery_code": ["x"]}),
    ("DELETE", "/auth/email-otp", {"fido_authentication_response": "x"}),
    ("PUT", "/auth/recovery-codes", {"email_otp": 1.5}),
    ("PUT", "/auth/recovery-codes", [None]),
]


@pytest.mark.parametrize(("method", "path", "body"), BAD_BODIES)
def test_bad_bodies_are_refused(as_role, method, path, body):
    artist = as_role("user")
    artist.put("/auth/totp")
    response = artist.request(method, path, json=body)
    assert response.status_code == 400
    assert response.json()["error"] is True


@pytest.mark.parametrize(
    "fields",
    [
        {"totp": 123456},
        {"totp": ["1"]},
        {"email_otp": {"x": 1}},
        {"recovery_code": 12},
        {"fido_authentication_response": "x"},
        {"fido_authentication_response": [1]},
    ],
)
def test_login_refuses_second_factor_fields_of_the_wrong_type(as_role, login, fields):
    artist = as_role("user")
    response = login(artist.person, **fields)
    assert response.status_code == 400
    assert response.json()["error"] is True


@pytest.mark.parametrize(
    "code", ["", " ", "1234567", "abcdef", "１２３４５６", "0" * 5000, "\u0000", "€"]
)
def test_odd_codes_are_wrong_not_errors(as_role, login, code):
    artist = as_role("user")
    secret = artist.put("/auth/totp").json()["otp_secret"]
    artist.post("/auth/totp", json={"totp": current_totp(secret)})
    response = login(artist.person, totp=code)
    assert response.status_code == 400 and response.json()["wrong_OTP"] is True
    response = login(artist.person, recovery_code=code)
    assert response.status_code == 400 and response.json()["wrong_OTP"] is True
    response = artist.request("DELETE", "/auth/totp", json={"totp": code})
    assert response.status_code == 400


def test_malformed_json_is_a_bad_request(as_role):
    artist = as_role("user")
    headers = {"Content-Type": "application/json"}
    response = artist.post("/auth/totp", content=b"{not json", headers=headers)
    assert response.status_code == 400
