"""Shared set-ups for the tasks blueprint tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from reeltrack.models import ApiEvent
from reeltrack.models.project import project_person_link
from tests import factories as f

ROLES = ("admin", "manager", "supervisor", "user", "client", "vendor")


def member(as_role: Any, db: Any, role: str, project: Any, **fields: Any) -> Any:
    """A client logged in as a new person of `role`, in the project's team (admins need not be)."""
    client = as_role(role, **fields)
    if role != "admin":
        f.add_to_team(db, project, client.person)
        db.commit()
    return client


def fresh(db: Any) -> None:
    """End the test session's read snapshot and forget loaded rows: the server wrote since."""
    db.rollback()
    db.expire_all()


def events(db: Any, name: str) -> list[dict[str, Any]]:
    """Data of the logged events of this name, oldest first."""
    fresh(db)
    rows = db.scalars(select(ApiEvent).where(ApiEvent.name == name).order_by(ApiEvent.created_at))
    return [row.data for row in rows]


def in_team(db: Any, project: Any, person: Any) -> bool:
    link = project_person_link.c
    query = select(link.person_id).where(link.project_id == project.id, link.person_id == person.id)
    return db.execute(query).first() is not None


def shots(db: Any, project: Any, count: int) -> list[Any]:
    """`count` shots in one sequence of the project."""
    sequence = f.make_entity(db, project, type_name="Sequence")
    return [
        f.make_entity(db, project, type_name="Shot", name=f"SH{i:04d}", parent_id=sequence.id)
        for i in range(count)
    ]
