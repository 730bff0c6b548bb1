"""CSV exports of one project: assets, shots, edits and casting boards."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from reeltrack.auth.deps import Ctx, CtxDep
from reeltrack.crud.hooks.reviews_access import check_project_access
from reeltrack.crud.values import uuid_arg
from reeltrack.models import Project
from reeltrack.routes.export.response import csv_attachment
from reeltrack.services import csv_export_boards as boards
from reeltrack.services.csv_export_casting import casting
from reeltrack.services.entity_access import project_row
from reeltrack.wire.errors import Forbidden

router = APIRouter()
BOARD_ARGS = ("id", "episode_id", "assigned_to")


def _readable(ctx: Ctx, project_id: str) -> Project:
    """The project (404 first, as Zou), for its team members other than vendors."""
    project = project_row(ctx.session, project_id)
    if check_project_access(ctx, project.id) == "vendor":
        raise Forbidden()
    return project


def _args(request: Request) -> dict[str, Any]:
    return {key: request.query_params.get(key) for key in BOARD_ARGS}


@router.get("/export/csv/projects/{project_id}/assets.csv")
def assets_csv(ctx: CtxDep, project_id: str, request: Request) -> Response:
    project = _readable(ctx, project_id)
    scope = boards.board_scope(ctx.actor.person_id, project, _args(request))
    rows = boards.assets(ctx.session, project, scope)
    return csv_attachment(rows, f"{project.name} assets", exact_type=True)


@router.get("/export/csv/projects/{project_id}/shots.csv")
def shots_csv(ctx: CtxDep, project_id: str, request: Request) -> Response:
    project = _readable(ctx, project_id)
    scope = boards.board_scope(ctx.actor.person_id, project, _args(request))
    rows = boards.shots(ctx.session, project, scope)
    return csv_attachment(rows, f"{project.name} shots", exact_type=True)


@router.get("/export/csv/projects/{project_id}/edits.csv")
def edits_csv(ctx: CtxDep, project_id: str) -> Response:
    project = _readable(ctx, project_id)
    rows = boards.edits(ctx.session, project, ctx.actor.person_id)
    return csv_attachment(rows, f"{project.name} edits", exact_type=True)


@router.get("/export/csv/projects/{project_id}/casting.csv")
def casting_csv(ctx: CtxDep, project_id: str, request: Request) -> Response:
    project = _readable(ctx, project_id)
    episode_id = request.query_params.get("episode_id")
    if episode_id not in (None, "main", "all"):
        uuid_arg(episode_id, f"Invalid UUID format for episode_id: {episode_id}")
    shot_casting = (request.query_params.get("is_shot_casting") or "false").lower() == "true"
    rows = casting(ctx.session, project, episode_id, shot_casting)
    return csv_attachment(rows, f"{project.name} casting", exact_type=True)
