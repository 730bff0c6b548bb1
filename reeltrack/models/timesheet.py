"""Time spent on tasks and days off."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from reeltrack.db.base import Base, BaseMixin
from reeltrack.db.types import UUID


class TimeSpent(Base, BaseMixin):
    """Time a person spent on a task on a given day."""

    __tablename__ = "time_spent"
    __table_args__ = (
        CheckConstraint("duration > 0", name="check_duration_positive"),
        UniqueConstraint("person_id", "task_id", "date", name="time_spent_uc"),
    )

    duration: Mapped[float] = mapped_column(Float, nullable=False)
    date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    task_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("task.id"), index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("person.id"), index=True)


class DayOff(Base, BaseMixin):
    """A day (or range of days) off for a person."""

    __tablename__ = "day_off"
    __table_args__ = (
        CheckConstraint("date <= end_date", name="day_off_date_check"),
        UniqueConstraint("person_id", "date", name="day_off_uc"),
    )

    date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    end_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    person_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("person.id"), index=True)
