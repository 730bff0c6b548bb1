"""Open tasks of open productions: the filtered listing, its per-project stats, a burndown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, case, exists, func, or_, select
from sqlalchemy.orm import Session

from reeltrack.auth.actor import Actor
from reeltrack.crud.hooks.production import assigned_tasks, open_team_projects
from reeltrack.crud.hooks.tasks import vendor_projects
from reeltrack.crud.values import parse_uuid
from reeltrack.models import (
    Entity,
    EntityType,
    Person,
    Project,
    ProjectStatus,
    Task,
    TaskStatus,
    TaskType,
)
from reeltrack.models.person import department_link
from reeltrack.models.task import task_person_link
from reeltrack.services import task_common as common
from reeltrack.services.user_todos import assignee_ids, task_dict, task_row_query
from reeltrack.wire.errors import WrongParameter

MAX_INT = 2**31 - 1
ID_FIELDS = ("project_id", "task_type_id", "task_status_id", "studio_id", "department_id")
# Keys the to-do row builder adds that an open-task row names differently.
_TODO_ONLY = (
    "task_estimation",
    "task_duration",
    "task_start_date",
    "task_due_date",
    "task_type_name",
    "task_status_name",
    "task_type_color",
    "task_status_color",
    "task_status_short_name",
)


@dataclass
class OpenTaskFilters:
    project_id: Any = None
    task_type_id: Any = None
    task_status_id: Any = None
    studio_id: Any = None
    department_id: Any = None
    person_id: str | None = None
    start_date: dt.datetime | None = None
    due_date: dt.datetime | None = None
    priority: int | None = None


def _parse_int(params: Mapping[str, str], name: str, default: int | None) -> int | None:
    raw = params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = MAX_INT + 1
    if abs(value) > MAX_INT:  # beyond what the database stores: refused, not a 500
        raise WrongParameter(f"Wrong value for parameter {name}.")
    return value


def parse_filters(params: Mapping[str, str]) -> OpenTaskFilters:
    """Zou's open task arguments: ids checked, person ids comma separated, dates parsed."""
    values: dict[str, Any] = {}
    for name in ID_FIELDS:
        raw = params.get(name)
        if raw is not None:
            values[name] = parse_uuid(raw)
            if values[name] is None:
                raise WrongParameter("Wrong UUID format.")
    person = params.get("person_id")
    if person not in (None, "unassigned"):
        for part in person.split(","):  # type: ignore[union-attr]
            if parse_uuid(part) is None:
                raise WrongParameter("Wrong UUID format.")
    values["person_id"] = person
    values["start_date"] = common.parse_date_arg(params.get("start_date"))
    values["due_date"] = common.parse_date_arg(params.get("due_date"))
    values["priority"] = _parse_int(params, "priority", None)
    return OpenTaskFilters(**values)


def page_args(params: Mapping[str, str]) -> tuple[int | None, int]:
    return _parse_int(params, "page", None), _parse_int(params, "limit", 100) or 0


def _scope(actor: Actor, stmt: Select[Any], filters: OpenTaskFilters) -> Select[Any]:
    vendor_in = vendor_projects(actor)
    if vendor_in:  # vendors see only their own tasks, as everywhere else
        stmt = stmt.where(
            or_(Task.project_id.not_in(vendor_in), Task.id.in_(assigned_tasks(actor)))
        )
    if filters.project_id is not None:
        common.check_project_access(actor, filters.project_id)
        return stmt.where(Project.id == filters.project_id)
    if actor.is_admin:
        return stmt.where(ProjectStatus.name == "Open")
    return stmt.where(Project.id.in_(open_team_projects(actor)))


def _assigned_where(*criteria: Any) -> Any:
    link = task_person_link.c
    return exists(select(link.task_id).where(link.task_id == Task.id, *criteria))


