"""The caller's to-do and done lists: tasks assigned to them in their open projects."""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import and_, func, select
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
from reeltrack.services.task_reads import assignees_of
from reeltrack.wire.present import present


def _related_project_ids(person_id: uuid.UUID) -> Any:
    """Open projects whose team includes the person (a subquery)."""
    link = project_person_link.c
    return (
        select(Project.id)
        .join(ProjectStatus, ProjectStatus.id == Project.project_status_id)
        .join(project_person_link, link.project_id == Project.id)
        .where(link.person_id == person_id, ProjectStatus.name == "Open")
    )


def task_row_query() -> tuple[Any, Any, Any]:
    """Tasks joined to the names a to-do row shows; returns (query, sequence, episode)."""
    sequence = aliased(Entity, name="sequence")
    episode = aliased(Entity, name="episode")
    source = aliased(Entity, name="source")
    source_type = aliased(EntityType, name="source_type")
    query = (
        select(
            Task,
            Project.name,
            Project.has_avatar,
            Entity.name,
            Entity.description,
            Entity.data,
            Entity.preview_file_id,
            EntityType.name,
            Entity.canceled,
            Entity.parent_id,
            Entity.source_id,
            sequence.name,
            episode.id,
            episode.name,
            source.name,
            source_type.name,
            TaskType.name,
            TaskType.for_entity,
            TaskStatus.name,
            TaskType.color,
            TaskStatus.color,
            TaskStatus.short_name,
        )
        .join(Project, Project.id == Task.project_id)
        .join(TaskType, TaskType.id == Task.task_type_id)
        .join(TaskStatus, TaskStatus.id == Task.task_status_id)
        .join(Entity, Entity.id == Task.entity_id)
        .join(EntityType, EntityType.id == Entity.entity_type_id)
        .outerjoin(sequence, sequence.id == Entity.parent_id)
        .outerjoin(episode, episode.id == sequence.parent_id)
        .outerjoin(source, source.id == Entity.source_id)
        .outerjoin(source_type, source_type.id == source.entity_type_id)
    )
    return query, sequence, episode


def _task_rows(session: Session, person_id: uuid.UUID, is_done: bool) -> list[Any]:
    query, _, _ = task_row_query()
    query = query.join(task_person_link, task_person_link.c.task_id == Task.id).where(
        task_person_link.c.person_id == person_id,
        Task.project_id.in_(_related_project_ids(person_id)),
        TaskStatus.is_done.is_(is_done),
    )
    if is_done:
        query = query.order_by(Task.end_date.desc().nulls_first(), TaskType.name, Entity.name)
    return list(session.execute(query))


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


def task_dict(row: Any) -> dict[str, Any]:
    """The to-do dict of one row of task_row_query (task columns plus names)."""
    task = row[0]
    data = present(task)
    episode_id, episode_name = _episode(row)
    data.update(
        {
            "project_name": row[1],
            "project_id": str(task.project_id),
            "project_has_avatar": row[2],
            "entity_id": str(task.entity_id),
            "entity_name": row[3],
            "entity_description": row[4],
            "entity_data": row[5],
            "entity_preview_file_id": str(row[6] or ""),
            "entity_source_id": str(row[10] or ""),
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


def _cast_episodes(session: Session, entity_ids: set[uuid.UUID]) -> dict[uuid.UUID, list[Any]]:
    """Episodes each asset is cast in, ordered by name: {asset id: [(id, name)]}."""
    if not entity_ids:
        return {}
    episode = aliased(Entity, name="episode")
    query = (
        select(EntityLink.entity_out_id, episode.id, episode.name)
        .join(episode, episode.id == EntityLink.entity_in_id)
        .join(EntityType, EntityType.id == episode.entity_type_id)
        .where(EntityType.name == "Episode", EntityLink.entity_out_id.in_(entity_ids))
        .order_by(episode.name)
    )
    found: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for entity_id, episode_id, name in session.execute(query):
        found[entity_id].append((episode_id, name))
    return found


def assignee_ids(session: Session, task_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    """Assignee ids as text per task, in one query."""
    found = assignees_of(session, task_ids)
    return {task_id: [str(person) for person in people] for task_id, people in found.items()}


def last_comments(session: Session, task_ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    """The newest comment of each task that is not by a client of its project."""
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
            Comment.object_id.in_(task_ids),
            func.coalesce(link.role, Person.role) != "client",
        )
        .order_by(Comment.object_id, Comment.created_at)
    )
    found: dict[uuid.UUID, dict[str, Any]] = {}
    for task_id, text, created_at, person_id in session.execute(query):
        found[task_id] = {
            "text": text,
            "date": created_at.replace(microsecond=0) if created_at else None,
            "person_id": str(person_id),
        }
    return found


def present_rows(session: Session, rows: list[Any], cast_in: bool = True) -> list[dict[str, Any]]:
    """To-do dicts for rows of task_row_query, with assignees and last comments."""
    if not rows:
        return []
    task_ids = [row[0].id for row in rows]
    episodes = _cast_episodes(session, {row[0].entity_id for row in rows}) if cast_in else {}
    assignees = assignee_ids(session, task_ids)
    comments = last_comments(session, task_ids)
    result = []
    for row in rows:
        task = row[0]
        data = task_dict(row)
        cast = episodes.get(task.entity_id)
        if cast:
            data["episode_ids"] = [str(episode_id) for episode_id, _ in cast]
            data["episode_names"] = [name for _, name in cast]
        data["assignees"] = assignees.get(task.id, [])
        data["last_comment"] = comments.get(task.id, {})
        result.append(data)
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
