"""The entity chats the caller takes part in."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from reeltrack.auth.actor import Actor
from reeltrack.models import Chat, Entity, Project, ProjectStatus
from reeltrack.models.chat import chat_participant
from reeltrack.services.user_notifications import full_entity_names
from reeltrack.wire.present import present


def chats(session: Session, actor: Actor) -> list[dict[str, Any]]:
    """Chats of entities in open projects that the caller joined, with entity names."""
    link = chat_participant.c
    query = (
        select(Chat, Entity.project_id, Entity.preview_file_id)
        .join(Entity, Entity.id == Chat.object_id)
        .join(Project, Project.id == Entity.project_id)
        .join(ProjectStatus, ProjectStatus.id == Project.project_status_id)
        .where(
            ProjectStatus.name == "Open",
            Chat.id.in_(select(link.chat_id).where(link.person_id == actor.person_id)),
        )
    )
    rows = list(session.execute(query))
    names = full_entity_names(session, {chat.object_id for chat, _, _ in rows})
    return [
        {
            "id": chat.id,
            "object_id": chat.object_id,
            "last_message": chat.last_message,
            "entity_name": names.get(chat.object_id, ("",))[0],
            "project_id": project_id,
            "preview_file_id": preview_file_id,
        }
        for chat, project_id, preview_file_id in rows
    ]


def chat_of(session: Session, entity_id: uuid.UUID) -> Chat:
    """The entity's chat, created on first use as Zou does."""
    chat = session.scalars(select(Chat).where(Chat.object_id == entity_id)).first()
    if chat is None:
        chat = Chat(object_id=entity_id)
        session.add(chat)
        session.flush()
    return chat


def join(session: Session, actor: Actor, entity_id: uuid.UUID) -> Chat:
    chat = chat_of(session, entity_id)
    link = chat_participant.c
    joined = exists().where(link.chat_id == chat.id, link.person_id == actor.person_id)
    if not session.scalar(select(joined)):
        session.execute(
            chat_participant.insert().values(chat_id=chat.id, person_id=actor.person_id)
        )
    return chat


def leave(session: Session, actor: Actor, entity_id: uuid.UUID) -> Chat:
    chat = chat_of(session, entity_id)
    link = chat_participant.c
    session.execute(
        delete(chat_participant).where(link.chat_id == chat.id, link.person_id == actor.person_id)
    )
    return chat


def present_chat(chat: Chat) -> dict[str, Any]:
    return present(chat)
