"""Project settings: the asset types, task types, task statuses, automations and backgrounds."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session

from reeltrack.crud.values import parse_uuid
from reeltrack.wire.errors import NotFound, WrongParameter
from reeltrack.wire.present import present

MIN_BITRATE = 1


@dataclass(frozen=True)
class Setting:
    """One of a project's settings lists: its target model and link table columns."""

    model_name: str
    table_name: str
    remote: str


SETTINGS = {
    "asset_types": Setting("EntityType", "project_asset_type_link", "asset_type_id"),
    "task_types": Setting("TaskType", "project_task_type_link", "task_type_id"),
    "task_statuses": Setting("TaskStatus", "project_task_status_link", "task_status_id"),
    "status_automations": Setting(
        "StatusAutomation", "project_status_automation_link", "status_automation_id"
    ),
    "preview_background_files": Setting(
        "PreviewBackgroundFile",
        "project_preview_background_file_link",
        "preview_background_file_id",
    ),
}


def _model(name: str) -> Any:
    import reeltrack.models as models

    return getattr(models, name)


def _table(setting: Setting) -> Table:
    from reeltrack.db.base import Base

    return Base.metadata.tables[setting.table_name]


def listed(session: Session, project_id: uuid.UUID, key: str) -> list[dict[str, Any]]:
    """The rows of one settings list of a project."""
    setting = SETTINGS[key]
    model, table = _model(setting.model_name), _table(setting)
    link = table.c
    query = (
        select(model)
        .join(table, link[setting.remote] == model.id)
        .where(link.project_id == project_id)
        .order_by(getattr(model, "name", model.created_at), model.id)
    )
    return [present(row) for row in session.scalars(query)]


def _linked(session: Session, setting: Setting, project_id: uuid.UUID, target: Any) -> bool:
    link = _table(setting).c
    query = select(link.project_id).where(link.project_id == project_id)
    return session.execute(query.where(link[setting.remote] == target)).first() is not None


def _insert_link(session: Session, setting: Setting, project_id: uuid.UUID, target: Any) -> None:
    from reeltrack.models import ProjectTaskStatusLink, ProjectTaskTypeLink

    if setting.table_name == "project_task_status_link":
        session.add(ProjectTaskStatusLink(project_id=project_id, task_status_id=target))
    elif setting.table_name == "project_task_type_link":
        session.add(ProjectTaskTypeLink(project_id=project_id, task_type_id=target))
    else:
        values = {"project_id": project_id, setting.remote: target}
        session.execute(_table(setting).insert().values(**values))
    session.flush()


def add(session: Session, project: Any, key: str, target_id: str) -> dict[str, Any]:
    """Link a row to a project's settings list (no-op when already linked)."""
    setting = SETTINGS[key]
    parsed = parse_uuid(target_id)
    row = session.get(_model(setting.model_name), parsed) if parsed is not None else None
    if row is None:
        raise WrongParameter(f"{setting.model_name} with id {target_id} not found")
    if not _linked(session, setting, project.id, row.id):
        _insert_link(session, setting, project.id, row.id)
    return present(project)


def remove(session: Session, project: Any, key: str, target_id: uuid.UUID) -> None:
    """Unlink a row from a project's settings list (no-op when absent)."""
    setting = SETTINGS[key]
    table = _table(setting)
    session.execute(
        delete(table).where(table.c.project_id == project.id, table.c[setting.remote] == target_id)
    )


def check_bitrates(bitrates: dict[str, Any], owner: Any, top: int) -> None:
    """Set bitrates lie within 1..top; a low definition one never above the high one.

    `owner` is the project or template whose high definition bitrate applies by default.
    """
    for value in bitrates.values():
        if value is not None and not MIN_BITRATE <= value <= top:
            raise WrongParameter(
                f"Invalid bitrate {value}. Expected an integer number of Mbit/s "
                f"between {MIN_BITRATE} and {top}."
            )
    low = bitrates.get("ld_bitrate_compression")
    if low is None:
        return
    high = bitrates.get("hd_bitrate_compression") or owner.hd_bitrate_compression or top
    high = min(high, top)
    if low > high:
        raise WrongParameter(
            f"The low definition bitrate ({low}) cannot exceed the high definition one ({high})."
        )


