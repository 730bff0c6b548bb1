"""Reading days off: per person and studio-wide, descriptions only for who may see them."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reeltrack.auth.actor import Actor
from reeltrack.wire.present import present

LEAVE_READERS = ("manager", "supervisor")


def dates_only(day_off: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in day_off.items() if key != "description"}


def day_offs_between(
    session: Session,
    start: dt.date | None = None,
    end: dt.date | None = None,
    person_ids: list[uuid.UUID] | None = None,
) -> list[dict[str, Any]]:
    """Days off overlapping [start, end] (both inclusive), by start date."""
    from reeltrack.models import DayOff

    query = select(DayOff).order_by(DayOff.date, DayOff.id)
    if person_ids is not None:
        query = query.where(DayOff.person_id.in_(person_ids))
    if start is not None:
        query = query.where(DayOff.end_date >= start)
    if end is not None:
        query = query.where(DayOff.date <= end)
    return [present(row) for row in session.scalars(query)]


def day_off_on(session: Session, person_id: uuid.UUID, day: dt.date) -> dict[str, Any]:
    """The day off covering that day, or {}."""
    from reeltrack.models import DayOff

    query = select(DayOff).where(
        DayOff.person_id == person_id, DayOff.date <= day, DayOff.end_date >= day
    )
    row = session.scalars(query.limit(1)).first()
    return present(row) if row is not None else {}


def shape(day_offs: list[dict[str, Any]], with_description: bool) -> list[dict[str, Any]]:
    return day_offs if with_description else [dates_only(row) for row in day_offs]


def readable_person_ids(session: Session, actor: Actor) -> dict[uuid.UUID, bool] | None:
    """Whose leave the caller may list (True: with description); None means everyone's."""
    from reeltrack.models.person import department_link
    from reeltrack.models.project import project_person_link

    if actor.is_admin:
        return None
    readable = {actor.person_id: True}
    scopes = {
        project_id: role
        for project_id in actor.project_ids
        if (role := actor.role_in(project_id)) in LEAVE_READERS
    }
    if not scopes:
        return readable
    link = project_person_link.c
    supervised: set[uuid.UUID] = set()
    rows = session.execute(
        select(link.project_id, link.person_id).where(link.project_id.in_(list(scopes)))
    )
    for project_id, person_id in rows:
        if scopes[project_id] == "manager":
            readable[person_id] = True
        else:
            supervised.add(person_id)
    departments = actor.department_ids
    if supervised and departments:
        dep = department_link.c
        supervised = set(
            session.scalars(
                select(dep.person_id)
                .where(dep.person_id.in_(list(supervised)), dep.department_id.in_(departments))
                .distinct()
            )
        )
    for person_id in supervised:
        readable.setdefault(person_id, False)
    return readable


def studio_day_offs(
    session: Session, actor: Actor, start: dt.date, end: dt.date
) -> list[dict[str, Any]]:
    """Days off in a period for everyone the caller may see."""
    readable = readable_person_ids(session, actor)
    if readable is None:
        return day_offs_between(session, start, end)
    rows = day_offs_between(session, start, end, list(readable))
    return [row if readable[row["person_id"]] else dates_only(row) for row in rows]
