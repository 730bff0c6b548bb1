"""Share links of a playlist, invitations to them, and notifying the clients."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Request
from pydantic import field_validator

from reeltrack.auth.deps import CtxDep
from reeltrack.services import playlist_sharing, playlists
from reeltrack.services.playlist_access import check_manager, check_studio_manager
from reeltrack.wire.body import BodySchema, JsonBody, validate_body

router = APIRouter()


def _empty_is_none(value: Any) -> Any:
    return None if value == "" else value


class NotifyClients(BodySchema):
    studio_id: uuid.UUID | None = None
    department_id: uuid.UUID | None = None

    _empty = field_validator("studio_id", "department_id", mode="before")(_empty_is_none)


class NewShareLink(BodySchema):
    expiration_date: str | None = None
    can_comment: bool = True
    password: str | None = None

    _empty = field_validator("expiration_date", "password", mode="before")(_empty_is_none)


class Invitation(BodySchema):
    emails: list[str] | None = None
    person_ids: list[uuid.UUID] | None = None
    message: str | None = None

    _empty = field_validator("message", mode="before")(_empty_is_none)


async def _lenient_body(request: Request) -> Any:
    """The JSON body, or nothing when it is missing or not JSON (Zou reads it silently)."""
    raw = await request.body()
    try:
        return orjson.loads(raw) if raw.strip() else None
    except orjson.JSONDecodeError:
        return None


LenientBody = Annotated[Any, Depends(_lenient_body)]


@router.post("/data/playlists/{playlist_id}/notify-clients")
def notify_clients(
    ctx: CtxDep, playlist_id: str, payload: LenientBody, request: Request
) -> dict[str, Any]:
    playlist = playlists.playlist_row(ctx, playlist_id)
    check_manager(ctx, playlist.project_id)
    body = validate_body(NotifyClients, payload or {})
    playlist_sharing.notify_clients(
        ctx, playlist, body.studio_id, body.department_id, str(request.base_url)
    )
    return {"status": "success"}


def _managed_playlist(ctx: Any, playlist_id: str) -> Any:
    check_studio_manager(ctx)
    playlist = playlists.playlist_row(ctx, playlist_id)
    check_manager(ctx, playlist.project_id)
    return playlist


@router.get("/data/playlists/{playlist_id}/share")
def share_links(ctx: CtxDep, playlist_id: str) -> list[dict[str, Any]]:
    playlist = _managed_playlist(ctx, playlist_id)
    return playlist_sharing.active_links(ctx, playlist.id)


@router.post("/data/playlists/{playlist_id}/share", status_code=201)
def create_share_link(ctx: CtxDep, playlist_id: str, payload: JsonBody) -> dict[str, Any]:
    playlist = _managed_playlist(ctx, playlist_id)
    body = validate_body(NewShareLink, payload)
    return playlist_sharing.create_link(
        ctx, playlist.id, body.expiration_date, body.can_comment, body.password
    )


@router.delete("/data/playlists/{playlist_id}/share/{token}")
def revoke_share_link(ctx: CtxDep, playlist_id: str, token: str) -> dict[str, Any]:
    playlist = _managed_playlist(ctx, playlist_id)
    link = playlist_sharing.link_of(ctx, playlist.id, token)
    return playlist_sharing.revoke(ctx, link)


@router.post("/data/playlists/{playlist_id}/share/{token}/invite")
def invite(
    ctx: CtxDep, playlist_id: str, token: str, payload: JsonBody, request: Request
) -> dict[str, Any]:
    playlist = _managed_playlist(ctx, playlist_id)
    link = playlist_sharing.link_of(ctx, playlist.id, token)
    body = validate_body(Invitation, payload)
    sent = playlist_sharing.invite(
        ctx,
        playlist,
        link,
        body.emails or [],
        body.person_ids or [],
        body.message,
        str(request.base_url),
    )
    return {"sent": sent}
