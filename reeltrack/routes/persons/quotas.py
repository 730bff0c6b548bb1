"""Shot quotas of a person by day, ISO week or month."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request

from reeltrack.auth.deps import Ctx, CtxDep
from reeltrack.services import periods
from reeltrack.services import quotas as service
from reeltrack.services.person_admin import get_human
from reeltrack.services.time_reports import optional_id
from reeltrack.wire.errors import Forbidden, WrongParameter

router = APIRouter()


def _quotas(
    ctx: Ctx, person_id: str, request: Request, interval: Callable[[], tuple[dt.date, dt.date]]
) -> list[dict[str, Any]]:
    from reeltrack.models import Person

    person = get_human(ctx.session, person_id)
    params = request.query_params
    project_id = optional_id(params.get("project_id"))
    task_type_id = optional_id(params.get("task_type_id"))
    mode = params.get("count_mode") or "weighted"
    if mode not in service.COUNT_MODES:
        raise WrongParameter(service.BAD_COUNT_MODE)
    actor = ctx.actor
    # Leads read the quotas of a production they are in; everyone else only their own.
    lead = project_id is not None and actor.role_in(project_id) in ("manager", "supervisor")
    if not (lead or actor.is_admin or actor.person_id == person.id):
        raise Forbidden()
    start, end = interval()
    caller = ctx.session.get(Person, actor.person_id)
    return service.quota_shots(
        ctx.session,
        person.id,
        dt.datetime.combine(start, dt.time.min),
        dt.datetime.combine(end, dt.time.min),
        project_id=project_id,
        task_type_id=task_type_id,
        weighted="weighted" in mode,
        feedback="done" not in mode,
        timezone=caller.timezone if caller is not None else None,
    )


@router.get("/data/persons/{person_id}/quota-shots/month/{year}/{month}")
def month_quotas(ctx: CtxDep, person_id: str, year: str, month: str, request: Request) -> list:
    message = periods.INVALID_MONTH
    return _quotas(ctx, person_id, request, lambda: periods.month_interval(year, month, message))


@router.get("/data/persons/{person_id}/quota-shots/week/{year}/{week}")
def week_quotas(ctx: CtxDep, person_id: str, year: str, week: str, request: Request) -> list:
    message = periods.INVALID_MONTH
    return _quotas(ctx, person_id, request, lambda: periods.week_interval(year, week, message))


@router.get("/data/persons/{person_id}/quota-shots/day/{year}/{month}/{day}")
def day_quotas(
    ctx: CtxDep, person_id: str, year: str, month: str, day: str, request: Request
) -> list:
    message = periods.INVALID_MONTH
    return _quotas(ctx, person_id, request, lambda: periods.day_interval(year, month, day, message))
