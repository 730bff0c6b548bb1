"""Departments and the hardware and software they use."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from reeltrack.db.base import Base, BaseMixin
from reeltrack.db.types import UUID, JSONType


class Department(Base, BaseMixin):
    """A studio department such as modeling or animation."""

    __tablename__ = "department"

    name: Mapped[str] = mapped_column(String(80), nullable=False, unique=True)
    color: Mapped[str] = mapped_column(String(7), nullable=False)
    archived: Mapped[bool | None] = mapped_column(Boolean, default=False)


class HardwareItem(Base, BaseMixin):
    """A piece of hardware available in the studio."""

    __tablename__ = "hardware_item"

    name: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    short_name: Mapped[str] = mapped_column(String(20), nullable=False)
    archived: Mapped[bool | None] = mapped_column(Boolean, default=False)
    monthly_cost: Mapped[int | None] = mapped_column(Integer, default=0)
    inventory_amount: Mapped[int | None] = mapped_column(Integer, default=0)


class Software(Base, BaseMixin):
    """A piece of software used in the studio."""

    __tablename__ = "software"

    name: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    short_name: Mapped[str] = mapped_column(String(20), nullable=False)
    archived: Mapped[bool | None] = mapped_column(Boolean, default=False)
    version: Mapped[str | None] = mapped_column(String(20))
    file_extension: Mapped[str] = mapped_column(String(20), nullable=False)
    secondary_extensions: Mapped[Any | None] = mapped_column(JSONType)
    monthly_cost: Mapped[int | None] = mapped_column(Integer, default=0)
    inventory_amount: Mapped[int | None] = mapped_column(Integer, default=0)


class HardwareItemDepartmentLink(Base, BaseMixin):
    """Which hardware items a department uses."""

    __tablename__ = "hardware_item_department_link"
    # The table key also holds the link columns; the ORM identifies rows by id alone.
    __mapper_args__ = {"primary_key": ["id"]}
    __table_args__ = (
        UniqueConstraint(
            "hardware_item_id", "department_id", name="hardware_item_department_link_uc"
        ),
    )

    department_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("department.id"), primary_key=True, index=True
    )
    hardware_item_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("hardware_item.id"), primary_key=True, index=True
    )


class SoftwareDepartmentLink(Base, BaseMixin):
    """Which software a department uses."""

    __tablename__ = "software_department_link"
    # The table key also holds the link columns; the ORM identifies rows by id alone.
    __mapper_args__ = {"primary_key": ["id"]}
    __table_args__ = (
        UniqueConstraint("department_id", "software_id", name="software_department_link_uc"),
    )

    department_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("department.id"), primary_key=True, index=True
    )
    software_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("software.id"), primary_key=True, index=True
    )
