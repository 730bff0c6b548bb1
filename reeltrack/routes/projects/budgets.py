"""Budgets of a production and their entries; the project's managers only.

Lists show Zou's short form; a single budget or entry shows every column.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import Field

from reeltrack.auth.deps import Ctx, CtxDep
from reeltrack.routes.projects.access import managed_project, parse_id
from reeltrack.services import budgets as service
from reeltrack.wire.body import ArgsBody, BodySchema, validate_body
from reeltrack.wire.errors import Forbidden
from reeltrack.wire.present import present

router = APIRouter()
BUDGETS = "/data/projects/{project_id}/budgets"
ENTRIES = BUDGETS + "/{budget_id}/entries"


class BudgetBody(BodySchema):
    name: str = Field(..., min_length=1)
    currency: str | None = Field("USD", max_length=3)


class BudgetUpdateBody(BodySchema):
    name: str | None = None
    currency: str | None = Field(None, max_length=3)


class EntryBody(BodySchema):
    department_id: str = Field(..., min_length=1)
    person_id: str | None = None
    start_date: str | None = None
    months_duration: int | None = None
    daily_salary: float | None = None
    position: str | None = None
    seniority: str | None = None


class EntryUpdateBody(BodySchema):
    department_id: str | None = None
    person_id: str | None = None
    start_date: str | None = None
    months_duration: int | None = None
    daily_salary: float | None = None
    position: str | None = None
    seniority: str | None = None
    exceptions: dict[str, Any] | None = Field(default={})


def _budget_event(ctx: Ctx, action: str, budget: Any) -> None:
    ctx.uow.emit(f"budget:{action}", {"budget_id": budget.id}, budget.project_id)


def _entry_event(ctx: Ctx, action: str, budget: Any, entry: Any) -> None:
    data = {"budget_id": budget.id, "budget_entry_id": entry.id}
    ctx.uow.emit(f"budget-entry:{action}", data, budget.project_id)


@router.get(BUDGETS)
def list_budgets(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    project = managed_project(ctx, project_id)
    return service.budgets(ctx.session, project.id)


@router.post(BUDGETS)
def create_budget(ctx: CtxDep, project_id: str, payload: ArgsBody) -> dict[str, Any]:
    project = managed_project(ctx, project_id)
    body = validate_body(BudgetBody, payload)
    row = service.create_budget(ctx.session, project.id, body.name, body.currency)
    _budget_event(ctx, "create", row)
    return present(row)


@router.get(BUDGETS + "/time-spents")
def month_time_spents(ctx: CtxDep, project_id: str) -> dict[str, Any]:
    if not ctx.actor.is_admin:
        raise Forbidden()
    return service.month_time_spents(ctx.session, parse_id(project_id))


@router.get(BUDGETS + "/{budget_id}")
def get_budget(ctx: CtxDep, project_id: str, budget_id: str) -> dict[str, Any]:
    project = managed_project(ctx, project_id)
    return present(service.budget_of(ctx.session, project.id, budget_id))


@router.put(BUDGETS + "/{budget_id}")
def update_budget(
    ctx: CtxDep, project_id: str, budget_id: str, payload: ArgsBody
) -> dict[str, Any]:
    project = managed_project(ctx, project_id)
    body = validate_body(BudgetUpdateBody, payload)
    row = service.budget_of(ctx.session, project.id, budget_id)
    service.update_budget(ctx.session, row, body.name, body.currency)
    _budget_event(ctx, "update", row)
    return present(row)


@router.delete(BUDGETS + "/{budget_id}", status_code=204)
def delete_budget(ctx: CtxDep, project_id: str, budget_id: str) -> Response:
    project = managed_project(ctx, project_id)
    row = service.budget_of(ctx.session, project.id, budget_id)
    _budget_event(ctx, "delete", row)
    service.delete_budget(ctx.session, row)
    return Response(status_code=204)


@router.get(ENTRIES)
def list_entries(ctx: CtxDep, project_id: str, budget_id: str) -> list[dict[str, Any]]:
    project = managed_project(ctx, project_id)
    budget = service.budget_of(ctx.session, project.id, budget_id)
    return service.entries(ctx.session, budget.id)


@router.post(ENTRIES)
def create_entry(ctx: CtxDep, project_id: str, budget_id: str, payload: ArgsBody) -> dict[str, Any]:
    project = managed_project(ctx, project_id)
    budget = service.budget_of(ctx.session, project.id, budget_id)
    body = validate_body(EntryBody, payload)
    row = service.create_entry(ctx.session, budget, body.model_dump())
    _entry_event(ctx, "create", budget, row)
    return present(row)


@router.get(ENTRIES + "/{entry_id}")
def get_entry(ctx: CtxDep, project_id: str, budget_id: str, entry_id: str) -> dict[str, Any]:
    project = managed_project(ctx, project_id)
    budget = service.budget_of(ctx.session, project.id, budget_id)
    return present(service.entry_of(ctx.session, budget, entry_id))


@router.put(ENTRIES + "/{entry_id}")
def update_entry(
    ctx: CtxDep, project_id: str, budget_id: str, entry_id: str, payload: ArgsBody
) -> dict[str, Any]:
    project = managed_project(ctx, project_id)
    budget = service.budget_of(ctx.session, project.id, budget_id)
    body = validate_body(EntryUpdateBody, payload)
    row = service.entry_of(ctx.session, budget, entry_id)
    service.update_entry(ctx.session, row, body.model_dump(exclude_unset=True))
    _entry_event(ctx, "update", budget, row)
    return present(row)


@router.delete(ENTRIES + "/{entry_id}", status_code=204)
def delete_entry(ctx: CtxDep, project_id: str, budget_id: str, entry_id: str) -> Response:
    project = managed_project(ctx, project_id)
    budget = service.budget_of(ctx.session, project.id, budget_id)
    row = service.entry_of(ctx.session, budget, entry_id)
    _entry_event(ctx, "delete", budget, row)
    ctx.session.delete(row)
    ctx.session.flush()
    return Response(status_code=204)
