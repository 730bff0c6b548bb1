"""A production's casting links: the synchronisation list and removing one link."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from reeltrack.auth.deps import CtxDep
from reeltrack.models import EntityLink
from reeltrack.routes.breakdown import access
from reeltrack.routes.projects.access import parse_id
from reeltrack.services import breakdown_links, casting_update
from reeltrack.wire.errors import Forbidden, NotFound
from reeltrack.wire.paging import int_arg
from reeltrack.wire.present import present

router = APIRouter()


@router.get("/data/projects/{project_id}/entity-links")
def get_project_entity_links(ctx: CtxDep, project_id: str, request: Request) -> Any:
    project = access.casting_editor(ctx, project_id)
    page = int_arg(request.query_params.get("page"), "page", -1)
    limit = int_arg(request.query_params.get("limit"), "limit", 0)
    raw_cursor = request.query_params.get("cursor_created_at")
    cursor = None
    if raw_cursor is not None and page <= 0:
        cursor = breakdown_links.parse_cursor(raw_cursor)
    per_page = ctx.runtime.settings.nb_records_per_page
    return breakdown_links.project_links(ctx.session, project.id, page, limit, cursor, per_page)


@router.delete("/data/projects/{project_id}/entity-links/{entity_link_id}")
def delete_project_entity_link(ctx: CtxDep, project_id: str, entity_link_id: str) -> Any:
    project = access.casting_editor(ctx, project_id)
    link = ctx.session.get(EntityLink, parse_id(entity_link_id))
    if link is None:
        raise NotFound()
    holder = casting_update.load_holders(ctx.session, [link.entity_in_id])[link.entity_in_id]
    if holder.entity.project_id != project.id:
        raise Forbidden()
    data = present(link)
    casting_update.uncast_one(ctx.session, holder, link.entity_out_id, ctx.uow.emit, cascade=False)
    return data
