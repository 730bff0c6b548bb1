"""The "with-tasks" lists (assets, shots, sequences, episodes, scenes, edits, concepts).

One engine: a view names its entity columns, joins and filters; the engine runs a fixed
number of Core queries (entities, tasks, assignees, subscriptions, and per view a few
side lists) and nests the tasks into plain dicts. Ids are read as text in SQL.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from reeltrack.auth.actor import Actor
from reeltrack.crud.hooks.production import TEMPORAL_TYPES
from reeltrack.crud.values import uuid_arg
from reeltrack.models import Entity, EntityType, MetadataDescriptor, Subscription, Task
from reeltrack.models import department_metadata_descriptor_link as descriptor_departments
from reeltrack.models.task import task_person_link
from reeltrack.services.entity_row_reader import Reader, doc, uid, when

EPISODE_SENTINELS = ("all", "main")


def _task_columns() -> dict[str, Any]:
    return {
        "id": uid(Task.id),
        "entity_id": uid(Task.entity_id),
        "task_type_id": uid(Task.task_type_id),
        "task_status_id": uid(Task.task_status_id),
        "priority": func.coalesce(Task.priority, 0),
        "estimation": Task.estimation,
        "duration": Task.duration,
        "retake_count": Task.retake_count,
        "real_start_date": when(Task.real_start_date),
        "end_date": when(Task.end_date),
        "start_date": when(Task.start_date),
        "due_date": when(Task.due_date),
        "done_date": when(Task.done_date),
        "last_comment_date": when(Task.last_comment_date),
        "last_preview_file_id": uid(Task.last_preview_file_id),
        "nb_assets_ready": Task.nb_assets_ready,
        "difficulty": Task.difficulty,
        "nb_drawings": Task.nb_drawings,
        "data": doc(Task.data),
    }


# ---------------------------------------------------------------- criteria and scope


def _check_id(name: str, value: str | None) -> str | None:
    if value is None or (name == "episode_id" and value in EPISODE_SENTINELS):
        return value
    return str(uuid_arg(value, f"Invalid UUID format for {name}: {value}"))


@dataclass
class Scope:
    """What to list (criteria) and what the caller may see of it."""

    person_id: str
    project_id: str | None = None
    entity_id: str | None = None
    episode_id: str | None = None
    assigned_to: str | None = None  # only the caller's tasks (Zou's `assigned_to` criterion)
    team_projects: list[uuid.UUID] | None = None  # None: every project (admins)
    vendor_projects: list[uuid.UUID] = field(default_factory=list)
    client_projects: frozenset[str] = frozenset()
    departments: frozenset[str] = frozenset()


def _projects_with_role(actor: Actor, role: str, project_id: str | None) -> list[uuid.UUID]:
    if actor.is_admin:
        return []
    candidates = [uuid.UUID(project_id)] if project_id else list(actor.project_ids)
    return [p for p in candidates if actor.role_in(p) == role]


def make_scope(actor: Actor, params: dict[str, str], ids: Iterable[str]) -> Scope:
    """Criteria from the query string (ids checked) and the caller's restrictions."""
    checked = {name: _check_id(name, params.get(name)) for name in ids}
    project_id = checked.get("project_id")
    scope = Scope(
        person_id=str(actor.person_id),
        project_id=project_id,
        entity_id=checked.get("id"),
        episode_id=checked.get("episode_id"),
        assigned_to=params.get("assigned_to"),
    )
    if not actor.is_admin:
        scope.team_projects = list(actor.project_ids)
        scope.vendor_projects = _projects_with_role(actor, "vendor", project_id)
        clients = _projects_with_role(actor, "client", project_id)
        scope.client_projects = frozenset(str(p) for p in clients)
        if scope.vendor_projects:
            scope.departments = frozenset(str(d) for d in actor.department_ids)
    return scope


def assigned_task_ids(person_id: str) -> Select[Any]:
    link = task_person_link.c
    return select(link.task_id).where(link.person_id == uuid.UUID(person_id))


def has_assigned_task(person_id: str) -> ColumnElement[bool]:
    """The listed entity holds a task assigned to the person."""
    inner = aliased(Task, name="assigned_task")
    return exists().where(inner.entity_id == Entity.id, inner.id.in_(assigned_task_ids(person_id)))


def entity_access_filters(
    scope: Scope, reach: Callable[[str], ColumnElement[bool]] = has_assigned_task
) -> list[ColumnElement[bool]]:
    """Team projects only; in vendor projects, the entities the vendor reaches."""
    filters: list[ColumnElement[bool]] = []
    if scope.team_projects is not None:
        filters.append(Entity.project_id.in_(scope.team_projects))
    if scope.vendor_projects:
        filters.append(
            or_(
                Entity.project_id.not_in(scope.vendor_projects),
                reach(scope.person_id),
            )
        )
    return filters


def task_access_filters(scope: Scope, only_assigned: bool) -> list[ColumnElement[bool]]:
    """In vendor projects (or when asked), only the caller's own tasks."""
    mine = Task.id.in_(assigned_task_ids(scope.person_id))
    if only_assigned:
        return [mine]
    if scope.vendor_projects:
        return [or_(Task.project_id.not_in(scope.vendor_projects), mine)]
    return []


# ---------------------------------------------------------------- views


