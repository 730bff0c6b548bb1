"""The caller's to-do and done lists: tasks assigned to them in their open projects."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, DateTime, Select, Uuid, and_, any_, bindparam, func, inspect, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session, aliased

from reeltrack.auth.actor import Actor
from reeltrack.models import (
    Comment,
    Entity,
    EntityLink,
    EntityType,
    Person,
    Project,
    ProjectStatus,
    Task,
    TaskStatus,
    TaskType,
)
from reeltrack.models.project import project_person_link
from reeltrack.models.task import task_person_link
from reeltrack.services.entity_row_reader import Col, Converter, Reader, fresh_doc, uid, when
from reeltrack.wire.present import column_keys

# Where the task's own columns start in a row of task_row_query (after id and the names).
TASK_START = 22


def _related_project_ids(person_id: uuid.UUID) -> Any:
    """Open projects whose team includes the person (a subquery)."""
    link = project_person_link.c
    return (
        select(Project.id)
        .join(ProjectStatus, ProjectStatus.id == Project.project_status_id)
        .join(project_person_link, link.project_id == Project.id)
        .where(link.person_id == person_id, ProjectStatus.name == "Open")
    )


def _task_columns(reader: Reader) -> list[Any]:
    """Task columns in Zou's order: ids as text, dates to the second, JSON parsed by orjson."""
    columns = inspect(Task).columns
    exprs: list[Any] = []
    for key in column_keys(Task):
        column = getattr(Task, key)
        kind = columns[key].type
        if isinstance(kind, Uuid):
            exprs.append(uid(column))
        elif isinstance(kind, JSON):
            exprs.append(fresh_doc(column))
        elif isinstance(kind, DateTime):
            exprs.append(when(column) if reader.sqlite else func.date_trunc("second", column))
        else:
            exprs.append(column)
    return exprs


@dataclass(frozen=True)
class _Template:
    query: Select[Any]
    sequence: Any
    episode: Any
    kinds: list[tuple[int, str]]


_TEMPLATES: dict[tuple[bool, Any], _Template] = {}


def _template(reader: Reader, link: Any) -> _Template:
    """The select for this database, built once per (dialect, start): building costs."""
    key = (reader.sqlite, link)
    template = _TEMPLATES.get(key)
    if template is not None:
        return template
    sequence = aliased(Entity, name="sequence")
    episode = aliased(Entity, name="episode")
    source = aliased(Entity, name="source")
    source_type = aliased(EntityType, name="source_type")
    columns = [
        uid(Task.id),
        Project.name,
        Project.has_avatar,
        Entity.name,
        Entity.description,
        fresh_doc(Entity.data),
        uid(Entity.preview_file_id),
        EntityType.name,
        Entity.canceled,
        uid(Entity.parent_id),
        uid(Entity.source_id),
        sequence.name,
        uid(episode.id),
        episode.name,
        source.name,
        source_type.name,
        TaskType.name,
        TaskType.for_entity,
        TaskStatus.name,
        TaskType.color,
        TaskStatus.color,
        TaskStatus.short_name,
        *_task_columns(reader),
    ]
    query, _ = reader.select({f"c{index}": column for index, column in enumerate(columns)})
    if link is not None:
        query = query.select_from(link).join(Task, Task.id == link.c.task_id)
    query = (
        query.join(Project, Project.id == Task.project_id)
        .join(TaskType, TaskType.id == Task.task_type_id)
        .join(TaskStatus, TaskStatus.id == Task.task_status_id)
        .join(Entity, Entity.id == Task.entity_id)
        .join(EntityType, EntityType.id == Entity.entity_type_id)
        .outerjoin(sequence, sequence.id == Entity.parent_id)
        .outerjoin(episode, episode.id == sequence.parent_id)
        .outerjoin(source, source.id == Entity.source_id)
        .outerjoin(source_type, source_type.id == source.entity_type_id)
    )
    kinds = [
        (index, column.kind)
        for index, column in enumerate(columns)
        if isinstance(column, Col) and reader.converter(column.kind) is not None
    ]
    template = _TEMPLATES[key] = _Template(query, sequence, episode, kinds)
    return template


