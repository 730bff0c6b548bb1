"""Search persons, assets and shots by name (answered from the database, see the service)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter
from pydantic import Field

from reeltrack.auth.deps import CtxDep
from reeltrack.services import search as search_service
from reeltrack.wire.body import ArgsBody, BodySchema, validate_body

router = APIRouter()


class SearchBody(BodySchema):
    query: str
    project_id: uuid.UUID | None = None
    limit: int = Field(3, ge=1)
    offset: int = Field(0, ge=0)
    index_names: list[str] = Field(default_factory=lambda: list(search_service.INDEX_NAMES))


@router.post("/data/search")
def search(ctx: CtxDep, payload: ArgsBody) -> dict[str, Any]:
    body = validate_body(SearchBody, payload)
    request = search_service.Search(
        query=body.query,
        limit=body.limit,
        offset=body.offset,
        index_names=body.index_names,
        project_id=body.project_id,
    )
    return search_service.search(ctx.session, ctx.actor, request)
