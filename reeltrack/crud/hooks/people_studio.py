"""Studio data of the people group: salary scales, custom actions, budgets, shared policies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select

from reeltrack.crud.spec import Hooks
from reeltrack.models.person import POSITION_TYPES, SENIORITY_TYPES
from reeltrack.wire.errors import Forbidden, WrongParameter

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx


# ---------------------------------------------------------------- salary scales


def refuse_salary_scale_creation(ctx: Ctx, body: dict[str, Any], row: Any) -> dict[str, Any]:
    """Salary scales only come from the department × position × seniority grid."""
    if row is None:
        if not ctx.actor.is_admin:
            raise Forbidden()
        raise WrongParameter("Salary scales cannot be created")
    return {}


def ensure_salary_scales(ctx: Ctx, stmt: Any, _params: Mapping[str, str]) -> Any:
    """Create the missing salary scale of every department, position and seniority."""
    from reeltrack.models import Department, SalaryScale

    session = ctx.session
    existing = {
        (department_id, position, seniority)
        for department_id, position, seniority in session.execute(
            select(SalaryScale.department_id, SalaryScale.position, SalaryScale.seniority)
        )
    }
    missing = [
        {"department_id": department_id, "position": position, "seniority": seniority}
        for department_id in session.scalars(select(Department.id))
        for position in POSITION_TYPES
        for seniority in SENIORITY_TYPES
        if (department_id, position, seniority) not in existing
    ]
    if missing:
        session.execute(insert(SalaryScale), missing)
    return stmt


SALARY_SCALE_HOOKS = Hooks(prepare=refuse_salary_scale_creation, list_query=ensure_salary_scales)


# ---------------------------------------------------------------- custom actions


def custom_action_create(_ctx: Ctx, values: dict[str, Any]) -> None:
    if values.get("name") is None:
        raise WrongParameter("The 'name' field is required and cannot be None.")


def custom_action_update(_ctx: Ctx, _row: Any, values: dict[str, Any]) -> None:
    if "name" in values and values["name"] is None:
        raise WrongParameter("The 'name' field cannot be set to None.")


CUSTOM_ACTION_HOOKS = Hooks(
    validate_create=custom_action_create, validate_update=custom_action_update
)


# ---------------------------------------------------------------- budgets


def _keep_on_update(field: str) -> Any:
    """A prepare hook dropping `field` from update bodies only (creation may set it)."""

    def prepare(_ctx: Ctx, body: dict[str, Any], row: Any) -> dict[str, Any]:
        if row is not None:
            body.pop(field, None)
        return {}

    return prepare


# The revision identifies a budget quote; the budget ties an entry to a production.
BUDGET_HOOKS = Hooks(prepare=_keep_on_update("revision"))
BUDGET_ENTRY_HOOKS = Hooks(prepare=_keep_on_update("budget_id"))
