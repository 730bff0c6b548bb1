"""The caller's task and sequence subscriptions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import Field

from reeltrack.auth.deps import CtxDep
from reeltrack.services import user_subscriptions as subs
from reeltrack.wire.body import BodySchema, JsonBody, validate_body

router = APIRouter()
SEQUENCE = "/sequences/{sequence_id}/task-types/{task_type_id}"


class TaskIds(BodySchema):
    task_ids: list[str] = Field(..., min_length=1)


@router.get("/data/user/tasks/{task_id}/subscribed")
def task_subscribed(ctx: CtxDep, task_id: str) -> bool:
    return subs.is_task_subscribed(ctx.session, ctx.actor, task_id)


@router.post("/actions/user/tasks/{task_id}/subscribe", status_code=201)
def subscribe_task(ctx: CtxDep, task_id: str) -> dict[str, Any]:
    (parsed,) = subs.accessible_tasks(ctx.session, ctx.actor, [task_id])
    return subs.subscribe_task(ctx.session, ctx.actor, parsed)


@router.delete("/actions/user/tasks/{task_id}/unsubscribe", status_code=204)
def unsubscribe_task(ctx: CtxDep, task_id: str) -> Response:
    subs.unsubscribe_task(ctx.session, ctx.actor, task_id)
    return Response(status_code=204)


@router.post("/actions/user/tasks/subscribe", status_code=201)
def subscribe_tasks(ctx: CtxDep, payload: JsonBody) -> list[dict[str, Any]]:
    body = validate_body(TaskIds, payload)
    task_ids = subs.accessible_tasks(ctx.session, ctx.actor, body.task_ids)
    return [subs.subscribe_task(ctx.session, ctx.actor, task_id) for task_id in task_ids]


@router.post("/actions/user/tasks/unsubscribe")
def unsubscribe_tasks(ctx: CtxDep, payload: JsonBody) -> list[str]:
    body = validate_body(TaskIds, payload)
    for task_id in body.task_ids:
        subs.check_id(task_id)
    for task_id in body.task_ids:
        subs.unsubscribe_task(ctx.session, ctx.actor, task_id)
    return body.task_ids


@router.get(f"/data/user{SEQUENCE}/subscribed")
@router.get("/data/user/entities/{sequence_id}/task-types/{task_type_id}/subscribed")
def sequence_subscribed(ctx: CtxDep, sequence_id: str, task_type_id: str) -> bool:
    return subs.is_sequence_subscribed(ctx.session, ctx.actor, sequence_id, task_type_id)


@router.post(f"/actions/user{SEQUENCE}/subscribe", status_code=201)
def subscribe_sequence(ctx: CtxDep, sequence_id: str, task_type_id: str) -> dict[str, Any]:
    return subs.subscribe_sequence(ctx.session, ctx.actor, sequence_id, task_type_id)


@router.delete(f"/actions/user{SEQUENCE}/unsubscribe", status_code=204)
def unsubscribe_sequence(ctx: CtxDep, sequence_id: str, task_type_id: str) -> Response:
    subs.unsubscribe_sequence(ctx.session, ctx.actor, sequence_id, task_type_id)
    return Response(status_code=204)
