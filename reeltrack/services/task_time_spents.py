"""Time spent on a task per person and day: set, add, delete, list."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update

from reeltrack.auth.actor import Actor
from reeltrack.db.base import utcnow
from reeltrack.services import task_common as common
from reeltrack.services.task_assignation import assignee_ids
from reeltrack.wire.errors import Forbidden, NotFound, WrongParameter
from reeltrack.wire.present import present

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from reeltrack.auth.deps import Ctx


def check_access(ctx: Ctx, task: Any, person_id: Any) -> None:
    """Only for an assignee: themselves, an admin, or a manager of the project."""
    actor = ctx.actor
    allowed = person_id in assignee_ids(ctx, task.id) and (
        person_id == actor.person_id
        or actor.is_admin
        or actor.role_in(task.project_id) == "manager"
    )
    if not allowed:
        raise Forbidden()


def _refresh_duration(ctx: Ctx, task: Any) -> None:
    """The task's duration is the sum of its time spents (Zou recomputes it each time)."""
    from reeltrack.models import Task, TimeSpent

    total = ctx.session.scalar(
        select(func.coalesce(func.sum(TimeSpent.duration), 0)).where(TimeSpent.task_id == task.id)
    )
    ctx.session.execute(
        update(Task).where(Task.id == task.id).values(duration=total, updated_at=utcnow())
    )
    ctx.session.expire(task, ["duration", "updated_at"])
    ctx.uow.emit("task:update", {"task_id": task.id}, task.project_id)


def _touch_presence(ctx: Ctx, person_id: Any) -> None:
    from reeltrack.models import Person

    today = utcnow().date()
    ctx.session.execute(update(Person).where(Person.id == person_id).values(last_presence=today))


def _existing(ctx: Ctx, task_id: Any, person_id: Any, day: dt.date) -> Any:
    from reeltrack.models import TimeSpent

    return ctx.session.scalars(
        select(TimeSpent).where(
            TimeSpent.task_id == task_id, TimeSpent.person_id == person_id, TimeSpent.date == day
        )
    ).first()


# Durations are minutes, as Kitsu sends them; one person's day cannot hold more than this.
DAY_MINUTES = 24 * 60


def check_daily_total(ctx: Ctx, task_id: Any, person_id: Any, day: dt.date, value: float) -> None:
    """Refuse a duration that would put the person's total for the day over 24 hours."""
    from reeltrack.models import TimeSpent

    others = float(
        ctx.session.scalar(
            select(func.coalesce(func.sum(TimeSpent.duration), 0)).where(
                TimeSpent.person_id == person_id,
                TimeSpent.date == day,
                TimeSpent.task_id != task_id,
            )
        )
        or 0
    )
    if others + value > DAY_MINUTES:
        left = max(DAY_MINUTES - others, 0)
        raise WrongParameter(
            f"A day holds {DAY_MINUTES} minutes: {others:g} are already logged on {day} "
            f"on other tasks, so at most {left:g} can be set on this one."
        )


def _target(ctx: Ctx, task_id: str, day: str, person_id: str) -> tuple[Any, Any, dt.date]:
    task = common.get_task(ctx.session, task_id)
    person = common.get_person(ctx.session, person_id)
    return task, person, common.parse_day(day)


def set_time_spent(
    ctx: Ctx, task_id: str, day: str, person_id: str, duration: float, add: bool
) -> dict[str, Any]:
    """Create the day's time spent, or set (or add to) its duration."""
    from reeltrack.models import TimeSpent

    task, person, date = _target(ctx, task_id, day, person_id)
    common.check_not_bot(ctx.session, person, task.project_id)
    check_access(ctx, task, person.id)
    row = _existing(ctx, task.id, person.id, date)
    value = row.duration + duration if add and row is not None else duration
    check_daily_total(ctx, task.id, person.id, date, value)
    if row is not None:
        row.duration = value
        row.updated_at = utcnow()
        ctx.session.flush()
        ctx.uow.emit("time-spent:update", {"time_spent_id": row.id}, task.project_id)
    else:
        row = TimeSpent(task_id=task.id, person_id=person.id, date=date, duration=duration)
        ctx.session.add(row)
        ctx.session.flush()
        _touch_presence(ctx, person.id)
        ctx.uow.emit("time-spent:new", {"time_spent_id": row.id}, task.project_id)
    _refresh_duration(ctx, task)
    return present(row)


def delete_time_spent(ctx: Ctx, task_id: str, day: str, person_id: str) -> dict[str, Any]:
    task, person, date = _target(ctx, task_id, day, person_id)
    common.check_not_bot(ctx.session, person)
    check_access(ctx, task, person.id)
    row = _existing(ctx, task.id, person.id, date)
    if row is None:
        raise NotFound()
    data = present(row)
    data["duration"] = 0.0
    ctx.session.delete(row)
    ctx.session.flush()
    ctx.uow.emit("time-spent:delete", {"time_spent_id": row.id}, task.project_id)
    _refresh_duration(ctx, task)
    return data


def time_spents(
    session: Session, actor: Actor, task_id: str, day: str | None = None
) -> dict[str, Any]:
    """{person id: [time spents], "total": sum}, for the whole task or one day."""
    from reeltrack.models import TimeSpent

    task = common.get_task(session, task_id)
    common.check_task_access(actor, task)
    query = select(TimeSpent).where(TimeSpent.task_id == task.id)
    if day is not None:
        query = query.where(TimeSpent.date == common.parse_day(day))
    result: dict[str, Any] = defaultdict(list)
    result["total"] = 0
    for row in session.scalars(query.order_by(TimeSpent.date, TimeSpent.created_at)):
        result[str(row.person_id)].append(present(row))
        result["total"] += row.duration
    return dict(result)