def add_task_type(
    session: Session,
    project: Any,
    task_type_id: str,
    priority: int | None,
    bitrates: dict[str, Any] | None,
    is_client_visible: bool | None,
    top_bitrate: int,
) -> dict[str, Any]:
    """Link a task type; an existing link keeps its priority, takes bitrates and visibility."""
    from reeltrack.models import ProjectTaskTypeLink, TaskType

    parsed = parse_uuid(task_type_id)
    if parsed is None:
        raise WrongParameter("task_type_id is required and must be a valid UUID")
    if bitrates is not None:
        check_bitrates(bitrates, project, top_bitrate)
    query = select(ProjectTaskTypeLink).where(
        ProjectTaskTypeLink.project_id == project.id, ProjectTaskTypeLink.task_type_id == parsed
    )
    link = session.scalars(query).first()
    changes: dict[str, Any] = dict(bitrates or {})
    if is_client_visible is not None:
        changes["is_client_visible"] = is_client_visible
    if link is None:
        if session.get(TaskType, parsed) is None:
            raise WrongParameter(f"TaskType with id {task_type_id} not found")
        link = ProjectTaskTypeLink(project_id=project.id, task_type_id=parsed, priority=priority)
        session.add(link)
    for name, value in changes.items():
        setattr(link, name, value)
    session.flush()
    return present(project)


def set_client_allowed(
    session: Session, project: Any, task_status_id: str, value: bool | None
) -> dict[str, Any]:
    """Override, for this project, whether its clients may set a task status."""
    from reeltrack.models import ProjectTaskStatusLink

    parsed = parse_uuid(task_status_id)
    if parsed is None:
        raise NotFound()
    query = select(ProjectTaskStatusLink).where(
        ProjectTaskStatusLink.project_id == project.id,
        ProjectTaskStatusLink.task_status_id == parsed,
    )
    link = session.scalars(query).first()
    if link is None:
        raise NotFound()
    link.is_client_allowed = value
    session.flush()
    return present(link)


def apply_batch(
    session: Session,
    project: Any,
    task_types: list[dict[str, Any]],
    task_status_ids: list[str],
    asset_type_ids: list[str],
    replace_task_types: bool,
) -> dict[str, Any]:
    """Add task types (with priorities), task statuses and asset types at once; skip unknowns."""
    from reeltrack.models import ProjectTaskTypeLink, TaskType

    wanted = {str(entry["task_type_id"]): entry for entry in task_types}
    links = {
        str(link.task_type_id): link
        for link in session.scalars(
            select(ProjectTaskTypeLink).where(ProjectTaskTypeLink.project_id == project.id)
        )
    }
    known_types = _existing_ids(session, TaskType, list(wanted))
    for key, entry in wanted.items():
        link = links.get(key)
        visible = entry.get("is_client_visible")
        if link is None:
            if key in known_types:
                new = ProjectTaskTypeLink(
                    project_id=project.id,
                    task_type_id=uuid.UUID(key),
                    priority=entry.get("priority"),
                )
                if visible is not None:
                    new.is_client_visible = visible
                session.add(new)
            continue
        if visible is not None:
            link.is_client_visible = visible
        if entry.get("priority") is not None:
            link.priority = entry["priority"]
    if replace_task_types:
        for key, link in links.items():
            if key not in wanted:
                session.delete(link)
    session.flush()
    for key, ids in (("task_statuses", task_status_ids), ("asset_types", asset_type_ids)):
        setting = SETTINGS[key]
        for target in _existing_ids(session, _model(setting.model_name), ids):
            if not _linked(session, setting, project.id, uuid.UUID(target)):
                _insert_link(session, setting, project.id, uuid.UUID(target))
    return present(project)


def _existing_ids(session: Session, model: Any, raw_ids: list[str]) -> list[str]:
    """The given ids (as strings, in order, once each) that name a row of the model."""
    parsed = [value for value in (parse_uuid(raw) for raw in raw_ids) if value is not None]
    if not parsed:
        return []
    found = {str(value) for value in session.scalars(select(model.id).where(model.id.in_(parsed)))}
    return [str(value) for value in dict.fromkeys(parsed) if str(value) in found]
