"""Posting a comment on a task: the comment, its status change, notifications and news."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select

from reeltrack.crud.hooks import reviews_comments as hooks
from reeltrack.services import comment_files, comment_notify
from reeltrack.services.persons import present_safe
from reeltrack.services.task_common import get_row
from reeltrack.wire.errors import WrongParameter
from reeltrack.wire.present import present

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx
    from reeltrack.services.comment_files import Upload


@dataclass
class Posted:
    """A comment row just written, with what was computed along the way."""

    comment: Any
    people: list[Any]
    departments: list[Any]
    files: list[dict[str, Any]]


@dataclass
class NewComment:
    """What a comment post carries once the route has read it."""

    task_status_id: Any
    text: str = ""
    author_id: Any = None
    created_at: str | None = None
    checklist: list[Any] = field(default_factory=list)
    links: list[Any] = field(default_factory=list)
    for_client: bool = False
    uploads: list[Upload] = field(default_factory=list)


def now() -> dt.datetime:
    """Naive UTC with microseconds, so comments of one second keep their order."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def status_or_error(ctx: Ctx, value: Any) -> Any:
    """The task status a body names: 400 when malformed, 404 when unknown."""
    from reeltrack.models import TaskStatus

    return get_row(ctx.session, TaskStatus, value, "Task status not found")


def _created_at(value: str | None) -> dt.datetime:
    if not value:
        return now()
    for parse in (
        lambda v: dt.datetime.strptime(v, "%Y-%m-%d %H:%M:%S"),
        dt.datetime.fromisoformat,
    ):
        try:
            parsed = parse(value)
        except ValueError:
            continue
        return parsed.astimezone(dt.UTC).replace(tzinfo=None) if parsed.tzinfo else parsed
    return now()


def _author(ctx: Ctx, author_id: Any) -> Any:
    from reeltrack.models import Person

    if author_id in (None, ""):
        author_id = ctx.actor.person_id
    return get_row(ctx.session, Person, author_id, "Person not found")


def check_retake_capping(ctx: Ctx, status: Any, task: Any) -> None:
    """A project (or entity) retake cap refuses one more retake."""
    from reeltrack.models import Entity, Project

    if not status.is_retake:
        return
    project_max = ctx.session.scalar(
        select(Project.max_retakes).where(Project.id == task.project_id)
    )
    if not project_max:
        return
    data = ctx.session.scalar(select(Entity.data).where(Entity.id == task.entity_id)) or {}
    entity_max = data.get("max_retakes") if isinstance(data, dict) else None
    cap = int(entity_max or project_max)
    if cap > 0 and (task.retake_count or 0) >= cap:
        raise WrongParameter("No more retakes allowed on this task")


def _insert_mentions(ctx: Ctx, comment: Any, people: list[Any], departments: list[Any]) -> None:
    from reeltrack.models import comment_department_mentions, comment_mentions

    if people:
        ctx.session.execute(
            insert(comment_mentions), [{"comment": comment.id, "person": p} for p in people]
        )
    if departments:
        ctx.session.execute(
            insert(comment_department_mentions),
            [{"comment": comment.id, "department": d} for d in departments],
        )


def insert_comment(ctx: Ctx, task: Any, status: Any, author: Any, new: NewComment) -> Posted:
    """The comment row, its mentions and attachments; announced as comment:new."""
    from reeltrack.models import Comment

    text = new.text or ""
    comment = Comment(
        object_id=task.id,
        object_type="Task",
        task_status_id=status.id,
        person_id=author.id,
        text=text,
        checklist=new.checklist or [],
        links=[str(link) for link in new.links or []],
        for_client=bool(new.for_client),
        replies=[],
        created_at=_created_at(new.created_at),
    )
    ctx.session.add(comment)
    ctx.session.flush()
    people = hooks.mentioned_people(ctx, task.project_id, text)
    departments = hooks.mentioned_departments(ctx, text)
    _insert_mentions(ctx, comment, people, departments)
    files = comment_files.attach(ctx, comment, new.uploads)
    ctx.uow.emit(
        "comment:new",
        {
            "comment_id": comment.id,
            "task_id": task.id,
            "task_status_id": status.id,
            "person_id": comment.person_id,
            "for_client": comment.for_client,
        },
        task.project_id,
    )
    return Posted(comment, people, departments, files)


