"""The chat feed of an entity: reading it, posting and deleting messages."""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, exists, select

from reeltrack.crud.hooks.reviews_access import check_entity_access, check_project_access
from reeltrack.models import AttachmentFile, Chat, ChatMessage, Entity
from reeltrack.models.chat import chat_participant
from reeltrack.services.comment_files import Upload, forget_files, store_attachments
from reeltrack.services.entity_access import parse_id
from reeltrack.services.user_chats import chat_of
from reeltrack.wire.errors import Forbidden, NotFound, WrongParameter
from reeltrack.wire.present import present

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

NOT_PARTICIPANT = "You are not a participant of this chat"


def wire_date(value: Any) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M:%S") if value is not None else None


def readable_entity(ctx: Ctx, entity_id: str) -> Entity:
    """The entity, if the caller reaches its project and (for a vendor) the entity itself."""
    entity = ctx.session.get(Entity, parse_id(entity_id))
    if entity is None:
        raise NotFound("Entity not found")
    role = check_project_access(ctx, entity.project_id)
    check_entity_access(ctx, role, entity.id)
    return entity


def _light_files(session: Any, message_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Any]]:
    """The attachments of several messages in one query, as the chat shows them."""
    found: dict[uuid.UUID, list[Any]] = defaultdict(list)
    if not message_ids:
        return found
    rows = session.execute(
        select(
            AttachmentFile.chat_message_id,
            AttachmentFile.id,
            AttachmentFile.name,
            AttachmentFile.extension,
        )
        .where(AttachmentFile.chat_message_id.in_(message_ids))
        .order_by(AttachmentFile.created_at, AttachmentFile.id)
    )
    for message_id, file_id, name, extension in rows:
        found[message_id].append({"id": file_id, "name": name, "extension": extension})
    return found


def _messages(session: Any, chat_id: uuid.UUID) -> list[dict[str, Any]]:
    rows = list(
        session.scalars(
            select(ChatMessage)
            .where(ChatMessage.chat_id == chat_id)
            .order_by(ChatMessage.created_at, ChatMessage.id)
        )
    )
    files = _light_files(session, [row.id for row in rows])
    return [present(row, links={"attachment_files": files.get(row.id, [])}) for row in rows]


def participants(session: Any, chat_id: uuid.UUID) -> list[uuid.UUID]:
    link = chat_participant.c
    return list(session.scalars(select(link.person_id).where(link.chat_id == chat_id)))


def chat_with_messages(ctx: Ctx, entity: Entity) -> dict[str, Any]:
    """The entity's chat (created on first read, as Zou does), its participants and messages."""
    chat = chat_of(ctx.session, entity.id)
    data = present(chat, links={"participants": participants(ctx.session, chat.id)})
    data["messages"] = _messages(ctx.session, chat.id)
    return data


def messages(ctx: Ctx, entity: Entity) -> list[dict[str, Any]]:
    chat = chat_of(ctx.session, entity.id)
    return _messages(ctx.session, chat.id)


def post_message(ctx: Ctx, entity: Entity, text: str, uploads: list[Upload]) -> dict[str, Any]:
    """A new message by a participant; the chat's last message date follows it."""
    chat = chat_of(ctx.session, entity.id)
    link = chat_participant.c
    joined = exists().where(link.chat_id == chat.id, link.person_id == ctx.actor.person_id)
    if not ctx.session.scalar(select(joined)):
        raise WrongParameter(NOT_PARTICIPANT)
    message = ChatMessage(chat_id=chat.id, person_id=ctx.actor.person_id, text=text)
    ctx.session.add(message)
    ctx.session.flush()
    chat.last_message = message.created_at
    ctx.session.flush()
    data = present(message)
    if uploads:
        data["attachment_files"] = store_attachments(ctx, uploads, chat_message_id=message.id)
    ctx.uow.emit(
        "chat:new-message",
        {
            "chat_id": chat.id,
            "chat_message_id": message.id,
            "last_message": wire_date(message.created_at),
        },
    )
    return data


def message_of(ctx: Ctx, entity: Entity, chat_message_id: str) -> ChatMessage:
    """A message of this entity's chat; a message of another chat is refused."""
    row = ctx.session.execute(
        select(ChatMessage, Chat.object_id)
        .join(Chat, Chat.id == ChatMessage.chat_id)
        .where(ChatMessage.id == parse_id(chat_message_id))
    ).first()
    if row is None:
        raise NotFound("Chat message not found")
    message, object_id = row
    if object_id != entity.id:
        raise Forbidden()
    return message


def present_message(ctx: Ctx, message: ChatMessage) -> dict[str, Any]:
    files = _light_files(ctx.session, [message.id])
    return present(message, links={"attachment_files": files.get(message.id, [])})


def delete_message(ctx: Ctx, message: ChatMessage) -> None:
    """Its author or an admin removes a message with its attachments (files after commit)."""
    if message.person_id != ctx.actor.person_id and not ctx.actor.is_admin:
        raise Forbidden()
    store = ctx.runtime.files
    files = list(
        ctx.session.scalars(
            select(AttachmentFile).where(AttachmentFile.chat_message_id == message.id)
        )
    )
    keys = [str(row.id) for row in files]
    for row in files:
        ctx.session.delete(row)
    ctx.session.flush()
    chat_id, message_id = message.chat_id, message.id
    ctx.session.delete(message)
    ctx.session.flush()
    if keys:
        event.listen(ctx.session, "after_commit", lambda _s: forget_files(store, keys), once=True)
    ctx.uow.emit("chat:deleted-message", {"chat_id": chat_id, "chat_message_id": message_id})
