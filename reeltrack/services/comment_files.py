"""Files attached to comments and replies: stored through the runtime's file store."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import event, select

from reeltrack.services.task_common import get_row
from reeltrack.storage.files import FileMissing, FileStore
from reeltrack.wire.errors import ApiError, Forbidden, NotFound
from reeltrack.wire.present import present

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

BUCKET = "attachments"
INLINE_SAFE_MIMETYPES = frozenset(
    {"image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp", "image/avif"}
)


@dataclass
class Upload:
    """One uploaded file of a multipart request."""

    name: str
    mimetype: str | None
    stream: IO[bytes]
    size: int


class TooLarge(ApiError):
    status_code = 413

    def __init__(self, limit: int) -> None:
        super().__init__(f"The uploaded files exceed the size limit of {limit} bytes.")


def check_sizes(uploads: list[Upload], limit: int) -> None:
    """Refuse the whole upload when it is bigger than the configured limit."""
    if sum(upload.size for upload in uploads) > limit:
        raise TooLarge(limit)


def extension_of(name: str) -> str:
    return os.path.splitext(name)[1][1:].lower()[:6]


def short(row: Any) -> dict[str, Any]:
    """An attachment as Zou's `present()` shows it."""
    return {"id": row.id, "name": row.name, "extension": row.extension, "size": row.size}


def attach(
    ctx: Ctx, comment: Any, uploads: list[Upload], reply_id: Any = None
) -> list[dict[str, Any]]:
    """Store each upload and record it on the comment (or its reply)."""
    return store_attachments(ctx, uploads, comment_id=comment.id, reply_id=reply_id)


def store_attachments(ctx: Ctx, uploads: list[Upload], **owner: Any) -> list[dict[str, Any]]:
    """Store each upload as an attachment row of its owner (`comment_id`, `chat_message_id`...).

    Files are removed if anything fails, and again if the request's transaction rolls back.
    """
    from reeltrack.models import AttachmentFile

    store = ctx.runtime.files
    written: list[str] = []
    rows = []
    try:
        for upload in uploads:
            row = AttachmentFile(
                name=os.path.basename(upload.name or "file")[:250],
                extension=extension_of(upload.name or ""),
                mimetype=upload.mimetype,
                size=0,
                **owner,
            )
            ctx.session.add(row)
            ctx.session.flush()
            row.size = store.put(BUCKET, str(row.id), upload.stream)
            written.append(str(row.id))
            rows.append(row)
        ctx.session.flush()
    except BaseException:
        forget_files(store, written)
        raise
    if written:
        # The rows only exist once the request commits: drop the files if it rolls back.
        event.listen(
            ctx.session, "after_rollback", lambda _s: forget_files(store, written), once=True
        )
    return [short(row) for row in rows]


def forget_files(store: FileStore, keys: list[str]) -> None:
    for key in keys:
        store.delete(BUCKET, key)


def get_attachment(ctx: Ctx, attachment_id: str) -> Any:
    from reeltrack.models import AttachmentFile

    return get_row(ctx.session, AttachmentFile, attachment_id, "Attachment file not found")


def remove(ctx: Ctx, row: Any) -> None:
    """Delete an attachment row; its stored file goes once the deletion is committed."""
    store, key = ctx.runtime.files, str(row.id)
    ctx.session.delete(row)
    ctx.session.flush()
    event.listen(ctx.session, "after_commit", lambda _s: store.delete(BUCKET, key), once=True)


def remove_for_comment(ctx: Ctx, comment_id: Any, reply_id: Any = None) -> None:
    """Delete the stored files (and rows) of a comment, or of one of its replies."""
    from reeltrack.models import AttachmentFile

    query = select(AttachmentFile).where(AttachmentFile.comment_id == comment_id)
    if reply_id is not None:
        query = query.where(AttachmentFile.reply_id == reply_id)
    for row in ctx.session.scalars(query).all():
        remove(ctx, row)


def _task_files_query() -> Any:
    from reeltrack.models import AttachmentFile, Comment, Task

    return (
        select(AttachmentFile)
        .join(Comment, Comment.id == AttachmentFile.comment_id)
        .join(Task, Task.id == Comment.object_id)
        .order_by(AttachmentFile.created_at, AttachmentFile.id)
    )


def files_for_project(ctx: Ctx, project_id: Any) -> list[dict[str, Any]]:
    from reeltrack.models import Task

    rows = ctx.session.scalars(_task_files_query().where(Task.project_id == project_id))
    return [present(row) for row in rows]


def files_for_task(ctx: Ctx, task_id: Any) -> list[dict[str, Any]]:
    from reeltrack.models import Task

    rows = ctx.session.scalars(_task_files_query().where(Task.id == task_id))
    return [present(row) for row in rows]


def check_download(ctx: Ctx, row: Any) -> None:
    """Comment files follow task access; chat files project and entity access."""
    from reeltrack.crud.hooks.reviews_access import (
        check_entity_access,
        check_project_access,
        check_task_access,
        task_of,
    )
    from reeltrack.models import Chat, ChatMessage, Comment, Entity

    if row.comment_id is not None:
        object_id = ctx.session.scalar(
            select(Comment.object_id).where(Comment.id == row.comment_id)
        )
        task = task_of(ctx, object_id)
        if task is None:
            raise NotFound("Attachment file not found")
        check_task_access(ctx, task)
        return
    if row.chat_message_id is None:
        raise Forbidden()
    entity = ctx.session.execute(
        select(Entity.id, Entity.project_id)
        .join(Chat, Chat.object_id == Entity.id)
        .join(ChatMessage, ChatMessage.chat_id == Chat.id)
        .where(ChatMessage.id == row.chat_message_id)
    ).first()
    if entity is None:
        raise NotFound("Attachment file not found")
    role = check_project_access(ctx, entity.project_id)
    check_entity_access(ctx, role, entity.id)


def open_file(ctx: Ctx, row: Any) -> IO[bytes]:
    try:
        return ctx.runtime.files.open(BUCKET, str(row.id))
    except FileMissing:
        raise NotFound("Attachment file not found") from None


def is_inline_safe(mimetype: str | None) -> bool:
    if not mimetype:
        return False
    return mimetype.split(";")[0].strip().lower() in INLINE_SAFE_MIMETYPES
