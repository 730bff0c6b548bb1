"""make_<model>(session, **overrides): rows with sensible defaults, parents created."""

from __future__ import annotations

import itertools
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reeltrack.auth.passwords import hash_password
from reeltrack.models import (
    Department,
    EntityType,
    Organisation,
    Person,
    Project,
    ProjectStatus,
    Studio,
    TaskStatus,
    TaskType,
)
from reeltrack.models.person import department_link
from reeltrack.models.project import project_person_link

_seq = itertools.count(1)
FAST_HASH_ROUNDS = 4
DEFAULT_PASSWORD = "secret-password"


def n() -> int:
    return next(_seq)


def _add(session: Session, row: Any) -> Any:
    session.add(row)
    session.flush()
    return row


def make_person(session: Session, password: str = DEFAULT_PASSWORD, **fields: Any) -> Person:
    i = n()
    values: dict[str, Any] = {
        "first_name": f"First{i}",
        "last_name": f"Last{i}",
        "email": f"person{i}@example.com",
        "role": "user",
        "active": True,
        "password": hash_password(password, rounds=FAST_HASH_ROUNDS),
    }
    values.update(fields)
    return _add(session, Person(**values))


def project_status(session: Session, name: str) -> ProjectStatus:
    found = session.scalars(select(ProjectStatus).where(ProjectStatus.name == name)).first()
    return found or _add(session, ProjectStatus(name=name, color="#000000"))


def make_project(
    session: Session, team: list[Person] = (), closed: bool = False, **fields: Any
) -> Project:  # type: ignore[assignment]
    status = project_status(session, "Closed" if closed else "Open")
    values: dict[str, Any] = {"name": f"Project {n()}", "project_status_id": status.id}
    values.update(fields)
    project = _add(session, Project(**values))
    for person in team:
        add_to_team(session, project, person)
    return project


def add_to_team(session: Session, project: Project, person: Person) -> None:
    session.execute(project_person_link.insert().values(project_id=project.id, person_id=person.id))


def make_department(session: Session, **fields: Any) -> Department:
    values = {"name": f"Department {n()}", "color": "#123456"}
    values.update(fields)
    return _add(session, Department(**values))


def add_to_department(session: Session, person: Person, department: Department) -> None:
    session.execute(
        department_link.insert().values(person_id=person.id, department_id=department.id)
    )


def make_studio(session: Session, **fields: Any) -> Studio:
    values = {"name": f"Studio {n()}", "color": "#654321"}
    values.update(fields)
    return _add(session, Studio(**values))


def make_organisation(session: Session, **fields: Any) -> Organisation:
    values: dict[str, Any] = {"name": f"Org {n()}"}
    values.update(fields)
    return _add(session, Organisation(**values))


def make_task_type(session: Session, **fields: Any) -> TaskType:
    values: dict[str, Any] = {"name": f"Task type {n()}", "for_entity": "Asset"}
    values.update(fields)
    return _add(session, TaskType(**values))


def make_task_status(session: Session, **fields: Any) -> TaskStatus:
    i = n()
    values: dict[str, Any] = {"name": f"Status {i}", "short_name": f"st{i}", "color": "#000000"}
    values.update(fields)
    return _add(session, TaskStatus(**values))


def make_entity_type(session: Session, **fields: Any) -> EntityType:
    values: dict[str, Any] = {"name": f"Asset type {n()}"}
    values.update(fields)
    return _add(session, EntityType(**values))


# ---------------------------------------------------------------- people group


def make_bare_task(session: Session, **fields: Any) -> Any:
    """A bare task (a project and a task type, no entity) to log time on."""
    from reeltrack.models import Task

    values: dict[str, Any] = {"name": f"Task {n()}"}
    values.update(fields)
    if "project_id" not in values:
        values["project_id"] = make_project(session).id
    if "task_type_id" not in values:
        values["task_type_id"] = make_task_type(session).id
    return _add(session, Task(**values))


