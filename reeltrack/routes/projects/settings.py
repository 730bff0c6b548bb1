"""Project settings: asset types, task types, task statuses, automations, backgrounds, batch."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import Field

from reeltrack.auth.deps import Ctx, CtxDep
from reeltrack.routes.projects.access import managed_project, parse_id, readable_project
from reeltrack.services import project_settings as service
from reeltrack.wire.body import INT32_MAX, ArgsBody, BodySchema, validate_body

router = APIRouter()
BASE = "/data/projects/{project_id}/settings"


class AssetTypeBody(BodySchema):
    asset_type_id: str = Field(..., min_length=1)


class TaskTypeBody(BodySchema):
    task_type_id: str = Field(..., min_length=1)
    priority: int | None = Field(None, ge=-INT32_MAX, le=INT32_MAX)  # a 32-bit column
    hd_bitrate_compression: int | None = Field(None, ge=1)
    ld_bitrate_compression: int | None = Field(None, ge=1)
    is_client_visible: bool | None = None

    def bitrates(self) -> dict[str, Any] | None:
        """The bitrates to write, or None when the body names neither (priority-only call)."""
        keys = ("hd_bitrate_compression", "ld_bitrate_compression")
        if not self.model_fields_set.intersection(keys):
            return None
        return {key: getattr(self, key) for key in keys}


class TaskStatusBody(BodySchema):
    task_status_id: str = Field(..., min_length=1)


class ClientAllowedBody(BodySchema):
    is_client_allowed: bool | None = Field(...)


class StatusAutomationBody(BodySchema):
    status_automation_id: str = Field(..., min_length=1)


class BackgroundBody(BodySchema):
    preview_background_file_id: str = Field(..., min_length=1)


class BatchBody(BodySchema):
    task_types: list[TaskTypeBody] = Field(default=[])
    task_status_ids: list[str] = Field(default=[])
    asset_type_ids: list[str] = Field(default=[])
    replace_task_types: bool = False


def _changed(ctx: Ctx, project: Any) -> None:
    ctx.uow.emit("project:update", {"project_id": project.id}, project.id)


def _add(ctx: Ctx, project_id: str, key: str, target_id: str) -> dict[str, Any]:
    project = managed_project(ctx, project_id)
    data = service.add(ctx.session, project, key, target_id)
    _changed(ctx, project)
    return data


def _remove(ctx: Ctx, project_id: str, key: str, target_id: str) -> Response:
    project = managed_project(ctx, project_id)
    service.remove(ctx.session, project, key, parse_id(target_id))
    _changed(ctx, project)
    return Response(status_code=204)


# ---------------------------------------------------------------- asset types


@router.post(f"{BASE}/asset-types", status_code=201)
def add_asset_type(ctx: CtxDep, project_id: str, payload: ArgsBody) -> dict[str, Any]:
    body = validate_body(AssetTypeBody, payload)
    return _add(ctx, project_id, "asset_types", body.asset_type_id)


@router.delete(f"{BASE}/asset-types/{{asset_type_id}}", status_code=204)
def remove_asset_type(ctx: CtxDep, project_id: str, asset_type_id: str) -> Response:
    return _remove(ctx, project_id, "asset_types", asset_type_id)


# ---------------------------------------------------------------- task types


@router.get("/data/projects/{project_id}/task-types")
def list_task_types(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    project = readable_project(ctx, project_id)
    return service.listed(ctx.session, project.id, "task_types")


@router.post(f"{BASE}/task-types", status_code=201)
def add_task_type(ctx: CtxDep, project_id: str, payload: ArgsBody) -> dict[str, Any]:
    body = validate_body(TaskTypeBody, payload)
    project = managed_project(ctx, project_id)
    data = service.add_task_type(
        ctx.session,
        project,
        body.task_type_id,
        body.priority,
        body.bitrates(),
        body.is_client_visible,
        ctx.runtime.settings.movie_highdef_bitrate,
    )
    _changed(ctx, project)
    return data


@router.delete(f"{BASE}/task-types/{{task_type_id}}", status_code=204)
def remove_task_type(ctx: CtxDep, project_id: str, task_type_id: str) -> Response:
    return _remove(ctx, project_id, "task_types", task_type_id)


# ---------------------------------------------------------------- task statuses


@router.get(f"{BASE}/task-status")
def list_task_statuses(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    project = readable_project(ctx, project_id)
    return service.listed(ctx.session, project.id, "task_statuses")


@router.post(f"{BASE}/task-status", status_code=201)
def add_task_status(ctx: CtxDep, project_id: str, payload: ArgsBody) -> dict[str, Any]:
    body = validate_body(TaskStatusBody, payload)
    return _add(ctx, project_id, "task_statuses", body.task_status_id)


@router.put(f"{BASE}/task-status/{{task_status_id}}")
def set_task_status_client_allowed(
    ctx: CtxDep, project_id: str, task_status_id: str, payload: ArgsBody
) -> dict[str, Any]:
    body = validate_body(ClientAllowedBody, payload)
    project = managed_project(ctx, project_id)
    data = service.set_client_allowed(ctx.session, project, task_status_id, body.is_client_allowed)
    _changed(ctx, project)
    return data


@router.delete(f"{BASE}/task-status/{{task_status_id}}", status_code=204)
def remove_task_status(ctx: CtxDep, project_id: str, task_status_id: str) -> Response:
    return _remove(ctx, project_id, "task_statuses", task_status_id)


# ---------------------------------------------------------------- status automations


@router.get(f"{BASE}/status-automations")
def list_status_automations(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    project = managed_project(ctx, project_id)
    return service.listed(ctx.session, project.id, "status_automations")


@router.post(f"{BASE}/status-automations", status_code=201)
def add_status_automation(ctx: CtxDep, project_id: str, payload: ArgsBody) -> dict[str, Any]:
    body = validate_body(StatusAutomationBody, payload)
    return _add(ctx, project_id, "status_automations", body.status_automation_id)


@router.delete(f"{BASE}/status-automations/{{status_automation_id}}", status_code=204)
def remove_status_automation(ctx: CtxDep, project_id: str, status_automation_id: str) -> Response:
    return _remove(ctx, project_id, "status_automations", status_automation_id)


# ---------------------------------------------------------------- preview backgrounds


@router.get(f"{BASE}/preview-background-files")
def list_backgrounds(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    project = readable_project(ctx, project_id)
    return service.listed(ctx.session, project.id, "preview_background_files")


@router.post(f"{BASE}/preview-background-files", status_code=201)
def add_background(ctx: CtxDep, project_id: str, payload: ArgsBody) -> dict[str, Any]:
    body = validate_body(BackgroundBody, payload)
    return _add(ctx, project_id, "preview_background_files", body.preview_background_file_id)


@router.delete(f"{BASE}/preview-background-files/{{preview_background_file_id}}", status_code=204)
def remove_background(ctx: CtxDep, project_id: str, preview_background_file_id: str) -> Response:
    return _remove(ctx, project_id, "preview_background_files", preview_background_file_id)


# ---------------------------------------------------------------- batch


@router.post(f"{BASE}/batch")
def apply_batch(ctx: CtxDep, project_id: str, payload: ArgsBody) -> dict[str, Any]:
    body = validate_body(BatchBody, payload)
    project = managed_project(ctx, project_id)
    data = service.apply_batch(
        ctx.session,
        project,
        [entry.model_dump() for entry in body.task_types],
        body.task_status_ids,
        body.asset_type_ids,
        body.replace_task_types,
    )
    _changed(ctx, project)
    return data
