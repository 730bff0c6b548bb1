"""Production schedule versions: their task links, and applying one to the production."""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from reeltrack.crud.spec import model_links
from reeltrack.crud.values import parse_uuid
from reeltrack.wire.errors import NotFound, WrongParameter
from reeltrack.wire.present import present


def version_of(session: Session, version_id: str) -> Any:
    from reeltrack.models import ProductionScheduleVersion

    parsed = parse_uuid(version_id)
    if parsed is None:
        raise WrongParameter("Malformed ID.")
    row = session.get(ProductionScheduleVersion, parsed)
    if row is None:
        raise NotFound()
    return row


def task_links(
    session: Session, version_id: uuid.UUID, task_type_id: uuid.UUID | None, relations: bool
) -> list[dict[str, Any]]:
    """The version's task links (of a task type's tasks when given), with assignees on demand."""
    from reeltrack.models import ProductionScheduleVersionTaskLink as Link
    from reeltrack.models import Task

    query = select(Link).where(Link.production_schedule_version_id == version_id)
    if task_type_id is not None:
        query = query.join(Task, Task.id == Link.task_id).where(Task.task_type_id == task_type_id)
    rows = list(session.scalars(query.order_by(Link.id)))
    if not relations:
        return [present(row) for row in rows]
    links: dict[str, dict[uuid.UUID, list[uuid.UUID]]] = {}
    ids = [row.id for row in rows]
    for link in model_links(Link):
        per_row: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        if ids:
            local, remote = link.table.c[link.local], link.table.c[link.remote]
            for owner, target in session.execute(select(local, remote).where(local.in_(ids))):
                per_row[owner].append(target)
        links[link.key] = per_row
    return [
        present(row, links={key: per.get(row.id, []) for key, per in links.items()}) for row in rows
    ]


def apply_to_production(session: Session, version: Any) -> list[tuple[uuid.UUID, Any]]:
    """Copy the version's dates and estimations onto the tasks; lock it; mark the project.

    Returns the (task id, project id) pairs updated.
    """
    from reeltrack.models import ProductionScheduleVersionTaskLink as Link
    from reeltrack.models import Project, Task

    query = select(Link.task_id, Link.start_date, Link.due_date, Link.estimation, Task.project_id)
    query = query.join(Task, Task.id == Link.task_id).where(
        Link.production_schedule_version_id == version.id
    )
    rows = list(session.execute(query))
    if rows:
        session.execute(
            update(Task),
            [
                {
                    "id": task_id,
                    "start_date": start,
                    "due_date": due,
                    "estimation": estimation,
                }
                for task_id, start, due, estimation, _ in rows
            ],
        )
    version.locked = True
    project = session.get(Project, version.project_id)
    if project is not None:
        project.from_schedule_version_id = version.id
    session.flush()
    return [(task_id, project_id) for task_id, _, _, _, project_id in rows]


def _upsert_links(
    session: Session, version_id: uuid.UUID, source: list[tuple[Any, ...]]
) -> dict[uuid.UUID, uuid.UUID]:
    """Create or refresh the version's links from (task id, start, due, estimation) rows.

    Returns {task id: link id} for the rows copied.
    """
    from reeltrack.models import ProductionScheduleVersionTaskLink as Link

    query = select(Link).where(Link.production_schedule_version_id == version_id)
    existing = {link.task_id: link for link in session.scalars(query)}
    for task_id, start, due, estimation in source:
        link = existing.get(task_id)
        if link is None:
            link = Link(production_schedule_version_id=version_id, task_id=task_id)
            session.add(link)
            existing[task_id] = link
        link.start_date = start
        link.due_date = due
        link.estimation = estimation
    session.flush()
    return {task_id: existing[task_id].id for task_id, _, _, _ in source}


def _replace_assignees(
    session: Session, link_ids: dict[uuid.UUID, uuid.UUID], pairs: list[tuple[Any, ...]]
) -> None:
    """Set the assignees of the given links from (task id, person id) pairs."""
    from sqlalchemy import delete

    from reeltrack.models.schedule import (
        production_schedule_version_task_link_person_link as person_link,
    )

    if not link_ids:
        return
    column = person_link.c.production_schedule_version_task_link_id
    session.execute(delete(person_link).where(column.in_(list(link_ids.values()))))
    rows = [
        {"production_schedule_version_task_link_id": link_ids[task_id], "person_id": person_id}
        for task_id, person_id in dict.fromkeys(pairs)
        if task_id in link_ids
    ]
    if rows:
        session.execute(person_link.insert(), rows)


def copy_from_production(session: Session, version: Any) -> dict[str, Any]:
    """The version's links from the production's tasks: dates, estimation, assignees."""
    from reeltrack.models import Task, task_person_link

    tasks = select(Task.id, Task.start_date, Task.due_date, Task.estimation).where(
        Task.project_id == version.project_id
    )
    source = [tuple(row) for row in session.execute(tasks)]
    link_ids = _upsert_links(session, version.id, source)
    assignees = select(task_person_link.c.task_id, task_person_link.c.person_id).join(
        Task, Task.id == task_person_link.c.task_id
    )
    pairs = [
        tuple(row)
        for row in session.execute(assignees.where(Task.project_id == version.project_id))
    ]
    _replace_assignees(session, link_ids, pairs)
    return {"success": True, "task_link_count": len(source)}


def copy_from_version(session: Session, version: Any, other: Any) -> dict[str, Any]:
    """The version's links from another version of the same project."""
    from reeltrack.models import ProductionScheduleVersionTaskLink as Link
    from reeltrack.models.schedule import (
        production_schedule_version_task_link_person_link as person_link,
    )

    if version.id == other.id:
        raise WrongParameter("A production schedule version cannot be copied onto itself.")
    if version.project_id != other.project_id:
        raise WrongParameter("Production schedule versions must belong to the same project.")
    links = select(Link.task_id, Link.start_date, Link.due_date, Link.estimation).where(
        Link.production_schedule_version_id == other.id
    )
    source = [tuple(row) for row in session.execute(links)]
    link_ids = _upsert_links(session, version.id, source)
    assignees = (
        select(Link.task_id, person_link.c.person_id)
        .join(person_link, person_link.c.production_schedule_version_task_link_id == Link.id)
        .where(Link.production_schedule_version_id == other.id)
    )
    pairs = [tuple(row) for row in session.execute(assignees)]
    _replace_assignees(session, link_ids, pairs)
    return {"success": True, "task_link_count": len(source)}
