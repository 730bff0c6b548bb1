"""Posting comments: on one task, on many tasks, and copies of client comments."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter
from pydantic import Field, field_validator

from reeltrack.auth.deps import CtxDep
from reeltrack.crud.hooks.reviews_access import check_manager_project_access, effective_role
from reeltrack.routes.comments.payload import PayloadDep, json_list
from reeltrack.services import comment_access, comment_posting
from reeltrack.services.comment_posting import NewComment
from reeltrack.services.comment_reading import get_task, parse_id
from reeltrack.wire.body import BodySchema, JsonBody, validate_body
from reeltrack.wire.errors import Forbidden, NotFound, WrongParameter

router = APIRouter()


class CommentCreate(BodySchema):
    task_status_id: str
    comment: str | None = ""
    person_id: str | None = ""
    created_at: str | None = ""
    checklist: list[Any] = Field(default_factory=list)
    links: list[Any] = Field(default_factory=list)
    for_client: bool = False

    @field_validator("checklist", "links", mode="before")
    @classmethod
    def _lists(cls, value: Any) -> Any:
        return json_list(value)


class BatchItem(BodySchema):
    object_id: uuid.UUID | None = None
    task_status_id: uuid.UUID | None = None
    comment: str | None = None
    links: list[str] = Field(default_factory=list)


class CopyClientComments(BodySchema):
    task_ids: list[uuid.UUID] = Field(..., min_length=1)
    prefix: str = ""


def post_comment(ctx: Any, task: Any, body: CommentCreate, uploads: list[Any]) -> dict:
    """Check the caller's rights on the task and status, then post (Zou's CommentTaskResource)."""
    role = comment_access.check_can_post(ctx, task, body.task_status_id)
    status = comment_posting.status_or_error(ctx, body.task_status_id)
    comment_access.check_status_allowed(ctx, role, status, task.project_id)
    manager = comment_access.is_manager(role)
    new = NewComment(
        task_status_id=status.id,
        text=body.comment or "",
        author_id=(body.person_id or None) if manager else None,
        created_at=(body.created_at or None) if manager else None,
        checklist=body.checklist,
        links=body.links,
        for_client=body.for_client if manager else False,
        uploads=uploads,
    )
    return comment_posting.create_comment(ctx, task, new)


@router.post("/actions/tasks/{task_id}/comment", status_code=201)
def comment_task(ctx: CtxDep, task_id: str, payload: PayloadDep) -> Any:
    task = get_task(ctx, task_id)
    body = validate_body(CommentCreate, payload.fields)
    return post_comment(ctx, task, body, payload.uploads)


def _batch_tasks(ctx: Any, project_id: uuid.UUID, items: list[BatchItem]) -> dict[Any, Any]:
    from sqlalchemy import select

    from reeltrack.models import Task

    ids = {item.object_id for item in items if item.object_id is not None}
    tasks = {t.id: t for t in ctx.session.scalars(select(Task).where(Task.id.in_(ids)))}
    if set(tasks) != ids:
        raise NotFound("Task not found")
    if any(task.project_id != project_id for task in tasks.values()):
        raise WrongParameter("A task does not belong to this project.")
    return tasks


@router.post("/actions/projects/{project_id}/tasks/comment-many", status_code=201)
def comment_many(ctx: CtxDep, project_id: str, payload: JsonBody) -> Any:
    parsed = parse_id(project_id)
    if not isinstance(payload, list):
        raise WrongParameter(
            "Validation error.", data={"errors": [{"field": "", "message": "list"}]}
        )
    items = [validate_body(BatchItem, item) for item in payload]
    items = [i for i in items if i.object_id and i.task_status_id and i.comment is not None]
    tasks = _batch_tasks(ctx, parsed, items)
    try:
        check_manager_project_access(ctx, parsed)
    except Forbidden:  # Zou falls back to the comments the caller may post
        allowed = comment_access.allowed_batch(ctx, tasks)
        items = [i for i in items if i.object_id in allowed]
    result = []
    for item in items:
        task = tasks[item.object_id]
        role = effective_role(ctx.actor, task.project_id)
        status = comment_posting.status_or_error(ctx, item.task_status_id)
        comment_access.check_status_allowed(ctx, role, status, task.project_id)
        new = NewComment(task_status_id=status.id, text=item.comment or "", links=item.links)
        result.append(comment_posting.create_comment(ctx, task, new))
    return result


@router.post("/actions/projects/{project_id}/tasks/copy-client-comments", status_code=201)
def copy_client_comments(ctx: CtxDep, project_id: str, payload: JsonBody) -> Any:
    parsed = parse_id(project_id)
    body = validate_body(CopyClientComments, payload)
    check_manager_project_access(ctx, parsed)
    from reeltrack.services import comment_copies

    result = comment_copies.copy_last_client_comments(ctx, parsed, body.task_ids, body.prefix)
    return result
