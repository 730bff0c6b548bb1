"""Removing assets, shots, edits and concepts as Zou does: canceled while tasks exist."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, exists, select

from reeltrack.crud.hooks import entities as entity_hooks
from reeltrack.crud.hooks.production import event_words
from reeltrack.models import Entity, EntityType, Task
from reeltrack.services import entity_access as access
from reeltrack.wire.errors import WrongParameter

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

REMOVABLE = ("Asset", "Shot", "Edit", "Concept")


def _has_tasks(ctx: Ctx, entity_id: uuid.UUID) -> bool:
    return bool(ctx.session.scalar(select(exists().where(Task.entity_id == entity_id))))


def remove(ctx: Ctx, entity: Entity, kind: str, force: bool) -> None:
    """Without force an entity with tasks is only canceled; else it goes with its tasks."""
    prefix, stem = event_words(kind)
    payload = {f"{stem}_id": entity.id}
    if not force and _has_tasks(ctx, entity.id):
        entity.canceled = True
        ctx.session.flush()
        ctx.uow.emit(f"{prefix}:update", payload, entity.project_id)
        return
    entity_hooks.before_delete(ctx, entity, force=True)
    project_id = entity.project_id
    ctx.session.execute(delete(Entity).where(Entity.id == entity.id))
    ctx.session.expunge(entity)
    ctx.uow.emit(f"{prefix}:delete", payload, project_id)


def parse_ids(body: Any) -> list[uuid.UUID]:
    """A JSON list of entity ids."""
    if not isinstance(body, list):
        raise WrongParameter("A list of ids is expected.")
    return [access.parse_id(item) for item in body]


def remove_as_owner(ctx: Ctx, entity_id: str, kind: str, force: bool) -> None:
    """Remove an entity of this kind for its creator or a manager of its project."""
    entity = access.typed_entity(ctx.session, entity_id, kind)
    access.check_creator_or_manager(ctx.session, ctx.actor, entity)
    remove(ctx, entity, kind, force)


def remove_many(
    ctx: Ctx, project_id: uuid.UUID, entity_ids: list[uuid.UUID], force: bool
) -> list[str]:
    """Zou's delete-entities: unknown or foreign ids are skipped, concepts always forced."""
    rows = ctx.session.execute(
        select(Entity, EntityType.name)
        .join(EntityType, EntityType.id == Entity.entity_type_id)
        .where(Entity.id.in_(entity_ids))
    ).all()
    found = {entity.id: (entity, name) for entity, name in rows}
    access.check_project(ctx.session, ctx.actor, project_id)
    if any(entity.created_by != ctx.actor.person_id for entity, _ in found.values()):
        access.check_manager(ctx.session, ctx.actor, project_id)
    todo = []
    for entity_id in dict.fromkeys(entity_ids):
        entity, _ = found.get(entity_id, (None, None))
        if entity is None or entity.project_id != project_id:
            continue
        kind = access.base_kind(ctx.session, entity)
        if kind not in REMOVABLE:
            continue
        todo.append((entity, kind, force or bool(entity.canceled) or kind == "Concept"))
    for entity, kind, entity_force in todo:
        remove(ctx, entity, kind, entity_force)
    return [str(entity.id) for entity, _, _ in todo]
