"""Desktop login logs of a person."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from fastapi import APIRouter, Response
from pydantic import field_validator

from reeltrack.auth.deps import CtxDep
from reeltrack.crud.values import parse_datetime, parse_uuid
from reeltrack.db.base import utcnow
from reeltrack.services import desktop_logins as service
from reeltrack.services.person_admin import get_person
from reeltrack.wire.body import BodySchema, JsonBody, validate_body
from reeltrack.wire.errors import Forbidden, MalformedId, WrongParameter

router = APIRouter()
WRONG_DATE = "Wrong date format. Expected: 2020-01-05T13:23:10 or 2020-01-05"


class LoginBody(BodySchema):
    date: dt.datetime | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        if not value:
            return None
        parsed = parse_datetime(value) if isinstance(value, str) else None
        if parsed is None:
            raise ValueError(WRONG_DATE)
        return parsed


def _target(person_id: str) -> uuid.UUID:
    parsed = parse_uuid(person_id)
    if parsed is None:
        raise MalformedId()
    return parsed


@router.get("/data/persons/{person_id}/desktop-login-logs")
def desktop_login_logs(ctx: CtxDep, person_id: str) -> list[dict[str, Any]]:
    actor = ctx.actor
    if _target(person_id) != actor.person_id and not (actor.is_admin or actor.is_manager):
        raise Forbidden()
    person = get_person(ctx.session, person_id)
    return service.login_logs(ctx.session, person.id)


@router.post("/data/persons/{person_id}/desktop-login-logs", status_code=201)
def add_desktop_login_log(ctx: CtxDep, person_id: str, payload: JsonBody) -> dict[str, Any]:
    body = validate_body(LoginBody, payload)
    if _target(person_id) != ctx.actor.person_id and not ctx.actor.is_admin:
        raise Forbidden()
    person = get_person(ctx.session, person_id)
    return service.record_login(ctx.session, person, body.date or utcnow())


@router.get("/data/persons/presence-logs/{month_date}")
def presence_logs(ctx: CtxDep, month_date: str) -> Response:
    if not ctx.actor.is_admin:
        raise Forbidden()
    try:
        month = dt.datetime.strptime(month_date, "%Y-%m")
    except ValueError:
        raise WrongParameter("Invalid month or year.") from None
    sheet = service.presence_sheet(ctx.session, month.year, month.month)
    return Response(
        service.to_csv(sheet),
        media_type="text/csv",
        headers={"Content-Disposition": "attachment; filename=kitsu_export.csv"},
    )
