"""Project templates: the task types, statuses, asset types, automations and backgrounds they
list, and their metadata descriptor snapshot."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session

from reeltrack.crud.values import parse_uuid
from reeltrack.db.upsert import insert_missing
from reeltrack.models.person import ROLE_TYPES
from reeltrack.services.metadata_descriptors import field_name_of
from reeltrack.services.project_settings import check_bitrates
from reeltrack.wire.errors import NotFound, WrongParameter
from reeltrack.wire.present import present

TEMPLATE_NOT_FOUND = "Project template not found"
NOT_LINKED_BACKGROUND = "Preview background file is not linked to this template"


def template_row(session: Session, template_id: Any) -> Any:
    """The template with that id (malformed or unknown ids: 404)."""
    from reeltrack.models import ProjectTemplate

    parsed = parse_uuid(template_id)
    row = session.get(ProjectTemplate, parsed) if parsed is not None else None
    if row is None:
        raise NotFound(TEMPLATE_NOT_FOUND)
    return row


def required_row(session: Session, model: Any, value: Any, field: str, label: str) -> Any:
    """The row a body id names, or a 400 telling which id is wrong."""
    parsed = parse_uuid(value) if isinstance(value, str) else None
    if parsed is None:
        raise WrongParameter(f"{field} is required and must be a valid UUID")
    row = session.get(model, parsed)
    if row is None:
        raise WrongParameter(f"{label} {value} does not exist")
    return row


def _link_table(name: str) -> Table:
    from reeltrack.db.base import Base

    return Base.metadata.tables[name]


# ---------------------------------------------------------------- task types


def task_types(session: Session, template_id: Any) -> list[dict[str, Any]]:
    """The template's task types with their link's priority, bitrates and visibility."""
    from reeltrack.models import ProjectTemplateTaskTypeLink as Link
    from reeltrack.models import TaskType

    template = template_row(session, template_id)
    query = (
        select(TaskType, Link)
        .join(Link, Link.task_type_id == TaskType.id)
        .where(Link.project_template_id == template.id)
    )
    result = []
    for task_type, link in session.execute(query).tuples():
        data = present(task_type)
        data["priority"] = link.priority
        data["hd_bitrate_compression"] = link.hd_bitrate_compression
        data["ld_bitrate_compression"] = link.ld_bitrate_compression
        data["is_client_visible"] = link.is_client_visible
        result.append(data)
    result.sort(key=lambda item: (item["priority"] or 0, item["name"] or ""))
    return result


def add_task_type(
    session: Session,
    template_id: Any,
    task_type_id: Any,
    priority: int | None,
    bitrates: dict[str, Any] | None = None,
    is_client_visible: bool | None = None,
    top_bitrate: int = 0,
) -> tuple[Any, dict[str, Any]]:
    """Link a task type, or update the link's priority, bitrates and visibility when given."""
    from reeltrack.models import ProjectTemplateTaskTypeLink as Link
    from reeltrack.models import TaskType

    task_type = required_row(session, TaskType, task_type_id, "task_type_id", "Task type")
    template = template_row(session, template_id)
    if bitrates is not None:
        check_bitrates(bitrates, template, top_bitrate)
    changes: dict[str, Any] = dict(bitrates or {})
    if is_client_visible is not None:
        changes["is_client_visible"] = is_client_visible
    if priority is not None:
        changes["priority"] = priority
    query = select(Link).where(
        Link.project_template_id == template.id, Link.task_type_id == task_type.id
    )
    link = session.scalars(query).first()
    if link is None:
        link = Link(project_template_id=template.id, task_type_id=task_type.id)
        session.add(link)
    for key, value in changes.items():
        setattr(link, key, value)
    session.flush()
    return template, present(link)


def remove_task_type(session: Session, template_id: uuid.UUID, task_type_id: Any) -> None:
    """Unlink a task type (no-op when it is not linked)."""
    from reeltrack.models import ProjectTemplateTaskTypeLink as Link

    parsed = parse_uuid(task_type_id)
    if parsed is not None:
        session.execute(
            delete(Link).where(Link.project_template_id == template_id, Link.task_type_id == parsed)
        )


# ---------------------------------------------------------------- task statuses


