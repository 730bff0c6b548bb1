"""First-start tasks: default statuses and the first admin account."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reeltrack.auth.passwords import hash_password
from reeltrack.runtime import Runtime

DEFAULT_PROJECT_STATUSES = (("Open", "#000000"), ("Closed", "#000000"))


def get_or_create_project_status(session: Session, name: str) -> object:
    from reeltrack.models import ProjectStatus

    status = session.scalars(select(ProjectStatus).where(ProjectStatus.name == name)).first()
    if status is None:
        status = ProjectStatus(name=name, color="#000000")
        session.add(status)
        session.flush()
    return status


def seed_defaults(runtime: Runtime) -> None:
    """Create the Open and Closed project statuses when missing."""
    with runtime.db.session() as session:
        for name, _color in DEFAULT_PROJECT_STATUSES:
            get_or_create_project_status(session, name)
        session.commit()


def create_admin(runtime: Runtime, email: str, password: str) -> None:
    """Create an admin with this email, or promote and reset the existing person."""
    from reeltrack.models import Person

    if len(password) < runtime.settings.min_password_length:
        raise ValueError(
            f"password must be at least {runtime.settings.min_password_length} characters"
        )
    email = email.strip().lower()
    with runtime.db.session() as session:
        person = session.scalars(
            select(Person).where(func.lower(Person.email) == email, Person.is_bot.is_(False))
        ).first()
        if person is None:
            person = Person(
                first_name="Super", last_name="Admin", email=email, role="admin", active=True
            )
            session.add(person)
        person.role = "admin"
        person.active = True
        person.password = hash_password(password)
        session.commit()


def ensure_admin(runtime: Runtime, announce: Callable[[str], None]) -> None:
    """On first start (no person yet), create the admin from the settings."""
    from reeltrack.models import Person

    with runtime.db.session() as session:
        count = session.scalar(select(func.count()).select_from(Person)) or 0
    if count:
        return
    settings = runtime.settings
    password = settings.admin_password
    generated = password is None
    if password is None:
        password = secrets.token_urlsafe(12)
    create_admin(runtime, settings.admin_email, password)
    if generated:
        announce(
            f"Created admin {settings.admin_email} with generated password: {password}\n"
            "(shown once; set REELTRACK_ADMIN_PASSWORD to choose it)"
        )
    else:
        announce(f"Created admin {settings.admin_email}.")
