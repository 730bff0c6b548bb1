"""Schedule items, milestones, production schedule versions and their task links."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, delete, exists, select, update

from reeltrack.auth.actor import Actor
from reeltrack.auth.policies import Policy, as_uuid, refuse_list_unless_admin
from reeltrack.crud.hooks.config_access import (
    CLOSED_TO_OUTSIDERS,
    has_manager_access,
    has_project_access,
    has_supervisor_access,
    session_of,
)
from reeltrack.crud.spec import Hooks
from reeltrack.crud.values import parse_uuid
from reeltrack.wire.errors import Forbidden, NotFound, WrongParameter

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

SIMILAR_SCHEDULE_ITEM = "A similar schedule item already exists"
NOT_SAME_PROJECT = "The task and the production schedule version must be in the same project."
# A task link keeps its task and version once created.
UPDATE_PROTECTED = ("task_id", "production_schedule_version_id")


def require_key(body: dict[str, Any], key: str) -> None:
    """Zou reads some keys unguarded: a missing one answers its KeyError text."""
    if key not in body:
        raise WrongParameter(f"'{key}'")


def _require_project_on_create(ctx: Ctx, body: dict[str, Any], row: Any) -> dict[str, Any]:
    if row is None:
        require_key(body, "project_id")
    return {}


# ---------------------------------------------------------------- schedule items


def _schedule_item_update(actor: Actor, row: Any) -> bool:
    """Admins, project managers, and supervisors of the task type's department."""
    from reeltrack.models import TaskType

    if has_manager_access(actor, getattr(row, "project_id", None)):
        return True
    session = session_of(row)
    task_type = session.get(TaskType, row.task_type_id) if session and row.task_type_id else None
    department = task_type.department_id if task_type else None
    return has_supervisor_access(actor, row.project_id, department)


SCHEDULE_ITEM_UPDATE = Policy("supervisor-of-task-type(schedule item)", _schedule_item_update)


def schedule_item_create(ctx: Ctx, values: dict[str, Any]) -> None:
    """One schedule item per project, task type and object (nulls match nulls)."""
    from reeltrack.models import ScheduleItem

    query = select(ScheduleItem.id)
    for key in ("project_id", "task_type_id", "object_id"):
        column = getattr(ScheduleItem, key)
        value = values.get(key)
        query = query.where(column.is_(None) if value is None else column == value)
    if ctx.session.scalar(select(exists(query))):
        raise WrongParameter(SIMILAR_SCHEDULE_ITEM)


def schedule_item_prepare(ctx: Ctx, body: dict[str, Any], row: Any) -> dict[str, Any]:
    """An update drops a man_days sent as a string, as Zou does."""
    if row is not None and isinstance(body.get("man_days"), str):
        body.pop("man_days")
    return {}


SCHEDULE_ITEM_HOOKS = Hooks(prepare=schedule_item_prepare, validate_create=schedule_item_create)


# ---------------------------------------------------------------- milestones


def _milestone_read(actor: Actor, row: Any) -> bool:
    project_id = getattr(row, "project_id", None)
    if not has_project_access(actor, project_id):
        return False
    return actor.role_in(project_id) != "vendor"


# Zou lists milestones to admins only, but serves one to its project's team (vendors excepted).
MILESTONE_READ = Policy("milestone-read (list: admin)", _milestone_read, refuse_list_unless_admin)
MILESTONE_HOOKS = Hooks(prepare=_require_project_on_create)


# ---------------------------------------------------------------- production schedule versions


def _schedule_reader(actor: Actor, project_id: Any) -> bool:
    """Project access, closed to vendors and clients."""
    if not has_project_access(actor, project_id):
        return False
    return actor.role_in(as_uuid(project_id)) not in CLOSED_TO_OUTSIDERS


def _version_read(actor: Actor, row: Any) -> bool:
    return _schedule_reader(actor, getattr(row, "project_id", None))


def _version_scope(actor: Actor, model: Any, stmt: Select[Any]) -> Select[Any]:
    if actor.is_admin:
        return stmt
    return stmt.where(model.project_id.in_(actor.project_ids))


VERSION_READ = Policy("schedule-version-read", _version_read, _version_scope)


def check_schedule_list(ctx: Ctx, params: Mapping[str, str]) -> None:
    """Lists need admin, or `project_id` of a project the caller reads schedules of."""
    from reeltrack.models import Project

    actor = ctx.actor
    if actor.is_admin:
        return
    if "project_id" not in params:
        raise Forbidden()
    project_id = parse_uuid(params["project_id"])
    if project_id is None or ctx.session.get(Project, project_id) is None:
        raise NotFound()
    if not _schedule_reader(actor, project_id):
        raise Forbidden()


def version_list(ctx: Ctx, stmt: Any, params: Mapping[str, str]) -> Any:
    check_schedule_list(ctx, params)
    return stmt


