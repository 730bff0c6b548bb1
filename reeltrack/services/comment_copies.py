"""Copying the last client comment of tasks into a studio comment (Zou's copy-client-comments)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, select

from reeltrack.services.comment_posting import NewComment, create_comment

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx


def last_client_comments(ctx: Ctx, project_id: uuid.UUID, task_ids: list[uuid.UUID]) -> list:
    """The newest comment written by a client on each of the tasks (one query)."""
    from reeltrack.models import Comment, Person, Task, project_person_link

    team = project_person_link.c
    rows = ctx.session.scalars(
        select(Comment)
        .join(Task, Task.id == Comment.object_id)
        .join(Person, Person.id == Comment.person_id)
        .outerjoin(
            project_person_link,
            and_(team.person_id == Person.id, team.project_id == Task.project_id),
        )
        .where(
            Task.project_id == project_id,
            Comment.object_id.in_(task_ids),
            func.coalesce(team.role, Person.role) == "client",
        )
        .order_by(Comment.object_id, Comment.created_at.desc())
    )
    newest: dict[Any, Any] = {}
    for comment in rows:
        newest.setdefault(comment.object_id, comment)
    return list(newest.values())


def copy_last_client_comments(
    ctx: Ctx, project_id: uuid.UUID, task_ids: list[uuid.UUID], prefix: str
) -> list[dict[str, Any]]:
    """Post, as the caller, the last client comment of each task, keeping its status."""
    from reeltrack.models import Task

    result = []
    for client_comment in last_client_comments(ctx, project_id, task_ids):
        task = ctx.session.get(Task, client_comment.object_id)
        assert task is not None  # the query joined it
        text = client_comment.text or ""
        if prefix:
            text = f"{prefix}\n\n{text}"
        new = NewComment(task_status_id=task.task_status_id, text=text)
        result.append(create_comment(ctx, task, new))
    return result
