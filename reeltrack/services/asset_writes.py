"""Creating and sharing assets (Zou's `assets` blueprint writes)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from pydantic import Field
from sqlalchemy import select

from reeltrack.models import Entity
from reeltrack.services import entity_access as access
from reeltrack.services.asset_listing import asset_type_row
from reeltrack.services.with_tasks import type_filter
from reeltrack.wire.body import BodySchema
from reeltrack.wire.errors import WrongParameter
from reeltrack.wire.present import present

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx


class NewAsset(BodySchema):
    name: str = Field(min_length=1)
    description: str | None = ""
    data: dict[str, Any] | None = Field(default_factory=dict)
    is_shared: bool | None = False
    episode_id: uuid.UUID | None = None


class SharedAssets(BodySchema):
    is_shared: bool | None = True
    asset_ids: list[uuid.UUID] | None = None


def _as_asset(row: Entity) -> dict[str, Any]:
    data = present(row)
    data["type"] = "Asset"
    return data


def _episode(ctx: Ctx, project_id: uuid.UUID, episode_id: uuid.UUID | None) -> uuid.UUID | None:
    if episode_id is None:
        return None
    episode = access.typed_entity(ctx.session, episode_id, "Episode")
    if episode.project_id != project_id:
        raise WrongParameter("The episode belongs to another project.")
    return episode.id


def create(ctx: Ctx, project_id: str, asset_type_id: str, body: NewAsset) -> dict[str, Any]:
    access.check_manager(ctx.session, ctx.actor, project_id)
    project = access.project_row(ctx.session, project_id)
    kind = asset_type_row(ctx, asset_type_id)
    asset = Entity(
        project_id=project.id,
        entity_type_id=kind.id,
        name=body.name,
        description=body.description,
        data=body.data or {},
        is_shared=bool(body.is_shared),
        source_id=_episode(ctx, project.id, body.episode_id),
        created_by=ctx.actor.person_id,
    )
    ctx.session.add(asset)
    ctx.session.flush()
    ctx.uow.emit("asset:new", {"asset_id": asset.id, "asset_type": kind.id}, project.id)
    return _as_asset(asset)


def set_shared(
    ctx: Ctx,
    is_shared: bool,
    project_id: uuid.UUID | None = None,
    asset_type_id: uuid.UUID | None = None,
    asset_ids: list[uuid.UUID] | None = None,
) -> list[dict[str, Any]]:
    """Mark the matching assets shared (or not) and answer them."""
    stmt = select(Entity).where(type_filter("Asset"))
    if project_id is not None:
        stmt = stmt.where(Entity.project_id == project_id)
    if asset_type_id is not None:
        stmt = stmt.where(Entity.entity_type_id == asset_type_id)
    if asset_ids is not None:
        stmt = stmt.where(Entity.id.in_(asset_ids))
    assets = list(ctx.session.scalars(stmt))
    for asset in assets:
        asset.is_shared = is_shared
    ctx.session.flush()
    for asset in assets:
        ctx.uow.emit("asset:update", {"asset_id": asset.id}, asset.project_id)
    return [_as_asset(asset) for asset in assets]


def share_listed(ctx: Ctx, body: SharedAssets) -> list[dict[str, Any]]:
    """Share the given assets; the caller manages each of their projects."""
    asset_ids = body.asset_ids or []
    projects = {access.typed_entity(ctx.session, i, "Asset").project_id for i in asset_ids}
    for project_id in projects:
        access.check_manager(ctx.session, ctx.actor, project_id)
    return set_shared(ctx, body.is_shared is not False, asset_ids=asset_ids)
