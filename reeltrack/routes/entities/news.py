"""The news of one entity (all its tasks' comments)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from reeltrack.auth.deps import CtxDep
from reeltrack.crud.hooks.reviews_access import check_entity_access, check_project_access
from reeltrack.services import news
from reeltrack.services.task_common import get_row

router = APIRouter()

ENTITY_NEWS_LIMIT = 2000


@router.get("/data/entities/{entity_id}/news")
def entity_news(ctx: CtxDep, entity_id: str) -> dict[str, Any]:
    from reeltrack.models import Entity

    entity = get_row(ctx.session, Entity, entity_id, "Entity not found")
    role = check_project_access(ctx, entity.project_id)
    check_entity_access(ctx, role, entity.id)
    filters = news.NewsFilters()
    return news.last_news(ctx.session, filters, limit=ENTITY_NEWS_LIMIT, entity_id=entity.id)
