"""GET /data/assets/with-tasks: the asset board of Kitsu."""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import Response

from reeltrack.auth.deps import CtxDep
from reeltrack.routes.assets.rows_output import board, options
from reeltrack.services import entity_access as access
from reeltrack.services import entity_with_tasks as views
from reeltrack.services.with_tasks import make_scope

router = APIRouter()
ASSET_NAMES = ("asset_fields", views.ASSET_FIELDS, views.ASSET_TASK_FIELDS)


@router.get("/data/assets/with-tasks")
def assets_with_tasks(ctx: CtxDep, request: Request) -> Response:
    params, _, _ = options(request)
    scope = make_scope(ctx.actor, params, ("id", "project_id", "episode_id"))
    project_id = scope.project_id
    if project_id is None and scope.episode_id not in (None, "main", "all"):
        episode = access.typed_entity(ctx.session, scope.episode_id, "Episode")
        project_id = str(episode.project_id)
    if project_id is not None:
        access.check_project(ctx.session, ctx.actor, project_id)
    rows = partial(views.assets_and_tasks, ctx.session, scope)
    return board(ctx, request, scope.project_id, rows, ASSET_NAMES)
