"""What a casting change touches besides its links: counters, ready stats, episode links."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, aliased

from reeltrack.db.upsert import insert_missing
from reeltrack.models import Entity, EntityLink, EntityType, ProjectTaskTypeLink, Task, TaskType

# ctx.uow.emit: (name, data, project_id).
Emit = Callable[..., None]


def count_live_links(session: Session, entity_id: uuid.UUID) -> int:
    """Links of an entity to assets that are not canceled."""
    query = (
        select(func.count())
        .select_from(EntityLink)
        .join(Entity, Entity.id == EntityLink.entity_out_id)
        .where(EntityLink.entity_in_id == entity_id, Entity.canceled.is_not(True))
    )
    return int(session.scalar(query) or 0)


def _priorities(session: Session, project_id: uuid.UUID) -> dict[Any, int | None]:
    """Priority of each shot task type in the project's settings."""
    query = (
        select(ProjectTaskTypeLink.task_type_id, ProjectTaskTypeLink.priority)
        .join(TaskType, TaskType.id == ProjectTaskTypeLink.task_type_id)
        .where(ProjectTaskTypeLink.project_id == project_id, TaskType.for_entity == "Shot")
    )
    return dict(session.execute(query).tuples().all())


def _is_ready(asset: Any, task: Task, priorities: dict[Any, int | None]) -> bool:
    """Shared assets of other productions are ready; others once ready for this step."""
    if asset.canceled:
        return False
    if asset.is_shared and asset.project_id != task.project_id:
        return True
    ready_for = asset.ready_for
    if ready_for is None:
        return False
    ready_priority = priorities.get(ready_for, -1) or -1
    task_priority = priorities.get(task.task_type_id, 0) or 0
    return task_priority <= ready_priority


def refresh_shot_stats(session: Session, shot: Entity, emit: Emit) -> None:
    """Each task of the shot counts the cast assets ready for its step."""
    tasks = list(session.scalars(select(Task).where(Task.entity_id == shot.id)))
    if not tasks:
        return
    priorities = _priorities(session, shot.project_id)
    cast = session.execute(
        select(Entity.canceled, Entity.is_shared, Entity.project_id, Entity.ready_for)
        .join(EntityLink, EntityLink.entity_out_id == Entity.id)
        .where(EntityLink.entity_in_id == shot.id)
    ).all()
    for task in tasks:
        task.nb_assets_ready = sum(1 for asset in cast if _is_ready(asset, task, priorities))
        emit(
            "task:update-casting-stats",
            {"task_id": task.id, "nb_assets_ready": task.nb_assets_ready},
            shot.project_id,
        )
    session.flush()


def episode_of(session: Session, entity: Entity) -> Entity | None:
    """The episode of a shot (through its sequence), if any."""
    if entity.parent_id is None:
        return None
    sequence = aliased(Entity, name="sequence")
    episode_type = aliased(EntityType, name="episode_type")
    query = (
        select(Entity)
        .join(sequence, sequence.parent_id == Entity.id)
        .join(episode_type, episode_type.id == Entity.entity_type_id)
        .where(sequence.id == entity.parent_id, episode_type.name == "Episode")
    )
    return session.scalars(query).first()


def episode_shot_ids(session: Session, episode_id: uuid.UUID) -> Any:
    """Select of the ids of the entities hanging from the episode's sequences."""
    sequence = aliased(Entity, name="sequence")
    return (
        select(Entity.id)
        .join(sequence, sequence.id == Entity.parent_id)
        .where(sequence.parent_id == episode_id)
    )


def ensure_episode_links(
    session: Session, shot: Entity, casts: dict[uuid.UUID, str], emit: Emit
) -> None:
    """Assets cast in a shot join its episode's casting, marked as automatic."""
    episode = episode_of(session, shot)
    if episode is None or not casts:
        return
    linked = set(
        session.scalars(
            select(EntityLink.entity_out_id).where(
                EntityLink.entity_in_id == episode.id,
                EntityLink.entity_out_id.in_(list(casts)),
            )
        )
    )
    for asset_id, label in casts.items():
        if asset_id in linked:
            continue
        # Another shot of the episode may be cast at the same moment: skip its link.
        values = {
            "id": uuid.uuid4(),
            "entity_in_id": episode.id,
            "entity_out_id": asset_id,
            "nb_occurences": 1,
            "label": label,
            "data": {"auto": True},
        }
        if not insert_missing(session, EntityLink.__table__, values):
            continue
        episode.nb_entities_out = (episode.nb_entities_out or 0) + 1
        emit("asset:update", {"asset_id": asset_id}, shot.project_id)
    session.flush()


def detach_unused_from_episode(
    session: Session, shot: Entity, asset_ids: list[uuid.UUID], emit: Emit
) -> None:
    """Automatic episode links go once no shot of the episode casts the asset any more."""
    episode = episode_of(session, shot)
    if episode is None or not asset_ids:
        return
    still_cast = set(
        session.scalars(
            select(EntityLink.entity_out_id).where(
                EntityLink.entity_in_id.in_(episode_shot_ids(session, episode.id)),
                EntityLink.entity_out_id.in_(asset_ids),
            )
        )
    )
    links = session.scalars(
        select(EntityLink).where(
            EntityLink.entity_in_id == episode.id, EntityLink.entity_out_id.in_(asset_ids)
        )
    ).all()
    for link in links:
        # A link set from the episode breakdown itself is a decision of its own.
        if link.entity_out_id in still_cast or not (link.data or {}).get("auto"):
            continue
        session.delete(link)
        episode.nb_entities_out = max((episode.nb_entities_out or 0) - 1, 0)
        change = {
            "episode_id": episode.id,
            "nb_entities_out": episode.nb_entities_out,
            "added_asset_ids": [],
            "removed_asset_ids": [str(link.entity_out_id)],
        }
        emit("episode:casting-update", change, episode.project_id)
        emit("asset:update", {"asset_id": link.entity_out_id}, episode.project_id)
    session.flush()


def remove_from_episode_shots(
    session: Session, episode: Entity, asset_id: uuid.UUID, emit: Emit
) -> None:
    """An asset taken out of an episode leaves the casting of every shot of the episode."""
    shots = session.scalars(
        select(Entity)
        .join(EntityLink, EntityLink.entity_in_id == Entity.id)
        .where(
            EntityLink.entity_out_id == asset_id,
            Entity.id.in_(episode_shot_ids(session, episode.id)),
        )
    ).all()
    if not shots:
        return
    session.execute(
        delete(EntityLink).where(
            EntityLink.entity_out_id == asset_id,
            EntityLink.entity_in_id.in_([shot.id for shot in shots]),
        )
    )
    for shot in shots:
        shot.nb_entities_out = count_live_links(session, shot.id)
        refresh_shot_stats(session, shot, emit)
        change = {
            "shot_id": shot.id,
            "nb_entities_out": shot.nb_entities_out,
            "added_asset_ids": [],
            "removed_asset_ids": [str(asset_id)],
        }
        emit("shot:casting-update", change, shot.project_id)
    session.flush()
