"""Output files and working files: access through their entity or task, linked outputs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, exists, select, update

from reeltrack.auth.actor import Actor
from reeltrack.auth.policies import Policy
from reeltrack.crud.hooks.config_access import (
    effective_role,
    entities_of,
    has_entity_access,
    has_manager_access,
    has_project_access,
    has_supervisor_access,
    is_assigned_on_entity,
    open_team_projects,
    session_of,
)
from reeltrack.crud.spec import Hooks
from reeltrack.wire.errors import Forbidden, WrongParameter
from reeltrack.wire.present import present

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx


def _entity(row: Any, key: str = "entity_id") -> Any:
    from reeltrack.models import Entity

    session, entity_id = session_of(row), getattr(row, key, None)
    return session.get(Entity, entity_id) if session is not None and entity_id else None


def _no_vendor(actor: Actor) -> None:
    if actor.is_vendor:
        raise Forbidden()


# ---------------------------------------------------------------- output files


def _output_read(actor: Actor, row: Any) -> bool:
    """Access to the entity's project; a vendor there must work on the entity."""
    if actor.is_admin:
        return True
    entity = _entity(row)
    session = session_of(row)
    if entity is None or session is None:
        return False
    return has_entity_access(session, actor, entity.project_id, entity.id)


def _output_scope(actor: Actor, model: Any, stmt: Select[Any]) -> Select[Any]:
    """Not for global vendors; others see the files of their open projects' entities."""
    _no_vendor(actor)
    if actor.is_admin:
        return stmt
    return stmt.where(model.entity_id.in_(entities_of(open_team_projects(actor))))


def _output_update(actor: Actor, row: Any) -> bool:
    """Managers of the entity's project, or people assigned on the (temporal) entity."""
    if actor.is_admin:
        return True
    entity = _entity(row)
    if entity is not None and has_manager_access(actor, entity.project_id):
        return True
    session = session_of(row)
    target = row.temporal_entity_id or row.entity_id
    return session is not None and is_assigned_on_entity(session, actor, target)


OUTPUT_READ = Policy("output-file-read", _output_read, _output_scope)
OUTPUT_UPDATE = Policy("output-file-update", _output_update)


def output_source_files(ctx: Ctx, rows: list[Any], out: list[dict[str, Any]]) -> None:
    """Embed each file's source working file, as Zou does, in one query per page."""
    from reeltrack.models import WorkingFile

    ids = {row.source_file_id for row in rows if row.source_file_id is not None}
    sources = {}
    if ids:
        query = select(WorkingFile).where(WorkingFile.id.in_(ids))
        sources = {source.id: present(source) for source in ctx.session.scalars(query)}
    for row, data in zip(rows, out, strict=True):
        data["source_file"] = sources.get(row.source_file_id)


def output_event_project(ctx: Ctx, row: Any) -> Any:
    """Output file events name the project of the file's entity."""
    from reeltrack.models import Entity

    if row.entity_id is None:
        return None
    return ctx.session.scalar(select(Entity.project_id).where(Entity.id == row.entity_id))


OUTPUT_HOOKS = Hooks(output_rows=output_source_files, event_project=output_event_project)


# ---------------------------------------------------------------- working files


def _task(row: Any) -> Any:
    from reeltrack.models import Task

    session, task_id = session_of(row), getattr(row, "task_id", None)
    return session.get(Task, task_id) if session is not None and task_id else None


def _working_read(actor: Actor, row: Any) -> bool:
    """Task access: the task's project, and for a vendor an assignment on its entity."""
    if actor.is_admin:
        return True
    task, session = _task(row), session_of(row)
    if task is None or session is None:
        return False
    return has_entity_access(session, actor, task.project_id, task.entity_id)


def _working_scope(actor: Actor, model: Any, stmt: Select[Any]) -> Select[Any]:
    """Not for global vendors; others see the files of their projects' entities (any status)."""
    from reeltrack.models import Project

    _no_vendor(actor)
    if actor.is_admin:
        return stmt
    team = select(Project.id).where(Project.id.in_(actor.project_ids))
    return stmt.where(model.entity_id.in_(entities_of(team)))


def _is_assignee(session: Any, actor: Actor, task_id: Any) -> bool:
    from reeltrack.models.task import task_person_link as link

    mine = exists().where(link.c.task_id == task_id, link.c.person_id == actor.person_id)
    return bool(session.scalar(select(mine)))


def _working_update(actor: Actor, row: Any) -> bool:
    """Task action access: managers, clients, assignees, department supervisors, creators."""
    from reeltrack.models import TaskType

    if actor.is_admin:
        return True
    task, session = _task(row), session_of(row)
    if task is None or session is None or not has_project_access(actor, task.project_id):
        return False
    if effective_role(actor, task.project_id) in ("manager", "client"):
        return True
    if _is_assignee(session, actor, task.id):
        return True
    task_type = session.get(TaskType, task.task_type_id) if task.task_type_id else None
    if has_supervisor_access(actor, task.project_id, getattr(task_type, "department_id", None)):
        return True
    entity = _entity(task)
    return entity is not None and entity.created_by == actor.person_id


WORKING_READ = Policy("working-file-read", _working_read, _working_scope)
WORKING_UPDATE = Policy("working-file-update", _working_update)


def _check_validation_status(values: dict[str, Any]) -> None:
    if "validation_status" in values and values["validation_status"] is None:
        raise WrongParameter("Invalid validation_status")


def working_before_delete(ctx: Ctx, row: Any, force: bool) -> None:
    """Output files outlive their source working file, which they then lose."""
    from reeltrack.models import OutputFile

    ctx.session.execute(
        update(OutputFile).where(OutputFile.source_file_id == row.id).values(source_file_id=None),
        execution_options={"synchronize_session": False},
    )


WORKING_HOOKS = Hooks(
    validate_create=lambda ctx, values: _check_validation_status(values),
    validate_update=lambda ctx, row, values: _check_validation_status(values),
    before_delete=working_before_delete,
)
