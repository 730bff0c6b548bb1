"""Reeltrack's own key-value table (revoked tokens, reset tokens) for the embedded setup."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from reeltrack.db.base import Base


class KeyValue(Base):
    """One expiring key; Redis replaces this table when configured."""

    __tablename__ = "reeltrack_kv"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, index=True)


class Revision(Base):
    """A counter moved by every committed write that touches its key (see db/revisions.py)."""

    __tablename__ = "reeltrack_revision"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    revision: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
