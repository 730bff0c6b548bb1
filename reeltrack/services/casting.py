"""Reading castings: which assets are cast in a shot, a sequence, an episode, an asset type.

Every list here is one Core select whatever the number of shots or links: the
breakdown page of Kitsu loads a whole production's casting at once.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from reeltrack.crud.hooks.production import TEMPORAL_TYPES
from reeltrack.models import Entity, EntityLink, EntityType
from reeltrack.wire.present import present

# The cast asset (the link's entity_out) and its type.
Cast = aliased(Entity, name="cast_asset")
CastType = aliased(EntityType, name="cast_type")


def _cast_columns(*extra: Any) -> Select[Any]:
    """Link columns with the cast asset's name, type, preview; canceled assets left out."""
    return (
        select(
            EntityLink.entity_in_id,
            EntityLink.entity_out_id,
            EntityLink.nb_occurences,
            EntityLink.label,
            Cast.name,
            CastType.name,
            Cast.preview_file_id,
            Cast.is_shared,
            Cast.project_id,
            *extra,
        )
        .join(Cast, Cast.id == EntityLink.entity_out_id)
        .join(CastType, CastType.id == Cast.entity_type_id)
        .where(Cast.canceled.is_not(True))
    )


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _entry(row: Any, shared: bool = True) -> dict[str, Any]:
    """The keys every grouped casting entry carries (Zou's `name` doubles `asset_name`)."""
    entry = {
        "asset_id": str(row[1]),
        "name": row[4],
        "asset_name": row[4],
        "asset_type_name": row[5],
        "preview_file_id": _str(row[6]),
        "nb_occurences": row[2],
        "label": row[3],
    }
    if shared:
        entry["is_shared"] = row[7]
        entry["project_id"] = str(row[8])
    return entry


def _grouped(rows: Any, build: Any) -> dict[str, list[dict[str, Any]]]:
    castings: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        castings.setdefault(str(row[0]), []).append(build(row))
    return castings


def entity_casting(session: Session, entity_id: uuid.UUID) -> list[dict[str, Any]]:
    """The casting of one shot, asset or episode, by asset type then asset name."""
    query = (
        _cast_columns(Cast.ready_for, Cast.source_id)
        .where(EntityLink.entity_in_id == entity_id)
        .order_by(CastType.name, Cast.name)
    )
    return [
        {
            "asset_id": str(row[1]),
            "asset_name": row[4],
            "asset_type_name": row[5],
            "ready_for": _str(row[9]),
            "episode_id": _str(row[10]),
            "preview_file_id": _str(row[6]),
            "nb_occurences": row[2],
            "label": row[3],
            "is_shared": row[7],
            "project_id": str(row[8]),
        }
        for row in session.execute(query)
    ]


