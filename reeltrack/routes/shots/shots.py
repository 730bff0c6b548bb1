"""Shots: listings, detail, update, removal, tasks, previews and versions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from reeltrack.auth.deps import CtxDep
from reeltrack.routes import entity_bodies as bodies
from reeltrack.services import shot_access as access
from reeltrack.services import shot_listing, shot_writes
from reeltrack.services.shot_detail import full_entity
from reeltrack.services.shot_params import flag
from reeltrack.services.shot_schemas import NewShot, ShotUpdate
from reeltrack.wire.body import JsonBody, validate_body
from reeltrack.wire.errors import WrongParameter

router = APIRouter()


@router.get("/data/shots")
@router.get("/data/shots/all")
def all_shots(ctx: CtxDep, request: Request) -> list[dict[str, Any]]:
    return shot_listing.all_shots(ctx.session, ctx.actor, request.query_params)


@router.get("/data/shots/{shot_id}")
def get_shot(ctx: CtxDep, shot_id: str) -> dict[str, Any]:
    shot = access.readable_entity(ctx.session, ctx.actor, shot_id, "Shot")
    return full_entity(ctx.session, ctx.actor, shot, "Shot")


@router.put("/data/shots/{shot_id}")
def update_shot(ctx: CtxDep, shot_id: str, payload: JsonBody) -> dict[str, Any]:
    shot = access.typed_entity(ctx.session, shot_id, "Shot")
    access.check_manager(ctx.actor, shot.project_id)
    if not isinstance(payload, dict):
        raise WrongParameter("Validation error.")
    validate_body(ShotUpdate, payload)
    return shot_writes.update_shot(ctx, shot, dict(payload))


@router.delete("/data/shots/{shot_id}", status_code=204)
def delete_shot(ctx: CtxDep, shot_id: str, request: Request) -> Response:
    return bodies.remove(ctx, shot_id, "Shot", flag(request.query_params, "force"))


@router.get("/data/shots/{shot_id}/task-types")
def shot_task_types(ctx: CtxDep, shot_id: str) -> list[dict[str, Any]]:
    return bodies.task_types(ctx, shot_id, "Shot")


@router.get("/data/shots/{shot_id}/tasks")
def get_shot_tasks(ctx: CtxDep, shot_id: str, request: Request) -> list[dict[str, Any]]:
    return bodies.tasks(ctx, shot_id, "Shot", flag(request.query_params, "relations"))


@router.get("/data/shots/{shot_id}/preview-files")
def shot_preview_files(ctx: CtxDep, shot_id: str) -> dict[str, Any]:
    return bodies.previews(ctx, shot_id, "Shot")


@router.get("/data/shots/{shot_id}/versions")
def shot_versions(ctx: CtxDep, shot_id: str) -> list[dict[str, Any]]:
    return bodies.versions(ctx, shot_id, "Shot")


@router.get("/data/projects/{project_id}/shots")
def project_shots(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    return bodies.project_entities(ctx, project_id, "Shot")


@router.post("/data/projects/{project_id}/shots", status_code=201)
def create_shot(ctx: CtxDep, project_id: str, payload: JsonBody) -> dict[str, Any]:
    return bodies.create_in_project(ctx, project_id, payload, NewShot, shot_writes.create_shot)
