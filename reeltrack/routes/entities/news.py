"""The news of one entity (all its tasks' comments)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from reeltrack.auth.deps import CtxDep
from reeltrack.crud.hooks.reviews_access import check_entity_access, check_project_access
from reeltrack.crud.values import parse_uuid
from reeltrack.services import news
from reeltrack.wire.errors import NotFound, WrongParameter

router = APIRouter()

ENTITY_NEWS_LIMIT = 2000


@router.get("/data/entities/{entity_id}/news")
def entity_news(ctx: CtxDep, entity_id: str) -> dict[str, Any]:
    from reeltrack.models import Entity

    parsed = parse_uuid(entity_id)
    if parsed is None:
        raise WrongParameter("Malformed ID.")
    entity = ctx.session.get(Entity, parsed)
    if entity is None:
        raise NotFound("Entity not found")
    role = check_project_access(ctx, entity.project_id)
    check_entity_access(ctx, role, entity.id)
    filters = news.NewsFilters()
    return news.last_news(ctx.session, filters, limit=ENTITY_NEWS_LIMIT, entity_id=entity.id)
