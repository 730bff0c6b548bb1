"""Tasks: team and vendor scopes, creation checks, supervisor limits, assignation events."""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import aliased

from reeltrack.auth.actor import Actor
from reeltrack.auth.policies import Policy, as_uuid, field_of, project_manager
from reeltrack.crud.hooks import task_purge
from reeltrack.crud.hooks.production import (
    assigned_tasks,
    base_name,
    entity_access,
    open_team_projects,
)
from reeltrack.crud.spec import Hooks
from reeltrack.crud.values import parse_uuid, uuid_arg
from reeltrack.wire.errors import Forbidden, NotFound, WrongParameter

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

FK_CONFLICT = "The change conflicts with records referencing this one."
SUPERVISOR_FIELDS = frozenset(
    {"priority", "start_date", "due_date", "estimation", "difficulty", "data"}
)
# What a client sees of a task's studio fields.
CLIENT_BLANK: dict[str, Any] = {
    "assignees": [],
    "assigner_id": None,
    "completion_rate": 0,
    "difficulty": None,
    "done_date": None,
    "due_date": None,
    "duration": 0,
    "end_date": None,
    "estimation": 0,
    "last_comment_date": None,
    "nb_assets_ready": 0,
    "nb_drawings": 0,
    "priority": 0,
    "real_start_date": None,
    "retake_count": 0,
    "start_date": None,
}
# Assignees of a task before an update, to tell who was assigned or unassigned.
_PREVIOUS_ASSIGNEES: weakref.WeakKeyDictionary[Any, set[Any]] = weakref.WeakKeyDictionary()


def vendor_projects(actor: Actor) -> list[Any]:
    """Team projects where the caller acts as a vendor."""
    return [p for p in actor.project_ids if actor.role_in(p) == "vendor"]


def _read_one(actor: Actor, task: Any) -> bool:
    return task is not None and entity_access(actor, task.project_id, task.entity_id, task)


def _read_list(actor: Actor, model: Any, stmt: Select[Any]) -> Select[Any]:
    """Admins see all; others their open team projects, vendors only their own tasks there."""
    if actor.is_admin:
        return stmt
    stmt = stmt.where(model.project_id.in_(open_team_projects(actor)))
    vendor_in = vendor_projects(actor)
    if vendor_in:
        stmt = stmt.where(
            or_(model.project_id.not_in(vendor_in), model.id.in_(assigned_tasks(actor)))
        )
    return stmt


def _create(actor: Actor, values: Any) -> bool:
    """Admins, and team members other than clients and vendors."""
    if actor.is_admin:
        return True
    project_id = as_uuid(field_of(values, "project_id"))
    return actor.role_in(project_id) in ("manager", "supervisor", "user")


def _update(actor: Actor, task: Any) -> bool:
    """Admins, managers and supervisors of the project (supervisors within limits)."""
    if actor.is_admin:
        return True
    return task is not None and actor.role_in(task.project_id) in ("manager", "supervisor")


READ = Policy("task-project-and-entity-access", _read_one, _read_list)
CREATE = Policy("task-team-member-not-client-or-vendor", _create)
UPDATE = Policy("task-manager-or-supervisor", _update)
DELETE = project_manager()


# ---------------------------------------------------------------- creation


def _entity_and_type(ctx: Ctx, body: dict[str, Any]) -> tuple[Any, Any]:
    from reeltrack.models import Entity, TaskType

    ids = {}
    for key in ("task_type_id", "entity_id"):
        ids[key] = parse_uuid(body.get(key))
        if ids[key] is None:
            raise WrongParameter(f"A valid {key} is required.")
    task_type = ctx.session.get(TaskType, ids["task_type_id"])
    entity = ctx.session.get(Entity, ids["entity_id"])
    if task_type is None or entity is None:
        raise NotFound()
    return entity, task_type


def _check_type_fits(ctx: Ctx, entity: Any, task_type: Any) -> None:
    """An asset task type needs an asset; any other needs the entity type it names."""
    from reeltrack.models import EntityType

    wanted = task_type.for_entity or "Asset"
    entity_type = ctx.session.get(EntityType, entity.entity_type_id)
    actual = entity_type.name if entity_type else None
    fits = base_name(actual) == "Asset" if wanted == "Asset" else actual == wanted
    if not fits:
        raise WrongParameter("Task type of the task does not match entity type.")


def check_no_preview_assignee(ctx: Ctx, assignees: Any) -> None:
    """Preview accounts are never assigned."""
    from reeltrack.models import Person

    if not isinstance(assignees, list):
        return
    ids = [parse_uuid(a.get("id") if isinstance(a, dict) else a) for a in assignees]
    ids = [i for i in ids if i is not None]
    if ids:
        query = select(Person.id).where(Person.id.in_(ids), Person.preview_project_id.isnot(None))
        if ctx.session.scalars(query.limit(1)).first() is not None:
            raise WrongParameter("A preview account can't be assigned")


def _prepare_create(ctx: Ctx, body: dict[str, Any]) -> None:
    from reeltrack.models import Task

    entity, task_type = _entity_and_type(ctx, body)
    body["name"] = body.get("name") or "main"
    if "assignees" in body and not isinstance(body["assignees"], list):
        raise WrongParameter("assignees must be a list.")
    _check_type_fits(ctx, entity, task_type)
    check_no_preview_assignee(ctx, body.get("assignees"))
    given = body.get("project_id")
    if given in (None, ""):
        body["project_id"] = str(entity.project_id)
    elif parse_uuid(given) != entity.project_id:
        raise WrongParameter("The task must belong to the project of its entity.")
    duplicate = select(Task.id).where(
        Task.entity_id == entity.id,
        Task.task_type_id == task_type.id,
        Task.project_id == entity.project_id,
        Task.name == body["name"],
    )
    if ctx.session.scalars(duplicate.limit(1)).first() is not None:
        raise WrongParameter("Task already exists.")


