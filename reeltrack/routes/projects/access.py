"""Zou's project access checks for the `projects` blueprint routes."""

from __future__ import annotations

import uuid
from typing import Any

from reeltrack.auth.deps import Ctx
from reeltrack.services.entity_access import parse_id
from reeltrack.wire.errors import Forbidden, NotFound


def _load(ctx: Ctx, project_id: uuid.UUID) -> Any:
    from reeltrack.models import Project

    project = ctx.session.get(Project, project_id)
    if project is None:
        raise NotFound()
    return project


def readable_project(ctx: Ctx, project_id: str) -> Any:
    """The project, if the caller is an admin or in its team (any role)."""
    parsed = parse_id(project_id)
    if not (ctx.actor.is_admin or ctx.actor.is_member(parsed)):
        raise Forbidden()
    return _load(ctx, parsed)


def managed_project(ctx: Ctx, project_id: str) -> Any:
    """The project, if the caller is an admin or a manager in its team."""
    parsed = parse_id(project_id)
    if not (ctx.actor.is_admin or ctx.actor.role_in(parsed) == "manager"):
        raise Forbidden()
    return _load(ctx, parsed)
