"""Build job records of playlists (reading only: no movie is built or served here)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from reeltrack.auth.deps import CtxDep
from reeltrack.crud.values import parse_uuid
from reeltrack.models import Project
from reeltrack.services import playlists
from reeltrack.wire.errors import Forbidden, NotFound

router = APIRouter()


@router.get("/data/projects/{project_id}/build-jobs")
def project_build_jobs(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    if not ctx.actor.is_admin:
        raise Forbidden()
    parsed = parse_uuid(project_id)
    if parsed is None or ctx.session.get(Project, parsed) is None:
        raise NotFound("Project not found")
    return playlists.project_build_jobs(ctx, parsed)


@router.get("/data/playlists/{playlist_id}/jobs/{build_job_id}")
def build_job(ctx: CtxDep, playlist_id: str, build_job_id: str) -> dict[str, Any]:
    if ctx.actor.is_vendor:
        raise Forbidden()
    playlist = playlists.playlist_row(ctx, playlist_id)
    playlists.check_playlist_access(ctx, playlist)
    return playlists.build_job_of(ctx, playlist, build_job_id)
