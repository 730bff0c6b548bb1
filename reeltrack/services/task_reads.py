"""Reading tasks: details, an entity's tasks of a type, previews, project-wide lists."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import Select, exists, func, select
from sqlalchemy.orm import Session, aliased

from reeltrack.auth.actor import Actor
from reeltrack.crud.hooks.production import assigned_tasks, base_type_of
from reeltrack.crud.hooks.tasks import blank_studio_fields
from reeltrack.services import task_common as common
from reeltrack.services.persons import department_ids, present_safe
from reeltrack.wire.errors import Forbidden
from reeltrack.wire.paging import envelope
from reeltrack.wire.present import present


def assignees_of(session: Session, task_ids: Any) -> dict[uuid.UUID, list[uuid.UUID]]:
    """Assignee ids per task, in one query (`task_ids` a list or a subquery)."""
    from reeltrack.models.task import task_person_link as link

    found: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    query = select(link.c.task_id, link.c.person_id).where(link.c.task_id.in_(task_ids))
    for task_id, person_id in session.execute(query):
        found[task_id].append(person_id)
    return found


def page_of(
    session: Session,
    stmt: Select[Any],
    page: int,
    limit: int,
    build: Callable[[list[Any]], list[dict[str, Any]]],
) -> Any:
    """Zou's paging: a plain list below page 1, else the data/total/nb_pages envelope."""
    if page < 1:
        return build(list(session.scalars(stmt)))
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    offset = (page - 1) * limit
    data = build(list(session.scalars(stmt.limit(limit).offset(offset)))) if offset <= total else []
    return envelope(data, total, page, limit)


# ---------------------------------------------------------------- one task


def _sequence_and_episode(session: Session, entity: Any, kind: str) -> dict[str, Any]:
    from reeltrack.models import Entity

    if entity.parent_id is None:
        return {}
    if kind == "Sequence":
        sequence = entity
    elif kind in ("Shot", "Scene"):
        sequence = session.get(Entity, entity.parent_id)
    else:
        return {}
    extra: dict[str, Any] = {"sequence": present(sequence)}
    if sequence is not None and sequence.parent_id is not None:
        episode = session.get(Entity, sequence.parent_id)
        if episode is not None:
            extra["episode"] = present(episode)
    return extra


def full_task(session: Session, actor: Actor, task_id: str) -> dict[str, Any]:
    """The task with its entity, project, type, status, people and subscription state.

    Three statements whatever the task: the task itself (404 and access first), then its
    entity, entity type, project, status, type and the caller's subscription joined in
    one, then its assignees as persons.
    """
    from reeltrack.models import (
        Entity,
        EntityType,
        Person,
        Project,
        Subscription,
        Task,
        TaskStatus,
        TaskType,
    )
    from reeltrack.models.task import task_person_link as link

    task = common.get_task(session, task_id)
    common.check_task_access(actor, task)
    subscribed = exists().where(
        Subscription.task_id == Task.id, Subscription.person_id == actor.person_id
    )
    context = (
        select(Entity, EntityType, Project, TaskStatus, TaskType, subscribed)
        .select_from(Task)
        .outerjoin(Entity, Entity.id == Task.entity_id)
        .outerjoin(EntityType, EntityType.id == Entity.entity_type_id)
        .outerjoin(Project, Project.id == Task.project_id)
        .outerjoin(TaskStatus, TaskStatus.id == Task.task_status_id)
        .outerjoin(TaskType, TaskType.id == Task.task_type_id)
        .where(Task.id == task.id)
    )
    entity, entity_type, project, status, task_type, is_subscribed = session.execute(context).one()
    people = list(
        session.scalars(
            select(Person)
            .join(link, link.c.person_id == Person.id)
            .where(link.c.task_id == task.id)
            .order_by(Person.id)
        )
    )
    data = present(task, links={"assignees": [person.id for person in people]})
    data.update(
        entity=present(entity) if entity else None,
        entity_type=present(entity_type) if entity_type else None,
        is_subscribed=bool(is_subscribed),
        persons=[present_safe(person) for person in people],
        project=present(project) if project else None,
        task_status=present(status) if status else None,
        task_type=present(task_type) if task_type else None,
    )
    assigner = session.get(Person, task.assigner_id) if task.assigner_id else None
    if assigner is not None:
        data["assigner"] = present_safe(
            assigner, department_ids(session, [assigner.id]).get(assigner.id, [])
        )
    if entity is not None:
        data.update(_sequence_and_episode(session, entity, base_type_of(session, entity)))
    if common.is_client_in(actor, task.project_id):
        blank_studio_fields(data)
        data["persons"] = []
        data.pop("assigner", None)
    return data


