"""Importing a casting: each row casts an asset in a shot, an episode or another asset."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from reeltrack.crud.hooks.production import TEMPORAL_TYPES, base_name
from reeltrack.services import casting_stats, casting_update
from reeltrack.services.csv_import import (
    ImportStopped,
    is_blank,
    read_rows,
    row_message,
    slugify,
)

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx


class CastingImport:
    """One run: the project's entities are keyed by slugs once; rows cast one asset each."""

    def __init__(self, ctx: Ctx, project: Any) -> None:
        from reeltrack.models import Entity, EntityType

        self.ctx = ctx
        rows = ctx.session.execute(
            select(Entity, EntityType.name)
            .join(EntityType, EntityType.id == Entity.entity_type_id)
            .where(Entity.project_id == project.id)
        ).all()
        self.kinds = {entity.id: base_name(type_name) for entity, type_name in rows}
        self.entities = {entity.id: entity for entity, _ in rows}
        tv_show = project.production_type == "tvshow"
        episodes: dict[uuid.UUID | None, str] = {}
        if tv_show:
            episodes = {e.id: slugify(e.name) for e, t in rows if t == "Episode"}
        sequences = {
            e.id: f"{episodes.get(e.parent_id, '')}{slugify(e.name)}"
            for e, t in rows
            if t == "Sequence"
        }
        self.assets: dict[str, uuid.UUID] = {}
        self.targets: dict[str, uuid.UUID] = {}
        for entity, type_name in rows:
            if type_name not in TEMPORAL_TYPES:
                self.assets[f"{slugify(type_name)}{slugify(entity.name)}"] = entity.id
            elif type_name == "Shot" and entity.parent_id in sequences:
                self.targets[f"{sequences[entity.parent_id]}{slugify(entity.name)}"] = entity.id
        self.episodes = {f"episode{name}": entity_id for entity_id, name in episodes.items()}

    def _target(self, row: dict[str, Any]) -> uuid.UUID | None:
        episode = row.get("Episode")
        if episode in ("MP", None):
            episode = ""
        key = slugify(f"{episode}{row['Parent']}{row['Name']}")
        found = self.targets.get(key)
        if found is None:
            found = self.assets.get(slugify(f"{row['Parent']}{row['Name']}"))
        if found is None:
            found = self.episodes.get(key)
        return found

    def read_row(self, row: dict[str, Any]) -> tuple[uuid.UUID, casting_update.Cast] | None:
        """The link a row asks for; None when its asset or target is unknown (skipped)."""
        asset_id = self.assets.get(slugify(f"{row['Asset Type']}{row['Asset']}"))
        occurences = int(row["Occurences"]) if len(row["Occurences"]) > 0 else 1
        target_id = self._target(row)
        label = slugify(row.get("Label", "fixed") or "")
        if asset_id is None or target_id is None or asset_id == target_id:
            return None
        return target_id, casting_update.Cast(asset_id, occurences, label)

    def apply(self, target_id: uuid.UUID, casts: dict[uuid.UUID, casting_update.Cast]) -> None:
        """Create or update the target's links, then recount and announce it once."""
        session, emit = self.ctx.session, self.ctx.uow.emit
        holder = casting_update.Holder(self.entities[target_id], self.kinds[target_id])
        links = casting_update.current_links(session, target_id)
        added = {}
        for asset_id, cast in casts.items():
            casting_update.write_link(session, holder, links.get(asset_id), cast, emit)
            if asset_id not in links:
                added[asset_id] = cast.label
        if added and holder.kind == "Shot":
            casting_stats.ensure_episode_links(session, holder.entity, added, emit)
        casting_update.announce(session, holder, list(added), [], emit)


def import_casting(ctx: Ctx, content: bytes, project: Any) -> list[Any]:
    """Read every row first, then write the links target by target.

    As in Zou, the rows before a bad one are imported and the import stops there; the
    links of one target are written together, so a file costs queries per target.
    """
    run = CastingImport(ctx, project)
    wanted: dict[uuid.UUID, dict[uuid.UUID, casting_update.Cast]] = {}
    result: list[Any] = []
    stopped = None
    for line_number, row in read_rows(content):
        if is_blank(row):
            continue
        try:
            link = run.read_row(row)
        except Exception as error:  # every failure of a row is the file's fault
            stopped = ImportStopped(row_message(error), line_number, len(result))
            break
        if link is not None:
            target_id, cast = link
            wanted.setdefault(target_id, {}).pop(cast.asset_id, None)
            wanted[target_id][cast.asset_id] = cast
        result.append(None)
    savepoint = ctx.session.begin_nested()
    mark = len(ctx.uow.events)
    try:
        for target_id, casts in wanted.items():
            run.apply(target_id, casts)
        savepoint.commit()
    except Exception as error:
        savepoint.rollback()
        del ctx.uow.events[mark:]
        raise ImportStopped(row_message(error), 2, 0) from error
    if stopped is not None:
        raise stopped
    return result
