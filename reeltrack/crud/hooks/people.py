"""Time spents and days off: task durations kept in sync, leave readable by the right people."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, exists, func, select, update

from reeltrack.auth.actor import Actor
from reeltrack.auth.policies import Policy, as_uuid, field_of, refuse_list_unless_admin
from reeltrack.crud.spec import Hooks
from reeltrack.crud.values import parse_datetime
from reeltrack.wire.errors import Forbidden, NotFound, WrongParameter

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

RANGE_NEEDS_BOTH = (
    "If querying for a range of dates, both a `start_date` and an `end_date` must be given."
)
INVALID_FORMAT = "One of the provided values has an invalid format."
DAY_OFF_OVERLAP = "Day off already exists for this period"
LEAVE_READERS = ("manager", "supervisor")


# ---------------------------------------------------------------- task durations


def refresh_task_durations(
    ctx: Ctx, task_ids: Iterable[Any], exclude: uuid.UUID | None = None
) -> None:
    """Set each task's duration to the sum of its time spents and announce the change."""
    from reeltrack.models import Task, TimeSpent

    ids = sorted({task_id for task_id in task_ids if task_id is not None}, key=str)
    if not ids:
        return
    total = select(func.coalesce(func.sum(TimeSpent.duration), 0.0)).where(
        TimeSpent.task_id == Task.id
    )
    if exclude is not None:
        total = total.where(TimeSpent.id != exclude)
    ctx.session.execute(
        update(Task).where(Task.id.in_(ids)).values(duration=total.scalar_subquery()),
        execution_options={"synchronize_session": False},
    )
    found = ctx.session.execute(select(Task.id, Task.project_id).where(Task.id.in_(ids)))
    projects = {task_id: project_id for task_id, project_id in found}
    for task_id in ids:
        if task_id in projects:
            ctx.uow.emit("task:update", {"task_id": task_id}, projects[task_id])


# ---------------------------------------------------------------- time spents


def _parse_day(raw: str) -> dt.date:
    parsed = parse_datetime(raw.strip())
    if parsed is None:
        raise WrongParameter(INVALID_FORMAT)
    return parsed.date()


def time_spent_range(ctx: Ctx, stmt: Any, params: Mapping[str, str]) -> Any:
    """`start_date` and `end_date` (both, or neither) select an inclusive date range."""
    from reeltrack.models import TimeSpent

    start, end = params.get("start_date"), params.get("end_date")
    if not start and not end:
        return stmt
    if start is None or end is None:
        raise WrongParameter(RANGE_NEEDS_BOTH)
    return stmt.where(TimeSpent.date.between(_parse_day(start), _parse_day(end)))


def time_spent_created(ctx: Ctx, row: Any) -> None:
    refresh_task_durations(ctx, [row.task_id])


def time_spent_moving(ctx: Ctx, row: Any, values: dict[str, Any]) -> None:
    """A time spent moved to another task no longer counts for its former task."""
    if "task_id" not in values:
        return
    if values["task_id"] is None:
        raise WrongParameter("Missing required field(s): task_id.")
    if values["task_id"] != row.task_id:
        refresh_task_durations(ctx, [row.task_id], exclude=row.id)


def time_spent_updated(ctx: Ctx, row: Any) -> None:
    refresh_task_durations(ctx, [row.task_id])


def time_spent_deleted(ctx: Ctx, row: Any) -> None:
    refresh_task_durations(ctx, [row.task_id])


def _may_delete_time_spent(actor: Actor, row: Any) -> bool:
    """Cheap gate; `check_time_spent_delete` applies the assignment and project rules."""
    if row is None:
        return False
    if actor.is_admin or row.person_id == actor.person_id:
        return True
    return any(actor.role_in(project_id) == "manager" for project_id in actor.project_ids)


def check_time_spent_delete(ctx: Ctx, row: Any, _force: bool) -> None:
    """The person must be assigned to the task, and the caller be them, an admin or its manager."""
    from reeltrack.models import Task
    from reeltrack.models.task import task_person_link as link

    task = ctx.session.get(Task, row.task_id) if row.task_id is not None else None
    if task is None:
        raise NotFound()
    assigned = row.person_id is not None and ctx.session.scalar(
        select(exists().where(link.c.task_id == task.id, link.c.person_id == row.person_id))
    )
    actor = ctx.actor
    allowed = assigned and (
        row.person_id == actor.person_id
        or actor.is_admin
        or actor.role_in(task.project_id) == "manager"
    )
    if not allowed:
        raise Forbidden()


TIME_SPENT_DELETE = Policy("time-spent-assignee-or-manager", _may_delete_time_spent)
TIME_SPENT_HOOKS = Hooks(
    list_query=time_spent_range,
    after_create=time_spent_created,
    validate_update=time_spent_moving,
    after_update=time_spent_updated,
    before_delete=check_time_spent_delete,
    after_delete=time_spent_deleted,
)


