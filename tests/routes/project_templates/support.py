"""Shared data for the project template route tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from tests import factories

BASE = "/data/project-templates"
ACTIONS = "/actions/project-templates"


def seed(db: Session) -> dict[str, Any]:
    """A template, a project, and one row of each kind a template can list."""
    data = {
        "template": factories.make_project_template(db, hd_bitrate_compression=20),
        "project": factories.make_project(db),
        "task_type": factories.make_task_type(db, name="Modeling"),
        "task_type2": factories.make_task_type(db, name="Animation"),
        "task_status": factories.make_task_status(db, name="Wip"),
        "task_status2": factories.make_task_status(db, name="Done"),
        "asset_type": factories.make_entity_type(db, name="Props"),
        "automation": factories.make_status_automation(db),
        "background": factories.make_preview_background_file(db, name="Studio"),
        "background2": factories.make_preview_background_file(db, name="Outdoor"),
    }
    db.commit()
    return data


def url(template: Any, suffix: str) -> str:
    return f"{BASE}/{template.id}/{suffix}"


def assert_400(response: Any, message: str | None = None) -> None:
    """A refusal in Zou's shape; validation errors carry their field errors as data."""
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["error"] is True and isinstance(body["message"], str), body
    if message is not None:
        assert body["message"] == message
