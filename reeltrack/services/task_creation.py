"""Creating tasks in bulk: one task type over many entities, or many types on one entity.

Rows go in with one multi-row INSERT; existing tasks are loaded once to skip duplicates.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import String, insert, select

from reeltrack.crud.hooks.production import TEMPORAL_TYPES, base_name
from reeltrack.crud.hooks.reviews_tasks import default_task_status_id
from reeltrack.db.base import utcnow
from reeltrack.services.task_common import get_row, parse_id
from reeltrack.wire.errors import NotFound, WrongParameter
from reeltrack.wire.present import column_keys

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

# Route segment -> entity type name; "assets" means every non-temporal type.
KINDS = {"assets": "Asset", "shots": "Shot", "edits": "Edit", "concepts": "Concept"}
ID_LIST_REQUIRED = "Request body must be a JSON array."
ID_LIST_UUIDS = "Request body must only contain valid UUIDs."
# Task columns a new task sets beyond Python defaults (Zou's creation values).
_DEFAULTS: dict[str, Any] = {
    "name": "main",
    "priority": 0,
    "difficulty": 3,
    "duration": 0.0,
    "estimation": 0.0,
    "completion_rate": 0,
    "retake_count": 0,
    "sort_order": 0,
    "nb_assets_ready": 0,
    "nb_drawings": 0,
}


def id_list(payload: Any, required: bool = False) -> list[uuid.UUID] | None:
    """A JSON array of UUID strings; None for an empty body when not required."""
    if not isinstance(payload, list):
        if not required and payload in (None, {}):
            return None
        raise WrongParameter(ID_LIST_REQUIRED)
    ids = []
    for value in payload:
        parsed = parse_id(value) if isinstance(value, str) else None
        if parsed is None:
            raise WrongParameter(ID_LIST_UUIDS)
        ids.append(parsed)
    return ids


def _kind_filter(kind: str) -> Any:
    from reeltrack.models import EntityType

    if kind == "Asset":
        return EntityType.name.not_in(TEMPORAL_TYPES)
    return EntityType.name == kind


def _entity_query(kind: str) -> Any:
    from reeltrack.models import Entity, EntityType

    return (
        select(Entity.id, Entity.project_id, Entity.entity_type_id, EntityType.name)
        .join(EntityType, EntityType.id == Entity.entity_type_id)
        .where(_kind_filter(kind))
    )


def _listed(ctx: Ctx, query: Any, project_id: uuid.UUID, ids: list[uuid.UUID]) -> list[Any]:
    """The rows of the listed entities (404 if one is missing), those of the project only."""
    from reeltrack.models import Entity

    found = {row[0]: row for row in ctx.session.execute(query.where(Entity.id.in_(ids)))}
    if any(entity_id not in found for entity_id in ids):
        raise NotFound()
    picked = [found[entity_id] for entity_id in dict.fromkeys(ids)]
    return [row for row in picked if row[1] == project_id]


def select_entities(
    ctx: Ctx, project_id: uuid.UUID, kind: str, ids: list[uuid.UUID] | None, params: Mapping
) -> list[Any]:
    """Entities of `kind`: the listed ones of the project (404 for a wrong kind), else all."""
    from reeltrack.models import Entity

    query = _entity_query(kind)
    if ids:
        return _listed(ctx, query, project_id, ids)
    query = query.where(Entity.project_id == project_id)
    for key, value in params.items():
        column = Entity.__table__.c.get(key)
        if column is None or key in ("project_id", "entity_type_id"):
            continue
        if key == "id" or key.endswith("_id"):
            query = query.where(column == parse_id(value))
        elif isinstance(column.type, String):
            query = query.where(column == value)
    return list(ctx.session.execute(query.order_by(Entity.name)))


def select_typed_entities(
    ctx: Ctx, project_id: uuid.UUID, type_name: str, ids: list[uuid.UUID] | None, episode: Any
) -> list[Any]:
    """Entities of the named entity type (any entity when ids are listed), as Zou's route."""
    from reeltrack.models import Entity, EntityType

    entity_type = ctx.session.scalar(select(EntityType).where(EntityType.name == type_name))
    if entity_type is None:
        raise NotFound()
    query = select(Entity.id, Entity.project_id, Entity.entity_type_id, EntityType.name).join(
        EntityType, EntityType.id == Entity.entity_type_id
    )
    if ids:
        return _listed(ctx, query, project_id, ids)
    query = query.where(Entity.project_id == project_id, Entity.entity_type_id == entity_type.id)
    if episode:
        query = query.where(Entity.parent_id == parse_id(episode))
    return list(ctx.session.execute(query.order_by(Entity.name)))


def _status(ctx: Ctx, is_concept: bool) -> Any:
    from reeltrack.models import TaskStatus

    return ctx.session.get(TaskStatus, default_task_status_id(ctx, is_concept))


@functools.cache
def _blank_row() -> dict[str, Any]:
    """Every task column, None but for Zou's creation defaults."""
    from reeltrack.models import Task

    row: dict[str, Any] = dict.fromkeys(column_keys(Task))
    row.update(_DEFAULTS)
    return row


