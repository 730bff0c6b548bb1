"""A production's schedule items, milestones, time spents and day offs."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from reeltrack.auth.deps import Ctx, CtxDep
from reeltrack.crud.hooks.reviews_access import effective_role
from reeltrack.routes.projects.access import managed_project, parse_id, readable_project
from reeltrack.services import entity_schedule
from reeltrack.services import project_schedule as service
from reeltrack.wire.errors import Forbidden

router = APIRouter()


def _readable_except(ctx: Ctx, project_id: str, blocked: tuple[str, ...]) -> Any:
    """The project, if the caller may read it and their role there is not blocked."""
    project = readable_project(ctx, project_id)
    if effective_role(ctx.actor, project.id) in blocked:
        raise Forbidden()
    return project


@router.get("/data/projects/{project_id}/schedule-items")
def list_schedule_items(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    project = _readable_except(ctx, project_id, ("client", "vendor"))
    return service.schedule_items(ctx.session, project.id)


@router.get("/data/projects/{project_id}/schedule-items/task-types")
def list_task_type_schedule_items(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    project = _readable_except(ctx, project_id, ("vendor",))
    items, created = service.task_type_schedule_items(ctx.session, project.id)
    for row in created:
        ctx.uow.emit("schedule-item:new", {"schedule_item_id": row.id}, project.id)
    return items


def _entity_items(
    ctx: Ctx, request: Request, project_id: str, task_type_id: str, kind: str
) -> list[dict[str, Any]]:
    project = _readable_except(ctx, project_id, ("vendor",))
    task_type = parse_id(task_type_id)
    raw_episode = request.query_params.get("episode")
    episode = parse_id(raw_episode) if raw_episode else None
    items, created = entity_schedule.entity_schedule_items(
        ctx.session, project.id, task_type, kind, episode
    )
    for row in created:
        ctx.uow.emit("schedule-item:new", {"schedule_item_id": row.id}, project.id)
    return items


@router.get("/data/projects/{project_id}/schedule-items/{task_type_id}/asset-types")
def list_asset_type_schedule_items(
    ctx: CtxDep, request: Request, project_id: str, task_type_id: str
) -> list[dict[str, Any]]:
    return _entity_items(ctx, request, project_id, task_type_id, "asset-types")


@router.get("/data/projects/{project_id}/schedule-items/{task_type_id}/episodes")
def list_episode_schedule_items(
    ctx: CtxDep, request: Request, project_id: str, task_type_id: str
) -> list[dict[str, Any]]:
    return _entity_items(ctx, request, project_id, task_type_id, "episodes")


@router.get("/data/projects/{project_id}/schedule-items/{task_type_id}/sequences")
def list_sequence_schedule_items(
    ctx: CtxDep, request: Request, project_id: str, task_type_id: str
) -> list[dict[str, Any]]:
    return _entity_items(ctx, request, project_id, task_type_id, "sequences")


@router.get("/data/projects/{project_id}/schedule-items/{task_type_id}/edits")
def list_edit_schedule_items(
    ctx: CtxDep, request: Request, project_id: str, task_type_id: str
) -> list[dict[str, Any]]:
    return _entity_items(ctx, request, project_id, task_type_id, "edits")


@router.get("/data/projects/{project_id}/milestones")
def list_milestones(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    project = _readable_except(ctx, project_id, ("client",))
    return service.milestones(ctx.session, project.id)


@router.get("/data/projects/{project_id}/time-spents")
def list_time_spents(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    project = _readable_except(ctx, project_id, ("client",))
    return service.time_spents(ctx.session, project.id)


@router.get("/data/projects/{project_id}/day-offs")
def list_day_offs(ctx: CtxDep, project_id: str, request: Request) -> dict[str, Any]:
    project = _readable_except(ctx, project_id, ("client", "vendor"))
    params = request.query_params
    start, end = service.parse_dates(params.get("start_date"), params.get("end_date"))
    full = effective_role(ctx.actor, project.id) in ("admin", "manager")
    return service.team_day_offs(ctx.session, project.id, start, end, full, ctx.actor.person_id)


@router.get("/data/projects/{project_id}/task-types/{task_type_id}/time-spents")
def list_task_type_time_spents(
    ctx: CtxDep, project_id: str, task_type_id: str, request: Request
) -> dict[str, Any]:
    project = managed_project(ctx, project_id)
    task_type = parse_id(task_type_id)
    params = request.query_params
    start, end = service.parse_dates(params.get("start_date"), params.get("end_date"))
    return service.task_type_time_spents(ctx.session, project.id, task_type, start, end)
