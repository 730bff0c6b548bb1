"""Changing castings: replace an entity's casting, cast or uncast one asset, drop a link.

Every change ends with the casting event of the entity (`shot:casting-update`,
`episode:casting-update`, else `asset:casting-update`) carrying the added and
removed asset ids, after the entity's `nb_entities_out` is recounted.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reeltrack.crud.hooks.production import TEMPORAL_TYPES, base_name
from reeltrack.models import Entity, EntityLink, EntityType
from reeltrack.services import casting, casting_stats
from reeltrack.services.casting_stats import Emit
from reeltrack.wire.errors import NotFound, WrongParameter


@dataclass(frozen=True)
class Cast:
    """One asset of a casting: how many times it appears, under which label."""

    asset_id: uuid.UUID
    nb_occurences: int
    label: str


@dataclass
class Holder:
    """An entity receiving a casting, with its base type name (Shot, Episode, Asset...)."""

    entity: Entity
    kind: str


def load_holders(session: Session, entity_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Holder]:
    """The entities with their base type names, in one query; 404 when one is missing."""
    wanted = set(entity_ids)
    rows = session.execute(
        select(Entity, EntityType.name)
        .join(EntityType, EntityType.id == Entity.entity_type_id)
        .where(Entity.id.in_(wanted))
    ).all()
    found = {entity.id: Holder(entity, base_name(name)) for entity, name in rows}
    if set(found) != wanted:
        raise NotFound()
    return found


def check_castable(session: Session, holder: Entity, asset_ids: Iterable[uuid.UUID]) -> None:
    """Assets of the holder's production, or shared ones, may be cast; nothing else."""
    wanted = set(asset_ids)
    if holder.id in wanted:
        raise WrongParameter("An entity cannot be cast in itself.")
    if not wanted:
        return
    rows = session.execute(
        select(Entity.id, Entity.project_id, Entity.is_shared, EntityType.name)
        .join(EntityType, EntityType.id == Entity.entity_type_id)
        .where(Entity.id.in_(wanted))
    ).all()
    found = {row[0]: row for row in rows}
    for asset_id in sorted(wanted, key=str):
        row = found.get(asset_id)
        if row is None or row[3] in TEMPORAL_TYPES:
            raise WrongParameter(f"Asset {asset_id} does not exist.")
        if row[1] != holder.project_id and not row[2]:
            raise WrongParameter(f"Asset {asset_id} belongs to another production.")


def current_links(session: Session, entity_id: uuid.UUID) -> dict[uuid.UUID, EntityLink]:
    """The entity's casting links, by cast asset id."""
    query = select(EntityLink).where(EntityLink.entity_in_id == entity_id)
    return {link.entity_out_id: link for link in session.scalars(query)}


def write_link(
    session: Session, holder: Holder, link: EntityLink | None, cast: Cast, emit: Emit
) -> EntityLink:
    """Create or update one link, with Zou's `entity-link:new|update` event."""
    project_id = holder.entity.project_id
    if link is None:
        link = EntityLink(
            entity_in_id=holder.entity.id,
            entity_out_id=cast.asset_id,
            nb_occurences=cast.nb_occurences,
            label=cast.label,
        )
        session.add(link)
        session.flush()
        payload = {
            "entity_link_id": link.id,
            "entity_in_id": link.entity_in_id,
            "entity_out_id": link.entity_out_id,
            "nb_occurences": cast.nb_occurences,
        }
        emit("entity-link:new", payload, project_id)
    else:
        link.nb_occurences = cast.nb_occurences
        link.label = cast.label
        payload = {"entity_link_id": link.id, "nb_occurences": cast.nb_occurences}
        emit("entity-link:update", payload, project_id)
    if holder.kind == "Episode":
        # An episode's asset list is drawn from its casting.
        emit("asset:update", {"asset_id": cast.asset_id}, project_id)
    return link


