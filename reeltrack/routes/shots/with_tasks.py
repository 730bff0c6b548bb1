"""Shots, sequences, episodes and scenes with their tasks (the production boards)."""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import Response

from reeltrack.auth.deps import CtxDep
from reeltrack.routes.assets.rows_output import answer, board, options
from reeltrack.services import entity_with_tasks as views
from reeltrack.services.entity_access import check_project
from reeltrack.services.with_tasks import make_scope
from reeltrack.wire.errors import Forbidden

router = APIRouter()
SHOT_NAMES = ("shot_fields", views.SHOT_FIELDS, views.SHOT_TASK_FIELDS)


@router.get("/data/shots/with-tasks")
def shots_with_tasks(ctx: CtxDep, request: Request) -> Response:
    params, _, _ = options(request)
    scope = make_scope(ctx.actor, params, ("id", "project_id", "episode_id"))
    role = check_project(ctx.session, ctx.actor, scope.project_id)
    if role == "vendor":
        scope.assigned_to = scope.person_id
    rows = partial(views.shots_and_tasks, ctx.session, scope)
    return board(ctx, request, scope.project_id, rows, SHOT_NAMES)


def _entities(ctx: CtxDep, request: Request, kind: str) -> Response:
    params, _, _ = options(request)
    scope = make_scope(ctx.actor, params, ("project_id", "episode_id"))
    role = check_project(ctx.session, ctx.actor, scope.project_id)
    if role == "vendor":
        if kind == "Scene":
            raise Forbidden()
        scope.assigned_to = scope.person_id
    return answer(views.entities_and_tasks(ctx.session, kind, scope), False, False)


@router.get("/data/sequences/with-tasks")
def sequences_with_tasks(ctx: CtxDep, request: Request) -> Response:
    return _entities(ctx, request, "Sequence")


@router.get("/data/episodes/with-tasks")
def episodes_with_tasks(ctx: CtxDep, request: Request) -> Response:
    return _entities(ctx, request, "Episode")


@router.get("/data/scenes/with-tasks")
def scenes_with_tasks(ctx: CtxDep, request: Request) -> Response:
    return _entities(ctx, request, "Scene")
