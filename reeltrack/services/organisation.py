"""The studio's single organisation row, created on first use."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reeltrack.runtime import Runtime
from reeltrack.wire.present import present

SENSITIVE = ("chat_token_slack", "chat_webhook_mattermost", "chat_token_discord")


def get_or_create_organisation(session: Session) -> Any:
    from reeltrack.models import Organisation

    organisation = session.scalars(select(Organisation).limit(1)).first()
    if organisation is None:
        organisation = Organisation(name="Kitsu")
        session.add(organisation)
        session.flush()
    return organisation


def present_organisation(row: Any, sensitive: bool = False) -> dict[str, Any]:
    return present(row, () if sensitive else SENSITIVE)


def organisation_settings(runtime: Runtime) -> dict[str, Any]:
    """The organisation as a dict (without chat secrets), creating it if needed."""
    with runtime.db.session() as session:
        data = present_organisation(get_or_create_organisation(session))
        session.commit()
    return data