def make_time_spent(session: Session, **fields: Any) -> Any:
    import datetime as dt

    from reeltrack.models import TimeSpent

    values: dict[str, Any] = {"duration": 60.0, "date": dt.date(2024, 1, 1) + dt.timedelta(n())}
    values.update(fields)
    if "task_id" not in values:
        values["task_id"] = make_bare_task(session).id
    if "person_id" not in values:
        values["person_id"] = make_person(session).id
    return _add(session, TimeSpent(**values))


def make_day_off(session: Session, **fields: Any) -> Any:
    import datetime as dt

    from reeltrack.models import DayOff

    day = dt.date(2030, 1, 1) + dt.timedelta(days=3 * n())
    values: dict[str, Any] = {"date": day, "end_date": day, "description": "Holidays"}
    values.update(fields)
    if "person_id" not in values:
        values["person_id"] = make_person(session).id
    return _add(session, DayOff(**values))


def make_hardware_item(session: Session, **fields: Any) -> Any:
    from reeltrack.models import HardwareItem

    i = n()
    values: dict[str, Any] = {"name": f"Hardware {i}", "short_name": f"hw{i}"}
    values.update(fields)
    return _add(session, HardwareItem(**values))


def make_software(session: Session, **fields: Any) -> Any:
    from reeltrack.models import Software

    i = n()
    values: dict[str, Any] = {
        "name": f"Software {i}",
        "short_name": f"sw{i}",
        "file_extension": ".ma",
    }
    values.update(fields)
    return _add(session, Software(**values))


def make_salary_scale(session: Session, **fields: Any) -> Any:
    from reeltrack.models import SalaryScale

    values: dict[str, Any] = {"position": "artist", "seniority": "mid", "salary": 100}
    values.update(fields)
    if "department_id" not in values:
        values["department_id"] = make_department(session).id
    return _add(session, SalaryScale(**values))


def make_search_filter_group(session: Session, **fields: Any) -> Any:
    from reeltrack.models import SearchFilterGroup

    values: dict[str, Any] = {"list_type": "asset", "name": f"Group {n()}", "color": "#ff0000"}
    values.update(fields)
    if "person_id" not in values:
        values["person_id"] = make_person(session).id
    return _add(session, SearchFilterGroup(**values))


def make_search_filter(session: Session, **fields: Any) -> Any:
    from reeltrack.models import SearchFilter

    values: dict[str, Any] = {"list_type": "asset", "name": f"Filter {n()}", "search_query": "x"}
    values.update(fields)
    if "person_id" not in values:
        values["person_id"] = make_person(session).id
    return _add(session, SearchFilter(**values))


def make_custom_action(session: Session, **fields: Any) -> Any:
    from reeltrack.models import CustomAction

    values: dict[str, Any] = {"name": f"Action {n()}", "url": "https://example.com/hook"}
    values.update(fields)
    return _add(session, CustomAction(**values))


def make_plugin(session: Session, **fields: Any) -> Any:
    from reeltrack.models import Plugin

    i = n()
    values: dict[str, Any] = {
        "plugin_id": f"plugin-{i}",
        "name": f"Plugin {i}",
        "version": "1.0.0",
        "maintainer_name": "Maintainer",
        "license": "MIT",
    }
    values.update(fields)
    return _add(session, Plugin(**values))


def make_budget(session: Session, **fields: Any) -> Any:
    from reeltrack.models import Budget

    values: dict[str, Any] = {"name": f"Budget {n()}", "currency": "EUR"}
    values.update(fields)
    if "project_id" not in values:
        values["project_id"] = make_project(session).id
    return _add(session, Budget(**values))


def make_budget_entry(session: Session, **fields: Any) -> Any:
    import datetime as dt

    from reeltrack.models import BudgetEntry

    values: dict[str, Any] = {
        "start_date": dt.date(2030, 1, 1),
        "months_duration": 3,
        "daily_salary": 250.0,
    }
    values.update(fields)
    if "budget_id" not in values:
        values["budget_id"] = make_budget(session).id
    if "department_id" not in values:
        values["department_id"] = make_department(session).id
    return _add(session, BudgetEntry(**values))


# ---------------------------------------------------------------- config group


