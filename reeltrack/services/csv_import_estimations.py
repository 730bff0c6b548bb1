"""Importing the estimations, dates and difficulties of one task type's tasks."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import aliased

from reeltrack.services.csv_import import (
    PersonLookup,
    RowError,
    descriptor_fields,
    descriptor_values,
    run_rows,
    slugify,
)
from reeltrack.services.organisation import get_or_create_organisation

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

WHOLE_EPSILON = 1e-6


def snap_to_whole(value: float) -> float:
    """The whole number a float result lands a hair off (2.05 h -> 123 min), else the value."""
    whole = round(value)
    return whole if abs(value - whole) < WHOLE_EPSILON else value


def add_business_days(start: dt.datetime, nb_days: float) -> dt.datetime:
    """The date `nb_days` working days (Monday to Friday) after `start`."""
    while nb_days > 0:
        start += dt.timedelta(days=1)
        if start.weekday() < 5:
            nb_days -= 1
    return start


def _date(value: str) -> dt.datetime:
    return dt.datetime.strptime(value, "%Y-%m-%d")


class EstimationsImport:
    """One run: entities, tasks and descriptors are loaded once, rows update tasks."""

    def __init__(self, ctx: Ctx, project_id: uuid.UUID, task_type: Any, episode: str | None):
        self.ctx = ctx
        self.task_type = task_type
        organisation = get_or_create_organisation(ctx.session)
        self.in_hours = bool(organisation.format_duration_in_hours)
        self.hours_by_day = float(organisation.hours_by_day or 8)
        self.persons = PersonLookup(ctx)
        self.fields = descriptor_fields(ctx, project_id, "Task", task_type.id)
        self.episode_id = None if episode in (None, "main", "all") else uuid.UUID(str(episode))
        self.entities = self._entities(project_id)
        self.tasks = self._tasks(project_id)

    def _entities(self, project_id: uuid.UUID) -> dict[str, uuid.UUID]:
        """Entity id by slug of parent (asset type or sequence) and name."""
        from reeltrack.models import Entity, EntityType

        if self.task_type.for_entity == "Shot":
            sequence = aliased(Entity)
            sequence_type = aliased(EntityType)
            query = (
                select(Entity.id, sequence.name, Entity.name)
                .join(sequence, sequence.id == Entity.parent_id)
                .join(sequence_type, sequence_type.id == sequence.entity_type_id)
                .join(EntityType, EntityType.id == Entity.entity_type_id)
                .where(
                    Entity.project_id == project_id,
                    EntityType.name == "Shot",
                    sequence_type.name == "Sequence",
                )
            )
            if self.episode_id is not None:
                query = query.where(sequence.parent_id == self.episode_id)
        elif self.task_type.for_entity == "Asset":
            from reeltrack.crud.hooks.production import TEMPORAL_TYPES

            query = (
                select(Entity.id, EntityType.name, Entity.name)
                .join(EntityType, EntityType.id == Entity.entity_type_id)
                .where(Entity.project_id == project_id, EntityType.name.not_in(TEMPORAL_TYPES))
            )
            if self.episode_id is not None:
                query = query.where(Entity.source_id == self.episode_id)
        else:
            return {}
        rows = self.ctx.session.execute(query)
        return {f"{slugify(parent)}{slugify(name)}": entity_id for entity_id, parent, name in rows}

    def _tasks(self, project_id: uuid.UUID) -> dict[uuid.UUID | None, Any]:
        from reeltrack.models import Task

        query = select(Task).where(
            Task.project_id == project_id, Task.task_type_id == self.task_type.id
        )
        return {task.entity_id: task for task in self.ctx.session.scalars(query)}

    def minutes(self, estimation: float) -> float:
        """Minutes of an estimation typed in the unit Kitsu shows: hours or days."""
        if self.in_hours:
            return snap_to_whole(estimation * 60)
        return round(estimation * self.hours_by_day * 60)

    def days(self, estimation: float) -> float:
        if self.in_hours:
            return snap_to_whole(estimation / self.hours_by_day)
        return estimation

    def import_row(self, row: dict[str, Any]) -> None:
        entity_id = self.entities.get(slugify(f"{row['Parent']}{row['Entity']}"))
        if entity_id is None:
            raise RowError(f"Entity '{row['Entity']}' with parent '{row['Parent']}' not found")
        task = self.tasks.get(entity_id)
        if task is None:
            raise RowError(
                f"Entity '{row['Entity']}' with parent '{row['Parent']}' "
                f"has no {self.task_type.name} task"
            )
        changes: dict[str, Any] = {}
        estimation = None
        if row.get("Estimation") not in (None, ""):
            estimation = float(row["Estimation"])
            changes["estimation"] = self.minutes(estimation)
        if row.get("Drawings") not in (None, ""):
            changes["nb_drawings"] = int(row["Drawings"])
        if row.get("Start date") not in (None, ""):
            changes["start_date"] = _date(row["Start date"])
        if row.get("Due date") not in (None, ""):
            changes["due_date"] = _date(row["Due date"])
        elif changes.get("start_date") and changes.get("estimation") and estimation is not None:
            changes["due_date"] = add_business_days(
                changes["start_date"], self.days(estimation) - 1
            )
        if row.get("Difficulty") not in (None, ""):
            changes["difficulty"] = int(row["Difficulty"])
        if any(name in row for name in self.fields):
            changes["data"] = descriptor_values(self.fields, self.persons, row, task.data)
        for key, value in changes.items():
            setattr(task, key, value)
        self.ctx.session.flush()
        self.ctx.uow.emit("task:update", {"task_id": task.id}, task.project_id)


def import_estimations(
    ctx: Ctx, content: bytes, project_id: uuid.UUID, task_type: Any, episode: str | None
) -> list[Any]:
    return run_rows(ctx, content, EstimationsImport(ctx, project_id, task_type, episode).import_row)
