"""Chats attached to objects and their messages."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import ClassVar

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from reeltrack.db.base import Base, BaseMixin
from reeltrack.db.types import UUID
from reeltrack.models.comment import AttachmentFile
from reeltrack.models.links import LinkSpec, table_of

chat_participant = Table(
    "chat_participant",
    Base.metadata,
    Column("chat_id", UUID, ForeignKey("chat.id"), primary_key=True),
    Column("person_id", UUID, ForeignKey("person.id"), primary_key=True),
)


class Chat(Base, BaseMixin):
    """The chat feed attached to an object."""

    __tablename__ = "chat"
    __links__: ClassVar[dict[str, LinkSpec]] = {
        "participants": LinkSpec(chat_participant, "chat_id", "person_id"),
    }

    object_id: Mapped[uuid.UUID] = mapped_column(UUID, nullable=False, index=True)
    object_type: Mapped[str] = mapped_column(
        String(80), nullable=False, index=True, default="entity"
    )
    last_message: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ChatMessage(Base, BaseMixin):
    """A message posted in a chat feed."""

    __tablename__ = "chat_message"
    __links__: ClassVar[dict[str, LinkSpec]] = {
        "attachment_files": LinkSpec(table_of(AttachmentFile), "chat_message_id", "id"),
    }

    chat_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("chat.id"), nullable=False, index=True
    )
    person_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("person.id"), nullable=False, index=True
    )
    text: Mapped[str | None] = mapped_column(Text)
