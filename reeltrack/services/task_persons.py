"""A person's tasks as another person sees them, and everyone's task date ranges."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reeltrack.auth.actor import Actor
from reeltrack.crud.hooks.production import open_team_projects
from reeltrack.crud.values import parse_uuid
from reeltrack.models import Entity, Person, Project, ProjectStatus, Task, TaskStatus, TaskType
from reeltrack.models.task import task_person_link
from reeltrack.services import task_common as common
from reeltrack.services.user_todos import present_rows, task_row_query
from reeltrack.wire.errors import Forbidden, WrongParameter
from reeltrack.wire.present import present


def open_project_ids() -> Any:
    return (
        select(Project.id)
        .join(ProjectStatus, ProjectStatus.id == Project.project_status_id)
        .where(ProjectStatus.name == "Open")
    )


def _visible_projects(actor: Actor) -> Any:
    """Admins: every open project; others: the open projects of their teams."""
    return open_project_ids() if actor.is_admin else open_team_projects(actor)


def _check_target(session: Session, actor: Actor, person_id: str) -> Any:
    """The person asked about; bots refused, vendors only ask about themselves."""
    person = common.get_person(session, person_id)
    common.check_not_bot(session, person)
    if person.id != actor.person_id and actor.is_vendor:
        raise Forbidden()
    return person


def person_tasks(session: Session, actor: Actor, person_id: str, is_done: bool) -> list[dict]:
    """The person's to-do (or done) rows in the caller's open projects; five queries."""
    person = _check_target(session, actor, person_id)
    if actor.is_client or (actor.is_vendor and person.role == "vendor"):
        return []
    task_rows = task_row_query(session, task_person_link)
    query = task_rows.query.where(
        task_person_link.c.person_id == person.id,
        Task.project_id.in_(_visible_projects(actor)),
        TaskStatus.is_done.is_(is_done),
    )
    if is_done:
        query = query.order_by(Task.end_date.desc().nulls_first(), TaskType.name, Entity.name)
    return present_rows(session, task_rows.fetch(query))


def related_tasks(
    session: Session, actor: Actor, person_id: str, task_type_id: str
) -> list[dict[str, Any]]:
    """Tasks of a type on the entities where the person has a task assigned."""
    person = _check_target(session, actor, person_id)
    task_type = common.parse_id(task_type_id)
    assigned_entities = (
        select(Task.entity_id)
        .join(task_person_link, task_person_link.c.task_id == Task.id)
        .where(task_person_link.c.person_id == person.id)
    )
    query = select(Task).where(
        Task.entity_id.in_(assigned_entities),
        Task.task_type_id == task_type,
        Task.project_id.in_(_visible_projects(actor)),
    )
    return [present(task) for task in session.scalars(query)]


# ---------------------------------------------------------------- schedule


def _merge(intervals: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    merged: list[list[Any]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _date_ranges(session: Session, projects: Any) -> dict[str, dict[str, Any]]:
    query = (
        select(Person.id, func.min(Task.start_date), func.max(Task.due_date))
        .join(task_person_link, task_person_link.c.person_id == Person.id)
        .join(Task, Task.id == task_person_link.c.task_id)
        .where(Person.active.is_(True), Task.project_id.in_(projects))
        .group_by(Person.id)
    )
    return {
        str(person_id): {
            "person_id": str(person_id),
            "min_date": low,
            "max_date": high,
            "busy_periods": [],
        }
        for person_id, low, high in session.execute(query)
    }


def _add_busy(session: Session, entries: dict[str, Any], busy_projects: Any) -> None:
    """Anonymous merged date pairs for the open projects the caller may not see."""
    query = (
        select(Person.id, Task.start_date, Task.due_date)
        .join(task_person_link, task_person_link.c.person_id == Person.id)
        .join(Task, Task.id == task_person_link.c.task_id)
        .where(
            Person.active.is_(True),
            Task.project_id.in_(busy_projects),
            Task.start_date.isnot(None),
            Task.due_date.isnot(None),
        )
    )
    intervals: dict[str, list[tuple[Any, Any]]] = {}
    for person, start, due in session.execute(query):
        intervals.setdefault(str(person), []).append((start, due))
    for key, pairs in intervals.items():
        entry = entries.setdefault(
            key, {"person_id": key, "min_date": None, "max_date": None, "busy_periods": []}
        )
        entry["busy_periods"] = [
            {"start_date": str(start), "end_date": str(end)} for start, end in _merge(pairs)
        ]


def tasks_dates(session: Session, actor: Actor, raw_project: str | None) -> list[dict]:
    """First start and last due date of each active person's assigned tasks."""
    raw = (raw_project or "").strip() or None
    project_id: uuid.UUID | None = None
    if raw is not None:
        project_id = parse_uuid(raw)
        if project_id is None:
            raise WrongParameter("Invalid project_id.")
    if not actor.is_admin and actor.role not in ("manager", "supervisor"):
        raise Forbidden()
    busy = None
    if project_id is not None:
        if not actor.is_admin and not actor.is_member(project_id):
            raise Forbidden()
        projects: Any = [project_id]
    elif actor.is_admin:
        projects = open_project_ids()
    else:
        projects = open_team_projects(actor)
        busy = open_project_ids().where(Project.id.not_in(actor.project_ids))
    entries = _date_ranges(session, projects)
    if busy is not None:
        _add_busy(session, entries, busy)
    return list(entries.values())
