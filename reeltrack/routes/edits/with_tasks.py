"""Edits with their tasks."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from reeltrack.auth.deps import CtxDep
from reeltrack.routes.assets.rows_output import answer, options
from reeltrack.services import entity_with_tasks as views
from reeltrack.services.entity_access import check_project
from reeltrack.services.with_tasks import make_scope

router = APIRouter()


@router.get("/data/edits/with-tasks")
def edits_with_tasks(ctx: CtxDep, request: Request) -> Response:
    params, _, _ = options(request)
    scope = make_scope(ctx.actor, params, ("id", "project_id", "episode_id"))
    if check_project(ctx.session, ctx.actor, scope.project_id) == "vendor":
        scope.assigned_to = scope.person_id
    return answer(views.edits_and_tasks(ctx.session, scope), False, False)
