"""Project-wide shot figures: episode stats, retake stats, quotas, lengths from previews."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from reeltrack.auth.deps import Ctx, CtxDep
from reeltrack.crud.values import parse_uuid, uuid_arg
from reeltrack.services import episode_stats, shot_previews, shot_quotas
from reeltrack.services import shot_access as access
from reeltrack.services.quotas import BAD_COUNT_MODE, COUNT_MODES
from reeltrack.wire.body import ArgsBody
from reeltrack.wire.errors import Forbidden, WrongParameter

router = APIRouter()


@router.get("/data/projects/{project_id}/episodes/stats")
def project_episode_stats(ctx: CtxDep, project_id: str) -> dict[str, Any]:
    project = access.load_project(ctx.session, project_id)
    access.check_project_access(ctx.actor, project.id)
    if access.is_client(ctx.actor, project.id) and project.is_client_stats_visible is False:
        raise Forbidden()
    mine = access.is_vendor(ctx.actor, project.id)
    return episode_stats.episode_stats(ctx.session, ctx.actor, project.id, mine)


@router.get("/data/projects/{project_id}/episodes/retake-stats")
def project_retake_stats(ctx: CtxDep, project_id: str) -> dict[str, Any]:
    project = access.load_project(ctx.session, project_id)
    access.check_project_access(ctx.actor, project.id)
    access.block_client(ctx.actor, project.id)
    mine = access.is_vendor(ctx.actor, project.id)
    return episode_stats.retake_stats(ctx.session, ctx.actor, project.id, mine)


def _options(ctx: Ctx, request: Request) -> dict[str, Any]:
    from reeltrack.models import Person

    params = request.query_params
    mode = params.get("count_mode") or "weighted"
    if mode not in COUNT_MODES:
        raise WrongParameter(BAD_COUNT_MODE)
    studio = params.get("studio_id")
    studio_id = uuid_arg(studio or None, f"Invalid UUID value: {studio}")
    caller = ctx.session.get(Person, ctx.actor.person_id)
    return {
        "weighted": "weighted" in mode,
        "feedback": "done" not in mode,
        "studio_id": studio_id,
        "timezone": caller.timezone if caller is not None else None,
    }


def _quotas(ctx: Ctx, project: Any, options: dict[str, Any]) -> dict[str, Any]:
    if options["weighted"]:
        return shot_quotas.weighted_quotas(ctx.session, project, options)
    return shot_quotas.raw_quotas(ctx.session, project, options)


@router.get("/data/projects/{project_id}/quotas/persons/{person_id}")
def person_quotas(ctx: CtxDep, project_id: str, person_id: str, request: Request) -> dict:
    project = access.load_project(ctx.session, project_id)
    person = access.parse_id(person_id)
    actor = ctx.actor
    access.block_client(actor, project.id)
    access.check_project_access(actor, project.id)
    lead = actor.role_in(project.id) in ("admin", "manager", "supervisor")
    if not (lead or actor.person_id == person):
        raise Forbidden()
    options = {**_options(ctx, request), "person_id": person}
    return _quotas(ctx, project, options)


@router.get("/data/projects/{project_id}/quotas/{task_type_id}")
def task_type_quotas(ctx: CtxDep, project_id: str, task_type_id: str, request: Request) -> dict:
    project = access.load_project(ctx.session, project_id)
    task_type = access.parse_id(task_type_id)
    access.check_project_access(ctx.actor, project.id)
    access.block_client(ctx.actor, project.id)
    options = {**_options(ctx, request), "task_type_id": task_type}
    return _quotas(ctx, project, options)


@router.post("/actions/projects/{project_id}/task-types/{task_type_id}/set-shot-nb-frames")
def set_shot_nb_frames(
    ctx: CtxDep, project_id: str, task_type_id: str, request: Request, payload: ArgsBody
) -> list[dict[str, Any]]:
    project_uuid, task_type = parse_uuid(project_id), parse_uuid(task_type_id)
    if project_uuid is None or task_type is None:
        raise WrongParameter("Invalid project or task type id")
    access.check_manager(ctx.actor, project_uuid)
    raw = request.query_params.get("episode_id")
    if raw is None and isinstance(payload, dict):
        raw = payload.get("episode_id")
    episode_id = parse_uuid(raw) if raw else None
    if raw and episode_id is None:
        raise WrongParameter("Invalid episode id")
    project = access.load_project(ctx.session, project_uuid)
    return shot_previews.set_frames_from_previews(ctx.session, project, task_type, episode_id)
