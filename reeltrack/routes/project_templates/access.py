"""Who may read and change project templates: the generic CRUD's rules."""

from __future__ import annotations

from typing import Any

from reeltrack.auth.deps import Ctx
from reeltrack.crud.hooks.config import TEMPLATE_READ
from reeltrack.crud.values import parse_uuid
from reeltrack.services import project_templates as service
from reeltrack.wire.errors import Forbidden


def check_reader(ctx: Ctx) -> None:
    """Admins and managers read templates."""
    if not TEMPLATE_READ.allows(ctx.actor):
        raise Forbidden()


def check_admin(ctx: Ctx) -> None:
    """Only admins change templates."""
    if not ctx.actor.is_admin:
        raise Forbidden()


def changed(ctx: Ctx, template_id: Any, action: str = "update") -> None:
    """Tell the clients a template changed."""
    parsed = parse_uuid(template_id)
    data = {"project_template_id": str(parsed or template_id)}
    ctx.uow.emit(f"project-template:{action}", data)


def admin_template(ctx: Ctx, template_id: str) -> Any:
    check_admin(ctx)
    return service.template_row(ctx.session, template_id)
