"""Comments, their link tables and attachment files."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from reeltrack.db.base import Base, BaseMixin
from reeltrack.db.types import UUID, JSONType, PortableArray
from reeltrack.models.links import LinkSpec, table_of

comment_preview_link = Table(
    "comment_preview_link",
    Base.metadata,
    Column("comment", UUID, ForeignKey("comment.id"), primary_key=True, index=True),
    Column("preview_file", UUID, ForeignKey("preview_file.id"), primary_key=True, index=True),
)


comment_mentions = Table(
    "comment_mentions",
    Base.metadata,
    Column("comment", UUID, ForeignKey("comment.id"), primary_key=True),
    Column("person", UUID, ForeignKey("person.id"), primary_key=True),
)


comment_department_mentions = Table(
    "comment_department_mentions",
    Base.metadata,
    Column("comment", UUID, ForeignKey("comment.id"), primary_key=True),
    Column("department", UUID, ForeignKey("department.id"), primary_key=True),
)


comment_acknoledgments = Table(
    "comment_acknoledgments",
    Base.metadata,
    Column("comment", UUID, ForeignKey("comment.id"), primary_key=True),
    Column("person", UUID, ForeignKey("person.id"), primary_key=True),
)


class AttachmentFile(Base, BaseMixin):
    """A file attached to a comment or a chat message."""

    # Zou's default serialization also embeds the parent under "comment" and
    # "chat_message" (the full serialized object, or None).

    __tablename__ = "attachment_file"

    name: Mapped[str | None] = mapped_column(String(250))
    size: Mapped[int | None] = mapped_column(BigInteger, default=1)
    extension: Mapped[str | None] = mapped_column(String(6))
    mimetype: Mapped[str | None] = mapped_column(String(255))
    comment_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("comment.id"), index=True)
    reply_id: Mapped[uuid.UUID | None] = mapped_column(UUID)
    chat_message_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("chat_message.id"), index=True
    )


class Comment(Base, BaseMixin):
    """A comment posted on an object, mostly on tasks."""

    __tablename__ = "comment"
    __links__: ClassVar[dict[str, LinkSpec]] = {
        "previews": LinkSpec(comment_preview_link, "comment", "preview_file"),
        "mentions": LinkSpec(comment_mentions, "comment", "person"),
        "department_mentions": LinkSpec(comment_department_mentions, "comment", "department"),
        "acknowledgements": LinkSpec(comment_acknoledgments, "comment", "person"),
        "attachment_files": LinkSpec(table_of(AttachmentFile), "comment_id", "id"),
    }

    shotgun_id: Mapped[int | None] = mapped_column(Integer)
    object_id: Mapped[uuid.UUID] = mapped_column(UUID, nullable=False, index=True)
    object_type: Mapped[str] = mapped_column(String(80), nullable=False, index=True)
    text: Mapped[str | None] = mapped_column(Text)
    data: Mapped[Any | None] = mapped_column(JSONType)
    replies: Mapped[Any | None] = mapped_column(JSONType, default=list)
    checklist: Mapped[Any | None] = mapped_column(JSONType, default=list)
    pinned: Mapped[bool | None] = mapped_column(Boolean)
    for_client: Mapped[bool | None] = mapped_column(Boolean, default=False)
    links: Mapped[list[str] | None] = mapped_column(PortableArray(String()))
    task_status_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("task_status.id"), index=True
    )
    person_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("person.id"), nullable=False, index=True
    )
    editor_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("person.id"), index=True)
    preview_file_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("preview_file.id"), index=True
    )
