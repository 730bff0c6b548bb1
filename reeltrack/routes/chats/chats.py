"""An entity's chat: its details, its messages, posting and deleting one."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from reeltrack.auth.deps import CtxDep
from reeltrack.routes.comments.payload import PayloadDep
from reeltrack.services import entity_chats
from reeltrack.wire.body import BodySchema, validate_body

router = APIRouter()


class MessageBody(BodySchema):
    message: str


@router.get("/data/entities/{entity_id}/chat")
def get_chat(ctx: CtxDep, entity_id: str) -> dict[str, Any]:
    entity = entity_chats.readable_entity(ctx, entity_id)
    return entity_chats.chat_with_messages(ctx, entity)


@router.get("/data/entities/{entity_id}/chat/messages")
def get_messages(ctx: CtxDep, entity_id: str) -> list[dict[str, Any]]:
    entity = entity_chats.readable_entity(ctx, entity_id)
    return entity_chats.messages(ctx, entity)


@router.post("/data/entities/{entity_id}/chat/messages", status_code=201)
def post_message(
    ctx: CtxDep, entity_id: str, payload: PayloadDep, request: Request
) -> dict[str, Any]:
    entity = entity_chats.readable_entity(ctx, entity_id)
    fields = payload.fields if payload.fields is not None else dict(request.query_params)
    body = validate_body(MessageBody, fields)
    return entity_chats.post_message(ctx, entity, body.message, payload.uploads)


@router.get("/data/entities/{entity_id}/chat/messages/{chat_message_id}")
def get_message(ctx: CtxDep, entity_id: str, chat_message_id: str) -> dict[str, Any]:
    entity = entity_chats.readable_entity(ctx, entity_id)
    message = entity_chats.message_of(ctx, entity, chat_message_id)
    return entity_chats.present_message(ctx, message)


@router.delete("/data/entities/{entity_id}/chat/messages/{chat_message_id}", status_code=204)
def delete_message(ctx: CtxDep, entity_id: str, chat_message_id: str) -> Response:
    entity = entity_chats.readable_entity(ctx, entity_id)
    message = entity_chats.message_of(ctx, entity, chat_message_id)
    entity_chats.delete_message(ctx, message)
    return Response(status_code=204)
