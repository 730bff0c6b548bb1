"""A project's configuration saved as a new template, and a template applied to a project."""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from reeltrack.crud.hooks.config import TEMPLATE_NAME_TAKEN, TEMPLATE_SETTING_FIELDS
from reeltrack.services import metadata_descriptors
from reeltrack.wire.errors import ApiError, WrongParameter
from reeltrack.wire.present import present

NAME_LENGTH = 80
# Plain link tables: (project table, template table, remote column).
PLAIN_LINKS = (
    ("project_asset_type_link", "project_template_asset_type_link", "asset_type_id"),
    (
        "project_status_automation_link",
        "project_template_status_automation_link",
        "status_automation_id",
    ),
    (
        "project_preview_background_file_link",
        "project_template_preview_background_file_link",
        "preview_background_file_id",
    ),
)
TASK_TYPE_FIELDS = ("priority", "hd_bitrate_compression", "ld_bitrate_compression")
TASK_STATUS_FIELDS = ("priority", "roles_for_board", "is_client_allowed")


def _table(name: str) -> Table:
    from reeltrack.db.base import Base

    return Base.metadata.tables[name]


def _descriptor_snapshot(session: Session, project_id: uuid.UUID) -> list[dict[str, Any]]:
    """The project's metadata descriptors in the template's JSON shape."""
    from reeltrack.models import MetadataDescriptor as Md
    from reeltrack.models.metadata_descriptor import department_metadata_descriptor_link as link

    rows = list(
        session.scalars(
            select(Md).where(Md.project_id == project_id).order_by(Md.position, Md.name, Md.id)
        )
    )
    departments: dict[uuid.UUID, list[str]] = {row.id: [] for row in rows}
    if rows:
        query = select(link.c.metadata_descriptor_id, link.c.department_id).where(
            link.c.metadata_descriptor_id.in_(list(departments))
        )
        for descriptor_id, department_id in session.execute(query):
            departments[descriptor_id].append(str(department_id))
    return [
        {
            "name": row.name,
            "field_name": row.field_name,
            "entity_type": row.entity_type,
            "task_type_id": str(row.task_type_id) if row.task_type_id else None,
            "data_type": row.data_type,
            "choices": row.choices or [],
            "for_client": bool(row.for_client),
            "departments": departments[row.id],
            "position": row.position,
        }
        for row in rows
    ]


def create_from_project(
    session: Session, project: Any, name: str, description: str | None
) -> dict[str, Any]:
    """A new template holding the project's settings, links and descriptor snapshot."""
    from reeltrack.models import (
        ProjectTaskStatusLink,
        ProjectTaskTypeLink,
        ProjectTemplate,
        ProjectTemplateTaskStatusLink,
        ProjectTemplateTaskTypeLink,
    )

    if "\x00" in name or "\x00" in (description or ""):
        raise WrongParameter("The name and description must not contain NUL characters")
    if len(name) > NAME_LENGTH:
        raise WrongParameter(f"A project template name is at most {NAME_LENGTH} characters long")
    taken = select(func.count()).where(ProjectTemplate.name == name)
    if session.scalar(taken):
        raise WrongParameter(TEMPLATE_NAME_TAKEN)
    template = ProjectTemplate(name=name, description=description)
    for key in TEMPLATE_SETTING_FIELDS:
        setattr(template, key, getattr(project, key))
    template.file_tree = copy.deepcopy(project.file_tree) if project.file_tree else None
    template.data = copy.deepcopy(project.data) if project.data else None
    template.metadata_descriptors = _descriptor_snapshot(session, project.id)
    template.default_preview_background_file_id = project.default_preview_background_file_id
    session.add(template)
    session.flush()
    type_links = select(ProjectTaskTypeLink).where(ProjectTaskTypeLink.project_id == project.id)
    for type_link in session.scalars(type_links):
        session.add(
            ProjectTemplateTaskTypeLink(
                project_template_id=template.id,
                task_type_id=type_link.task_type_id,
                is_client_visible=type_link.is_client_visible,
                **{key: getattr(type_link, key) for key in TASK_TYPE_FIELDS},
            )
        )
    status_links = select(ProjectTaskStatusLink).where(
        ProjectTaskStatusLink.project_id == project.id
    )
    for status_link in session.scalars(status_links):
        session.add(
            ProjectTemplateTaskStatusLink(
                project_template_id=template.id,
                task_status_id=status_link.task_status_id,
                **{key: getattr(status_link, key) for key in TASK_STATUS_FIELDS},
            )
        )
    for project_table, template_table, remote in PLAIN_LINKS:
        source = _table(project_table)
        targets = list(
            session.scalars(select(source.c[remote]).where(source.c.project_id == project.id))
        )
        if targets:
            session.execute(
                _table(template_table).insert(),
                [{"project_template_id": template.id, remote: target} for target in targets],
            )
    session.flush()
    return present(template)


