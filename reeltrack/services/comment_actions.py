"""What is done to an existing comment: acknowledge, reply, move, delete, previews."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, select

from reeltrack.crud.hooks import reviews_comments as hooks
from reeltrack.crud.hooks.reviews_access import check_task_access
from reeltrack.crud.hooks.reviews_tasks import reset_task_data
from reeltrack.crud.values import parse_uuid
from reeltrack.models.comment import comment_acknoledgments, comment_preview_link
from reeltrack.services import comment_files, comment_notify
from reeltrack.services.comment_reading import _with_link_ids, get_task
from reeltrack.services.persons import short_people
from reeltrack.wire.errors import NotFound, WrongParameter

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx
    from reeltrack.services.comment_files import Upload


def with_relations(ctx: Ctx, comment: Any) -> dict[str, Any]:
    """A comment with its link id lists, as Zou's serialize(relations=True)."""
    return _with_link_ids(ctx, [comment])[0]


def _emit_update(ctx: Ctx, comment: Any, project_id: Any) -> None:
    ctx.uow.emit(
        "comment:update",
        {
            "comment_id": comment.id,
            "task_id": comment.object_id,
            "person_id": comment.person_id,
            "for_client": comment.for_client,
        },
        project_id,
    )


def acknowledge(ctx: Ctx, task: Any, comment: Any) -> dict[str, Any]:
    """Toggle the caller's acknowledgement of a comment."""
    table = comment_acknoledgments
    person_id = ctx.actor.person_id
    where = (table.c.comment == comment.id) & (table.c.person == person_id)
    already = ctx.session.scalar(select(func.count()).select_from(table).where(where))
    if already:
        ctx.session.execute(delete(table).where(where))
        name = "comment:unacknowledge"
    else:
        ctx.session.execute(insert(table).values(comment=comment.id, person=person_id))
        name = "comment:acknowledge"
    ctx.uow.emit(name, {"comment_id": comment.id, "person_id": person_id}, task.project_id)
    return with_relations(ctx, comment)


def _zou_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")


def reply(ctx: Ctx, task: Any, comment: Any, text: str, uploads: list[Upload]) -> dict:
    """Add a reply to a comment's thread, with its mentions, files and notifications."""
    text = text or ""
    people = hooks.mentioned_people(ctx, task.project_id, text)
    departments = hooks.mentioned_departments(ctx, text)
    stamp = _zou_now()
    new: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "date": stamp,
        "person_id": str(ctx.actor.person_id),
        "text": text,
        "mentions": [str(p) for p in people],
        "department_mentions": [str(d) for d in departments],
        "created_at": stamp,
    }
    previous = list(comment.replies or [])
    comment.replies = [*previous, new]
    ctx.session.flush()
    if uploads:
        files = comment_files.attach(ctx, comment, uploads, reply_id=uuid.UUID(new["id"]))
        new["attachment_files"] = [{**f, "reply_id": new["id"]} for f in files]
    ctx.uow.emit(
        "comment:reply",
        {"task_id": task.id, "comment_id": comment.id, "reply_id": new["id"]},
        task.project_id,
    )
    comment_notify.notify_reply(ctx, task, comment, new)
    author = short_people(ctx.session, {ctx.actor.person_id})
    return {**new, "person": author.get(str(ctx.actor.person_id))}


def find_reply(comment: Any, reply_id: str) -> dict[str, Any]:
    for item in comment.replies or []:
        if isinstance(item, dict) and item.get("id") == reply_id:
            return item
    raise NotFound("Reply not found")


def delete_reply(ctx: Ctx, comment: Any, reply_id: str) -> dict[str, Any]:
    """Remove a reply, its files and its notifications."""
    from reeltrack.models import Notification

    task = get_task(ctx, comment.object_id)
    parsed = parse_uuid(reply_id)
    if parsed is not None:
        comment_files.remove_for_comment(ctx, comment.id, reply_id=parsed)
        ctx.session.execute(delete(Notification).where(Notification.reply_id == parsed))
    comment.replies = [r for r in comment.replies or [] if r.get("id") != reply_id]
    ctx.session.flush()
    ctx.uow.emit(
        "comment:delete-reply",
        {"task_id": task.id, "comment_id": comment.id, "reply_id": reply_id},
        task.project_id,
    )
    from reeltrack.wire.present import present

    return present(comment)