def make_config_entity(session: Session, **fields: Any) -> Any:
    """A bare asset (in a new project unless given) for files and schedule links."""
    from reeltrack.models import Entity

    values: dict[str, Any] = {"name": f"Asset {n()}"}
    values.update(fields)
    if "project_id" not in values:
        values["project_id"] = make_project(session).id
    if "entity_type_id" not in values:
        values["entity_type_id"] = make_entity_type(session).id
    return _add(session, Entity(**values))


def make_config_task(session: Session, assignees: list[Any] = (), **fields: Any) -> Any:  # type: ignore[assignment]
    """A task on an entity of its project, with optional assignees."""
    from reeltrack.models import Task
    from reeltrack.models.task import task_person_link

    values: dict[str, Any] = {"name": f"Task {n()}"}
    values.update(fields)
    if "project_id" not in values:
        values["project_id"] = make_project(session).id
    if "entity_id" not in values:
        values["entity_id"] = make_config_entity(session, project_id=values["project_id"]).id
    if "task_type_id" not in values:
        values["task_type_id"] = make_task_type(session).id
    task = _add(session, Task(**values))
    for person in assignees:
        session.execute(task_person_link.insert().values(task_id=task.id, person_id=person.id))
    return task


def make_metadata_descriptor(session: Session, **fields: Any) -> Any:
    from reeltrack.models import MetadataDescriptor

    i = n()
    values: dict[str, Any] = {
        "entity_type": "Asset",
        "name": f"Field {i}",
        "field_name": f"field_{i}",
        "data_type": "string",
    }
    values.update(fields)
    if "project_id" not in values:
        values["project_id"] = make_project(session).id
    return _add(session, MetadataDescriptor(**values))


def make_schedule_item(session: Session, **fields: Any) -> Any:
    import datetime as dt

    from reeltrack.models import ScheduleItem

    values: dict[str, Any] = {"start_date": dt.date(2030, 1, 1), "end_date": dt.date(2030, 2, 1)}
    values.update(fields)
    if "project_id" not in values:
        values["project_id"] = make_project(session).id
    if "task_type_id" not in values:
        values["task_type_id"] = make_task_type(session).id
    return _add(session, ScheduleItem(**values))


def make_milestone(session: Session, **fields: Any) -> Any:
    import datetime as dt

    from reeltrack.models import Milestone

    values: dict[str, Any] = {"name": f"Milestone {n()}", "date": dt.date(2030, 3, 1)}
    values.update(fields)
    if "project_id" not in values:
        values["project_id"] = make_project(session).id
    return _add(session, Milestone(**values))


def make_status_automation(session: Session, **fields: Any) -> Any:
    from reeltrack.models import StatusAutomation

    values: dict[str, Any] = {"entity_type": "asset", "out_field_type": "status"}
    values.update(fields)
    return _add(session, StatusAutomation(**values))


def make_file_status(session: Session, **fields: Any) -> Any:
    from reeltrack.models import FileStatus

    values: dict[str, Any] = {"name": f"File status {n()}", "color": "#00ff00"}
    values.update(fields)
    return _add(session, FileStatus(**values))


def make_output_type(session: Session, **fields: Any) -> Any:
    from reeltrack.models import OutputType

    i = n()
    values: dict[str, Any] = {"name": f"Output type {i}", "short_name": f"ot{i}"}
    values.update(fields)
    return _add(session, OutputType(**values))


def make_output_file(session: Session, **fields: Any) -> Any:
    from reeltrack.models import OutputFile

    values: dict[str, Any] = {"name": f"Output {n()}", "revision": 1}
    values.update(fields)
    if "file_status_id" not in values:
        values["file_status_id"] = make_file_status(session).id
    if "entity_id" not in values:
        values["entity_id"] = make_config_entity(session).id
    return _add(session, OutputFile(**values))


def make_working_file(session: Session, **fields: Any) -> Any:
    from reeltrack.models import Task, WorkingFile

    values: dict[str, Any] = {"name": f"Work {n()}", "revision": 1}
    values.update(fields)
    if "task_id" not in values:
        values["task_id"] = make_config_task(session).id
    if "entity_id" not in values:
        values["entity_id"] = session.get(Task, values["task_id"]).entity_id
    return _add(session, WorkingFile(**values))


