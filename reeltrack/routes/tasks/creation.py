"""Creating tasks in bulk for a project's entities, and for one entity."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from reeltrack.auth.deps import Ctx, CtxDep
from reeltrack.services import task_common as common
from reeltrack.services import task_creation
from reeltrack.wire.body import BodySchema, JsonBody, validate_body
from reeltrack.wire.errors import Forbidden

router = APIRouter()
BASE = "/actions/projects/{project_id}/task-types/{task_type_id}"


class EntityTasksBody(BodySchema):
    task_type_ids: list[str] = []


def _task_type(ctx: Ctx, task_type_id: str) -> Any:
    from reeltrack.models import TaskType

    return common.get_row(ctx.session, TaskType, task_type_id)


def _create_for_kind(
    ctx: Ctx, request: Request, project_id: str, task_type_id: str, payload: Any, kind: str
) -> list[dict[str, Any]]:
    project = common.parse_id(project_id)
    if kind == "Concept":
        common.check_project_access(ctx.actor, project)
        if common.is_vendor_in(ctx.actor, project) or common.is_client_in(ctx.actor, project):
            raise Forbidden()
    else:
        common.check_manager_access(ctx.actor, project)
    task_type = _task_type(ctx, task_type_id)
    ids = task_creation.id_list(payload)
    entities = task_creation.select_entities(ctx, project, kind, ids, request.query_params)
    return task_creation.create_tasks(ctx, task_type, entities)


@router.post(f"{BASE}/assets/create-tasks", status_code=201)
def create_asset_tasks(
    ctx: CtxDep, request: Request, project_id: str, task_type_id: str, payload: JsonBody
) -> list[dict[str, Any]]:
    return _create_for_kind(ctx, request, project_id, task_type_id, payload, "Asset")


@router.post(f"{BASE}/shots/create-tasks", status_code=201)
def create_shot_tasks(
    ctx: CtxDep, request: Request, project_id: str, task_type_id: str, payload: JsonBody
) -> list[dict[str, Any]]:
    return _create_for_kind(ctx, request, project_id, task_type_id, payload, "Shot")


@router.post(f"{BASE}/edits/create-tasks", status_code=201)
def create_edit_tasks(
    ctx: CtxDep, request: Request, project_id: str, task_type_id: str, payload: JsonBody
) -> list[dict[str, Any]]:
    return _create_for_kind(ctx, request, project_id, task_type_id, payload, "Edit")


@router.post(f"{BASE}/concepts/create-tasks", status_code=201)
def create_concept_tasks(
    ctx: CtxDep, request: Request, project_id: str, task_type_id: str, payload: JsonBody
) -> list[dict[str, Any]]:
    return _create_for_kind(ctx, request, project_id, task_type_id, payload, "Concept")


@router.post(f"{BASE}/create-tasks/{{entity_type}}", status_code=201)
def create_entity_tasks(
    ctx: CtxDep,
    request: Request,
    project_id: str,
    task_type_id: str,
    entity_type: str,
    payload: JsonBody,
) -> list[dict[str, Any]]:
    project = common.parse_id(project_id)
    common.check_manager_access(ctx.actor, project)
    task_type = _task_type(ctx, task_type_id)
    ids = task_creation.id_list(payload)
    episode = request.query_params.get("episode_id")
    entities = task_creation.select_typed_entities(
        ctx, project, entity_type.capitalize(), ids, episode
    )
    return task_creation.create_tasks(ctx, task_type, entities)


@router.post("/data/entities/{entity_id}/tasks", status_code=201)
def create_tasks_for_entity(ctx: CtxDep, entity_id: str, payload: JsonBody) -> list[dict[str, Any]]:
    from reeltrack.models import Entity

    entity = common.get_row(ctx.session, Entity, entity_id)
    common.check_project_access(ctx.actor, entity.project_id)
    common.check_entity_access(ctx.actor, entity)
    if common.is_vendor_in(ctx.actor, entity.project_id) or common.is_client_in(
        ctx.actor, entity.project_id
    ):
        raise Forbidden()
    body = validate_body(EntityTasksBody, payload)
    return task_creation.create_tasks_for_entity(ctx, entity, body.task_type_ids)
