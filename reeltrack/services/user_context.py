"""The login payload Kitsu reads once: studio settings plus the caller's own scope."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reeltrack.auth.actor import Actor
from reeltrack.models import (
    CustomAction,
    Department,
    EntityType,
    Notification,
    Person,
    Plugin,
    PreviewBackgroundFile,
    Project,
    ProjectStatus,
    StatusAutomation,
    Studio,
    TaskStatus,
    TaskType,
)
from reeltrack.models.entity_type import task_type_asset_type_link
from reeltrack.models.project import project_person_link
from reeltrack.services import persons as persons_view
from reeltrack.services import user_entities, user_filters
from reeltrack.wire.present import present

PLUGIN_FIELDS = (
    "id",
    "plugin_id",
    "name",
    "description",
    "version",
    "maintainer_name",
    "maintainer_email",
    "frontend_project_enabled",
    "frontend_studio_enabled",
    "icon",
)


def _all(session: Session, model: Any) -> list[dict[str, Any]]:
    return [present(row) for row in session.scalars(select(model))]


def asset_types(session: Session) -> list[dict[str, Any]]:
    """Asset types with the task types linked to them."""
    rows = list(
        session.scalars(
            select(EntityType).where(EntityType.name.not_in(user_entities.TEMPORAL_TYPES))
        )
    )
    link = task_type_asset_type_link.c
    linked: dict[Any, list[Any]] = defaultdict(list)
    if rows:
        query = select(link.asset_type_id, link.task_type_id).where(
            link.asset_type_id.in_([row.id for row in rows])
        )
        for asset_type_id, task_type_id in session.execute(query):
            linked[asset_type_id].append(task_type_id)
    result = []
    for row in rows:
        data = present(row, links={"task_types": linked.get(row.id, [])})
        data["type"] = "AssetType"
        result.append(data)
    return result


def persons(session: Session, actor: Actor) -> list[dict[str, Any]]:
    """Clients meet their teams; managers get the safe view; others the minimal one."""
    query = select(Person).where(Person.preview_project_id.is_(None))
    if actor.role == "client":
        link = project_person_link.c
        projects = select(Project.id).join(
            ProjectStatus, ProjectStatus.id == Project.project_status_id
        )
        projects = projects.where(ProjectStatus.name == "Open", Project.id.in_(actor.project_ids))
        team = select(link.person_id).where(link.project_id.in_(projects))
        rows = list(session.scalars(select(Person).where(Person.id.in_(team))))
        shown = [
            persons_view.pick(persons_view.present_safe(row), persons_view.CLIENT_FIELDS)
            for row in rows
        ]
        return sorted(shown, key=lambda person: person["full_name"])
    rows = list(session.scalars(query.where(Person.is_guest.is_(False))))
    departments = persons_view.department_ids(session, [row.id for row in rows])
    result = []
    for row in rows:
        data = persons_view.present_safe(row, departments.get(row.id, []))
        if actor.role not in ("admin", "manager"):
            data = persons_view.pick(data, persons_view.MINIMAL_FIELDS)
        result.append(data)
    return result


def _project_roles(session: Session, actor: Actor) -> dict[str, str]:
    return {str(key): role for key, role in actor.project_roles.items() if role is not None}


def _unread(session: Session, actor: Actor) -> int:
    query = select(func.count()).where(
        Notification.person_id == actor.person_id, Notification.read.is_(False)
    )
    return int(session.scalar(query) or 0)


def context(session: Session, actor: Actor, user_limit: int = 100) -> dict[str, Any]:
    """Everything Kitsu loads at login, scoped to the caller."""
    result: dict[str, Any] = {
        "asset_types": asset_types(session),
        "custom_actions": _all(session, CustomAction),
        "status_automations": _all(session, StatusAutomation),
        "departments": _all(session, Department),
        "studios": _all(session, Studio),
        "notification_count": _unread(session, actor),
        "persons": persons(session, actor),
        "project_status": _all(session, ProjectStatus),
        "project_roles": _project_roles(session, actor),
        "projects": user_entities.open_projects(session, actor, None),
        "task_types": _all(session, TaskType),
        "task_status": _all(session, TaskStatus),
        "search_filters": user_filters.list_filters(session, actor),
        "search_filter_groups": user_filters.list_filter_groups(session, actor),
        "preview_background_files": _all(session, PreviewBackgroundFile),
        "plugins": [
            {key: getattr(row, key) for key in PLUGIN_FIELDS}
            for row in session.scalars(select(Plugin))
        ],
    }
    if actor.is_admin:
        result["user_limit"] = user_limit
    return result
