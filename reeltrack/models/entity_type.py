"""Entity types and the task types of asset types."""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from reeltrack.db.base import Base, BaseMixin
from reeltrack.db.types import UUID
from reeltrack.models.links import LinkSpec

task_type_asset_type_link = Table(
    "task_type_asset_type_link",
    Base.metadata,
    Column("asset_type_id", UUID, ForeignKey("entity_type.id"), primary_key=True, index=True),
    Column("task_type_id", UUID, ForeignKey("task_type.id"), primary_key=True, index=True),
    # PostgreSQL merges the duplicate unique constraint into the key, keeping its name.
    PrimaryKeyConstraint("asset_type_id", "task_type_id", name="task_type_asset_type_link_uc"),
    UniqueConstraint("asset_type_id", "task_type_id", name="task_type_asset_type_link_uc"),
)


class EntityType(Base, BaseMixin):
    """A type of entity: an asset type, or Shot, Sequence, Episode..."""

    __tablename__ = "entity_type"
    __links__: ClassVar[dict[str, LinkSpec]] = {
        "task_types": LinkSpec(task_type_asset_type_link, "asset_type_id", "task_type_id"),
    }

    name: Mapped[str] = mapped_column(String(30), nullable=False, unique=True, index=True)
    short_name: Mapped[str | None] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(Text)
    archived: Mapped[bool | None] = mapped_column(Boolean, default=False)
