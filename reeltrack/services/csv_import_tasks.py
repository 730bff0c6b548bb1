"""Task columns of an entity import: one status, comment and assignees column per task type.

A `<Task type>` cell names a status (name or short name), `<Task type> comment` a comment
and `<Task type> assignations` people (full names, emails or ids, comma separated).
Tasks are created through task_creation, comments through comment_posting and
assignations through task_assignation, so events and rules stay those of the API.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select

from reeltrack.services import task_creation
from reeltrack.services.csv_import import PersonLookup, RowError, descriptor_fields
from reeltrack.wire.errors import WrongParameter

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx


@dataclass
class TaskUpdate:
    task_type_id: uuid.UUID
    status_id: uuid.UUID | None
    comment: str | None
    assignees: list[str] = field(default_factory=list)


def entity_target(entity: Any, kind: str) -> tuple[Any, Any, Any, str]:
    """The tuple task_creation takes for an entity."""
    return (entity.id, entity.project_id, entity.entity_type_id, kind)


class TaskColumns:
    """What an entity import needs to read and apply task columns; loaded once per run."""

    def __init__(self, ctx: Ctx, project: Any, kind: str, assignations: bool = True) -> None:
        from reeltrack.models import ProjectTaskTypeLink, TaskStatus, TaskType

        self.ctx = ctx
        self.kind = kind
        self.assignations = assignations
        query = (
            select(TaskType)
            .join(ProjectTaskTypeLink, ProjectTaskTypeLink.task_type_id == TaskType.id)
            .where(ProjectTaskTypeLink.project_id == project.id)
        )
        if kind == "Asset":
            query = query.where(or_(TaskType.for_entity == "Asset", TaskType.for_entity.is_(None)))
        else:
            query = query.where(TaskType.for_entity == kind)
        self.task_types = list(ctx.session.scalars(query))
        self.statuses = [
            (status.id, {(status.name or "").lower(), (status.short_name or "").lower()})
            for status in ctx.session.scalars(select(TaskStatus))
        ]
        self.persons = PersonLookup(ctx)
        self.fields = descriptor_fields(ctx, project.id, kind)

    def _status_id(self, name: str) -> uuid.UUID:
        for status_id, names in self.statuses:
            if name.lower() in names:
                return status_id
        raise RowError(f"Task status not found for {name}")

    def updates(self, row: dict[str, Any]) -> list[TaskUpdate]:
        """The task changes a row asks for (statuses are checked before anything is written)."""
        found = []
        for task_type in self.task_types:
            status_name = row.get(task_type.name)
            status_id = self._status_id(status_name) if status_name not in (None, "") else None
            comment = row.get(f"{task_type.name} comment")
            assignees = (
                self.persons.many(row.get(f"{task_type.name} assignations"))
                if self.assignations
                else []
            )
            if status_id is not None or comment not in (None, "") or assignees:
                found.append(TaskUpdate(task_type.id, status_id, comment, assignees))
        return found

    def create(self, entity: Any, type_ids: list[uuid.UUID]) -> None:
        """Tasks of these types on the entity, where missing."""
        from reeltrack.models import TaskType

        for type_id in type_ids:
            task_type = self.ctx.session.get(TaskType, type_id)
            task_creation.create_tasks(self.ctx, task_type, [entity_target(entity, self.kind)])

    def create_for_all(self, entities: list[Any]) -> None:
        """Every project task type of the kind on these entities: one insert per type."""
        targets = [entity_target(entity, self.kind) for entity in entities]
        if not targets:
            return
        for task_type in self.task_types:
            task_creation.create_tasks(self.ctx, task_type, targets)

    def apply(self, entity: Any, updates: list[TaskUpdate]) -> None:
        """Create the tasks the updates need, then assign and comment as the row says."""
        from reeltrack.models import Task

        if not updates:
            return
        tasks = {
            task.task_type_id: task
            for task in self.ctx.session.scalars(select(Task).where(Task.entity_id == entity.id))
        }
        missing = [u.task_type_id for u in updates if u.task_type_id not in tasks]
        if missing:
            self.create(entity, missing)
            tasks = {
                task.task_type_id: task
                for task in self.ctx.session.scalars(
                    select(Task).where(Task.entity_id == entity.id)
                )
            }
        for update in updates:
            task = tasks.get(update.task_type_id)
            if task is not None:
                self._assign(task, update.assignees)
                self._comment(task, update)

    def _assign(self, task: Any, person_ids: list[str]) -> None:
        from reeltrack.models import Person
        from reeltrack.services import task_assignation

        if not person_ids:
            return
        assigned = {str(p) for p in task_assignation.assignee_ids(self.ctx, task.id)}
        for person_id in dict.fromkeys(person_ids):
            if person_id not in assigned:
                person = self.ctx.session.get(Person, uuid.UUID(person_id))
                task_assignation.assign_person(self.ctx, task, person)
                assigned.add(person_id)

    def _comment(self, task: Any, update: TaskUpdate) -> None:
        from reeltrack.services.comment_posting import NewComment, create_comment

        changes_status = update.status_id is not None and update.status_id != task.task_status_id
        if update.comment is None and not changes_status:
            return
        new = NewComment(task_status_id=update.status_id or task.task_status_id)
        new.text = update.comment or ""
        # A refused status change (retake capping) leaves the task as it is, as in Zou.
        with contextlib.suppress(WrongParameter):
            create_comment(self.ctx, task, new)


class ProjectImport:
    """What every project import run holds: the caller, the project, the `update` flag."""

    def __init__(self, ctx: Ctx, project: Any, update: bool) -> None:
        self.ctx = ctx
        self.project = project
        self.update = update
        self.tv_show = project.production_type == "tvshow"
