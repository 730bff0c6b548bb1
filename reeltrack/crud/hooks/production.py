"""Shared by the entity and task hooks: base type names, team scopes, vendor access."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session, object_session

from reeltrack.auth.actor import Actor

# Entity types positioned in time (and concept folders); every other type is an asset type.
TEMPORAL_TYPES = frozenset(
    {"Shot", "Sequence", "Episode", "Edit", "Scene", "Concept", "ConceptFolder"}
)


def base_name(type_name: str | None) -> str:
    """The name the API gives an entity of this type: its temporal name, else Asset."""
    return type_name if type_name in TEMPORAL_TYPES else "Asset"  # type: ignore[return-value]


def base_type_names(session: Session, type_ids: Iterable[Any]) -> dict[uuid.UUID, str]:
    """Base type name per entity type id, in one query."""
    from reeltrack.models import EntityType

    wanted = {type_id for type_id in type_ids if type_id is not None}
    if not wanted:
        return {}
    rows = session.execute(select(EntityType.id, EntityType.name).where(EntityType.id.in_(wanted)))
    return {type_id: base_name(name) for type_id, name in rows}


def base_type_of(session: Session, entity: Any) -> str:
    """Base type name of one entity row (the entity type is usually in the identity map)."""
    from reeltrack.models import EntityType

    entity_type = session.get(EntityType, entity.entity_type_id)
    return base_name(entity_type.name if entity_type else None)


def event_words(type_name: str) -> tuple[str, str]:
    """`ConceptFolder` -> (`concept-folder`, `concept_folder`): event prefix and id key stem."""
    words = [word.lower() for word in re.findall("[A-Z][a-z]*", type_name)]
    return "-".join(words), "_".join(words)


def open_team_projects(actor: Actor) -> Select[Any]:
    """Ids of the open projects whose team includes the caller."""
    from reeltrack.models import Project, ProjectStatus

    return (
        select(Project.id)
        .join(ProjectStatus, ProjectStatus.id == Project.project_status_id)
        .where(ProjectStatus.name == "Open", Project.id.in_(actor.project_ids))
    )


def assigned_tasks(actor: Actor) -> Select[Any]:
    """Ids of the tasks assigned to the caller."""
    from reeltrack.models.task import task_person_link as link

    return select(link.c.task_id).where(link.c.person_id == actor.person_id)


def assigned_entities(actor: Actor) -> Select[Any]:
    """Ids of the entities holding a task assigned to the caller."""
    from reeltrack.models import Task

    return select(Task.entity_id).where(Task.id.in_(assigned_tasks(actor)))


def has_task_on(session: Session, actor: Actor, entity_id: Any) -> bool:
    """Whether a task of this entity is assigned to the caller."""
    from reeltrack.models import Task

    query = exists().where(Task.entity_id == entity_id, Task.id.in_(assigned_tasks(actor)))
    return bool(session.scalar(select(query)))


def entity_access(actor: Actor, project_id: Any, entity_id: Any, row: Any) -> bool:
    """Zou's project access plus entity access: a vendor needs a task assigned on the entity."""
    if actor.is_admin:
        return True
    role = actor.role_in(project_id)
    if role is None:
        return False
    if role != "vendor":
        return True
    session = object_session(row)
    return session is not None and has_task_on(session, actor, entity_id)
