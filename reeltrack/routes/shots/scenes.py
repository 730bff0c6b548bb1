"""Scenes: listings, detail, removal, their shots, tasks and task types."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from reeltrack.auth.deps import CtxDep
from reeltrack.routes import entity_bodies as bodies
from reeltrack.services import shot_access as access
from reeltrack.services import shot_listing, shot_writes
from reeltrack.services.shot_detail import named_entity
from reeltrack.services.shot_schemas import NewScene, ShotToScene
from reeltrack.wire.body import JsonBody, validate_body

router = APIRouter()


@router.get("/data/scenes/all")
def all_scenes(ctx: CtxDep, request: Request) -> list[dict[str, Any]]:
    return shot_listing.all_scenes(ctx.session, ctx.actor, request.query_params)


@router.get("/data/scenes/{scene_id}")
def get_scene(ctx: CtxDep, scene_id: str) -> dict[str, Any]:
    scene = access.readable_entity(ctx.session, ctx.actor, scene_id, "Scene")
    return named_entity(ctx.session, scene, "Scene")


@router.delete("/data/scenes/{scene_id}", status_code=204)
def delete_scene(ctx: CtxDep, scene_id: str) -> Response:
    return bodies.remove(ctx, scene_id, "Scene", False)


@router.get("/data/scenes/{scene_id}/shots")
def scene_shots(ctx: CtxDep, scene_id: str) -> list[dict[str, Any]]:
    scene = access.readable_entity(ctx.session, ctx.actor, scene_id, "Scene")
    return shot_listing.scene_shots(ctx.session, ctx.actor, scene)


@router.post("/data/scenes/{scene_id}/shots", status_code=201)
def add_shot_to_scene(ctx: CtxDep, scene_id: str, payload: JsonBody) -> dict[str, Any]:
    body = validate_body(ShotToScene, payload)
    scene = access.typed_entity(ctx.session, scene_id, "Scene")
    access.check_manager(ctx.actor, scene.project_id)
    shot = access.typed_entity(ctx.session, body.shot_id, "Shot")
    return shot_writes.link_scene(ctx, scene, shot, attach=True)


@router.delete("/data/scenes/{scene_id}/shots/{shot_id}", status_code=204)
def remove_shot_from_scene(ctx: CtxDep, scene_id: str, shot_id: str) -> Response:
    scene = access.typed_entity(ctx.session, scene_id, "Scene")
    access.check_manager(ctx.actor, scene.project_id)
    shot = access.typed_entity(ctx.session, shot_id, "Shot")
    shot_writes.link_scene(ctx, scene, shot, attach=False)
    return Response(status_code=204)


@router.get("/data/scenes/{scene_id}/tasks")
def scene_tasks(ctx: CtxDep, scene_id: str) -> list[dict[str, Any]]:
    return bodies.tasks(ctx, scene_id, "Scene", False)


@router.get("/data/scenes/{scene_id}/task-types")
def scene_task_types(ctx: CtxDep, scene_id: str) -> list[dict[str, Any]]:
    return bodies.task_types(ctx, scene_id, "Scene")


@router.get("/data/projects/{project_id}/scenes")
def project_scenes(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    return bodies.project_entities(ctx, project_id, "Scene")


@router.post("/data/projects/{project_id}/scenes", status_code=201)
def create_scene(ctx: CtxDep, project_id: str, payload: JsonBody) -> dict[str, Any]:
    return bodies.create_in_project(ctx, project_id, payload, NewScene, shot_writes.create_scene)