@dataclass
class Applied:
    """What applying a template did: the project as shown, and the descriptors created."""

    project: dict[str, Any]
    descriptor_ids: list[uuid.UUID] = field(default_factory=list)


def _copy_task_types(session: Session, project: Any, template: Any) -> None:
    from reeltrack.models import ProjectTaskTypeLink, ProjectTemplateTaskTypeLink

    existing = set(
        session.scalars(
            select(ProjectTaskTypeLink.task_type_id).where(
                ProjectTaskTypeLink.project_id == project.id
            )
        )
    )
    query = select(ProjectTemplateTaskTypeLink).where(
        ProjectTemplateTaskTypeLink.project_template_id == template.id
    )
    for link in session.scalars(query):
        if link.task_type_id not in existing:
            session.add(
                ProjectTaskTypeLink(
                    project_id=project.id,
                    task_type_id=link.task_type_id,
                    is_client_visible=link.is_client_visible,
                    **{key: getattr(link, key) for key in TASK_TYPE_FIELDS},
                )
            )


def _copy_task_statuses(session: Session, project: Any, template: Any) -> None:
    from reeltrack.models import ProjectTaskStatusLink, ProjectTemplateTaskStatusLink

    existing = set(
        session.scalars(
            select(ProjectTaskStatusLink.task_status_id).where(
                ProjectTaskStatusLink.project_id == project.id
            )
        )
    )
    query = select(ProjectTemplateTaskStatusLink).where(
        ProjectTemplateTaskStatusLink.project_template_id == template.id
    )
    for link in session.scalars(query):
        if link.task_status_id not in existing:
            session.add(
                ProjectTaskStatusLink(
                    project_id=project.id,
                    task_status_id=link.task_status_id,
                    **{key: getattr(link, key) for key in TASK_STATUS_FIELDS},
                )
            )


def _copy_plain_links(session: Session, project: Any, template: Any) -> None:
    for project_table, template_table, remote in PLAIN_LINKS:
        source, target = _table(template_table), _table(project_table)
        wanted = session.scalars(
            select(source.c[remote]).where(source.c.project_template_id == template.id)
        )
        existing = set(
            session.scalars(select(target.c[remote]).where(target.c.project_id == project.id))
        )
        rows = [
            {"project_id": project.id, remote: value} for value in wanted if value not in existing
        ]
        if rows:
            session.execute(target.insert(), rows)


def _descriptor_body(entry: Any) -> dict[str, Any] | None:
    """A snapshot entry as a descriptor creation body, or None when it cannot be one."""
    if not isinstance(entry, dict):
        return None
    name, entity_type = entry.get("name"), entry.get("entity_type")
    if not isinstance(name, str) or not name or "\x00" in name or not isinstance(entity_type, str):
        return None
    task_type_id = entry.get("task_type_id")
    if entity_type == "Task" and task_type_id is None:
        return None
    departments = entry.get("departments") or []
    choices = entry.get("choices") or []
    data_type = entry.get("data_type")
    if not isinstance(departments, list) or not isinstance(choices, list):
        return None
    if not isinstance(data_type, str) or not isinstance(task_type_id, str | None):
        return None
    return {
        "name": name,
        "entity_type": entity_type,
        "task_type_id": task_type_id,
        "data_type": data_type,
        "choices": choices,
        "for_client": bool(entry.get("for_client", False)),
        "departments": [value for value in departments if isinstance(value, str)],
    }


def _create_descriptors(session: Session, project: Any, template: Any) -> list[uuid.UUID]:
    """Descriptors of the snapshot the project lacks; entries that cannot be created are
    skipped."""
    snapshot = template.metadata_descriptors
    created = []
    for entry in snapshot if isinstance(snapshot, list) else []:
        body = _descriptor_body(entry)
        if body is None:
            continue
        try:
            row, _ = metadata_descriptors.create(session, project.id, body)
        except ApiError:
            continue
        created.append(row.id)
    return created


def apply_template(session: Session, project: Any, template: Any) -> Applied:
    """Write the template's settings on the project and add what it lacks (additive)."""
    for key in TEMPLATE_SETTING_FIELDS:
        value = getattr(template, key)
        if value is not None:
            setattr(project, key, value)
    if template.file_tree is not None:
        project.file_tree = copy.deepcopy(template.file_tree)
    if template.data is not None:
        project.data = copy.deepcopy(template.data)
    _copy_task_types(session, project, template)
    _copy_task_statuses(session, project, template)
    _copy_plain_links(session, project, template)
    default = template.default_preview_background_file_id
    if default is not None and project.default_preview_background_file_id is None:
        project.default_preview_background_file_id = default
    session.flush()
    created = _create_descriptors(session, project, template)
    session.flush()
    return Applied(present(project), created)
