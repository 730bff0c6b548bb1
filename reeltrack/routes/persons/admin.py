"""Admin actions on a person: departments and password."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import Field
from sqlalchemy import select

from reeltrack.auth.deps import CtxDep
from reeltrack.services import person_admin as service
from reeltrack.storage.kv import SessionStore
from reeltrack.wire.body import BodySchema, JsonBody, validate_body

router = APIRouter()


class DepartmentBody(BodySchema):
    department_id: uuid.UUID


class PasswordBody(BodySchema):
    password: str = Field(min_length=1)
    password_2: str = Field(min_length=1)


@router.post("/actions/persons/{person_id}/departments/add", status_code=201)
def add_to_department(ctx: CtxDep, person_id: str, payload: JsonBody) -> dict[str, Any]:
    service.require_admin(ctx.actor)
    body = validate_body(DepartmentBody, payload)
    department_id = service.check_department(ctx.session, body.department_id)
    person = service.get_person(ctx.session, person_id)
    result = service.add_to_department(ctx.session, person, department_id)
    ctx.uow.emit("person:update", {"person_id": person.id})
    return result


@router.delete("/actions/persons/{person_id}/departments/{department_id}")
def remove_from_department(ctx: CtxDep, person_id: str, department_id: str) -> Response:
    service.require_admin(ctx.actor)
    department = service.check_department(ctx.session, department_id)
    person = service.get_person(ctx.session, person_id)
    service.remove_from_department(ctx.session, person, department)
    ctx.uow.emit("person:update", {"person_id": person.id})
    return Response(status_code=204)


@router.post("/actions/persons/{person_id}/change-password")
def change_password(ctx: CtxDep, person_id: str, payload: JsonBody) -> dict[str, Any]:
    person = service.get_human(ctx.session, person_id)
    service.require_admin(ctx.actor)
    body = validate_body(PasswordBody, payload)
    settings = ctx.runtime.settings
    service.set_password(ctx.session, settings, ctx.actor, person, body.password, body.password_2)
    return {"success": True}


@router.delete("/actions/persons/{person_id}/clear-avatar")
def clear_avatar(ctx: CtxDep, person_id: str) -> Response:
    service.require_admin(ctx.actor)
    person = service.get_person(ctx.session, person_id)
    person.has_avatar = False
    ctx.session.flush()
    ctx.uow.emit("person:update", {"person_id": person.id})
    return Response(status_code=204)


@router.delete("/actions/persons/{person_id}/disable-two-factor-authentication")
def disable_two_factor(ctx: CtxDep, person_id: str) -> dict[str, bool]:
    person = service.get_human(ctx.session, person_id)
    service.require_admin(ctx.actor)
    service.disable_two_factor(ctx.session, ctx.runtime.settings, ctx.actor, person)
    return {"success": True}


@router.post("/actions/persons/{person_id}/reset-password-link")
def reset_password_link(ctx: CtxDep, person_id: str, request: Request) -> dict[str, str]:
    person = service.get_human(ctx.session, person_id)
    service.require_admin(ctx.actor)
    base_url = str(request.base_url)
    link = service.password_reset_link(
        SessionStore(ctx.runtime.kv, ctx.session), ctx.actor, person, base_url
    )
    return {"reset_password_link": link}


@router.get("/actions/persons/{person_id}/invite")
def invite(ctx: CtxDep, person_id: str, request: Request) -> dict[str, Any]:
    from reeltrack.models import Organisation

    person = service.get_human(ctx.session, person_id)
    service.require_admin(ctx.actor)
    name = ctx.session.scalar(select(Organisation.name).limit(1)) or "Kitsu"
    settings, kv = ctx.runtime.settings, ctx.runtime.kv
    service.invite(settings, kv, person, name, str(request.base_url))
    return {"success": True, "message": "Email sent"}
