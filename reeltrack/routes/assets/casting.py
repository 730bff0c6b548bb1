"""Casting routes of the `assets` blueprint: an asset's casting, cast-in and instances."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter
from pydantic import Field

from reeltrack.auth.deps import CtxDep
from reeltrack.routes.breakdown import access
from reeltrack.routes.breakdown.instances import emit_new, instantiable
from reeltrack.services import breakdown_instances as instances
from reeltrack.services import casting, casting_update
from reeltrack.services.casting_update import Holder
from reeltrack.wire.body import ArgsBody, BodySchema, JsonBody, validate_body
from reeltrack.wire.present import present

router = APIRouter()


class AssetInstanceBody(BodySchema):
    asset_to_instantiate_id: uuid.UUID
    description: str | None = Field(default=None, max_length=200)


@router.get("/data/assets/{asset_id}/cast-in")
def get_asset_cast_in(ctx: CtxDep, asset_id: str) -> list[dict[str, Any]]:
    asset = access.entity_of(ctx, asset_id, "Asset")
    access.check_entity_read(ctx, asset)
    return casting.cast_in(ctx.session, asset.id)


@router.get("/data/assets/{asset_id}/casting")
def get_asset_casting(ctx: CtxDep, asset_id: str) -> list[dict[str, Any]]:
    asset = access.entity_of(ctx, asset_id, "Asset")
    access.check_entity_read(ctx, asset)
    return casting.entity_casting(ctx.session, asset.id)


@router.put("/data/assets/{asset_id}/casting")
def put_asset_casting(ctx: CtxDep, asset_id: str, payload: JsonBody) -> list[dict[str, Any]]:
    casts = access.casting_entries(payload, skip_partial=False)
    asset = access.entity_of(ctx, asset_id, "Asset")
    access.casting_editor(ctx, asset.project_id)
    casting_update.check_castable(ctx.session, asset, [c.asset_id for c in casts])
    holder = Holder(asset, "Asset")
    casting_update.replace_casting(ctx.session, holder, casts, ctx.uow.emit)
    return access.entry_dicts(casts)


@router.get("/data/assets/{asset_id}/shot-asset-instances")
def get_asset_shot_instances(ctx: CtxDep, asset_id: str) -> dict[str, Any]:
    asset = access.entity_of(ctx, asset_id, "Asset")
    access.check_member(ctx, asset)
    return instances.shots_of_asset(ctx.session, asset.id)


@router.get("/data/assets/{asset_id}/scene-asset-instances")
def get_asset_scene_instances(ctx: CtxDep, asset_id: str) -> dict[str, Any]:
    asset = access.entity_of(ctx, asset_id, "Asset")
    access.check_member(ctx, asset)
    return instances.scenes_of_asset(ctx.session, asset.id)


@router.get("/data/assets/{asset_id}/asset-asset-instances")
def get_asset_asset_instances(ctx: CtxDep, asset_id: str) -> dict[str, Any]:
    asset = access.entity_of(ctx, asset_id, "Asset")
    access.check_member(ctx, asset)
    return instances.for_target_asset(ctx.session, asset.id)


@router.post("/data/assets/{asset_id}/asset-asset-instances", status_code=201)
def add_asset_asset_instance(ctx: CtxDep, asset_id: str, payload: ArgsBody) -> dict[str, Any]:
    body = validate_body(AssetInstanceBody, payload)
    target = access.entity_of(ctx, asset_id, "Asset")
    access.check_entity_read(ctx, target)
    asset = instantiable(ctx, body.asset_to_instantiate_id, target)
    row = instances.create_instance(ctx.session, asset, body.description, target_asset_id=target.id)
    data = {"asset_id": target.id, "asset_instantiated": asset.id}
    emit_new(ctx, row, data, target.project_id)
    return present(row)


@router.get("/data/shots/{shot_id}/asset-types")
def get_shot_asset_types(ctx: CtxDep, shot_id: str) -> list[dict[str, Any]]:
    shot = access.entity_of(ctx, shot_id, "Shot")
    access.check_member(ctx, shot)
    return casting.cast_asset_types(ctx.session, shot.id)
