"""Custom metadata fields of projects."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from reeltrack.db.base import Base, BaseMixin
from reeltrack.db.types import UUID, JSONType
from reeltrack.models.links import LinkSpec

METADATA_DESCRIPTOR_TYPES = (
    "string",
    "number",
    "list",
    "taglist",
    "boolean",
    "checklist",
    "date",
    "url",
    "textarea",
    "person",
)

_NO_TASK_TYPE = text("task_type_id IS NULL")
_WITH_TASK_TYPE = text("task_type_id IS NOT NULL")


department_metadata_descriptor_link = Table(
    "department_metadata_descriptor_link",
    Base.metadata,
    Column(
        "metadata_descriptor_id",
        UUID,
        ForeignKey("metadata_descriptor.id"),
        primary_key=True,
        index=True,
    ),
    Column("department_id", UUID, ForeignKey("department.id"), primary_key=True, index=True),
    # PostgreSQL merges the duplicate unique constraint into the key, keeping its name.
    PrimaryKeyConstraint(
        "metadata_descriptor_id", "department_id", name="department_metadata_descriptor_link_uc"
    ),
    UniqueConstraint(
        "metadata_descriptor_id", "department_id", name="department_metadata_descriptor_link_uc"
    ),
)


class MetadataDescriptor(Base, BaseMixin):
    """A custom metadata field of a project for an entity type."""

    __tablename__ = "metadata_descriptor"
    __table_args__ = (
        Index(
            "metadata_descriptor_task_type_uc",
            "project_id",
            "entity_type",
            "task_type_id",
            "name",
            unique=True,
            postgresql_where=_WITH_TASK_TYPE,
            sqlite_where=_WITH_TASK_TYPE,
        ),
        Index(
            "metadata_descriptor_task_type_uc2",
            "project_id",
            "entity_type",
            "task_type_id",
            "field_name",
            unique=True,
            postgresql_where=_WITH_TASK_TYPE,
            sqlite_where=_WITH_TASK_TYPE,
        ),
        Index(
            "metadata_descriptor_uc",
            "project_id",
            "entity_type",
            "name",
            unique=True,
            postgresql_where=_NO_TASK_TYPE,
            sqlite_where=_NO_TASK_TYPE,
        ),
        Index(
            "metadata_descriptor_uc2",
            "project_id",
            "entity_type",
            "field_name",
            unique=True,
            postgresql_where=_NO_TASK_TYPE,
            sqlite_where=_NO_TASK_TYPE,
        ),
    )
    __links__: ClassVar[dict[str, LinkSpec]] = {
        "departments": LinkSpec(
            department_metadata_descriptor_link, "metadata_descriptor_id", "department_id"
        ),
    }

    project_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("project.id"), nullable=False, index=True
    )
    entity_type: Mapped[str] = mapped_column(String(60), nullable=False, index=True)
    task_type_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("task_type.id"), index=True
    )
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    data_type: Mapped[str | None] = mapped_column(
        String(255), info={"choices": METADATA_DESCRIPTOR_TYPES}
    )
    field_name: Mapped[str] = mapped_column(String(120), nullable=False)
    choices: Mapped[Any | None] = mapped_column(JSONType)
    for_client: Mapped[bool | None] = mapped_column(Boolean, index=True, default=False)
    position: Mapped[int | None] = mapped_column(Integer)
