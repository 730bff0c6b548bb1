"""Creating, updating and removing episodes, sequences, shots, scenes and edits."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from reeltrack.crud.cascade import is_referenced
from reeltrack.crud.hooks.entities import LINK_TABLES
from reeltrack.services.shot_access import check_delete, check_manager, type_id, typed_entity
from reeltrack.wire.errors import NotFound, WrongParameter
from reeltrack.wire.present import present

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

EPISODE_STATUSES = ("running", "complete", "standby", "canceled")


def presented(entity: Any, kind: str) -> dict[str, Any]:
    data = present(entity)
    data["type"] = kind
    return data


def parent_in_project(ctx: Ctx, parent_id: Any, kind: str, project_id: uuid.UUID) -> Any:
    """The parent (an episode or sequence) of the same project, else 404 as Zou."""
    if parent_id is None:
        return None
    parent = typed_entity(ctx.session, parent_id, kind)
    if parent.project_id != project_id:
        raise NotFound()
    return parent


def get_or_create(
    ctx: Ctx, kind: str, project_id: uuid.UUID, name: str, parent_id: Any, **values: Any
) -> tuple[Any, bool]:
    """The entity with this name under this parent, created (True) when missing."""
    from reeltrack.models import Entity

    kind_id = type_id(ctx.session, kind, create=True)
    same_parent = Entity.parent_id.is_(None) if parent_id is None else Entity.parent_id == parent_id
    found = ctx.session.scalars(
        select(Entity).where(
            Entity.entity_type_id == kind_id,
            Entity.project_id == project_id,
            Entity.name == name,
            same_parent,
        )
    ).first()
    if found is not None:
        return found, False
    entity = Entity(
        entity_type_id=kind_id,
        project_id=project_id,
        name=name,
        parent_id=parent_id,
        created_by=ctx.actor.person_id,
        **values,
    )
    ctx.session.add(entity)
    ctx.session.flush()
    return entity, True


def create_episode(ctx: Ctx, project: Any, body: Any) -> dict[str, Any]:
    status = body.status if body.status in EPISODE_STATUSES else "running"
    values = {"status": status, "description": body.description, "data": body.data or {}}
    episode, new = get_or_create(ctx, "Episode", project.id, body.name, None, **values)
    if new:
        ctx.uow.emit("episode:new", {"episode_id": episode.id}, project.id)
    return presented(episode, "Episode")


def create_sequence(ctx: Ctx, project: Any, body: Any) -> dict[str, Any]:
    episode = parent_in_project(ctx, body.episode_id, "Episode", project.id)
    parent_id = episode.id if episode is not None else None
    values = {"description": body.description, "data": body.data or {}}
    sequence, new = get_or_create(ctx, "Sequence", project.id, body.name, parent_id, **values)
    if new:
        ctx.uow.emit("sequence:new", {"sequence_id": sequence.id}, project.id)
    return presented(sequence, "Sequence")


def create_shot(ctx: Ctx, project: Any, body: Any) -> dict[str, Any]:
    sequence = parent_in_project(ctx, body.sequence_id, "Sequence", project.id)
    parent_id = sequence.id if sequence is not None else None
    values = {"data": body.data or {}, "nb_frames": body.nb_frames, "description": body.description}
    shot, new = get_or_create(ctx, "Shot", project.id, body.name, parent_id, **values)
    if new:
        episode_id = sequence.parent_id if sequence is not None else None
        payload = {"shot_id": shot.id, "episode_id": episode_id}
        ctx.uow.emit("shot:new", payload, project.id)
    return presented(shot, "Shot")


def create_scene(ctx: Ctx, project: Any, body: Any) -> dict[str, Any]:
    sequence = parent_in_project(ctx, body.sequence_id, "Sequence", project.id)
    parent_id = sequence.id if sequence is not None else None
    scene, new = get_or_create(ctx, "Scene", project.id, body.name, parent_id, data={})
    if new:
        ctx.uow.emit("scene:new", {"scene_id": scene.id}, project.id)
    return presented(scene, "Scene")


def create_edit(ctx: Ctx, project: Any, body: Any) -> dict[str, Any]:
    episode_id = body.episode_id or body.parent_id
    episode = parent_in_project(ctx, episode_id, "Episode", project.id)
    parent_id = episode.id if episode is not None else None
    values = {"data": body.data or {}, "description": body.description}
    edit, new = get_or_create(ctx, "Edit", project.id, body.name, parent_id, **values)
    if new:
        ctx.uow.emit("edit:new", {"edit_id": edit.id, "parent_id": parent_id}, project.id)
    return presented(edit, "Edit")


def update_shot(ctx: Ctx, shot: Any, body: dict[str, Any]) -> dict[str, Any]:
    """Zou's shot PUT: managers only, metadata merged, parent a sequence of the project."""
    from reeltrack.crud.registry import registry
    from reeltrack.crud.service import update_row
    from reeltrack.models import Entity

    check_manager(ctx.actor, shot.project_id)
    if "sequence_id" in body and "parent_id" not in body:
        body["parent_id"] = body["sequence_id"]
    for key in ("frame_in", "frame_out", "fps"):
        if key in body and isinstance(body.get("data"), dict):
            body["data"][key] = body[key]
    if body.get("parent_id") is not None:
        parent = typed_entity(ctx.session, body["parent_id"], "Sequence")
        if parent.project_id != shot.project_id:
            raise WrongParameter("The sequence belongs to another project.")
    data = update_row(ctx, registry.by_model(Entity), str(shot.id), body)
    data["type"] = "Shot"
    return data


def _has_tasks(ctx: Ctx, entity: Any) -> bool:
    from reeltrack.models import Task

    query = select(Task.id).where(Task.entity_id == entity.id).limit(1)
    return ctx.session.scalar(query) is not None


def remove(ctx: Ctx, entity: Any, kind: str, force: bool) -> None:
    """Zou's removal: shots and edits with tasks are canceled unless forced; the rest go.

    The cascade itself (tasks, versions, links, children...) is the entity CRUD hook's.
    """
    from reeltrack.crud.registry import registry
    from reeltrack.crud.service import delete_row
    from reeltrack.models import Entity

    check_delete(ctx.actor, entity)
    stem = kind.lower()
    if kind in ("Shot", "Edit") and not force and _has_tasks(ctx, entity):
        entity.canceled = True
        ctx.session.flush()
        ctx.uow.emit(f"{stem}:update", {f"{stem}_id": entity.id}, entity.project_id)
        return
    if kind == "Scene" and not force:
        ignore = LINK_TABLES | {"subscription"}
        if is_referenced(ctx.session, entity.__table__, entity.id, ignore=ignore):
            entity.canceled = True
            ctx.session.flush()
            ctx.uow.emit("scene:delete", {"scene_id": entity.id}, entity.project_id)
            return
    whole = force or kind in ("Shot", "Edit")
    delete_row(ctx, registry.by_model(Entity), str(entity.id), whole)


def link_scene(ctx: Ctx, scene: Any, shot: Any, attach: bool) -> dict[str, Any]:
    """Set (or clear) the shot's source scene; `shot:add-to-scene` / `remove-from-scene`."""
    if shot.project_id != scene.project_id:
        raise WrongParameter("The shot belongs to another project.")
    shot.source_id = scene.id if attach else None
    ctx.session.flush()
    ctx.uow.emit("shot:update", {"shot_id": shot.id}, shot.project_id)
    action = "add-to-scene" if attach else "remove-from-scene"
    payload = {"scene_id": scene.id, "shot_id": shot.id}
    ctx.uow.emit(f"shot:{action}", payload, shot.project_id)
    return presented(shot, "Shot")
