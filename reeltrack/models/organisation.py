"""Organisation-wide settings and studios."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Float,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from reeltrack.db.base import Base, BaseMixin


class Organisation(Base, BaseMixin):
    """The settings of the organisation running the server."""

    __tablename__ = "organisation"

    name: Mapped[str] = mapped_column(String(80), nullable=False, unique=True)
    hours_by_day: Mapped[float] = mapped_column(Float, nullable=False, default=8)
    has_avatar: Mapped[bool | None] = mapped_column(Boolean, default=False)
    use_original_file_name: Mapped[bool | None] = mapped_column(Boolean, default=False)
    timesheets_locked: Mapped[bool | None] = mapped_column(Boolean, default=False)
    format_duration_in_hours: Mapped[bool | None] = mapped_column(Boolean, default=False)
    hd_by_default: Mapped[bool | None] = mapped_column(Boolean, default=False)
    chat_token_slack: Mapped[str | None] = mapped_column(String(80), default="")
    chat_webhook_mattermost: Mapped[str | None] = mapped_column(String(80), default="")
    chat_token_discord: Mapped[str | None] = mapped_column(String(80), default="")
    dark_theme_by_default: Mapped[bool | None] = mapped_column(Boolean, default=False)


class Studio(Base, BaseMixin):
    """A studio (site or company) people belong to."""

    __tablename__ = "studio"

    name: Mapped[str] = mapped_column(String(80), nullable=False, unique=True)
    color: Mapped[str] = mapped_column(String(7), nullable=False)
    archived: Mapped[bool | None] = mapped_column(Boolean, default=False)
