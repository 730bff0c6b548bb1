"""Routes on any entity: deletion in bulk, preview files, time spents, concept links."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from reeltrack.auth.deps import CtxDep
from reeltrack.services import entity_access as access
from reeltrack.services import entity_reads, entity_removal
from reeltrack.wire.body import JsonBody
from reeltrack.wire.present import JSONResponse

router = APIRouter()


def _readable(ctx: CtxDep, entity_id: str) -> Any:
    entity = access.typed_entity(ctx.session, entity_id, None)
    access.check_entity(ctx.session, ctx.actor, entity)
    return entity


@router.post("/actions/projects/{project_id}/delete-entities")
def delete_entities(ctx: CtxDep, project_id: str, request: Request, body: JsonBody) -> list[str]:
    project = access.project_row(ctx.session, project_id)
    entity_ids = entity_removal.parse_ids(body)
    force = request.query_params.get("force", "").lower() in ("true", "1")
    return entity_removal.remove_many(ctx, project.id, entity_ids, force)


@router.get("/data/entities/{entity_id}/entities-linked/with-tasks")
def linked_with_tasks(ctx: CtxDep, entity_id: str) -> Response:
    entity = _readable(ctx, entity_id)
    return JSONResponse(entity_reads.linked_with_tasks(ctx.session, entity.id))


@router.get("/data/entities/{entity_id}/preview-files")
def preview_files(ctx: CtxDep, entity_id: str) -> Response:
    entity = _readable(ctx, entity_id)
    return JSONResponse(entity_reads.preview_files(ctx.session, entity.id))


@router.get("/data/entities/{entity_id}/time-spents")
def time_spents(ctx: CtxDep, entity_id: str) -> Response:
    entity = _readable(ctx, entity_id)
    return JSONResponse(entity_reads.time_spents(ctx.session, entity.id))
