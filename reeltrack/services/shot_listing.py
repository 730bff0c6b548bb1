"""What the `shots` and `edits` list routes answer, per Zou's rules for each role."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from reeltrack.auth.actor import Actor
from reeltrack.services import shot_lists as sl
from reeltrack.services.shot_access import (
    block_vendor,
    check_project_access,
    is_vendor,
    project_param,
    typed_entity,
)


def _scoped_params(
    session: Session, actor: Actor, params: Mapping[str, str], parent_key: str, parent_kind: str
) -> tuple[dict[str, str], Any]:
    """Turn `?sequence_id=` (or `episode_id`) into project and parent filters, check access."""
    criteria = dict(params)
    if parent_key in criteria:
        parent = typed_entity(session, criteria.pop(parent_key), parent_kind)
        criteria["project_id"] = str(parent.project_id)
        criteria["parent_id"] = str(parent.id)
    project_id = project_param(criteria.get("project_id"))
    check_project_access(actor, project_id)
    return criteria, project_id


def all_shots(session: Session, actor: Actor, params: Mapping[str, str]) -> list[dict[str, Any]]:
    """`/data/shots`: shots with project and sequence names; vendors get their assigned ones."""
    criteria, project_id = _scoped_params(session, actor, params, "sequence_id", "Sequence")
    return shots_where(session, actor, criteria, project_id)


def shots_where(
    session: Session, actor: Actor, criteria: Mapping[str, str], project_id: Any
) -> list[dict[str, Any]]:
    stmt = sl.filtered(actor, sl.typed(session, "Shot"), criteria)
    if is_vendor(actor, project_id):
        stmt = sl.assigned_only(actor, stmt)
    items = sl.named_rows(session, stmt, "Shot")
    return sl.mask_for_vendor(session, actor, "Shot", items, project_id)


def all_scenes(session: Session, actor: Actor, params: Mapping[str, str]) -> list[dict[str, Any]]:
    criteria, project_id = _scoped_params(session, actor, params, "sequence_id", "Sequence")
    block_vendor(actor, project_id)
    stmt = sl.filtered(actor, sl.typed(session, "Scene"), criteria)
    return sl.named_rows(session, stmt, "Scene")


def _assigned_in_project(session: Session, actor: Actor, kind: str, project_id: Any) -> Any:
    """Episodes or sequences of a project that hold a shot assigned to a vendor."""
    from reeltrack.models import Entity

    stmt = sl.typed(session, kind, Entity.project_id == project_id)
    if kind == "Sequence":
        return sl.assigned_only(actor, stmt, "parent_id")
    shot, sequence = aliased(Entity), aliased(Entity)
    through_shots = (
        select(sequence.parent_id)
        .join(shot, shot.parent_id == sequence.id)
        .where(shot.id.in_(sl.assigned_entities(actor)))
    )
    through_assets = select(shot.source_id).where(shot.id.in_(sl.assigned_entities(actor)))
    return stmt.where(Entity.id.in_(through_shots) | Entity.id.in_(through_assets))


def _vendor_rows(session: Session, actor: Actor, kind: str, project_id: Any) -> list[dict]:
    """A vendor's episodes or sequences: those of the project they work on (none unnamed)."""
    if project_id is None:
        return []
    stmt = _assigned_in_project(session, actor, kind, project_id)
    items = sl.rows_of(session, stmt, kind)
    return sl.mask_for_vendor(session, actor, kind, items, project_id)


def all_episodes(session: Session, actor: Actor, params: Mapping[str, str]) -> list[dict[str, Any]]:
    project_id = project_param(params.get("project_id"))
    check_project_access(actor, project_id)
    if is_vendor(actor, project_id):
        return _vendor_rows(session, actor, "Episode", project_id)
    stmt = sl.filtered(actor, sl.typed(session, "Episode"), params)
    return sl.rows_of(session, stmt, "Episode")


def all_sequences(
    session: Session, actor: Actor, params: Mapping[str, str]
) -> list[dict[str, Any]]:
    criteria, project_id = _scoped_params(session, actor, params, "episode_id", "Episode")
    if is_vendor(actor, project_id):
        return _vendor_rows(session, actor, "Sequence", project_id)
    stmt = sl.filtered(actor, sl.typed(session, "Sequence"), criteria)
    return sl.rows_of(session, stmt, "Sequence")