def announce(
    session: Session,
    holder: Holder,
    added: list[uuid.UUID],
    removed: list[uuid.UUID],
    emit: Emit,
) -> None:
    """Recount the entity's live links, refresh shot stats and tell the clients."""
    entity = holder.entity
    session.flush()
    entity.nb_entities_out = casting_stats.count_live_links(session, entity.id)
    change = {
        "nb_entities_out": entity.nb_entities_out,
        "added_asset_ids": sorted(str(asset_id) for asset_id in added),
        "removed_asset_ids": sorted(str(asset_id) for asset_id in removed),
    }
    if holder.kind == "Shot":
        casting_stats.refresh_shot_stats(session, entity, emit)
        emit("shot:casting-update", {"shot_id": entity.id, **change}, entity.project_id)
        casting_stats.detach_unused_from_episode(session, entity, removed, emit)
    elif holder.kind == "Episode":
        emit("episode:casting-update", {"episode_id": entity.id, **change}, entity.project_id)
    else:
        emit("asset:casting-update", {"asset_id": entity.id, **change}, entity.project_id)
    session.flush()


def replace_casting(session: Session, holder: Holder, casts: list[Cast], emit: Emit) -> None:
    """The entity's casting becomes exactly `casts` (the last entry of an asset wins)."""
    wanted = {cast.asset_id: cast for cast in casts}
    links = current_links(session, holder.entity.id)
    added = [asset_id for asset_id in wanted if asset_id not in links]
    removed = [asset_id for asset_id in links if asset_id not in wanted]
    if holder.kind == "Episode":
        for asset_id in removed:
            casting_stats.remove_from_episode_shots(session, holder.entity, asset_id, emit)
    for asset_id in removed:
        session.delete(links[asset_id])
    session.flush()
    for asset_id, cast in wanted.items():
        link = write_link(session, holder, links.get(asset_id), cast, emit)
        # A re-sent link is the manager's choice now, not an automatic one.
        link.data = None
    if holder.kind == "Shot":
        labels = {asset_id: cast.label for asset_id, cast in wanted.items()}
        casting_stats.ensure_episode_links(session, holder.entity, labels, emit)
    announce(session, holder, added, removed, emit)


def cast_one(
    session: Session,
    holder: Holder,
    asset_id: uuid.UUID,
    nb_occurences: int | None,
    label: str | None,
    emit: Emit,
) -> list[dict[str, Any]]:
    """Cast one asset, keeping the link's current count and label where not given."""
    link = session.scalars(
        select(EntityLink).where(
            EntityLink.entity_in_id == holder.entity.id, EntityLink.entity_out_id == asset_id
        )
    ).first()
    if nb_occurences is None:
        nb_occurences = link.nb_occurences if link is not None else 1
    if label is None:
        label = (link.label if link is not None else "") or ""
    cast = Cast(asset_id, nb_occurences or 0, label)
    write_link(session, holder, link, cast, emit)
    if link is None and holder.kind == "Shot":
        casting_stats.ensure_episode_links(session, holder.entity, {asset_id: label}, emit)
    announce(session, holder, [asset_id] if link is None else [], [], emit)
    return casting.entity_casting(session, holder.entity.id)


def uncast_one(
    session: Session, holder: Holder, asset_id: uuid.UUID, emit: Emit, cascade: bool = True
) -> list[dict[str, Any]]:
    """Take one asset out of the entity's casting (an episode's shots too, if cascading)."""
    link = session.scalars(
        select(EntityLink).where(
            EntityLink.entity_in_id == holder.entity.id, EntityLink.entity_out_id == asset_id
        )
    ).first()
    if link is None:
        return casting.entity_casting(session, holder.entity.id)
    if cascade and holder.kind == "Episode":
        casting_stats.remove_from_episode_shots(session, holder.entity, asset_id, emit)
    session.delete(link)
    announce(session, holder, [], [asset_id], emit)
    return casting.entity_casting(session, holder.entity.id)
