"""The caller's saved search filters and filter groups."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import Field

from reeltrack.auth.deps import CtxDep
from reeltrack.services import user_filters
from reeltrack.wire.body import BodySchema, JsonBody, validate_body

router = APIRouter()


class CreateFilter(BodySchema):
    name: str = Field(..., min_length=1)
    query: str = Field(..., min_length=1)
    list_type: str = "todo"
    project_id: str | None = None
    entity_type: str | None = None
    is_shared: bool | None = False
    search_filter_group_id: str | None = None
    department_id: str | None = None


class UpdateFilter(BodySchema):
    name: str | None = None
    search_query: str | None = None
    search_filter_group_id: str | None = None
    is_shared: bool | None = None
    project_id: str | None = None
    department_id: str | None = None


class CreateFilterGroup(BodySchema):
    name: str = Field(..., min_length=1)
    color: str | None = ""
    list_type: str = "todo"
    project_id: str | None = None
    is_shared: bool | None = False
    entity_type: str | None = None
    department_id: str | None = None


class UpdateFilterGroup(BodySchema):
    name: str | None = None
    color: str | None = None
    is_shared: bool | None = None
    project_id: str | None = None
    department_id: str | None = None


@router.get("/data/user/filters")
def get_filters(ctx: CtxDep) -> dict[str, Any]:
    return user_filters.list_filters(ctx.session, ctx.actor)


@router.post("/data/user/filters", status_code=201)
def create_filter(ctx: CtxDep, payload: JsonBody) -> dict[str, Any]:
    body = validate_body(CreateFilter, payload)
    return user_filters.create_filter(ctx.session, ctx.actor, body.model_dump())


@router.put("/data/user/filters/{filter_id}")
def update_filter(ctx: CtxDep, filter_id: str, payload: JsonBody) -> dict[str, Any]:
    body = validate_body(UpdateFilter, payload)
    data = body.model_dump(exclude_none=True)
    if "search_filter_group_id" in body.model_fields_set:
        data["search_filter_group_id"] = body.search_filter_group_id
    return user_filters.update_filter(ctx.session, ctx.actor, filter_id, data)


@router.delete("/data/user/filters/{filter_id}", status_code=204)
def delete_filter(ctx: CtxDep, filter_id: str) -> Response:
    user_filters.remove_filter(ctx.session, ctx.actor, filter_id)
    return Response(status_code=204)


@router.get("/data/user/filter-groups")
def get_filter_groups(ctx: CtxDep) -> dict[str, Any]:
    return user_filters.list_filter_groups(ctx.session, ctx.actor)


@router.post("/data/user/filter-groups", status_code=201)
def create_filter_group(ctx: CtxDep, payload: JsonBody) -> dict[str, Any]:
    body = validate_body(CreateFilterGroup, payload)
    return user_filters.create_filter_group(ctx.session, ctx.actor, body.model_dump())


@router.get("/data/user/filter-groups/{filter_group_id}")
def get_filter_group(ctx: CtxDep, filter_group_id: str) -> dict[str, Any]:
    from reeltrack.models import SearchFilterGroup
    from reeltrack.wire.present import present

    row = user_filters.own_or_as_admin(ctx.session, ctx.actor, SearchFilterGroup, filter_group_id)
    return present(row)


@router.put("/data/user/filter-groups/{filter_group_id}")
def update_filter_group(ctx: CtxDep, filter_group_id: str, payload: JsonBody) -> dict[str, Any]:
    body = validate_body(UpdateFilterGroup, payload)
    data = body.model_dump(exclude_none=True)
    return user_filters.update_filter_group(ctx.session, ctx.actor, filter_group_id, data)


@router.delete("/data/user/filter-groups/{filter_group_id}", status_code=204)
def delete_filter_group(ctx: CtxDep, filter_group_id: str) -> Response:
    user_filters.remove_filter_group(ctx.session, ctx.actor, filter_group_id)
    return Response(status_code=204)
