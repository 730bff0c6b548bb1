"""Time spent reports: per person (rows, periods by task) and studio-wide tables."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from reeltrack.auth.actor import Actor
from reeltrack.crud.values import parse_uuid
from reeltrack.wire.errors import Forbidden, MalformedId, WrongParameter
from reeltrack.wire.present import present

LEADS = ("manager", "supervisor")
RANGE_NEEDS_BOTH = (
    "If querying for a range of dates, both a `start_date` and an `end_date` must be given."
)


@dataclass
class Scope:
    """What part of the logged time a caller may read (None: no restriction)."""

    person_id: uuid.UUID | None = None
    project_ids: list[uuid.UUID] | None = None
    department_ids: list[uuid.UUID] | None = None
    studio_id: uuid.UUID | None = None


def optional_id(value: str | None) -> uuid.UUID | None:
    if value in (None, ""):
        return None
    parsed = parse_uuid(value)
    if parsed is None:
        raise MalformedId()
    return parsed


def person_scope(actor: Actor, person_id: uuid.UUID) -> Scope:
    """Zou's rule: yourself or an admin sees everything; leads see their productions
    (and supervisors their departments); others are refused."""
    if actor.is_admin or actor.person_id == person_id:
        return Scope(person_id=person_id)
    if actor.role not in LEADS:
        raise Forbidden()
    departments = list(actor.department_ids) if actor.role == "supervisor" else None
    return Scope(person_id, list(actor.project_ids), departments or None)


def with_project(scope: Scope, project_id: uuid.UUID | None) -> Scope:
    """Narrow a scope to one production (403 when outside the caller's ones)."""
    if project_id is None:
        return scope
    if scope.project_ids is not None and project_id not in scope.project_ids:
        raise Forbidden()
    scope.project_ids = [project_id]
    return scope


def table_scope(
    actor: Actor,
    project_id: uuid.UUID | None,
    department_id: uuid.UUID | None,
    studio_id: uuid.UUID | None,
) -> Scope:
    """Who the studio tables cover: admins all, leads their productions, others themselves."""
    scope = Scope(
        project_ids=[project_id] if project_id else None,
        department_ids=[department_id] if department_id else None,
        studio_id=studio_id,
    )
    if actor.is_admin:
        return scope
    if actor.role not in LEADS:
        scope.person_id = actor.person_id
        return scope
    mine = list(actor.project_ids)
    if project_id is not None and project_id not in mine:
        raise Forbidden()
    scope.project_ids = [project_id] if project_id else mine
    if actor.role == "supervisor":
        mine = list(actor.department_ids)
        if department_id is not None and department_id not in mine:
            raise WrongParameter("Supervisor not allowed to access this department")
        if department_id is None:
            scope.department_ids = mine or None
    return scope


def _filtered(query: Any, scope: Scope) -> Any:
    from reeltrack.models import Person, Task, TaskType, TimeSpent

    if scope.person_id is not None:
        query = query.where(TimeSpent.person_id == scope.person_id)
    if scope.project_ids is not None or scope.department_ids:
        query = query.join(Task, Task.id == TimeSpent.task_id)
    if scope.project_ids is not None:
        query = query.where(Task.project_id.in_(scope.project_ids))
    if scope.department_ids:
        query = query.join(TaskType, TaskType.id == Task.task_type_id).where(
            TaskType.department_id.in_(scope.department_ids)
        )
    if scope.studio_id is not None:
        query = query.join(Person, Person.id == TimeSpent.person_id).where(
            Person.studio_id == scope.studio_id
        )
    return query


def time_spent_rows(session: Session, scope: Scope, day: dt.date | None) -> list[dict]:
    """The person's time spent rows (on one day when given)."""
    from reeltrack.models import TimeSpent

    query = _filtered(select(TimeSpent), scope).order_by(TimeSpent.date, TimeSpent.id)
    if day is not None:
        query = query.where(TimeSpent.date == day)
    return [present(row) for row in session.scalars(query)]


def time_spent_range(session: Session, scope: Scope, start: dt.date, end: dt.date) -> list[dict]:
    """Rows between two days (inclusive) with their task's production and task type."""
    from reeltrack.models import Task, TimeSpent

    query = (
        select(TimeSpent, Task.project_id, Task.task_type_id)
        .join(Task, Task.id == TimeSpent.task_id)
        .where(TimeSpent.person_id == scope.person_id, TimeSpent.date.between(start, end))
        .order_by(TimeSpent.date, TimeSpent.id)
    )
    if scope.project_ids is not None:
        query = query.where(Task.project_id.in_(scope.project_ids))
    if scope.department_ids:
        from reeltrack.models import TaskType

        query = query.join(TaskType, TaskType.id == Task.task_type_id).where(
            TaskType.department_id.in_(scope.department_ids)
        )
    return [
        {**present(row), "project_id": project_id, "task_type_id": task_type_id}
        for row, project_id, task_type_id in session.execute(query)
    ]


def period_by_task(
    session: Session, scope: Scope, start: dt.date, end: dt.date
) -> list[dict[str, Any]]:
    """Time logged in [start, end) summed per task, with names to show it."""
    from reeltrack.models import Entity, EntityType, Project, Task, TaskType, TimeSpent

    sequence = aliased(Entity, name="sequence")
    episode = aliased(Entity, name="episode")
    grouped = (
        Task.id,
        Task.task_type_id,
        Project.id,
        Project.name,
        Entity.name,
        EntityType.name,
        sequence.name,
        episode.name,
    )
    query = (
        select(*grouped, func.sum(TimeSpent.duration))
        .select_from(TimeSpent)
        .join(Task, Task.id == TimeSpent.task_id)
        .join(Entity, Entity.id == Task.entity_id)
        .join(Project, Project.id == Task.project_id)
        .join(EntityType, EntityType.id == Entity.entity_type_id)
        .outerjoin(sequence, sequence.id == Entity.parent_id)
        .outerjoin(episode, episode.id == sequence.parent_id)
        .where(
            TimeSpent.person_id == scope.person_id,
            TimeSpent.date >= start,
            TimeSpent.date < end,
        )
        .group_by(*grouped)
        .order_by(Project.name, Entity.name, Task.id)
    )
    if scope.project_ids is not None:
        query = query.where(Task.project_id.in_(scope.project_ids))
    if scope.department_ids:
        query = query.join(TaskType, TaskType.id == Task.task_type_id).where(
            TaskType.department_id.in_(scope.department_ids)
        )
    keys = (
        "task_id",
        "task_type_id",
        "project_id",
        "project_name",
        "entity_name",
        "entity_type_name",
        "sequence_name",
        "episode_name",
        "duration",
    )
    return [dict(zip(keys, row, strict=True)) for row in session.execute(query)]


def _unit(day: dt.date, level: str) -> str:
    if level == "week":
        return str(day.isocalendar()[1])
    if level == "day":
        return str(day.day)
    if level == "year":
        return str(day.year)
    return str(day.month)


def table(
    session: Session, scope: Scope, level: str, start: dt.date | None, end: dt.date | None
) -> dict[str, dict[str, float]]:
    """{unit: {person_id: total}} for the days in [start, end) (all days when None)."""
    from reeltrack.models import TimeSpent

    columns = select(TimeSpent.date, TimeSpent.person_id, TimeSpent.duration)
    query = _filtered(columns, scope)
    if start is not None and end is not None:
        query = query.where(TimeSpent.date >= start, TimeSpent.date < end)
    result: dict[str, dict[str, float]] = {}
    for day, person_id, duration in session.execute(query):
        totals = result.setdefault(_unit(day, level), defaultdict(float))
        totals[str(person_id)] += duration
    return {unit: dict(totals) for unit, totals in result.items()}


def rows_between(
    session: Session, person_id: uuid.UUID, start: dt.date, end: dt.date
) -> list[dict[str, Any]]:
    """Every time spent row of a person in [start, end)."""
    from reeltrack.models import TimeSpent

    query = (
        select(TimeSpent)
        .where(TimeSpent.person_id == person_id, TimeSpent.date >= start, TimeSpent.date < end)
        .order_by(TimeSpent.date, TimeSpent.id)
    )
    return [present(row) for row in session.scalars(query)]
