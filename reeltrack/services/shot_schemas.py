"""Request bodies of the `shots` and `edits` blueprints (unknown keys ignored, as Zou)."""

from __future__ import annotations

import uuid

from pydantic import Field

from reeltrack.wire.body import BodySchema


class NewShot(BodySchema):
    name: str = Field(min_length=1)
    sequence_id: uuid.UUID | None = None
    data: dict | None = None
    nb_frames: int | None = None
    description: str | None = None


class NewSequence(BodySchema):
    name: str = Field(min_length=1)
    episode_id: uuid.UUID | None = None
    description: str | None = ""
    data: dict | None = None


class NewEpisode(BodySchema):
    name: str = Field(min_length=1)
    status: str | None = "running"
    description: str | None = ""
    data: dict | None = None


class NewScene(BodySchema):
    name: str = Field(min_length=1)
    sequence_id: uuid.UUID | None = None


class NewEdit(BodySchema):
    name: str = Field(min_length=1)
    description: str | None = ""
    data: dict | None = None
    episode_id: uuid.UUID | None = None
    # gazu's new_edit sends the episode as `parent_id`; read as `episode_id` when that is absent.
    parent_id: uuid.UUID | None = None


class ShotToScene(BodySchema):
    shot_id: uuid.UUID


class ShotUpdate(BodySchema):
    """The typed fields of a shot update; other keys pass through to the entity update."""

    name: str | None = Field(default=None, min_length=1)
    description: str | None = None
    nb_frames: int | None = None
    data: dict | None = None
    parent_id: uuid.UUID | None = None
    canceled: bool | None = None
