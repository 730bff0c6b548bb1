"""Playlists of a project or an episode, and one playlist with its previews."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from reeltrack.auth.deps import CtxDep
from reeltrack.crud.values import parse_uuid
from reeltrack.models import Project
from reeltrack.services import playlists
from reeltrack.services.entity_access import check_entity, parse_id, typed_entity
from reeltrack.services.playlist_access import check_read, check_reader
from reeltrack.services.shot_previews import previews_by_task_type
from reeltrack.wire.errors import Forbidden, NotFound
from reeltrack.wire.paging import int_arg

router = APIRouter()


@router.get("/data/projects/{project_id}/playlists")
def project_playlists(ctx: CtxDep, project_id: str, request: Request) -> list[dict[str, Any]]:
    parsed = parse_id(project_id)
    role = check_reader(ctx, parsed)
    args = request.query_params
    return playlists.project_playlists(
        ctx,
        parsed,
        for_client=role == "client",
        page=int_arg(args.get("page"), "page", -1),
        sort_by=args.get("sort_by"),
        task_type_id=playlists.text_id(args.get("task_type_id")),
    )


@router.get("/data/projects/{project_id}/playlists/all")
def all_project_playlists(ctx: CtxDep, project_id: str, request: Request) -> Any:
    if not ctx.actor.is_admin:
        raise Forbidden()
    parsed = parse_uuid(project_id)
    if parsed is None or ctx.session.get(Project, parsed) is None:
        raise NotFound("Project not found")
    page = int_arg(request.query_params.get("page"), "page", -1)
    return playlists.all_project_playlists(ctx, parsed, page)


@router.get("/data/projects/{project_id}/episodes/{episode_id}/playlists")
def episode_playlists(
    ctx: CtxDep, project_id: str, episode_id: str, request: Request
) -> list[dict[str, Any]]:
    parsed = parse_id(project_id)
    role = check_reader(ctx, parsed)
    args = request.query_params
    page = int_arg(args.get("page"), "page", -1)
    task_type_id = playlists.text_id(args.get("task_type_id"))
    episode: Any = episode_id
    if episode_id not in ("main", "all"):
        if parse_uuid(episode_id) is None:
            raise NotFound("Episode not found")
        try:
            episode = typed_entity(ctx.session, episode_id, "Episode").id
        except NotFound:
            raise NotFound("Episode not found") from None
    return playlists.episode_playlists(
        ctx,
        parsed,
        episode,
        for_client=role == "client",
        page=page,
        sort_by=args.get("sort_by"),
        task_type_id=task_type_id,
        for_entity=args.get("for_entity"),
    )


@router.get("/data/projects/{project_id}/playlists/{playlist_id}")
def project_playlist(ctx: CtxDep, project_id: str, playlist_id: str) -> dict[str, Any]:
    parsed = parse_id(project_id)
    role = check_reader(ctx, parsed)
    playlist = playlists.project_playlist(ctx, parsed, playlist_id)
    check_read(ctx, playlist, role)
    return playlists.playlist_detail(ctx, playlist, with_annotations=False)


@router.get("/data/playlists/entities/{entity_id}/preview-files")
def entity_previews(ctx: CtxDep, entity_id: str) -> dict[str, list[dict[str, Any]]]:
    if parse_uuid(entity_id) is None:
        raise NotFound("Entity not found")
    entity = typed_entity(ctx.session, entity_id, None)
    check_entity(ctx.session, ctx.actor, entity)
    return previews_by_task_type(ctx.session, entity.id)
