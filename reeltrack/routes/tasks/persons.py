"""A person's tasks, related tasks and the team's task dates; open tasks of the studio."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from reeltrack.auth.deps import CtxDep
from reeltrack.services import task_open, task_persons

router = APIRouter()


@router.get("/data/persons/{person_id}/tasks")
def get_person_tasks(ctx: CtxDep, person_id: str) -> list[dict[str, Any]]:
    return task_persons.person_tasks(ctx.session, ctx.actor, person_id, is_done=False)


@router.get("/data/persons/{person_id}/done-tasks")
def get_person_done_tasks(ctx: CtxDep, person_id: str) -> list[dict[str, Any]]:
    return task_persons.person_tasks(ctx.session, ctx.actor, person_id, is_done=True)


@router.get("/data/persons/{person_id}/related-tasks/{task_type_id}")
def get_person_related_tasks(
    ctx: CtxDep, person_id: str, task_type_id: str
) -> list[dict[str, Any]]:
    return task_persons.related_tasks(ctx.session, ctx.actor, person_id, task_type_id)


@router.get("/data/persons/task-dates")
def get_tasks_dates(ctx: CtxDep, request: Request) -> list[dict[str, Any]]:
    return task_persons.tasks_dates(ctx.session, ctx.actor, request.query_params.get("project_id"))


@router.get("/data/tasks/open-tasks")
def get_open_tasks(ctx: CtxDep, request: Request) -> dict[str, Any]:
    filters = task_open.parse_filters(request.query_params)
    page, limit = task_open.page_args(request.query_params)
    return task_open.open_tasks(ctx.session, ctx.actor, filters, page, limit)


@router.get("/data/tasks/open-tasks/stats")
def get_open_tasks_stats(ctx: CtxDep) -> dict[str, Any]:
    return task_open.open_tasks_stats(ctx.session, ctx.actor)


@router.get("/data/tasks/open-tasks/burndown")
def get_open_tasks_burndown(ctx: CtxDep, request: Request) -> dict[str, Any]:
    filters = task_open.parse_filters(request.query_params)
    return task_open.burndown(ctx.session, ctx.actor, filters)