class TaskRows:
    """Tasks joined to the names a to-do row shows, read as plain lists (no ORM objects).

    A row holds the task id, the names (indexes 1 to 21), then the task's columns from
    TASK_START. `link` (task_person_link) starts the joins when rows are one person's:
    the planner then walks from that person's links instead of the whole task table.
    """

    def __init__(self, session: Session, link: Any = None) -> None:
        self.reader = Reader(session)
        template = _template(self.reader, link)
        self.query = template.query
        self.sequence = template.sequence
        self.episode = template.episode
        self.converters: list[tuple[int, Converter]] = []
        for index, kind in template.kinds:
            convert = self.reader.converter(kind)
            if convert is not None:
                self.converters.append((index, convert))

    def fetch(self, query: Select[Any]) -> list[Any]:
        """The rows of a query built on self.query, ids as text."""
        return self.reader.lists(query, self.converters)


def task_row_query(session: Session, link: Any = None) -> TaskRows:
    """Tasks joined to the names a to-do row shows, for this session's database."""
    return TaskRows(session, link)


def _task_rows(session: Session, person_id: uuid.UUID, is_done: bool) -> list[Any]:
    rows = task_row_query(session, task_person_link)
    query = rows.query.where(
        task_person_link.c.person_id == person_id,
        Task.project_id.in_(_related_project_ids(person_id)),
        TaskStatus.is_done.is_(is_done),
    )
    if is_done:
        query = query.order_by(Task.end_date.desc().nulls_first(), TaskType.name, Entity.name)
    return rows.fetch(query)


def _episode(row: Any) -> tuple[str, str | None]:
    """Episode id and name: the shot's, else the asset's source episode ("MP" if none)."""
    (entity_type, parent_id, source_id, sequence_name, episode_id, episode_name) = (
        row[7],
        row[9],
        row[10],
        row[11],
        row[12],
        row[13],
    )
    if entity_type == "Sequence" and parent_id is not None:
        return str(parent_id), sequence_name
    if episode_id is not None:
        return str(episode_id), episode_name
    if source_id is None:
        return "", episode_name
    return str(source_id), row[14] if row[15] == "Episode" else "MP"


_TASK_KEYS = column_keys(Task)


def task_dict(row: Any) -> dict[str, Any]:
    """The to-do dict of one row of task_row_query (task columns plus names)."""
    data = dict(zip(_TASK_KEYS, row[TASK_START:], strict=True))
    data["type"] = "Task"
    episode_id, episode_name = _episode(row)
    data.update(
        {
            "project_name": row[1],
            "project_id": data["project_id"],
            "project_has_avatar": row[2],
            "entity_id": data["entity_id"],
            "entity_name": row[3],
            "entity_description": row[4],
            "entity_data": row[5],
            "entity_preview_file_id": row[6] or "",
            "entity_source_id": row[10] or "",
            "entity_type_name": row[7],
            "entity_canceled": row[8],
            "sequence_name": row[11],
            "episode_id": episode_id,
            "episode_name": episode_name,
            "task_type_for_entity": row[17],
            "task_estimation": data["estimation"],
            "task_duration": data["duration"],
            "task_start_date": data["start_date"],
            "task_due_date": data["due_date"],
            "task_type_name": row[16],
            "task_status_name": row[18],
            "task_type_color": row[19],
            "task_status_color": row[20],
            "task_status_short_name": row[21],
        }
    )
    return data


def _id_in(session: Session, column: Any, ids: Any) -> Any:
    """`column IN ids` (ids as text); PostgreSQL gets one uuid[] parameter, not one per id."""
    if session.get_bind().dialect.name == "postgresql":
        values = bindparam("ids", list(ids), type_=ARRAY(Uuid(as_uuid=False)), unique=True)
        return column == any_(values)
    return column.in_([uuid.UUID(value) for value in ids])


