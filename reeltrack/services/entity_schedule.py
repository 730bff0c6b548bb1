"""Schedule items per asset type, episode, sequence or edit, for one task type of a project."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reeltrack.services.project_schedule import present_item

TEMPORAL_TYPES = ("Shot", "Sequence", "Episode", "Edit", "Scene", "Concept", "ConceptFolder")
KIND_TYPES = {"episodes": "Episode", "sequences": "Sequence", "edits": "Edit"}


def _targets(
    session: Session, project_id: uuid.UUID, kind: str, episode_id: uuid.UUID | None
) -> dict[uuid.UUID, str]:
    """{id: name} of what the schedule lists: asset types, episodes, sequences or edits."""
    from reeltrack.models import Entity, EntityType

    if kind == "asset-types":
        used = (
            select(Entity.entity_type_id)
            .join(EntityType, EntityType.id == Entity.entity_type_id)
            .where(Entity.project_id == project_id, EntityType.name.not_in(TEMPORAL_TYPES))
        )
        if episode_id is not None:
            used = used.where(Entity.source_id == episode_id)
        query: Any = select(EntityType.id, EntityType.name).where(EntityType.id.in_(used))
    else:
        query = (
            select(Entity.id, Entity.name)
            .join(EntityType, EntityType.id == Entity.entity_type_id)
            .where(Entity.project_id == project_id, EntityType.name == KIND_TYPES[kind])
        )
        if kind == "edits":
            query = query.where(Entity.canceled.is_not(True))
        if episode_id is not None:
            column = Entity.id if kind == "episodes" else Entity.parent_id
            query = query.where(column == episode_id)
    return {row_id: name for row_id, name in session.execute(query)}


def _existing(
    session: Session,
    project_id: uuid.UUID,
    task_type_id: uuid.UUID,
    kind: str,
    episode_id: uuid.UUID | None,
    targets: dict[uuid.UUID, str],
) -> list[Any]:
    from reeltrack.models import Entity, EntityType, ScheduleItem

    query: Any = select(ScheduleItem).where(
        ScheduleItem.project_id == project_id, ScheduleItem.task_type_id == task_type_id
    )
    if kind == "asset-types":
        query = query.join(EntityType, EntityType.id == ScheduleItem.object_id)
        if episode_id is not None:
            query = query.where(ScheduleItem.object_id.in_(list(targets)))
        return list(session.scalars(query))
    query = (
        query.join(Entity, Entity.id == ScheduleItem.object_id)
        .join(EntityType, EntityType.id == Entity.entity_type_id)
        .where(EntityType.name == KIND_TYPES[kind])
    )
    if episode_id is not None:
        column = ScheduleItem.object_id if kind == "episodes" else Entity.parent_id
        query = query.where(column == episode_id)
    return list(session.scalars(query))


def entity_schedule_items(
    session: Session,
    project_id: uuid.UUID,
    task_type_id: uuid.UUID,
    kind: str,
    episode_id: uuid.UUID | None,
) -> tuple[list[dict[str, Any]], list[Any]]:
    """Items for every target (missing ones created), without those of gone targets, by name."""
    from reeltrack.models import ScheduleItem

    targets = _targets(session, project_id, kind, episode_id)
    existing = _existing(session, project_id, task_type_id, kind, episode_id, targets)
    covered = {row.object_id for row in existing}
    today = dt.date.today()
    created = []
    for target_id in targets:
        if target_id not in covered:
            row = ScheduleItem(
                project_id=project_id,
                start_date=today,
                end_date=today + dt.timedelta(days=1),
                object_id=target_id,
                task_type_id=task_type_id,
            )
            session.add(row)
            created.append(row)
    session.flush()
    items = []
    for row in existing + created:
        if row.object_id in targets:
            item = present_item(row)
            item["name"] = targets[row.object_id]
            items.append(item)
    return sorted(items, key=lambda item: item["name"]), created
