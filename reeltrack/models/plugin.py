"""Plugins and custom actions."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from reeltrack.db.base import Base, BaseMixin


class Plugin(Base, BaseMixin):
    """An installed server plugin."""

    __tablename__ = "plugin"

    plugin_id: Mapped[str] = mapped_column(String(80), nullable=False, unique=True, index=True)
    name: Mapped[str] = mapped_column(String(80), nullable=False, index=True)
    description: Mapped[str | None] = mapped_column(Text)
    version: Mapped[str] = mapped_column(String(50), nullable=False)
    maintainer_name: Mapped[str] = mapped_column(String(200), nullable=False)
    maintainer_email: Mapped[str | None] = mapped_column(String(255))
    website: Mapped[str | None] = mapped_column(Text)
    license: Mapped[str] = mapped_column(String(80), nullable=False)
    revision: Mapped[str | None] = mapped_column(String(12))
    frontend_project_enabled: Mapped[bool | None] = mapped_column(Boolean, default=False)
    frontend_studio_enabled: Mapped[bool | None] = mapped_column(Boolean, default=False)
    icon: Mapped[str | None] = mapped_column(String(255))


class CustomAction(Base, BaseMixin):
    """A studio-defined HTTP action offered by the web client."""

    __tablename__ = "custom_action"

    name: Mapped[str] = mapped_column(String(80), nullable=False)
    url: Mapped[str | None] = mapped_column(String(400))
    entity_type: Mapped[str | None] = mapped_column(String(40), default="all")
    is_ajax: Mapped[bool | None] = mapped_column(Boolean, default=False)
