"""Event log, login logs and import errors."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    DateTime,
    Enum,
    ForeignKey,
    Index,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from reeltrack.db.base import Base, BaseMixin
from reeltrack.db.types import UUID, JSONType

LOGIN_ORIGINS = ("web", "script")
IMPORT_SOURCES = ("csv", "shotgun")


class ApiEvent(Base, BaseMixin):
    """A notable change recorded in the event log."""

    __tablename__ = "api_event"
    __table_args__ = (
        Index("ix_api_event_created_at", "created_at"),
        Index("ix_api_event_project_id_created_at", "project_id", "created_at"),
    )

    name: Mapped[str] = mapped_column(String(80), nullable=False, index=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("person.id"), index=True)
    project_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("project.id"), index=True)
    data: Mapped[Any | None] = mapped_column(JSONType)


class LoginLog(Base, BaseMixin):
    """One web or script login of a person."""

    __tablename__ = "login_log"

    person_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("person.id"), nullable=False, index=True
    )
    ip_address: Mapped[str | None] = mapped_column(String(50))
    origin: Mapped[str | None] = mapped_column(String(255), info={"choices": LOGIN_ORIGINS})


class DesktopLoginLog(Base, BaseMixin):
    """One desktop session login of a person."""

    __tablename__ = "desktop_login_log"

    person_id: Mapped[uuid.UUID] = mapped_column(
        UUID, ForeignKey("person.id"), nullable=False, index=True
    )
    date: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)


class DataImportError(Base, BaseMixin):
    """A failed import event kept for inspection."""

    __tablename__ = "data_import_error"

    event_data: Mapped[Any] = mapped_column(JSONType, nullable=False)
    source: Mapped[str | None] = mapped_column(Enum(*IMPORT_SOURCES, name="import_source_enum"))
