"""Route bodies shared by the shot-like kinds: shots, sequences, episodes, scenes and edits.

Each route of those blueprints differs only by the entity kind (and the service it lists
with), so it names the kind and calls one of these.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from fastapi import Response
from sqlalchemy.orm import Session

from reeltrack.auth.actor import Actor
from reeltrack.auth.deps import Ctx
from reeltrack.services import shot_access as access
from reeltrack.services import shot_listing, shot_previews, shot_tasks, shot_writes
from reeltrack.services.shot_params import flag
from reeltrack.wire.body import validate_body

# A listing below one entity: (session, actor, entity, relations) -> rows.
Below = Callable[[Session, Actor, Any, bool], list[dict[str, Any]]]


def readable(ctx: Ctx, entity_id: str, kind: str) -> Any:
    """The entity of this kind the caller may read (404/403 otherwise)."""
    return access.readable_entity(ctx.session, ctx.actor, entity_id, kind)


def remove(ctx: Ctx, entity_id: str, kind: str, force: bool) -> Response:
    entity = access.typed_entity(ctx.session, entity_id, kind)
    shot_writes.remove(ctx, entity, kind, force)
    return Response(status_code=204)


def project_entities(ctx: Ctx, project_id: str, kind: str) -> list[dict[str, Any]]:
    project = access.load_project(ctx.session, project_id)
    return shot_listing.project_entities(ctx.session, ctx.actor, project, kind)


def create_in_project(
    ctx: Ctx, project_id: str, payload: Any, schema: Any, create: Callable[..., dict[str, Any]]
) -> dict[str, Any]:
    """Validate the body, then let a manager of the project create the entity."""
    body = validate_body(schema, payload)
    project = access.load_project(ctx.session, project_id)
    access.check_manager(ctx.actor, project.id)
    return create(ctx, project, body)


def task_types(ctx: Ctx, entity_id: str, kind: str) -> list[dict[str, Any]]:
    """Task types of the entity's own tasks."""
    entity = readable(ctx, entity_id, kind)
    return shot_tasks.task_types_for(ctx.session, [entity.id])


def tasks(
    ctx: Ctx, entity_id: str, kind: str, relations: bool, vendor_own: bool = False
) -> list[dict[str, Any]]:
    """The entity's tasks; with `vendor_own`, a vendor gets only their own."""
    entity = readable(ctx, entity_id, kind)
    if vendor_own and access.is_vendor(ctx.actor, entity.project_id):
        return shot_tasks.my_entity_tasks(ctx.session, ctx.actor, entity)
    return shot_tasks.entity_tasks(ctx.session, ctx.actor, entity, relations)


def studio_list_below(
    ctx: Ctx, entity_id: str, kind: str, params: Mapping[str, str], below: Below
) -> list[dict[str, Any]]:
    """A list below the entity that vendors may not read, with Zou's `relations` flag."""
    entity = readable(ctx, entity_id, kind)
    access.block_vendor(ctx.actor, entity.project_id)
    return below(ctx.session, ctx.actor, entity, flag(params, "relations"))


def previews(ctx: Ctx, entity_id: str, kind: str) -> dict[str, Any]:
    entity = readable(ctx, entity_id, kind)
    return shot_previews.previews_by_task_type(ctx.session, entity.id)


def versions(ctx: Ctx, entity_id: str, kind: str) -> list[dict[str, Any]]:
    entity = readable(ctx, entity_id, kind)
    return shot_tasks.versions(ctx.session, entity, kind)
