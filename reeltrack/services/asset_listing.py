"""Reading assets and asset types: Zou's `assets` blueprint lists and details."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, select
from sqlalchemy.orm import aliased

from reeltrack.crud.hooks.production import TEMPORAL_TYPES
from reeltrack.crud.registry import registry
from reeltrack.crud.service import apply_filters, present_rows
from reeltrack.models import Entity, EntityLink, EntityType, Project, Task
from reeltrack.services import entity_access as access
from reeltrack.services.with_tasks import (
    Scope,
    has_assigned_task,
    hidden_metadata,
    make_scope,
    mask_data,
    type_filter,
)
from reeltrack.wire.errors import NotFound

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

SPECIAL_PARAMS = frozenset({"assigned_to", "episode_id", "stream", "compact"})


def _entity_spec() -> Any:
    return registry.by_model(Entity)


def _type_spec() -> Any:
    return registry.by_model(EntityType)


def _presented(ctx: Ctx, rows: list[Any], relations: bool = False) -> list[dict[str, Any]]:
    out = present_rows(ctx, _entity_spec(), rows, relations)
    for data in out:
        data["type"] = "Asset"
    return out


def _filtered(ctx: Ctx, stmt: Select[Any], params: dict[str, str]) -> Select[Any]:
    spec = _entity_spec()
    plain = {k: v for k, v in params.items() if k not in SPECIAL_PARAMS}
    return apply_filters(spec, stmt, plain, spec.unfilterable_columns(ctx.actor))


def assets(ctx: Ctx, params: dict[str, str], team_only: bool) -> list[dict[str, Any]]:
    """Zou's get_assets: column filters, `episode_id` (main episode or cast in it), vendors."""
    params = dict(params)
    project_id = params.get("project_id")
    episode_id = params.get("episode_id")
    if project_id is None and episode_id is not None:
        episode = access.typed_entity(ctx.session, episode_id, "Episode")
        project_id = str(episode.project_id)
    if project_id is not None:
        access.check_project(ctx.session, ctx.actor, project_id)
    scope = make_scope(ctx.actor, {"project_id": project_id} if project_id else {}, ["project_id"])
    stmt = _filtered(ctx, select(Entity).where(type_filter("Asset")), params)
    if team_only and not ctx.actor.is_admin:
        stmt = stmt.where(Entity.project_id.in_(list(ctx.actor.project_ids)))
    if "assigned_to" in params:
        stmt = stmt.where(has_assigned_task(scope.person_id))
    if scope.vendor_projects:
        stmt = stmt.where(
            Entity.project_id.not_in(scope.vendor_projects) | has_assigned_task(scope.person_id)
        )
    if episode_id is not None:
        episode_ref = access.parse_id(episode_id)
        cast_in = select(EntityLink.entity_out_id).where(EntityLink.entity_in_id == episode_ref)
        stmt = stmt.where((Entity.source_id == episode_ref) | Entity.id.in_(cast_in))
    rows = list(ctx.session.scalars(stmt))
    return masked(ctx, scope, _presented(ctx, rows))


