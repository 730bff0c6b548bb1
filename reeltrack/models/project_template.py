"""Project templates and their link tables."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from sqlalchemy import (
    Boolean,
    Column,
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
from reeltrack.models.project import PROJECT_STYLES, _default_roles_for_board

project_template_asset_type_link = Table(
    "project_template_asset_type_link",
    Base.metadata,
    Column(
        "project_template_id", UUID, ForeignKey("project_template.id"), primary_key=True, index=True
    ),
    Column("asset_type_id", UUID, ForeignKey("entity_type.id"), primary_key=True, index=True),
)


# Foreign key names below are the ones PostgreSQL chose (and shortened) in Zou's database.
project_template_status_automation_link = Table(
    "project_template_status_automation_link",
    Base.metadata,
    Column(
        "project_template_id",
        UUID,
        ForeignKey(
            "project_template.id",
            name="project_template_status_automation_lin_project_template_id_fkey",
        ),
        primary_key=True,
        index=True,
    ),
    Column(
        "status_automation_id",
        UUID,
        ForeignKey(
            "status_automation.id",
            name="project_template_status_automation_li_status_automation_id_fkey",
        ),
        primary_key=True,
        index=True,
    ),
)


# Foreign key names below are the ones PostgreSQL chose (and shortened) in Zou's database.
project_template_preview_background_file_link = Table(
    "project_template_preview_background_file_link",
    Base.metadata,
    Column(
        "project_template_id",
        UUID,
        ForeignKey(
            "project_template.id",
            name="project_template_preview_background_fi_project_template_id_fkey",
        ),
        primary_key=True,
        index=True,
    ),
    Column(
        "preview_background_file_id",
        UUID,
        ForeignKey(
            "preview_background_file.id",
            name="project_template_preview_backgr_preview_background_file_id_fkey",
        ),
        primary_key=True,
        index=True,
    ),
)


class ProjectTemplateTaskTypeLink(Base, BaseMixin):
    """A task type of a project template."""

    __tablename__ = "project_template_task_type_link"
    # The table key also holds the link columns; the ORM identifies rows by id alone.
    __mapper_args__ = {"primary_key": ["id"]}
    __table_args__ = (
        UniqueConstraint(
            "project_template_id", "task_type_id", name="project_template_tasktype_uc"
        ),
    )

    project_template_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("project_template.id"), primary_key=True, index=True
    )
    task_type_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("task_type.id"), primary_key=True, index=True
    )
    priority: Mapped[int | None] = mapped_column(Integer)
    hd_bitrate_compression: Mapped[int | None] = mapped_column(Integer)
    ld_bitrate_compression: Mapped[int | None] = mapped_column(Integer)
    is_client_visible: Mapped[bool | None] = mapped_column(Boolean, default=True)


class ProjectTemplateTaskStatusLink(Base, BaseMixin):
    """A task status of a project template."""

    __tablename__ = "project_template_task_status_link"
    # The table key also holds the link columns; the ORM identifies rows by id alone.
    __mapper_args__ = {"primary_key": ["id"]}
    __table_args__ = (
        UniqueConstraint(
            "project_template_id", "task_status_id", name="project_template_taskstatus_uc"
        ),
    )

    project_template_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("project_template.id"), primary_key=True, index=True
    )
    task_status_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("task_status.id"), primary_key=True, index=True
    )
    priority: Mapped[int | None] = mapped_column(Integer)
    roles_for_board: Mapped[list[str] | None] = mapped_column(
        PortableArray(String(255)), default=_default_roles_for_board, info={"choices": ROLE_TYPES}
    )
    is_client_allowed: Mapped[bool | None] = mapped_column(Boolean)


class ProjectTemplate(Base, BaseMixin):
    """A reusable snapshot of a project's configuration."""

    __tablename__ = "project_template"
    __links__: ClassVar[dict[str, LinkSpec]] = {
        "task_types": LinkSpec(
            table_of(ProjectTemplateTaskTypeLink), "project_template_id", "task_type_id"
        ),
        "task_statuses": LinkSpec(
            table_of(ProjectTemplateTaskStatusLink), "project_template_id", "task_status_id"
        ),
        "asset_types": LinkSpec(
            project_template_asset_type_link, "project_template_id", "asset_type_id"
        ),
        "status_automations": LinkSpec(
            project_template_status_automation_link, "project_template_id", "status_automation_id"
        ),
        "preview_background_files": LinkSpec(
            project_template_preview_background_file_link,
            "project_template_id",
            "preview_background_file_id",
        ),
    }

    name: Mapped[str] = mapped_column(String(80), nullable=False, unique=True, index=True)
    description: Mapped[str | None] = mapped_column(Text)
    fps: Mapped[str | None] = mapped_column(String(10), default="25")
    ratio: Mapped[str | None] = mapped_column(String(10), default="16:9")
    resolution: Mapped[str | None] = mapped_column(String(12), default="1920x1080")
    production_type: Mapped[str | None] = mapped_column(String(20), default="short")
    production_style: Mapped[str] = mapped_column(
        String(255), nullable=False, default="2d3d", info={"choices": PROJECT_STYLES}
    )
    max_retakes: Mapped[int | None] = mapped_column(Integer, default=0)
    is_clients_isolated: Mapped[bool | None] = mapped_column(Boolean, default=False)
    is_client_stats_visible: Mapped[bool | None] = mapped_column(Boolean, default=True)
    is_client_task_list_visible: Mapped[bool | None] = mapped_column(Boolean, default=True)
    is_client_task_panel_visible: Mapped[bool | None] = mapped_column(Boolean, default=True)
    is_preview_download_allowed: Mapped[bool | None] = mapped_column(Boolean, default=False)
    is_set_preview_automated: Mapped[bool | None] = mapped_column(Boolean, default=False)
    is_publish_default_for_artists: Mapped[bool | None] = mapped_column(Boolean, default=False)
    is_single_preview_per_revision: Mapped[bool | None] = mapped_column(Boolean, default=False)
    is_frame_in_numbering: Mapped[bool | None] = mapped_column(Boolean, default=False)
    revision_padding: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    homepage: Mapped[str | None] = mapped_column(String(80), default="assets")
    hd_bitrate_compression: Mapped[int | None] = mapped_column(Integer)
    ld_bitrate_compression: Mapped[int | None] = mapped_column(Integer)
    file_tree: Mapped[Any | None] = mapped_column(JSONType)
    data: Mapped[Any | None] = mapped_column(JSONType)
    metadata_descriptors: Mapped[Any | None] = mapped_column(JSONType, default=list)
    default_preview_background_file_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("preview_background_file.id"), index=True
    )
