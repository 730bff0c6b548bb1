"""Shot quotas of a person: which shots they finished in a period, and how much of each."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from reeltrack.wire.present import present

COUNT_MODES = ("weighted", "weighteddone", "feedback", "done")
BAD_COUNT_MODE = "count_mode must be equal to weighted, weighteddone, feedback, or done"


def to_utc(moment: dt.datetime, timezone: str | None) -> dt.datetime:
    """A naive local time in the caller's timezone as naive UTC."""
    try:
        zone = ZoneInfo(timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return moment.replace(tzinfo=zone).astimezone(dt.UTC).replace(tzinfo=None)


def business_days(start: dt.datetime, end: dt.datetime) -> int:
    """Week days after start up to end (start itself excluded)."""
    return sum(1 for x in range((end - start).days) if (start + dt.timedelta(x + 1)).weekday() < 5)


def _shot_query(session: Session, *columns: Any) -> Any:
    from reeltrack.models import Entity, EntityType, Task

    sequence = aliased(Entity, name="sequence")
    episode = aliased(Entity, name="episode")
    shot_type = select(EntityType.id).where(EntityType.name == "Shot").scalar_subquery()
    return (
        select(Entity, sequence.name, episode.name, *columns)
        .join(Task, Task.entity_id == Entity.id)
        .outerjoin(sequence, sequence.id == Entity.parent_id)
        .outerjoin(episode, episode.id == sequence.parent_id)
        .where(Entity.entity_type_id == shot_type)
    )


def _scoped(query: Any, project_id: uuid.UUID | None, task_type_id: uuid.UUID | None) -> Any:
    from reeltrack.models import Task

    if project_id is not None:
        query = query.where(Task.project_id == project_id)
    if task_type_id is not None:
        query = query.where(Task.task_type_id == task_type_id)
    return query


def _shot(entity: Any, sequence: str | None, episode: str | None) -> dict[str, Any]:
    data = present(entity)
    names = [name for name in (episode, sequence, entity.name) if name is not None]
    data["full_name"] = " / ".join(names)
    return data


def quota_shots(
    session: Session,
    person_id: uuid.UUID,
    start: dt.datetime,
    end: dt.datetime,
    *,
    project_id: uuid.UUID | None,
    task_type_id: uuid.UUID | None,
    weighted: bool,
    feedback: bool,
    timezone: str | None,
) -> list[dict[str, Any]]:
    """The shots counted for a person in [start, end), by full name."""
    if weighted:
        shots = _weighted(
            session, person_id, start, end, project_id, task_type_id, feedback, timezone
        )
    else:
        shots = _raw(session, person_id, start, end, project_id, task_type_id, feedback, timezone)
    return sorted(shots, key=lambda shot: shot["full_name"])


def _raw(
    session: Session,
    person_id: uuid.UUID,
    start: dt.datetime,
    end: dt.datetime,
    project_id: uuid.UUID | None,
    task_type_id: uuid.UUID | None,
    feedback: bool,
    timezone: str | None,
) -> list[dict[str, Any]]:
    from reeltrack.models import Task
    from reeltrack.models.task import task_person_link

    finished = Task.end_date if feedback else Task.done_date
    query = (
        _shot_query(session)
        .join(task_person_link, task_person_link.c.task_id == Task.id)
        .where(
            task_person_link.c.person_id == person_id,
            finished.between(to_utc(start, timezone), to_utc(end, timezone)),
        )
    )
    shots: dict[Any, dict[str, Any]] = {}
    for entity, sequence, episode in session.execute(_scoped(query, project_id, task_type_id)):
        if entity.id not in shots:  # a shot with several finished tasks counts once
            shot = _shot(entity, sequence, episode)
            shot["weight"] = 1
            shots[entity.id] = shot
    return list(shots.values())


def _weighted(
    session: Session,
    person_id: uuid.UUID,
    start: dt.datetime,
    end: dt.datetime,
    project_id: uuid.UUID | None,
    task_type_id: uuid.UUID | None,
    feedback: bool,
    timezone: str | None,
) -> list[dict[str, Any]]:
    from reeltrack.models import Task, TimeSpent
    from reeltrack.models.task import task_person_link

    finished = Task.end_date if feedback else Task.done_date
    listed: dict[Any, dict[str, Any]] = {}
    shots: list[dict[str, Any]] = []
    logged = (
        _shot_query(session, Task.duration, TimeSpent.duration)
        .join(TimeSpent, TimeSpent.task_id == Task.id)
        .where(
            TimeSpent.person_id == person_id,
            TimeSpent.date >= start.date(),
            TimeSpent.date < end.date(),
            finished.isnot(None),
        )
        .order_by(TimeSpent.date, TimeSpent.id)
    )
    for entity, sequence, episode, task_duration, duration in session.execute(
        _scoped(logged, project_id, task_type_id)
    ):
        share = round(duration / task_duration, 2) if task_duration else 0
        if entity.id in listed:
            listed[entity.id]["weight"] += share
            continue
        shot = _shot(entity, sequence, episode)
        shot["weight"] = share
        listed[entity.id] = shot
        shots.append(shot)
    utc_start, utc_end = to_utc(start, timezone), to_utc(end, timezone)
    unlogged = (
        _shot_query(session, Task.real_start_date, finished)
        .join(task_person_link, task_person_link.c.task_id == Task.id)
        .outerjoin(TimeSpent, TimeSpent.task_id == Task.id)
        .where(
            task_person_link.c.person_id == person_id,
            TimeSpent.id.is_(None),
            Task.real_start_date.isnot(None),
            finished.isnot(None),
            Task.real_start_date <= utc_end,
            finished >= utc_start,
        )
    )
    for entity, sequence, episode, task_start, task_end in session.execute(
        _scoped(unlogged, project_id, task_type_id)
    ):
        if entity.id in listed:
            continue
        total = business_days(task_start, task_end) + 1
        if task_start >= start and task_end <= end:
            part = total
        elif task_start >= start:
            part = business_days(task_start, end) + 1
        elif task_end <= end:
            part = business_days(start, task_end) + 1
        else:
            part = 1
        shot = _shot(entity, sequence, episode)
        shot["weight"] = round(part / total, 2)
        listed[entity.id] = shot
        shots.append(shot)
    return shots
