"""Task types, task statuses, asset types and the organisation: their extra rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select, update

from reeltrack.crud.spec import Hooks
from reeltrack.wire.errors import WrongParameter

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx


def _task_type_name_taken(ctx: Ctx, name: Any, exclude: Any = None) -> None:
    from reeltrack.models import TaskType

    if not isinstance(name, str):
        return
    query = select(func.count()).where(func.lower(TaskType.name) == name.lower())
    if exclude is not None:
        query = query.where(TaskType.id != exclude)
    if ctx.session.scalar(query):
        raise WrongParameter("A task type with similar name already exists")


def task_type_create(ctx: Ctx, values: dict[str, Any]) -> None:
    _task_type_name_taken(ctx, values.get("name"))


def task_type_update(ctx: Ctx, row: Any, values: dict[str, Any]) -> None:
    name = values.get("name")
    if name is not None and name != row.name:
        _task_type_name_taken(ctx, name, exclude=row.id)


def task_type_delete(ctx: Ctx, row: Any, force: bool) -> None:
    from reeltrack.models import ProjectTaskTypeLink, ScheduleItem

    session = ctx.session
    attached = []
    for label, model in (("schedule items", ScheduleItem), ("projects", ProjectTaskTypeLink)):
        count = session.scalar(select(func.count()).where(model.task_type_id == row.id))
        if count:
            attached.append((label, model))
    if attached and not force:
        names = " and ".join(label for label, _ in attached)
        raise WrongParameter(
            f"Task type is attached to {names}. Re-issue the request with force=true to detach."
        )
    for _, model in attached:
        session.execute(delete(model).where(model.task_type_id == row.id))


TASK_TYPE_HOOKS = Hooks(
    validate_create=task_type_create,
    validate_update=task_type_update,
    before_delete=task_type_delete,
)


def _single_default(ctx: Ctx, values: dict[str, Any], row_id: Any = None) -> None:
    """Only one task status may be the default one."""
    from reeltrack.models import TaskStatus

    if values.get("is_default") is True:
        query = update(TaskStatus).where(TaskStatus.is_default.is_(True))
        if row_id is not None:
            query = query.where(TaskStatus.id != row_id)
        ctx.session.execute(query.values(is_default=False))


TASK_STATUS_HOOKS = Hooks(
    validate_create=lambda ctx, values: _single_default(ctx, values),
    validate_update=lambda ctx, row, values: _single_default(ctx, values, row.id),
)


def entity_type_create(ctx: Ctx, values: dict[str, Any]) -> None:
    from reeltrack.models import EntityType

    name = values.get("name")
    if isinstance(name, str):
        query = select(func.count()).where(func.lower(EntityType.name) == name.lower())
        if ctx.session.scalar(query):
            raise WrongParameter("Entity type with this name already exists")


def entity_type_update_output(ctx: Ctx, row: Any) -> dict[str, Any]:
    from reeltrack.models.entity_type import task_type_asset_type_link as link

    ids = ctx.session.scalars(select(link.c.task_type_id).where(link.c.asset_type_id == row.id))
    return {"task_types": list(ids)}


ENTITY_TYPE_HOOKS = Hooks(
    validate_create=entity_type_create, after_update=entity_type_update_output
)


def organisation_prepare(ctx: Ctx, body: dict[str, Any], row: Any) -> dict[str, Any]:
    """An update reads hours_by_day as a float, before the generic type checks."""
    if row is not None and body.get("hours_by_day") is not None:
        try:
            body["hours_by_day"] = float(body["hours_by_day"])
        except (TypeError, ValueError):
            raise WrongParameter("hours_by_day must be a number.") from None
    return {}


ORGANISATION_HOOKS = Hooks(prepare=organisation_prepare)
