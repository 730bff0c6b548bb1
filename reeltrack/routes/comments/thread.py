"""Acknowledging, replying to and moving comments."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from reeltrack.auth.deps import CtxDep
from reeltrack.crud.hooks.reviews_access import check_task_access
from reeltrack.routes.comments.payload import PayloadDep
from reeltrack.services import comment_access, comment_actions
from reeltrack.services.comment_reading import get_comment, get_task, parse_id
from reeltrack.wire.body import BodySchema, JsonBody, validate_body
from reeltrack.wire.errors import Forbidden, WrongParameter

router = APIRouter()


class ReplyBody(BodySchema):
    text: str | None = ""


class MoveBody(BodySchema):
    target_task_id: str


def _comment_on(ctx: Any, task_id: str, comment_id: str) -> tuple[Any, Any]:
    """The comment, refused (403, as Zou) when it is not on the task of the path."""
    task = get_task(ctx, task_id)
    comment = get_comment(ctx, comment_id)
    if comment.object_id != task.id:
        raise Forbidden()
    return task, comment


@router.post("/data/tasks/{task_id}/comments/{comment_id}/ack")
def acknowledge(ctx: CtxDep, task_id: str, comment_id: str) -> dict[str, Any]:
    task = get_task(ctx, task_id)
    check_task_access(ctx, task)
    comment = get_comment(ctx, comment_id)
    if comment.object_id != task.id:
        raise Forbidden()
    return comment_actions.acknowledge(ctx, task, comment)


@router.post("/data/tasks/{task_id}/comments/{comment_id}/reply")
def reply(ctx: CtxDep, task_id: str, comment_id: str, payload: PayloadDep) -> dict[str, Any]:
    task, comment = _comment_on(ctx, task_id, comment_id)
    comment_access.check_can_reply(ctx, task, comment)
    body = validate_body(ReplyBody, payload.fields)
    return comment_actions.reply(ctx, task, comment, body.text or "", payload.uploads)


@router.delete("/data/tasks/{task_id}/comments/{comment_id}/reply/{reply_id}")
def delete_reply(ctx: CtxDep, task_id: str, comment_id: str, reply_id: str) -> dict[str, Any]:
    task, comment = _comment_on(ctx, task_id, comment_id)
    found = comment_actions.find_reply(comment, reply_id)
    if str(found.get("person_id")) != str(ctx.actor.person_id) and not ctx.actor.is_admin:
        raise Forbidden()
    return comment_actions.delete_reply(ctx, comment, reply_id)


@router.post("/actions/tasks/{task_id}/comments/{comment_id}/move")
def move(ctx: CtxDep, task_id: str, comment_id: str, payload: JsonBody) -> dict[str, Any]:
    if not (ctx.actor.is_admin or ctx.actor.role == "manager"):
        raise Forbidden()
    body = validate_body(MoveBody, payload)
    source = get_task(ctx, task_id)
    check_task_access(ctx, source)
    parse_id(body.target_task_id)
    target = get_task(ctx, body.target_task_id)
    check_task_access(ctx, target)
    comment = get_comment(ctx, comment_id)
    if comment.object_id != source.id:
        raise WrongParameter("Comment does not belong to the given task.")
    return comment_actions.move(ctx, comment, source, target)
