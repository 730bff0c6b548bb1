"""Per-project preview accounts: a client login that only works while its window is open."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reeltrack.auth.passwords import hash_password
from reeltrack.db.base import utcnow
from reeltrack.wire.errors import NotFound

OPEN_DURATION = timedelta(hours=1)
EMAIL_DOMAIN = "preview.kitsu.invalid"


def session_valid(person: Any, issued_at: int | None = None) -> bool:
    """True while the window is open and, for a token, if it was issued after the window opened."""
    until = person.preview_open_until
    if until is None or until < utcnow():
        return False
    opened = person.preview_opened_at
    if issued_at is not None and opened is not None:
        return issued_at >= int(opened.replace(tzinfo=UTC).timestamp())
    return True


def account_of(session: Session, project_id: uuid.UUID) -> Any:
    from reeltrack.models import Person

    query = select(Person).where(Person.preview_project_id == project_id)
    return session.scalars(query).first()


def describe(person: Any) -> dict[str, Any]:
    until: datetime | None = person.preview_open_until
    return {
        "id": str(person.id),
        "email": person.email,
        "full_name": f"{person.first_name} {person.last_name}".strip(),
        "preview_open_until": until.isoformat() if until is not None else None,
    }


def get(session: Session, project_id: uuid.UUID) -> dict[str, Any] | None:
    person = account_of(session, project_id)
    return None if person is None else describe(person)


def create_or_reset(session: Session, project: Any) -> tuple[dict[str, Any], str, bool]:
    """The account (created, or its password replaced) with its new clear password.

    Either way the window is closed, which ends every session of the account.
    The last value tells whether the account was created.
    """
    from reeltrack.models import Person, project_person_link

    password = secrets.token_urlsafe(12)
    hashed = hash_password(password)
    person = account_of(session, project.id)
    created = person is None
    if person is None:
        person = Person(
            email=f"preview-{secrets.token_hex(6)}@{EMAIL_DOMAIN}",
            password=hashed,
            first_name="Preview",
            last_name=project.name,
            role="client",
            preview_project_id=project.id,
        )
        session.add(person)
        session.flush()
        session.execute(
            project_person_link.insert().values(project_id=project.id, person_id=person.id)
        )
    else:
        person.password = hashed
        person.preview_opened_at = None
        person.preview_open_until = None
        session.flush()
    return describe(person), password, created


def set_open(session: Session, project_id: uuid.UUID, is_open: bool) -> dict[str, Any]:
    """Open (or extend) the window for an hour, or close it."""
    person = account_of(session, project_id)
    if person is None:
        raise NotFound("No preview account for this project")
    if is_open:
        now = utcnow()
        if person.preview_open_until is None or person.preview_open_until < now:
            person.preview_opened_at = now
        person.preview_open_until = now + OPEN_DURATION
    else:
        person.preview_opened_at = None
        person.preview_open_until = None
    session.flush()
    return describe(person)


def remove(session: Session, project_id: uuid.UUID) -> uuid.UUID | None:
    """Delete the account and what references it; the removed person's id, if any."""
    from reeltrack.crud.cascade import purge_references
    from reeltrack.models import Person

    person = account_of(session, project_id)
    if person is None:
        return None
    person_id: uuid.UUID = person.id
    purge_references(session, Person.__table__, [person_id])  # type: ignore[arg-type]
    session.delete(person)
    session.flush()
    return person_id
