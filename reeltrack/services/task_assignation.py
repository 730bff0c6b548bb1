"""Assigning and unassigning people, and setting priorities, on one or many tasks."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select, update

from reeltrack.crud.hooks.tasks import _notify_assignee, check_no_preview_assignee
from reeltrack.crud.values import parse_uuid
from reeltrack.db.base import utcnow
from reeltrack.db.upsert import insert_missing
from reeltrack.services import task_common as common
from reeltrack.wire.errors import Forbidden, RawError
from reeltrack.wire.present import present

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

NO_ASSIGNEE = {"error": "Assignee doesn't exist in database."}
SUPERVISOR_FIELDS = frozenset(
    {"priority", "start_date", "due_date", "estimation", "difficulty", "data"}
)


def assignee_ids(ctx: Ctx, task_id: Any) -> list[Any]:
    from reeltrack.models.task import task_person_link as link

    return list(ctx.session.scalars(select(link.c.person_id).where(link.c.task_id == task_id)))


def present_with_assignees(ctx: Ctx, task: Any) -> dict[str, Any]:
    return present(task, links={"assignees": assignee_ids(ctx, task.id)})


def _lookup_task(ctx: Ctx, task_id: Any) -> Any:
    from reeltrack.models import Task

    parsed = parse_uuid(task_id)
    return ctx.session.get(Task, parsed) if parsed is not None else None


def _lookup_assignee(ctx: Ctx, person_id: Any) -> Any:
    from reeltrack.models import Person

    parsed = parse_uuid(person_id)
    person = ctx.session.get(Person, parsed) if parsed is not None else None
    if person is None:
        raise RawError(400, NO_ASSIGNEE)
    return person


def _team_rule(ctx: Ctx, task: Any, by_role: Callable[[str], bool]) -> bool:
    """Admins and the project's managers may; outsiders may not; other roles as `by_role` says."""
    actor = ctx.actor
    if actor.is_admin:
        return True
    role = actor.role_in(task.project_id)
    if role is None:
        return False
    return role == "manager" or by_role(role)


def can_assign(ctx: Ctx, task: Any, person: Any) -> bool:
    """Zou's department rule: managers; supervisors sharing a department; artists on themselves."""

    def by_role(role: str) -> bool:
        actor = ctx.actor
        mine = actor.department_ids
        department = common.task_type_department(ctx.session, task)
        if role == "supervisor":
            if not mine:
                return True
            theirs = common.person_departments(ctx.session, person.id)
            if department in mine and theirs & mine:
                return True
        return department in mine and person.id == actor.person_id

    return _team_rule(ctx, task, by_role)


def can_unassign(ctx: Ctx, task: Any, person_id: Any) -> bool:
    """Managers; supervisors of the task's department; artists assigned, on themselves."""

    def by_role(role: str) -> bool:
        actor = ctx.actor
        mine = actor.department_ids
        if role == "supervisor" and (
            not mine or common.task_type_department(ctx.session, task) in mine
        ):
            return True
        return actor.person_id in assignee_ids(ctx, task.id) and person_id == actor.person_id

    return _team_rule(ctx, task, by_role)


def assign_person(ctx: Ctx, task: Any, person: Any) -> dict[str, Any]:
    """Link the person, mark the caller as assigner, notify: Zou's assign_task."""
    from reeltrack.models.task import task_person_link as link

    check_no_preview_assignee(ctx, [str(person.id)])
    # A concurrent assignment of the same person is not an error.
    insert_missing(ctx.session, link, {"task_id": task.id, "person_id": person.id})
    task.assigner_id = ctx.actor.person_id
    task.updated_at = utcnow()
    ctx.session.flush()
    ctx.uow.emit("task:assign", {"task_id": task.id, "person_id": person.id}, task.project_id)
    ctx.uow.emit("task:update", {"task_id": task.id}, task.project_id)
    _notify_assignee(ctx, task, person.id)
    return present_with_assignees(ctx, task)


def _join_team(ctx: Ctx, project_id: Any, person: Any) -> None:
    from reeltrack.models import Project
    from reeltrack.services.projects import add_team_member

    project = ctx.session.get(Project, project_id)
    if project is not None:
        add_team_member(ctx.session, project, str(person.id), None)


def assign_one(ctx: Ctx, task_id: str, person_id: str) -> dict[str, Any]:
    task = common.get_task(ctx.session, task_id)
    person = _lookup_assignee(ctx, person_id)
    common.check_not_bot(ctx.session, person, task.project_id)
    if not can_assign(ctx, task, person):
        raise Forbidden()
    data = assign_person(ctx, task, person)
    _join_team(ctx, task.project_id, person)
    return data


def assign_many(ctx: Ctx, person_id: str, task_ids: list[str]) -> list[dict[str, Any]]:
    """Assign every listed task the caller may assign; unknown or refused ones are skipped."""
    assigned = []
    person = None
    for task_id in task_ids:
        task = _lookup_task(ctx, task_id)
        if task is None:
            continue
        person = person or _lookup_assignee(ctx, person_id)
        try:
            common.check_not_bot(ctx.session, person, task.project_id)
        except Forbidden:
            continue
        if can_assign(ctx, task, person):
            assigned.append(assign_person(ctx, task, person))
    if assigned and person is not None:
        _join_team(ctx, assigned[0]["project_id"], person)
    return assigned


def _clear(ctx: Ctx, task: Any, person_id: Any) -> None:
    from reeltrack.models.task import task_person_link as link

    query = delete(link).where(link.c.task_id == task.id)
    if person_id is None:
        removed = assignee_ids(ctx, task.id)
    else:
        removed = [person_id]
        query = query.where(link.c.person_id == person_id)
    ctx.session.execute(query)
    ctx.session.execute(
        update(type(task)).where(type(task).id == task.id).values(updated_at=utcnow())
    )
    for assignee in removed:
        ctx.uow.emit("task:unassign", {"person_id": assignee, "task_id": task.id}, task.project_id)
    ctx.uow.emit("task:update", {"task_id": task.id}, task.project_id)


def clear_assignation(ctx: Ctx, task_ids: list[str], person_id: str | None) -> list[str]:
    """Unassign one person (or everyone) from each listed task the caller may change."""
    person = common.parse_id(person_id) if person_id else None
    cleared = []
    for task_id in task_ids:
        task = _lookup_task(ctx, task_id)
        if task is None or not can_unassign(ctx, task, person):
            continue
        _clear(ctx, task, person)
        cleared.append(task_id)
    return cleared


def can_plan(ctx: Ctx, task: Any, fields: set[str]) -> bool:
    """Managers; supervisors on planning fields of their departments' tasks."""
    actor = ctx.actor
    if actor.is_admin:
        return True
    role = actor.role_in(task.project_id)
    if role == "manager":
        return True
    if role != "supervisor" or fields - SUPERVISOR_FIELDS:
        return False
    mine = actor.department_ids
    return not mine or common.task_type_department(ctx.session, task) in mine


def set_priority(ctx: Ctx, task_ids: list[str], priority: int) -> list[dict[str, Any]]:
    updated = []
    for task_id in task_ids:
        task = _lookup_task(ctx, task_id)
        if task is None or not can_plan(ctx, task, {"priority"}):
            continue
        task.priority = priority
        task.updated_at = utcnow()
        ctx.session.flush()
        ctx.uow.emit("task:update", {"task_id": task.id}, task.project_id)
        updated.append(present(task))
    return updated
