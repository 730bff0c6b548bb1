"""The caller's to-do list, done list and login context."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from reeltrack.auth.deps import CtxDep
from reeltrack.services import user_todos
from reeltrack.wire.present import JSONResponse

router = APIRouter()


# The rows hold only JSON-ready values: orjson encodes them without a pydantic pass.
@router.get("/data/user/tasks")
def get_todos(ctx: CtxDep) -> Response:
    return JSONResponse(user_todos.todos(ctx.session, ctx.actor))


@router.get("/data/user/done-tasks")
def get_done_tasks(ctx: CtxDep) -> Response:
    return JSONResponse(user_todos.done_tasks(ctx.session, ctx.actor))


@router.get("/data/user/context")
def get_context(ctx: CtxDep) -> dict[str, Any]:
    from reeltrack.services import user_context

    return user_context.context(ctx.session, ctx.actor, ctx.runtime.settings.user_limit)


@router.get("/data/user/tasks-to-check")
def get_tasks_to_check(ctx: CtxDep, request: Request) -> Any:
    from reeltrack.services import user_checks

    raw = {key: request.query_params.get(key) for key in user_checks.ARGS}
    args = user_checks.parse_args(raw)
    return user_checks.tasks_to_check(ctx.session, ctx.actor, args)


@router.get("/data/user/tasks-to-check/filter-values")
def get_tasks_to_check_filter_values(ctx: CtxDep) -> dict[str, list[str]]:
    from reeltrack.services import user_checks

    return user_checks.filter_values(ctx.session, ctx.actor)
