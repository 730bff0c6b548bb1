"""Who may see or change playlists, as Zou's playlist resources check it."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from reeltrack.crud.hooks.reviews_access import check_manager_project_access, check_project_access
from reeltrack.wire.errors import Forbidden

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx


def check_reader(ctx: Ctx, project_id: uuid.UUID) -> str:
    """Team members (and admins) other than vendors; returns the role in the project."""
    role = check_project_access(ctx, project_id)
    if role == "vendor":
        raise Forbidden()
    return role


def check_read(ctx: Ctx, playlist: Any, role: str) -> None:
    """A client only reads the playlists shared with clients."""
    if role == "client" and not playlist.for_client:
        raise Forbidden()


def check_manager(ctx: Ctx, project_id: Any) -> None:
    """Admins and the project's managers."""
    check_manager_project_access(ctx, project_id)


def check_studio_manager(ctx: Ctx) -> None:
    """Admins and people whose studio role is manager (before any lookup)."""
    if not (ctx.actor.is_admin or ctx.actor.is_manager):
        raise Forbidden()
