"""Task details, an entity's tasks of a type, previews and project-wide task lists."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from reeltrack.auth.deps import CtxDep
from reeltrack.services import task_reads as service
from reeltrack.wire.errors import WrongParameter

router = APIRouter()
MAX_INT = 2**31 - 1


def _int(request: Request, name: str, default: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = MAX_INT + 1
    if abs(value) > MAX_INT:
        raise WrongParameter(f"{name} must be an integer.")
    return value


def _limit(ctx: CtxDep, request: Request) -> int:
    limit = _int(request, "limit", 0) or ctx.runtime.settings.nb_records_per_page
    if limit < 1:
        raise WrongParameter("limit must be a positive integer.")
    return limit


@router.get("/data/tasks/{task_id}/full")
def get_full_task(ctx: CtxDep, task_id: str) -> dict[str, Any]:
    return service.full_task(ctx.session, ctx.actor, task_id)


@router.get("/data/tasks/{task_id}/previews")
def get_task_previews(ctx: CtxDep, task_id: str) -> list[dict[str, Any]]:
    return service.task_previews(ctx.session, ctx.actor, task_id)


@router.get("/data/entities/{entity_id}/task-types/{task_type_id}/tasks")
def get_entity_tasks(ctx: CtxDep, entity_id: str, task_type_id: str) -> list[dict[str, Any]]:
    return service.entity_tasks(ctx.session, ctx.actor, entity_id, task_type_id)


@router.get("/data/projects/{project_id}/tasks")
def get_project_tasks(ctx: CtxDep, request: Request, project_id: str) -> Any:
    params = {
        "page": _int(request, "page", -1),
        "task_type_id": request.query_params.get("task_type_id") or None,
        "episode_id": request.query_params.get("episode_id") or None,
    }
    return service.project_tasks(ctx.session, ctx.actor, project_id, params, _limit(ctx, request))


@router.get("/data/projects/{project_id}/notifications")
def get_project_notifications(ctx: CtxDep, request: Request, project_id: str) -> Any:
    page = _int(request, "page", -1)
    return service.project_notifications(
        ctx.session, ctx.actor, project_id, page, _limit(ctx, request)
    )


@router.get("/data/projects/{project_id}/preview-files")
def get_project_preview_files(ctx: CtxDep, request: Request, project_id: str) -> Any:
    page = _int(request, "page", -1)
    return service.project_preview_files(
        ctx.session, ctx.actor, project_id, page, _limit(ctx, request)
    )


@router.get("/data/projects/{project_id}/subscriptions")
def get_project_subscriptions(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    return service.project_subscriptions(ctx.session, ctx.actor, project_id)
