"""A production's preview account: a client login its managers open for an hour at a time."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from reeltrack.auth.deps import CtxDep
from reeltrack.routes.projects.access import managed_project
from reeltrack.services import preview_accounts as service
from reeltrack.wire.body import BodySchema, JsonBody, validate_body

router = APIRouter()
PATH = "/data/projects/{project_id}/preview-account"


class OpenBody(BodySchema):
    is_open: bool


@router.get(PATH)
def get_preview_account(ctx: CtxDep, project_id: str) -> Any:
    project = managed_project(ctx, project_id)
    return service.get(ctx.session, project.id)


@router.post(PATH, status_code=201)
def create_or_reset_preview_account(ctx: CtxDep, project_id: str) -> dict[str, Any]:
    project = managed_project(ctx, project_id)
    account, password, _created = service.create_or_reset(ctx.session, project)
    return {**account, "password": password}


@router.put(PATH)
def open_or_close_preview_account(ctx: CtxDep, project_id: str, payload: JsonBody) -> Any:
    body = validate_body(OpenBody, payload)
    project = managed_project(ctx, project_id)
    return service.set_open(ctx.session, project.id, body.is_open)


@router.delete(PATH, status_code=204)
def delete_preview_account(ctx: CtxDep, project_id: str) -> Response:
    project = managed_project(ctx, project_id)
    removed = service.remove(ctx.session, project.id)
    if removed is not None:
        ctx.uow.emit("person:delete", {"person_id": removed})
    return Response(status_code=204)
