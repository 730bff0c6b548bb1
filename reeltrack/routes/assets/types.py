"""Asset types: all of them, one, and those a project uses."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from reeltrack.auth.deps import CtxDep
from reeltrack.services import asset_listing as listing
from reeltrack.services import entity_access as access

router = APIRouter()


@router.get("/data/asset-types")
def asset_types(ctx: CtxDep, request: Request) -> list[dict[str, Any]]:
    params = {k: v for k, v in request.query_params.items() if k != "page"}
    return listing.asset_types(ctx, params)


@router.get("/data/asset-types/{asset_type_id}")
def asset_type(ctx: CtxDep, asset_type_id: str) -> dict[str, Any]:
    return listing.asset_type(ctx, asset_type_id)


@router.get("/data/projects/{project_id}/asset-types")
def project_asset_types(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    access.check_project(ctx.session, ctx.actor, project_id)
    return listing.project_asset_types(ctx, access.parse_id(project_id))
