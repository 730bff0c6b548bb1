"""Loading tasks, persons and projects by id with Zou's checks, for the tasks blueprint."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reeltrack.auth.actor import Actor
from reeltrack.crud.hooks import tasks as task_hooks
from reeltrack.crud.hooks.production import entity_access
from reeltrack.crud.values import parse_uuid
from reeltrack.wire.errors import NOT_FOUND_MESSAGE, Forbidden, NotFound, WrongParameter

BAD_DATE = (
    "Wrong date format for before argument.Expected format: 2020-01-05T13:23:10 or 2020-01-05"
)


def parse_date_arg(value: str | None) -> dt.datetime | None:
    """A query-string date (`2020-01-05T13:23:10` or `2020-01-05`), else 400 with Zou's text."""
    if value is None:
        return None
    for pattern in ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value, pattern)
        except ValueError:
            continue
    raise WrongParameter(BAD_DATE)


def parse_id(value: Any) -> uuid.UUID:
    """A UUID from a path or body value, else 400 "Malformed ID."."""
    parsed = parse_uuid(value)
    if parsed is None:
        raise WrongParameter("Malformed ID.")
    return parsed


def get_row(session: Session, model: Any, raw_id: Any, missing: str = NOT_FOUND_MESSAGE) -> Any:
    """The row of `model` with this id, 400 when malformed, 404 (`missing`) when absent."""
    row = session.get(model, parse_id(raw_id))
    if row is None:
        raise NotFound(missing)
    return row


def get_task(session: Session, task_id: Any) -> Any:
    from reeltrack.models import Task

    return get_row(session, Task, task_id)


def get_person(session: Session, person_id: Any) -> Any:
    from reeltrack.models import Person

    return get_row(session, Person, person_id)


def get_project(session: Session, project_id: Any) -> Any:
    from reeltrack.models import Project

    return get_row(session, Project, project_id)


def is_client_in(actor: Actor, project_id: Any) -> bool:
    """Zou's client check once the project role is resolved."""
    role = actor.role_in(project_id)
    return role == "client" if role is not None else actor.is_client


def is_vendor_in(actor: Actor, project_id: Any) -> bool:
    role = actor.role_in(project_id)
    return role == "vendor" if role is not None else actor.is_vendor


def check_project_access(actor: Actor, project_id: Any) -> None:
    """Admins, and members of the project's team."""
    if not (actor.is_admin or actor.is_member(project_id)):
        raise Forbidden()


def check_manager_access(actor: Actor, project_id: Any) -> None:
    """Admins, and managers in the project's team."""
    if not (actor.is_admin or actor.role_in(project_id) == "manager"):
        raise Forbidden()


def check_task_access(actor: Actor, task: Any) -> None:
    """Project access, and for vendors a task assigned on the task's entity."""
    if not task_hooks.READ.allows(actor, task):
        raise Forbidden()


def check_entity_access(actor: Actor, entity: Any) -> None:
    if not entity_access(actor, entity.project_id, entity.id, entity):
        raise Forbidden()


def check_not_bot(session: Session, person: Any, project_id: Any = None) -> None:
    """Bots are refused, unless the project enables bot collaboration."""
    from reeltrack.models import Project

    if not person.is_bot:
        return
    if project_id is not None:
        project = session.get(Project, project_id)
        if project is not None and project.is_bot_collaboration_enabled:
            return
    raise Forbidden()


def parse_day(value: str) -> dt.date:
    """A `YYYY-MM-DD` path date, else 400 "Wrong date format."."""
    try:
        return dt.datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise WrongParameter("Wrong date format.") from None


def task_type_department(session: Session, task: Any) -> Any:
    from reeltrack.models import TaskType

    return session.scalar(select(TaskType.department_id).where(TaskType.id == task.task_type_id))


def person_departments(session: Session, person_id: Any) -> set[Any]:
    from reeltrack.models.person import department_link

    link = department_link.c
    return set(session.scalars(select(link.department_id).where(link.person_id == person_id)))
