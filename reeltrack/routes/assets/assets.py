"""Assets: lists, one asset, its tasks and task types, creation, deletion, sharing."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from reeltrack.auth.deps import CtxDep
from reeltrack.services import asset_listing as listing
from reeltrack.services import asset_writes as writes
from reeltrack.services import entity_access as access
from reeltrack.services import entity_removal
from reeltrack.services.shot_params import flag
from reeltrack.wire.body import JsonBody, validate_body

router = APIRouter()


def _params(request: Request) -> dict[str, str]:
    return {k: v for k, v in request.query_params.items() if k != "page"}


def _readable_asset(ctx: CtxDep, asset_id: str) -> Any:
    asset = access.typed_entity(ctx.session, asset_id, "Asset")
    access.check_entity(ctx.session, ctx.actor, asset)
    return asset


@router.get("/data/assets")
def all_assets(ctx: CtxDep, request: Request) -> list[dict[str, Any]]:
    return listing.assets(ctx, _params(request), team_only=True)


@router.get("/data/assets/all")
def all_assets_too(ctx: CtxDep, request: Request) -> list[dict[str, Any]]:
    return listing.assets(ctx, _params(request), team_only=True)


@router.get("/data/projects/{project_id}/assets")
def project_assets(ctx: CtxDep, project_id: str, request: Request) -> list[dict[str, Any]]:
    params = {**_params(request), "project_id": project_id}
    access.check_project(ctx.session, ctx.actor, project_id)
    return listing.assets(ctx, params, team_only=False)


@router.get("/data/projects/{project_id}/asset-types/{asset_type_id}/assets")
def project_type_assets(
    ctx: CtxDep, project_id: str, asset_type_id: str, request: Request
) -> list[dict[str, Any]]:
    access.check_project(ctx.session, ctx.actor, project_id)
    access.parse_id(asset_type_id)
    params = {**_params(request), "project_id": project_id, "entity_type_id": asset_type_id}
    return listing.assets(ctx, params, team_only=False)


@router.get("/data/assets/{asset_id}")
def get_asset(ctx: CtxDep, asset_id: str) -> dict[str, Any]:
    return listing.full_asset(ctx, _readable_asset(ctx, asset_id))


@router.delete("/data/assets/{asset_id}", status_code=204)
def delete_asset(ctx: CtxDep, asset_id: str, request: Request) -> Response:
    force = flag(request.query_params, "force")
    entity_removal.remove_as_owner(ctx, asset_id, "Asset", force)
    return Response(status_code=204)


@router.get("/data/assets/{asset_id}/assets")
def asset_assets(ctx: CtxDep, asset_id: str) -> list[dict[str, Any]]:
    return listing.casting(ctx, _readable_asset(ctx, asset_id))


@router.get("/data/assets/{asset_id}/tasks")
def asset_tasks(ctx: CtxDep, asset_id: str, request: Request) -> list[dict[str, Any]]:
    from reeltrack.services.shot_tasks import entity_tasks

    asset = _readable_asset(ctx, asset_id)
    relations = request.query_params.get("relations", "false").lower() == "true"
    return entity_tasks(ctx.session, ctx.actor, asset, relations)


@router.get("/data/assets/{asset_id}/task-types")
def asset_task_types(ctx: CtxDep, asset_id: str) -> list[dict[str, Any]]:
    return listing.task_types(ctx, _readable_asset(ctx, asset_id))


@router.post("/data/projects/{project_id}/asset-types/{asset_type_id}/assets/new", status_code=201)
def new_asset(ctx: CtxDep, project_id: str, asset_type_id: str, body: JsonBody) -> Any:
    values = validate_body(writes.NewAsset, body)
    return writes.create(ctx, project_id, asset_type_id, values)


@router.post("/actions/assets/share")
def share_assets(ctx: CtxDep, body: JsonBody) -> list[dict[str, Any]]:
    return writes.share_listed(ctx, validate_body(writes.SharedAssets, body))


@router.post("/actions/projects/{project_id}/assets/share")
def share_project_assets(ctx: CtxDep, project_id: str, body: JsonBody) -> list[dict[str, Any]]:
    values = validate_body(writes.SharedAssets, body)
    access.check_manager(ctx.session, ctx.actor, project_id)
    project = access.project_row(ctx.session, project_id)
    return writes.set_shared(
        ctx, values.is_shared is not False, project_id=project.id, asset_ids=values.asset_ids
    )


@router.post("/actions/projects/{project_id}/asset-types/{asset_type_id}/assets/share")
def share_type_assets(
    ctx: CtxDep, project_id: str, asset_type_id: str, body: JsonBody
) -> list[dict[str, Any]]:
    values = validate_body(writes.SharedAssets, body)
    access.check_manager(ctx.session, ctx.actor, project_id)
    project = access.project_row(ctx.session, project_id)
    kind = listing.asset_type_row(ctx, asset_type_id)
    return writes.set_shared(
        ctx, values.is_shared is not False, project_id=project.id, asset_type_id=kind.id
    )


@router.get("/data/projects/{project_id}/assets/shared-used")
def shared_used(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    access.check_project(ctx.session, ctx.actor, project_id)
    return listing.shared_used(ctx, access.parse_id(project_id), None)


@router.get("/data/projects/{project_id}/episodes/{episode_id}/assets/shared-used")
def episode_shared_used(ctx: CtxDep, project_id: str, episode_id: str) -> list[dict[str, Any]]:
    access.check_project(ctx.session, ctx.actor, project_id)
    if episode_id not in ("main", "all"):
        access.parse_id(episode_id)
    return listing.shared_used(ctx, access.parse_id(project_id), episode_id)
