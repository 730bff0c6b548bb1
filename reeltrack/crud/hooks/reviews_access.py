"""Zou's task-level access checks, shared by the review resources (comments, previews...)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import exists, select

from reeltrack.auth.actor import Actor
from reeltrack.wire.errors import Forbidden

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx


def effective_role(actor: Actor, project_id: Any) -> str:
    """The role Zou's checks read for a project: the team role, else the global one."""
    if actor.is_admin:
        return "admin"
    return actor.role_in(project_id) or actor.role


def open_project_ids() -> Any:
    """Ids of the projects whose status is "Open" (a subquery)."""
    from reeltrack.models import Project, ProjectStatus

    return (
        select(Project.id)
        .join(ProjectStatus, ProjectStatus.id == Project.project_status_id)
        .where(ProjectStatus.name == "Open")
    )


def assigned_task_ids(person_id: uuid.UUID) -> Any:
    """Ids of the tasks assigned to a person (a subquery)."""
    from reeltrack.models import task_person_link

    link = task_person_link.c
    return select(link.task_id).where(link.person_id == person_id)


def task_of(ctx: Ctx, task_id: Any) -> Any:
    """The task with this id, or None."""
    from reeltrack.models import Task

    return ctx.session.get(Task, task_id) if task_id is not None else None


def is_assigned(ctx: Ctx, task_id: Any) -> bool:
    """Whether the caller is among the task's assignees."""
    from reeltrack.models import task_person_link

    link = task_person_link.c
    query = exists().where(link.task_id == task_id, link.person_id == ctx.actor.person_id)
    return bool(ctx.session.scalar(select(query)))


def check_project_access(ctx: Ctx, project_id: Any) -> str:
    """Admins and team members pass (any role); returns the caller's effective role."""
    actor = ctx.actor
    if not actor.is_admin and not actor.is_member(project_id):
        raise Forbidden()
    return effective_role(actor, project_id)


def check_entity_access(ctx: Ctx, role: str, entity_id: Any) -> None:
    """A vendor only reaches entities holding a task assigned to them."""
    from reeltrack.models import Task

    if role != "vendor":
        return
    query = exists().where(
        Task.entity_id == entity_id, Task.id.in_(assigned_task_ids(ctx.actor.person_id))
    )
    if not ctx.session.scalar(select(query)):
        raise Forbidden()


def check_task_access(ctx: Ctx, task: Any) -> str:
    """Project access plus entity access on the task's entity; returns the role."""
    role = check_project_access(ctx, task.project_id)
    check_entity_access(ctx, role, task.entity_id)
    return role


def in_task_department(ctx: Ctx, task: Any) -> bool:
    """A supervisor with no department, or one of the task type's department."""
    from reeltrack.models import TaskType

    departments = ctx.actor.department_ids
    if not departments:
        return True
    department = ctx.session.scalar(
        select(TaskType.department_id).where(TaskType.id == task.task_type_id)
    )
    return department in departments


def check_task_action_access(ctx: Ctx, task: Any) -> None:
    """Managers, clients, assignees, department supervisors and the entity's creator."""
    from reeltrack.models import Entity

    actor = ctx.actor
    if actor.is_admin:
        return
    if not actor.is_member(task.project_id):
        raise Forbidden()
    role = effective_role(actor, task.project_id)
    if role in ("manager", "client") or is_assigned(ctx, task.id):
        return
    if role == "supervisor" and in_task_department(ctx, task):
        return
    creator = ctx.session.scalar(select(Entity.created_by).where(Entity.id == task.entity_id))
    if creator is None or creator != actor.person_id:
        raise Forbidden()


def check_supervisor_task_type_access(ctx: Ctx, task: Any) -> None:
    """Admins, member managers, and member supervisors of the task type's department."""
    actor = ctx.actor
    if actor.is_admin:
        return
    role = effective_role(actor, task.project_id)
    if not actor.is_member(task.project_id):
        raise Forbidden()
    if role == "manager" or (role == "supervisor" and in_task_department(ctx, task)):
        return
    raise Forbidden()


def check_manager_project_access(ctx: Ctx, project_id: Any) -> None:
    """Admins, and team members whose role there is manager."""
    actor = ctx.actor
    if actor.is_admin:
        return
    if not actor.is_member(project_id) or effective_role(actor, project_id) != "manager":
        raise Forbidden()


def person_project_role(ctx: Ctx, person_id: Any, project_id: Any) -> str | None:
    """Another person's role on a project: their team role when set, else their global one."""
    from reeltrack.models import Person, project_person_link

    link = project_person_link.c
    team_role = ctx.session.scalar(
        select(link.role).where(link.project_id == project_id, link.person_id == person_id)
    )
    if team_role:
        return str(team_role)
    role = ctx.session.scalar(select(Person.role).where(Person.id == person_id))
    return str(role) if role is not None else None
