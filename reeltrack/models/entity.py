"""Entities (assets, shots, sequences...), casting links and asset instances."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from sqlalchemy import (
    Boolean,
    Column,
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
from reeltrack.models.links import LinkSpec, table_of

ENTITY_STATUSES = ("standby", "running", "complete", "canceled")


class EntityLink(Base, BaseMixin):
    """A casting link: entity_out is cast in entity_in."""

    __tablename__ = "entity_link"
    # The table key also holds the link columns; the ORM identifies rows by id alone.
    __mapper_args__ = {"primary_key": ["id"]}
    __table_args__ = (UniqueConstraint("entity_in_id", "entity_out_id", name="entity_link_uc"),)

    entity_in_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("entity.id"), primary_key=True, index=True
    )
    entity_out_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("entity.id"), primary_key=True, index=True
    )
    data: Mapped[Any | None] = mapped_column(JSONType)
    nb_occurences: Mapped[int | None] = mapped_column(Integer, default=1)
    label: Mapped[str | None] = mapped_column(String(80), default="")


class EntityConceptLink(Base, BaseMixin):
    """A link between an entity and a concept."""

    __tablename__ = "entity_concept_link"
    # The table key also holds the link columns; the ORM identifies rows by id alone.
    __mapper_args__ = {"primary_key": ["id"]}

    entity_in_id: Mapped[uuid.UUID] = mapped_column(UUID, ForeignKey("entity.id"), primary_key=True)
    entity_out_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("entity.id"), primary_key=True
    )


asset_instance_link = Table(
    "asset_instance_link",
    Base.metadata,
    Column("entity_id", UUID, ForeignKey("entity.id"), primary_key=True),
    Column("asset_instance_id", UUID, ForeignKey("asset_instance.id"), primary_key=True),
)


class Entity(Base, BaseMixin):
    """An asset, shot, sequence, episode, scene, edit or concept."""

    __tablename__ = "entity"
    __table_args__ = (
        UniqueConstraint("name", "project_id", "entity_type_id", "parent_id", name="entity_uc"),
        Index("ix_entity_entity_type_parent", "entity_type_id", "parent_id"),
        Index("ix_entity_entity_type_project", "entity_type_id", "project_id"),
        Index("ix_entity_project_type_status", "project_id", "entity_type_id", "status"),
    )
    __links__: ClassVar[dict[str, LinkSpec]] = {
        "entities_out": LinkSpec(table_of(EntityLink), "entity_in_id", "entity_out_id"),
        "entity_concept_links": LinkSpec(
            table_of(EntityConceptLink), "entity_in_id", "entity_out_id", always_for=("Concept",)
        ),
        "instance_casting": LinkSpec(asset_instance_link, "entity_id", "asset_instance_id"),
        "entities_in": LinkSpec(table_of(EntityLink), "entity_out_id", "entity_in_id"),
    }

    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(160), nullable=False)
    code: Mapped[str | None] = mapped_column(String(160))
    description: Mapped[str | None] = mapped_column(Text)
    shotgun_id: Mapped[int | None] = mapped_column(Integer)
    canceled: Mapped[bool | None] = mapped_column(Boolean, default=False)
    nb_frames: Mapped[int | None] = mapped_column(Integer)
    nb_entities_out: Mapped[int | None] = mapped_column(Integer, default=0)
    is_casting_standby: Mapped[bool | None] = mapped_column(Boolean, default=False)
    is_shared: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    status: Mapped[str] = mapped_column(
        String(255),
        nullable=False,
        index=True,
        default="running",
        info={"choices": ENTITY_STATUSES},
    )
    project_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("project.id"), nullable=False, index=True
    )
    entity_type_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("entity_type.id"), nullable=False, index=True
    )
    parent_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("entity.id"), index=True)
    source_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("entity.id"), index=True)
    preview_file_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("preview_file.id", name="fk_main_preview")
    )
    data: Mapped[Any | None] = mapped_column(JSONType)
    ready_for: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("task_type.id", name="fk_ready_for")
    )
    created_by: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("person.id"), index=True)


class EntityVersion(Base, BaseMixin):
    """A saved version of an entity's data."""

    __tablename__ = "entity_version"

    name: Mapped[str] = mapped_column(String(160), nullable=False)
    data: Mapped[Any | None] = mapped_column(JSONType)
    entity_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("entity.id"), index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("person.id"), index=True)


class AssetInstance(Base, BaseMixin):
    """One occurrence of an asset placed in a shot or scene."""

    __tablename__ = "asset_instance"
    __table_args__ = (
        UniqueConstraint(
            "asset_id", "target_asset_id", "scene_id", "number", name="asset_instance_uc"
        ),
    )
    __links__: ClassVar[dict[str, LinkSpec]] = {
        "shots": LinkSpec(asset_instance_link, "asset_instance_id", "entity_id"),
    }

    asset_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("entity.id"), nullable=False, index=True
    )
    name: Mapped[str | None] = mapped_column(String(80))
    number: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool | None] = mapped_column(Boolean, default=True)
    data: Mapped[Any | None] = mapped_column(JSONType)
    scene_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("entity.id"), index=True)
    target_asset_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("entity.id"), index=True
    )
    entity_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("entity.id"), index=True)
    entity_type_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("entity_type.id"), index=True
    )
