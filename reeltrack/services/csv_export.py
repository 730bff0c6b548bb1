"""CSV exports of studio-wide lists (Zou's `export` blueprint): people, projects, task types,
tasks of open projects and time spent on open projects.

Each export is a header row followed by value rows, read with a fixed number of queries.
Rendering follows Zou's writer: `;` as delimiter, minimal quoting, CRLF line ends.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from reeltrack.crud.hooks.reviews_access import open_project_ids
from reeltrack.models import (
    Department,
    Entity,
    EntityType,
    Person,
    Project,
    ProjectStatus,
    Studio,
    Task,
    TaskStatus,
    TaskType,
    TimeSpent,
)
from reeltrack.models.person import department_link
from reeltrack.models.task import task_person_link
from reeltrack.services.projects import OPEN_STATUS_NAMES

Row = list[Any]

# ---------------------------------------------------------------- rendering


def render(rows: Iterable[Sequence[Any]]) -> str:
    """The CSV text of `rows` (None is written as an empty field)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerows(rows)
    return out.getvalue()


def slug(text: str, separator: str = "_") -> str:
    """A lower-case ASCII slug: accents dropped, quotes removed, other runs made `separator`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    lowered = re.sub(r"['\"]+", "", ascii_text.lower())
    return re.sub(r"[^a-z0-9]+", separator, lowered).strip(separator)


def file_name(name: str) -> str:
    """The attachment name Zou gives an export: `kitsu_<slug>.csv`."""
    return f"kitsu_{slug(name)}.csv"


def full_name(first_name: str | None, last_name: str | None) -> str:
    """A person's full name as Zou spells it (a space only when both parts are set)."""
    if first_name and last_name:
        return f"{first_name} {last_name}"
    return f"{first_name or ''}{last_name or ''}"


