"""Desktop login logs and the last-presence day they feed."""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reeltrack.wire.present import present


def login_logs(session: Session, person_id: uuid.UUID) -> list[dict[str, Any]]:
    """The person's desktop logins, latest first."""
    from reeltrack.models import DesktopLoginLog

    query = (
        select(DesktopLoginLog)
        .where(DesktopLoginLog.person_id == person_id)
        .order_by(DesktopLoginLog.date.desc())
    )
    return [present(row) for row in session.scalars(query)]


def record_login(session: Session, person: Any, when: dt.datetime) -> dict[str, Any]:
    """Store a desktop login and move the person's last presence to their latest activity."""
    from reeltrack.models import DesktopLoginLog, TimeSpent

    log = DesktopLoginLog(person_id=person.id, date=when)
    session.add(log)
    session.flush()
    last_login = session.scalar(
        select(func.max(DesktopLoginLog.date)).where(DesktopLoginLog.person_id == person.id)
    )
    last_log = session.scalar(
        select(func.max(TimeSpent.date)).where(TimeSpent.person_id == person.id)
    )
    days = [day for day in (_day(last_login), _day(last_log)) if day is not None]
    person.last_presence = max(days, default=None)
    session.flush()
    return present(log)


def _day(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):  # SQLite hands aggregates back as text
        return dt.date.fromisoformat(value[:10])
    return value if isinstance(value, dt.date) else None


def presence_sheet(session: Session, year: int, month: int) -> list[list[str]]:
    """One row per active person, an "X" on each day of the month they logged in."""
    from reeltrack.models import DesktopLoginLog, Person
    from reeltrack.services.persons import full_name

    days = calendar.monthrange(year, month)[1]
    start = dt.datetime(year, month, 1)
    end = dt.datetime(year + month // 12, month % 12 + 1, 1)
    persons = session.execute(
        select(Person.id, Person.first_name, Person.last_name)
        .where(
            Person.active.is_(True),
            Person.is_guest.isnot(True),
            Person.preview_project_id.is_(None),
        )
        .order_by(Person.first_name, Person.last_name)
    ).all()
    logins = session.execute(
        select(DesktopLoginLog.person_id, DesktopLoginLog.date).where(
            DesktopLoginLog.date >= start, DesktopLoginLog.date < end
        )
    )
    present_days: dict[uuid.UUID, set[int]] = {}
    for person_id, when in logins:
        present_days.setdefault(person_id, set()).add(when.day)
    sheet = [[str(year), *(str(day) for day in range(1, days + 1))]]
    for person_id, first, last in persons:
        marks = present_days.get(person_id, set())
        sheet.append(
            [full_name(first, last), *("X" if d in marks else "" for d in range(1, days + 1))]
        )
    return sheet


def to_csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    return buffer.getvalue()
