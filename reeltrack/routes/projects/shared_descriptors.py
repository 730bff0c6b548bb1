"""Metadata descriptors shared by every open project the caller manages."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import Field

from reeltrack.auth.deps import Ctx, CtxDep
from reeltrack.routes.projects.descriptors import DescriptorBody
from reeltrack.services import metadata_descriptors as service
from reeltrack.wire.body import ArgsBody, BodySchema, validate_body
from reeltrack.wire.errors import Forbidden

router = APIRouter()
BASE = "/data/metadata-descriptors/all-projects"


class SharedUpdateBody(BodySchema):
    entity_type: str = Field(..., min_length=1)
    name: str | None = None
    for_client: bool | None = False
    data_type: str = Field("string", min_length=1)
    choices: list[str] = Field(default=[])
    departments: list[str] = Field(default=[])


class SharedOrderBody(BodySchema):
    entity_type: str = Field(..., min_length=1)
    field_order: list[str] = Field(..., min_length=1)


def _check_manager(ctx: Ctx) -> None:
    if ctx.actor.role not in ("admin", "manager"):
        raise Forbidden()


@router.post(BASE, status_code=201)
def create_shared(ctx: CtxDep, payload: ArgsBody) -> list[dict[str, Any]]:
    _check_manager(ctx)
    body = validate_body(DescriptorBody, payload)
    service.check_shared_entity_type(body.entity_type)
    service.check_data_type(body.data_type)
    project_ids = service.managed_open_project_ids(ctx.session, ctx.actor)
    created = service.create_on_projects(ctx.session, project_ids, body.model_dump())
    for row, _ in created:
        ctx.uow.emit("metadata-descriptor:new", {"metadata_descriptor_id": row.id}, row.project_id)
    return [data for _, data in created]


@router.put(BASE + "/{field_name}")
def update_shared(ctx: CtxDep, field_name: str, payload: ArgsBody) -> list[dict[str, Any]]:
    _check_manager(ctx)
    body = validate_body(SharedUpdateBody, payload)
    service.check_shared_entity_type(body.entity_type)
    service.check_data_type(body.data_type)
    changes: dict[str, Any] = {
        "for_client": body.for_client,
        "data_type": body.data_type,
        "choices": body.choices,
        "departments": body.departments,
    }
    if body.name:
        changes["name"] = body.name
    project_ids = service.managed_open_project_ids(ctx.session, ctx.actor)
    result = []
    for row in service.by_field(ctx.session, project_ids, body.entity_type, field_name):
        result.append(service.update(ctx.session, row, dict(changes)))
        ctx.uow.emit(
            "metadata-descriptor:update", {"metadata_descriptor_id": row.id}, row.project_id
        )
    return result


@router.delete(BASE + "/{field_name}")
def delete_shared(ctx: CtxDep, field_name: str, request: Request) -> list[str]:
    _check_manager(ctx)
    entity_type = request.query_params.get("entity_type")
    service.check_shared_entity_type(entity_type)
    assert entity_type is not None
    project_ids = service.managed_open_project_ids(ctx.session, ctx.actor)
    removed = []
    for row in service.by_field(ctx.session, project_ids, entity_type, field_name):
        ctx.uow.emit(
            "metadata-descriptor:delete", {"metadata_descriptor_id": row.id}, row.project_id
        )
        removed.append(str(row.id))
        service.remove(ctx.session, row)
    return removed


@router.post("/actions/metadata-descriptors/all-projects/reorder")
def reorder_shared(ctx: CtxDep, payload: ArgsBody) -> list[dict[str, Any]]:
    _check_manager(ctx)
    body = validate_body(SharedOrderBody, payload)
    service.check_shared_entity_type(body.entity_type)
    project_ids = service.managed_open_project_ids(ctx.session, ctx.actor)
    return service.reorder_on_projects(ctx.session, project_ids, body.entity_type, body.field_order)
