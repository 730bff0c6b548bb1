"""CSV export of a project's casting (Zou's `export` blueprint).

Four views, as Zou picks them from the query string:
- `episode_id=main`: the links of the main pack (assets in no episode);
- `episode_id=all`: the assets cast in episodes;
- `is_shot_casting=true`: the assets cast in shots (of one episode for a TV show);
- otherwise the assets cast in assets (of one episode for a TV show, then the main pack).
A TV show's rows open with an "Episode" column, except for the `all` view.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from reeltrack.models import Entity, EntityLink, EntityType, Project
from reeltrack.services.csv_export import Row

HEADERS = ["Parent", "Name", "Asset Type", "Asset", "Occurences", "Label"]

Parent = aliased(Entity, name="parent_entity")
ParentType = aliased(EntityType, name="parent_type")
Asset = aliased(Entity, name="asset")
AssetType = aliased(EntityType, name="asset_type")
Sequence = aliased(Entity, name="sequence")
Episode = aliased(Entity, name="episode")


def _links(project_id: uuid.UUID, *columns: Any) -> Select[Any]:
    """Links from a parent entity of the project to the asset cast in it."""
    return (
        select(*columns, AssetType.name, Asset.name, EntityLink.nb_occurences, EntityLink.label)
        .select_from(EntityLink)
        .join(Parent, Parent.id == EntityLink.entity_in_id)
        .join(ParentType, ParentType.id == Parent.entity_type_id)
        .join(Asset, Asset.id == EntityLink.entity_out_id)
        .join(AssetType, AssetType.id == Asset.entity_type_id)
        .where(Parent.project_id == project_id)
    )


def _ordered(stmt: Select[Any], *leading: Any) -> Select[Any]:
    return stmt.order_by(*leading, AssetType.name, Asset.name)


def _main_pack(session: Session, project_id: uuid.UUID) -> list[list[Any]]:
    """[episode "MP", parent type, parent, asset type, asset, occurences, label]."""
    stmt = _links(project_id, ParentType.name, Parent.name).where(
        Parent.source_id.is_(None), ParentType.name.not_in(("Shot", "Episode"))
    )
    stmt = _ordered(stmt, ParentType.name, Parent.name)
    return [["MP", *row] for row in session.execute(stmt)]


def _episodes(session: Session, project_id: uuid.UUID) -> list[list[Any]]:
    stmt = _links(project_id, ParentType.name, Parent.name).where(
        Parent.source_id.is_(None), ParentType.name == "Episode"
    )
    stmt = _ordered(stmt, ParentType.name, Parent.name)
    return [list(row) for row in session.execute(stmt)]


def _shots(
    session: Session, project_id: uuid.UUID, tv_show: bool, episode_id: uuid.UUID | None
) -> list[list[Any]]:
    stmt = _links(project_id, Sequence.name, Parent.name).join(
        Sequence, Sequence.id == Parent.parent_id
    )
    if tv_show:
        stmt = stmt.add_columns(Episode.name).join(Episode, Episode.id == Sequence.parent_id)
        if episode_id is not None:
            stmt = stmt.where(Episode.id == episode_id)
        stmt = _ordered(stmt, Episode.name, Sequence.name, Parent.name)
        # The episode name was added last: move it first.
        return [[row[-1], *row[:-1]] for row in session.execute(stmt)]
    stmt = _ordered(stmt, Sequence.name, Parent.name)
    return [list(row) for row in session.execute(stmt)]


def _assets(
    session: Session, project_id: uuid.UUID, tv_show: bool, episode_id: uuid.UUID | None
) -> list[list[Any]]:
    stmt = _links(project_id, ParentType.name, Parent.name).where(ParentType.name != "Shot")
    if not tv_show:
        stmt = _ordered(stmt, ParentType.name, Parent.name)
        return [list(row) for row in session.execute(stmt)]
    stmt = stmt.add_columns(Episode.name).join(Episode, Episode.id == Parent.source_id)
    if episode_id is not None:
        stmt = stmt.where(Episode.id == episode_id)
    stmt = _ordered(stmt, Episode.name, ParentType.name, Parent.name)
    rows = [[row[-1], *row[:-1]] for row in session.execute(stmt)]
    return rows + _main_pack(session, project_id)


def casting(
    session: Session,
    project: Project,
    episode_id: str | None,
    shot_casting: bool,
) -> list[Row]:
    """The casting rows; `episode_id` is "main", "all", an episode id (checked) or None."""
    tv_show = project.production_type == "tvshow"
    with_episode = tv_show and episode_id != "all"
    episode = uuid.UUID(episode_id) if episode_id not in (None, "main", "all") else None
    if episode_id == "main":
        rows = _main_pack(session, project.id)
        if not tv_show:
            rows = [row[1:] for row in rows]
    elif episode_id == "all":
        rows = _episodes(session, project.id)
    elif shot_casting:
        rows = _shots(session, project.id, tv_show, episode)
    else:
        rows = _assets(session, project.id, tv_show, episode)
    out: list[Row] = [["Episode", *HEADERS] if with_episode else list(HEADERS)]
    for row in rows:
        *lead, occurences, label = row
        cells = [*lead, occurences, label or ""]
        if with_episode:
            cells[0] = cells[0] or ""
        out.append(cells)
    return out
