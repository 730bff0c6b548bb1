"""The `crud` blueprint's link routes: task type/status links and their ordering."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter
from sqlalchemy import select

from reeltrack.auth.deps import Ctx, CtxDep
from reeltrack.crud.values import parse_uuid
from reeltrack.wire.body import ArgsBody, JsonBody
from reeltrack.wire.errors import Forbidden, NotFound, WrongParameter
from reeltrack.wire.present import present

router = APIRouter()


def _manager_of(ctx: Ctx, project_id: Any) -> uuid.UUID:
    """The project id, if the caller may manage that project (admin or its manager)."""
    from reeltrack.models import Project

    parsed = parse_uuid(project_id)
    if parsed is None:
        raise WrongParameter("Malformed ID.")
    if ctx.session.get(Project, parsed) is None:
        raise NotFound()
    actor = ctx.actor
    if not (actor.is_admin or actor.role_in(parsed) == "manager"):
        raise Forbidden()
    return parsed


def _required(payload: Any, key: str) -> Any:
    if not isinstance(payload, dict) or payload.get(key) in (None, ""):
        raise WrongParameter(f"Missing required parameter: {key}")
    return payload[key]


def _priority(payload: dict[str, Any]) -> int:
    value = payload.get("priority", 1)
    if isinstance(value, bool):
        raise WrongParameter("Wrong value for parameter priority.")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise WrongParameter("Wrong value for parameter priority.") from None


def _target(ctx: Ctx, payload: dict[str, Any], key: str, model: Any) -> uuid.UUID:
    parsed = parse_uuid(payload.get(key))
    if parsed is None:
        raise WrongParameter(f"{key} is required and must be a valid UUID")
    if ctx.session.get(model, parsed) is None:
        raise NotFound()
    return parsed


@router.post("/data/task-type-links", status_code=201)
def add_task_type_link(ctx: CtxDep, payload: ArgsBody) -> dict[str, Any]:
    from reeltrack.models import ProjectTaskTypeLink, TaskType

    project_id = _manager_of(ctx, _required(payload, "project_id"))
    _required(payload, "task_type_id")
    priority = _priority(payload)
    task_type_id = _target(ctx, payload, "task_type_id", TaskType)
    link = ctx.session.scalars(
        select(ProjectTaskTypeLink).where(
            ProjectTaskTypeLink.project_id == project_id,
            ProjectTaskTypeLink.task_type_id == task_type_id,
        )
    ).first()
    if link is None:
        link = ProjectTaskTypeLink(project_id=project_id, task_type_id=task_type_id)
        ctx.session.add(link)
    link.priority = priority
    ctx.session.flush()
    ctx.uow.emit("project:update", {"project_id": project_id}, project_id)
    return present(link)


@router.post("/data/task-status-links", status_code=201)
def add_task_status_link(ctx: CtxDep, payload: ArgsBody) -> dict[str, Any]:
    from reeltrack.models import ProjectTaskStatusLink, TaskStatus
    from reeltrack.models.person import ROLE_TYPES

    project_id = _manager_of(ctx, _required(payload, "project_id"))
    _required(payload, "task_status_id")
    priority = _priority(payload)
    roles = payload.get("roles_for_board", [])
    if isinstance(roles, str):
        roles = [roles]
    if not isinstance(roles, list) or any(r not in ROLE_TYPES for r in roles):
        raise WrongParameter("roles_for_board must be a list of roles.")
    task_status_id = _target(ctx, payload, "task_status_id", TaskStatus)
    link = ctx.session.scalars(
        select(ProjectTaskStatusLink).where(
            ProjectTaskStatusLink.project_id == project_id,
            ProjectTaskStatusLink.task_status_id == task_status_id,
        )
    ).first()
    if link is None:
        link = ProjectTaskStatusLink(project_id=project_id, task_status_id=task_status_id)
        ctx.session.add(link)
    link.priority = priority
    link.roles_for_board = roles
    ctx.session.flush()
    ctx.uow.emit("project:update", {"project_id": project_id}, project_id)
    return present(link)


def _ordered_ids(payload: Any, key: str) -> list[uuid.UUID]:
    message = f"Request body must be a JSON object with a '{key}' list."
    if not isinstance(payload, dict) or not isinstance(payload.get(key), list):
        raise WrongParameter(message)
    ids = [parse_uuid(value) for value in payload[key]]
    if any(value is None for value in ids):
        raise WrongParameter(message)
    return [value for value in ids if value is not None]


def _reorder(ctx: Ctx, model: Any, column: str, ids: list[uuid.UUID], project_id: Any) -> list:
    query = select(model).where(getattr(model, column).in_(ids))
    if project_id is not None:
        query = query.where(model.project_id == project_id)
    rows = {getattr(row, column): row for row in ctx.session.scalars(query)}
    updated = []
    for position, target in enumerate(ids, start=1):
        row = rows.get(target)
        if row is not None:
            row.priority = position
            updated.append(row)
    ctx.session.flush()
    return [present(row) for row in updated]


@router.post("/actions/projects/{project_id}/task-type-links/reorder")
def reorder_task_type_links(ctx: CtxDep, project_id: str, payload: JsonBody) -> list:
    from reeltrack.models import ProjectTaskTypeLink

    project = _manager_of(ctx, project_id)
    ids = _ordered_ids(payload, "task_type_ids")
    result = _reorder(ctx, ProjectTaskTypeLink, "task_type_id", ids, project)
    ctx.uow.emit("project:update", {"project_id": project}, project)
    return result


@router.post("/actions/projects/{project_id}/task-status-links/reorder")
def reorder_task_status_links(ctx: CtxDep, project_id: str, payload: JsonBody) -> list:
    from reeltrack.models import ProjectTaskStatusLink

    project = _manager_of(ctx, project_id)
    ids = _ordered_ids(payload, "task_status_ids")
    result = _reorder(ctx, ProjectTaskStatusLink, "task_status_id", ids, project)
    ctx.uow.emit("project:update", {"project_id": project}, project)
    return result


@router.post("/actions/task-types/reorder")
def reorder_task_types(ctx: CtxDep, payload: JsonBody) -> list:
    from reeltrack.models import TaskType

    if not ctx.actor.is_admin:
        raise Forbidden()
    ids = _ordered_ids(payload, "task_type_ids")
    return _reorder(ctx, TaskType, "id", ids, None)
