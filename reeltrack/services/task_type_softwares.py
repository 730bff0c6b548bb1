"""The softwares used by each task type of a production."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reeltrack.auth.actor import Actor
from reeltrack.crud.values import parse_uuid
from reeltrack.wire.errors import Forbidden, NotFound, WrongParameter


def _present(link: Any) -> dict[str, Any]:
    return {
        "project_id": str(link.project_id),
        "task_type_id": str(link.task_type_id),
        "software_id": str(link.software_id),
    }


def links(session: Session, project_id: uuid.UUID) -> list[dict[str, Any]]:
    from reeltrack.models import ProjectTaskTypeSoftwareLink as Link

    query = (
        select(Link)
        .where(Link.project_id == project_id)
        .order_by(Link.task_type_id, Link.software_id)
    )
    return [_present(link) for link in session.scalars(query)]


def check_supervisor_access(
    session: Session, actor: Actor, project_id: uuid.UUID, task_type_id: str
) -> None:
    """Admins, the project's managers, and its supervisors of the task type's department."""
    from reeltrack.models import TaskType

    if actor.is_admin:
        return
    role = actor.role_in(project_id)
    if role == "manager":
        return
    if role == "supervisor":
        parsed = parse_uuid(task_type_id)
        task_type = session.get(TaskType, parsed) if parsed is not None else None
        if task_type is None:
            raise NotFound()
        if not actor.department_ids or task_type.department_id in actor.department_ids:
            return
    raise Forbidden()


def _ids(task_type_id: str, software_id: str) -> tuple[uuid.UUID, uuid.UUID]:
    task_type, software = parse_uuid(task_type_id), parse_uuid(software_id)
    if task_type is None or software is None:
        raise WrongParameter("task_type_id and software_id must be valid UUIDs.")
    return task_type, software


def _find(session: Session, project_id: uuid.UUID, task_type: Any, software: Any) -> Any:
    from reeltrack.models import ProjectTaskTypeSoftwareLink as Link

    query = select(Link).where(
        Link.project_id == project_id, Link.task_type_id == task_type, Link.software_id == software
    )
    return session.scalars(query).first()


def add(
    session: Session, project_id: uuid.UUID, task_type_id: str, software_id: str
) -> tuple[dict[str, Any], bool]:
    """Link a software to a task type of the project; returns (link, created)."""
    from reeltrack.models import ProjectTaskTypeLink, ProjectTaskTypeSoftwareLink, Software

    task_type, software_uuid = _ids(task_type_id, software_id)
    in_project = select(ProjectTaskTypeLink.id).where(
        ProjectTaskTypeLink.project_id == project_id,
        ProjectTaskTypeLink.task_type_id == task_type,
    )
    if session.execute(in_project).first() is None:
        raise WrongParameter("The task type is not a task type of the project.")
    software = session.get(Software, software_uuid)
    if software is None:
        raise NotFound()
    if software.archived:
        raise WrongParameter("The software is archived.")
    link = _find(session, project_id, task_type, software_uuid)
    if link is not None:
        return _present(link), False
    link = ProjectTaskTypeSoftwareLink(
        project_id=project_id, task_type_id=task_type, software_id=software_uuid
    )
    session.add(link)
    session.flush()
    return _present(link), True


def remove(session: Session, project_id: uuid.UUID, task_type_id: str, software_id: str) -> bool:
    """Unlink a software from a task type of the project; False when there was no link."""
    task_type, software = _ids(task_type_id, software_id)
    link = _find(session, project_id, task_type, software)
    if link is None:
        return False
    session.delete(link)
    session.flush()
    return True
