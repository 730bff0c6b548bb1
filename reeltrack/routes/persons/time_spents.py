"""Time spent by one person, and the studio-wide time tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request

from reeltrack.auth.deps import Ctx, CtxDep
from reeltrack.services import periods
from reeltrack.services import time_reports as service
from reeltrack.services.person_admin import get_human
from reeltrack.wire.errors import Forbidden, WrongParameter

router = APIRouter()
Interval = tuple[dt.date, dt.date]


def _person_scope(ctx: Ctx, person_id: str) -> service.Scope:
    person = get_human(ctx.session, person_id)
    return service.person_scope(ctx.actor, person.id)


@router.get("/data/persons/{person_id}/time-spents")
def person_time_spents(ctx: CtxDep, person_id: str, request: Request) -> list[dict[str, Any]]:
    scope = _person_scope(ctx, person_id)
    start = request.query_params.get("start_date")
    end = request.query_params.get("end_date")
    if not start and not end:
        return service.time_spent_rows(ctx.session, scope, None)
    if not start or not end:
        raise WrongParameter(service.RANGE_NEEDS_BOTH)
    message = f"Wrong date format for {start} and/or {end}"
    first, last = periods.parse_day(start, message), periods.parse_day(end, message)
    return service.time_spent_range(ctx.session, scope, first, last)


@router.get("/data/persons/{person_id}/time-spents/{date}")
def person_day_rows(ctx: CtxDep, person_id: str, date: str) -> list[dict[str, Any]]:
    scope = _person_scope(ctx, person_id)
    day = periods.parse_day(date, periods.INVALID_MONTH)
    return service.time_spent_rows(ctx.session, scope, day)


def _by_task(
    ctx: Ctx, person_id: str, request: Request, interval: Callable[[], Interval]
) -> list[dict[str, Any]]:
    scope = _person_scope(ctx, person_id)
    project_id = service.optional_id(request.query_params.get("project_id"))
    scope = service.with_project(scope, project_id)
    start, end = interval()
    return service.period_by_task(ctx.session, scope, start, end)


@router.get("/data/persons/{person_id}/time-spents/year/{year}")
def person_year(ctx: CtxDep, person_id: str, year: str, request: Request) -> list:
    return _by_task(ctx, person_id, request, lambda: periods.year_interval(year))


@router.get("/data/persons/{person_id}/time-spents/month/{year}/{month}")
def person_month(ctx: CtxDep, person_id: str, year: str, month: str, request: Request) -> list:
    return _by_task(ctx, person_id, request, lambda: periods.month_interval(year, month))


@router.get("/data/persons/{person_id}/time-spents/week/{year}/{week}")
def person_week(ctx: CtxDep, person_id: str, year: str, week: str, request: Request) -> list:
    message = periods.INVALID_MONTH
    return _by_task(ctx, person_id, request, lambda: periods.week_interval(year, week, message))


@router.get("/data/persons/{person_id}/time-spents/day/{year}/{month}/{day}")
def person_day(
    ctx: CtxDep, person_id: str, year: str, month: str, day: str, request: Request
) -> list:
    message = periods.INVALID_MONTH
    return _by_task(
        ctx, person_id, request, lambda: periods.day_interval(year, month, day, message)
    )


def _table(
    ctx: Ctx, request: Request, level: str, interval: Interval | None
) -> dict[str, dict[str, float]]:
    params = request.query_params
    scope = service.table_scope(
        ctx.actor,
        service.optional_id(params.get("project_id")),
        service.optional_id(params.get("department_id")),
        service.optional_id(params.get("studio_id")),
    )
    start, end = interval if interval is not None else (None, None)
    return service.table(ctx.session, scope, level, start, end)


@router.get("/data/persons/time-spents/day-table/{year}/{month}")
def day_table(ctx: CtxDep, year: str, month: str, request: Request) -> dict[str, Any]:
    interval = periods.month_interval(year, month, periods.INVALID_MONTH)
    return _table(ctx, request, "day", interval)


@router.get("/data/persons/time-spents/week-table/{year}")
def week_table(ctx: CtxDep, year: str, request: Request) -> dict[str, Any]:
    return _table(ctx, request, "week", periods.year_interval(year, periods.INVALID_MONTH))


@router.get("/data/persons/time-spents/month-table/{year}")
def month_table(ctx: CtxDep, year: str, request: Request) -> dict[str, Any]:
    return _table(ctx, request, "month", periods.year_interval(year, periods.INVALID_MONTH))


@router.get("/data/persons/time-spents/year-table")
def year_table(ctx: CtxDep, request: Request) -> dict[str, Any]:
    return _table(ctx, request, "year", None)


@router.get("/data/persons/{person_id}/time-spents/month/all/{year}/{month}")
def person_month_all(ctx: CtxDep, person_id: str, year: str, month: str) -> list[dict[str, Any]]:
    person = get_human(ctx.session, person_id)
    if not (ctx.actor.is_admin or ctx.actor.person_id == person.id):
        raise Forbidden()
    start, end = periods.month_interval(year, month, periods.INVALID_MONTH)
    return service.rows_between(ctx.session, person.id, start, end)
