"""The caller's entity chats and their own avatar."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from reeltrack.auth.deps import Ctx, CtxDep
from reeltrack.crud.hooks.reviews_access import check_entity_access, check_project_access
from reeltrack.crud.values import parse_uuid
from reeltrack.services import user_chats
from reeltrack.wire.errors import NotFound, WrongParameter

router = APIRouter()


def _entity(ctx: Ctx, entity_id: str) -> Any:
    from reeltrack.models import Entity

    parsed = parse_uuid(entity_id)
    if parsed is None:
        raise WrongParameter("Malformed ID.")
    entity = ctx.session.get(Entity, parsed)
    if entity is None:
        raise NotFound()
    role = check_project_access(ctx, entity.project_id)
    check_entity_access(ctx, role, entity.id)
    return entity


@router.get("/data/user/chats")
def get_chats(ctx: CtxDep) -> list[dict[str, Any]]:
    return user_chats.chats(ctx.session, ctx.actor)


@router.post("/actions/user/chats/{entity_id}/join")
def join_chat(ctx: CtxDep, entity_id: str) -> dict[str, Any]:
    entity = _entity(ctx, entity_id)
    chat = user_chats.join(ctx.session, ctx.actor, entity.id)
    ctx.uow.emit("chat:joined", {"chat_id": chat.id, "person_id": ctx.actor.person_id})
    return user_chats.present_chat(chat)


@router.delete("/actions/user/chats/{entity_id}/join", status_code=204)
def leave_chat(ctx: CtxDep, entity_id: str) -> Response:
    entity = _entity(ctx, entity_id)
    chat = user_chats.leave(ctx.session, ctx.actor, entity.id)
    ctx.uow.emit("chat:left", {"chat_id": chat.id, "person_id": ctx.actor.person_id})
    return Response(status_code=204)


@router.delete("/actions/user/clear-avatar", status_code=204)
def clear_avatar(ctx: CtxDep) -> Response:
    from reeltrack.models import Person

    person = ctx.session.get(Person, ctx.actor.person_id)
    if person is not None:
        person.has_avatar = False
        ctx.session.flush()
    ctx.uow.emit("person:update", {"person_id": ctx.actor.person_id})
    return Response(status_code=204)