def project_entities(
    session: Session, actor: Actor, project: Any, kind: str
) -> list[dict[str, Any]]:
    """`/data/projects/<id>/<kind>s`: name ordered, vendors only what they work on."""
    from reeltrack.models import Entity

    check_project_access(actor, project.id)
    vendor = is_vendor(actor, project.id)
    if vendor and kind in ("Episode", "Sequence"):
        stmt = _assigned_in_project(session, actor, kind, project.id)
    else:
        stmt = sl.typed(session, kind, Entity.project_id == project.id)
        if vendor:
            stmt = sl.assigned_only(actor, stmt)
    items = sl.rows_of(session, stmt, kind)
    return sl.mask_for_vendor(session, actor, kind, items, project.id)


def episode_shots(
    session: Session, actor: Actor, episode: Any, relations: bool
) -> list[dict[str, Any]]:
    from reeltrack.models import Entity

    sequence = aliased(Entity)
    in_episode = select(sequence.id).where(sequence.parent_id == episode.id)
    stmt = sl.typed(session, "Shot", Entity.parent_id.in_(in_episode))
    items = sl.rows_of(session, stmt, "Shot")
    if relations:
        sl.with_links(session, items)
    return sl.mask_for_vendor(session, actor, "Shot", items, episode.project_id)


def episode_sequences(
    session: Session, actor: Actor, episode: Any, params: Mapping[str, str]
) -> list[dict[str, Any]]:
    from reeltrack.models import Entity

    if is_vendor(actor, episode.project_id):
        stmt = sl.typed(session, "Sequence", Entity.parent_id == episode.id)
        items = sl.rows_of(session, sl.assigned_only(actor, stmt, "parent_id"), "Sequence")
        return sl.mask_for_vendor(session, actor, "Sequence", items, episode.project_id)
    criteria = {**params, "parent_id": str(episode.id)}
    stmt = sl.filtered(actor, sl.typed(session, "Sequence"), criteria)
    return sl.rows_of(session, stmt, "Sequence")


def sequence_shots(
    session: Session, actor: Actor, sequence: Any, params: Mapping[str, str]
) -> list[dict[str, Any]]:
    criteria = {**params, "parent_id": str(sequence.id)}
    return shots_where(session, actor, criteria, sequence.project_id)


def sequence_scenes(session: Session, actor: Actor, sequence: Any) -> list[dict[str, Any]]:
    from reeltrack.models import Entity

    stmt = sl.typed(session, "Scene", Entity.parent_id == sequence.id)
    items = sl.rows_of(session, stmt, "Scene")
    return sl.mask_for_vendor(session, actor, "Scene", items, sequence.project_id)


def scene_shots(session: Session, actor: Actor, scene: Any) -> list[dict[str, Any]]:
    criteria = {"source_id": str(scene.id)}
    return shots_where(session, actor, criteria, scene.project_id)


def all_edits(session: Session, actor: Actor, params: Mapping[str, str]) -> list[dict[str, Any]]:
    """`/data/edits`: edits with their project name; vendors get their assigned ones."""
    project_id = project_param(params.get("project_id"))
    check_project_access(actor, project_id)
    stmt = sl.filtered(actor, sl.typed(session, "Edit"), params)
    if is_vendor(actor, project_id):
        stmt = sl.assigned_only(actor, stmt)
    items = sl.named_rows(session, stmt, "Edit", with_sequence=False)
    return sl.mask_for_vendor(session, actor, "Edit", items, project_id)


def episode_edits(
    session: Session, actor: Actor, episode: Any, relations: bool
) -> list[dict[str, Any]]:
    from reeltrack.models import Entity

    stmt = sl.typed(session, "Edit", Entity.parent_id == episode.id)
    items = sl.rows_of(session, stmt, "Edit")
    if relations:
        sl.with_links(session, items)
    return sl.mask_for_vendor(session, actor, "Edit", items, episode.project_id)
