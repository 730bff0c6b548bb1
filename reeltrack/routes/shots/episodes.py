"""Episodes: listings, detail, removal, their sequences, shots, edits, tasks and task types."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from reeltrack.auth.deps import CtxDep
from reeltrack.crud.values import parse_uuid
from reeltrack.routes import entity_bodies as bodies
from reeltrack.services import shot_access as access
from reeltrack.services import shot_listing, shot_tasks, shot_writes
from reeltrack.services.shot_detail import named_entity
from reeltrack.services.shot_params import flag
from reeltrack.services.shot_schemas import NewEpisode
from reeltrack.wire.body import JsonBody

router = APIRouter()


@router.get("/data/episodes")
def all_episodes(ctx: CtxDep, request: Request) -> list[dict[str, Any]]:
    return shot_listing.all_episodes(ctx.session, ctx.actor, request.query_params)


@router.get("/data/episodes/{episode_id}")
def get_episode(ctx: CtxDep, episode_id: str) -> dict[str, Any]:
    episode = access.readable_entity(ctx.session, ctx.actor, episode_id, "Episode")
    return named_entity(ctx.session, episode, "Episode")


@router.delete("/data/episodes/{episode_id}", status_code=204)
def delete_episode(ctx: CtxDep, episode_id: str, request: Request) -> Response:
    return bodies.remove(ctx, episode_id, "Episode", flag(request.query_params, "force"))


@router.get("/data/episodes/{episode_id}/shots")
def episode_shots(ctx: CtxDep, episode_id: str, request: Request) -> list[dict[str, Any]]:
    episode = access.readable_entity(ctx.session, ctx.actor, episode_id, "Episode")
    relations = flag(request.query_params, "relations")
    return shot_listing.episode_shots(ctx.session, ctx.actor, episode, relations)


@router.get("/data/episodes/{episode_id}/sequences")
def episode_sequences(ctx: CtxDep, episode_id: str, request: Request) -> list[dict[str, Any]]:
    if parse_uuid(episode_id) is None:
        return []  # Zou answers an empty list for a malformed episode id here
    episode = access.typed_entity(ctx.session, episode_id, "Episode")
    access.check_project_access(ctx.actor, episode.project_id)
    params = request.query_params
    return shot_listing.episode_sequences(ctx.session, ctx.actor, episode, params)


@router.get("/data/episodes/{episode_id}/tasks")
def episode_tasks(ctx: CtxDep, episode_id: str) -> list[dict[str, Any]]:
    return bodies.tasks(ctx, episode_id, "Episode", False, vendor_own=True)


@router.get("/data/episodes/{episode_id}/task-types")
def episode_task_types(ctx: CtxDep, episode_id: str) -> list[dict[str, Any]]:
    episode = access.readable_entity(ctx.session, ctx.actor, episode_id, "Episode")
    return shot_tasks.episode_task_types(ctx.session, episode)


@router.get("/data/episodes/{episode_id}/shot-tasks")
def episode_shot_tasks(ctx: CtxDep, episode_id: str, request: Request) -> list[dict[str, Any]]:
    params = request.query_params
    return bodies.studio_list_below(
        ctx, episode_id, "Episode", params, shot_tasks.episode_shot_tasks
    )


@router.get("/data/episodes/{episode_id}/asset-tasks")
def episode_asset_tasks(ctx: CtxDep, episode_id: str, request: Request) -> list[dict[str, Any]]:
    params = request.query_params
    return bodies.studio_list_below(
        ctx, episode_id, "Episode", params, shot_tasks.episode_asset_tasks
    )


@router.get("/data/projects/{project_id}/episodes")
def project_episodes(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    return bodies.project_entities(ctx, project_id, "Episode")


@router.post("/data/projects/{project_id}/episodes", status_code=201)
def create_episode(ctx: CtxDep, project_id: str, payload: JsonBody) -> dict[str, Any]:
    return bodies.create_in_project(
        ctx, project_id, payload, NewEpisode, shot_writes.create_episode
    )
