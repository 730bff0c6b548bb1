"""Who hears about a comment or a reply (notifications), and the news feed entry."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, or_, select

from reeltrack.crud.hooks.reviews_comments import department_team

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx
    from reeltrack.services.comment_posting import Posted


def recipients(ctx: Ctx, task: Any) -> list[Any]:
    """Assignees, task subscribers and the subscribers of the shot's sequence (2 queries)."""
    from reeltrack.models import Entity, Subscription, task_person_link

    link = task_person_link.c
    found = list(ctx.session.scalars(select(link.person_id).where(link.task_id == task.id)))
    parent = select(Entity.parent_id).where(Entity.id == task.entity_id).scalar_subquery()
    found += ctx.session.scalars(
        select(Subscription.person_id).where(
            or_(
                Subscription.task_id == task.id,
                (Subscription.entity_id == parent)
                & (Subscription.task_type_id == task.task_type_id),
            )
        )
    )
    return list(dict.fromkeys(found))


def _notification_rows(
    ctx: Ctx, people: list[Any], kind: str, base: dict[str, Any]
) -> list[dict[str, Any]]:
    rows = []
    for person_id in dict.fromkeys(people):
        row = {"id": uuid.uuid4(), "person_id": person_id, "type": kind, "read": False}
        rows.append({**base, **row})
    return rows


def _write(ctx: Ctx, rows: list[dict[str, Any]], project_id: Any) -> None:
    """Insert the notifications in one statement and announce each to its recipient."""
    from reeltrack.models import Notification

    if not rows:
        return
    ctx.session.execute(insert(Notification), rows)
    for row in rows:
        ctx.uow.emit(
            "notification:new",
            {"notification_id": row["id"], "person_id": row["person_id"]},
            project_id,
        )


def notify_comment(ctx: Ctx, task: Any, posted: Posted, change: bool) -> None:
    """Comment notifications for followers, mention notifications for the people named."""
    comment = posted.comment
    author = comment.person_id
    base = {
        "author_id": author,
        "comment_id": comment.id,
        "task_id": task.id,
        "created_at": comment.created_at,
        "updated_at": comment.created_at,
        "change": change,
    }
    followers = [p for p in recipients(ctx, task) if p != author]
    rows = _notification_rows(ctx, followers, "comment", base)
    named = posted.people + department_team(ctx, task.project_id, posted.departments)
    mentioned = [p for p in named if p != author]
    rows += _notification_rows(ctx, mentioned, "mention", {**base, "change": False})
    _write(ctx, rows, task.project_id)


def notify_reply(ctx: Ctx, task: Any, comment: Any, reply: dict[str, Any]) -> None:
    """Reply notifications for followers, earlier repliers and the comment's author."""
    author = uuid.UUID(str(reply["person_id"]))
    created = dt.datetime.fromisoformat(str(reply["created_at"]))
    base = {
        "author_id": author,
        "comment_id": comment.id,
        "task_id": task.id,
        "reply_id": uuid.UUID(reply["id"]),
        "created_at": created,
        "updated_at": created,
        "change": False,
    }
    people = recipients(ctx, task)
    people += [uuid.UUID(str(r["person_id"])) for r in comment.replies or [] if r.get("person_id")]
    people.append(comment.person_id)
    followers = [p for p in dict.fromkeys(people) if p != author]
    rows = _notification_rows(ctx, followers, "reply", base)
    named = [uuid.UUID(p) for p in reply.get("mentions") or []]
    departments = [uuid.UUID(d) for d in reply.get("department_mentions") or []]
    named += department_team(ctx, task.project_id, departments)
    rows += _notification_rows(ctx, [p for p in named if p != author], "reply-mention", base)
    _write(ctx, rows, task.project_id)


def is_concept_task(ctx: Ctx, task: Any) -> bool:
    from reeltrack.models import Entity, EntityType

    name = ctx.session.scalar(
        select(EntityType.name)
        .join(Entity, Entity.entity_type_id == EntityType.id)
        .where(Entity.id == task.entity_id)
    )
    return name == "Concept"


def add_news(ctx: Ctx, task: Any, comment: Any, change: bool) -> None:
    """The news-feed entry of a comment (concept tasks have none)."""
    from reeltrack.models import News

    if is_concept_task(ctx, task):
        return
    news_id = uuid.uuid4()
    ctx.session.execute(
        insert(News).values(
            id=news_id,
            change=change,
            author_id=comment.person_id,
            comment_id=comment.id,
            preview_file_id=comment.preview_file_id,
            task_id=task.id,
            created_at=comment.created_at,
            updated_at=comment.created_at,
        )
    )
    ctx.uow.emit(
        "news:new",
        {
            "news_id": news_id,
            "task_status_id": comment.task_status_id,
            "task_type_id": task.task_type_id,
        },
        task.project_id,
    )


def remove_news(ctx: Ctx, comment_id: Any, project_id: Any) -> None:
    """Delete a comment's news entries, announcing each."""
    from sqlalchemy import delete

    from reeltrack.models import News

    ids = list(ctx.session.scalars(select(News.id).where(News.comment_id == comment_id)))
    if ids:
        ctx.session.execute(delete(News).where(News.id.in_(ids)))
    for news_id in ids:
        ctx.uow.emit("news:delete", {"news_id": news_id}, project_id)