def make_preview_background_file(session: Session, **fields: Any) -> Any:
    from reeltrack.models import PreviewBackgroundFile

    values: dict[str, Any] = {"name": f"Background {n()}", "extension": "hdr"}
    values.update(fields)
    return _add(session, PreviewBackgroundFile(**values))


def make_project_template(session: Session, **fields: Any) -> Any:
    from reeltrack.models import ProjectTemplate

    values: dict[str, Any] = {"name": f"Template {n()}"}
    values.update(fields)
    return _add(session, ProjectTemplate(**values))


def make_production_schedule_version(session: Session, **fields: Any) -> Any:
    from reeltrack.models import ProductionScheduleVersion

    values: dict[str, Any] = {"name": f"Version {n()}"}
    values.update(fields)
    if "project_id" not in values:
        values["project_id"] = make_project(session).id
    return _add(session, ProductionScheduleVersion(**values))


def make_schedule_version_task_link(session: Session, **fields: Any) -> Any:
    from reeltrack.models import ProductionScheduleVersion, ProductionScheduleVersionTaskLink

    values: dict[str, Any] = {"estimation": 2.0}
    values.update(fields)
    if "production_schedule_version_id" not in values:
        project_id = values.pop("project_id", None) or make_project(session).id
        version = make_production_schedule_version(session, project_id=project_id)
        values["production_schedule_version_id"] = version.id
    if "task_id" not in values:
        version = session.get(ProductionScheduleVersion, values["production_schedule_version_id"])
        values["task_id"] = make_config_task(session, project_id=version.project_id).id
    return _add(session, ProductionScheduleVersionTaskLink(**values))


def entity_type_named(session: Session, name: str) -> EntityType:
    """The entity type with this name (Shot, Sequence...), created when missing."""
    found = session.scalars(select(EntityType).where(EntityType.name == name)).first()
    return found or _add(session, EntityType(name=name))


def make_entity(
    session: Session, project: Project | None = None, type_name: str | None = None, **fields: Any
) -> Any:
    """An entity; an asset of a new asset type unless `type_name` (e.g. "Shot") is given."""
    from reeltrack.models import Entity

    values: dict[str, Any] = {"name": f"Entity {n()}"}
    if "project_id" not in fields:
        values["project_id"] = (project or make_project(session)).id
    if "entity_type_id" not in fields:
        kind = entity_type_named(session, type_name) if type_name else make_entity_type(session)
        values["entity_type_id"] = kind.id
    values.update(fields)
    return _add(session, Entity(**values))


def make_task(
    session: Session, entity: Any = None, assignees: list[Person] = (), **fields: Any
) -> Any:  # type: ignore[assignment]
    """A task on an entity (a new asset by default) with a task type fitting it."""
    from reeltrack.models import Task
    from reeltrack.models.task import task_person_link

    entity = entity or make_entity(session)
    values: dict[str, Any] = {
        "name": "main",
        "project_id": entity.project_id,
        "entity_id": entity.id,
    }
    if "task_type_id" not in fields:
        kind = session.get(EntityType, entity.entity_type_id)
        temporal = {"Shot", "Sequence", "Episode", "Edit", "Scene", "Concept", "ConceptFolder"}
        for_entity = kind.name if kind is not None and kind.name in temporal else "Asset"
        values["task_type_id"] = make_task_type(session, for_entity=for_entity).id
    values.update(fields)
    task = _add(session, Task(**values))
    for person in assignees:
        session.execute(task_person_link.insert().values(task_id=task.id, person_id=person.id))
    return task


def make_entity_link(session: Session, **fields: Any) -> Any:
    """A casting link between two new entities of one project."""
    from reeltrack.models import EntityLink

    values: dict[str, Any] = dict(fields)
    if "entity_in_id" not in values or "entity_out_id" not in values:
        project = make_project(session)
        values.setdefault("entity_in_id", make_entity(session, project, type_name="Shot").id)
        values.setdefault("entity_out_id", make_entity(session, project).id)
    return _add(session, EntityLink(**values))


def make_asset_instance(session: Session, asset: Any = None, **fields: Any) -> Any:
    """An instance of an asset (a new one by default)."""
    from reeltrack.models import AssetInstance

    values: dict[str, Any] = {"number": n(), "name": f"instance_{n()}"}
    if "asset_id" not in fields:
        values["asset_id"] = (asset or make_entity(session)).id
    values.update(fields)
    return _add(session, AssetInstance(**values))


