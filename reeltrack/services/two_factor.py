"""Two-factor authentication: TOTP (RFC 6238), codes sent by mail, recovery codes.

Secrets are base32 strings kept on the person row; a mailed code is an HOTP value
(RFC 4226) of the person's mail secret at a random counter that lives five minutes in
the key-value store and works once. Recovery codes are stored as bcrypt hashes, each
usable once. FIDO (WebAuthn) is not served: a FIDO answer is never accepted here.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import string
import struct
import time
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from sqlalchemy.orm import Session

from reeltrack.auth.passwords import ROUNDS, hash_password, verify_password
from reeltrack.storage.kv import SessionStore

TOTP_STEP = 30
OTP_DIGITS = 6
MAIL_CODE_TTL = 5 * 60
MAIL_COUNTER_MAX = 999_999_999_999
RECOVERY_CODE_COUNT = 16
RECOVERY_CODE_LENGTH = 10
RECOVERY_CODE_ALPHABET = string.ascii_uppercase + string.digits
RECOVERY_CODE_ROUNDS = ROUNDS
SECRET_LENGTH = 32
# The method that becomes preferred when the preferred one is disabled, first enabled wins.
FALLBACKS = {
    "totp": ("fido", "email_otp"),
    "email_otp": ("fido", "totp"),
    "fido": ("totp", "email_otp"),
}


class TwoFactorError(Exception):
    """A refused 2FA operation; `reason` names it for the route's answer."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class MissingProof(Exception):
    """No usable second factor was given; tells which ones the person has."""

    def __init__(self, preferred: str | None, enabled: list[str]) -> None:
        super().__init__("missing second factor")
        self.preferred = preferred
        self.enabled = enabled


@dataclass(frozen=True)
class Proof:
    """The second-factor fields of a request body."""

    totp: str | None = None
    email_otp: str | None = None
    fido_authentication_response: dict[str, Any] | None = None
    recovery_code: str | None = None


# --- one-time passwords --------------------------------------------------------------


def new_secret() -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    return "".join(secrets.choice(alphabet) for _ in range(SECRET_LENGTH))


def _secret_bytes(secret: str) -> bytes:
    padded = secret.upper() + "=" * (-len(secret) % 8)
    return base64.b32decode(padded)


