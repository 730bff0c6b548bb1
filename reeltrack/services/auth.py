"""Login, lockout, password changes and reset tokens; no web framework here."""

from __future__ import annotations

import hmac
import logging
import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reeltrack.auth.passwords import hash_password, verify_password
from reeltrack.db.base import utcnow
from reeltrack.runtime import Runtime
from reeltrack.storage.kv import SessionStore

log = logging.getLogger(__name__)

SENSITIVE_FIELDS = (
    "password",
    "totp_secret",
    "email_otp_secret",
    "otp_recovery_codes",
    "fido_credentials",
    "fido_devices",
    "jti",
    "login_failed_attemps",
    "last_login_failed",
    "oidc_issuer",
    "oidc_subject",
    "saml_issuer",
    "saml_subject",
)
RESET_TOKEN_TTL = 2 * 3600
# A wrong email costs the same time as a wrong password, so timing tells nothing.
_DUMMY_HASH = hash_password("reeltrack-timing-equaliser", rounds=12)


class LoginFailed(Exception):
    """Why a login was refused: 'wrong', 'inactive', 'locked', 'missing_otp' or 'wrong_otp'."""

    def __init__(self, reason: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.details = details or {}


class PasswordError(Exception):
    """A password change refused with a message for the client."""


def find_login_person(session: Session, login: str) -> Any:
    """The person whose email (case-insensitive) or desktop login matches."""
    from reeltrack.models import Person

    if not login:
        return None
    by_email = select(Person).where(func.lower(Person.email) == login.strip().lower())
    person = session.scalars(by_email.order_by(Person.is_bot)).first()
    if person is None:
        by_login = select(Person).where(Person.desktop_login == login)
        person = session.scalars(by_login).first()
    return person


def _failed_attempts(runtime: Runtime, person: Any) -> int:
    """Attempts so far; raises while the account is locked, resets an elapsed lock."""
    attempts = person.login_failed_attemps or 0
    if attempts < runtime.settings.max_login_attempts:
        return attempts
    lock = timedelta(minutes=runtime.settings.login_lock_minutes)
    if person.last_login_failed is not None and person.last_login_failed + lock > utcnow():
        raise LoginFailed("locked")
    person.login_failed_attemps = 0
    return 0


def check_password(runtime: Runtime, login: str, password: str) -> tuple[Any, bool]:
    """(the stored hash, whether the password matches it), read in a short session of its own.

    The slow hash comparison then runs outside the request's transaction: on SQLite a
    login's transaction holds the write lock, which other writers would wait for.
    """
    with runtime.db.session() as session:
        person = find_login_person(session, login)
        hashed = None if person is None or person.is_bot else person.password
    matches = verify_password(password, hashed if hashed else _DUMMY_HASH)
    return hashed, bool(hashed) and matches


def authenticate(
    runtime: Runtime, session: Session, login: str, password: str, proof: Any = None
) -> Any:
    """Check credentials and return the person row, or raise LoginFailed.

    A person with two-factor authentication on must also give a second factor
    (`proof`, a `two_factor.Proof`); a wrong one counts as a failed attempt.

    The hash is compared first, before `session` begins (see `check_password`); it is
    compared again only if the stored hash changed in between. Failed attempts are
    committed even though the login fails.
    """
    checked_hash, checked_matches = check_password(runtime, login, password)
    person = find_login_person(session, login)
    if person is None or person.is_bot:
        raise LoginFailed("wrong")
    attempts = _failed_attempts(runtime, person)
    if checked_hash is not None and checked_hash == person.password:
        matches = checked_matches
    else:
        matches = verify_password(password, person.password)
    if not matches:
        person.login_failed_attemps = attempts + 1
        person.last_login_failed = utcnow()
        session.commit()
        raise LoginFailed("wrong")
    if not person.active:
        raise LoginFailed("inactive")
    if person.preview_project_id is not None:
        from reeltrack.services.preview_accounts import session_valid

        if not session_valid(person):
            raise LoginFailed("inactive")
    _check_second_factor(runtime, session, person, attempts, proof)
    if attempts:
        person.login_failed_attemps = 0
    return person


def _check_second_factor(
    runtime: Runtime, session: Session, person: Any, attempts: int, proof: Any
) -> None:
    from reeltrack.services import two_factor

    if not two_factor.is_enabled(person):
        return
    try:
        valid = two_factor.check_proof(runtime.kv, session, person, proof or two_factor.Proof())
    except two_factor.MissingProof as exc:
        details = {
            "preferred_two_factor_authentication": exc.preferred,
            "two_factor_authentication_enabled": exc.enabled,
        }
        raise LoginFailed("missing_otp", details) from None
    if not valid:
        person.login_failed_attemps = attempts + 1
        person.last_login_failed = utcnow()
        session.commit()
        raise LoginFailed("wrong_otp")


def record_login(session: Session, person_id: Any, ip: str | None, origin: str) -> None:
    from reeltrack.models import LoginLog

    session.add(LoginLog(person_id=person_id, ip_address=ip, origin=origin))


def check_new_password(runtime: Runtime, password: str, confirmation: str | None) -> None:
    if len(password) < runtime.settings.min_password_length:
        raise PasswordError("Password is too short.")
    if confirmation is not None and password != confirmation:
        raise PasswordError("Confirmation password doesn't match.")


def change_password(
    runtime: Runtime, session: Session, person: Any, old: str, new: str, confirm: str
) -> None:
    if not person.active:
        raise PasswordError("User is unactive.")
    try:
        _failed_attempts(runtime, person)
    except LoginFailed:
        raise PasswordError("Too many failed login attempts.") from None
    if not verify_password(old, person.password):
        person.login_failed_attemps = (person.login_failed_attemps or 0) + 1
        person.last_login_failed = utcnow()
        session.commit()
        raise PasswordError("Old password is wrong.")
    check_new_password(runtime, new, confirm)
    person.password = hash_password(new)


def issue_reset_token(runtime: Runtime, session: Session, email: str) -> str | None:
    """Store a reset token for an active person; None when there is nobody to reset."""
    person = find_login_person(session, email)
    if person is None or not person.active or person.is_bot:
        return None
    token = secrets.token_urlsafe(32)
    SessionStore(runtime.kv, session).set(f"reset-token-{email}", token, RESET_TOKEN_TTL)
    return token


def reset_password(
    runtime: Runtime, session: Session, email: str, token: str, password: str, confirm: str
) -> None:
    store = SessionStore(runtime.kv, session)
    stored = store.get(f"reset-token-{email}")
    if not stored or not hmac.compare_digest(stored.encode(), token.encode()):
        raise PasswordError("Wrong or expired token.")
    check_new_password(runtime, password, confirm)
    # Consumed in the request's transaction: used only if the new password is saved.
    store.delete(f"reset-token-{email}")
    person = find_login_person(session, email)
    if person is None or not person.active:
        raise PasswordError("User is inactive.")
    person.password = hash_password(password)
    person.login_failed_attemps = 0
