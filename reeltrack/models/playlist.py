"""Playlists, their build jobs and share links."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from reeltrack.db.base import Base, BaseMixin
from reeltrack.db.types import UUID, JSONType
from reeltrack.models.links import LinkSpec, table_of

BUILD_JOB_STATUSES = ("running", "failed", "succeeded")
BUILD_JOB_TYPES = ("archive", "movie")


class BuildJob(Base, BaseMixin):
    """The state of one build of a playlist into a movie or an archive."""

    __tablename__ = "build_job"

    status: Mapped[str] = mapped_column(
        String(255), nullable=False, default="running", info={"choices": BUILD_JOB_STATUSES}
    )
    job_type: Mapped[str] = mapped_column(
        String(255), nullable=False, default="movie", info={"choices": BUILD_JOB_TYPES}
    )
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    message: Mapped[str | None] = mapped_column(Text)
    playlist_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("playlist.id"), nullable=False, index=True
    )


class Playlist(Base, BaseMixin):
    """A list of previews gathered for review."""

    __tablename__ = "playlist"
    __table_args__ = (UniqueConstraint("name", "project_id", "episode_id", name="playlist_uc"),)
    __links__: ClassVar[dict[str, LinkSpec]] = {
        "build_jobs": LinkSpec(table_of(BuildJob), "playlist_id", "id"),
    }

    name: Mapped[str] = mapped_column(String(80), nullable=False)
    shots: Mapped[Any | None] = mapped_column(JSONType)
    project_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("project.id"), index=True)
    episode_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("entity.id"), index=True)
    task_type_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("task_type.id"), index=True
    )
    for_client: Mapped[bool | None] = mapped_column(Boolean, index=True, default=False)
    for_entity: Mapped[str | None] = mapped_column(String(10), index=True, default="shot")
    is_for_all: Mapped[bool | None] = mapped_column(Boolean, default=False)
    created_by: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("person.id"), index=True)


class PlaylistShareLink(Base, BaseMixin):
    """A token giving outside reviewers access to a playlist."""

    __tablename__ = "playlist_share_link"
    # Serialized without "password" (a bcrypt hash) and with a boolean "has_password".
    __table_args__ = (Index("ix_playlist_share_link_playlist_active", "playlist_id", "is_active"),)

    token: Mapped[str] = mapped_column(String(64), nullable=False, unique=True, index=True)
    playlist_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("playlist.id"), nullable=False, index=True
    )
    created_by: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("person.id"), nullable=False, index=True
    )
    expiration_date: Mapped[dt.datetime | None] = mapped_column(DateTime)
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    can_comment: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    password: Mapped[str | None] = mapped_column(String(255))
