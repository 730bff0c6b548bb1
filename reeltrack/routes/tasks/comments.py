"""The comment routes of Zou's `tasks` blueprint: a task's thread, one comment, previews."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import Field

from reeltrack.auth.deps import CtxDep
from reeltrack.crud.hooks.reviews_access import (
    check_manager_project_access,
    check_project_access,
    check_task_access,
    check_task_action_access,
)
from reeltrack.crud.hooks.reviews_comments import check_comment_access
from reeltrack.services import comment_actions, comment_reading
from reeltrack.services.comment_reading import comment_of_task, get_task, parse_id
from reeltrack.wire.body import BodySchema, JsonBody, validate_body
from reeltrack.wire.errors import Forbidden, NotFound, WrongParameter
from reeltrack.wire.paging import int_arg
from reeltrack.wire.present import present

router = APIRouter()


class PreviewBody(BodySchema):
    revision: int | None = Field(None, ge=0)


@router.get("/data/tasks/{task_id}/comments")
def task_comments(ctx: CtxDep, task_id: str) -> list[dict[str, Any]]:
    task = get_task(ctx, task_id)
    role = check_task_access(ctx, task)
    is_client = role == "client"
    is_manager = role in ("admin", "manager", "supervisor")
    return comment_reading.task_comments(ctx, task, is_client, is_manager)


@router.get("/data/tasks/{task_id}/comments/{comment_id}")
def task_comment(ctx: CtxDep, task_id: str, comment_id: str) -> dict[str, Any]:
    task, comment = comment_of_task(ctx, task_id, comment_id)
    check_comment_access(ctx, comment, task)
    return present(comment)


@router.delete("/data/tasks/{task_id}/comments/{comment_id}")
def delete_task_comment(ctx: CtxDep, task_id: str, comment_id: str) -> Response:
    _, comment = comment_of_task(ctx, task_id, comment_id)
    comment_actions.delete_comment(ctx, comment)
    return Response(status_code=204)


def _int_arg(request: Request, name: str, default: int) -> int:
    return int_arg(request.query_params.get(name) or None, name, default)  # "" is absent here


@router.get("/data/projects/{project_id}/comments")
def project_comments(ctx: CtxDep, project_id: str, request: Request) -> Any:
    from reeltrack.models import Project

    parsed = parse_id(project_id)
    if ctx.session.get(Project, parsed) is None:
        raise NotFound("Project not found")
    role = check_project_access(ctx, parsed)
    if role in ("vendor", "client"):
        raise Forbidden()
    page, limit = _int_arg(request, "page", -1), _int_arg(request, "limit", 0)
    if limit < 0:
        raise WrongParameter("limit must be a positive integer.")
    return comment_reading.project_comments(ctx, parsed, page, limit)


@router.post("/actions/tasks/{task_id}/comments/{comment_id}/add-preview", status_code=201)
def add_preview(ctx: CtxDep, task_id: str, comment_id: str, payload: JsonBody) -> Any:
    body = validate_body(PreviewBody, payload)
    task, comment = comment_of_task(ctx, task_id, comment_id)
    check_task_action_access(ctx, task)
    return comment_actions.add_preview(ctx, task, comment, body.revision)


@router.post(
    "/actions/tasks/{task_id}/comments/{comment_id}/preview-files/{preview_file_id}",
    status_code=201,
)
def add_extra_preview(ctx: CtxDep, task_id: str, comment_id: str, preview_file_id: str) -> Any:
    from reeltrack.models import PreviewFile

    task, comment = comment_of_task(ctx, task_id, comment_id)
    check_task_action_access(ctx, task)
    related = ctx.session.get(PreviewFile, parse_id(preview_file_id))
    if related is None or related.task_id != task.id:
        raise NotFound("Preview file not found")
    return comment_actions.add_preview(ctx, task, comment, related.revision)


@router.delete("/actions/tasks/{task_id}/comments/{comment_id}/preview-files/{preview_file_id}")
def remove_extra_preview(
    ctx: CtxDep, task_id: str, comment_id: str, preview_file_id: str, request: Request
) -> Response:
    from reeltrack.crud.hooks.reviews_tasks import remove_preview

    preview_id = parse_id(preview_file_id)
    task, comment = comment_of_task(ctx, task_id, comment_id)
    check_task_action_access(ctx, task)
    preview = comment_actions.attached_preview(ctx, task, comment, preview_id)
    check_comment_access(ctx, comment, task)
    if request.query_params.get("force", "").lower() == "true":
        check_manager_project_access(ctx, task.project_id)
    remove_preview(ctx, preview)
    ctx.uow.emit("preview-file:delete", {"preview_file_id": preview_id}, task.project_id)
    return Response(status_code=204)
