"""Metadata descriptors of a project: list, create, read, update, delete, reorder."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import Field

from reeltrack.auth.deps import Ctx, CtxDep
from reeltrack.routes.projects.access import managed_project, parse_id, readable_project
from reeltrack.services import metadata_descriptors as service
from reeltrack.wire.body import ArgsBody, BodySchema, validate_body
from reeltrack.wire.errors import NotFound, WrongParameter

router = APIRouter()
BASE = "/data/projects/{project_id}/metadata-descriptors"


class DescriptorBody(BodySchema):
    entity_type: str = "Asset"
    task_type_id: str | None = None
    name: str = Field(..., min_length=1)
    data_type: str = Field("string", min_length=1)
    for_client: bool | None = False
    choices: list[str] = Field(default=[])
    departments: list[str] = Field(default=[])


class DescriptorUpdateBody(BodySchema):
    name: str | None = None
    for_client: bool | None = False
    data_type: str = Field("string", min_length=1)
    choices: list[str] = Field(default=[])
    departments: list[str] = Field(default=[])


class ReorderBody(BodySchema):
    entity_type: str = Field(..., min_length=1)
    descriptor_ids: list[str] = Field(..., min_length=1)


def _emit(ctx: Ctx, action: str, row: Any) -> None:
    data = {"metadata_descriptor_id": row.id}
    ctx.uow.emit(f"metadata-descriptor:{action}", data, row.project_id)


def _existing_project(ctx: Ctx, project_id: str) -> Any:
    from reeltrack.models import Project

    parsed = parse_id(project_id)
    project = ctx.session.get(Project, parsed)
    if project is None:
        raise NotFound()
    return project


@router.get(BASE)
def list_descriptors(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    project = readable_project(ctx, project_id)
    return service.listed(ctx.session, ctx.actor, project.id)


@router.post(BASE, status_code=201)
def create_descriptor(ctx: CtxDep, project_id: str, payload: ArgsBody) -> dict[str, Any]:
    body = validate_body(DescriptorBody, payload)
    parsed = parse_id(project_id)
    service.check_departments_access(ctx.actor, parsed, body.departments)
    project = _existing_project(ctx, project_id)
    row, data = service.create(ctx.session, project.id, body.model_dump())
    _emit(ctx, "new", row)
    return data


@router.get(f"{BASE}/{{metadata_descriptor_id}}")
def get_descriptor(ctx: CtxDep, project_id: str, metadata_descriptor_id: str) -> dict[str, Any]:
    project = readable_project(ctx, project_id)
    row = service.get_row(ctx.session, project.id, metadata_descriptor_id)
    return service.readable(ctx.session, ctx.actor, row)


@router.put(f"{BASE}/{{metadata_descriptor_id}}")
def update_descriptor(
    ctx: CtxDep, project_id: str, metadata_descriptor_id: str, payload: ArgsBody
) -> dict[str, Any]:
    body = validate_body(DescriptorUpdateBody, payload)
    project = _existing_project(ctx, project_id)
    row = service.get_row(ctx.session, project.id, metadata_descriptor_id)
    current = service.linked_department_ids(ctx.session, row)
    service.check_departments_access(ctx.actor, project.id, current + body.departments)
    if body.name is not None and len(body.name) == 0:
        raise WrongParameter("Name cannot be empty.")
    service.check_data_type(body.data_type)
    data = service.update(ctx.session, row, body.model_dump())
    _emit(ctx, "update", row)
    return data


@router.delete(f"{BASE}/{{metadata_descriptor_id}}", status_code=204)
def delete_descriptor(ctx: CtxDep, project_id: str, metadata_descriptor_id: str) -> Response:
    project = _existing_project(ctx, project_id)
    row = service.get_row(ctx.session, project.id, metadata_descriptor_id)
    current = service.linked_department_ids(ctx.session, row)
    service.check_departments_access(ctx.actor, project.id, current)
    _emit(ctx, "delete", row)
    service.remove(ctx.session, row)
    return Response(status_code=204)


@router.post(f"{BASE}/reorder")
def reorder_descriptors(ctx: CtxDep, project_id: str, payload: ArgsBody) -> list[dict[str, Any]]:
    body = validate_body(ReorderBody, payload)
    project = managed_project(ctx, project_id)
    service.check_entity_type(body.entity_type)
    return service.reorder(ctx.session, project.id, body.entity_type, body.descriptor_ids)
