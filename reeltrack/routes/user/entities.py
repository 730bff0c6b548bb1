"""Entities, tasks and task types of the caller's assignments."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from reeltrack.auth.deps import Ctx, CtxDep
from reeltrack.services import user_entities as ue

router = APIRouter()


def _tasks(ctx: Ctx, entity_id: str, kind: str) -> list[dict[str, Any]]:
    entity = ue.entity_of_type(ctx.session, entity_id, kind)
    return ue.tasks_for_entity(ctx.session, ctx.actor, entity.id)


def _task_types(ctx: Ctx, entity_id: str, kind: str) -> list[dict[str, Any]]:
    entity = ue.entity_of_type(ctx.session, entity_id, kind)
    return ue.task_types_for_entity(ctx.session, ctx.actor, entity.id)


@router.get("/data/user/assets/{asset_id}/tasks")
def asset_tasks(ctx: CtxDep, asset_id: str) -> list[dict[str, Any]]:
    return _tasks(ctx, asset_id, "Asset")


@router.get("/data/user/assets/{asset_id}/task-types")
def asset_task_types(ctx: CtxDep, asset_id: str) -> list[dict[str, Any]]:
    return _task_types(ctx, asset_id, "Asset")


@router.get("/data/user/shots/{shot_id}/tasks")
def shot_tasks(ctx: CtxDep, shot_id: str) -> list[dict[str, Any]]:
    return _tasks(ctx, shot_id, "Shot")


@router.get("/data/user/shots/{shot_id}/task-types")
def shot_task_types(ctx: CtxDep, shot_id: str) -> list[dict[str, Any]]:
    return _task_types(ctx, shot_id, "Shot")


@router.get("/data/user/scenes/{scene_id}/tasks")
def scene_tasks(ctx: CtxDep, scene_id: str) -> list[dict[str, Any]]:
    return _tasks(ctx, scene_id, "Scene")


@router.get("/data/user/scenes/{scene_id}/task-types")
def scene_task_types(ctx: CtxDep, scene_id: str) -> list[dict[str, Any]]:
    return _task_types(ctx, scene_id, "Scene")


@router.get("/data/user/sequences/{sequence_id}/tasks")
def sequence_tasks(ctx: CtxDep, sequence_id: str) -> list[dict[str, Any]]:
    return _tasks(ctx, sequence_id, "Sequence")


@router.get("/data/user/sequences/{sequence_id}/task-types")
def sequence_task_types(ctx: CtxDep, sequence_id: str) -> list[dict[str, Any]]:
    return _task_types(ctx, sequence_id, "Sequence")


@router.get("/data/user/projects/{project_id}/asset-types")
def project_asset_types(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    parsed = ue.project(ctx.session, project_id)
    return ue.asset_types_for_project(ctx.session, ctx.actor, parsed)


@router.get("/data/user/projects/{project_id}/asset-types/{asset_type_id}/assets")
def asset_type_assets(ctx: CtxDep, project_id: str, asset_type_id: str) -> list[dict[str, Any]]:
    parsed = ue.project(ctx.session, project_id)
    kind = ue.asset_type(ctx.session, asset_type_id)
    return ue.assets_of_type(ctx.session, ctx.actor, parsed, kind)


@router.get("/data/user/projects/{project_id}/sequences")
def project_sequences(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    parsed = ue.project(ctx.session, project_id)
    return ue.sequences_for_project(ctx.session, ctx.actor, parsed)


@router.get("/data/user/projects/{project_id}/episodes")
def project_episodes(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    parsed = ue.project(ctx.session, project_id)
    return ue.episodes_for_project(ctx.session, ctx.actor, parsed)


@router.get("/data/user/sequences/{sequence_id}/shots")
def sequence_shots(ctx: CtxDep, sequence_id: str) -> list[dict[str, Any]]:
    sequence = ue.entity_of_type(ctx.session, sequence_id, "Sequence")
    return ue.children_of_sequence(ctx.session, ctx.actor, sequence.id, "Shot")


@router.get("/data/user/sequences/{sequence_id}/scenes")
def sequence_scenes(ctx: CtxDep, sequence_id: str) -> list[dict[str, Any]]:
    sequence = ue.entity_of_type(ctx.session, sequence_id, "Sequence")
    return ue.children_of_sequence(ctx.session, ctx.actor, sequence.id, "Scene")


@router.get("/data/user/projects/open")
def open_projects(ctx: CtxDep, request: Request) -> list[dict[str, Any]]:
    name = request.query_params.get("name") or None
    return ue.open_projects(ctx.session, ctx.actor, name)
