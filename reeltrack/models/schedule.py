"""Schedule items, milestones and production schedule versions."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import ClassVar

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from reeltrack.db.base import Base, BaseMixin
from reeltrack.db.types import UUID
from reeltrack.models.links import LinkSpec


class ScheduleItem(Base, BaseMixin):
    """Start and end dates of a task type for a project or sub-object."""

    __tablename__ = "schedule_item"
    __table_args__ = (
        UniqueConstraint("project_id", "task_type_id", "object_id", name="schedule_item_uc"),
    )

    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    man_days: Mapped[int | None] = mapped_column(Integer)
    project_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("project.id"), index=True)
    task_type_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("task_type.id"), index=True
    )
    object_id: Mapped[uuid.UUID | None] = mapped_column(UUID, index=True)


class Milestone(Base, BaseMixin):
    """A dated milestone of a project schedule."""

    __tablename__ = "milestone"

    date: Mapped[dt.date | None] = mapped_column(Date)
    name: Mapped[str] = mapped_column(String(40), nullable=False)
    project_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("project.id"), index=True)
    task_type_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("task_type.id"), index=True
    )


class ProductionScheduleVersion(Base, BaseMixin):
    """A named version of a project's production schedule."""

    __tablename__ = "production_schedule_version"
    __table_args__ = (
        UniqueConstraint("name", "project_id", name="production_schedule_version_uc"),
    )

    name: Mapped[str] = mapped_column(String(80), nullable=False)
    project_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("project.id", ondelete="CASCADE"), nullable=False, index=True
    )
    production_schedule_from: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("production_schedule_version.id", ondelete="SET NULL"), index=True
    )
    locked: Mapped[bool | None] = mapped_column(Boolean, default=False)
    canceled: Mapped[bool | None] = mapped_column(Boolean, default=False)


# Foreign key names below are the ones PostgreSQL chose (and shortened) in Zou's database.
production_schedule_version_task_link_person_link = Table(
    "production_schedule_version_task_link_person_link",
    Base.metadata,
    Column(
        "production_schedule_version_task_link_id",
        UUID,
        ForeignKey(
            "production_schedule_version_task_link.id",
            name="production_schedule_version__production_schedule_version__fkey1",
            ondelete="CASCADE",
        ),
        primary_key=True,
    ),
    Column(
        "person_id",
        UUID,
        ForeignKey(
            "person.id",
            name="production_schedule_version_task_link_person_lin_person_id_fkey",
            ondelete="CASCADE",
        ),
        primary_key=True,
    ),
)


class ProductionScheduleVersionTaskLink(Base, BaseMixin):
    """The dates of a task in a production schedule version."""

    __tablename__ = "production_schedule_version_task_link"
    __table_args__ = (
        UniqueConstraint(
            "production_schedule_version_id",
            "task_id",
            name="production_schedule_version_task_link_uc",
        ),
    )
    __links__: ClassVar[dict[str, LinkSpec]] = {
        "assignees": LinkSpec(
            production_schedule_version_task_link_person_link,
            "production_schedule_version_task_link_id",
            "person_id",
        ),
    }

    production_schedule_version_id: Mapped[uuid.UUID] = mapped_column(
        UUID,
        # Named as PostgreSQL shortened it in Zou's database.
        ForeignKey(
            "production_schedule_version.id",
            name="production_schedule_version_t_production_schedule_version__fkey",
            ondelete="CASCADE",
        ),
        nullable=False,
        index=True,
    )
    task_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("task.id", ondelete="CASCADE"), nullable=False, index=True
    )
    start_date: Mapped[dt.datetime | None] = mapped_column(DateTime)
    due_date: Mapped[dt.datetime | None] = mapped_column(DateTime)
    estimation: Mapped[float | None] = mapped_column(Float, default=0)
