"""Tasks and their assignees."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from reeltrack.db.base import Base, BaseMixin
from reeltrack.db.types import UUID, JSONType
from reeltrack.models.links import LinkSpec

task_person_link = Table(
    "task_person_link",
    Base.metadata,
    Column("task_id", UUID, ForeignKey("task.id"), primary_key=True),
    Column("person_id", UUID, ForeignKey("person.id"), primary_key=True, index=True),
)


class Task(Base, BaseMixin):
    """A piece of work on an entity, with a status and assignees."""

    __tablename__ = "task"
    __table_args__ = (
        CheckConstraint("difficulty > 0 AND difficulty < 6", name="check_difficulty"),
        UniqueConstraint("name", "project_id", "task_type_id", "entity_id", name="task_uc"),
        Index("ix_task_entity_project", "entity_id", "project_id"),
    )
    __links__: ClassVar[dict[str, LinkSpec]] = {
        "assignees": LinkSpec(task_person_link, "task_id", "person_id"),
    }

    name: Mapped[str] = mapped_column(String(80), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    priority: Mapped[int | None] = mapped_column(Integer, default=0)
    difficulty: Mapped[int] = mapped_column(Integer, nullable=False, default=3)
    duration: Mapped[float | None] = mapped_column(Float, default=0)
    estimation: Mapped[float | None] = mapped_column(Float, default=0)
    completion_rate: Mapped[int | None] = mapped_column(Integer, default=0)
    retake_count: Mapped[int | None] = mapped_column(Integer, default=0)
    sort_order: Mapped[int | None] = mapped_column(Integer, default=0)
    start_date: Mapped[dt.datetime | None] = mapped_column(DateTime)
    due_date: Mapped[dt.datetime | None] = mapped_column(DateTime)
    real_start_date: Mapped[dt.datetime | None] = mapped_column(DateTime)
    end_date: Mapped[dt.datetime | None] = mapped_column(DateTime)
    done_date: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_comment_date: Mapped[dt.datetime | None] = mapped_column(DateTime)
    nb_assets_ready: Mapped[int | None] = mapped_column(Integer, default=0)
    data: Mapped[Any | None] = mapped_column(JSONType)
    nb_drawings: Mapped[int | None] = mapped_column(Integer, default=0)
    shotgun_id: Mapped[int | None] = mapped_column(Integer)
    last_preview_file_id: Mapped[uuid.UUID | None] = mapped_column(UUID)
    project_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("project.id"), index=True)
    task_type_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("task_type.id"), index=True
    )
    task_status_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("task_status.id"), index=True
    )
    entity_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("entity.id"), index=True)
    assigner_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("person.id"), index=True)
