"""Listings of episodes, sequences, shots, scenes and edits, as Zou answers them.

Every listing runs a fixed number of queries: the rows (with the names joined in), and
for vendors one more for the metadata descriptors they may not see.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from reeltrack.auth.actor import Actor
from reeltrack.crud.hooks.production import assigned_entities
from reeltrack.services.shot_access import is_vendor, type_id
from reeltrack.wire.present import present

IGNORED_PARAMS = frozenset({"episode_id", "sequence_id"})


def _entity_spec() -> Any:
    from reeltrack.crud.registry import registry
    from reeltrack.models import Entity

    return registry.by_model(Entity)


def filtered(actor: Actor, stmt: Select[Any], params: Mapping[str, str]) -> Select[Any]:
    """Column filters from the query string (`?project_id=`, `?id=[...]`), as the CRUD does."""
    from reeltrack.crud.service import apply_filters

    spec = _entity_spec()
    kept = {key: value for key, value in params.items() if key not in IGNORED_PARAMS}
    return apply_filters(spec, stmt, kept, spec.unfilterable_columns(actor))


def _of_type(session: Session, kind: str) -> Any:
    from reeltrack.models import Entity

    found = type_id(session, kind)
    return Entity.entity_type_id == found if found is not None else Entity.id.is_(None)


def assigned_only(actor: Actor, stmt: Select[Any], holder: Any = None) -> Select[Any]:
    """Keep the entities (or those whose `holder` child) hold a task assigned to the caller."""
    from reeltrack.models import Entity

    if holder is None:
        return stmt.where(Entity.id.in_(assigned_entities(actor)))
    child = aliased(Entity)
    holders = select(getattr(child, holder)).where(child.id.in_(assigned_entities(actor)))
    return stmt.where(Entity.id.in_(holders))


def _presented(rows: list[Any], kind: str) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        data = present(row)
        data["type"] = kind
        out.append(data)
    return out


def typed(session: Session, kind: str, *where: Any) -> Select[Any]:
    """Entities of a type matching `where`, ordered by name."""
    from reeltrack.models import Entity

    return select(Entity).where(_of_type(session, kind), *where).order_by(Entity.name)


def with_links(session: Session, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add the relation id lists (`entities_out`...) Zou adds with `relations=true`."""
    from reeltrack.crud.spec import model_links
    from reeltrack.models import Entity

    ids = [uuid.UUID(str(item["id"])) for item in items]
    for link in model_links(Entity):
        per_row: dict[Any, list[Any]] = {}
        if ids:
            local, remote = link.table.c[link.local], link.table.c[link.remote]
            for owner, target in session.execute(select(local, remote).where(local.in_(ids))):
                per_row.setdefault(owner, []).append(target)
        for item, item_id in zip(items, ids, strict=True):
            item[link.key] = per_row.get(item_id, [])
    return items


def rows_of(session: Session, stmt: Select[Any], kind: str) -> list[dict[str, Any]]:
    return _presented(list(session.scalars(stmt)), kind)


def named_rows(
    session: Session, stmt: Select[Any], kind: str, with_sequence: bool = True
) -> list[dict[str, Any]]:
    """Rows with `project_name` (and `sequence_name` of their parent, inner joined as Zou)."""
    from reeltrack.models import Entity, Project

    sequence = aliased(Entity, name="sequence")
    stmt = stmt.join(Project, Project.id == Entity.project_id).add_columns(Project.name)
    if with_sequence:
        stmt = stmt.join(sequence, sequence.id == Entity.parent_id).add_columns(sequence.name)
    out = []
    for row in session.execute(stmt):
        data = present(row[0])
        data["project_name"] = row[1]
        if with_sequence:
            data["sequence_name"] = row[2]
        data["type"] = kind
        out.append(data)
    out.sort(key=lambda item: item["name"].casefold())
    return out


def mask_for_vendor(
    session: Session,
    actor: Actor,
    kind: str,
    items: list[dict[str, Any]],
    project_id: Any = None,
) -> list[dict[str, Any]]:
    """Drop from `data` the metadata fields of descriptors outside a vendor's departments."""
    from reeltrack.models import MetadataDescriptor
    from reeltrack.models import department_metadata_descriptor_link as link

    if not items or not is_vendor(actor, project_id or items[0].get("project_id")):
        return items
    projects = {item.get("project_id") or project_id for item in items}
    query = (
        select(MetadataDescriptor.project_id, MetadataDescriptor.field_name, link.c.department_id)
        .join(link, link.c.metadata_descriptor_id == MetadataDescriptor.id)
        .where(MetadataDescriptor.entity_type == kind, MetadataDescriptor.project_id.in_(projects))
    )
    allowed: dict[tuple[uuid.UUID, str], bool] = {}
    departments = actor.department_ids
    for descriptor_project, field_name, department_id in session.execute(query):
        key = (descriptor_project, field_name)
        allowed[key] = allowed.get(key, False) or department_id in departments
    for item in items:
        owner = item.get("project_id") or project_id
        data = item.get("data") or {}
        item["data"] = {k: v for k, v in data.items() if allowed.get((owner, k), True)}
    return items
