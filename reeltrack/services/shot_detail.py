"""One shot or edit as Zou's detail routes answer it: the with-tasks row plus all columns."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from reeltrack.auth.actor import Actor
from reeltrack.services import shot_lists as sl
from reeltrack.services.shot_writes import presented


def full_entity(session: Session, actor: Actor, entity: Any, kind: str) -> dict[str, Any]:
    """The entity's with-tasks row (names, frames, tasks) merged with its columns and links."""
    from reeltrack.services import entity_with_tasks as ewt
    from reeltrack.services.with_tasks import make_scope

    params = {"id": str(entity.id), "project_id": str(entity.project_id)}
    scope = make_scope(actor, params, ("id", "project_id"))
    listing = ewt.shots_and_tasks if kind == "Shot" else ewt.edits_and_tasks
    rows = listing(session, scope)
    data: dict[str, Any] = rows[0] if rows else {"tasks": []}
    own = presented(entity, kind)
    data.update(sl.with_links(session, [own])[0] if kind == "Shot" else own)
    return sl.mask_for_vendor(session, actor, kind, [data], entity.project_id)[0]


def named_entity(session: Session, entity: Any, kind: str) -> dict[str, Any]:
    """A sequence, episode or scene with its project (and parent) names, as Zou's detail."""
    from reeltrack.models import Entity, Project

    data = presented(entity, kind)
    project = session.get(Project, entity.project_id)
    data["project_name"] = project.name if project is not None else None
    parent = session.get(Entity, entity.parent_id) if entity.parent_id else None
    if kind == "Sequence" and parent is not None:
        data["episode_id"] = parent.id
        data["episode_name"] = parent.name
    if kind == "Scene" and parent is not None:
        data["sequence_id"] = parent.id
        data["sequence_name"] = parent.name
        episode = session.get(Entity, parent.parent_id) if parent.parent_id else None
        if episode is not None:
            data["episode_id"] = episode.id
            data["episode_name"] = episode.name
    return data
