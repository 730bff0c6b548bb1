"""Helpers shared by the CRUD tests: error checks, fresh reads, event log queries."""

from __future__ import annotations

import re
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reeltrack.models import ApiEvent
from reeltrack.models.project import project_person_link
from tests import factories

FORBIDDEN = (
    "You don't have the permission to access the requested resource. It is either "
    "read-protected or not readable by the server."
)
NOT_FOUND = (
    "404 Not Found: The requested URL was not found on the server. If you entered the URL "
    "manually please check your spelling and try again."
)
EMPTY_BODY = (
    "Data are empty. Please verify that you sent JSON data and that you set the right headers."
)
DUPLICATE = "A record with the same unique values already exists."
FK_CONFLICT = "The change conflicts with records referencing this one."
ISO_SECONDS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$")
SECRETS = (
    "password",
    "totp_secret",
    "email_otp_secret",
    "otp_recovery_codes",
    "fido_credentials",
    "fido_devices",
    "jti",
    "login_failed_attemps",
    "last_login_failed",
    "oidc_issuer",
    "oidc_subject",
    "saml_issuer",
    "saml_subject",
)
MINIMAL_PERSON_KEYS = {
    "id",
    "type",
    "first_name",
    "last_name",
    "full_name",
    "has_avatar",
    "active",
    "departments",
    "studio_id",
    "role",
    "desktop_login",
    "is_bot",
}
CLIENT_PERSON_KEYS = {
    "id",
    "type",
    "first_name",
    "last_name",
    "full_name",
    "has_avatar",
    "active",
    "role",
    "is_bot",
}


def assert_error(response: Any, status: int, message: str | None = None) -> dict[str, Any]:
    """The response is a Zou error envelope with this status (and message)."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] is True, body
    assert "data" in body and body["data"] is None, body
    assert isinstance(body["message"], str) and body["message"], body
    if message is not None:
        assert body["message"] == message
    return body


def assert_forbidden(response: Any) -> None:
    assert_error(response, 403, FORBIDDEN)


def reload(db: Session, model: Any, row_id: Any) -> Any:
    """The row as now committed by the server, or None when it is gone."""
    db.commit()
    return db.get(model, uuid.UUID(str(row_id)), populate_existing=True)


def events(db: Session, name: str | None = None) -> list[ApiEvent]:
    """Event log rows (all, or those with this name), oldest first."""
    db.commit()
    query = select(ApiEvent).order_by(ApiEvent.created_at, ApiEvent.id)
    if name is not None:
        query = query.where(ApiEvent.name == name)
    return list(db.scalars(query, execution_options={"populate_existing": True}))


def one_event(db: Session, name: str) -> ApiEvent:
    found = events(db, name)
    assert len(found) == 1, [(e.name, e.data) for e in events(db)]
    return found[0]


def ids(rows: list[dict[str, Any]]) -> set[str]:
    return {row["id"] for row in rows}


def sid(row: Any) -> str:
    """A row's id as the API shows it."""
    return str(row.id)


def member(as_role: Any, db: Session, role: str, project: Any = None, link_role: Any = None) -> Any:
    """A caller of `role` on the team of `project` (a new one unless given), and the project."""
    caller = as_role(role)
    project = project or factories.make_project(db)
    db.execute(
        project_person_link.insert().values(
            project_id=project.id, person_id=caller.person.id, role=link_role
        )
    )
    db.commit()
    return caller, project
