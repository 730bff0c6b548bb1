"""Adding entries to a playlist, and temporary playlists built from tasks."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from pydantic import Field, field_validator

from reeltrack.auth.deps import CtxDep
from reeltrack.crud.hooks.reviews_access import check_project_access
from reeltrack.services import playlist_temp, playlists
from reeltrack.services.entity_access import parse_id
from reeltrack.wire.body import BodySchema, JsonBody, validate_body

router = APIRouter()


class Entry(BodySchema):
    entity_id: uuid.UUID
    preview_file_id: uuid.UUID | None = None

    @field_validator("preview_file_id", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return None if value == "" else value


class Entries(BodySchema):
    entities: list[Entry] = Field(..., min_length=1)


class TempPlaylist(BodySchema):
    task_ids: list[uuid.UUID] = []
    entity_ids: list[uuid.UUID] = []


@router.post("/actions/playlists/{playlist_id}/add-entity")
def add_entity(ctx: CtxDep, playlist_id: str, payload: JsonBody) -> dict[str, Any]:
    playlist = playlists.playlist_row(ctx, playlist_id, for_update=True)
    playlists.check_update(ctx, playlist)
    body = validate_body(Entry, payload)
    couple = {"entity_id": body.entity_id, "preview_file_id": body.preview_file_id}
    return playlists.add_entities(ctx, playlist, [couple])


@router.post("/actions/playlists/{playlist_id}/add-entities")
def add_entities(ctx: CtxDep, playlist_id: str, payload: JsonBody) -> dict[str, Any]:
    playlist = playlists.playlist_row(ctx, playlist_id, for_update=True)
    playlists.check_update(ctx, playlist)
    body = validate_body(Entries, payload)
    couples = [
        {"entity_id": e.entity_id, "preview_file_id": e.preview_file_id} for e in body.entities
    ]
    return playlists.add_entities(ctx, playlist, couples)


@router.post("/data/projects/{project_id}/playlists/temp")
def temp_playlist(
    ctx: CtxDep, project_id: str, payload: JsonBody, request: Request
) -> list[dict[str, Any]]:
    check_project_access(ctx, parse_id(project_id))
    body = validate_body(TempPlaylist, payload)
    task_ids = list(body.task_ids)
    for entity_id in body.entity_ids:
        task_id = playlist_temp.task_for_entity(ctx, entity_id)
        if task_id is not None:
            task_ids.append(task_id)
    tasks = playlist_temp.checked_tasks(ctx, task_ids)
    sort = request.query_params.get("sort", "false").lower() == "true"
    return playlist_temp.temp_playlist(ctx, tasks, sort)
