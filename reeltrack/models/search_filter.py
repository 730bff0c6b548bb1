"""Saved searches and their groups."""

from __future__ import annotations

import uuid

from sqlalchemy import (
    Boolean,
    ForeignKey,
    String,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from reeltrack.db.base import Base, BaseMixin
from reeltrack.db.types import UUID


class SearchFilterGroup(Base, BaseMixin):
    """A named group of saved searches."""

    __tablename__ = "search_filter_group"

    list_type: Mapped[str] = mapped_column(String(80), nullable=False, index=True)
    entity_type: Mapped[str | None] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    color: Mapped[str] = mapped_column(String(8), nullable=False, default="")
    is_shared: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=false()
    )
    person_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("person.id"), index=True)
    project_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("project.id"), index=True)
    department_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("department.id"), index=True
    )


class SearchFilter(Base, BaseMixin):
    """A saved search of a list view."""

    __tablename__ = "search_filter"

    list_type: Mapped[str] = mapped_column(String(80), nullable=False, index=True)
    entity_type: Mapped[str | None] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    search_query: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    is_shared: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=false()
    )
    department_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("department.id"), index=True
    )
    search_filter_group_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("search_filter_group.id"), index=True
    )
    person_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("person.id"), index=True)
    project_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("project.id"), index=True)
