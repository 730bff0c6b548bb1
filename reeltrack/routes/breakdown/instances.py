"""Asset instances of the `breakdown` blueprint: in scenes, cameras, linked to shots."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Response
from pydantic import Field

from reeltrack.auth.deps import Ctx, CtxDep
from reeltrack.crud.hooks.entities import INSTANCE_UPDATE
from reeltrack.models import Entity
from reeltrack.routes.breakdown import access
from reeltrack.services import breakdown_instances as instances
from reeltrack.wire.body import ArgsBody, BodySchema, validate_body
from reeltrack.wire.errors import Forbidden, WrongParameter
from reeltrack.wire.present import present

router = APIRouter()


class ShotInstanceBody(BodySchema):
    asset_instance_id: uuid.UUID


class SceneInstanceBody(BodySchema):
    asset_id: uuid.UUID
    description: str | None = Field(default=None, max_length=200)


def instantiable(ctx: Ctx, asset_id: uuid.UUID, target: Entity) -> Entity:
    """The asset to place in `target`: readable, of its production or shared."""
    asset = access.entity_of(ctx, str(asset_id), "Asset")
    access.check_entity_read(ctx, asset)
    if asset.project_id != target.project_id and not asset.is_shared:
        raise WrongParameter("The asset belongs to another production.")
    return asset


def emit_new(ctx: Ctx, row: Any, data: dict[str, Any], project_id: Any) -> None:
    ctx.uow.emit("asset_instance:new", {**data, "asset_instance_id": row.id}, project_id)


@router.get("/data/scenes/{scene_id}/asset-instances")
def get_scene_asset_instances(ctx: CtxDep, scene_id: str) -> dict[str, Any]:
    scene = access.entity_of(ctx, scene_id, "Scene")
    access.check_entity_read(ctx, scene)
    return instances.for_scene(ctx.session, scene.id)


@router.post("/data/scenes/{scene_id}/asset-instances", status_code=201)
def add_scene_asset_instance(ctx: CtxDep, scene_id: str, payload: ArgsBody) -> dict[str, Any]:
    body = validate_body(SceneInstanceBody, payload)
    scene = access.entity_of(ctx, scene_id, "Scene")
    access.check_entity_read(ctx, scene)
    asset = instantiable(ctx, body.asset_id, scene)
    row = instances.create_instance(ctx.session, asset, body.description, scene_id=scene.id)
    emit_new(ctx, row, {"scene_id": scene.id, "asset_id": asset.id}, scene.project_id)
    return present(row)


@router.get("/data/scenes/{scene_id}/camera-instances")
def get_scene_camera_instances(ctx: CtxDep, scene_id: str) -> dict[str, Any]:
    scene = access.entity_of(ctx, scene_id, "Scene")
    access.check_entity_read(ctx, scene)
    return instances.for_scene(ctx.session, scene.id, asset_type="Camera")


@router.get("/data/shots/{shot_id}/asset-instances")
def get_shot_asset_instances(ctx: CtxDep, shot_id: str) -> dict[str, Any]:
    shot = access.entity_of(ctx, shot_id, "Shot")
    access.check_entity_read(ctx, shot)
    return instances.for_shot(ctx.session, shot.id)


@router.post("/data/shots/{shot_id}/asset-instances", status_code=201)
def add_shot_asset_instance(ctx: CtxDep, shot_id: str, payload: ArgsBody) -> dict[str, Any]:
    body = validate_body(ShotInstanceBody, payload)
    shot = access.entity_of(ctx, shot_id, "Shot")
    access.check_entity_read(ctx, shot)
    row = instances.instance(ctx.session, body.asset_instance_id)
    if not INSTANCE_UPDATE.allows(ctx.actor, row):
        raise Forbidden()
    if instances.add_to_shot(ctx.session, shot, row):
        data = {"shot_id": shot.id, "asset_instance_id": row.id}
        ctx.uow.emit("asset_instance:add-to-shot", data, shot.project_id)
    return present(shot)


@router.delete("/data/shots/{shot_id}/asset-instances/{asset_instance_id}", status_code=204)
def remove_shot_asset_instance(ctx: CtxDep, shot_id: str, asset_instance_id: str) -> Response:
    shot = access.entity_of(ctx, shot_id, "Shot")
    access.check_entity_read(ctx, shot)
    row = instances.instance(ctx.session, access.parse_id(asset_instance_id))
    if not INSTANCE_UPDATE.allows(ctx.actor, row):
        raise Forbidden()
    instances.remove_from_shot(ctx.session, shot, row)
    data = {"shot_id": shot.id, "asset_instance_id": row.id}
    ctx.uow.emit("asset_instance:remove-from-shot", data, shot.project_id)
    return Response(status_code=204)