def shots_casting(
    session: Session,
    project_id: uuid.UUID,
    sequence_id: uuid.UUID | None = None,
    episode_id: uuid.UUID | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Casting per shot of a sequence, an episode's sequences or the whole project."""
    shot = aliased(Entity, name="shot")
    sequence = aliased(Entity, name="sequence")
    query = (
        _cast_columns(sequence.name)
        .join(shot, shot.id == EntityLink.entity_in_id)
        .join(sequence, sequence.id == shot.parent_id)
        .where(shot.project_id == project_id)
    )
    if sequence_id is not None:
        query = query.where(shot.parent_id == sequence_id)
        query = query.order_by(shot.name, CastType.name, Cast.name)
    else:
        if episode_id is not None:
            query = query.where(sequence.parent_id == episode_id)
        query = query.order_by(sequence.name, shot.name, CastType.name, Cast.name)

    def build(row: Any) -> dict[str, Any]:
        entry = _entry(row)
        entry["sequence_name"] = row[9]
        return entry

    return _grouped(session.execute(query), build)


def episodes_casting(session: Session, project_id: uuid.UUID) -> dict[str, list[dict[str, Any]]]:
    """Casting per episode of the project."""
    episode = aliased(Entity, name="episode")
    episode_type = aliased(EntityType, name="episode_type")
    query = (
        _cast_columns()
        .join(episode, episode.id == EntityLink.entity_in_id)
        .join(episode_type, episode_type.id == episode.entity_type_id)
        .where(episode.project_id == project_id, episode_type.name == "Episode")
        .order_by(CastType.name, Cast.name)
    )
    return _grouped(session.execute(query), _entry)


def asset_type_casting(
    session: Session, project_id: uuid.UUID, asset_type_id: uuid.UUID
) -> dict[str, list[dict[str, Any]]]:
    """Casting per asset of one asset type (assets cast in assets)."""
    holder = aliased(Entity, name="holder")
    query = (
        _cast_columns()
        .join(holder, holder.id == EntityLink.entity_in_id)
        .where(holder.project_id == project_id, holder.entity_type_id == asset_type_id)
        .order_by(CastType.name, Cast.name)
    )
    return _grouped(session.execute(query), lambda row: _entry(row, shared=False))


def cast_in(session: Session, asset_id: uuid.UUID) -> list[dict[str, Any]]:
    """Shots (with sequence and episode) then assets this asset is cast in."""
    holder = aliased(Entity, name="holder")
    sequence = aliased(Entity, name="sequence")
    episode = aliased(Entity, name="episode")
    shots = (
        select(
            EntityLink.entity_in_id,
            EntityLink.nb_occurences,
            holder.name,
            sequence.name,
            episode.id,
            episode.name,
            holder.preview_file_id,
        )
        .join(holder, holder.id == EntityLink.entity_in_id)
        .join(sequence, sequence.id == holder.parent_id)
        .outerjoin(episode, episode.id == sequence.parent_id)
        .where(EntityLink.entity_out_id == asset_id, holder.canceled.is_not(True))
        # PostgreSQL's order, where Zou runs: shots outside episodes come last.
        .order_by(episode.name.asc().nulls_last(), sequence.name, holder.name)
    )
    result: list[dict[str, Any]] = [
        {
            "shot_id": str(row[0]),
            "shot_name": row[2],
            "sequence_name": row[3],
            # Zou writes the episode id through str(), so a shot outside episodes shows "None".
            "episode_id": str(row[4]),
            "episode_name": row[5],
            "preview_file_id": _str(row[6]),
            "nb_occurences": row[1],
        }
        for row in session.execute(shots)
    ]
    holder_type = aliased(EntityType, name="holder_type")
    assets = (
        select(
            EntityLink.entity_in_id,
            EntityLink.nb_occurences,
            holder.name,
            holder_type.name,
            holder.preview_file_id,
        )
        .join(holder, holder.id == EntityLink.entity_in_id)
        .join(holder_type, holder_type.id == holder.entity_type_id)
        .where(
            EntityLink.entity_out_id == asset_id,
            holder.canceled.is_not(True),
            holder_type.name.not_in(TEMPORAL_TYPES),
        )
        .order_by(holder_type.name, holder.name)
    )
    result.extend(
        {
            "asset_id": str(row[0]),
            "asset_name": row[2],
            "asset_type_name": row[3],
            "preview_file_id": _str(row[4]),
            "nb_occurences": row[1],
        }
        for row in session.execute(assets)
    )
    return result


def cast_assets(session: Session, entity_id: uuid.UUID) -> list[dict[str, Any]]:
    """The assets cast in an entity, as full rows typed `Asset` (canceled ones included)."""
    query = (
        select(Entity)
        .join(EntityLink, EntityLink.entity_out_id == Entity.id)
        .where(EntityLink.entity_in_id == entity_id)
        .order_by(Entity.name, Entity.id)
    )
    rows = []
    for row in session.scalars(query):
        data = present(row)
        data["type"] = "Asset"
        rows.append(data)
    return rows


def cast_asset_types(session: Session, entity_id: uuid.UUID) -> list[dict[str, Any]]:
    """The types of the assets cast in an entity."""
    cast_types = (
        select(Entity.entity_type_id)
        .join(EntityLink, EntityLink.entity_out_id == Entity.id)
        .where(EntityLink.entity_in_id == entity_id)
    )
    query = select(EntityType).where(EntityType.id.in_(cast_types)).order_by(EntityType.name)
    rows = []
    for row in session.scalars(query):
        data = present(row)
        data["type"] = "AssetType"
        rows.append(data)
    return rows