def version_before_delete(ctx: Ctx, row: Any, force: bool) -> None:
    """Detach what points at the version: versions copied from it, projects built on it."""
    from reeltrack.models import (
        ProductionScheduleVersion,
        ProductionScheduleVersionTaskLink,
        Project,
    )
    from reeltrack.models.schedule import production_schedule_version_task_link_person_link as pl

    session = ctx.session
    session.execute(
        update(ProductionScheduleVersion)
        .where(ProductionScheduleVersion.production_schedule_from == row.id)
        .values(production_schedule_from=None),
        execution_options={"synchronize_session": False},
    )
    projects = list(
        session.scalars(select(Project.id).where(Project.from_schedule_version_id == row.id))
    )
    if projects:
        session.execute(
            update(Project).where(Project.id.in_(projects)).values(from_schedule_version_id=None),
            execution_options={"synchronize_session": False},
        )
    for project_id in projects:
        ctx.uow.emit("project:update", {}, project_id)
    links = select(ProductionScheduleVersionTaskLink.id).where(
        ProductionScheduleVersionTaskLink.production_schedule_version_id == row.id
    )
    session.execute(delete(pl).where(pl.c.production_schedule_version_task_link_id.in_(links)))
    session.execute(
        delete(ProductionScheduleVersionTaskLink).where(
            ProductionScheduleVersionTaskLink.production_schedule_version_id == row.id
        ),
        execution_options={"synchronize_session": False},
    )


VERSION_HOOKS = Hooks(
    prepare=_require_project_on_create,
    list_query=version_list,
    before_delete=version_before_delete,
)


# ---------------------------------------------------------------- version task links


def _task_project(row: Any) -> Any:
    from reeltrack.models import Task

    session = session_of(row)
    task = session.get(Task, row.task_id) if session is not None else None
    return task.project_id if task is not None else None


def _link_read(actor: Actor, row: Any) -> bool:
    return actor.is_admin or _schedule_reader(actor, _task_project(row))


def _link_scope(actor: Actor, model: Any, stmt: Select[Any]) -> Select[Any]:
    from reeltrack.models import ProductionScheduleVersion as Version

    if actor.is_admin:
        return stmt
    versions = select(Version.id).where(Version.project_id.in_(actor.project_ids))
    return stmt.where(model.production_schedule_version_id.in_(versions))


def _link_manage(actor: Actor, row: Any) -> bool:
    return actor.is_admin or has_manager_access(actor, _task_project(row))


def _link_create(actor: Actor, _values: Any) -> bool:
    """Managers only; which project they manage is checked in `link_prepare`."""
    if actor.is_admin:
        return True
    return any(actor.role_in(project_id) == "manager" for project_id in actor.project_ids)


LINK_READ = Policy("schedule-version-task-link-read", _link_read, _link_scope)
LINK_MANAGE = Policy("manager-of-task-project(schedule link)", _link_manage)
LINK_CREATE = Policy("manager-of-version-project(schedule link)", _link_create)


def link_list(ctx: Ctx, stmt: Any, params: Mapping[str, str]) -> Any:
    """Checked like the versions; `project_id` selects the links of that project's versions."""
    from reeltrack.models import ProductionScheduleVersion as Version
    from reeltrack.models import ProductionScheduleVersionTaskLink as Link

    check_schedule_list(ctx, params)
    if "project_id" not in params:
        return stmt
    project_id = parse_uuid(params["project_id"])
    if project_id is None:
        raise WrongParameter("Invalid project_id.")
    versions = select(Version.id).where(Version.project_id == project_id)
    return stmt.where(Link.production_schedule_version_id.in_(versions))


def _project_of_id(ctx: Ctx, model: Any, body: dict[str, Any], key: str) -> Any:
    require_key(body, key)
    row_id = parse_uuid(body[key])
    row = ctx.session.get(model, row_id) if row_id is not None else None
    if row is None:
        raise NotFound()
    return row.project_id


def link_prepare(ctx: Ctx, body: dict[str, Any], row: Any) -> dict[str, Any]:
    """A new link joins a task and a version of one project, managed by the caller."""
    from reeltrack.models import ProductionScheduleVersion, Task

    if row is not None:
        for key in UPDATE_PROTECTED:
            body.pop(key, None)
        return {}
    version_project = _project_of_id(
        ctx, ProductionScheduleVersion, body, "production_schedule_version_id"
    )
    task_project = _project_of_id(ctx, Task, body, "task_id")
    if version_project != task_project:
        raise WrongParameter(NOT_SAME_PROJECT)
    if not has_manager_access(ctx.actor, version_project):
        raise Forbidden()
    return {}


LINK_HOOKS = Hooks(prepare=link_prepare, list_query=link_list)
