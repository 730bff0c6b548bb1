"""Project quotas: frames, seconds, drawings and shot counts per day, week, month and year.

Keyed by person (per task type quotas) or by task type (one person's quotas), plus
"total"; weighted by logged time, else spread over the days a task was in progress.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session

from reeltrack.services.quotas import business_days
from reeltrack.services.shot_access import type_id

PERIODS = ("day", "week", "month", "year")
KINDS = ("frames", "seconds", "count", "drawings")


def _zone(timezone: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _keys(moment: dt.date | dt.datetime, zone: ZoneInfo) -> dict[str, str]:
    """Day, ISO week, month and year keys of a moment (datetimes seen in the caller's zone)."""
    if isinstance(moment, dt.datetime):
        moment = moment.replace(tzinfo=dt.UTC).astimezone(zone).date()
    iso_year, iso_week, _ = moment.isocalendar()
    day = moment.strftime("%Y-%m-%d")
    return {"day": day, "week": f"{iso_year}-{iso_week}", "month": day[:7], "year": day[:4]}


def _new_entry() -> dict[str, Any]:
    entry: dict[str, Any] = {p: {k: {} for k in KINDS} for p in PERIODS}
    for period in ("day", "week", "month"):
        entry[period]["entries"] = {}
    return entry


class Quotas:
    """The quota table being filled."""

    def __init__(self, fps: float, timezone: str | None) -> None:
        self.fps = fps or 25.0
        self.zone = _zone(timezone)
        self.table: dict[str, Any] = {}

    def add(self, key: str, moment: Any, frames: int, drawings: int, count: float = 1) -> None:
        keys = _keys(moment, self.zone)
        for entry_id in (key, "total"):
            entry = self.table.setdefault(entry_id, _new_entry())
            self._open(entry, keys)
            values = {"frames": frames, "seconds": frames / self.fps}
            values.update({"drawings": drawings, "count": count})
            for period in PERIODS:
                for kind, value in values.items():
                    entry[period][kind][keys[period]] += value

    @staticmethod
    def _open(entry: dict[str, Any], keys: dict[str, str]) -> None:
        """Start the counters of a new day/week/month/year; `entries` counts them per parent."""
        parents = {"day": keys["month"], "week": keys["week"][:4], "month": keys["year"]}
        for period in PERIODS:
            if keys[period] in entry[period]["frames"]:
                continue
            for kind in KINDS:
                entry[period][kind][keys[period]] = 0
            if period in parents:
                counts = entry[period]["entries"]
                counts[parents[period]] = counts.get(parents[period], 0) + 1

    def rounded(self) -> dict[str, Any]:
        for entry in self.table.values():
            for period in PERIODS:
                counts = entry[period]["count"]
                entry[period]["count"] = {key: round(value, 2) for key, value in counts.items()}
        return self.table


def _filters(
    stmt: Select[Any], session: Session, project_id: uuid.UUID, options: dict[str, Any]
) -> Select[Any]:
    from reeltrack.models import Entity, Person, Task
    from reeltrack.models.task import task_person_link as link

    stmt = stmt.join(Entity, Entity.id == Task.entity_id).where(
        Task.project_id == project_id, Entity.entity_type_id == type_id(session, "Shot")
    )
    if options.get("task_type_id") is not None:
        stmt = stmt.where(Task.task_type_id == options["task_type_id"])
    finished = Task.end_date if options["feedback"] else Task.done_date
    stmt = stmt.where(finished.isnot(None))
    if options.get("studio_id") is not None:
        in_studio = exists().where(
            link.c.task_id == Task.id,
            link.c.person_id == Person.id,
            Person.studio_id == options["studio_id"],
        )
        stmt = stmt.where(in_studio)
    return stmt


def _assigned(stmt: Select[Any], person_id: Any) -> Select[Any]:
    from reeltrack.models import Task
    from reeltrack.models.task import task_person_link as link

    stmt = stmt.join(link, link.c.task_id == Task.id)
    return stmt.where(link.c.person_id == person_id) if person_id is not None else stmt


def raw_quotas(session: Session, project: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Each finished task counts whole on the day it was finished."""
    from reeltrack.models import Entity, Task
    from reeltrack.models.task import task_person_link as link

    quotas = Quotas(_fps(project), options.get("timezone"))
    person_id = options.get("person_id")
    finished = Task.end_date if options["feedback"] else Task.done_date
    stmt = select(finished, Task.task_type_id, Task.nb_drawings, Entity.nb_frames, link.c.person_id)
    stmt = _assigned(_filters(stmt, session, project.id, options), person_id)
    for moment, task_type_id, drawings, frames, assignee in session.execute(stmt):
        key = str(task_type_id if person_id is not None else assignee)
        quotas.add(key, moment, frames or 0, drawings or 0)
    return quotas.table


def weighted_quotas(session: Session, project: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Logged time shares a task's frames; tasks with no time spread over their working days."""
    from reeltrack.models import Entity, Task, TimeSpent

    quotas = Quotas(_fps(project), options.get("timezone"))
    person_id = options.get("person_id")
    logged = select(
        Task.duration, Task.nb_drawings, Task.task_type_id, Entity.nb_frames, TimeSpent.date
    ).add_columns(TimeSpent.duration, TimeSpent.person_id)
    logged = _filters(
        logged.join(TimeSpent, TimeSpent.task_id == Task.id), session, project.id, options
    )
    if person_id is not None:
        logged = logged.where(TimeSpent.person_id == person_id)
    for row in session.execute(logged):
        task_duration, drawings, task_type_id, frames, day, spent, spender = row
        if not task_duration or task_duration <= 0:
            continue
        share = spent / task_duration
        key = str(task_type_id if person_id is not None else spender)
        quotas.add(key, day, round((frames or 0) * share), round((drawings or 0) * share), share)
    _spread_unlogged(session, project, options, quotas)
    return quotas.rounded()


def _spread_unlogged(
    session: Session, project: Any, options: dict[str, Any], quotas: Quotas
) -> None:
    from reeltrack.models import Entity, Task, TimeSpent
    from reeltrack.models.task import task_person_link as link

    person_id = options.get("person_id")
    finished = Task.end_date if options["feedback"] else Task.done_date
    stmt = select(
        Task.real_start_date, finished, Task.task_type_id, Task.nb_drawings, Entity.nb_frames
    ).add_columns(link.c.person_id)
    no_time = ~exists().where(TimeSpent.task_id == Task.id)
    stmt = _filters(stmt, session, project.id, options).where(
        Task.real_start_date.isnot(None), no_time
    )
    for start, end, task_type_id, drawings, frames, assignee in session.execute(
        _assigned(stmt, person_id)
    ):
        days = business_days(start, end) + 1
        per_day = round((frames or 0) / days) if frames is not None else 0
        key = str(task_type_id if person_id is not None else assignee)
        for offset in range((end - start).days + 1):
            moment = start + dt.timedelta(offset)
            if moment.weekday() < 5:
                quotas.add(key, moment, per_day, drawings or 0, 1 / days)


def _fps(project: Any) -> float:
    try:
        return float(project.fps or "25.00")
    except ValueError:
        return 25.0