# ---------------------------------------------------------------- reviews


def make_comment(session: Session, task: Any = None, **fields: Any) -> Any:
    """A comment on a task (a new one by default), written by a new person."""
    from reeltrack.models import Comment

    values: dict[str, Any] = {"object_type": "Task", "text": f"Comment {n()}"}
    if "object_id" not in fields:
        values["object_id"] = (task or make_task(session)).id
    if "person_id" not in fields:
        values["person_id"] = make_person(session).id
    values.update(fields)
    return _add(session, Comment(**values))


def make_preview_file(session: Session, task: Any = None, **fields: Any) -> Any:
    """A ready png preview of a task (a new one by default)."""
    from reeltrack.models import PreviewFile

    values: dict[str, Any] = {"name": f"preview_{n()}", "extension": "png", "status": "ready"}
    if "task_id" not in fields:
        values["task_id"] = (task or make_task(session)).id
    values.update(fields)
    return _add(session, PreviewFile(**values))


def make_attachment_file(session: Session, **fields: Any) -> Any:
    """A file attached to a new comment unless a parent is given."""
    from reeltrack.models import AttachmentFile

    values: dict[str, Any] = {"name": f"file_{n()}.pdf", "extension": "pdf", "size": 10}
    if "comment_id" not in fields and "chat_message_id" not in fields:
        values["comment_id"] = make_comment(session).id
    values.update(fields)
    return _add(session, AttachmentFile(**values))


def make_playlist(session: Session, project: Project | None = None, **fields: Any) -> Any:
    """A shot playlist of a project (a new one by default)."""
    from reeltrack.models import Playlist

    values: dict[str, Any] = {"name": f"Playlist {n()}", "shots": []}
    if "project_id" not in fields:
        values["project_id"] = (project or make_project(session)).id
    values.update(fields)
    return _add(session, Playlist(**values))


def make_news(session: Session, **fields: Any) -> Any:
    """A news item about a new task, by a new author."""
    from reeltrack.models import News

    values: dict[str, Any] = dict(fields)
    if "task_id" not in values:
        values["task_id"] = make_task(session).id
    if "author_id" not in values:
        values["author_id"] = make_person(session).id
    return _add(session, News(**values))


def make_notification(session: Session, **fields: Any) -> Any:
    """A comment notification for a new person from a new author."""
    from reeltrack.models import Notification

    values: dict[str, Any] = {"type": "comment"}
    for key in ("person_id", "author_id"):
        if key not in fields:
            values[key] = make_person(session).id
    values.update(fields)
    return _add(session, Notification(**values))


def make_subscription(session: Session, **fields: Any) -> Any:
    """A new person following a new task."""
    from reeltrack.models import Subscription

    values: dict[str, Any] = dict(fields)
    if "person_id" not in values:
        values["person_id"] = make_person(session).id
    if "task_id" not in values:
        values["task_id"] = make_task(session).id
    return _add(session, Subscription(**values))


def make_chat(session: Session, **fields: Any) -> Any:
    """The chat of a new entity."""
    from reeltrack.models import Chat

    values: dict[str, Any] = {"object_type": "entity"}
    if "object_id" not in fields:
        values["object_id"] = make_entity(session).id
    values.update(fields)
    return _add(session, Chat(**values))


def make_chat_message(session: Session, **fields: Any) -> Any:
    """A message by a new person in a new chat."""
    from reeltrack.models import ChatMessage

    values: dict[str, Any] = {"text": f"Message {n()}"}
    if "chat_id" not in fields:
        values["chat_id"] = make_chat(session).id
    if "person_id" not in fields:
        values["person_id"] = make_person(session).id
    values.update(fields)
    return _add(session, ChatMessage(**values))


def make_api_event(session: Session, **fields: Any) -> Any:
    """An event log row."""
    from reeltrack.models import ApiEvent

    values: dict[str, Any] = {"name": f"thing:update{n()}", "data": {}}
    values.update(fields)
    return _add(session, ApiEvent(**values))