def apply_status_change(ctx: Ctx, task: Any, status: Any, comment: Any) -> bool:
    """Move the task to the comment's status and dates, as Zou does; True when it changed."""
    from reeltrack.crud.hooks.reviews_tasks import reset_task_data

    if task.last_comment_date is not None and task.last_comment_date > comment.created_at:
        reset_task_data(ctx, task)  # an older comment posted late: replay the history
        return False
    previous = task.task_status_id
    changed = status.id != previous
    task.task_status_id = status.id
    task.last_comment_date = comment.created_at
    if changed:
        stamp = now()
        if status.is_retake:
            task.retake_count = (task.retake_count or 0) + 1
        if status.is_wip and task.real_start_date is None:
            task.real_start_date = stamp
        if status.is_feedback_request:
            task.end_date = stamp
        elif not status.is_done:
            task.end_date = None
        task.done_date = stamp if status.is_done else None
    ctx.session.flush()
    ctx.uow.emit("task:update", {"task_id": task.id}, task.project_id)
    if changed:
        _announce_status(ctx, task, status, comment, previous)
    return changed


def _announce_status(ctx: Ctx, task: Any, status: Any, comment: Any, previous: Any) -> None:
    data = {
        "task_id": task.id,
        "new_task_status_id": status.id,
        "previous_task_status_id": previous,
        "person_id": comment.person_id,
    }
    ctx.uow.emit("task:status-changed", data, task.project_id)
    if status.is_feedback_request:
        ctx.uow.emit("task:to-review", {**data, "comment_id": comment.id}, task.project_id)


def present_comment(posted: Posted, status: Any, author: Any) -> dict[str, Any]:
    """The posted comment as Zou answers it: links, files, status and author embedded."""
    data = present(posted.comment)
    data.update(
        previews=[],
        mentions=[str(p) for p in posted.people],
        department_mentions=[str(d) for d in posted.departments],
        acknowledgements=[],
        attachment_files=posted.files,
        task_status=present(status),
        person=present_safe(author),
    )
    return data


def create_comment(
    ctx: Ctx, task: Any, new: NewComment, hashtags: bool = True, depth: int = 0
) -> dict[str, Any]:
    """Post a comment as Zou's create_comment: status, notifications, news, automations."""
    status = status_or_error(ctx, new.task_status_id)
    author = _author(ctx, new.author_id)
    check_retake_capping(ctx, status, task)
    posted = insert_comment(ctx, task, status, author, new)
    if hashtags:
        _comment_hashtagged_tasks(ctx, task, author, new.text or "")
    changed = apply_status_change(ctx, task, status, posted.comment)
    comment_notify.notify_comment(ctx, task, posted, changed)
    comment_notify.add_news(ctx, task, posted.comment, changed)
    from reeltrack.services import comment_automations

    comment_automations.run(ctx, task, author.id, depth)
    return present_comment(posted, status, author)


def hashtags_of(text: str) -> list[str]:
    """`#name` words of a comment, lowercased; `#all` stands for every task."""
    found = {tag[1:].lower() for tag in re.findall("#[a-zA-Z]*", text)}
    return ["all"] if "all" in found else sorted(found)


def _comment_hashtagged_tasks(ctx: Ctx, task: Any, author: Any, text: str) -> None:
    """Copy the comment to the entity's tasks named by hashtag, keeping their status."""
    from reeltrack.models import Task, TaskType

    tags = hashtags_of(text)
    if not tags:
        return
    rows = ctx.session.execute(
        select(Task, TaskType.name)
        .join(TaskType, TaskType.id == Task.task_type_id)
        .where(Task.entity_id == task.entity_id)
    ).all()
    own_type = next((name for t, name in rows if t.id == task.id), "")
    for other, type_name in rows:
        lowered = (type_name or "").lower()
        if other.id == task.id or lowered == own_type.lower():
            continue
        if tags != ["all"] and lowered not in tags:
            continue
        copy = NewComment(
            task_status_id=other.task_status_id,
            text=f"{text}\n\n____\nFrom {own_type} task",
            author_id=author.id,
        )
        create_comment(ctx, other, copy, hashtags=False)
