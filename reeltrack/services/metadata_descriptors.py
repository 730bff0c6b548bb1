"""Metadata descriptors of a project: the custom fields stored in the `data` of its rows."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from reeltrack.auth.actor import Actor
from reeltrack.crud.values import parse_uuid
from reeltrack.wire.errors import Forbidden, NotFound, WrongParameter
from reeltrack.wire.present import present

ENTITY_TYPES = ("Asset", "Shot", "Edit", "Episode", "Sequence", "Project", "Task")
WRONG_ENTITY_TYPE = (
    "Wrong entity type. Please select Asset, Shot, Sequence, Episode, Edit, Project, or Task."
)
DATA_TYPES = (
    "string",
    "number",
    "list",
    "taglist",
    "boolean",
    "checklist",
    "date",
    "url",
    "textarea",
    "person",
)
TEMPORAL_TYPES = ("Shot", "Sequence", "Episode", "Edit", "Scene", "Concept", "ConceptFolder")
NAME_LENGTH = 120


def field_name_of(name: str) -> str:
    """The key a descriptor's values are stored under: its name, ASCII, lower snake case."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")


def role_on(actor: Actor, project_id: uuid.UUID) -> str:
    return "admin" if actor.is_admin else (actor.role_in(project_id) or actor.role)


def check_departments_access(actor: Actor, project_id: uuid.UUID, departments: list[str]) -> None:
    """Admins and the project's managers pass; its supervisors when every department is theirs."""
    role = role_on(actor, project_id)
    if role == "admin" or (actor.is_member(project_id) and role == "manager"):
        return
    if actor.is_member(project_id) and role == "supervisor":
        mine = {str(value) for value in actor.department_ids}
        wanted = {str(value) for value in departments}
        if departments and (not mine or mine <= wanted):
            return
    raise Forbidden()


