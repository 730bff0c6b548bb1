"""Named permission policies: one row (`allows`) and lists (`scope`) from the same rule.

Deny by default: a route or resource without a policy is refused by the meta tests.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, false

from reeltrack.auth.actor import Actor
from reeltrack.wire.errors import Forbidden


def field_of(target: Any, name: str) -> Any:
    """A value from a row or from a dict of incoming values."""
    if isinstance(target, dict):
        return target.get(name)
    return getattr(target, name, None)


def as_uuid(value: Any) -> uuid.UUID | None:
    if value is None or isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


@dataclass(frozen=True)
class Policy:
    """A named rule; `check` decides for one target, `narrow` filters a list query."""

    name: str
    check: Callable[[Actor, Any], bool]
    narrow: Callable[[Actor, Any, Select[Any]], Select[Any]] | None = None

    def allows(self, actor: Actor, target: Any = None) -> bool:
        return self.check(actor, target)

    def scope(self, actor: Actor, model: Any, stmt: Select[Any]) -> Select[Any]:
        """Restrict a list query to the rows `allows` would accept."""
        if self.narrow is not None:
            return self.narrow(actor, model, stmt)
        if self.check(actor, None):
            return stmt
        return stmt.where(false())


def _anyone(_actor: Actor, _target: Any) -> bool:
    return True


def _nobody(_actor: Actor, _target: Any) -> bool:
    return False


def _admin(actor: Actor, _target: Any) -> bool:
    return actor.is_admin


def _admin_or_manager(actor: Actor, _target: Any) -> bool:
    return actor.is_admin or actor.is_manager


def _project_of(target: Any, column: str) -> uuid.UUID | None:
    return as_uuid(field_of(target, column))


def project_member(column: str = "project_id") -> Policy:
    """Admins, and members of the target's project."""

    def check(actor: Actor, target: Any) -> bool:
        if actor.is_admin:
            return True
        return target is not None and actor.is_member(_project_of(target, column))

    def narrow(actor: Actor, model: Any, stmt: Select[Any]) -> Select[Any]:
        if actor.is_admin:
            return stmt
        return stmt.where(getattr(model, column).in_(actor.project_ids))

    return Policy(f"project-member({column})", check, narrow)


def project_manager(column: str = "project_id") -> Policy:
    """Admins, and managers who belong to the target's project."""

    def check(actor: Actor, target: Any) -> bool:
        if actor.is_admin:
            return True
        if target is None:
            return False
        return actor.role_in(_project_of(target, column)) == "manager"

    return Policy(f"project-manager({column})", check)


def refuse_list_unless_admin(actor: Actor, _model: Any, stmt: Select[Any]) -> Select[Any]:
    """Zou refuses a non-admin the whole list (403) rather than answering an empty one."""
    if not actor.is_admin:
        raise Forbidden()
    return stmt


def refuse_list_to_vendors(actor: Actor, _model: Any, stmt: Select[Any]) -> Select[Any]:
    if actor.is_vendor:
        raise Forbidden()
    return stmt


ANYONE = Policy("anyone-logged-in", _anyone)
# Zou's default for a model: admins only, and the list refused (403) to others.
ADMIN_READ = Policy("admin-read (lists refused to others)", _admin, refuse_list_unless_admin)
# Listed by every role but vendors; one row for admins only.
NOT_VENDOR_LIST = Policy("lists: all but vendors; one row: admin", _admin, refuse_list_to_vendors)
NOBODY = Policy("nobody", _nobody)
ADMIN = Policy("admin", _admin)
ADMIN_OR_MANAGER = Policy("admin-or-manager", _admin_or_manager)
