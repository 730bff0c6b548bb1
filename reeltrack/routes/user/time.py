"""The caller's time spents, days off and desktop login logs."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from reeltrack.auth.deps import CtxDep
from reeltrack.services import user_time
from reeltrack.wire.body import ArgsBody
from reeltrack.wire.errors import WrongParameter

router = APIRouter()
BOTH_DATES = (
    "If querying for a range of dates, both a `start_date` and an `end_date` must be given."
)


@router.get("/data/user/time-spents")
def get_time_spents(ctx: CtxDep, request: Request) -> list[dict[str, Any]]:
    start = request.query_params.get("start_date") or None
    end = request.query_params.get("end_date") or None
    if start is None and end is None:
        # Zou matches the rows dated NULL here, so it answers an empty list.
        return []
    if start is None or end is None:
        raise WrongParameter(BOTH_DATES)
    return user_time.time_spents_range(ctx.session, ctx.actor, start, end)


@router.get("/data/user/time-spents/{date}")
def get_day_time_spents(ctx: CtxDep, date: str) -> list[dict[str, Any]]:
    return user_time.time_spents_of_day(ctx.session, ctx.actor, user_time.parse_day(date))


@router.get("/data/user/tasks/{task_id}/time-spents/{date}")
def get_task_time_spent(ctx: CtxDep, task_id: str, date: str) -> Any:
    return user_time.task_time_spent(ctx.session, ctx.actor, task_id, date)


@router.get("/data/user/day-offs/{date}")
def get_day_off(ctx: CtxDep, date: str) -> dict[str, Any]:
    return user_time.day_off(ctx.session, ctx.actor, date)


@router.get("/data/user/desktop-login-logs")
def get_desktop_login_logs(ctx: CtxDep) -> list[dict[str, Any]]:
    return user_time.desktop_login_logs(ctx.session, ctx.actor)


@router.post("/data/user/desktop-login-logs", status_code=201)
def add_desktop_login_log(ctx: CtxDep, payload: ArgsBody) -> dict[str, Any]:
    date = payload.get("date") if isinstance(payload, dict) else None
    row = user_time.add_desktop_login(ctx.session, ctx.actor, date)
    ctx.uow.emit("person:update", {"person_id": ctx.actor.person_id})
    return row
