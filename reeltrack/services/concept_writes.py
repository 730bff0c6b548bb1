"""Concepts and concept folders: lists, creation, folders, moves (Zou's `concepts` blueprint)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from pydantic import Field, field_validator
from sqlalchemy import select

from reeltrack.crud.registry import registry
from reeltrack.crud.service import apply_filters, present_rows
from reeltrack.crud.values import parse_uuid
from reeltrack.models import Entity, EntityConceptLink, Project
from reeltrack.services import entity_access as access
from reeltrack.services.with_tasks import has_assigned_task, type_filter
from reeltrack.wire.body import BodySchema
from reeltrack.wire.errors import NotFound, WrongParameter

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx


def _uuid_text(value: Any) -> Any:
    if value is not None and parse_uuid(value) is None:
        raise ValueError("must be a valid UUID")
    return value


class NewConcept(BodySchema):
    name: str = Field(min_length=1)
    data: dict[str, Any] | None = None
    description: str | None = None
    entity_concept_links: list[Any] = Field(default_factory=list)
    parent_id: str | None = None

    _check_parent = field_validator("parent_id")(_uuid_text)


class ConceptFolderBody(BodySchema):
    name: str = Field(min_length=1, max_length=160)


class MoveConcepts(BodySchema):
    concept_ids: list[str]
    concept_folder_id: str | None = None

    _check_folder = field_validator("concept_folder_id")(_uuid_text)

    @field_validator("concept_ids")
    @classmethod
    def _check_ids(cls, value: list[str]) -> list[str]:
        for item in value:
            _uuid_text(item)
        return value


def presented(ctx: Ctx, rows: list[Any], kind: str, relations: bool = False) -> list[dict]:
    out = present_rows(ctx, registry.by_model(Entity), rows, relations)
    for data in out:
        data["type"] = kind
    return out


def concepts(ctx: Ctx, params: dict[str, str]) -> list[dict[str, Any]]:
    """Concepts matching column filters, with their project name, by name."""
    spec = registry.by_model(Entity)
    plain = {k: v for k, v in params.items() if k != "assigned_to"}
    stmt = select(Entity).where(type_filter("Concept")).order_by(Entity.name)
    stmt = apply_filters(spec, stmt, plain, spec.unfilterable_columns(ctx.actor))
    if not ctx.actor.is_admin:
        stmt = stmt.where(Entity.project_id.in_(list(ctx.actor.project_ids)))
    if "assigned_to" in params:
        stmt = stmt.where(has_assigned_task(str(ctx.actor.person_id)))
    rows = list(ctx.session.scalars(stmt))
    names = dict(ctx.session.execute(select(Project.id, Project.name)).all()) if rows else {}
    out = presented(ctx, rows, "Concept")
    for data in out:
        data["project_name"] = names.get(data["project_id"])
    return out


def of_project(ctx: Ctx, project_id: uuid.UUID, kind: str) -> list[dict[str, Any]]:
    stmt = select(Entity).where(type_filter(kind), Entity.project_id == project_id)
    return presented(ctx, list(ctx.session.scalars(stmt.order_by(Entity.name))), kind)


def _find(ctx: Ctx, project_id: uuid.UUID, kind: str, name: str) -> Entity | None:
    stmt = select(Entity).where(
        type_filter(kind), Entity.project_id == project_id, Entity.name == name
    )
    return ctx.session.scalars(stmt.limit(1)).first()


def _type_id(ctx: Ctx, name: str) -> uuid.UUID:
    from reeltrack.services.shot_access import type_id

    found = type_id(ctx.session, name, create=True)
    assert found is not None
    return found


def folder_of(ctx: Ctx, project_id: uuid.UUID, folder_id: Any) -> Entity:
    folder = access.typed_entity(ctx.session, folder_id, "ConceptFolder")
    if folder.project_id != project_id:
        raise NotFound()
    return folder


def create_concept(ctx: Ctx, project_id: uuid.UUID, body: NewConcept) -> dict[str, Any]:
    """A new concept, or the existing one of that name (Zou answers it unchanged)."""
    if body.parent_id is not None:
        folder_of(ctx, project_id, body.parent_id)
    concept = _find(ctx, project_id, "Concept", body.name)
    if concept is None:
        concept = Entity(
            entity_type_id=_type_id(ctx, "Concept"),
            project_id=project_id,
            name=body.name,
            data=body.data or {},
            description=body.description,
            created_by=ctx.actor.person_id,
            parent_id=access.parse_id(body.parent_id) if body.parent_id else None,
        )
        ctx.session.add(concept)
        ctx.session.flush()
        for linked_id in _linked(ctx, project_id, body.entity_concept_links):
            ctx.session.add(EntityConceptLink(entity_in_id=concept.id, entity_out_id=linked_id))
        ctx.session.flush()
        ctx.uow.emit("concept:new", {"concept_id": concept.id}, project_id)
    return presented(ctx, [concept], "Concept", relations=True)[0]


def _linked(ctx: Ctx, project_id: uuid.UUID, raw_ids: list[Any]) -> list[uuid.UUID]:
    """Existing entities of the project among the given ids (unknown ones are skipped)."""
    ids = []
    for raw in raw_ids:
        parsed = parse_uuid(raw)
        if parsed is None:
            raise WrongParameter("Malformed ID.")
        ids.append(parsed)
    if not ids:
        return []
    stmt = select(Entity.id).where(Entity.id.in_(ids), Entity.project_id == project_id)
    return list(dict.fromkeys(ctx.session.scalars(stmt)))


def create_folder(ctx: Ctx, project_id: uuid.UUID, name: str) -> dict[str, Any]:
    folder = _find(ctx, project_id, "ConceptFolder", name)
    if folder is None:
        folder = Entity(
            entity_type_id=_type_id(ctx, "ConceptFolder"),
            project_id=project_id,
            name=name,
            created_by=ctx.actor.person_id,
        )
        ctx.session.add(folder)
        ctx.session.flush()
        ctx.uow.emit("concept-folder:new", {"concept_folder_id": folder.id}, project_id)
    return presented(ctx, [folder], "ConceptFolder")[0]


def rename_folder(ctx: Ctx, folder: Entity, name: str) -> dict[str, Any]:
    namesake = _find(ctx, folder.project_id, "ConceptFolder", name)
    if namesake is not None and namesake.id != folder.id:
        raise WrongParameter("A concept folder with this name already exists.")
    folder.name = name
    ctx.session.flush()
    payload = {"concept_folder_id": folder.id}
    ctx.uow.emit("concept-folder:update", payload, folder.project_id)
    return presented(ctx, [folder], "ConceptFolder")[0]


def move(
    ctx: Ctx, project_id: uuid.UUID, concept_ids: list[str], folder_id: str | None
) -> list[str]:
    """Put concepts of the project in a folder (or back at the root); answers the moved ids."""
    folder = folder_of(ctx, project_id, folder_id) if folder_id else None
    if not concept_ids:
        return []
    ids = [access.parse_id(i) for i in concept_ids]
    stmt = select(Entity).where(
        Entity.id.in_(ids), Entity.project_id == project_id, type_filter("Concept")
    )
    moved = list(ctx.session.scalars(stmt))
    for concept in moved:
        concept.parent_id = folder.id if folder is not None else None
    ctx.session.flush()
    for concept in moved:
        ctx.uow.emit("concept:update", {"concept_id": concept.id}, project_id)
    return [str(concept.id) for concept in moved]


def remove_folder(ctx: Ctx, folder: Entity) -> None:
    inside = select(Entity.id).where(Entity.parent_id == folder.id, type_filter("Concept"))
    move(ctx, folder.project_id, [str(i) for i in ctx.session.scalars(inside)], None)
    project_id, folder_id = folder.project_id, folder.id
    ctx.session.delete(folder)
    ctx.session.flush()
    ctx.uow.emit("concept-folder:delete", {"concept_folder_id": folder_id}, project_id)
