"""CSV exports of a project's asset, shot and edit boards (Zou's `export` blueprint).

Rows come from the with-tasks engine (a fixed number of queries) read without the caller's
masking, as Zou's export reads them; then one query each for the project's metadata
descriptors, the task types, the task statuses and the assignees' names.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reeltrack.crud.values import uuid_arg
from reeltrack.models import MetadataDescriptor, Person, Project, TaskStatus, TaskType
from reeltrack.services import entity_with_tasks as views
from reeltrack.services.csv_export import Row, full_name
from reeltrack.services.with_tasks import EPISODE_SENTINELS, Scope

ASSET_HEADERS = ["Project", "Type", "Name", "Description", "Time Spent"]
SHOT_HEADERS = [
    "Project",
    "Episode",
    "Sequence",
    "Name",
    "Description",
    "Time Spent",
    "Frames",
    "Frame In",
    "Frame Out",
    "FPS",
]
EDIT_HEADERS = ["Project", "Episode", "Name", "Description", "Time Spent"]


def _descriptors(session: Session, project_id: uuid.UUID, kind: str) -> list[tuple[str, str, Any]]:
    """(name, field name, data type) of the project's metadata columns for `kind`."""
    stmt = (
        select(MetadataDescriptor.name, MetadataDescriptor.field_name, MetadataDescriptor.data_type)
        .where(MetadataDescriptor.project_id == project_id, MetadataDescriptor.entity_type == kind)
        .order_by(
            MetadataDescriptor.position.is_(None),
            MetadataDescriptor.position,
            MetadataDescriptor.name,
        )
    )
    return [(name, field, kind) for name, field, kind in session.execute(stmt)]


def _time_spent(tasks: list[dict[str, Any]]) -> str:
    """Total duration of the tasks in days of 8 hours, two decimals."""
    minutes = sum(task["duration"] or 0 for task in tasks)
    return f"{minutes / 8.0 / 60.0:.2f}"


class Columns:
    """The task type columns of a board and the names its cells show."""

    def __init__(self, session: Session, rows: list[dict[str, Any]]) -> None:
        tasks = [task for row in rows for task in row["tasks"] if task["task_type_id"]]
        type_ids = {uuid.UUID(task["task_type_id"]) for task in tasks}
        status_ids = {uuid.UUID(task["task_status_id"]) for task in tasks if task["task_status_id"]}
        person_ids = {uuid.UUID(pid) for task in tasks for pid in task["assignees"]}
        self.types: dict[str, tuple[str, int]] = {}
        self.statuses: dict[str, str | None] = {}
        self.people: dict[str, str] = {}
        if type_ids:
            stmt = select(TaskType.id, TaskType.name, TaskType.priority).where(
                TaskType.id.in_(type_ids)
            )
            for type_id, name, priority in session.execute(stmt):
                self.types[str(type_id)] = (name, priority or 0)
        if status_ids:
            stmt2 = select(TaskStatus.id, TaskStatus.short_name).where(
                TaskStatus.id.in_(status_ids)
            )
            self.statuses = {str(i): short for i, short in session.execute(stmt2)}
        if person_ids:
            stmt3 = select(Person.id, Person.first_name, Person.last_name).where(
                Person.id.in_(person_ids)
            )
            self.people = {str(i): full_name(f, last) for i, f, last in session.execute(stmt3)}
        ranked = {
            self.types[task["task_type_id"]] for task in tasks if task["task_type_id"] in self.types
        }
        self.names = [name for name, _ in sorted(ranked, key=lambda item: (item[1], item[0]))]

    def headers(self) -> list[str]:
        out: list[str] = []
        for name in self.names:
            out += [name, "Assignations"]
        return out

    def cells(self, tasks: list[dict[str, Any]]) -> list[Any]:
        by_type: dict[str, tuple[Any, str]] = {}
        for task in tasks:
            if task["task_type_id"] not in self.types:
                continue
            names = sorted(self.people.get(pid, "") for pid in task["assignees"])
            by_type[self.types[task["task_type_id"]][0]] = (
                self.statuses.get(task["task_status_id"]),
                ",".join(names),
            )
        out: list[Any] = []
        for name in self.names:
            out += list(by_type.get(name, ("", "")))
        return out


def _metadata_cells(row: dict[str, Any], descriptors: list[tuple[str, str, Any]]) -> list[Any]:
    data = row.get("data") or {}
    out: list[Any] = []
    for _, field, data_type in descriptors:
        value = data.get(field, "")
        if data_type == "boolean":
            out.append("true" if str(value).lower() == "true" else "false")
        else:
            out.append(value)
    return out


def _board(
    session: Session,
    project: Project,
    kind: str,
    headers: list[str],
    rows: list[dict[str, Any]],
    leading: Callable[[dict[str, Any]], list[Any]],
) -> list[Row]:
    descriptors = _descriptors(session, project.id, kind)
    columns = Columns(session, rows)
    out: list[Row] = [headers + [name for name, _, _ in descriptors] + columns.headers()]
    for row in rows:
        out.append(leading(row) + _metadata_cells(row, descriptors) + columns.cells(row["tasks"]))
    return out


def board_scope(person_id: uuid.UUID, project: Project, params: dict[str, str | None]) -> Scope:
    """The unmasked criteria of an export: the project, and an asset/shot id or an episode."""
    entity_id = params.get("id")
    episode_id = params.get("episode_id")
    uuid_arg(entity_id, f"Invalid UUID format for id: {entity_id}")
    if episode_id not in EPISODE_SENTINELS:
        uuid_arg(episode_id, f"Invalid UUID format for episode_id: {episode_id}")
    return Scope(
        person_id=str(person_id),
        project_id=str(project.id),
        entity_id=str(uuid.UUID(entity_id)) if entity_id else None,
        episode_id=episode_id,
        assigned_to=params.get("assigned_to"),
    )


def assets(session: Session, project: Project, scope: Scope) -> list[Row]:
    rows = views.assets_and_tasks(session, scope)
    rows.sort(key=lambda row: (row["asset_type_name"], row["name"]))

    def leading(row: dict[str, Any]) -> list[Any]:
        return [
            project.name,
            row["asset_type_name"],
            row["name"],
            row["description"],
            _time_spent(row["tasks"]),
        ]

    return _board(session, project, "Asset", ASSET_HEADERS, rows, leading)


def shots(session: Session, project: Project, scope: Scope) -> list[Row]:
    rows = views.shots_and_tasks(session, scope)
    rows.sort(key=lambda row: (row["episode_name"], row["sequence_name"], row["name"]))

    def leading(row: dict[str, Any]) -> list[Any]:
        data = row.get("data") or {}
        return [
            project.name,
            row["episode_name"],
            row["sequence_name"],
            row["name"],
            row["description"],
            _time_spent(row["tasks"]),
            row["nb_frames"],
            data.get("frame_in", ""),
            data.get("frame_out", ""),
            data.get("fps", ""),
        ]

    return _board(session, project, "Shot", SHOT_HEADERS, rows, leading)


def edits(session: Session, project: Project, person_id: uuid.UUID) -> list[Row]:
    scope = Scope(person_id=str(person_id), project_id=str(project.id))
    rows = views.edits_and_tasks(session, scope)
    rows.sort(key=lambda row: (row["episode_name"], row["name"]))

    def leading(row: dict[str, Any]) -> list[Any]:
        return [
            project.name,
            row["episode_name"],
            row["name"],
            row["description"],
            _time_spent(row["tasks"]),
        ]

    return _board(session, project, "Edit", EDIT_HEADERS, rows, leading)
