"""Days off of one person, and of the whole studio, by period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter

from reeltrack.auth.deps import Ctx, CtxDep
from reeltrack.crud.hooks.people import _reads_description
from reeltrack.services import day_offs as service
from reeltrack.services import periods
from reeltrack.services.person_admin import get_human

router = APIRouter()


def _access(ctx: Ctx, person_id: str) -> tuple[Any, bool]:
    """The person (not a bot) and whether the caller may read descriptions (else 403)."""
    person = get_human(ctx.session, person_id)
    return person, _reads_description(ctx, person.id)


def _person_period(
    ctx: Ctx, person_id: str, interval: Callable[[], tuple[dt.date, dt.date]]
) -> list[dict[str, Any]]:
    """Days off of one person overlapping a period (access is checked before the dates)."""
    person, with_description = _access(ctx, person_id)
    start, end = interval()
    rows = service.day_offs_between(ctx.session, start, end - dt.timedelta(days=1), [person.id])
    return service.shape(rows, with_description)


@router.get("/data/persons/{person_id}/day-offs")
def person_day_offs(ctx: CtxDep, person_id: str) -> list[dict[str, Any]]:
    person, with_description = _access(ctx, person_id)
    rows = service.day_offs_between(ctx.session, person_ids=[person.id])
    return service.shape(rows, with_description)


@router.get("/data/persons/{person_id}/day-offs/week/{year}/{week}")
def person_week_day_offs(ctx: CtxDep, person_id: str, year: str, week: str) -> list:
    return _person_period(ctx, person_id, lambda: periods.week_interval(year, week))


@router.get("/data/persons/{person_id}/day-offs/month/{year}/{month}")
def person_month_day_offs(ctx: CtxDep, person_id: str, year: str, month: str) -> list:
    return _person_period(ctx, person_id, lambda: periods.month_interval(year, month))


@router.get("/data/persons/{person_id}/day-offs/year/{year}")
def person_year_day_offs(ctx: CtxDep, person_id: str, year: str) -> list:
    return _person_period(ctx, person_id, lambda: periods.year_interval(year))


@router.get("/data/persons/{person_id}/day-offs/{date}")
def person_day_off(ctx: CtxDep, person_id: str, date: str) -> dict[str, Any]:
    person, with_description = _access(ctx, person_id)
    day_off = service.day_off_on(ctx.session, person.id, periods.parse_day(date))
    return day_off if with_description else service.dates_only(day_off)


@router.get("/data/persons/day-offs/{year}")
def studio_year_day_offs(ctx: CtxDep, year: str) -> list[dict[str, Any]]:
    start, end = periods.year_interval(year)
    return service.studio_day_offs(ctx.session, ctx.actor, start, end - dt.timedelta(days=1))


@router.get("/data/persons/day-offs/{year}/{month}")
def studio_month_day_offs(ctx: CtxDep, year: str, month: str) -> list[dict[str, Any]]:
    start, end = periods.month_interval(year, month)
    return service.studio_day_offs(ctx.session, ctx.actor, start, end - dt.timedelta(days=1))