# ---------------------------------------------------------------- update


def _check_supervisor(ctx: Ctx, task: Any, body: dict[str, Any]) -> None:
    """A supervisor changes only planning fields, on tasks of their departments."""
    from reeltrack.models import TaskType

    actor = ctx.actor
    if actor.is_admin or actor.role_in(task.project_id) == "manager":
        return
    if set(body) - SUPERVISOR_FIELDS:
        raise Forbidden()
    departments = actor.department_ids
    if departments:
        task_type = ctx.session.get(TaskType, task.task_type_id) if task.task_type_id else None
        if task_type is None or task_type.department_id not in departments:
            raise Forbidden()


def current_assignees(ctx: Ctx, task_id: Any) -> set[Any]:
    from reeltrack.models.task import task_person_link as link

    return set(ctx.session.scalars(select(link.c.person_id).where(link.c.task_id == task_id)))


def _prepare_update(ctx: Ctx, task: Any, body: dict[str, Any]) -> None:
    _check_supervisor(ctx, task, body)
    if "assignees" in body:
        check_no_preview_assignee(ctx, body["assignees"])
        _PREVIOUS_ASSIGNEES[task] = current_assignees(ctx, task.id)
    data = body.get("data")
    if data:
        if not isinstance(data, dict):
            raise WrongParameter("Field 'data' must be an object.")
        body["data"] = {**(task.data or {}), **data}


def prepare(ctx: Ctx, body: dict[str, Any], row: Any) -> dict[str, Any]:
    if row is None:
        _prepare_create(ctx, body)
    else:
        _prepare_update(ctx, row, body)
    return {}


def _notify_assignee(ctx: Ctx, task: Any, person_id: Any) -> None:
    """Zou's assignation notification, unless people assign themselves."""
    from reeltrack.models import Notification

    if person_id == ctx.actor.person_id:
        return
    notification = Notification(
        person_id=person_id, author_id=ctx.actor.person_id, task_id=task.id, type="assignation"
    )
    ctx.session.add(notification)
    ctx.session.flush()
    ctx.uow.emit(
        "notification:new",
        {"notification_id": notification.id, "person_id": person_id},
        task.project_id,
    )


def after_update(ctx: Ctx, task: Any) -> dict[str, Any] | None:
    """Tell who was assigned or unassigned through the update."""
    previous = _PREVIOUS_ASSIGNEES.pop(task, None)
    if previous is None:
        return None
    now = current_assignees(ctx, task.id)
    for person_id in sorted(now - previous, key=str):
        ctx.uow.emit("task:assign", {"task_id": task.id, "person_id": person_id}, task.project_id)
        _notify_assignee(ctx, task, person_id)
    for person_id in sorted(previous - now, key=str):
        ctx.uow.emit("task:unassign", {"task_id": task.id, "person_id": person_id}, task.project_id)
    return None


# ---------------------------------------------------------------- reading


def blank_studio_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Blank, in place, the studio fields of a task dict that a client does not read."""
    for key, value in CLIENT_BLANK.items():
        if key in data:
            data[key] = list(value) if isinstance(value, list) else value
    return data


def output(ctx: Ctx, task: Any, data: dict[str, Any]) -> dict[str, Any]:
    """Clients (globally or on the task's project) get the studio fields blank."""
    actor = ctx.actor
    if actor.is_client or actor.role_in(task.project_id) == "client":
        blank_studio_fields(data)
    return data


def list_query(ctx: Ctx, stmt: Select[Any], params: Mapping[str, str]) -> Select[Any]:
    """`episode_id=`: tasks of the shots of the episode's sequences."""
    from reeltrack.models import Entity, Task

    raw = params.get("episode_id")
    if raw is None:
        return stmt
    episode_id = uuid_arg(raw, f"Invalid UUID format for episode_id: {raw}")
    sequence = aliased(Entity)
    in_episode = (
        select(Entity.id)
        .join(sequence, Entity.parent_id == sequence.id)
        .where(sequence.parent_id == episode_id)
    )
    return stmt.where(Task.entity_id.in_(in_episode))


# ---------------------------------------------------------------- delete and events


def before_delete(ctx: Ctx, task: Any, force: bool) -> None:
    """Refused while anything depends on the task; with force, the dependents go too."""
    session = ctx.session
    if not force:
        if task_purge.is_task_used(session, task.id):
            raise WrongParameter(FK_CONFLICT)
        return
    shown = task_purge.purge_task_dependents(session, [task.id])
    task_purge.restore_main_previews(session, shown)


def event(ctx: Ctx, task: Any, action: str) -> tuple[str, dict[str, Any]]:
    payload: dict[str, Any] = {"task_id": task.id}
    if action == "delete":
        payload.update(entity_id=task.entity_id, task_type_id=task.task_type_id)
    return f"task:{action}", payload


HOOKS = Hooks(
    prepare=prepare,
    after_update=after_update,
    before_delete=before_delete,
    output=output,
    list_query=list_query,
    event=event,
)
