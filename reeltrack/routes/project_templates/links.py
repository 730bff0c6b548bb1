"""A template's asset types, status automations, preview backgrounds and descriptors."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from reeltrack.auth.deps import CtxDep
from reeltrack.routes.project_templates.access import (
    admin_template,
    changed,
    check_admin,
    check_reader,
)
from reeltrack.routes.projects.settings import (
    AssetTypeBody,
    BackgroundBody,
    StatusAutomationBody,
)
from reeltrack.services import project_templates as service
from reeltrack.wire.body import ArgsBody, BodySchema, JsonBody, validate_body

router = APIRouter()
BASE = "/data/project-templates/{project_template_id}"


class DefaultBackgroundBody(BodySchema):
    default_preview_background_file_id: str | None = None


class DescriptorsBody(BodySchema):
    metadata_descriptors: list[Any] | None = None


# ---------------------------------------------------------------- asset types


@router.get(f"{BASE}/asset-types")
def list_asset_types(ctx: CtxDep, project_template_id: str) -> list[dict[str, Any]]:
    check_reader(ctx)
    return service.asset_types(ctx.session, project_template_id)


@router.post(f"{BASE}/asset-types", status_code=201)
def add_asset_type(ctx: CtxDep, project_template_id: str, payload: ArgsBody) -> dict[str, Any]:
    check_admin(ctx)
    body = validate_body(AssetTypeBody, payload)
    data = service.add_asset_type(ctx.session, project_template_id, body.asset_type_id)
    changed(ctx, project_template_id)
    return data


@router.delete(f"{BASE}/asset-types/{{asset_type_id}}", status_code=204)
def remove_asset_type(ctx: CtxDep, project_template_id: str, asset_type_id: str) -> Response:
    template = admin_template(ctx, project_template_id)
    service.remove_asset_type(ctx.session, template, asset_type_id)
    changed(ctx, template.id)
    return Response(status_code=204)


# ---------------------------------------------------------------- status automations


@router.get(f"{BASE}/status-automations")
def list_status_automations(ctx: CtxDep, project_template_id: str) -> list[dict[str, Any]]:
    check_reader(ctx)
    return service.status_automations(ctx.session, project_template_id)


@router.post(f"{BASE}/status-automations", status_code=201)
def add_status_automation(
    ctx: CtxDep, project_template_id: str, payload: ArgsBody
) -> dict[str, Any]:
    check_admin(ctx)
    body = validate_body(StatusAutomationBody, payload)
    data = service.add_status_automation(
        ctx.session, project_template_id, body.status_automation_id
    )
    changed(ctx, project_template_id)
    return data


@router.delete(f"{BASE}/status-automations/{{status_automation_id}}", status_code=204)
def remove_status_automation(
    ctx: CtxDep, project_template_id: str, status_automation_id: str
) -> Response:
    template = admin_template(ctx, project_template_id)
    service.remove_status_automation(ctx.session, template, status_automation_id)
    changed(ctx, template.id)
    return Response(status_code=204)


# ---------------------------------------------------------------- preview backgrounds


@router.get(f"{BASE}/preview-background-files")
def list_backgrounds(ctx: CtxDep, project_template_id: str) -> list[dict[str, Any]]:
    check_reader(ctx)
    return service.backgrounds(ctx.session, project_template_id)


@router.post(f"{BASE}/preview-background-files", status_code=201)
def add_background(ctx: CtxDep, project_template_id: str, payload: ArgsBody) -> dict[str, Any]:
    check_admin(ctx)
    body = validate_body(BackgroundBody, payload)
    data = service.add_background(ctx.session, project_template_id, body.preview_background_file_id)
    changed(ctx, project_template_id)
    return data


@router.delete(f"{BASE}/preview-background-files/{{preview_background_file_id}}", status_code=204)
def remove_background(
    ctx: CtxDep, project_template_id: str, preview_background_file_id: str
) -> Response:
    template = admin_template(ctx, project_template_id)
    service.remove_background(ctx.session, template, preview_background_file_id)
    changed(ctx, template.id)
    return Response(status_code=204)


@router.put(f"{BASE}/default-preview-background-file")
def set_default_background(
    ctx: CtxDep, project_template_id: str, payload: ArgsBody
) -> dict[str, Any]:
    check_admin(ctx)
    body = validate_body(DefaultBackgroundBody, payload)
    template = service.template_row(ctx.session, project_template_id)
    data = service.set_default_background(
        ctx.session, template, body.default_preview_background_file_id
    )
    changed(ctx, template.id)
    return data


# ---------------------------------------------------------------- metadata descriptors


@router.put(f"{BASE}/metadata-descriptors")
def set_descriptors(ctx: CtxDep, project_template_id: str, payload: JsonBody) -> dict[str, Any]:
    check_admin(ctx)
    if isinstance(payload, list):  # the descriptors may come as a bare array
        descriptors: Any = payload
    else:
        descriptors = validate_body(DescriptorsBody, payload).metadata_descriptors
    template = service.template_row(ctx.session, project_template_id)
    data = service.set_descriptors(ctx.session, template, descriptors)
    changed(ctx, template.id)
    return data