def hotp(secret: str, counter: int) -> str:
    """The RFC 4226 code of `secret` at `counter`."""
    digest = hmac.new(_secret_bytes(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(value % 10**OTP_DIGITS).zfill(OTP_DIGITS)


def totp(secret: str, at: float | None = None) -> str:
    """The RFC 6238 code of `secret` at time `at` (now by default)."""
    moment = time.time() if at is None else at
    return hotp(secret, int(moment // TOTP_STEP))


def _same_code(given: str, expected: str) -> bool:
    normal = unicodedata.normalize("NFKC", given)
    return hmac.compare_digest(normal.encode("utf-8"), expected.encode("utf-8"))


def check_totp(person: Any, code: str, at: float | None = None) -> bool:
    """The code of the current step or of the one just before or after it."""
    if not person.totp_secret or code is None:
        return False
    moment = time.time() if at is None else at
    return any(
        _same_code(code, totp(person.totp_secret, moment + shift * TOTP_STEP))
        for shift in (-1, 0, 1)
    )


def provisioning_uri(secret: str, email: str | None, issuer: str) -> str:
    """The `otpauth://` URL an authenticator app reads (as a QR code)."""
    label = f"{quote(issuer)}:{quote(email or '')}"
    query = urlencode({"secret": secret, "issuer": issuer}).replace("+", "%20")
    return f"otpauth://totp/{label}?{query}"


def _mail_counter_key(person: Any) -> str:
    return f"email-otp-count-{person.email}"


def issue_mail_code(kv: Any, session: Session, person: Any) -> str:
    """A new mailed code for `person`, valid five minutes; replaces a pending one."""
    counter = secrets.randbelow(MAIL_COUNTER_MAX + 1)
    SessionStore(kv, session).set(_mail_counter_key(person), str(counter), MAIL_CODE_TTL)
    return hotp(person.email_otp_secret, counter)


def check_mail_code(kv: Any, session: Session, person: Any, code: str) -> bool:
    """Whether `code` is the pending mailed code; a right code is consumed."""
    store = SessionStore(kv, session)
    counter = store.get(_mail_counter_key(person))
    if counter is None or not person.email_otp_secret or code is None:
        return False
    try:
        expected = hotp(person.email_otp_secret, int(counter))
    except ValueError:
        return False
    if not _same_code(code, expected):
        return False
    store.delete(_mail_counter_key(person))
    return True


# --- recovery codes --------------------------------------------------------------------


def new_recovery_codes() -> list[str]:
    return [
        "".join(secrets.choice(RECOVERY_CODE_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
        for _ in range(RECOVERY_CODE_COUNT)
    ]


def hash_recovery_codes(codes: list[str]) -> list[bytes]:
    return [hash_password(code, rounds=RECOVERY_CODE_ROUNDS) for code in codes]


def use_recovery_code(person: Any, code: str) -> bool:
    """Whether `code` is one of the person's recovery codes; a right one is removed."""
    stored = list(person.otp_recovery_codes or [])
    for index, hashed in enumerate(stored):
        if verify_password(code, hashed):
            person.otp_recovery_codes = stored[:index] + stored[index + 1 :]
            return True
    return False


# --- checking a second factor ----------------------------------------------------------


def is_enabled(person: Any) -> bool:
    return bool(person.totp_enabled or person.email_otp_enabled or person.fido_enabled)


def enabled_methods(person: Any) -> list[str]:
    methods = ["recovery_code"]
    methods += [
        name for name in ("totp", "email_otp", "fido") if getattr(person, f"{name}_enabled")
    ]
    return methods


def check_proof(kv: Any, session: Session, person: Any, proof: Proof) -> bool:
    """Check the first applicable factor of `proof`, as Zou picks it; raise MissingProof
    when none applies. A FIDO answer is refused: this server holds no FIDO challenge."""
    if person.totp_enabled and proof.totp is not None:
        return check_totp(person, proof.totp)
    if person.email_otp_enabled and proof.email_otp is not None:
        return check_mail_code(kv, session, person, proof.email_otp)
    if person.fido_enabled and proof.fido_authentication_response is not None:
        return False
    if proof.recovery_code is not None:
        return use_recovery_code(person, proof.recovery_code)
    raise MissingProof(person.preferred_two_factor_authentication, enabled_methods(person))


# --- enabling and disabling ------------------------------------------------------------


def _method_enabled(person: Any, method: str) -> list[str] | None:
    """Recovery codes on the first method enabled (plain, returned once), preference set."""
    codes = None
    if not person.otp_recovery_codes:
        codes = new_recovery_codes()
        person.otp_recovery_codes = hash_recovery_codes(codes)
    if not person.preferred_two_factor_authentication:
        person.preferred_two_factor_authentication = method
    return codes


def _method_disabled(person: Any, method: str) -> None:
    if not is_enabled(person):
        person.otp_recovery_codes = None
        person.preferred_two_factor_authentication = None
        return
    if person.preferred_two_factor_authentication != method:
        return
    for fallback in FALLBACKS[method]:
        if getattr(person, f"{fallback}_enabled"):
            person.preferred_two_factor_authentication = fallback
            return


def pre_enable_totp(person: Any, organisation_name: str) -> tuple[str, str]:
    """A new TOTP secret (not enabled yet) and its provisioning URL."""
    if person.totp_enabled:
        raise TwoFactorError("totp_enabled")
    person.totp_secret = new_secret()
    person.totp_enabled = False
    uri = provisioning_uri(person.totp_secret, person.email, f"Kitsu {organisation_name}")
    return uri, person.totp_secret


def enable_totp(person: Any, code: str) -> list[str] | None:
    if person.totp_enabled:
        raise TwoFactorError("totp_enabled")
    if not check_totp(person, code):
        raise TwoFactorError("wrong_otp")
    person.totp_enabled = True
    return _method_enabled(person, "totp")


def disable_totp(person: Any) -> None:
    if not person.totp_enabled:
        raise TwoFactorError("totp_not_enabled")
    person.totp_enabled = False
    person.totp_secret = None
    _method_disabled(person, "totp")


def pre_enable_email_otp(kv: Any, session: Session, person: Any) -> str:
    """A new mail secret (not enabled yet); returns the code to mail."""
    if person.email_otp_enabled:
        raise TwoFactorError("email_otp_enabled")
    person.email_otp_secret = new_secret()
    person.email_otp_enabled = False
    return issue_mail_code(kv, session, person)


def enable_email_otp(kv: Any, session: Session, person: Any, code: str) -> list[str] | None:
    if person.email_otp_enabled:
        raise TwoFactorError("email_otp_enabled")
    if not check_mail_code(kv, session, person, code):
        raise TwoFactorError("wrong_otp")
    person.email_otp_enabled = True
    return _method_enabled(person, "email_otp")


def disable_email_otp(person: Any) -> None:
    if not person.email_otp_enabled:
        raise TwoFactorError("email_otp_not_enabled")
    person.email_otp_enabled = False
    person.email_otp_secret = None
    _method_disabled(person, "email_otp")


def renew_recovery_codes(person: Any) -> list[str]:
    codes = new_recovery_codes()
    person.otp_recovery_codes = hash_recovery_codes(codes)
    return codes


def mail_code_text(person: Any, organisation_name: str, code: str) -> tuple[str, str]:
    """Subject and body of the mail carrying a login code."""
    subject = f"{organisation_name}: your verification code"
    body = (
        f"Hello {person.first_name},\n\n"
        f"Your verification code is:\n{code}\n\n"
        "It is valid for five minutes and works once. If you did not try to sign in, "
        "change your password."
    )
    return subject, body
