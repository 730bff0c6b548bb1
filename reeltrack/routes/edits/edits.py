"""Edits: listings, detail, removal, tasks, task types, previews and versions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from reeltrack.auth.deps import CtxDep
from reeltrack.routes import entity_bodies as bodies
from reeltrack.services import shot_access as access
from reeltrack.services import shot_listing, shot_tasks, shot_writes
from reeltrack.services.shot_detail import full_entity
from reeltrack.services.shot_params import flag
from reeltrack.services.shot_schemas import NewEdit
from reeltrack.wire.body import JsonBody

router = APIRouter()


@router.get("/data/edits")
@router.get("/data/edits/all")
def all_edits(ctx: CtxDep, request: Request) -> list[dict[str, Any]]:
    return shot_listing.all_edits(ctx.session, ctx.actor, request.query_params)


@router.get("/data/edits/{edit_id}")
def get_edit(ctx: CtxDep, edit_id: str) -> dict[str, Any]:
    edit = access.readable_entity(ctx.session, ctx.actor, edit_id, "Edit")
    return full_entity(ctx.session, ctx.actor, edit, "Edit")


@router.delete("/data/edits/{edit_id}", status_code=204)
def delete_edit(ctx: CtxDep, edit_id: str, request: Request) -> Response:
    return bodies.remove(ctx, edit_id, "Edit", flag(request.query_params, "force"))


@router.get("/data/edits/{edit_id}/task-types")
def edit_task_types(ctx: CtxDep, edit_id: str) -> list[dict[str, Any]]:
    return bodies.task_types(ctx, edit_id, "Edit")


@router.get("/data/edits/{edit_id}/tasks")
def edit_tasks(ctx: CtxDep, edit_id: str, request: Request) -> list[dict[str, Any]]:
    return bodies.tasks(ctx, edit_id, "Edit", flag(request.query_params, "relations"))


@router.get("/data/edits/{edit_id}/preview-files")
def edit_previews(ctx: CtxDep, edit_id: str) -> dict[str, Any]:
    return bodies.previews(ctx, edit_id, "Edit")


@router.get("/data/edits/{edit_id}/versions")
def edit_versions(ctx: CtxDep, edit_id: str) -> list[dict[str, Any]]:
    return bodies.versions(ctx, edit_id, "Edit")


@router.get("/data/episodes/{episode_id}/edits")
def episode_edits(ctx: CtxDep, episode_id: str, request: Request) -> list[dict[str, Any]]:
    episode = access.readable_entity(ctx.session, ctx.actor, episode_id, "Episode")
    relations = flag(request.query_params, "relations")
    return shot_listing.episode_edits(ctx.session, ctx.actor, episode, relations)


@router.get("/data/episodes/{episode_id}/edit-tasks")
def episode_edit_tasks(ctx: CtxDep, episode_id: str, request: Request) -> list[dict[str, Any]]:
    params = request.query_params
    return bodies.studio_list_below(
        ctx, episode_id, "Episode", params, shot_tasks.episode_edit_tasks
    )


@router.get("/data/projects/{project_id}/edits")
def project_edits(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    return bodies.project_entities(ctx, project_id, "Edit")


@router.post("/data/projects/{project_id}/edits", status_code=201)
def create_edit(ctx: CtxDep, project_id: str, payload: JsonBody) -> dict[str, Any]:
    return bodies.create_in_project(ctx, project_id, payload, NewEdit, shot_writes.create_edit)