# ---------------------------------------------------------------- days off


def _owner_or_admin(actor: Actor, target: Any) -> bool:
    """Zou's check_day_off_access: admins, and the person the day off belongs to."""
    if actor.is_admin:
        return True
    return target is not None and as_uuid(field_of(target, "person_id")) == actor.person_id


def _may_read_day_off(actor: Actor, row: Any) -> bool:
    """Cheap gate; `day_off_detail` checks the shared productions and departments."""
    if _owner_or_admin(actor, row):
        return True
    return row is not None and any(
        actor.role_in(project_id) in LEAVE_READERS for project_id in actor.project_ids
    )


DAY_OFF_OWNER = Policy("day-off-owner-or-admin", _owner_or_admin)
DAY_OFF_READ = Policy("day-off-read", _may_read_day_off, refuse_list_unless_admin)


def day_off_prepare(_ctx: Ctx, body: dict[str, Any], row: Any) -> dict[str, Any]:
    """Zou reads the person first, whoever asks; without it the request fails."""
    if row is None and body.get("person_id") is None:
        raise WrongParameter("'person_id'")
    return {}


def _check_overlap(ctx: Ctx, start: Any, end: Any, person_id: Any, exclude: Any = None) -> None:
    from reeltrack.models import DayOff

    if start is None or end is None:
        return
    clauses = [DayOff.person_id == person_id, DayOff.date <= end, DayOff.end_date >= start]
    if exclude is not None:
        clauses.append(DayOff.id != exclude)
    query = select(exists().where(*clauses))
    if ctx.session.scalar(query):
        raise WrongParameter(DAY_OFF_OVERLAP)


def day_off_create(ctx: Ctx, values: dict[str, Any]) -> None:
    _check_overlap(ctx, values.get("date"), values.get("end_date"), values.get("person_id"))


def day_off_update(ctx: Ctx, row: Any, values: dict[str, Any]) -> None:
    """Only admins move a day off to someone else; the new period must be free."""
    person_id = values.get("person_id", row.person_id)
    if person_id != row.person_id and not ctx.actor.is_admin:
        raise Forbidden()
    start = values.get("date", row.date)
    end = values.get("end_date", row.end_date)
    _check_overlap(ctx, start, end, person_id, exclude=row.id)


def remove_covered_time_spents(ctx: Ctx, row: Any) -> None:
    """Hours logged by the person on the days the leave covers are dropped."""
    from reeltrack.models import TimeSpent

    if row.person_id is None:
        return
    covered = (
        TimeSpent.person_id == row.person_id,
        TimeSpent.date >= row.date,
        TimeSpent.date <= row.end_date,
    )
    task_ids = list(ctx.session.scalars(select(TimeSpent.task_id).where(*covered).distinct()))
    if not task_ids:
        return
    ctx.session.execute(
        delete(TimeSpent).where(*covered), execution_options={"synchronize_session": False}
    )
    refresh_task_durations(ctx, task_ids)


def _supervises(ctx: Ctx, person_id: Any) -> bool:
    """A supervisor with no department supervises everyone, else people sharing one."""
    from reeltrack.models.person import department_link as link

    departments = ctx.actor.department_ids
    if not departments:
        return True
    return bool(
        ctx.session.scalar(
            select(
                exists().where(link.c.person_id == person_id, link.c.department_id.in_(departments))
            )
        )
    )


def _reads_description(ctx: Ctx, person_id: Any) -> bool:
    """True for the whole record, False for the dates only; 403 when not readable at all."""
    from reeltrack.models.project import project_person_link as link

    actor = ctx.actor
    if actor.is_admin or (person_id is not None and person_id == actor.person_id):
        return True
    scopes = {
        project_id: role
        for project_id in actor.project_ids
        if (role := actor.role_in(project_id)) in LEAVE_READERS
    }
    if not scopes or person_id is None:
        raise Forbidden()
    shared = ctx.session.scalars(
        select(link.c.project_id).where(
            link.c.project_id.in_(list(scopes)), link.c.person_id == person_id
        )
    )
    roles = {scopes[project_id] for project_id in shared}
    if "manager" in roles:
        return True
    if "supervisor" in roles and _supervises(ctx, person_id):
        return False
    raise Forbidden()


def day_off_detail(ctx: Ctx, row: Any, data: dict[str, Any]) -> dict[str, Any]:
    if not _reads_description(ctx, row.person_id):
        data.pop("description", None)
    return data


DAY_OFF_HOOKS = Hooks(
    prepare=day_off_prepare,
    validate_create=day_off_create,
    validate_update=day_off_update,
    after_create=remove_covered_time_spents,
    after_update=remove_covered_time_spents,
    detail=day_off_detail,
)