def masked(ctx: Ctx, scope: Scope, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Vendors lose the metadata of descriptors restricted to other departments."""
    if not scope.vendor_projects:
        return rows
    keyed = [{**row, "project_id": str(row["project_id"])} for row in rows]
    hidden = hidden_metadata(ctx.session, "Asset", scope, {row["project_id"] for row in keyed})
    mask_data(keyed, hidden)
    for row, masked_row in zip(rows, keyed, strict=True):
        row["data"] = masked_row["data"]
    return rows


# ---------------------------------------------------------------- asset types


def _types(ctx: Ctx, stmt: Select[Any]) -> list[dict[str, Any]]:
    rows = list(ctx.session.scalars(stmt.order_by(EntityType.name)))
    out = present_rows(ctx, _type_spec(), rows, relations=True)
    for data in out:
        data["type"] = "AssetType"
    return out


def asset_types(ctx: Ctx, params: dict[str, str]) -> list[dict[str, Any]]:
    """Every asset type; `project_id` keeps the types used by the project's assets."""
    params = dict(params)
    stmt = select(EntityType).where(EntityType.name.not_in(TEMPORAL_TYPES))
    project_id = params.pop("project_id", None)
    if project_id is not None:
        used = select(Entity.entity_type_id).where(Entity.project_id == access.parse_id(project_id))
        stmt = stmt.where(EntityType.id.in_(used))
    spec = _type_spec()
    return _types(ctx, apply_filters(spec, stmt, params, spec.unfilterable_columns(ctx.actor)))


def asset_type_row(ctx: Ctx, asset_type_id: str) -> EntityType:
    row = ctx.session.get(EntityType, access.parse_id(asset_type_id))
    if row is None or row.name in TEMPORAL_TYPES:
        raise NotFound()
    return row


def asset_type(ctx: Ctx, asset_type_id: str) -> dict[str, Any]:
    row = asset_type_row(ctx, asset_type_id)
    return _types(ctx, select(EntityType).where(EntityType.id == row.id))[0]


def project_asset_types(ctx: Ctx, project_id: uuid.UUID) -> list[dict[str, Any]]:
    used = select(Entity.entity_type_id).where(Entity.project_id == project_id)
    stmt = select(EntityType).where(EntityType.id.in_(used), EntityType.name.not_in(TEMPORAL_TYPES))
    return _types(ctx, stmt)


# ---------------------------------------------------------------- one asset


def full_asset(ctx: Ctx, asset: Entity) -> dict[str, Any]:
    """Columns, links, project and type names, and the asset's with-tasks row."""
    from reeltrack.services.entity_with_tasks import assets_and_tasks

    data = _presented(ctx, [asset], relations=True)[0]
    project = ctx.session.get(Project, asset.project_id)
    asset_type_row = ctx.session.get(EntityType, asset.entity_type_id)
    data["project_name"] = project.name if project is not None else None
    data["asset_type_id"] = asset.entity_type_id
    data["asset_type_name"] = asset_type_row.name if asset_type_row is not None else None
    data.pop("source_id", None)
    data.pop("nb_frames", None)
    params = {"id": str(asset.id), "project_id": str(asset.project_id)}
    scope = make_scope(ctx.actor, params, ("id", "project_id"))
    scope.project_id = None  # the episode list of a single asset spans every project
    scope.vendor_projects = []
    rows = assets_and_tasks(ctx.session, scope, with_episode_ids=True)
    if rows:
        data.update(rows[0])
    return masked(ctx, make_scope(ctx.actor, params, ("project_id",)), [data])[0]


def casting(ctx: Ctx, asset: Entity) -> list[dict[str, Any]]:
    """Entities the asset is cast with (its `entities_out`)."""
    linked = select(EntityLink.entity_out_id).where(EntityLink.entity_in_id == asset.id)
    rows = list(ctx.session.scalars(select(Entity).where(Entity.id.in_(linked))))
    return _presented(ctx, rows)


def task_types(ctx: Ctx, entity: Entity) -> list[dict[str, Any]]:
    from reeltrack.models import TaskType
    from reeltrack.wire.present import present

    used = select(Task.task_type_id).where(Task.entity_id == entity.id)
    stmt = select(TaskType).where(TaskType.id.in_(used)).order_by(TaskType.name)
    return [present(row) for row in ctx.session.scalars(stmt)]


def shared_used(ctx: Ctx, project_id: uuid.UUID, episode_id: str | None) -> list[dict[str, Any]]:
    """Shared assets of other projects cast in this project's shots (of one episode)."""
    shot = aliased(Entity, name="shot")
    sequence = aliased(Entity, name="sequence")
    cast_in = (
        select(EntityLink.entity_out_id)
        .join(shot, shot.id == EntityLink.entity_in_id)
        .join(sequence, sequence.id == shot.parent_id)
        .where(shot.project_id == project_id)
    )
    if episode_id not in (None, "main", "all"):
        cast_in = cast_in.where(sequence.parent_id == access.parse_id(episode_id))
    stmt = select(Entity).where(
        type_filter("Asset"),
        Entity.is_shared.is_(True),
        Entity.canceled.is_not(True),
        Entity.project_id != project_id,
        Entity.id.in_(cast_in),
    )
    return _presented(ctx, list(ctx.session.scalars(stmt)))
