"""Time spent on a task: list (all days or one), set, add and delete per person and day."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import Field

from reeltrack.auth.deps import CtxDep
from reeltrack.services import task_time_spents as service
from reeltrack.wire.body import BodySchema, JsonBody, validate_body

router = APIRouter()
PERSON_DAY = "/actions/tasks/{task_id}/time-spents/{date}/persons/{person_id}"


class TimeSpentBody(BodySchema):
    duration: float = Field(..., gt=0)


@router.get("/actions/tasks/{task_id}/time-spents")
def get_time_spents(ctx: CtxDep, task_id: str) -> dict[str, Any]:
    return service.time_spents(ctx.session, ctx.actor, task_id)


@router.get("/actions/tasks/{task_id}/time-spents/{date}")
def get_day_time_spents(ctx: CtxDep, task_id: str, date: str) -> dict[str, Any]:
    return service.time_spents(ctx.session, ctx.actor, task_id, date)


@router.post(PERSON_DAY, status_code=201)
def set_time_spent(
    ctx: CtxDep, task_id: str, date: str, person_id: str, payload: JsonBody
) -> dict[str, Any]:
    body = validate_body(TimeSpentBody, payload)
    return service.set_time_spent(ctx, task_id, date, person_id, body.duration, add=False)


@router.post(PERSON_DAY + "/add", status_code=201)
def add_time_spent(
    ctx: CtxDep, task_id: str, date: str, person_id: str, payload: JsonBody
) -> dict[str, Any]:
    body = validate_body(TimeSpentBody, payload)
    return service.set_time_spent(ctx, task_id, date, person_id, body.duration, add=True)


@router.delete(PERSON_DAY, status_code=201)
def delete_time_spent(ctx: CtxDep, task_id: str, date: str, person_id: str) -> dict[str, Any]:
    return service.delete_time_spent(ctx, task_id, date, person_id)
