"""Per-episode task statistics of a project (status counts, retakes), computed as Zou does."""

from __future__ import annotations

import copy
import uuid
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from reeltrack.auth.actor import Actor
from reeltrack.crud.hooks.production import assigned_tasks

BUCKET = {"count": 0, "frames": 0, "drawings": 0}
EVOLUTION = {"done": BUCKET, "retake": BUCKET, "other": BUCKET}
RETAKE_ENTRY = {"max_retake_count": 0, "evolution": {}, **EVOLUTION}


def _fresh(template: dict[str, Any]) -> dict[str, Any]:
    """A deep copy whose buckets are distinct dicts (the templates share one bucket)."""
    return {
        key: _fresh(value) if isinstance(value, dict) else copy.copy(value)
        for key, value in template.items()
    }


def _add(bucket: dict[str, Any], count: Any, frames: Any, drawings: Any) -> None:
    bucket["count"] += count or 0
    bucket["frames"] += frames or 0
    bucket["drawings"] += drawings or 0


def _in_episodes(stmt: Select[Any], project_id: uuid.UUID, actor: Actor, mine: bool) -> Any:
    """Tasks of the project's shots that sit in a sequence of an episode."""
    from reeltrack.models import Entity, Task

    sequence, episode = aliased(Entity), aliased(Entity)
    stmt = (
        stmt.join(Entity, Entity.id == Task.entity_id)
        .join(sequence, sequence.id == Entity.parent_id)
        .join(episode, episode.id == sequence.parent_id)
        .where(Task.project_id == project_id)
    )
    if mine:
        stmt = stmt.where(Task.id.in_(assigned_tasks(actor)))
    return stmt, episode


def episode_stats(
    session: Session, actor: Actor, project_id: uuid.UUID, mine: bool
) -> dict[str, Any]:
    """{episode_id | "all": {task_type_id | "all": {task_status_id: counts}}}."""
    from reeltrack.models import Entity, Task, TaskStatus

    base = select(Task.id).join(TaskStatus, TaskStatus.id == Task.task_status_id)
    stmt, episode = _in_episodes(base, project_id, actor, mine)
    keys = (episode.id, Task.task_type_id, Task.task_status_id, TaskStatus.short_name)
    stmt = stmt.with_only_columns(
        *keys,
        TaskStatus.color,
        func.count(Task.id),
        func.sum(Task.nb_drawings),
        func.sum(Entity.nb_frames),
    ).group_by(*keys, TaskStatus.color)
    results: dict[str, Any] = {}
    for episode_id, type_id, status_id, name, color, count, drawings, frames in session.execute(
        stmt
    ):
        entry = {"name": name, "color": color}
        per_episode = results.setdefault(str(episode_id), {})
        per_episode.setdefault(str(type_id), {})[str(status_id)] = {
            **entry,
            "count": count,
            "frames": frames or 0,
            "drawings": drawings or 0,
        }
        totals = results.setdefault("all", {"all": {}})
        for target in (per_episode.setdefault("all", {}), totals.setdefault(str(type_id), {})):
            _add(target.setdefault(str(status_id), {**entry, **BUCKET}), count, frames, drawings)
        _add(totals["all"].setdefault(str(status_id), {**entry, **BUCKET}), count, frames, drawings)
    return results


def _current(results: dict[str, Any], keys: list[tuple[str, str]], row: Any) -> None:
    _, drawings, frames, _, retakes, is_done, is_retake = row
    for key1, key2 in keys:
        entry = results[key1][key2]
        entry["max_retake_count"] = max(entry["max_retake_count"], retakes or 0)
        bucket = "done" if is_done else "retake" if is_retake else "other"
        _add(entry[bucket], 1, frames, drawings)


def _evolution(results: dict[str, Any], keys: list[tuple[str, str]], row: Any) -> None:
    _, drawings, frames, _, retakes, is_done, _ = row
    retakes = retakes or 0
    for key1, key2 in keys:
        entry = results[key1][key2]
        for take in range(1, entry["max_retake_count"] + 1):
            per_take = entry["evolution"].setdefault(str(take), _fresh(EVOLUTION))
            if retakes > 0 and take <= retakes:
                bucket = "retake"
            elif is_done:
                bucket = "done"
            else:
                bucket = "other"
            _add(per_take[bucket], 1, frames, drawings)


def retake_stats(
    session: Session, actor: Actor, project_id: uuid.UUID, mine: bool
) -> dict[str, Any]:
    """Done / retake / other counts per episode and task type, with take-by-take evolution."""
    from reeltrack.models import Entity, Task, TaskStatus

    base = select(Task.id).join(TaskStatus, TaskStatus.id == Task.task_status_id)
    stmt, episode = _in_episodes(base, project_id, actor, mine)
    stmt = stmt.with_only_columns(
        episode.id,
        Task.nb_drawings,
        Entity.nb_frames,
        Task.task_type_id,
        Task.retake_count,
        TaskStatus.is_done,
        TaskStatus.is_retake,
    )
    rows = list(session.execute(stmt))
    results: dict[str, Any] = {"all": {"all": _fresh(RETAKE_ENTRY)}}
    for row in rows:
        episode_id, type_id = str(row[0]), str(row[3])
        results.setdefault(episode_id, {"all": _fresh(RETAKE_ENTRY)})
        results["all"].setdefault(type_id, _fresh(RETAKE_ENTRY))
        results[episode_id].setdefault(type_id, _fresh(RETAKE_ENTRY))
        keys = [("all", "all"), ("all", type_id), (episode_id, "all"), (episode_id, type_id)]
        _current(results, keys, row)
    for row in rows:
        episode_id, type_id = str(row[0]), str(row[3])
        _evolution(results, [(episode_id, "all"), (episode_id, type_id)], row)
    return results
