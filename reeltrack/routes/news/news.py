"""The news feed of the caller's open projects and of one project."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from reeltrack.auth.deps import CtxDep
from reeltrack.crud.hooks.reviews_access import check_project_access
from reeltrack.crud.values import parse_uuid
from reeltrack.services import news
from reeltrack.wire.errors import Forbidden, NotFound, WrongParameter

router = APIRouter()

ARGS = (*news.ID_ARGS, "only_preview", "page", "limit", "after", "before")


def _args(request: Request) -> dict[str, str | None]:
    return {key: request.query_params.get(key) for key in ARGS}


def _project(ctx: Any, project_id: str) -> Any:
    from reeltrack.models import Project

    parsed = parse_uuid(project_id)
    if parsed is None:
        raise WrongParameter("Malformed ID.")
    if ctx.session.get(Project, parsed) is None:
        raise NotFound("Project not found")
    return parsed


@router.get("/data/projects/news")
def all_news(ctx: CtxDep, request: Request) -> dict[str, Any]:
    filters, page, limit = news.parse_args(_args(request))
    open_ids = news.open_project_ids(ctx.session, ctx.actor)
    wanted = parse_uuid(request.query_params.get("project_id") or "")
    filters.project_ids = [wanted] if wanted in open_ids else open_ids
    return news.feed(ctx.session, filters, page, limit)


@router.get("/data/projects/{project_id}/news")
def project_news(ctx: CtxDep, project_id: str, request: Request) -> dict[str, Any]:
    parsed = _project(ctx, project_id)
    role = check_project_access(ctx, parsed)
    if role == "client":
        raise Forbidden()
    filters, page, limit = news.parse_args(_args(request))
    filters.project_ids = [parsed]
    return news.feed(ctx.session, filters, page, limit)


@router.get("/data/projects/{project_id}/news/{news_id}")
def project_single_news(ctx: CtxDep, project_id: str, news_id: str) -> dict[str, Any]:
    parsed = _project(ctx, project_id)
    news_uuid = parse_uuid(news_id)
    if news_uuid is None:
        raise WrongParameter("Malformed ID.")
    role = check_project_access(ctx, parsed)
    if role == "vendor":
        raise Forbidden()
    filters = news.NewsFilters(project_ids=[parsed])
    found = news.last_news(ctx.session, filters, news_id=news_uuid)["data"]
    if not found:
        raise NotFound("News not found")
    return found[0]
