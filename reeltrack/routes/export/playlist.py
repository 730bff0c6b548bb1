"""CSV export of a playlist."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from reeltrack.auth.deps import CtxDep
from reeltrack.crud.hooks.reviews_access import check_project_access
from reeltrack.routes.export.response import csv_attachment
from reeltrack.services.csv_export import person_timezone
from reeltrack.services.csv_export_playlist import playlist_rows
from reeltrack.services.entity_access import project_row
from reeltrack.services.playlists import playlist_row
from reeltrack.wire.errors import Forbidden

router = APIRouter()


@router.get("/export/csv/playlists/{playlist_id}")
def playlist_csv(ctx: CtxDep, playlist_id: str) -> Response:
    if ctx.actor.is_vendor:
        raise Forbidden()
    playlist = playlist_row(ctx, playlist_id)
    role = check_project_access(ctx, playlist.project_id)
    allowed = role in ("admin", "manager", "supervisor") or (
        role == "client" and bool(playlist.for_client)
    )
    if not allowed:
        raise Forbidden()
    project = project_row(ctx.session, playlist.project_id)
    timezone = person_timezone(ctx.session, ctx.actor.person_id)
    rows = playlist_rows(ctx.session, playlist, project, timezone)
    name = f"{project.name} playlist {playlist.name}"
    return csv_attachment(rows, name, exact_type=True)