def _departments_of(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
    from reeltrack.models.metadata_descriptor import department_metadata_descriptor_link as link

    found: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    if ids:
        query = select(link.c.metadata_descriptor_id, link.c.department_id)
        for descriptor_id, department_id in session.execute(
            query.where(link.c.metadata_descriptor_id.in_(ids))
        ):
            found[descriptor_id].append(department_id)
    return found


def present_many(session: Session, rows: list[Any]) -> list[dict[str, Any]]:
    departments = _departments_of(session, [row.id for row in rows])
    return [present(row, links={"departments": departments.get(row.id, [])}) for row in rows]


def _visible(actor: Actor, project_id: uuid.UUID, item: dict[str, Any]) -> bool:
    role = role_on(actor, project_id)
    if role == "client":
        return bool(item["for_client"])
    if role == "vendor":
        linked = {str(value) for value in item["departments"]}
        return not linked or bool(linked & {str(v) for v in actor.department_ids})
    return True


def listed(session: Session, actor: Actor, project_id: uuid.UUID) -> list[dict[str, Any]]:
    """The project's descriptors the caller's role may read, by position then name."""
    from reeltrack.models import MetadataDescriptor

    query = (
        select(MetadataDescriptor)
        .where(MetadataDescriptor.project_id == project_id)
        .order_by(MetadataDescriptor.position, MetadataDescriptor.name)
    )
    items = present_many(session, list(session.scalars(query)))
    return [item for item in items if _visible(actor, project_id, item)]


def get_row(session: Session, project_id: uuid.UUID, descriptor_id: str) -> Any:
    """The descriptor, if it belongs to this project (else 404)."""
    from reeltrack.models import MetadataDescriptor

    parsed = parse_uuid(descriptor_id)
    if parsed is None:
        raise WrongParameter("Malformed ID.")
    row = session.get(MetadataDescriptor, parsed)
    if row is None or row.project_id != project_id:
        raise NotFound()
    return row


def readable(session: Session, actor: Actor, row: Any) -> dict[str, Any]:
    (item,) = present_many(session, [row])
    if not _visible(actor, row.project_id, item):
        raise Forbidden()
    return item


def linked_department_ids(session: Session, row: Any) -> list[str]:
    return [str(value) for value in _departments_of(session, [row.id]).get(row.id, [])]


def _department_ids(session: Session, raw_ids: list[str]) -> list[uuid.UUID]:
    from reeltrack.models import Department

    parsed = [parse_uuid(value) for value in raw_ids if value is not None]
    ids = [value for value in parsed if value is not None]
    if len(ids) != len(parsed):
        raise NotFound()
    found = set(session.scalars(select(Department.id).where(Department.id.in_(ids))))
    if set(ids) - found:
        raise NotFound()
    return list(dict.fromkeys(ids))


def _set_departments(session: Session, row: Any, ids: list[uuid.UUID]) -> None:
    from reeltrack.models.metadata_descriptor import department_metadata_descriptor_link as link

    session.execute(delete(link).where(link.c.metadata_descriptor_id == row.id))
    for department_id in ids:
        session.execute(
            link.insert().values(metadata_descriptor_id=row.id, department_id=department_id)
        )


def _check_unique(
    session: Session,
    project_id: uuid.UUID,
    entity_type: str,
    task_type_id: Any,
    name: str,
    field_name: str,
    exclude: Any = None,
) -> None:
    from reeltrack.models import MetadataDescriptor as Md

    query = select(Md.id).where(
        Md.project_id == project_id,
        Md.entity_type == entity_type,
        or_(Md.name == name, Md.field_name == field_name),
    )
    if task_type_id is None:
        query = query.where(Md.task_type_id.is_(None))
    else:
        query = query.where(Md.task_type_id == task_type_id)
    if exclude is not None:
        query = query.where(Md.id != exclude)
    if session.execute(query).first() is not None:
        raise WrongParameter("Metadata descriptor already exists.")


def check_entity_type(entity_type: str) -> None:
    if entity_type not in ENTITY_TYPES:
        raise WrongParameter(WRONG_ENTITY_TYPE)


def check_data_type(data_type: str) -> None:
    if data_type not in DATA_TYPES:
        raise WrongParameter("Invalid data_type")


def create(session: Session, project_id: uuid.UUID, body: dict[str, Any]) -> tuple[Any, dict]:
    """Create a descriptor; its field name is derived from its name."""
    from reeltrack.models import MetadataDescriptor, TaskType

    entity_type = body["entity_type"]
    check_entity_type(entity_type)
    task_type_id = body.get("task_type_id")
    if entity_type == "Task":
        if task_type_id is None:
            raise WrongParameter("Task metadata descriptors require a task_type_id.")
        task_type_id = parse_uuid(task_type_id)
        if task_type_id is None or session.get(TaskType, task_type_id) is None:
            raise WrongParameter("Task type not found.")
    elif task_type_id is not None:
        raise WrongParameter("task_type_id only applies to Task metadata descriptors.")
    check_data_type(body["data_type"])
    departments = _department_ids(session, body["departments"])
    name = body["name"]
    field_name = field_name_of(name)
    if len(name) > NAME_LENGTH:
        raise WrongParameter("Metadata descriptor name is too long.")
    _check_unique(session, project_id, entity_type, task_type_id, name, field_name)
    row = MetadataDescriptor(
        project_id=project_id,
        entity_type=entity_type,
        task_type_id=task_type_id,
        name=name,
        field_name=field_name,
        data_type=body["data_type"],
        choices=body["choices"],
        for_client=body["for_client"],
    )
    session.add(row)
    session.flush()
    _set_departments(session, row, departments)
    return row, present_many(session, [row])[0]


def update(session: Session, row: Any, changes: dict[str, Any]) -> dict[str, Any]:
    """Update a descriptor; a rename moves the stored values to the new field name."""
    if not changes.get("name"):
        changes.pop("name", None)
    departments = _department_ids(session, changes.pop("departments") or [])
    if "name" in changes:
        name = changes["name"]
        field_name = field_name_of(name)
        if len(name) > NAME_LENGTH or len(field_name) > NAME_LENGTH:
            raise WrongParameter("Metadata descriptor name is too long.")
        _check_unique(
            session, row.project_id, row.entity_type, row.task_type_id, name, field_name, row.id
        )
        if field_name != row.field_name:
            _rename_stored_values(session, row, field_name)
        changes["field_name"] = field_name
    for key, value in changes.items():
        setattr(row, key, value)
    _set_departments(session, row, departments)
    session.flush()
    return present_many(session, [row])[0]


def remove(session: Session, row: Any) -> None:
    """Delete a descriptor and the values it described."""
    from reeltrack.models.metadata_descriptor import department_metadata_descriptor_link as link

    for holder in _holders(session, row):
        data = dict(holder.data)
        data.pop(row.field_name, None)
        holder.data = data
    session.execute(delete(link).where(link.c.metadata_descriptor_id == row.id))
    session.delete(row)
    session.flush()


def _rename_stored_values(session: Session, row: Any, new_key: str) -> None:
    for holder in _holders(session, row):
        data = dict(holder.data)
        value = data.pop(row.field_name, None)
        if value is None:
            continue
        data[new_key] = value
        holder.data = data


def _holders(session: Session, row: Any) -> list[Any]:
    """The rows whose `data` holds a value for this descriptor."""
    from reeltrack.models import Entity, EntityType, Project, Task

    if row.entity_type == "Project":
        candidates: list[Any] = [session.get(Project, row.project_id)]
    elif row.entity_type == "Task":
        tasks = select(Task).where(
            Task.project_id == row.project_id, Task.task_type_id == row.task_type_id
        )
        candidates = list(session.scalars(tasks))
    else:
        query = (
            select(Entity)
            .join(EntityType, EntityType.id == Entity.entity_type_id)
            .where(Entity.project_id == row.project_id)
        )
        if row.entity_type == "Asset":
            query = query.where(EntityType.name.not_in(TEMPORAL_TYPES))
        else:
            query = query.where(EntityType.name == row.entity_type)
        candidates = list(session.scalars(query))
    return [
        holder
        for holder in candidates
        if holder is not None and isinstance(holder.data, dict) and row.field_name in holder.data
    ]


def reorder(
    session: Session, project_id: uuid.UUID, entity_type: str, ids: list[str]
) -> list[dict[str, Any]]:
    """Number the given descriptors 1..n; the others follow, by name."""
    from reeltrack.models import MetadataDescriptor

    query = select(MetadataDescriptor).where(
        MetadataDescriptor.project_id == project_id,
        MetadataDescriptor.entity_type == entity_type,
    )
    rows = list(session.scalars(query))
    by_id = {str(row.id): row for row in rows}
    for descriptor_id in ids:
        if descriptor_id not in by_id:
            raise WrongParameter(
                f"Descriptor {descriptor_id} not found for project {project_id} "
                f"and entity type {entity_type}"
            )
    for position, descriptor_id in enumerate(ids, start=1):
        by_id[descriptor_id].position = position
    others = sorted((row for row in rows if str(row.id) not in ids), key=lambda row: row.name)
    for offset, row in enumerate(others, start=len(ids) + 1):
        row.position = offset
    session.flush()
    ordered = sorted(rows, key=lambda row: (row.position, row.name))
    return present_many(session, ordered)


# ---------------------------------------------------------------- across projects

ALL_PROJECTS_ENTITY_TYPES = ("Asset", "Shot", "Edit", "Episode", "Sequence", "Project")
WRONG_SHARED_ENTITY_TYPE = (
    "Wrong entity type. Please select Asset, Shot, Sequence, Episode, Edit, or Project."
)


def check_shared_entity_type(entity_type: Any) -> None:
    if entity_type not in ALL_PROJECTS_ENTITY_TYPES:
        raise WrongParameter(WRONG_SHARED_ENTITY_TYPE)


def managed_open_project_ids(session: Session, actor: Actor) -> list[uuid.UUID]:
    """Open projects the caller manages: all of them for an admin, else by role held there."""
    from reeltrack.models import Project, ProjectStatus

    query = select(Project.id).join(ProjectStatus, ProjectStatus.id == Project.project_status_id)
    if actor.is_admin:
        query = query.where(ProjectStatus.name.in_(("Active", "open", "Open")))
    else:
        query = query.where(ProjectStatus.name == "Open", Project.id.in_(actor.project_ids))
    ids = list(session.scalars(query.order_by(Project.name)))
    return [pid for pid in ids if actor.is_admin or actor.role_in(pid) == "manager"]


def by_field(
    session: Session, project_ids: list[uuid.UUID], entity_type: str, field_name: str
) -> list[Any]:
    from reeltrack.models import MetadataDescriptor as Md

    if not project_ids:
        return []
    query = select(Md).where(
        Md.project_id.in_(project_ids), Md.entity_type == entity_type, Md.field_name == field_name
    )
    return list(session.scalars(query))


def create_on_projects(
    session: Session, project_ids: list[uuid.UUID], body: dict[str, Any]
) -> list[tuple[Any, dict[str, Any]]]:
    """The descriptor on every project lacking one with its field name and entity type."""
    field_name = field_name_of(body["name"])
    owners = {
        row.project_id for row in by_field(session, project_ids, body["entity_type"], field_name)
    }
    return [
        create(session, project_id, {**body, "task_type_id": None})
        for project_id in project_ids
        if project_id not in owners
    ]


def reorder_on_projects(
    session: Session, project_ids: list[uuid.UUID], entity_type: str, field_order: list[str]
) -> list[dict[str, Any]]:
    """The same column order, by field name, on every project."""
    from reeltrack.models import MetadataDescriptor as Md

    updated: list[dict[str, Any]] = []
    if not project_ids:
        return updated
    query = select(Md).where(Md.project_id.in_(project_ids), Md.entity_type == entity_type)
    fields_by_project: dict[uuid.UUID, dict[str, str]] = defaultdict(dict)
    for row in session.scalars(query):
        fields_by_project[row.project_id][row.field_name] = str(row.id)
    for project_id in project_ids:
        known = fields_by_project.get(project_id, {})
        ordered = [known[name] for name in field_order if name in known]
        if ordered:
            updated.extend(reorder(session, project_id, entity_type, ordered))
    return updated
