"""People (studio members and API users) and their departments."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from reeltrack.db.base import Base, BaseMixin
from reeltrack.db.types import UUID, JSONType, PortableArray
from reeltrack.models.links import LinkSpec

CONTRACT_TYPES = (
    "open-ended",
    "fixed-term",
    "short-term",
    "freelance",
    "apprentice",
    "internship",
)
ROLE_TYPES = ("user", "admin", "supervisor", "manager", "client", "vendor")
POSITION_TYPES = ("supervisor", "lead", "artist")
SENIORITY_TYPES = ("senior", "mid", "junior")
TWO_FACTOR_AUTHENTICATION_TYPES = ("totp", "email_otp", "fido")
DISPLAY_DATE_FORMATS = ("YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY")
DEFAULT_TIMEZONE = "Europe/Paris"
DEFAULT_LOCALE = "en_US"


department_link = Table(
    "department_link",
    Base.metadata,
    Column("person_id", UUID, ForeignKey("person.id"), primary_key=True, index=True),
    Column("department_id", UUID, ForeignKey("department.id"), primary_key=True, index=True),
    # PostgreSQL merges the duplicate unique constraint into the key, keeping its name.
    PrimaryKeyConstraint("person_id", "department_id", name="department_link_uc"),
    UniqueConstraint("person_id", "department_id", name="department_link_uc"),
)


class Person(Base, BaseMixin):
    """A studio member, who is also an API user."""

    __tablename__ = "person"
    # Zou's serialization always adds a computed "full_name" ("first last").
    __table_args__ = (
        UniqueConstraint("oidc_issuer", "oidc_subject", name="person_oidc_identity_uc"),
        UniqueConstraint("saml_issuer", "saml_subject", name="person_saml_identity_uc"),
        Index(
            "only_one_email_by_person",
            "email",
            "is_bot",
            unique=True,
            postgresql_where=text("is_bot IS NOT true"),
            sqlite_where=text("is_bot IS NOT true"),
        ),
    )
    __links__: ClassVar[dict[str, LinkSpec]] = {
        "departments": LinkSpec(department_link, "person_id", "department_id"),
    }

    first_name: Mapped[str] = mapped_column(String(80), nullable=False)
    last_name: Mapped[str] = mapped_column(String(80), nullable=False)
    email: Mapped[str | None] = mapped_column(String(255))
    phone: Mapped[str | None] = mapped_column(String(30))
    country: Mapped[str | None] = mapped_column(String(2))
    contract_type: Mapped[str] = mapped_column(
        String(255), nullable=False, default="open-ended", info={"choices": CONTRACT_TYPES}
    )
    active: Mapped[bool | None] = mapped_column(Boolean, default=True)
    archived: Mapped[bool | None] = mapped_column(Boolean, default=False)
    last_presence: Mapped[dt.date | None] = mapped_column(Date)
    password: Mapped[bytes | None] = mapped_column(LargeBinary(60))
    desktop_login: Mapped[str | None] = mapped_column(String(80))
    login_failed_attemps: Mapped[int | None] = mapped_column(Integer, default=0)
    last_login_failed: Mapped[dt.datetime | None] = mapped_column(DateTime)
    totp_enabled: Mapped[bool | None] = mapped_column(Boolean, default=False)
    totp_secret: Mapped[str | None] = mapped_column(String(32))
    email_otp_enabled: Mapped[bool | None] = mapped_column(Boolean, default=False)
    email_otp_secret: Mapped[str | None] = mapped_column(String(32))
    fido_enabled: Mapped[bool | None] = mapped_column(Boolean, default=False)
    fido_credentials: Mapped[list[Any] | None] = mapped_column(PortableArray(JSONType))
    otp_recovery_codes: Mapped[list[bytes] | None] = mapped_column(PortableArray(LargeBinary(60)))
    preferred_two_factor_authentication: Mapped[str | None] = mapped_column(
        String(255), info={"choices": TWO_FACTOR_AUTHENTICATION_TYPES}
    )
    shotgun_id: Mapped[int | None] = mapped_column(Integer, unique=True)
    timezone: Mapped[str | None] = mapped_column(String(50), default=DEFAULT_TIMEZONE)
    locale: Mapped[str | None] = mapped_column(String(10), default=DEFAULT_LOCALE)
    use_12_hour_clock: Mapped[bool | None] = mapped_column(Boolean, default=False)
    display_date_format: Mapped[str | None] = mapped_column(String(20), default="YYYY-MM-DD")
    data: Mapped[Any | None] = mapped_column(JSONType)
    role: Mapped[str] = mapped_column(
        String(255), nullable=False, default="user", info={"choices": ROLE_TYPES}
    )
    position: Mapped[str | None] = mapped_column(
        String(255), default="artist", info={"choices": POSITION_TYPES}
    )
    seniority: Mapped[str | None] = mapped_column(
        String(255), default="mid", info={"choices": SENIORITY_TYPES}
    )
    daily_salary: Mapped[int | None] = mapped_column(Integer, default=0)
    has_avatar: Mapped[bool | None] = mapped_column(Boolean, default=False)
    notifications_enabled: Mapped[bool | None] = mapped_column(Boolean, default=False)
    notifications_slack_enabled: Mapped[bool | None] = mapped_column(Boolean, default=False)
    notifications_slack_userid: Mapped[str | None] = mapped_column(String(60), default="")
    notifications_mattermost_enabled: Mapped[bool | None] = mapped_column(Boolean, default=False)
    notifications_mattermost_userid: Mapped[str | None] = mapped_column(String(60), default="")
    notifications_discord_enabled: Mapped[bool | None] = mapped_column(Boolean, default=False)
    notifications_discord_userid: Mapped[str | None] = mapped_column(String(60), default="")
    is_bot: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    is_guest: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    preview_project_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, ForeignKey("project.id"), unique=True, index=True
    )
    preview_opened_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    preview_open_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    jti: Mapped[str | None] = mapped_column(String(60), unique=True)
    expiration_date: Mapped[dt.date | None] = mapped_column(Date)
    is_generated_from_ldap: Mapped[bool | None] = mapped_column(Boolean, default=False)
    ldap_uid: Mapped[str | None] = mapped_column(String(60), unique=True)
    oidc_issuer: Mapped[str | None] = mapped_column(Text)
    oidc_subject: Mapped[str | None] = mapped_column(String(255))
    saml_issuer: Mapped[str | None] = mapped_column(Text)
    saml_subject: Mapped[str | None] = mapped_column(String(255))
    studio_id: Mapped[uuid.UUID | None] = mapped_column(UUID, ForeignKey("studio.id"), index=True)
