"""Project budgets and department salary scales."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from reeltrack.db.base import Base, BaseMixin
from reeltrack.db.types import UUID, JSONType
from reeltrack.models.person import POSITION_TYPES, SENIORITY_TYPES


class Budget(Base, BaseMixin):
    """A budget quote of a project, holding budget entries."""

    __tablename__ = "budget"

    project_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("project.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    currency: Mapped[str | None] = mapped_column(String(3))


class BudgetEntry(Base, BaseMixin):
    """One salary line of a budget, for a department and maybe a person."""

    __tablename__ = "budget_entry"

    budget_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("budget.id"), nullable=False, index=True
    )
    department_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("department.id"), nullable=False, index=True
    )
    person_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("person.id"), index=True)
    start_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    months_duration: Mapped[int] = mapped_column(Integer, nullable=False)
    daily_salary: Mapped[float] = mapped_column(Float, nullable=False)
    position: Mapped[str | None] = mapped_column(
        String(255), default="artist", info={"choices": POSITION_TYPES}
    )
    seniority: Mapped[str | None] = mapped_column(
        String(255), default="mid", info={"choices": SENIORITY_TYPES}
    )
    exceptions: Mapped[Any | None] = mapped_column(JSONType)


class SalaryScale(Base, BaseMixin):
    """The salary for a position and seniority in a department."""

    __tablename__ = "salary_scale"

    department_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("department.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position: Mapped[str | None] = mapped_column(
        String(255), default="artist", info={"choices": POSITION_TYPES}
    )
    seniority: Mapped[str | None] = mapped_column(
        String(255), default="mid", info={"choices": SENIORITY_TYPES}
    )
    salary: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
