"""The caller's subscriptions to tasks and to (sequence, task type) pairs."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reeltrack.auth.actor import Actor
from reeltrack.crud.values import parse_uuid
from reeltrack.db import revisions
from reeltrack.models import Entity, EntityType, Subscription, Task, TaskType
from reeltrack.wire.errors import Forbidden, NotFound, WrongParameter
from reeltrack.wire.present import present


def check_id(value: Any) -> uuid.UUID:
    parsed = parse_uuid(value)
    if parsed is None:
        raise WrongParameter("Malformed ID.")
    return parsed


def _check_project(actor: Actor, project_id: Any) -> None:
    if not actor.is_admin and not actor.is_member(project_id):
        raise Forbidden()


def _task_subscription(session: Session, actor: Actor, task_id: uuid.UUID) -> Any:
    query = select(Subscription).where(
        Subscription.person_id == actor.person_id, Subscription.task_id == task_id
    )
    return session.scalars(query).first()


def is_task_subscribed(session: Session, actor: Actor, task_id: str) -> bool:
    return _task_subscription(session, actor, check_id(task_id)) is not None


def accessible_tasks(session: Session, actor: Actor, task_ids: list[Any]) -> list[uuid.UUID]:
    """The tasks, each existing (404) and in a project the caller reaches (403)."""
    parsed = [check_id(task_id) for task_id in task_ids]
    query = select(Task.id, Task.project_id).where(Task.id.in_(parsed))
    found = {task_id: project_id for task_id, project_id in session.execute(query)}
    for task_id in parsed:
        if task_id not in found:
            raise NotFound()
        _check_project(actor, found[task_id])
    return parsed


def subscribe_task(session: Session, actor: Actor, task_id: uuid.UUID) -> dict[str, Any]:
    row = _task_subscription(session, actor, task_id)
    if row is None:
        row = Subscription(person_id=actor.person_id, task_id=task_id)
        session.add(row)
        session.flush()
        revisions.touch(session, revisions.person_key(actor.person_id))
    return present(row)


def unsubscribe_task(session: Session, actor: Actor, task_id: Any) -> None:
    row = _task_subscription(session, actor, check_id(task_id))
    if row is not None:
        session.delete(row)
        session.flush()
        revisions.touch(session, revisions.person_key(actor.person_id))


def _sequence_subscription(session: Session, actor: Actor, sequence_id: Any, kind: Any) -> Any:
    query = select(Subscription).where(
        Subscription.person_id == actor.person_id,
        Subscription.entity_id == check_id(sequence_id),
        Subscription.task_type_id == check_id(kind),
    )
    return session.scalars(query).first()


def is_sequence_subscribed(session: Session, actor: Actor, sequence_id: str, kind: str) -> bool:
    return _sequence_subscription(session, actor, sequence_id, kind) is not None


def subscribe_sequence(
    session: Session, actor: Actor, sequence_id: str, task_type_id: str
) -> dict[str, Any]:
    """Follow a sequence for one task type; the sequence must be one the caller reaches."""
    query = (
        select(Entity.project_id)
        .join(EntityType, EntityType.id == Entity.entity_type_id)
        .where(Entity.id == check_id(sequence_id), EntityType.name == "Sequence")
    )
    project_id = session.scalar(query)
    if project_id is None:
        raise NotFound()
    _check_project(actor, project_id)
    if session.get(TaskType, check_id(task_type_id)) is None:
        raise NotFound()
    row = _sequence_subscription(session, actor, sequence_id, task_type_id)
    if row is None:
        row = Subscription(
            person_id=actor.person_id,
            entity_id=check_id(sequence_id),
            task_type_id=check_id(task_type_id),
        )
        session.add(row)
        session.flush()
    return present(row)


def unsubscribe_sequence(session: Session, actor: Actor, sequence_id: str, kind: str) -> None:
    row = _sequence_subscription(session, actor, sequence_id, kind)
    if row is not None:
        session.delete(row)
        session.flush()