def move(ctx: Ctx, comment: Any, source: Any, target: Any) -> dict[str, Any]:
    """Move a comment to another task of the same entity; both tasks replay their history."""
    from reeltrack.models import Notification
    from reeltrack.services.comment_posting import Posted

    if source.id == target.id:
        raise WrongParameter("Source and target tasks must be different.")
    if source.entity_id != target.entity_id:
        raise WrongParameter("A comment can only be moved between tasks of the same entity.")
    link = comment_preview_link.c
    has_previews = ctx.session.scalar(select(func.count()).where(link.comment == comment.id))
    if comment.preview_file_id is not None or has_previews:
        raise WrongParameter("A comment attached to a preview revision cannot be moved.")
    ctx.session.execute(delete(Notification).where(Notification.comment_id == comment.id))
    comment_notify.remove_news(ctx, comment.id, source.project_id)
    comment.object_id = target.id
    ctx.session.flush()
    reset_task_data(ctx, source)
    reset_task_data(ctx, target)
    ctx.uow.emit(
        "comment:delete", {"comment_id": comment.id, "task_id": source.id}, source.project_id
    )
    data = with_relations(ctx, comment)
    ctx.uow.emit(
        "comment:new",
        {
            "comment_id": comment.id,
            "task_id": target.id,
            "task_status_id": comment.task_status_id,
            "person_id": comment.person_id,
            "for_client": comment.for_client,
        },
        target.project_id,
    )
    people = [uuid.UUID(p) for p in data["mentions"]]
    departments = [uuid.UUID(d) for d in data["department_mentions"]]
    comment_notify.notify_comment(ctx, target, Posted(comment, people, departments, []), False)
    comment_notify.add_news(ctx, target, comment, False)
    return data


def delete_comment(ctx: Ctx, comment: Any) -> None:
    """Delete through the comment resource's hooks: the task falls back to its history."""
    from reeltrack.crud.registry import registry
    from reeltrack.crud.service import delete_row
    from reeltrack.models import Comment

    delete_row(ctx, registry.by_model(Comment), str(comment.id), force=False)


def _next_revision(ctx: Ctx, task_id: Any) -> int:
    from reeltrack.models import PreviewFile

    last = ctx.session.scalar(
        select(func.max(PreviewFile.revision)).where(PreviewFile.task_id == task_id)
    )
    return (last or 0) + 1


def _next_position(ctx: Ctx, task_id: Any, revision: int) -> int:
    from reeltrack.models import PreviewFile

    count = ctx.session.scalar(
        select(func.count())
        .select_from(PreviewFile)
        .where(PreviewFile.task_id == task_id, PreviewFile.revision == revision)
    )
    return (count or 0) + 1


def _revision_and_position(ctx: Ctx, task: Any, comment: Any, revision: int | None) -> tuple:
    from reeltrack.models import PreviewFile

    link = comment_preview_link.c
    first = ctx.session.scalar(
        select(PreviewFile.revision)
        .join(comment_preview_link, link.preview_file == PreviewFile.id)
        .where(link.comment == comment.id)
        .order_by(PreviewFile.position)
    )
    if revision is None:
        if first is None:
            return _next_revision(ctx, task.id), 1
        return first, _next_position(ctx, task.id, first)
    if first is None:
        taken = ctx.session.scalar(
            select(func.count())
            .select_from(PreviewFile)
            .where(
                PreviewFile.task_id == task.id,
                PreviewFile.revision == revision,
                PreviewFile.position == 1,
            )
        )
        if taken:
            raise WrongParameter(
                f"Revision {revision} already exists for this task. Choose a different "
                "revision number, or omit it to let the revision auto-increment."
            )
    return revision, _next_position(ctx, task.id, revision)


def add_preview(ctx: Ctx, task: Any, comment: Any, revision: int | None) -> dict[str, Any]:
    """A new (processing) preview row attached to the comment, for an upload to follow."""
    from reeltrack.crud.registry import registry
    from reeltrack.crud.service import present_one
    from reeltrack.models import News, PreviewFile, Project

    revision, position = _revision_and_position(ctx, task, comment, revision)
    if position > 1:
        single = ctx.session.scalar(
            select(Project.is_single_preview_per_revision).where(Project.id == task.project_id)
        )
        if single:
            raise WrongParameter("Only one preview file is allowed per revision for this project.")
    preview = PreviewFile(
        name=str(uuid.uuid4())[:13],
        revision=revision,
        task_id=task.id,
        person_id=ctx.actor.person_id,
        source="webgui",
        extension="mp4",
        position=position,
        status="processing",
    )
    ctx.session.add(preview)
    ctx.session.flush()
    ctx.session.execute(
        insert(comment_preview_link).values(comment=comment.id, preview_file=preview.id)
    )
    ctx.uow.emit(
        "preview-file:new",
        {"preview_file_id": preview.id, "comment_id": comment.id},
        task.project_id,
    )
    news = ctx.session.scalars(select(News).where(News.comment_id == comment.id)).first()
    if news is not None:
        news.preview_file_id = preview.id
    ctx.session.flush()
    _emit_update(ctx, comment, task.project_id)
    return present_one(ctx, registry.by_model(PreviewFile), preview)


def attached_preview(ctx: Ctx, task: Any, comment: Any, preview_id: Any) -> Any:
    """A preview of the task attached to the comment, else 404."""
    from reeltrack.models import PreviewFile

    preview = ctx.session.get(PreviewFile, preview_id)
    link = comment_preview_link.c
    attached = ctx.session.scalar(
        select(func.count()).where(link.comment == comment.id, link.preview_file == preview_id)
    )
    if preview is None or preview.task_id != task.id or not attached:
        raise NotFound("Preview file not found")
    return preview


def check_access(ctx: Ctx, task: Any) -> str:
    return check_task_access(ctx, task)
