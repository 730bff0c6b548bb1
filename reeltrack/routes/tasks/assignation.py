"""Assign, unassign and prioritise tasks."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import Field

from reeltrack.auth.deps import CtxDep
from reeltrack.services import task_assignation as service
from reeltrack.wire.body import BodySchema, JsonBody, validate_body

router = APIRouter()


class TaskIdsBody(BodySchema):
    task_ids: list[str] = Field(..., min_length=1)


class UnassignBody(TaskIdsBody):
    person_id: str | None = None


class PriorityBody(TaskIdsBody):
    priority: int = Field(..., ge=0)


class AssignPersonBody(BodySchema):
    person_id: str = Field(..., min_length=1)


@router.put("/actions/tasks/{task_id}/assign")
def assign_task(ctx: CtxDep, task_id: str, payload: JsonBody) -> dict[str, Any]:
    body = validate_body(AssignPersonBody, payload)
    return service.assign_one(ctx, task_id, body.person_id)


@router.put("/actions/persons/{person_id}/assign")
def assign_tasks(ctx: CtxDep, person_id: str, payload: JsonBody) -> list[dict[str, Any]]:
    body = validate_body(TaskIdsBody, payload)
    return service.assign_many(ctx, person_id, body.task_ids)


@router.put("/actions/tasks/clear-assignation")
def clear_assignation(ctx: CtxDep, payload: JsonBody) -> list[str]:
    body = validate_body(UnassignBody, payload)
    return service.clear_assignation(ctx, body.task_ids, body.person_id)


@router.put("/actions/tasks/set-priority")
def set_priority(ctx: CtxDep, payload: JsonBody) -> list[dict[str, Any]]:
    body = validate_body(PriorityBody, payload)
    return service.set_priority(ctx, body.task_ids, body.priority)
