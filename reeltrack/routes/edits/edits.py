"""Edits: listings, detail, removal, tasks, task types, previews and versions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from reeltrack.auth.deps import CtxDep
from reeltrack.services import shot_access as access
from reeltrack.services import shot_listing, shot_previews, shot_tasks, shot_writes
from reeltrack.services.shot_detail import full_entity
from reeltrack.services.shot_params import flag
from reeltrack.services.shot_schemas import NewEdit
from reeltrack.wire.body import JsonBody, validate_body

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
    edit = access.typed_entity(ctx.session, edit_id, "Edit")
    shot_writes.remove(ctx, edit, "Edit", flag(request.query_params, "force"))
    return Response(status_code=204)


@router.get("/data/edits/{edit_id}/task-types")
def edit_task_types(ctx: CtxDep, edit_id: str) -> list[dict[str, Any]]:
    edit = access.readable_entity(ctx.session, ctx.actor, edit_id, "Edit")
    return shot_tasks.task_types_for(ctx.session, [edit.id])


@router.get("/data/edits/{edit_id}/tasks")
def edit_tasks(ctx: CtxDep, edit_id: str, request: Request) -> list[dict[str, Any]]:
    edit = access.readable_entity(ctx.session, ctx.actor, edit_id, "Edit")
    relations = flag(request.query_params, "relations")
    return shot_tasks.entity_tasks(ctx.session, ctx.actor, edit, relations)


@router.get("/data/edits/{edit_id}/preview-files")
def edit_previews(ctx: CtxDep, edit_id: str) -> dict[str, Any]:
    edit = access.readable_entity(ctx.session, ctx.actor, edit_id, "Edit")
    return shot_previews.previews_by_task_type(ctx.session, edit.id)


@router.get("/data/edits/{edit_id}/versions")
def edit_versions(ctx: CtxDep, edit_id: str) -> list[dict[str, Any]]:
    edit = access.readable_entity(ctx.session, ctx.actor, edit_id, "Edit")
    return shot_tasks.versions(ctx.session, edit, "Edit")


@router.get("/data/episodes/{episode_id}/edits")
def episode_edits(ctx: CtxDep, episode_id: str, request: Request) -> list[dict[str, Any]]:
    episode = access.readable_entity(ctx.session, ctx.actor, episode_id, "Episode")
    relations = flag(request.query_params, "relations")
    return shot_listing.episode_edits(ctx.session, ctx.actor, episode, relations)


@router.get("/data/episodes/{episode_id}/edit-tasks")
def episode_edit_tasks(ctx: CtxDep, episode_id: str, request: Request) -> list[dict[str, Any]]:
    episode = access.readable_entity(ctx.session, ctx.actor, episode_id, "Episode")
    access.block_vendor(ctx.actor, episode.project_id)
    relations = flag(request.query_params, "relations")
    return shot_tasks.episode_edit_tasks(ctx.session, ctx.actor, episode, relations)


@router.get("/data/projects/{project_id}/edits")
def project_edits(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    project = access.load_project(ctx.session, project_id)
    return shot_listing.project_entities(ctx.session, ctx.actor, project, "Edit")


@router.post("/data/projects/{project_id}/edits", status_code=201)
def create_edit(ctx: CtxDep, project_id: str, payload: JsonBody) -> dict[str, Any]:
    body = validate_body(NewEdit, payload)
    project = access.load_project(ctx.session, project_id)
    access.check_manager(ctx.actor, project.id)
    return shot_writes.create_edit(ctx, project, body)
