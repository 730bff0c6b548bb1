"""Tasks waiting for the caller's feedback: the supervisor's and manager's check list."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from reeltrack.auth.actor import Actor
from reeltrack.crud.values import parse_uuid
from reeltrack.models import Entity, EntityType, Project, ProjectStatus, Task, TaskStatus, TaskType
from reeltrack.models.task import task_person_link
from reeltrack.services.task_common import parse_date_arg
from reeltrack.services.user_todos import present_rows, task_row_query
from reeltrack.wire.errors import WrongParameter

ID_FILTERS = ("project_id", "task_type_id", "task_status_id", "episode_id")
ARGS = (*ID_FILTERS, "person_id", "due_date_since", "due_date_until", "order_by", "page", "limit")


def scope(actor: Actor) -> tuple[bool, list[uuid.UUID] | None, list[uuid.UUID] | None]:
    """(allowed, project ids, department ids) as Zou scopes the check list per role."""
    if actor.is_admin:
        return True, None, None
    if actor.role not in ("manager", "supervisor"):
        return False, [], None
    projects = list(actor.project_ids)
    departments = list(actor.department_ids) if actor.role == "supervisor" else None
    return True, projects, departments


def _open_projects(actor: Actor, project_ids: list[uuid.UUID] | None) -> Any:
    """Ids of the projects in scope: the given ones when open, else every open one."""
    query = (
        select(Project.id)
        .join(ProjectStatus, ProjectStatus.id == Project.project_status_id)
        .where(ProjectStatus.name == "Open")
    )
    if project_ids is not None:
        query = query.where(Project.id.in_(project_ids))
    return query


def parse_args(args: dict[str, str | None]) -> dict[str, Any]:
    """Check and convert the query arguments; Zou's messages for bad ones."""
    parsed: dict[str, Any] = {}
    for key in ID_FILTERS:
        value = args.get(key)
        if value is not None and parse_uuid(value) is None:
            raise WrongParameter("Wrong UUID format.")
        parsed[key] = parse_uuid(value) if value is not None else None
    person = args.get("person_id")
    if person is not None and person != "unassigned":
        people = [parse_uuid(part) for part in person.split(",")]
        if any(item is None for item in people):
            raise WrongParameter("Wrong UUID format.")
        parsed["person_id"] = people
    else:
        parsed["person_id"] = person
    parsed["due_date_since"] = parse_date_arg(args.get("due_date_since"))
    parsed["due_date_until"] = parse_date_arg(args.get("due_date_until"))
    for key, default in (("page", None), ("limit", 100)):
        value = args.get(key)
        try:
            parsed[key] = int(value) if value is not None else default
        except ValueError:
            raise WrongParameter(f"Wrong value for parameter {key}.") from None
    parsed["order_by"] = args.get("order_by")
    return parsed


def _filtered(query: Any, episode: Any, args: dict[str, Any]) -> Any:
    link = task_person_link.c
    if args["project_id"] is not None:
        query = query.where(Task.project_id == args["project_id"])
    if args["task_type_id"] is not None:
        query = query.where(Task.task_type_id == args["task_type_id"])
    if args["task_status_id"] is not None:
        query = query.where(Task.task_status_id == args["task_status_id"])
    people = args["person_id"]
    if people == "unassigned":
        query = query.where(~exists().where(link.task_id == Task.id))
    elif people is not None:
        query = query.where(exists().where(link.task_id == Task.id, link.person_id.in_(people)))
    if args["episode_id"] is not None:
        value = args["episode_id"]
        query = query.where(
            or_(episode.id == value, Entity.source_id == value, Entity.parent_id == value)
        )
    if args["due_date_since"] is not None:
        query = query.where(Task.due_date >= args["due_date_since"])
    if args["due_date_until"] is not None:
        query = query.where(Task.due_date <= args["due_date_until"])
    return query


def _scoped(query: Any, projects: Any, departments: list[uuid.UUID] | None) -> Any:
    query = query.where(TaskStatus.is_feedback_request.is_(True), Task.project_id.in_(projects))
    if departments:
        query = query.where(TaskType.department_id.in_(departments))
    return query