def _new_row(ctx: Ctx, entity: Any, task_type_id: Any, status_id: Any, now: Any) -> dict:
    row = dict(_blank_row())
    row.update(
        id=uuid.uuid4(),
        created_at=now,
        updated_at=now,
        project_id=entity[1],
        entity_id=entity[0],
        task_type_id=task_type_id,
        task_status_id=status_id,
        assigner_id=ctx.actor.person_id,
    )
    return row


def _output(row: dict[str, Any], task_type: Any, status: Any) -> dict[str, Any]:
    """Zou's creation answer: the task, empty assignees, status and type names."""
    data = {**row, "type": "Task", "assignees": []}
    data.update(
        task_status_id=status.id,
        task_status_name=status.name,
        task_status_short_name=status.short_name,
        task_status_color=status.color,
        task_type_id=task_type.id,
        task_type_name=task_type.name,
        task_type_color=task_type.color,
        task_type_priority=task_type.priority,
    )
    return data


def _insert(ctx: Ctx, pairs: list[tuple[dict[str, Any], Any]], status: Any) -> list[dict]:
    """One INSERT for every new row, a `task:new` event per task, the answer rows."""
    from reeltrack.models import Task

    if not pairs:
        return []
    ctx.session.execute(insert(Task.__table__), [row for row, _ in pairs])  # type: ignore[arg-type]
    for row, _ in pairs:
        ctx.uow.emit("task:new", {"task_id": row["id"]}, row["project_id"])
    return [_output(row, task_type, status) for row, task_type in pairs]


def create_tasks(ctx: Ctx, task_type: Any, entities: list[Any]) -> list[dict[str, Any]]:
    """A `main` task of the type on each entity that has no task of that type yet."""
    from reeltrack.models import Task

    if not entities:
        return []
    project_ids = {entity[1] for entity in entities}
    existing = set(
        ctx.session.scalars(
            select(Task.entity_id).where(
                Task.task_type_id == task_type.id, Task.project_id.in_(project_ids)
            )
        )
    )
    status = _status(ctx, entities[0][3] == "Concept")
    now = utcnow()
    pairs = []
    for entity in entities:
        if entity[0] not in existing:
            existing.add(entity[0])
            pairs.append((_new_row(ctx, entity, task_type.id, status.id, now), task_type))
    return _insert(ctx, pairs, status)


# ---------------------------------------------------------------- one entity, many types


def _enabled_types(ctx: Ctx, entity: Any, is_asset: bool) -> tuple[set[Any], set[Any] | None]:
    """Task types of the project; the asset type's workflow (None when unrestricted)."""
    from reeltrack.models import ProjectTaskTypeLink, task_type_asset_type_link

    in_project = set(
        ctx.session.scalars(
            select(ProjectTaskTypeLink.task_type_id).where(
                ProjectTaskTypeLink.project_id == entity.project_id
            )
        )
    )
    if not is_asset:
        return in_project, None
    link = task_type_asset_type_link.c
    workflow = set(
        ctx.session.scalars(
            select(link.task_type_id).where(link.asset_type_id == entity.entity_type_id)
        )
    )
    return in_project, workflow or None


def _check_types(task_types: list[Any], kind: str, project: set, workflow: set | None, entity: Any):
    for task_type in task_types:
        expected = task_type.for_entity
        if expected and expected != kind:
            raise WrongParameter(
                f"Task type {task_type.id} is for {expected} entities, got {kind}."
            )
        if task_type.id not in project:
            raise WrongParameter(
                f"Task type {task_type.id} is not enabled in project {entity.project_id}."
            )
        if workflow is not None and task_type.id not in workflow:
            raise WrongParameter(
                f"Task type {task_type.id} is not in the workflow of "
                f"asset type {entity.entity_type_id}."
            )


def _default_types(ctx: Ctx, kind: str, project: set, workflow: set | None) -> list[Any]:
    from reeltrack.models import TaskType

    candidates = project & workflow if workflow is not None else project
    if not candidates:
        return []
    rows = ctx.session.scalars(select(TaskType).where(TaskType.id.in_(candidates)))
    return [row for row in rows if not row.for_entity or row.for_entity == kind]


def create_tasks_for_entity(ctx: Ctx, entity: Any, type_ids: list[Any]) -> list[dict[str, Any]]:
    """Tasks of the given types (default: every type valid for it) on one entity."""
    from reeltrack.models import EntityType, Task, TaskType

    task_types = [get_row(ctx.session, TaskType, type_id) for type_id in type_ids]
    entity_type = ctx.session.get(EntityType, entity.entity_type_id)
    kind = base_name(entity_type.name if entity_type else None)
    in_project, workflow = _enabled_types(ctx, entity, kind == "Asset")
    if task_types:
        _check_types(task_types, kind, in_project, workflow, entity)
    else:
        task_types = _default_types(ctx, kind, in_project, workflow)
    if not task_types:
        return []
    existing = set(
        ctx.session.scalars(
            select(Task.task_type_id).where(
                Task.entity_id == entity.id,
                Task.task_type_id.in_([t.id for t in task_types]),
                Task.name == "main",
            )
        )
    )
    status = _status(ctx, kind == "Concept")
    now = utcnow()
    target = (entity.id, entity.project_id, entity.entity_type_id, kind)
    pairs = []
    for task_type in task_types:
        if task_type.id not in existing:
            existing.add(task_type.id)
            pairs.append((_new_row(ctx, target, task_type.id, status.id, now), task_type))
    return _insert(ctx, pairs, status)
