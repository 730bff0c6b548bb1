"""Forced removal of tasks with what hangs from them, as Zou's forced task deletion does."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Column, delete, select, update
from sqlalchemy.orm import Session

from reeltrack.crud.cascade import is_referenced, purge_references

# Main previews an upload makes current (and a removal may bring back).
THUMBNAIL_EXTENSIONS = ("png", "mp4")


def ids_where(session: Session, column: Column[Any] | Any, values: Iterable[Any]) -> list[Any]:
    """Ids of the rows of `column`'s table whose `column` is in `values`."""
    values = list(values)
    if not values:
        return []
    table = column.table
    return list(session.scalars(select(table.c.id).where(column.in_(values))))


def delete_rows(session: Session, model: Any, ids: list[Any]) -> None:
    """Delete rows once what references them is detached (optional) or deleted (required)."""
    if not ids:
        return
    table = model.__table__
    purge_references(session, table, ids)
    session.execute(delete(table).where(table.c.id.in_(ids)))


def _purge_comments(session: Session, task_ids: list[Any]) -> None:
    from reeltrack.models import AttachmentFile, Comment, News, Notification

    comments = ids_where(session, Comment.object_id, task_ids)
    for model in (Notification, News, AttachmentFile):
        delete_rows(session, model, ids_where(session, model.comment_id, comments))
    delete_rows(session, Comment, comments)


def _purge_files(session: Session, task_ids: list[Any]) -> list[Any]:
    """Working, output and preview files of the tasks; the entities that showed one."""
    from reeltrack.models import Entity, OutputFile, PreviewFile, WorkingFile

    working = ids_where(session, WorkingFile.task_id, task_ids)
    delete_rows(session, OutputFile, ids_where(session, OutputFile.source_file_id, working))
    delete_rows(session, WorkingFile, working)
    previews = ids_where(session, PreviewFile.task_id, task_ids)
    shown = ids_where(session, Entity.preview_file_id, previews)
    delete_rows(session, PreviewFile, previews)
    return shown


def purge_task_dependents(session: Session, task_ids: list[Any]) -> list[Any]:
    """Remove files, comments, subscriptions, time spents, notifications, news, assignees.

    Returns the ids of the entities whose main preview was one of the removed previews.
    """
    from reeltrack.models import (
        News,
        Notification,
        ProductionScheduleVersionTaskLink,
        Subscription,
        TimeSpent,
    )
    from reeltrack.models.task import task_person_link

    if not task_ids:
        return []
    shown = _purge_files(session, task_ids)
    _purge_comments(session, task_ids)
    for model in (Subscription, TimeSpent, Notification, News, ProductionScheduleVersionTaskLink):
        delete_rows(session, model, ids_where(session, model.task_id, task_ids))
    session.execute(delete(task_person_link).where(task_person_link.c.task_id.in_(task_ids)))
    return shown


def newest_main_preview(session: Session, *criteria: Any) -> Any:
    """The newest ready main (position 1) picture or movie preview matching `criteria`."""
    from reeltrack.models import PreviewFile, Task

    return session.scalars(
        select(PreviewFile)
        .join(Task, Task.id == PreviewFile.task_id)
        .where(
            PreviewFile.position == 1,
            PreviewFile.status == "ready",
            PreviewFile.extension.in_(THUMBNAIL_EXTENSIONS),
            *criteria,
        )
        .order_by(PreviewFile.created_at.desc())
        .limit(1)
    ).first()


def restore_main_previews(session: Session, entity_ids: list[Any]) -> None:
    """Give entities that lost their main preview the newest remaining one, when automated."""
    from reeltrack.models import Entity, Project, Task

    for entity_id in entity_ids:
        entity = session.get(Entity, entity_id)
        if entity is None:
            continue
        project = session.get(Project, entity.project_id)
        newest = None
        if project is not None and project.is_set_preview_automated:
            preview = newest_main_preview(session, Task.entity_id == entity_id)
            newest = preview.id if preview is not None else None
        session.execute(update(Entity).where(Entity.id == entity_id).values(preview_file_id=newest))
        session.expire(entity, ["preview_file_id"])


def is_task_used(session: Session, task_id: Any) -> bool:
    """Whether anything but its assignee links depends on the task (comments included)."""
    from reeltrack.models import Comment, Task

    if session.scalar(select(select(Comment.id).where(Comment.object_id == task_id).exists())):
        return True
    table = Task.__table__
    return is_referenced(session, table, task_id, ignore={"task_person_link"})  # type: ignore[arg-type]


def remove_tasks(session: Session, task_ids: list[Any]) -> list[tuple[Any, Any, Any, Any]]:
    """Delete tasks with all their dependents; (task, entity, task type, project) per task."""
    from reeltrack.models import Task

    if not task_ids:
        return []
    removed = list(
        session.execute(
            select(Task.id, Task.entity_id, Task.task_type_id, Task.project_id).where(
                Task.id.in_(task_ids)
            )
        )
    )
    purge_task_dependents(session, task_ids)
    session.execute(delete(Task).where(Task.id.in_(task_ids)))
    return [tuple(row) for row in removed]  # type: ignore[misc]