@dataclass(frozen=True)
class View:
    """One with-tasks list: its entity type test, joins, columns, filters and task fields."""

    kind: str
    columns: Callable[[], dict[str, Any]]
    joins: Callable[[Select[Any]], Select[Any]]
    filters: Callable[[Scope], list[ColumnElement[bool]]]
    task_fields: tuple[str, ...]
    task_joins: Callable[[Select[Any]], Select[Any]] = lambda stmt: stmt
    order_by: tuple[Any, ...] = ()
    assigned_entities: bool = True  # `assigned_to` also narrows the entities
    vendor_reach: Callable[[str], ColumnElement[bool]] = has_assigned_task


def type_filter(kind: str) -> ColumnElement[bool]:
    """Entities of this base type ("Asset": every non-temporal type)."""
    if kind == "Asset":
        names = select(EntityType.id).where(EntityType.name.not_in(TEMPORAL_TYPES))
    else:
        names = select(EntityType.id).where(EntityType.name == kind)
    return Entity.entity_type_id.in_(names)


def common_filters(view: View, scope: Scope) -> list[ColumnElement[bool]]:
    filters = [type_filter(view.kind), *view.filters(scope)]
    if scope.entity_id:
        filters.append(Entity.id == uuid.UUID(scope.entity_id))
    if scope.project_id:
        filters.append(Entity.project_id == uuid.UUID(scope.project_id))
    if scope.assigned_to is not None and view.assigned_entities:
        filters.append(has_assigned_task(scope.person_id))
    return [*filters, *entity_access_filters(scope, view.vendor_reach)]


def entity_rows(reader: Reader, view: View, scope: Scope) -> list[dict[str, Any]]:
    columns = view.columns()
    stmt, converters = reader.select(columns)
    stmt = view.joins(stmt.select_from(Entity))
    stmt = stmt.where(*common_filters(view, scope)).order_by(*view.order_by)
    return reader.dicts(stmt, tuple(columns), converters)


def _subscriptions(reader: Reader, view: View, scope: Scope) -> frozenset[str]:
    """Task ids the caller subscribed to, when the list is for one project (as Zou)."""
    if scope.project_id is None:
        return frozenset()
    stmt, converters = reader.select({"task_id": uid(Subscription.task_id)})
    stmt = (
        stmt.join(Task, Task.id == Subscription.task_id)
        .join(Entity, Entity.id == Task.entity_id)
        .where(
            Subscription.person_id == uuid.UUID(scope.person_id),
            Task.project_id == uuid.UUID(scope.project_id),
            type_filter(view.kind),
        )
    )
    return frozenset(row[0] for row in reader.lists(stmt, converters))


def tasks_by_entity(
    reader: Reader, view: View, scope: Scope, only_assigned: bool = False
) -> dict[str, list[dict[str, Any]]]:
    """Tasks of the listed entities, grouped by entity id, with assignees and subscription.

    One statement reads the tasks and their assignees (joined, aggregated per task into
    one comma-separated text): cheaper than a second query grouped in Python.
    """
    all_columns = _task_columns()
    columns = {name: all_columns[name] for name in view.task_fields if name in all_columns}
    filters = [*common_filters(view, scope), *task_access_filters(scope, only_assigned)]
    link = task_person_link.c
    people = func.aggregate_strings(reader.id_expr(link.person_id), ",")
    stmt, converters = reader.select({**columns, "assignees": people})
    stmt = view.task_joins(stmt.select_from(Task).join(Entity, Entity.id == Task.entity_id))
    stmt = stmt.outerjoin(task_person_link, link.task_id == Task.id)
    stmt = stmt.where(*filters).group_by(Task.id)
    # Task columns are ids, numbers, dates and JSON text: the driver's tuples need no processing.
    tasks = reader.dicts(stmt, (*columns, "assignees"), converters, raw=True)
    subscribed = _subscriptions(reader, view, scope)
    id_list = reader.id_list
    grouped: dict[str, list[dict[str, Any]]] = {}
    for task in tasks:
        task["is_subscribed"] = task["id"] in subscribed
        task["assignees"] = id_list(task["assignees"])
        entity_tasks = grouped.get(task["entity_id"])
        if entity_tasks is None:
            grouped[task["entity_id"]] = [task]
        else:
            entity_tasks.append(task)
    return grouped


def hidden_metadata(
    session: Session, kind: str, scope: Scope, project_ids: set[str]
) -> dict[str, frozenset[str]]:
    """Per vendor project, the metadata fields restricted to departments the caller is not in."""
    vendor = {str(p) for p in scope.vendor_projects} & project_ids
    if not vendor:
        return {}
    link = descriptor_departments.c
    stmt = (
        select(MetadataDescriptor.project_id, MetadataDescriptor.field_name, link.department_id)
        .join(descriptor_departments, link.metadata_descriptor_id == MetadataDescriptor.id)
        .where(
            MetadataDescriptor.entity_type == kind,
            MetadataDescriptor.project_id.in_([uuid.UUID(p) for p in vendor]),
        )
    )
    departments: dict[tuple[str, str], set[str]] = {}
    for project_id, field_name, department_id in session.execute(stmt):
        departments.setdefault((str(project_id), field_name), set()).add(str(department_id))
    hidden: dict[str, set[str]] = {}
    for (project_id, field_name), allowed in departments.items():
        if not allowed & scope.departments:
            hidden.setdefault(project_id, set()).add(field_name)
    return {project_id: frozenset(names) for project_id, names in hidden.items()}


def mask_data(rows: list[dict[str, Any]], hidden: dict[str, frozenset[str]]) -> None:
    """Drop the hidden metadata fields from each row's `data`, in place."""
    if not hidden:
        return
    for row in rows:
        names = hidden.get(row["project_id"])
        if names and isinstance(row.get("data"), dict):
            row["data"] = {k: v for k, v in row["data"].items() if k not in names}
