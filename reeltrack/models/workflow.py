"""Task types, task statuses and status automations."""

from __future__ import annotations

import uuid

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from reeltrack.db.base import Base, BaseMixin
from reeltrack.db.types import UUID

CHANGE_TYPES = ("status", "ready_for")


class TaskType(Base, BaseMixin):
    """A domain of work such as modeling or animation."""

    __tablename__ = "task_type"
    __table_args__ = (UniqueConstraint("name", "for_entity", "department_id", name="task_type_uc"),)

    name: Mapped[str] = mapped_column(String(40), nullable=False)
    short_name: Mapped[str | None] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(Text)
    color: Mapped[str | None] = mapped_column(String(7), default="#FFFFFF")
    priority: Mapped[int | None] = mapped_column(Integer, default=1)
    for_entity: Mapped[str | None] = mapped_column(String(30), default="Asset")
    allow_timelog: Mapped[bool | None] = mapped_column(Boolean, default=True)
    archived: Mapped[bool | None] = mapped_column(Boolean, default=False)
    shotgun_id: Mapped[int | None] = mapped_column(Integer, index=True)
    department_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("department.id"), index=True
    )


class TaskStatus(Base, BaseMixin):
    """A state a task can be in."""

    __tablename__ = "task_status"

    name: Mapped[str] = mapped_column(String(40), nullable=False)
    archived: Mapped[bool | None] = mapped_column(Boolean, default=False)
    short_name: Mapped[str] = mapped_column(String(10), nullable=False, unique=True, index=True)
    description: Mapped[str | None] = mapped_column(Text)
    color: Mapped[str] = mapped_column(String(7), nullable=False)
    priority: Mapped[int | None] = mapped_column(Integer, default=1)
    is_done: Mapped[bool | None] = mapped_column(Boolean, index=True, default=False)
    is_artist_allowed: Mapped[bool | None] = mapped_column(Boolean, default=True)
    is_client_allowed: Mapped[bool | None] = mapped_column(Boolean, default=True)
    is_retake: Mapped[bool | None] = mapped_column(Boolean, default=False)
    is_feedback_request: Mapped[bool | None] = mapped_column(Boolean, index=True, default=False)
    is_default: Mapped[bool | None] = mapped_column(Boolean, index=True, default=False)
    is_wip: Mapped[bool | None] = mapped_column(
        Boolean, index=True, default=False, server_default=false()
    )
    shotgun_id: Mapped[int | None] = mapped_column(Integer)
    for_concept: Mapped[bool | None] = mapped_column(Boolean, default=False, server_default=false())


class StatusAutomation(Base, BaseMixin):
    """A rule applied automatically when a task status changes."""

    __tablename__ = "status_automation"

    entity_type: Mapped[str | None] = mapped_column(String(40), default="asset")
    in_task_type_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("task_type.id"), index=True
    )
    in_task_status_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("task_status.id"), index=True
    )
    out_field_type: Mapped[str] = mapped_column(
        String(255), nullable=False, default="status", info={"choices": CHANGE_TYPES}
    )
    out_task_type_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("task_type.id"), index=True
    )
    out_task_status_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("task_status.id"), index=True
    )
    import_last_revision: Mapped[bool | None] = mapped_column(Boolean, default=False)
    archived: Mapped[bool | None] = mapped_column(Boolean, default=False)
