"""Attachment files, notifications, chat messages and the event log: their CRUD quirks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update

from reeltrack.auth.actor import Actor
from reeltrack.auth.policies import Policy, refuse_list_unless_admin
from reeltrack.crud.hooks.reviews_access import (
    check_entity_access,
    check_task_access,
    task_of,
)
from reeltrack.crud.spec import Hooks
from reeltrack.models.notification import NOTIFICATION_TYPES
from reeltrack.wire.errors import Forbidden, NotFound, WrongParameter
from reeltrack.wire.present import present

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

EVENT_LIST_CAP = 1000


# ---------------------------------------------------------------- attachment files


def _attachment_gate(actor: Actor, target: Any) -> bool:
    """Lists are for admins; one file is checked through its comment or chat."""
    return actor.is_admin if target is None else True


ATTACHMENT_READ = Policy("attachment-parent-access", _attachment_gate, refuse_list_unless_admin)


def attachment_check_read(ctx: Ctx, row: Any) -> None:
    """A comment's file needs task access, a chat's file entity access; others nobody."""
    from reeltrack.models import Chat, ChatMessage, Comment

    if row.comment_id is not None:
        comment = ctx.session.get(Comment, row.comment_id)
        task = task_of(ctx, comment.object_id) if comment is not None else None
        if task is None:
            raise NotFound()
        check_task_access(ctx, task)
    elif row.chat_message_id is not None:
        chat_id = ctx.session.scalar(
            select(ChatMessage.chat_id).where(ChatMessage.id == row.chat_message_id)
        )
        entity_id = ctx.session.scalar(select(Chat.object_id).where(Chat.id == chat_id))
        # No project is resolved here, so Zou reads the global role.
        check_entity_access(ctx, "admin" if ctx.actor.is_admin else ctx.actor.role, entity_id)
    else:
        raise Forbidden()


def attachment_parents(ctx: Ctx, rows: list[Any], out: list[dict[str, Any]]) -> None:
    """Embed each file's comment and chat message (one query per kind)."""
    from reeltrack.models import ChatMessage, Comment

    parts: tuple[tuple[str, Any, str], ...] = (
        ("comment", Comment, "comment_id"),
        ("chat_message", ChatMessage, "chat_message_id"),
    )
    for key, model, column in parts:
        ids = {getattr(row, column) for row in rows} - {None}
        parents = {}
        if ids:
            parents = {
                p.id: present(p)
                for p in ctx.session.scalars(select(model).where(model.id.in_(ids)))
            }
        for row, data in zip(rows, out, strict=True):
            data[key] = parents.get(getattr(row, column))


ATTACHMENT_HOOKS = Hooks(check_read=attachment_check_read, output_rows=attachment_parents)


# ---------------------------------------------------------------- notifications


def notification_prepare(ctx: Ctx, body: dict[str, Any], row: Any) -> dict[str, Any]:
    """The `type` column is written from `type` (the wire shows it as notification_type)."""
    if not ctx.actor.is_admin:
        raise Forbidden()  # writes are admin-only; refuse before judging the body
    value = body.pop("type", None)
    if row is not None:
        return {"type": value} if value in NOTIFICATION_TYPES else {}
    if value is None:
        raise WrongParameter("Missing required field(s): type.")
    if value not in NOTIFICATION_TYPES:
        raise WrongParameter("Invalid type")
    return {"type": value}


def notification_output(ctx: Ctx, row: Any, data: dict[str, Any]) -> dict[str, Any]:
    data["notification_type"] = row.type
    data["type"] = "Notification"
    return data


NOTIFICATION_HOOKS = Hooks(prepare=notification_prepare, output=notification_output)


# ---------------------------------------------------------------- chats


def chat_validate_create(ctx: Ctx, values: dict[str, Any]) -> None:
    """An entity chat belongs to a known entity."""
    from reeltrack.models import Entity

    if values.get("object_type", "entity") != "entity":
        return
    object_id = values.get("object_id")
    if ctx.session.get(Entity, object_id) is None:
        raise WrongParameter(f"Unknown id(s) in 'object_id': {object_id}.")


def chat_validate_update(ctx: Ctx, row: Any, values: dict[str, Any]) -> None:
    if "object_id" in values or "object_type" in values:
        merged = {"object_id": row.object_id, "object_type": row.object_type, **values}
        chat_validate_create(ctx, merged)


CHAT_HOOKS = Hooks(validate_create=chat_validate_create, validate_update=chat_validate_update)


# ---------------------------------------------------------------- chat messages


def chat_message_before_delete(ctx: Ctx, row: Any, force: bool) -> None:
    """Its attachment files stay, detached from the message (as Zou's ORM leaves them)."""
    from reeltrack.models import AttachmentFile

    ctx.session.execute(
        update(AttachmentFile)
        .where(AttachmentFile.chat_message_id == row.id)
        .values(chat_message_id=None),
        execution_options={"synchronize_session": False},
    )


CHAT_MESSAGE_HOOKS = Hooks(before_delete=chat_message_before_delete)


# ---------------------------------------------------------------- events


def cap_unpaginated_events(ctx: Ctx, stmt: Any, params: Mapping[str, str]) -> Any:
    """Without a page, the event log answers at most its first 1000 rows."""
    page = params.get("page")
    try:
        paginated = page not in (None, "") and int(page) > -1
    except ValueError:
        return stmt  # the engine refuses the page parameter itself
    return stmt if paginated else stmt.limit(EVENT_LIST_CAP)


EVENT_HOOKS = Hooks(list_query=cap_unpaginated_events)
