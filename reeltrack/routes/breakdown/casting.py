"""Castings of the `breakdown` blueprint: per entity, per sequence, episode and asset type."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter
from pydantic import Field

from reeltrack.auth.deps import Ctx, CtxDep
from reeltrack.routes.breakdown import access
from reeltrack.routes.projects.access import parse_id
from reeltrack.services import casting, casting_update, user_entities
from reeltrack.services.casting_update import Holder
from reeltrack.wire.body import ArgsBody, BodySchema, JsonBody, validate_body
from reeltrack.wire.errors import Forbidden, WrongParameter

router = APIRouter()
CASTING_MAP = "Request body must be a JSON object mapping entity ids to casting arrays"


class CastAssetBody(BodySchema):
    entity_ids: list[uuid.UUID] = Field(..., min_length=1)
    nb_occurences: int | None = Field(default=None, ge=0, le=access.MAX_OCCURENCES)
    label: str | None = Field(default=None, max_length=80)


def _holders(ctx: Ctx, project: Any, entity_ids: list[uuid.UUID]) -> dict[uuid.UUID, Holder]:
    """The entities receiving castings; 404 unknown, 403 when of another production."""
    holders = casting_update.load_holders(ctx.session, entity_ids)
    if any(holder.entity.project_id != project.id for holder in holders.values()):
        raise Forbidden()
    return holders


@router.get("/data/projects/{project_id}/entities/{entity_id}/casting")
def get_entity_casting(ctx: CtxDep, project_id: str, entity_id: str) -> list[dict[str, Any]]:
    project = access.casting_project(ctx, project_id)
    holder = _holders(ctx, project, [parse_id(entity_id)])
    return casting.entity_casting(ctx.session, next(iter(holder)))


@router.put("/data/projects/{project_id}/entities/{entity_id}/casting")
def put_entity_casting(ctx: CtxDep, project_id: str, entity_id: str, payload: JsonBody) -> Any:
    if not isinstance(payload, list):
        raise WrongParameter("Request body must be a JSON array")
    project = access.casting_editor(ctx, project_id)
    holder = next(iter(_holders(ctx, project, [parse_id(entity_id)]).values()))
    casts = access.casting_entries(payload, skip_partial=True)
    casting_update.check_castable(ctx.session, holder.entity, [c.asset_id for c in casts])
    casting_update.replace_casting(ctx.session, holder, casts, ctx.uow.emit)
    return payload


@router.put("/data/projects/{project_id}/entities/casting")
def put_entities_casting(ctx: CtxDep, project_id: str, payload: JsonBody) -> dict[str, Any]:
    if not isinstance(payload, dict) or not all(isinstance(v, list) for v in payload.values()):
        raise WrongParameter(CASTING_MAP)
    project = access.casting_editor(ctx, project_id)
    keys = {parse_id(key): key for key in payload}
    holders = _holders(ctx, project, list(keys))
    planned = []
    for entity_id, key in keys.items():
        casts = access.casting_entries(payload[key], skip_partial=True)
        holder = holders[entity_id]
        casting_update.check_castable(ctx.session, holder.entity, [c.asset_id for c in casts])
        planned.append((holder, casts))
    for holder, casts in planned:
        casting_update.replace_casting(ctx.session, holder, casts, ctx.uow.emit)
    return payload


@router.put("/data/projects/{project_id}/entities/casting/assets/{asset_id}")
def put_asset_in_entities(
    ctx: CtxDep, project_id: str, asset_id: str, payload: ArgsBody
) -> dict[str, Any]:
    body = validate_body(CastAssetBody, payload)
    project = access.casting_editor(ctx, project_id)
    asset = access.entity_of(ctx, asset_id, "Asset")
    holders = _holders(ctx, project, body.entity_ids)
    for holder in holders.values():
        casting_update.check_castable(ctx.session, holder.entity, [asset.id])
    result = {}
    for entity_id in dict.fromkeys(body.entity_ids):
        holder, emit = holders[entity_id], ctx.uow.emit
        if body.nb_occurences == 0:
            rows = casting_update.uncast_one(ctx.session, holder, asset.id, emit)
        else:
            rows = casting_update.cast_one(
                ctx.session, holder, asset.id, body.nb_occurences, body.label, emit
            )
        result[str(entity_id)] = rows
    return result


@router.get("/data/projects/{project_id}/asset-types/{asset_type_id}/casting")
def get_asset_type_casting(ctx: CtxDep, project_id: str, asset_type_id: str) -> dict[str, Any]:
    project = access.casting_project(ctx, project_id)
    type_id = user_entities.asset_type(ctx.session, asset_type_id)
    return casting.asset_type_casting(ctx.session, project.id, type_id)


@router.get("/data/projects/{project_id}/episodes/casting")
def get_episodes_casting(ctx: CtxDep, project_id: str) -> dict[str, Any]:
    project = access.casting_project(ctx, project_id)
    return casting.episodes_casting(ctx.session, project.id)


@router.get("/data/projects/{project_id}/episodes/{episode_id}/sequences/all/casting")
def get_episode_shots_casting(ctx: CtxDep, project_id: str, episode_id: str) -> dict[str, Any]:
    project = access.casting_project(ctx, project_id)
    if episode_id == "main":
        # Kitsu's "main pack" holds the assets of no episode: it has no shots.
        return {}
    episode = access.entity_of(ctx, episode_id, "Episode")
    if episode.project_id != project.id:
        raise Forbidden()
    return casting.shots_casting(ctx.session, project.id, episode_id=episode.id)


@router.get("/data/projects/{project_id}/sequences/all/casting")
def get_project_shots_casting(ctx: CtxDep, project_id: str) -> dict[str, Any]:
    project = access.casting_project(ctx, project_id)
    return casting.shots_casting(ctx.session, project.id)


@router.get("/data/projects/{project_id}/sequences/{sequence_id}/casting")
def get_sequence_casting(ctx: CtxDep, project_id: str, sequence_id: str) -> dict[str, Any]:
    project = access.casting_project(ctx, project_id)
    sequence = access.entity_of(ctx, sequence_id, "Sequence")
    if sequence.project_id != project.id:
        raise Forbidden()
    return casting.shots_casting(ctx.session, project.id, sequence_id=sequence.id)
