"""Department members and the hardware items and software licenses of departments."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Response

from reeltrack.auth.deps import CtxDep
from reeltrack.services import departments as service
from reeltrack.wire.body import BodySchema, JsonBody, validate_body
from reeltrack.wire.errors import NotFound

router = APIRouter()


class SoftwareBody(BodySchema):
    software_id: uuid.UUID


class HardwareBody(BodySchema):
    hardware_item_id: uuid.UUID


@router.get("/data/departments/software-licenses")
def all_department_software(ctx: CtxDep) -> dict[str, Any]:
    service.require_admin(ctx.actor)
    return service.items_by_department(ctx.session, "software")


@router.get("/data/departments/hardware-items")
def all_department_hardware(ctx: CtxDep) -> dict[str, Any]:
    service.require_admin(ctx.actor)
    return service.items_by_department(ctx.session, "hardware")


@router.post("/data/departments/{department_id}/software-licenses", status_code=201)
def add_software(ctx: CtxDep, department_id: str, payload: JsonBody) -> dict[str, Any]:
    service.require_admin(ctx.actor)
    body = validate_body(SoftwareBody, payload)
    department = service.parse_id(department_id)
    return service.link_item(ctx.session, "software", department, body.software_id)


@router.post("/data/departments/{department_id}/hardware-items", status_code=201)
def add_hardware(ctx: CtxDep, department_id: str, payload: JsonBody) -> dict[str, Any]:
    service.require_admin(ctx.actor)
    body = validate_body(HardwareBody, payload)
    department = service.parse_id(department_id)
    return service.link_item(ctx.session, "hardware", department, body.hardware_item_id)


def _one(ctx: CtxDep, kind: str, department_id: str, item_id: str) -> dict[str, Any]:
    service.require_admin(ctx.actor)
    department, item = service.parse_id(department_id), service.parse_id(item_id)
    for row in service.department_items(ctx.session, kind, department):
        if row["id"] == item:
            return row
    raise NotFound()


def _remove(ctx: CtxDep, kind: str, department_id: str, item_id: str) -> Response:
    service.require_admin(ctx.actor)
    department, item = service.parse_id(department_id), service.parse_id(item_id)
    service.unlink_item(ctx.session, kind, department, item)
    return Response(status_code=204)


@router.get("/data/departments/{department_id}/software-licenses/{software_id}")
def get_software(ctx: CtxDep, department_id: str, software_id: str) -> dict[str, Any]:
    return _one(ctx, "software", department_id, software_id)


@router.delete("/data/departments/{department_id}/software-licenses/{software_id}")
def remove_software(ctx: CtxDep, department_id: str, software_id: str) -> Response:
    return _remove(ctx, "software", department_id, software_id)


@router.get("/data/departments/{department_id}/hardware-items/{hardware_item_id}")
def get_hardware(ctx: CtxDep, department_id: str, hardware_item_id: str) -> dict[str, Any]:
    return _one(ctx, "hardware", department_id, hardware_item_id)


@router.delete("/data/departments/{department_id}/hardware-items/{hardware_item_id}")
def remove_hardware(ctx: CtxDep, department_id: str, hardware_item_id: str) -> Response:
    return _remove(ctx, "hardware", department_id, hardware_item_id)


@router.get("/data/departments/{department_id}/persons")
def department_persons(ctx: CtxDep, department_id: str) -> list[dict[str, Any]]:
    department = service.parse_id(department_id)
    return service.department_persons(ctx.session, ctx.actor, department)
