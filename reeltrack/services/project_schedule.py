"""A production's schedule items, milestones, time spents and its team's day offs."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reeltrack.wire.errors import WrongParameter
from reeltrack.wire.present import present


def schedule_items(session: Session, project_id: uuid.UUID) -> list[dict[str, Any]]:
    from reeltrack.models import ScheduleItem

    query = select(ScheduleItem).where(ScheduleItem.project_id == project_id)
    return [present(row) for row in session.scalars(query.order_by(ScheduleItem.start_date))]


def milestones(session: Session, project_id: uuid.UUID) -> list[dict[str, Any]]:
    """Milestones in Zou's short form: id, date, name, project and task type."""
    from reeltrack.models import Milestone

    query = select(Milestone).where(Milestone.project_id == project_id).order_by(Milestone.date)
    return [
        {
            "id": row.id,
            "date": row.date,
            "name": row.name,
            "project_id": row.project_id,
            "task_type_id": row.task_type_id,
        }
        for row in session.scalars(query)
    ]


def time_spents(session: Session, project_id: uuid.UUID) -> list[dict[str, Any]]:
    from reeltrack.models import Task, TimeSpent

    query = (
        select(TimeSpent)
        .join(Task, Task.id == TimeSpent.task_id)
        .where(Task.project_id == project_id)
        .order_by(TimeSpent.date, TimeSpent.id)
    )
    return [present(row) for row in session.scalars(query)]


def parse_dates(start: str | None, end: str | None) -> tuple[dt.date | None, dt.date | None]:
    """Both optional dates, or Zou's 400 naming them both."""
    try:
        return (
            dt.date.fromisoformat(start) if start is not None else None,
            dt.date.fromisoformat(end) if end is not None else None,
        )
    except ValueError:
        raise WrongParameter(f"Wrong date format for {start} and/or {end}") from None


def team_day_offs(
    session: Session,
    project_id: uuid.UUID,
    start: dt.date | None,
    end: dt.date | None,
    full: bool,
    person_id: uuid.UUID,
) -> dict[str, list[dict[str, Any]]]:
    """Day offs of the team overlapping the range, by person; descriptions for managers or own."""
    from reeltrack.models import DayOff, project_person_link

    team = select(project_person_link.c.person_id).where(
        project_person_link.c.project_id == project_id
    )
    query = select(DayOff).where(DayOff.person_id.in_(team))
    if start is not None:
        query = query.where(DayOff.end_date >= start)
    if end is not None:
        query = query.where(DayOff.date <= end)
    result: dict[str, list[dict[str, Any]]] = {}
    for row in session.scalars(query.order_by(DayOff.date, DayOff.id)):
        hidden = () if full or row.person_id == person_id else ("description",)
        result.setdefault(str(row.person_id), []).append(present(row, hidden))
    return result


def task_type_time_spents(
    session: Session,
    project_id: uuid.UUID,
    task_type_id: uuid.UUID,
    start: dt.date | None,
    end: dt.date | None,
) -> dict[str, list[dict[str, Any]]]:
    """Time spents on the project's tasks of a task type in the range, by person, newest first."""
    from reeltrack.models import Task, TimeSpent

    query = (
        select(TimeSpent)
        .join(Task, Task.id == TimeSpent.task_id)
        .where(Task.project_id == project_id, Task.task_type_id == task_type_id)
    )
    if start is not None:
        query = query.where(TimeSpent.date >= start)
    if end is not None:
        query = query.where(TimeSpent.date <= end)
    result: dict[str, list[dict[str, Any]]] = {}
    for row in session.scalars(query.order_by(TimeSpent.date.desc(), TimeSpent.id)):
        result.setdefault(str(row.person_id), []).append(present(row))
    return result


def present_item(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "start_date": row.start_date,
        "end_date": row.end_date,
        "man_days": row.man_days,
        "project_id": row.project_id,
        "task_type_id": row.task_type_id,
        "object_id": row.object_id,
    }


def task_type_schedule_items(session: Session, project_id: uuid.UUID) -> tuple[list, list]:
    """Schedule items of the task types with tasks in the project (those of its settings
    when it lists any); missing ones are created. Returns (items, created rows)."""
    from reeltrack.models import ProjectTaskTypeLink, ScheduleItem, Task, TaskType

    configured = set(
        session.scalars(
            select(ProjectTaskTypeLink.task_type_id).where(
                ProjectTaskTypeLink.project_id == project_id
            )
        )
    )
    used = select(Task.task_type_id).where(Task.project_id == project_id)
    query = select(TaskType.id).where(
        TaskType.id.in_(used),
        TaskType.for_entity.in_(("Asset", "Shot", "Sequence", "Episode", "Edit")),
    )
    wanted = [tid for tid in session.scalars(query) if not configured or tid in configured]
    existing = list(
        session.scalars(
            select(ScheduleItem).where(
                ScheduleItem.project_id == project_id, ScheduleItem.object_id.is_(None)
            )
        )
    )
    by_task_type = {row.task_type_id: row for row in existing}
    today = dt.date.today()
    created = []
    for task_type_id in wanted:
        if task_type_id not in by_task_type:
            row = ScheduleItem(
                project_id=project_id,
                start_date=today,
                end_date=today + dt.timedelta(days=1),
                task_type_id=task_type_id,
            )
            session.add(row)
            created.append(row)
    session.flush()
    wanted_set = set(wanted)
    kept = [row for row in existing if row.task_type_id is None or row.task_type_id in wanted_set]
    items = [present_item(row) for row in kept + created]
    return sorted(items, key=lambda item: item["start_date"]), created