def day(value: dt.date | dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value is not None else ""


def zone(timezone: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def person_timezone(session: Session, person_id: uuid.UUID) -> str | None:
    return session.scalar(select(Person.timezone).where(Person.id == person_id))


def local_today(timezone: str | None) -> str:
    """Today's date (YYYY-MM-DD) in the given timezone."""
    return dt.datetime.now(dt.UTC).astimezone(zone(timezone)).strftime("%Y-%m-%d")


def local_stamp(moment: dt.datetime | None, timezone: str | None) -> str:
    """A naive UTC date-time as `YYYY-MM-DDTHH:MM:SS` in the given timezone."""
    if moment is None:
        return ""
    local = moment.replace(tzinfo=dt.UTC).astimezone(zone(timezone))
    return local.strftime("%Y-%m-%dT%H:%M:%S")


# ---------------------------------------------------------------- people

PERSON_HEADERS = [
    "First Name",
    "Last Name",
    "Email",
    "Phone",
    "Role",
    "Departments",
    "Studio",
    "Country",
    "Contract Type",
    "Position",
    "Seniority",
    "Daily Salary",
    "Active",
]


def persons(session: Session) -> list[Row]:
    """Every human account (no bots, guests or preview accounts), by first then last name."""
    people = session.scalars(
        select(Person)
        .where(
            Person.is_bot.isnot(True),
            Person.is_guest.isnot(True),
            Person.preview_project_id.is_(None),
        )
        .order_by(func.lower(Person.first_name), func.lower(Person.last_name))
    ).all()
    departments: dict[uuid.UUID, list[str]] = {}
    link = department_link.c
    for person_id, name in session.execute(
        select(link.person_id, Department.name).join(
            Department, Department.id == link.department_id
        )
    ):
        departments.setdefault(person_id, []).append(name)
    studios = dict(session.execute(select(Studio.id, Studio.name)).tuples().all())
    rows: list[Row] = [PERSON_HEADERS]
    for person in people:
        rows.append(
            [
                person.first_name,
                person.last_name,
                person.email,
                person.phone,
                person.role,
                ",".join(sorted(departments.get(person.id, []))),
                studios.get(person.studio_id, "") if person.studio_id else "",
                person.country or "",
                person.contract_type,
                person.position or "",
                person.seniority or "",
                person.daily_salary if person.daily_salary is not None else "",
                "yes" if person.active else "no",
            ]
        )
    return rows


# ---------------------------------------------------------------- projects and task types


def projects(session: Session) -> list[Row]:
    """Every project with its status name, by project name."""
    stmt = (
        select(Project.name, ProjectStatus.name)
        .join(ProjectStatus, ProjectStatus.id == Project.project_status_id)
        .order_by(Project.name)
    )
    return [["Name", "Status"], *(list(row) for row in session.execute(stmt))]


def task_types(session: Session) -> list[Row]:
    """Task types having a department, by department then task type name."""
    stmt = (
        select(Department.name, TaskType.name)
        .join(Department, Department.id == TaskType.department_id)
        .order_by(Department.name, TaskType.name)
    )
    return [["Department", "Name"], *(list(row) for row in session.execute(stmt))]


# ---------------------------------------------------------------- tasks

TASK_HEADERS = [
    "Project",
    "Task Type",
    "Episode",
    "Sequence",
    "Entity Type",
    "Entity",
    "Assigner",
    "Assignees",
    "Duration",
    "Estimation",
    "Start date",
    "Due date",
    "WIP date",
    "Validation date",
    "Task Status",
]


def _assignee_names(session: Session, task_ids: Any) -> dict[uuid.UUID, str]:
    """Each task's assignees' full names joined with ", " (sorted by name)."""
    link = task_person_link.c
    stmt = (
        select(link.task_id, Person.first_name, Person.last_name)
        .join(Person, Person.id == link.person_id)
        .where(link.task_id.in_(task_ids))
        .order_by(Person.first_name, Person.last_name)
    )
    names: dict[uuid.UUID, list[str]] = {}
    for task_id, first, last in session.execute(stmt):
        names.setdefault(task_id, []).append(full_name(first, last))
    return {task_id: ", ".join(found) for task_id, found in names.items()}


def tasks(session: Session) -> list[Row]:
    """Tasks of the projects whose status is "Open"."""
    sequence = aliased(Entity, name="sequence")
    episode = aliased(Entity, name="episode")
    assigner = aliased(Person, name="assigner")
    open_projects = open_project_ids()
    stmt = (
        select(
            Task.id,
            Project.name,
            TaskType.name,
            episode.name,
            sequence.name,
            EntityType.name,
            Entity.name,
            assigner.first_name,
            assigner.last_name,
            Task.duration,
            Task.estimation,
            Task.start_date,
            Task.due_date,
            Task.real_start_date,
            Task.end_date,
            TaskStatus.name,
        )
        .join(Project, Project.id == Task.project_id)
        .join(TaskType, TaskType.id == Task.task_type_id)
        .join(TaskStatus, TaskStatus.id == Task.task_status_id)
        .join(Entity, Entity.id == Task.entity_id)
        .join(EntityType, EntityType.id == Entity.entity_type_id)
        .outerjoin(assigner, assigner.id == Task.assigner_id)
        .outerjoin(sequence, sequence.id == Entity.parent_id)
        .outerjoin(episode, episode.id == sequence.parent_id)
        .where(Task.project_id.in_(open_projects))
        .order_by(
            Project.name,
            TaskType.name,
            Task.name,
            episode.name,
            sequence.name,
            EntityType.name,
            Entity.name,
        )
    )
    found = session.execute(stmt).all()
    open_tasks = select(Task.id).where(Task.project_id.in_(open_projects))
    assignees = _assignee_names(session, open_tasks) if found else {}
    rows: list[Row] = [TASK_HEADERS]
    for task_id, project, task_type, ep, seq, kind, entity, first, last, *rest in found:
        duration, estimation, start, due, wip, done, status = rest
        assigner_name = " ".join(part for part in (first, last) if part is not None)
        rows.append(
            [
                project,
                task_type,
                ep,
                seq,
                kind,
                entity,
                assigner_name,
                assignees.get(task_id, ""),
                duration,
                estimation,
                day(start),
                day(due),
                day(wip),
                day(done),
                status,
            ]
        )
    return rows


# ---------------------------------------------------------------- time spent

TIME_SPENT_HEADERS = [
    "Project",
    "Person",
    "Entity Type Name",
    "Entity",
    "Task Type",
    "Date",
    "Time spent",
]


def time_spents(session: Session) -> list[Row]:
    """Time spent on tasks of open projects, by date, person, project, entity type, entity."""
    parent = aliased(Entity, name="parent")
    grand_parent = aliased(Entity, name="grand_parent")
    stmt = (
        select(
            Project.name,
            Person.first_name,
            Person.last_name,
            EntityType.name,
            Entity.name,
            parent.name,
            grand_parent.name,
            TaskType.name,
            TimeSpent.date,
            TimeSpent.duration,
        )
        .select_from(TimeSpent)
        .join(Task, Task.id == TimeSpent.task_id)
        .join(Entity, Entity.id == Task.entity_id)
        .join(EntityType, EntityType.id == Entity.entity_type_id)
        .join(Project, Project.id == Task.project_id)
        .join(ProjectStatus, ProjectStatus.id == Project.project_status_id)
        .join(TaskType, TaskType.id == Task.task_type_id)
        .join(Person, Person.id == TimeSpent.person_id)
        .outerjoin(parent, parent.id == Entity.parent_id)
        .outerjoin(grand_parent, grand_parent.id == parent.parent_id)
        .where(ProjectStatus.name.in_(OPEN_STATUS_NAMES))
        .order_by(
            TimeSpent.date,
            Person.last_name,
            Project.name,
            EntityType.name,
            Entity.name,
        )
    )
    rows: list[Row] = [TIME_SPENT_HEADERS]
    for project, first, last, kind, name, seq, ep, task_type, date, duration in session.execute(
        stmt
    ):
        if kind == "Shot":
            name = " / ".join(part for part in (ep, seq, name) if part is not None)
        rows.append(
            [project, f"{first} {last}".strip(), kind, name, task_type, day(date), duration]
        )
    return rows
