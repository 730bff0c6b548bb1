"""Working files, output files, their types and statuses, and stored files."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from reeltrack.db.base import Base, BaseMixin
from reeltrack.db.types import UUID, JSONType
from reeltrack.models.links import LinkSpec, table_of
from reeltrack.models.preview import VALIDATION_STATUSES

OUTPUT_FILE_QUALITIES = ("low", "mid", "high")


class FileStatus(Base, BaseMixin):
    """A state a file can be in."""

    __tablename__ = "file_status"

    name: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    color: Mapped[str] = mapped_column(String(7), nullable=False)


class OutputType(Base, BaseMixin):
    """A type of output file (geometry, cache...)."""

    __tablename__ = "output_type"

    name: Mapped[str] = mapped_column(String(40), nullable=False, unique=True, index=True)
    short_name: Mapped[str] = mapped_column(String(20), nullable=False)


class OutputFile(Base, BaseMixin):
    """A published file generated from a working file."""

    __tablename__ = "output_file"
    # Zou's default serialization also embeds the source WorkingFile under "source_file".
    __table_args__ = (
        UniqueConstraint(
            "name",
            "entity_id",
            "asset_instance_id",
            "output_type_id",
            "task_type_id",
            "temporal_entity_id",
            "representation",
            "revision",
            name="output_file_uc",
        ),
    )

    shotgun_id: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(250), nullable=False)
    canceled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    size: Mapped[int | None] = mapped_column(Integer)
    checksum: Mapped[str | None] = mapped_column(String(32))
    description: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)
    extension: Mapped[str | None] = mapped_column(String(10))
    revision: Mapped[int] = mapped_column(Integer, nullable=False)
    representation: Mapped[str | None] = mapped_column(String(20), index=True)
    nb_elements: Mapped[int | None] = mapped_column(Integer, default=1)
    source: Mapped[str | None] = mapped_column(String(40))
    path: Mapped[str | None] = mapped_column(String(400))
    data: Mapped[Any | None] = mapped_column(JSONType)
    quality: Mapped[str | None] = mapped_column(
        String(255), info={"choices": OUTPUT_FILE_QUALITIES}
    )
    file_status_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("file_status.id"), nullable=False, index=True
    )
    entity_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("entity.id"), index=True)
    asset_instance_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("asset_instance.id"), index=True
    )
    output_type_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("output_type.id"), index=True
    )
    task_type_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("task_type.id"), index=True
    )
    person_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("person.id"), index=True)
    source_file_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("working_file.id"), index=True
    )
    temporal_entity_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("entity.id"), index=True
    )


class WorkingFile(Base, BaseMixin):
    """A work file produced while doing a task."""

    __tablename__ = "working_file"
    __table_args__ = (
        UniqueConstraint("name", "task_id", "entity_id", "revision", name="working_file_uc"),
    )
    __links__: ClassVar[dict[str, LinkSpec]] = {
        "outputs": LinkSpec(table_of(OutputFile), "source_file_id", "id"),
    }

    shotgun_id: Mapped[int | None] = mapped_column(Integer, index=True)
    name: Mapped[str | None] = mapped_column(String(250))
    description: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)
    revision: Mapped[int | None] = mapped_column(Integer)
    size: Mapped[int | None] = mapped_column(Integer)
    checksum: Mapped[int | None] = mapped_column(Integer)
    path: Mapped[str | None] = mapped_column(String(400))
    data: Mapped[Any | None] = mapped_column(JSONType)
    validation_status: Mapped[str] = mapped_column(
        String(255), nullable=False, default="neutral", info={"choices": VALIDATION_STATUSES}
    )
    task_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("task.id"), index=True)
    entity_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("entity.id"), index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("person.id"), index=True)
    software_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("software.id"), index=True
    )


class StoredFile(Base, BaseMixin):
    """An object written to file storage, with its purge state."""

    __tablename__ = "stored_file"
    __table_args__ = (
        UniqueConstraint("bucket", "key", name="stored_file_uc"),
        Index(
            "ix_stored_file_to_purge",
            "purge_forced",
            "deleted_at",
            postgresql_where=text("deleted_at IS NOT NULL AND purged_at IS NULL"),
            sqlite_where=text("deleted_at IS NOT NULL AND purged_at IS NULL"),
        ),
    )

    bucket: Mapped[str] = mapped_column(String(20), nullable=False)
    key: Mapped[str] = mapped_column(String(255), nullable=False)
    prefix: Mapped[str] = mapped_column(String(40), nullable=False)
    file_id: Mapped[str] = mapped_column(String(200), nullable=False, index=True)
    size: Mapped[int | None] = mapped_column(BigInteger)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    purge_forced: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=false()
    )
    purged_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    purge_attempts: Mapped[int] = mapped_column(
        Integer, nullable=False, default=0, server_default="0"
    )
    last_error: Mapped[str | None] = mapped_column(Text)
    journal: Mapped[Any] = mapped_column(
        JSONType, nullable=False, default=list, server_default=text("'[]'")
    )
