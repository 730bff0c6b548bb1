"""Projects, project statuses and the project link tables."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from reeltrack.db.base import Base, BaseMixin
from reeltrack.db.types import UUID, JSONType, PortableArray
from reeltrack.models.links import LinkSpec, table_of
from reeltrack.models.person import ROLE_TYPES

PROJECT_STYLES = (
    "2d",
    "2dpaper",
    "3d",
    "2d3d",
    "ar",
    "vfx",
    "stop-motion",
    "motion-design",
    "archviz",
    "commercial",
    "catalog",
    "immersive",
    "nft",
    "video-game",
    "vr",
)
DEFAULT_ROLES_FOR_BOARD = ("user", "admin", "supervisor", "manager", "vendor")


def _default_roles_for_board() -> list[str]:
    """A fresh list of the roles that see a task status on boards by default."""
    return list(DEFAULT_ROLES_FOR_BOARD)


class ProjectStatus(Base, BaseMixin):
    """A state a project can be in (open, closed...)."""

    __tablename__ = "project_status"

    name: Mapped[str] = mapped_column(String(20), nullable=False, unique=True, index=True)
    color: Mapped[str] = mapped_column(String(7), nullable=False)


project_person_link = Table(
    "project_person_link",
    Base.metadata,
    Column("project_id", UUID, ForeignKey("project.id"), primary_key=True, index=True),
    Column("person_id", UUID, ForeignKey("person.id"), primary_key=True, index=True),
    Column("shotgun_id", Integer),
    Column("role", String(255), info={"choices": ROLE_TYPES}),
)


project_asset_type_link = Table(
    "project_asset_type_link",
    Base.metadata,
    Column("project_id", UUID, ForeignKey("project.id"), primary_key=True, index=True),
    Column("asset_type_id", UUID, ForeignKey("entity_type.id"), primary_key=True, index=True),
)


project_status_automation_link = Table(
    "project_status_automation_link",
    Base.metadata,
    Column("project_id", UUID, ForeignKey("project.id"), primary_key=True, index=True),
    Column(
        "status_automation_id",
        UUID,
        ForeignKey("status_automation.id"),
        primary_key=True,
        index=True,
    ),
)


# The foreign key name below is the one PostgreSQL chose (and shortened) in Zou's database.
project_preview_background_file_link = Table(
    "project_preview_background_file_link",
    Base.metadata,
    Column("project_id", UUID, ForeignKey("project.id"), primary_key=True, index=True),
    Column(
        "preview_background_file_id",
        UUID,
        ForeignKey(
            "preview_background_file.id",
            name="project_preview_background_file_preview_background_file_id_fkey",
        ),
        primary_key=True,
        index=True,
    ),
)


class ProjectTaskTypeLink(Base, BaseMixin):
    """A task type enabled on a project, with its project settings."""

    __tablename__ = "project_task_type_link"
    # The table key also holds the link columns; the ORM identifies rows by id alone.
    __mapper_args__ = {"primary_key": ["id"]}
    __table_args__ = (UniqueConstraint("project_id", "task_type_id", name="project_tasktype_uc"),)

    project_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("project.id"), primary_key=True, index=True
    )
    task_type_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("task_type.id"), primary_key=True, index=True
    )
    priority: Mapped[int | None] = mapped_column(Integer)
    hd_bitrate_compression: Mapped[int | None] = mapped_column(Integer)
    ld_bitrate_compression: Mapped[int | None] = mapped_column(Integer)
    is_client_visible: Mapped[bool | None] = mapped_column(Boolean, default=True)


class ProjectTaskStatusLink(Base, BaseMixin):
    """A task status enabled on a project, with its project settings."""

    __tablename__ = "project_task_status_link"
    # The table key also holds the link columns; the ORM identifies rows by id alone.
    __mapper_args__ = {"primary_key": ["id"]}
    __table_args__ = (
        UniqueConstraint("project_id", "task_status_id", name="project_taskstatus_uc"),
    )

    project_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("project.id"), primary_key=True, index=True
    )
    task_status_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("task_status.id"), primary_key=True, index=True
    )
    priority: Mapped[int | None] = mapped_column(Integer)
    roles_for_board: Mapped[list[str] | None] = mapped_column(
        PortableArray(String(255)), default=_default_roles_for_board, info={"choices": ROLE_TYPES}
    )
    is_client_allowed: Mapped[bool | None] = mapped_column(Boolean)


class ProjectTaskTypeSoftwareLink(Base, BaseMixin):
    """Software used for a task type on a project."""

    __tablename__ = "project_task_type_software_link"
    # The table key also holds the link columns; the ORM identifies rows by id alone.
    __mapper_args__ = {"primary_key": ["id"]}
    __table_args__ = (
        UniqueConstraint(
            "project_id", "task_type_id", "software_id", name="project_task_type_software_uc"
        ),
    )

    project_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("project.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    task_type_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("task_type.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    software_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("software.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Project(Base, BaseMixin):
    """A production the studio works on."""

    __tablename__ = "project"
    __links__: ClassVar[dict[str, LinkSpec]] = {
        "team": LinkSpec(project_person_link, "project_id", "person_id"),
        "asset_types": LinkSpec(project_asset_type_link, "project_id", "asset_type_id"),
        "task_statuses": LinkSpec(table_of(ProjectTaskStatusLink), "project_id", "task_status_id"),
        "task_types": LinkSpec(table_of(ProjectTaskTypeLink), "project_id", "task_type_id"),
        "status_automations": LinkSpec(
            project_status_automation_link, "project_id", "status_automation_id"
        ),
        "preview_background_files": LinkSpec(
            project_preview_background_file_link, "project_id", "preview_background_file_id"
        ),
    }

    name: Mapped[str] = mapped_column(String(80), nullable=False, unique=True, index=True)
    code: Mapped[str | None] = mapped_column(String(80))
    description: Mapped[str | None] = mapped_column(Text)
    shotgun_id: Mapped[int | None] = mapped_column(Integer)
    file_tree: Mapped[Any | None] = mapped_column(JSONType)
    data: Mapped[Any | None] = mapped_column(JSONType)
    has_avatar: Mapped[bool | None] = mapped_column(Boolean, default=False)
    fps: Mapped[str | None] = mapped_column(String(10), default="25")
    ratio: Mapped[str | None] = mapped_column(String(10), default="16:9")
    resolution: Mapped[str | None] = mapped_column(String(12), default="1920x1080")
    production_type: Mapped[str | None] = mapped_column(String(20), default="short")
    production_style: Mapped[str] = mapped_column(
        String(255), nullable=False, default="2d3d", info={"choices": PROJECT_STYLES}
    )
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    man_days: Mapped[int | None] = mapped_column(Integer)
    nb_episodes: Mapped[int | None] = mapped_column(Integer, default=0)
    episode_span: Mapped[int | None] = mapped_column(Integer, default=0)
    max_retakes: Mapped[int | None] = mapped_column(Integer, default=0)
    is_clients_isolated: Mapped[bool | None] = mapped_column(Boolean, default=False)
    is_client_stats_visible: Mapped[bool | None] = mapped_column(Boolean, default=True)
    is_client_task_list_visible: Mapped[bool | None] = mapped_column(Boolean, default=True)
    is_client_task_panel_visible: Mapped[bool | None] = mapped_column(Boolean, default=True)
    is_preview_download_allowed: Mapped[bool | None] = mapped_column(Boolean, default=False)
    is_set_preview_automated: Mapped[bool | None] = mapped_column(Boolean, default=False)
    homepage: Mapped[str | None] = mapped_column(String(80), default="assets")
    is_publish_default_for_artists: Mapped[bool | None] = mapped_column(Boolean, default=False)
    is_bot_collaboration_enabled: Mapped[bool | None] = mapped_column(Boolean, default=False)
    is_single_preview_per_revision: Mapped[bool | None] = mapped_column(Boolean, default=False)
    is_frame_in_numbering: Mapped[bool | None] = mapped_column(Boolean, default=False)
    revision_padding: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    hd_bitrate_compression: Mapped[int | None] = mapped_column(Integer)
    ld_bitrate_compression: Mapped[int | None] = mapped_column(Integer)
    project_status_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("project_status.id"), index=True
    )
    default_preview_background_file_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("preview_background_file.id"), index=True
    )
    from_schedule_version_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID,
        ForeignKey(
            "production_schedule_version.id",
            name="project_from_schedule_version_id_fkey",
            ondelete="SET NULL",
            use_alter=True,
        ),
        index=True,
    )
