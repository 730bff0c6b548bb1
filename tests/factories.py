"""make_<model>(session, **overrides): rows with sensible defaults, parents created."""

from __future__ import annotations

import itertools
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reeltrack.auth.passwords import hash_password
from reeltrack.models import (
    Department,
    EntityType,
    Organisation,
    Person,
    Project,
    ProjectStatus,
    Studio,
    TaskStatus,
    TaskType,
)
from reeltrack.models.person import department_link
from reeltrack.models.project import project_person_link

_seq = itertools.count(1)
FAST_HASH_ROUNDS = 4
DEFAULT_PASSWORD = "secret-password"


def n() -> int:
    return next(_seq)


def _add(session: Session, row: Any) -> Any:
    session.add(row)
    session.flush()
    return row


def make_person(session: Session, password: str = DEFAULT_PASSWORD, **fields: Any) -> Person:
    i = n()
    values: dict[str, Any] = {
        "first_name": f"First{i}",
        "last_name": f"Last{i}",
        "email": f"person{i}@example.com",
        "role": "user",
        "active": True,
        "password": hash_password(password, rounds=FAST_HASH_ROUNDS),
    }
    values.update(fields)
    return _add(session, Person(**values))


def project_status(session: Session, name: str) -> ProjectStatus:
    found = session.scalars(select(ProjectStatus).where(ProjectStatus.name == name)).first()
    return found or _add(session, ProjectStatus(name=name, color="#000000"))


def make_project(
    session: Session, team: list[Person] = (), closed: bool = False, **fields: Any
) -> Project:  # type: ignore[assignment]
    status = project_status(session, "Closed" if closed else "Open")
    values: dict[str, Any] = {"name": f"Project {n()}", "project_status_id": status.id}
    values.update(fields)
    project = _add(session, Project(**values))
    for person in team:
        add_to_team(session, project, person)
    return project


def add_to_team(session: Session, project: Project, person: Person) -> None:
    session.execute(project_person_link.insert().values(project_id=project.id, person_id=person.id))


def make_department(session: Session, **fields: Any) -> Department:
    values = {"name": f"Department {n()}", "color": "#123456"}
    values.update(fields)
    return _add(session, Department(**values))


def add_to_department(session: Session, person: Person, department: Department) -> None:
    session.execute(
        department_link.insert().values(person_id=person.id, department_id=department.id)
    )


def make_studio(session: Session, **fields: Any) -> Studio:
    values = {"name": f"Studio {n()}", "color": "#654321"}
    values.update(fields)
    return _add(session, Studio(**values))


def make_organisation(session: Session, **fields: Any) -> Organisation:
    values: dict[str, Any] = {"name": f"Org {n()}"}
    values.update(fields)
    return _add(session, Organisation(**values))


def make_task_type(session: Session, **fields: Any) -> TaskType:
    values: dict[str, Any] = {"name": f"Task type {n()}", "for_entity": "Asset"}
    values.update(fields)
    return _add(session, TaskType(**values))


def make_task_status(session: Session, **fields: Any) -> TaskStatus:
    i = n()
    values: dict[str, Any] = {"name": f"Status {i}", "short_name": f"st{i}", "color": "#000000"}
    values.update(fields)
    return _add(session, TaskStatus(**values))


def make_entity_type(session: Session, **fields: Any) -> EntityType:
    values: dict[str, Any] = {"name": f"Asset type {n()}"}
    values.update(fields)
    return _add(session, EntityType(**values))
