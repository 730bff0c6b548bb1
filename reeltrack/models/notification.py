"""Notifications, news and subscriptions."""

from __future__ import annotations

import uuid

from sqlalchemy import (
    Boolean,
    ForeignKey,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from reeltrack.db.base import Base, BaseMixin
from reeltrack.db.types import UUID

NOTIFICATION_TYPES = (
    "comment",
    "mention",
    "assignation",
    "reply",
    "reply-mention",
    "playlist-ready",
)


class Notification(Base, BaseMixin):
    """A notification sent to a person."""

    __tablename__ = "notification"
    # Serialized with this column under "notification_type"; "type" is the class name.
    __table_args__ = (
        UniqueConstraint(
            "person_id",
            "author_id",
            "comment_id",
            "reply_id",
            "playlist_id",
            "type",
            name="notification_uc",
        ),
    )

    read: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    change: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    type: Mapped[str] = mapped_column(
        String(255), nullable=False, info={"choices": NOTIFICATION_TYPES}
    )
    person_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("person.id"), nullable=False, index=True
    )
    author_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("person.id"), nullable=False, index=True
    )
    comment_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("comment.id"), index=True)
    task_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("task.id"), index=True)
    playlist_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("playlist.id"), index=True
    )
    reply_id: Mapped[uuid.UUID | None] = mapped_column(UUID, index=True)


class News(Base, BaseMixin):
    """A news-feed item created when a comment is posted."""

    __tablename__ = "news"

    change: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    author_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("person.id"), nullable=False, index=True
    )
    comment_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("comment.id"), index=True)
    task_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("task.id"), nullable=False, index=True
    )
    preview_file_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("preview_file.id"), index=True
    )


class Subscription(Base, BaseMixin):
    """A person following a task."""

    __tablename__ = "subscription"
    __table_args__ = (
        UniqueConstraint("person_id", "task_type_id", "entity_id", name="subscription_entity_uc"),
        UniqueConstraint("person_id", "task_id", name="subscription_task_uc"),
    )

    person_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("person.id"), nullable=False, index=True
    )
    task_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("task.id"), index=True)
    entity_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("entity.id"), index=True)
    task_type_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("task_type.id"), index=True
    )
