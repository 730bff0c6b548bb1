"""Comment attachments: upload, delete, list and download."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import Response, StreamingResponse

from reeltrack.auth.deps import CtxDep
from reeltrack.crud.hooks.reviews_access import check_manager_project_access
from reeltrack.routes.comments.payload import PayloadDep
from reeltrack.services import comment_files
from reeltrack.services.comment_reading import get_comment, get_task, parse_id
from reeltrack.storage.files import iter_chunks
from reeltrack.wire.errors import Forbidden, NotFound

router = APIRouter()


def _own_or_managed(ctx: Any, task_id: str, comment_id: str) -> tuple[Any, Any]:
    """The comment's author, or a manager of the task's project (Zou's rule)."""
    task = get_task(ctx, task_id)
    comment = get_comment(ctx, comment_id)
    if comment.object_id != task.id:
        raise Forbidden()
    if comment.person_id != ctx.actor.person_id:
        check_manager_project_access(ctx, task.project_id)
    return task, comment


@router.post("/actions/tasks/{task_id}/comments/{comment_id}/add-attachment", status_code=201)
def add_attachment(
    ctx: CtxDep, task_id: str, comment_id: str, payload: PayloadDep
) -> list[dict[str, Any]]:
    _, comment = _own_or_managed(ctx, task_id, comment_id)
    # Zou answers with the files added by this call only.
    return comment_files.attach(ctx, comment, payload.uploads)


@router.delete("/data/tasks/{task_id}/comments/{comment_id}/attachments/{attachment_file_id}")
def delete_attachment(
    ctx: CtxDep, task_id: str, comment_id: str, attachment_file_id: str
) -> Response:
    task = get_task(ctx, task_id)
    comment = get_comment(ctx, comment_id)
    if comment.object_id != task.id:
        raise Forbidden()
    row = comment_files.get_attachment(ctx, attachment_file_id)
    if row.comment_id != comment.id:
        raise Forbidden()
    if comment.person_id != ctx.actor.person_id:
        check_manager_project_access(ctx, task.project_id)
    comment_files.remove(ctx, row)
    return Response(status_code=204)


@router.get("/data/attachment-files/{attachment_file_id}/file/{file_name}")
def download_attachment(ctx: CtxDep, attachment_file_id: str, file_name: str) -> Response:
    row = comment_files.get_attachment(ctx, attachment_file_id)
    comment_files.check_download(ctx, row)
    handle = comment_files.open_file(ctx, row)
    inline = comment_files.is_inline_safe(row.mimetype)
    disposition = "inline" if inline else "attachment"
    name = quote(row.name or "file")
    headers = {
        "Content-Disposition": f"{disposition}; filename*=UTF-8''{name}",
        "X-Content-Type-Options": "nosniff",
    }
    if row.size:
        headers["Content-Length"] = str(row.size)
    media_type = row.mimetype or "application/octet-stream"
    return StreamingResponse(iter_chunks(handle), media_type=media_type, headers=headers)


@router.get("/data/projects/{project_id}/attachment-files")
def project_attachment_files(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    parsed = parse_id(project_id)
    if not ctx.actor.is_admin:
        raise Forbidden()
    from reeltrack.models import Project

    if ctx.session.get(Project, parsed) is None:
        raise NotFound("Project not found")
    return comment_files.files_for_project(ctx, parsed)


@router.get("/data/tasks/{task_id}/attachment-files")
def task_attachment_files(ctx: CtxDep, task_id: str) -> list[dict[str, Any]]:
    parsed = parse_id(task_id)
    if not ctx.actor.is_admin:
        raise Forbidden()
    return comment_files.files_for_task(ctx, get_task(ctx, parsed).id)
