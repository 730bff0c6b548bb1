"""The caller's own time spents, days off and desktop login logs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reeltrack.auth.actor import Actor
from reeltrack.crud.values import parse_uuid
from reeltrack.models import DayOff, DesktopLoginLog, Person, Task, TimeSpent
from reeltrack.wire.errors import WrongParameter
from reeltrack.wire.present import present


def parse_day(value: str, message: str = "Wrong date format.") -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise WrongParameter(message) from None


def time_spents_of_day(session: Session, actor: Actor, day: dt.date) -> list[dict[str, Any]]:
    query = select(TimeSpent).where(TimeSpent.person_id == actor.person_id, TimeSpent.date == day)
    return [present(row) for row in session.scalars(query)]


def time_spents_range(session: Session, actor: Actor, start: str, end: str) -> list[dict[str, Any]]:
    """The caller's time spents between two days, with their task's project and type."""
    message = f"Wrong date format for {start} and/or {end}"
    first, last = parse_day(start, message), parse_day(end, message)
    query = (
        select(TimeSpent, Task.project_id, Task.task_type_id)
        .join(Task, Task.id == TimeSpent.task_id)
        .where(TimeSpent.person_id == actor.person_id, TimeSpent.date.between(first, last))
    )
    return [
        {**present(row), "project_id": str(project_id), "task_type_id": str(task_type_id)}
        for row, project_id, task_type_id in session.execute(query)
    ]


def task_time_spent(session: Session, actor: Actor, task_id: str, day: str) -> Any:
    parsed = parse_uuid(task_id)
    if parsed is None:
        raise WrongParameter("Malformed ID.")
    query = select(TimeSpent).where(
        TimeSpent.person_id == actor.person_id,
        TimeSpent.task_id == parsed,
        TimeSpent.date == parse_day(day),
    )
    row = session.scalars(query).first()
    return present(row) if row is not None else None


def day_off(session: Session, actor: Actor, day: str) -> dict[str, Any]:
    """The caller's day off covering a day, or {}."""
    when = parse_day(day)
    query = select(DayOff).where(
        DayOff.person_id == actor.person_id, DayOff.date <= when, DayOff.end_date >= when
    )
    row = session.scalars(query).first()
    return present(row) if row is not None else {}


def desktop_login_logs(session: Session, actor: Actor) -> list[dict[str, Any]]:
    query = (
        select(DesktopLoginLog)
        .where(DesktopLoginLog.person_id == actor.person_id)
        .order_by(DesktopLoginLog.date.desc())
    )
    return [present(row) for row in session.scalars(query)]


def _moment(value: Any) -> dt.datetime:
    if value is None:
        return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError:
        raise WrongParameter("Wrong date format.") from None
    return parsed.astimezone(dt.UTC).replace(tzinfo=None) if parsed.tzinfo else parsed


def add_desktop_login(session: Session, actor: Actor, date: Any) -> dict[str, Any]:
    """Log a desktop login and refresh the caller's last presence day."""
    row = DesktopLoginLog(person_id=actor.person_id, date=_moment(date))
    session.add(row)
    session.flush()
    newest_login = session.scalar(
        select(DesktopLoginLog.date)
        .where(DesktopLoginLog.person_id == actor.person_id)
        .order_by(DesktopLoginLog.date.desc())
        .limit(1)
    )
    newest_time = session.scalar(
        select(TimeSpent.date)
        .where(TimeSpent.person_id == actor.person_id)
        .order_by(TimeSpent.date.desc())
        .limit(1)
    )
    days = [d for d in (newest_login.date() if newest_login else None, newest_time) if d]
    person = session.get(Person, actor.person_id)
    if person is not None:
        person.last_presence = max(days) if days else None
    session.flush()
    return present(row)
