"""The caller's notifications."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from reeltrack.auth.deps import CtxDep
from reeltrack.services import user_notifications
from reeltrack.wire.body import BodySchema, JsonBody, validate_body

router = APIRouter()


class NotificationUpdate(BodySchema):
    read: bool | None = None


def _flag(request: Request, name: str) -> bool | None:
    value = request.query_params.get(name)
    return None if value is None else value.lower() == "true"


@router.get("/data/user/notifications")
def get_notifications(ctx: CtxDep, request: Request) -> list[dict[str, Any]]:
    args = request.query_params
    filters: dict[str, Any] = {
        key: args.get(key) for key in ("after", "before", "task_type_id", "task_status_id", "type")
    }
    filters["read"] = _flag(request, "read")
    filters["watching"] = _flag(request, "watching")
    return user_notifications.last_notifications(ctx.session, ctx.actor, filters)


@router.get("/data/user/notifications/{notification_id}")
def get_notification(ctx: CtxDep, notification_id: str) -> dict[str, Any]:
    return user_notifications.get_notification(ctx.session, ctx.actor, notification_id)


@router.put("/data/user/notifications/{notification_id}")
def update_notification(ctx: CtxDep, notification_id: str, payload: JsonBody) -> dict[str, Any]:
    body = validate_body(NotificationUpdate, payload)
    data = user_notifications.set_read(ctx.session, ctx.actor, notification_id, body.read)
    name = "notification:read" if data["read"] else "notification:unread"
    ctx.uow.emit(name, {"person_id": ctx.actor.person_id, "notification_id": data["id"]})
    return data


@router.post("/actions/user/notifications/mark-all-as-read")
def mark_all_as_read(ctx: CtxDep) -> dict[str, Any]:
    user_notifications.mark_all_read(ctx.session, ctx.actor)
    ctx.uow.emit("notification:all-read", {"person_id": ctx.actor.person_id})
    return {"success": True}