def task_statuses(session: Session, template_id: Any) -> list[dict[str, Any]]:
    """The template's task statuses with their link's priority, board roles and client right."""
    from reeltrack.models import ProjectTemplateTaskStatusLink as Link
    from reeltrack.models import TaskStatus

    template = template_row(session, template_id)
    query = (
        select(TaskStatus, Link)
        .join(Link, Link.task_status_id == TaskStatus.id)
        .where(Link.project_template_id == template.id)
    )
    result = []
    for task_status, link in session.execute(query).tuples():
        data = present(task_status)
        data["priority"] = link.priority
        data["roles_for_board"] = [str(role) for role in link.roles_for_board or []]
        data["link_is_client_allowed"] = link.is_client_allowed
        result.append(data)
    result.sort(key=lambda item: (item["priority"] or 0, item["name"] or ""))
    return result


class Unset:
    """Marks an optional body field the caller did not send."""


UNSET = Unset()


def add_task_status(
    session: Session,
    template_id: Any,
    task_status_id: Any,
    priority: int | None,
    roles_for_board: list[str] | None = None,
    is_client_allowed: bool | None | Unset = UNSET,
) -> tuple[Any, dict[str, Any]]:
    """Link a task status, or update the link with the fields given."""
    from reeltrack.models import ProjectTemplateTaskStatusLink as Link
    from reeltrack.models import TaskStatus

    status = required_row(session, TaskStatus, task_status_id, "task_status_id", "Task status")
    template = template_row(session, template_id)
    for role in roles_for_board or []:
        if role not in ROLE_TYPES:
            raise WrongParameter(f"Invalid role {role} in roles_for_board")
    query = select(Link).where(
        Link.project_template_id == template.id, Link.task_status_id == status.id
    )
    link = session.scalars(query).first()
    if link is None:
        link = Link(
            project_template_id=template.id,
            task_status_id=status.id,
            priority=priority,
            roles_for_board=roles_for_board,
            is_client_allowed=None if isinstance(is_client_allowed, Unset) else is_client_allowed,
        )
        session.add(link)
    else:
        if priority is not None:
            link.priority = priority
        if roles_for_board is not None:
            link.roles_for_board = roles_for_board
        if not isinstance(is_client_allowed, Unset):
            link.is_client_allowed = is_client_allowed
    session.flush()
    return template, present(link)


def remove_task_status(session: Session, template_id: uuid.UUID, task_status_id: Any) -> None:
    """Unlink a task status (no-op when it is not linked)."""
    from reeltrack.models import ProjectTemplateTaskStatusLink as Link

    parsed = parse_uuid(task_status_id)
    if parsed is not None:
        session.execute(
            delete(Link).where(
                Link.project_template_id == template_id, Link.task_status_id == parsed
            )
        )


# ---------------------------------------------------------------- plain link tables


def _linked(session: Session, table: Table, remote: str, template_id: Any, target: Any) -> bool:
    query = select(table.c.project_template_id).where(
        table.c.project_template_id == template_id, table.c[remote] == target
    )
    return session.execute(query).first() is not None


def _link(session: Session, table_name: str, remote: str, template: Any, target: Any) -> None:
    """Link once: linking twice, even by two requests at the same moment, changes nothing."""
    values = {"project_template_id": template.id, remote: target.id}
    insert_missing(session, _link_table(table_name), values)


def _unlink(session: Session, table_name: str, remote: str, template: Any, target_id: Any) -> None:
    parsed = parse_uuid(target_id)
    if parsed is None:
        return
    table = _link_table(table_name)
    session.execute(
        delete(table).where(table.c.project_template_id == template.id, table.c[remote] == parsed)
    )


ASSET_TYPES = ("project_template_asset_type_link", "asset_type_id")
AUTOMATIONS = ("project_template_status_automation_link", "status_automation_id")
BACKGROUNDS = ("project_template_preview_background_file_link", "preview_background_file_id")


def asset_types(session: Session, template_id: Any) -> list[dict[str, Any]]:
    """The template's asset types, id and name only."""
    from reeltrack.models import EntityType

    template = template_row(session, template_id)
    table = _link_table(ASSET_TYPES[0])
    query = (
        select(EntityType.id, EntityType.name)
        .join(table, table.c.asset_type_id == EntityType.id)
        .where(table.c.project_template_id == template.id)
        .order_by(EntityType.name, EntityType.id)
    )
    return [{"id": str(row.id), "name": row.name} for row in session.execute(query)]


def add_asset_type(session: Session, template_id: Any, asset_type_id: Any) -> dict[str, Any]:
    from reeltrack.models import EntityType

    asset_type = required_row(session, EntityType, asset_type_id, "asset_type_id", "Asset type")
    template = template_row(session, template_id)
    _link(session, *ASSET_TYPES, template, asset_type)
    return {"id": str(asset_type.id), "name": asset_type.name}


def remove_asset_type(session: Session, template: Any, asset_type_id: Any) -> None:
    _unlink(session, *ASSET_TYPES, template, asset_type_id)