def _order(sequence: Any, episode: Any, order_by: str | None) -> list[Any]:
    names: list[Any] = [Project.name, episode.name, sequence.name, EntityType.name, Entity.name]
    names.append(TaskType.name)
    orders: dict[str, list[Any]] = {
        "priority": [Task.priority.desc().nulls_last(), Task.due_date.asc().nulls_last()],
        "due_date": [Task.due_date.asc().nulls_last()],
        "estimation": [Task.estimation.desc().nulls_last()],
    }
    if order_by == "entity_name":
        return [Project.name, TaskType.name, episode.name, sequence.name, Entity.name, Task.id]
    return [*orders.get(order_by or "", []), *names, Task.id]


def tasks_to_check(session: Session, actor: Actor, args: dict[str, Any]) -> Any:
    """The feedback-request tasks in the caller's scope; an envelope when paged."""
    allowed, project_ids, departments = scope(actor)
    projects = _open_projects(actor, project_ids if allowed else [])
    task_rows = task_row_query(session)
    sequence, episode = task_rows.sequence, task_rows.episode
    query = _filtered(_scoped(task_rows.query, projects, departments), episode, args)
    page, limit = args["page"], args["limit"]
    stats = None
    if page is not None:
        page, limit = max(page, 1), max(limit, 1)
        totals = query.with_only_columns(
            func.count(Task.id), func.sum(Task.duration), func.sum(Task.estimation)
        ).order_by(None)
        total, duration, estimation = session.execute(totals).one()
        stats = {
            "total": total,
            "total_duration": duration or 0,
            "total_estimation": estimation or 0,
        }
    if page is not None or args["order_by"] is not None:
        query = query.order_by(*_order(sequence, episode, args["order_by"]))
    if page is not None:
        query = query.offset((page - 1) * limit).limit(limit)
    tasks = present_rows(session, task_rows.fetch(query), cast_in=False)
    if page is None or stats is None:
        return tasks
    return {
        "data": tasks,
        "stats": stats,
        "page": page,
        "limit": limit,
        "is_more": page * limit < stats["total"],
    }


def filter_values(session: Session, actor: Actor) -> dict[str, list[str]]:
    """Distinct projects, types, statuses, episodes and assignees of the check list."""
    keys = ("project_ids", "task_type_ids", "task_status_ids", "episode_ids", "person_ids")
    allowed, project_ids, departments = scope(actor)
    if not allowed:
        return {key: [] for key in keys}
    projects = _open_projects(actor, project_ids)
    sequence = aliased(Entity, name="sequence")
    episode = aliased(Entity, name="episode")
    base = (
        select(
            Task.project_id,
            Task.task_type_id,
            Task.task_status_id,
            episode.id,
            Entity.source_id,
            Entity.parent_id,
            EntityType.name,
        )
        .join(TaskType, TaskType.id == Task.task_type_id)
        .join(TaskStatus, TaskStatus.id == Task.task_status_id)
        .join(Entity, Entity.id == Task.entity_id)
        .join(EntityType, EntityType.id == Entity.entity_type_id)
        .outerjoin(sequence, sequence.id == Entity.parent_id)
        .outerjoin(episode, episode.id == sequence.parent_id)
    )
    values: dict[str, set[Any]] = {key: set() for key in keys}
    for row in session.execute(_scoped(base, projects, departments).distinct()):
        project_id, type_id, status_id, episode_id, source_id, parent_id, type_name = row
        values["project_ids"].add(project_id)
        values["task_type_ids"].add(type_id)
        values["task_status_ids"].add(status_id)
        if episode_id is None:
            episode_id = source_id
        if type_name == "Sequence" and parent_id is not None:
            episode_id = parent_id
        if episode_id is not None:
            values["episode_ids"].add(episode_id)
    link = task_person_link.c
    people = (
        select(link.person_id)
        .join(Task, Task.id == link.task_id)
        .join(TaskType, TaskType.id == Task.task_type_id)
        .join(TaskStatus, TaskStatus.id == Task.task_status_id)
    )
    values["person_ids"] = set(session.scalars(_scoped(people, projects, departments).distinct()))
    return {key: sorted(str(value) for value in ids) for key, ids in values.items()}