def _cast_episodes(session: Session, entity_ids: set[str]) -> dict[str, list[Any]]:
    """Episodes each asset is cast in, ordered by name: {asset id: [(id, name)]}."""
    if not entity_ids:
        return {}
    episode = aliased(Entity, name="episode")
    query = (
        select(EntityLink.entity_out_id, episode.id, episode.name)
        .join(episode, episode.id == EntityLink.entity_in_id)
        .join(EntityType, EntityType.id == episode.entity_type_id)
        .where(
            EntityType.name == "Episode",
            _id_in(session, EntityLink.entity_out_id, entity_ids),
        )
        .order_by(episode.name)
    )
    found: dict[str, list[Any]] = defaultdict(list)
    for entity_id, episode_id, name in session.execute(query):
        found[str(entity_id)].append((episode_id, name))
    return found


def assignee_ids(session: Session, task_ids: list[str]) -> dict[str, list[str]]:
    """Assignee ids as text per task id (text), in one query."""
    link = task_person_link.c
    query = select(link.task_id, link.person_id).where(_id_in(session, link.task_id, task_ids))
    found: dict[str, list[str]] = defaultdict(list)
    for task_id, person_id in session.execute(query):
        found[str(task_id)].append(str(person_id))
    return found


def last_comments(session: Session, task_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The newest comment of each task (ids as text) that is not by a client of its project."""
    link = project_person_link.c
    query = (
        select(Comment.object_id, Comment.text, Comment.created_at, Comment.person_id)
        .join(Person, Person.id == Comment.person_id)
        .join(Task, Task.id == Comment.object_id)
        .outerjoin(
            project_person_link,
            and_(link.person_id == Person.id, link.project_id == Task.project_id),
        )
        .where(
            _id_in(session, Comment.object_id, task_ids),
            func.coalesce(link.role, Person.role) != "client",
        )
        .order_by(Comment.object_id, Comment.created_at)
    )
    found: dict[str, dict[str, Any]] = {}
    for task_id, text, created_at, person_id in session.execute(query):
        found[str(task_id)] = {
            "text": text,
            "date": created_at.replace(microsecond=0) if created_at else None,
            "person_id": str(person_id),
        }
    return found


def present_rows(session: Session, rows: list[Any], cast_in: bool = True) -> list[dict[str, Any]]:
    """To-do dicts for rows of task_row_query, with assignees and last comments."""
    if not rows:
        return []
    task_ids = [row[0] for row in rows]
    result = [task_dict(row) for row in rows]
    episodes = _cast_episodes(session, {data["entity_id"] for data in result}) if cast_in else {}
    assignees = assignee_ids(session, task_ids)
    comments = last_comments(session, task_ids)
    for task_id, data in zip(task_ids, result, strict=True):
        cast = episodes.get(data["entity_id"])
        if cast:
            data["episode_ids"] = [str(episode_id) for episode_id, _ in cast]
            data["episode_names"] = [name for _, name in cast]
        data["assignees"] = assignees.get(task_id, [])
        data["last_comment"] = comments.get(task_id, {})
    return result


def person_tasks(session: Session, person_id: uuid.UUID, is_done: bool) -> list[dict[str, Any]]:
    """Zou's to-do rows (task columns plus names, assignees, last comment), five queries."""
    return present_rows(session, _task_rows(session, person_id, is_done))


def todos(session: Session, actor: Actor) -> list[dict[str, Any]]:
    """Unfinished tasks assigned to the caller in their open projects."""
    return person_tasks(session, actor.person_id, is_done=False)


def done_tasks(session: Session, actor: Actor) -> list[dict[str, Any]]:
    """Finished tasks assigned to the caller in their open projects, newest end first."""
    return person_tasks(session, actor.person_id, is_done=True)