def status_automations(session: Session, template_id: Any) -> list[dict[str, Any]]:
    """The template's status automations, as their rows."""
    from reeltrack.models import StatusAutomation

    template = template_row(session, template_id)
    table = _link_table(AUTOMATIONS[0])
    query = (
        select(StatusAutomation)
        .join(table, table.c.status_automation_id == StatusAutomation.id)
        .where(table.c.project_template_id == template.id)
        .order_by(StatusAutomation.created_at, StatusAutomation.id)
    )
    return [present(row) for row in session.scalars(query)]


def add_status_automation(session: Session, template_id: Any, automation_id: Any) -> dict[str, Any]:
    from reeltrack.models import StatusAutomation

    automation = required_row(
        session, StatusAutomation, automation_id, "status_automation_id", "Status automation"
    )
    template = template_row(session, template_id)
    _link(session, *AUTOMATIONS, template, automation)
    return present(automation)


def remove_status_automation(session: Session, template: Any, automation_id: Any) -> None:
    _unlink(session, *AUTOMATIONS, template, automation_id)


def _background(row: Any) -> dict[str, Any]:
    return {"id": str(row.id), "name": row.name, "is_default": bool(row.is_default)}


def backgrounds(session: Session, template_id: Any) -> list[dict[str, Any]]:
    """The template's preview background files: id, name and the studio default flag."""
    from reeltrack.models import PreviewBackgroundFile as Background

    template = template_row(session, template_id)
    table = _link_table(BACKGROUNDS[0])
    query = (
        select(Background)
        .join(table, table.c.preview_background_file_id == Background.id)
        .where(table.c.project_template_id == template.id)
        .order_by(Background.name, Background.id)
    )
    return [_background(row) for row in session.scalars(query)]


def add_background(session: Session, template_id: Any, background_id: Any) -> dict[str, Any]:
    from reeltrack.models import PreviewBackgroundFile as Background

    background = required_row(
        session,
        Background,
        background_id,
        "preview_background_file_id",
        "Preview background file",
    )
    template = template_row(session, template_id)
    _link(session, *BACKGROUNDS, template, background)
    return _background(background)


def remove_background(session: Session, template: Any, background_id: Any) -> None:
    """Unlink a background; the template loses its default when it was that one."""
    _unlink(session, *BACKGROUNDS, template, background_id)
    parsed = parse_uuid(background_id)
    if parsed is not None and template.default_preview_background_file_id == parsed:
        template.default_preview_background_file_id = None
        session.flush()


def set_default_background(session: Session, template: Any, background_id: Any) -> dict[str, Any]:
    """Make one of the template's backgrounds its default (None clears it)."""
    parsed = None
    if background_id is not None:
        parsed = parse_uuid(background_id)
        table = _link_table(BACKGROUNDS[0])
        if parsed is None or not _linked(session, table, BACKGROUNDS[1], template.id, parsed):
            raise WrongParameter(NOT_LINKED_BACKGROUND)
    template.default_preview_background_file_id = parsed
    session.flush()
    return present(template)


# ---------------------------------------------------------------- metadata descriptors


def _clean_descriptor(entry: Any) -> dict[str, Any]:
    """One descriptor of a snapshot in its stable shape."""
    if not isinstance(entry, dict):
        raise WrongParameter("Each metadata descriptor must be an object")
    name = entry.get("name")
    if name is None:
        name = ""
    if not isinstance(name, str):
        raise WrongParameter("A metadata descriptor name must be a string")
    departments = entry.get("departments") or []
    if not isinstance(departments, list):
        raise WrongParameter("A metadata descriptor's departments must be a list")
    task_type_id = entry.get("task_type_id")
    return {
        "name": name,
        "field_name": entry.get("field_name") or field_name_of(name),
        "entity_type": entry.get("entity_type"),
        "task_type_id": str(task_type_id) if task_type_id else None,
        "data_type": entry.get("data_type"),
        "choices": entry.get("choices") or [],
        "for_client": bool(entry.get("for_client", False)),
        "departments": [str(value) for value in departments if value is not None],
        "position": entry.get("position"),
    }


def set_descriptors(session: Session, template: Any, descriptors: Any) -> dict[str, Any]:
    """Replace the template's metadata descriptor snapshot."""
    if descriptors is None:
        descriptors = []
    if not isinstance(descriptors, list):
        raise WrongParameter("metadata_descriptors must be a list")
    template.metadata_descriptors = [_clean_descriptor(entry) for entry in descriptors]
    session.flush()
    return present(template)
