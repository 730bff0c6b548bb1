"""Access rules shared by the config resources: project, manager, supervisor, vendor checks."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session, object_session

from reeltrack.auth.actor import Actor
from reeltrack.auth.policies import Policy, as_uuid, field_of

CLOSED_TO_OUTSIDERS = ("vendor", "client")


def session_of(row: Any) -> Session | None:
    """The session a loaded row belongs to (None for incoming dicts)."""
    if row is None or isinstance(row, dict):
        return None
    return object_session(row)


def effective_role(actor: Actor, project_id: uuid.UUID | None) -> str:
    """The role Zou reads once a project is resolved: the team link role, else the global one."""
    return actor.role_in(project_id) or actor.role


def has_project_access(actor: Actor, project_id: Any) -> bool:
    """Admins, and members of the project's team (any role, open or closed project)."""
    return actor.is_admin or actor.is_member(as_uuid(project_id))


def has_manager_access(actor: Actor, project_id: Any) -> bool:
    """Admins, and members whose role in the project is manager."""
    return actor.is_admin or actor.role_in(as_uuid(project_id)) == "manager"


def has_supervisor_access(actor: Actor, project_id: Any, department_id: Any) -> bool:
    """Admins, project managers, and project supervisors of the department (or of none)."""
    if has_manager_access(actor, project_id):
        return True
    if actor.role_in(as_uuid(project_id)) != "supervisor":
        return False
    departments = actor.department_ids
    return not departments or as_uuid(department_id) in departments


def is_assigned_on_entity(session: Session, actor: Actor, entity_id: Any) -> bool:
    """Whether the caller is assigned to a task of this entity."""
    from reeltrack.models import Task
    from reeltrack.models.task import task_person_link as link

    entity = as_uuid(entity_id)
    if entity is None:
        return False
    assigned = (
        select(Task.id)
        .join(link, link.c.task_id == Task.id)
        .where(Task.entity_id == entity, link.c.person_id == actor.person_id)
    )
    return bool(session.scalar(select(exists(assigned))))


def has_entity_access(session: Session, actor: Actor, project_id: Any, entity_id: Any) -> bool:
    """Project access; a vendor in that project must also be assigned on the entity."""
    if not has_project_access(actor, project_id):
        return False
    if effective_role(actor, as_uuid(project_id)) != "vendor":
        return True
    return is_assigned_on_entity(session, actor, entity_id)


def open_team_projects(actor: Actor) -> Select[Any]:
    """Ids of the open projects whose team includes the caller."""
    from reeltrack.models import Project, ProjectStatus

    return (
        select(Project.id)
        .join(ProjectStatus, ProjectStatus.id == Project.project_status_id)
        .where(ProjectStatus.name == "Open", Project.id.in_(actor.project_ids))
    )


def entities_of(projects: Any) -> Select[Any]:
    """Ids of the entities of the given projects (a list or a subquery)."""
    from reeltrack.models import Entity

    return select(Entity.id).where(Entity.project_id.in_(projects))


def _project_manager(actor: Actor, target: Any) -> bool:
    return has_manager_access(actor, field_of(target, "project_id"))


PROJECT_MANAGER = Policy("manager-of-project(project_id)", _project_manager)