def apply_filters(actor: Actor, stmt: Select[Any], filters: OpenTaskFilters) -> Select[Any]:
    """The pool shared by the listing, its stats and the burndown."""
    link = task_person_link.c
    stmt = _scope(actor, stmt, filters)
    if filters.task_type_id is not None:
        stmt = stmt.where(TaskType.id == filters.task_type_id)
    else:
        stmt = stmt.where(TaskType.for_entity != "Concept")
    if filters.task_status_id is not None:
        stmt = stmt.where(TaskStatus.id == filters.task_status_id)
    if filters.person_id == "unassigned":
        stmt = stmt.where(~_assigned_where())
    elif filters.person_id is not None:
        ids = [parse_uuid(part) for part in filters.person_id.split(",")]
        stmt = stmt.where(_assigned_where(link.person_id.in_(ids)))
    if filters.studio_id is not None:
        studio = select(Person.id).where(Person.studio_id == filters.studio_id)
        stmt = stmt.where(_assigned_where(link.person_id.in_(studio)))
    if filters.department_id is not None:
        members = select(department_link.c.person_id).where(
            department_link.c.department_id == filters.department_id
        )
        stmt = stmt.where(_assigned_where(link.person_id.in_(members)))
    if filters.start_date is not None:
        stmt = stmt.where(Task.start_date >= filters.start_date)
    if filters.due_date is not None:
        stmt = stmt.where(Task.due_date <= filters.due_date)
    if filters.priority is not None:
        stmt = stmt.where(TaskType.priority == filters.priority)
    return stmt


def _pool(*columns: Any) -> Select[Any]:
    return (
        select(*columns)
        .select_from(Task)
        .join(TaskType, Task.task_type_id == TaskType.id)
        .join(TaskStatus, Task.task_status_id == TaskStatus.id)
        .join(Entity, Entity.id == Task.entity_id)
        .join(EntityType, EntityType.id == Entity.entity_type_id)
        .join(Project, Project.id == Task.project_id)
        .join(ProjectStatus, ProjectStatus.id == Project.project_status_id)
    )


def _open_row(row: Any) -> dict[str, Any]:
    data = task_dict(row)
    for key in _TODO_ONLY:
        data.pop(key, None)
    data.update(
        type_name=row[16],
        status_name=row[18],
        type_color=row[19],
        status_color=row[20],
        status_short_name=row[21],
    )
    return data


def open_tasks(
    session: Session, actor: Actor, filters: OpenTaskFilters, page: int | None, limit: int
) -> dict[str, Any]:
    """A page of open tasks with the pool's totals; four queries."""
    task_rows = task_row_query(session)
    sequence, episode = task_rows.sequence, task_rows.episode
    query = task_rows.query.join(ProjectStatus, ProjectStatus.id == Project.project_status_id)
    query = apply_filters(actor, query, filters).order_by(
        Project.name,
        episode.name,
        sequence.name,
        EntityType.name,
        Entity.name,
        TaskType.name,
        Task.id,
    )
    limit = max(limit, 1)
    if page is not None and page > 0:
        query = query.offset((page - 1) * limit)
    rows = task_rows.fetch(query.limit(limit))
    result: dict[str, Any] = {
        "data": [],
        "stats": {"total_duration": 0, "total_estimation": 0, "total": 0, "status": []},
        "limit": limit,
        "is_more": False,
        "page": page or 1,
    }
    if not rows:
        return result
    data = [_open_row(row) for row in rows]
    links = assignee_ids(session, [row[0] for row in rows])
    for item, row in zip(data, rows, strict=True):
        item["assignees"] = links.get(row[0], [])
    stats = apply_filters(
        actor,
        _pool(
            TaskStatus.id,
            func.count(),
            func.sum(Task.duration),
            func.sum(Task.estimation),
        ),
        filters,
    ).group_by(TaskStatus.id)
    by_status = list(session.execute(stats))
    total = sum(count for _, count, _, _ in by_status)
    result.update(
        data=data,
        stats={
            "total_duration": sum(d or 0 for _, _, d, _ in by_status),
            "total_estimation": sum(e or 0 for _, _, _, e in by_status),
            "total": total,
            "status": [{"task_status_id": s, "amount": c} for s, c, _, _ in by_status],
        },
        is_more=(page or 1) * limit < total,
    )
    return result