def entity_tasks(
    session: Session, actor: Actor, entity_id: str, task_type_id: str
) -> list[dict[str, Any]]:
    from reeltrack.models import Entity, Task

    entity = common.get_row(session, Entity, entity_id)
    common.check_project_access(actor, entity.project_id)
    common.check_entity_access(actor, entity)
    query = select(Task).where(
        Task.entity_id == entity.id, Task.task_type_id == common.parse_id(task_type_id)
    )
    rows = [present(task) for task in session.scalars(query.order_by(Task.name))]
    if common.is_client_in(actor, entity.project_id):
        rows = [blank_studio_fields(row) for row in rows]
    return rows


def task_previews(session: Session, actor: Actor, task_id: str) -> list[dict[str, Any]]:
    from reeltrack.models import PreviewFile

    task = common.get_task(session, task_id)
    common.check_task_access(actor, task)
    query = select(PreviewFile).where(PreviewFile.task_id == task.id)
    rows = session.scalars(query.order_by(PreviewFile.revision.desc()))
    if common.is_client_in(actor, task.project_id):
        return [present(row) for row in rows if row.validation_status != "rejected"]
    return [present(row) for row in rows]


# ---------------------------------------------------------------- project lists


def _admin_project(session: Session, actor: Actor, project_id: str) -> Any:
    if not actor.is_admin:
        raise Forbidden()
    return common.get_project(session, project_id)


def _of_project_tasks(model: Any, project_id: uuid.UUID) -> Select[Any]:
    """Rows of a model that points at a task (`task_id`), for the tasks of one project."""
    from reeltrack.models import Task

    return select(model).join(Task, Task.id == model.task_id).where(Task.project_id == project_id)


def project_notifications(
    session: Session, actor: Actor, project_id: str, page: int, limit: int
) -> Any:
    from reeltrack.models import Notification

    project = _admin_project(session, actor, project_id)
    stmt = _of_project_tasks(Notification, project.id).order_by(
        Notification.updated_at.desc(), Notification.id
    )

    def build(rows: list[Any]) -> list[dict[str, Any]]:
        return [
            {**present(row), "notification_type": row.type, "type": "Notification"} for row in rows
        ]

    return page_of(session, stmt, page, limit, build)


def project_preview_files(
    session: Session, actor: Actor, project_id: str, page: int, limit: int
) -> Any:
    from reeltrack.models import PreviewFile

    project = _admin_project(session, actor, project_id)
    stmt = _of_project_tasks(PreviewFile, project.id).order_by(
        PreviewFile.updated_at.desc(), PreviewFile.id
    )
    return page_of(session, stmt, page, limit, lambda rows: [present(row) for row in rows])


def project_subscriptions(session: Session, actor: Actor, project_id: str) -> list[dict]:
    from reeltrack.models import Subscription

    project = _admin_project(session, actor, project_id)
    stmt = _of_project_tasks(Subscription, project.id)
    return [present(row) for row in session.scalars(stmt)]


def _project_task_query(
    actor: Actor, project_id: uuid.UUID, task_type_id: str | None, episode_id: str | None
) -> Select[Any]:
    from reeltrack.models import Entity, Task

    stmt = select(Task).where(Task.project_id == project_id)
    if task_type_id:
        stmt = stmt.where(Task.task_type_id == common.parse_id(task_type_id))
    if episode_id:
        sequence = aliased(Entity, name="sequence")
        stmt = (
            stmt.join(Entity, Entity.id == Task.entity_id)
            .join(sequence, sequence.id == Entity.parent_id)
            .where(sequence.parent_id == common.parse_id(episode_id))
        )
    if common.is_vendor_in(actor, project_id):
        stmt = stmt.where(Task.id.in_(assigned_tasks(actor)))
    return stmt.order_by(Task.updated_at.desc(), Task.id)


def project_tasks(
    session: Session,
    actor: Actor,
    project_id: str,
    params: dict[str, Any],
    limit: int,
) -> Any:
    """Every task of the project with its assignees, newest change first; two queries."""
    project = common.get_project(session, project_id)
    common.check_project_access(actor, project.id)
    stmt = _project_task_query(
        actor, project.id, params.get("task_type_id"), params.get("episode_id")
    )
    client = common.is_client_in(actor, project.id)

    def build(rows: list[Any]) -> list[dict[str, Any]]:
        links = assignees_of(session, [row.id for row in rows]) if rows else {}
        result = [present(row, links={"assignees": links.get(row.id, [])}) for row in rows]
        return [blank_studio_fields(row) for row in result] if client else result

    return page_of(session, stmt, params.get("page", -1), limit, build)
