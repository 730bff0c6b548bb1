"""Zou's access checks and body schemas for casting and asset instance routes."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import Field, TypeAdapter, ValidationError

from reeltrack.auth.deps import Ctx
from reeltrack.crud.hooks.production import entity_access
from reeltrack.models import Entity
from reeltrack.routes.projects.access import managed_project, parse_id, readable_project
from reeltrack.services import user_entities
from reeltrack.services.casting_update import Cast
from reeltrack.wire.body import BodySchema
from reeltrack.wire.errors import Forbidden, WrongParameter

MAX_OCCURENCES = 2**31 - 1
JSON_ARRAY = "Request body must be a JSON array."


class CastingEntry(BodySchema):
    asset_id: uuid.UUID
    nb_occurences: int = Field(default=1, ge=0, le=MAX_OCCURENCES, strict=False)
    label: str | None = Field(default="", max_length=80)


_ENTRIES = TypeAdapter(list[CastingEntry])


def _no_bools(payload: list[Any]) -> None:
    """JSON true is no number of occurrences, even if Python counts it as 1."""
    for entry in payload:
        if isinstance(entry, dict) and isinstance(entry.get("nb_occurences"), bool):
            raise WrongParameter("nb_occurences must be an integer.")


def casting_entries(payload: Any, skip_partial: bool) -> list[Cast]:
    """A casting list as Cast rows; 400 "Validation error." with field errors when invalid.

    `skip_partial`: entries lacking `asset_id` or `nb_occurences` are ignored, as Zou's
    project casting route does.
    """
    if not isinstance(payload, list):
        raise WrongParameter(JSON_ARRAY)
    if skip_partial:
        if not all(isinstance(entry, dict) for entry in payload):
            raise WrongParameter("Each casting entry must be an object.")
        payload = [e for e in payload if "asset_id" in e and "nb_occurences" in e]
    _no_bools(payload)
    try:
        entries = _ENTRIES.validate_python(payload)
    except ValidationError as exc:
        errors = [
            {"field": ".".join(str(p) for p in err["loc"]), "message": err.get("msg", "")}
            for err in exc.errors()
        ]
        raise WrongParameter("Validation error.", data={"errors": errors}) from None
    return [Cast(e.asset_id, e.nb_occurences, e.label or "") for e in entries]


def entry_dicts(casts: list[Cast]) -> list[dict[str, Any]]:
    return [
        {"asset_id": str(c.asset_id), "nb_occurences": c.nb_occurences, "label": c.label}
        for c in casts
    ]


def casting_project(ctx: Ctx, project_id: str) -> Any:
    """Project members read castings, except vendors."""
    project = readable_project(ctx, project_id)
    if ctx.actor.role_in(project.id) == "vendor":
        raise Forbidden()
    return project


def casting_editor(ctx: Ctx, project_id: Any) -> Any:
    """Admins and the production's managers edit castings."""
    return managed_project(ctx, str(project_id))


def entity_of(ctx: Ctx, entity_id: str, kind: str) -> Entity:
    """The entity of this kind ("Asset": any asset type); 400 malformed, 404 unknown."""
    return user_entities.entity_of_type(ctx.session, entity_id, kind)


def check_member(ctx: Ctx, entity: Entity) -> None:
    """Zou's project access: admins, and the production's team."""
    if not (ctx.actor.is_admin or ctx.actor.is_member(entity.project_id)):
        raise Forbidden()


def check_entity_read(ctx: Ctx, entity: Entity) -> None:
    """Project access, and a vendor only on entities holding one of their tasks."""
    check_member(ctx, entity)
    if not entity_access(ctx.actor, entity.project_id, entity.id, entity):
        raise Forbidden()


def ids_of(values: Any) -> list[uuid.UUID]:
    return [parse_id(value) for value in values]
