"""What an admin does to someone else's account: departments and password."""

from __future__ import annotations

import secrets
import uuid
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from reeltrack.auth.actor import Actor
from reeltrack.auth.passwords import hash_password
from reeltrack.crud.values import parse_uuid
from reeltrack.services.mail import send_mail
from reeltrack.services.persons import present_person
from reeltrack.settings import Settings
from reeltrack.wire.errors import Forbidden, MalformedId, NotFound, WrongParameter

UNKNOWN_DEPARTMENT = "Department ID matches no department"
RESET_TOKEN_TTL = 2 * 3600
INVITE_TTL = 7 * 24 * 3600


def get_person(session: Session, person_id: str) -> Any:
    """The person with this id: 400 when malformed, 404 when unknown."""
    from reeltrack.models import Person

    parsed = parse_uuid(person_id)
    if parsed is None:
        raise MalformedId()
    person = session.get(Person, parsed)
    if person is None:
        raise NotFound()
    return person


def get_human(session: Session, person_id: str) -> Any:
    """As get_person, but bots are refused (Zou's "person is not a bot" check)."""
    person = get_person(session, person_id)
    if person.is_bot:
        raise Forbidden()
    return person


def require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise Forbidden()


def check_department(session: Session, value: Any) -> uuid.UUID:
    """A department id that exists, else 400 as Zou answers."""
    from reeltrack.models import Department

    parsed = parse_uuid(value)
    if parsed is None or session.get(Department, parsed) is None:
        raise WrongParameter(UNKNOWN_DEPARTMENT)
    return parsed


def add_to_department(session: Session, person: Any, department_id: uuid.UUID) -> dict[str, Any]:
    """Put a person in a department (once) and return the person's safe view."""
    from reeltrack.models.person import department_link

    link = department_link.c
    exists = session.execute(
        select(link.person_id).where(
            link.person_id == person.id, link.department_id == department_id
        )
    ).first()
    if exists is None:
        session.execute(
            department_link.insert().values(person_id=person.id, department_id=department_id)
        )
    return present_person(session, person)


def remove_from_department(session: Session, person: Any, department_id: uuid.UUID) -> None:
    from reeltrack.models.person import department_link

    link = department_link.c
    session.execute(
        delete(department_link).where(
            link.person_id == person.id, link.department_id == department_id
        )
    )


def set_password(
    session: Session,
    settings: Settings,
    actor: Actor,
    person: Any,
    password: str,
    confirmation: str,
) -> None:
    """An admin sets someone's password; the person is told by mail."""
    if person.id != actor.person_id and person.role == "admin" and person.password is not None:
        raise WrongParameter("An admin can't change another admin's password.")
    if len(password) < settings.min_password_length:
        raise WrongParameter("Password is too short.")
    if password != confirmation:
        raise WrongParameter("Confirmation password doesn't match.")
    person.password = hash_password(password)
    session.flush()
    send_mail(
        settings,
        person.email,
        "Your password was changed",
        f"Hello {person.first_name},\n\nAn administrator has changed your password.\n",
    )


def disable_two_factor(session: Session, settings: Settings, actor: Actor, person: Any) -> None:
    """Turn off every second factor of a person (not of another admin) and tell them."""
    if person.role == "admin" and person.id != actor.person_id:
        raise WrongParameter("An admin can't disable 2FA for other admins.")
    if not (person.totp_enabled or person.email_otp_enabled or person.fido_enabled):
        raise WrongParameter("Two factor authentication not enabled for this user.")
    person.totp_enabled = False
    person.totp_secret = None
    person.email_otp_enabled = False
    person.email_otp_secret = None
    person.fido_enabled = False
    person.fido_credentials = None
    person.otp_recovery_codes = None
    person.preferred_two_factor_authentication = None
    session.flush()
    send_mail(
        settings,
        person.email,
        "Two-factor authentication disabled",
        f"Hello {person.first_name},\n\n"
        "An administrator has disabled the two-factor authentication of your account.\n",
    )


def reset_url(base_url: str, email: str, token: str, token_type: str | None = None) -> str:
    params = {"email": email, "token": token}
    if token_type is not None:
        params["type"] = token_type
    return f"{base_url.rstrip('/')}/reset-change-password?{urlencode(params)}"


def password_reset_link(kv: Any, actor: Actor, person: Any, base_url: str) -> str:
    """A link to choose a new password, reusing a pending reset token when there is one."""
    if person.id != actor.person_id and person.role == "admin" and person.password is not None:
        raise WrongParameter("An admin can't change another admin's password.")
    key = f"reset-token-{person.email}"
    token = kv.get(key)
    if not token:
        token = secrets.token_urlsafe(32)
        kv.set(key, token, RESET_TOKEN_TTL)
    return reset_url(base_url, person.email, token)


def invite(settings: Settings, kv: Any, person: Any, organisation: str, base_url: str) -> None:
    """Mail a person a week-long link to set their first password."""
    token = secrets.token_urlsafe(32)
    kv.set(f"reset-token-{person.email}", token, INVITE_TTL)
    link = reset_url(base_url, person.email, token, "new")
    send_mail(
        settings,
        person.email,
        f"You are invited to join {organisation}",
        f"Hello {person.first_name},\n\nYou are invited to join {organisation} "
        f"with the login {person.email}.\nChoose your password within a week:\n{link}\n",
    )
