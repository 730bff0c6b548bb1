"""Preview files: read through their task, updated by assignees or supervisors, unique revisions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, exists, inspect, select, update

from reeltrack.auth.actor import Actor
from reeltrack.auth.policies import Policy
from reeltrack.crud.hooks.reviews_access import (
    assigned_task_ids,
    check_manager_project_access,
    check_project_access,
    check_supervisor_task_type_access,
    effective_role,
    is_assigned,
    open_project_ids,
    task_of,
)
from reeltrack.crud.hooks.reviews_tasks import detach_preview, restore_mains
from reeltrack.crud.spec import Hooks
from reeltrack.crud.values import parse_uuid
from reeltrack.wire.errors import Forbidden, WrongParameter

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx


def _reachable_tasks(actor: Actor) -> Any:
    """Tasks of open projects: assigned ones for a vendor, team ones for the others."""
    from reeltrack.models import Task

    tasks = select(Task.id).where(Task.project_id.in_(open_project_ids()))
    if actor.is_vendor:
        return tasks.where(Task.id.in_(assigned_task_ids(actor.person_id)))
    return tasks.where(Task.project_id.in_(actor.project_ids))


def _list_scope(actor: Actor, model: Any, stmt: Select[Any]) -> Select[Any]:
    if actor.is_admin:
        return stmt
    return stmt.where(model.task_id.in_(_reachable_tasks(actor)))


def _row_gate(_actor: Actor, target: Any) -> bool:
    return target is not None  # the task-level rules run in the hooks


READ = Policy("preview-task-access", _row_gate, _list_scope)
WRITE = Policy("preview-task-worker", _row_gate)


def filter_by_project(ctx: Ctx, stmt: Any, params: Mapping[str, str]) -> Any:
    """`project_id=` keeps the previews of that project's tasks."""
    from reeltrack.models import PreviewFile, Task

    if "project_id" not in params:
        return stmt
    project_id = parse_uuid(params["project_id"])
    if project_id is None:
        raise WrongParameter("Invalid project_id.")
    tasks = select(Task.id).where(Task.project_id == project_id)
    return stmt.where(PreviewFile.task_id.in_(tasks))


def _task_or_forbidden(ctx: Ctx, row: Any) -> Any:
    task = task_of(ctx, row.task_id)
    if task is None:
        raise Forbidden()
    return task


def check_read(ctx: Ctx, row: Any) -> None:
    """A vendor must work on the task; anyone else must be on its project's team."""
    if ctx.actor.is_admin:
        return
    task = _task_or_forbidden(ctx, row)
    if effective_role(ctx.actor, task.project_id) == "vendor":
        if not is_assigned(ctx, task.id):
            raise Forbidden()
    else:
        check_project_access(ctx, task.project_id)


def prepare(ctx: Ctx, body: dict[str, Any], row: Any) -> dict[str, Any]:
    """Updates: team members who manage, work on the task or supervise its department."""
    if row is None or ctx.actor.is_admin:
        return {}
    task = _task_or_forbidden(ctx, row)
    role = check_project_access(ctx, task.project_id)
    if role != "manager" and not is_assigned(ctx, task.id):
        check_supervisor_task_type_access(ctx, task)
    return {}


def validate_update(ctx: Ctx, row: Any, values: dict[str, Any]) -> None:
    """A main preview's revision stays unique on its task; its extra previews follow it."""
    from reeltrack.models import PreviewFile

    if "revision" not in values or row.position != 1 or values["revision"] == row.revision:
        return
    revision = values["revision"]
    taken = exists().where(
        PreviewFile.task_id == row.task_id,
        PreviewFile.revision == revision,
        PreviewFile.position == 1,
        PreviewFile.id != row.id,
    )
    if ctx.session.scalar(select(taken)):
        raise WrongParameter(
            f"Revision {revision} already exists for this task. Choose a different revision "
            "number, or omit it to let the revision auto-increment."
        )
    ctx.session.execute(
        update(PreviewFile)
        .where(
            PreviewFile.task_id == row.task_id,
            PreviewFile.revision == row.revision,
            PreviewFile.id != row.id,
        )
        .values(revision=revision),
        execution_options={"synchronize_session": False},
    )


def before_delete(ctx: Ctx, row: Any, force: bool) -> None:
    """Managers of the task's project; what points at the preview is cleared first."""
    task = task_of(ctx, row.task_id)
    if task is not None:
        check_manager_project_access(ctx, task.project_id)
    elif not ctx.actor.is_admin:
        raise Forbidden()
    inspect(row).info["removal"] = detach_preview(ctx, row)


def after_delete(ctx: Ctx, row: Any) -> None:
    """The task and the entity get back their previous main preview."""
    removal = inspect(row).info.pop("removal", None)
    if removal is not None:
        restore_mains(ctx, removal)


HOOKS = Hooks(
    prepare=prepare,
    validate_update=validate_update,
    check_read=check_read,
    before_delete=before_delete,
    after_delete=after_delete,
    list_query=filter_by_project,
)