def open_tasks_stats(session: Session, actor: Actor) -> dict[str, Any]:
    """Per open project: amounts, done amounts, durations and estimations by type and status."""
    stmt = (
        _pool(
            Project.id,
            TaskType.id,
            TaskStatus.id,
            func.count(),
            func.count(case((TaskStatus.is_done.is_(True), Task.id))),
            func.coalesce(func.sum(Task.duration), 0),
            func.coalesce(func.sum(Task.estimation), 0),
        )
        .where(TaskType.for_entity != "Concept")
        .group_by(Project.id, TaskType.id, TaskStatus.id)
    )
    if actor.is_admin:
        stmt = stmt.where(ProjectStatus.name == "Open")
    else:
        stmt = stmt.where(Project.id.in_(open_team_projects(actor)))
    result: dict[str, Any] = {}
    for project_id, type_id, status_id, amount, done, duration, estimation in session.execute(stmt):
        stat = {
            "task_status_id": status_id,
            "task_type_id": type_id,
            "project_id": project_id,
            "amount": amount,
            "amount_done": done,
            "total_duration": duration,
            "total_estimation": estimation,
        }
        project = result.setdefault(
            str(project_id),
            {
                "amount": 0,
                "amount_done": 0,
                "total_duration": 0,
                "total_estimation": 0,
                "task_types": [],
            },
        )
        for key in ("amount", "amount_done", "total_duration", "total_estimation"):
            project[key] += stat[key]
        project["task_types"].append(stat)
    return result


def _day(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    return value.date() if isinstance(value, dt.datetime) else value


def _done_by_day(rows: Any) -> list[tuple[Any, int, Any]]:
    """(day, tasks done, their estimation) per day, oldest first; grouped here to stay portable."""
    days: dict[dt.date, list[Any]] = {}
    for done_date, estimation in rows:
        entry = days.setdefault(_day(done_date), [0, None])  # type: ignore[arg-type]
        entry[0] += 1
        if estimation is not None:
            entry[1] = (entry[1] or 0) + estimation
    return [(day, count, est) for day, (count, est) in sorted(days.items())]


def _fold(done_rows: list[tuple[Any, int, Any]], start: dt.date | None) -> list[tuple]:
    """Days of activity before the schedule window count on its first day."""
    if start is None or not any(row[0] < start for row in done_rows):
        return done_rows
    folded = [row for row in done_rows if row[0] <= start]
    first = (start, sum(row[1] for row in folded), sum(row[2] or 0 for row in folded))
    return [first] + [row for row in done_rows if row[0] > start]


def burndown(session: Session, actor: Actor, filters: OpenTaskFilters) -> dict[str, Any]:
    """Totals, schedule bounds (task dates, else project dates) and tasks done per day."""
    pool = apply_filters(
        actor,
        _pool(
            Task.estimation,
            Task.start_date,
            Task.due_date,
            Task.done_date,
            Project.start_date.label("project_start"),
            Project.end_date.label("project_end"),
        ),
        filters,
    ).subquery()
    total, estimation, first_start, last_due, project_start, project_end = session.execute(
        select(
            func.count(),
            func.sum(pool.c.estimation),
            func.min(pool.c.start_date),
            func.max(pool.c.due_date),
            func.min(pool.c.project_start),
            func.max(pool.c.project_end),
        )
    ).one()
    done_rows = _done_by_day(
        session.execute(
            select(pool.c.done_date, pool.c.estimation).where(pool.c.done_date.isnot(None))
        )
    )
    start = _day(first_start) or _day(project_start)
    planning = [d for d in (start, _day(last_due) or _day(project_end)) if d is not None]
    done_rows = _fold(done_rows, min(planning) if start is not None else None)
    bounds = planning + ([done_rows[0][0], done_rows[-1][0]] if done_rows else [])
    return {
        "total": total,
        "total_estimation": estimation or 0,
        "start_date": min(bounds).isoformat() if bounds else None,
        "end_date": max(bounds).isoformat() if bounds else None,
        "done_by_day": [
            {"date": day.isoformat(), "done": done, "done_estimation": est or 0}
            for day, done, est in done_rows
        ],
    }
