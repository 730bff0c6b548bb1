"""ETags for a project's boards (the with-tasks lists), so an unchanged board answers 304.

The tag hashes what the board is built from: the project's entities, tasks and casting
links (latest change and count), the entity types, the people (an assignee may go), the
project's metadata descriptors (vendors lose restricted fields), the caller's
subscriptions and the project itself, plus who asks, their role and departments there and
the query string. Above all it holds the revision counters of the project, of the
studio and of the caller (db/revisions.py), which every committed write moves: the
timestamps alone are stored to the second and could miss a change made in the same
second as the last one. Bodies are kept per tag (wire/body_cache.py).
"""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from reeltrack.auth.actor import Actor
from reeltrack.db import revisions
from reeltrack.models import (
    Entity,
    EntityLink,
    EntityType,
    MetadataDescriptor,
    Person,
    Project,
    Revision,
    Subscription,
    Task,
)


def _signals(session: Session, project_id: uuid.UUID, person_id: uuid.UUID) -> tuple:
    """Latest change and count of each source, then the revision counters, in one statement."""
    cast_in = aliased(Entity, name="cast_in")
    sources = [
        (Entity.updated_at, select(Entity).where(Entity.project_id == project_id)),
        (Task.updated_at, select(Task).where(Task.project_id == project_id)),
        (EntityType.updated_at, select(EntityType)),
        (Person.updated_at, select(Person)),
        (
            MetadataDescriptor.updated_at,
            select(MetadataDescriptor).where(MetadataDescriptor.project_id == project_id),
        ),
        (Subscription.updated_at, select(Subscription).where(Subscription.person_id == person_id)),
        (
            EntityLink.updated_at,
            select(EntityLink)
            .join(cast_in, cast_in.id == EntityLink.entity_in_id)
            .where(cast_in.project_id == project_id),
        ),
    ]
    columns: list[Any] = []
    for changed, query in sources:
        columns.append(
            query.with_only_columns(func.max(changed), maintain_column_froms=True).scalar_subquery()
        )
        columns.append(
            query.with_only_columns(func.count(), maintain_column_froms=True).scalar_subquery()
        )
    columns.append(select(Project.updated_at).where(Project.id == project_id).scalar_subquery())
    for key in revisions.project_keys(project_id, person_id):
        columns.append(select(Revision.revision).where(Revision.key == key).scalar_subquery())
    return tuple(session.execute(select(*columns)).one())


def board_etag(
    session: Session, actor: Actor, project_id: str | None, params: dict[str, str]
) -> str | None:
    """The board's tag, None when the list is not for one project."""
    if project_id is None:
        return None
    project = uuid.UUID(project_id)
    parts = [
        *_signals(session, project, actor.person_id),
        actor.person_id,
        actor.role_in(project),
        sorted(str(department) for department in actor.department_ids),
        sorted(params.items()),
    ]
    return hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()


def matches(if_none_match: str | None, etag: str) -> bool:
    """Whether the If-None-Match header names this tag (weak or strong) or `*`."""
    if not if_none_match:
        return False
    for candidate in if_none_match.split(","):
        value = candidate.strip()
        if value == "*":
            return True
        if value.startswith("W/"):
            value = value[2:]
        if value.strip('"') == etag:
            return True
    return False
