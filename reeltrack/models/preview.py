"""Preview files, their storage states and preview backgrounds."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from reeltrack.db.base import Base, BaseMixin
from reeltrack.db.types import UUID, JSONType
from reeltrack.models.comment import comment_preview_link
from reeltrack.models.links import LinkSpec

PREVIEW_FILE_STATUSES = ("processing", "ready", "broken", "missing")
VALIDATION_STATUSES = ("validated", "rejected", "neutral")
STORAGE_STATES = ("ok", "missing", "failed")


class PreviewBackgroundFile(Base, BaseMixin):
    """An environment image used as preview background."""

    __tablename__ = "preview_background_file"

    name: Mapped[str] = mapped_column(String(40), nullable=False)
    archived: Mapped[bool | None] = mapped_column(Boolean, default=False)
    is_default: Mapped[bool | None] = mapped_column(Boolean, index=True, default=False)
    original_name: Mapped[str | None] = mapped_column(String(250))
    extension: Mapped[str | None] = mapped_column(String(6))
    file_size: Mapped[int | None] = mapped_column(BigInteger, default=0)


class PreviewFile(Base, BaseMixin):
    """A file uploaded for review on a task."""

    __tablename__ = "preview_file"
    __table_args__ = (UniqueConstraint("name", "task_id", "revision", name="preview_uc"),)
    __links__: ClassVar[dict[str, LinkSpec]] = {
        "comments": LinkSpec(comment_preview_link, "preview_file", "comment"),
    }

    name: Mapped[str | None] = mapped_column(String(250))
    original_name: Mapped[str | None] = mapped_column(String(250))
    revision: Mapped[int | None] = mapped_column(Integer, default=1)
    position: Mapped[int | None] = mapped_column(Integer, default=1)
    extension: Mapped[str | None] = mapped_column(String(6))
    description: Mapped[str | None] = mapped_column(Text)
    path: Mapped[str | None] = mapped_column(String(400))
    source: Mapped[str | None] = mapped_column(String(40))
    file_size: Mapped[int | None] = mapped_column(BigInteger, default=0)
    status: Mapped[str] = mapped_column(
        String(255), nullable=False, default="processing", info={"choices": PREVIEW_FILE_STATUSES}
    )
    validation_status: Mapped[str] = mapped_column(
        String(255), nullable=False, default="neutral", info={"choices": VALIDATION_STATUSES}
    )
    annotations: Mapped[Any | None] = mapped_column(JSONType)
    width: Mapped[int | None] = mapped_column(Integer, default=0)
    height: Mapped[int | None] = mapped_column(Integer, default=0)
    duration: Mapped[float | None] = mapped_column(Float, default=0)
    data: Mapped[Any | None] = mapped_column(JSONType)
    token_in: Mapped[int | None] = mapped_column(Integer)
    token_out: Mapped[int | None] = mapped_column(Integer)
    task_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("task.id"), index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("person.id"), index=True)
    source_file_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("output_file.id"), index=True
    )
    shotgun_id: Mapped[int | None] = mapped_column(Integer, unique=True)
    is_movie: Mapped[bool | None] = mapped_column(Boolean, default=False)
    url: Mapped[str | None] = mapped_column(String(600))
    uploaded_movie_url: Mapped[str | None] = mapped_column(String(600))
    uploaded_movie_name: Mapped[str | None] = mapped_column(String(150))


class PreviewFileStorageState(Base, BaseMixin):
    """Storage state of one stored file of a preview."""

    __tablename__ = "preview_file_storage_state"
    __table_args__ = (
        UniqueConstraint(
            "preview_file_id", "bucket", "prefix", name="preview_file_storage_state_uc"
        ),
        Index("ix_preview_file_storage_state_bucket_prefix_state", "bucket", "prefix", "state"),
    )

    preview_file_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("preview_file.id", ondelete="CASCADE"), nullable=False, index=True
    )
    bucket: Mapped[str] = mapped_column(String(20), nullable=False)
    prefix: Mapped[str] = mapped_column(String(40), nullable=False)
    state: Mapped[str] = mapped_column(
        String(255), nullable=False, info={"choices": STORAGE_STATES}
    )
