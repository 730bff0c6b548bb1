"""One case per generic CRUD resource: how to make a row, a body, a change, and what applies.

`tests/crud/test_generic.py` runs every generic behaviour once over these cases; a behaviour
that needs data only some resources give (a column filter, a unique field...) runs over the
cases that give it.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import pytest
from sqlalchemy.orm import Session

import reeltrack.models as models
from reeltrack.models import ProjectStatus
from reeltrack.models.task import task_person_link
from tests import factories
from tests.crud.support import DUPLICATE, NOT_FOUND, sid

_seq = itertools.count(1)

Body = Callable[[Session], dict[str, Any]]
Payload = Callable[[Session, Any, str], dict[str, Any]]


def unique(prefix: str) -> str:
    return f"{prefix}{next(_seq)}"


@dataclass(frozen=True)
class ColumnFilter:
    """Two rows told apart by one column: the values given to the factory and the query of a."""

    field: str
    value_a: Any
    value_b: Any
    query_a: str


@dataclass(frozen=True)
class Case:
    """What the generic suite needs to know about one resource."""

    path: str
    model: str
    group: str  # the module of reeltrack.crud.resources that registers it
    make: Callable[..., Any]  # make(db, **fields) -> a flushed row
    body: Body | None  # a valid creation body; None when creation is refused (create_refused)
    update: dict[str, Any] | Body  # a valid change (or how to build one)
    wrong_type: dict[str, Any]  # a field with a value of the wrong type
    wrong_type_message: str  # its exact 400 message
    event: str | None = None  # the event name prefix; the path made singular by default
    type_name: str | None = None  # the serialised "type"; the model name by default
    # Where the event payload finds a project id (left out when None); or the whole payload.
    project: Callable[[Session, Any], Any] | None = None
    payload: Payload | None = None
    echo_skip: frozenset[str] = frozenset()  # body keys the created row does not echo back
    deletable: dict[str, Any] = field(default_factory=dict)  # fields a deletable row needs
    create_refused: str | None = None  # the 400 message of every creation, if all are refused
    refuses_unknown_fields: bool = True  # False: creation drops the keys it does not know
    write_not_found: str = NOT_FOUND  # the 404 message of PUT/DELETE on an unknown id
    lazy_first_listing: bool = False  # the first listing fills defaults (runs extra queries)
    unknown_parent_status: int = 400  # the answer to an unknown parent id
    # Behaviours checked only for the resources that give the data they need.
    column_filter: ColumnFilter | None = None
    name_filter: bool = False
    unique_field: str | None = None
    duplicate_message: str | None = None
    required: str | None = None
    long_field: str | None = None
    parents: bool = True  # the creation body has a parent id (checked unknown and malformed)

    @property
    def event_name(self) -> str:
        return self.event or self.path.removesuffix("s")

    @property
    def id_key(self) -> str:
        return f"{self.event_name.replace('-', '_')}_id"

    @property
    def type(self) -> str:
        return self.type_name or self.model

    @property
    def model_class(self) -> type:
        return getattr(models, self.model)

    def url(self, row_id: object = None) -> str:
        return f"/data/{self.path}" if row_id is None else f"/data/{self.path}/{row_id}"

    def make_row(self, db: Session, **fields: Any) -> Any:
        return self.make(db, **fields)

    def change(self, db: Session) -> dict[str, Any]:
        return self.update(db) if callable(self.update) else dict(self.update)

    def event_payload(self, db: Session, row: Any, action: str) -> dict[str, Any]:
        if self.payload is not None:
            return self.payload(db, row, action)
        data = {self.id_key: sid(row)}
        project = None if self.project is None else self.project(db, row)
        if project is not None:
            data["project_id"] = str(project)
        return data


def params(keep: Callable[[Case], Any] | None = None) -> list[Any]:
    """The cases (those `keep` accepts) as pytest parameters named by path."""
    return [pytest.param(case, id=case.path) for case in CASES if keep is None or keep(case)]


# ---------------------------------------------------------------- makers, bodies, payloads


def make_project_status(db: Session, **fields: Any) -> ProjectStatus:
    values: dict[str, Any] = {"name": unique("Status "), "color": "#000000"}
    values.update(fields)
    row = ProjectStatus(**values)
    db.add(row)
    db.flush()
    return row


def _assigned_time_spent(db: Session, **fields: Any) -> Any:
    """A time spent whose person is assigned to the task, so an admin may delete it."""
    row = factories.make_time_spent(db, **fields)
    db.execute(task_person_link.insert().values(task_id=row.task_id, person_id=row.person_id))
    return row


def _row_project(db: Session, row: Any) -> Any:
    return getattr(row, "project_id", None)


def _entity_project(db: Session, row: Any) -> Any:
    return db.get(models.Entity, row.entity_id).project_id


def _task_payload(db: Session, row: Any, action: str) -> dict[str, Any]:
    data = {"task_id": sid(row), "project_id": str(row.project_id)}
    if action == "delete":
        data.update(entity_id=str(row.entity_id), task_type_id=str(row.task_type_id))
    return data


def _comment_payload(db: Session, row: Any, action: str) -> dict[str, Any]:
    data: dict[str, Any] = {"comment_id": sid(row), "task_id": str(row.object_id)}
    if action != "delete":
        data.update(person_id=str(row.person_id), for_client=bool(row.for_client))
    if action != "new":
        data["project_id"] = str(db.get(models.Task, row.object_id).project_id)
    return data


def _person(db: Session) -> str:
    return sid(factories.make_person(db))


def _task(db: Session) -> str:
    return sid(factories.make_task(db))


def _person_body(db: Session) -> dict[str, Any]:
    name = unique("person")  # its own domain: the factories' person{n}@example.com may exist
    return {"first_name": name, "last_name": "Doe", "email": f"{name}@cases.example.com"}


def _entity_body(db: Session) -> dict[str, Any]:
    project = factories.make_project(db)
    kind = factories.make_entity_type(db)
    return {"name": "Hero", "project_id": sid(project), "entity_type_id": sid(kind)}


def _entity_link_body(db: Session) -> dict[str, Any]:
    shot = factories.make_entity(db, type_name="Shot")
    asset = factories.make_entity(db, project_id=shot.project_id)
    return {"entity_in_id": sid(shot), "entity_out_id": sid(asset), "nb_occurences": 2}


def _instance_body(db: Session) -> dict[str, Any]:
    return {"asset_id": sid(factories.make_entity(db)), "number": 3, "name": "hero_0003"}


def _task_body(db: Session) -> dict[str, Any]:
    entity = factories.make_entity(db)
    task_type = factories.make_task_type(db, for_entity="Asset")
    return {"entity_id": sid(entity), "task_type_id": sid(task_type), "name": "layout"}


def _time_spent_body(db: Session) -> dict[str, Any]:
    task, person = factories.make_bare_task(db), factories.make_person(db)
    return {"task_id": sid(task), "person_id": sid(person), "date": "2024-04-04", "duration": 30.0}


def _day_off_body(db: Session) -> dict[str, Any]:
    person = factories.make_person(db)
    return {"person_id": sid(person), "date": "2031-01-01", "end_date": "2031-01-02"}


def _named(prefix: str, **extra: Any) -> Body:
    return lambda db: {"name": f"{prefix} {uuid.uuid4().hex[:8]}", **extra}


def _search_body(**extra: Any) -> Body:
    def body(db: Session) -> dict[str, Any]:
        person = factories.make_person(db)
        return {"list_type": "asset", "name": "Mine", "person_id": sid(person), **extra}

    return body


def _plugin_body(db: Session) -> dict[str, Any]:
    return {
        "plugin_id": uuid.uuid4().hex,
        "name": "Exporter",
        "version": "2.0",
        "maintainer_name": "Jo",
        "license": "GPL",
    }


def _budget_body(db: Session) -> dict[str, Any]:
    project = factories.make_project(db)
    return {"project_id": sid(project), "name": "Quote", "revision": 2, "currency": "EUR"}


def _budget_entry_body(db: Session) -> dict[str, Any]:
    return {
        "budget_id": sid(factories.make_budget(db)),
        "department_id": sid(factories.make_department(db)),
        "person_id": sid(factories.make_person(db)),
        "start_date": "2030-01-01",
        "months_duration": 2,
        "daily_salary": 300.0,
        "seniority": "junior",
    }


def _descriptor_body(db: Session) -> dict[str, Any]:
    project = factories.make_project(db)
    return {
        "project_id": str(project.id),
        "entity_type": "Shot",
        "name": "Camera",
        "field_name": "camera",
        "data_type": "list",
        "choices": ["A", "B"],
    }


def _schedule_item_body(db: Session) -> dict[str, Any]:
    project, task_type = factories.make_project(db), factories.make_task_type(db)
    return {
        "project_id": str(project.id),
        "task_type_id": str(task_type.id),
        "start_date": "2030-01-01",
        "end_date": "2030-01-31",
        "man_days": 10,
    }


def _milestone_body(db: Session) -> dict[str, Any]:
    project = factories.make_project(db)
    return {"project_id": str(project.id), "name": "Delivery", "date": "2030-06-01"}


def _automation_body(db: Session) -> dict[str, Any]:
    task_type, status = factories.make_task_type(db), factories.make_task_status(db)
    return {
        "entity_type": "shot",
        "in_task_type_id": str(task_type.id),
        "in_task_status_id": str(status.id),
        "out_field_type": "ready_for",
        "out_task_type_id": str(task_type.id),
    }


def _output_file_body(db: Session) -> dict[str, Any]:
    entity = factories.make_config_entity(db)
    status = factories.make_file_status(db)
    return {
        "name": "render",
        "revision": 3,
        "entity_id": str(entity.id),
        "file_status_id": str(status.id),
        "quality": "high",
        "extension": "exr",
    }


def _working_file_body(db: Session) -> dict[str, Any]:
    task = factories.make_config_task(db)
    return {
        "name": "scene",
        "revision": 2,
        "task_id": str(task.id),
        "entity_id": str(task.entity_id),
        "validation_status": "validated",
    }


def _version_body(db: Session) -> dict[str, Any]:
    project = factories.make_project(db)
    return {"project_id": str(project.id), "name": "V2", "locked": True}


def _version_link_body(db: Session) -> dict[str, Any]:
    version = factories.make_production_schedule_version(db)
    task = factories.make_config_task(db, project_id=version.project_id)
    return {
        "production_schedule_version_id": str(version.id),
        "task_id": str(task.id),
        "start_date": "2030-01-02T09:00:00",
        "estimation": 3.5,
    }


def _colors(name: str) -> ColumnFilter:
    return ColumnFilter(name, "#aaaaaa", "#bbbbbb", "#aaaaaa")


MAYBE = "maybe"
BOOLEAN = "Field '{}' must be a boolean."
INTEGER = "Field '{}' must be an integer."
STRING = "Field '{}' must be a string."
NUMBER = "Field '{}' must be a number."
DATE = "Invalid date format for '{}': '{}'. Expected an ISO 8601 date or datetime."

# One constructor a group, with what its cases share.
_core = partial(
    Case,
    group="core",
    parents=False,
    name_filter=True,
    unique_field="name",
    duplicate_message=DUPLICATE,
    required="name",
    long_field="name",
)
_entities = partial(Case, group="entities")
_reviews = partial(Case, group="reviews")
_people = partial(Case, group="people", project=_row_project)
_config = partial(Case, group="config")

# ---------------------------------------------------------------- core: reference data


CORE = [
    _core(
        path="persons",
        model="Person",
        make=factories.make_person,
        body=_person_body,
        update={"first_name": "Renamed"},
        wrong_type={"first_name": {"not": "a string"}},
        wrong_type_message=STRING.format("first_name"),
        column_filter=ColumnFilter("last_name", "Alpha", "Beta", "Alpha"),
        name_filter=False,  # a person has no name column
        unique_field="email",
        duplicate_message="Email already in use.",
        required="first_name",
        long_field="first_name",
    ),
    _core(
        path="departments",
        model="Department",
        make=factories.make_department,
        body=lambda db: {"name": unique("Department "), "color": "#112233"},
        update={"color": "#abcdef"},
        wrong_type={"archived": "maybe"},
        wrong_type_message=BOOLEAN.format("archived"),
        column_filter=_colors("color"),
        required="color",
    ),
    _core(
        path="studios",
        model="Studio",
        make=factories.make_studio,
        body=lambda db: {"name": unique("Studio "), "color": "#445566"},
        update={"color": "#fedcba"},
        wrong_type={"archived": [1]},
        wrong_type_message=BOOLEAN.format("archived"),
        column_filter=_colors("color"),
    ),
    _core(
        path="organisations",
        model="Organisation",
        make=factories.make_organisation,
        body=lambda db: {"name": unique("Org ")},
        update={"use_original_file_name": True},
        wrong_type={"dark_theme_by_default": "sometimes"},
        wrong_type_message=BOOLEAN.format("dark_theme_by_default"),
        column_filter=ColumnFilter("timesheets_locked", True, False, "true"),
    ),
    _core(
        path="project-status",
        model="ProjectStatus",
        event="project-status",
        make=make_project_status,
        body=lambda db: {"name": unique("Status "), "color": "#00ff00"},
        update={"color": "#ff0000"},
        wrong_type={"color": ["#000000"]},
        wrong_type_message=STRING.format("color"),
        column_filter=_colors("color"),
        required="color",
    ),
    _core(
        path="projects",
        model="Project",
        make=factories.make_project,
        body=lambda db: {"name": unique("Project ")},
        update={"description": "A new description"},
        wrong_type={"man_days": "many"},
        wrong_type_message=INTEGER.format("man_days"),
        deletable={"closed": True},
        column_filter=ColumnFilter("code", "AAA", "BBB", "AAA"),
    ),
    _core(
        path="task-types",
        model="TaskType",
        make=factories.make_task_type,
        body=lambda db: {"name": unique("Type "), "for_entity": "Shot"},
        update={"color": "#123123"},
        wrong_type={"priority": "high"},
        wrong_type_message=INTEGER.format("priority"),
        column_filter=ColumnFilter("for_entity", "Edit", "Episode", "Edit"),
        duplicate_message="A task type with similar name already exists",
    ),
    _core(
        path="task-status",
        model="TaskStatus",
        event="task-status",
        make=factories.make_task_status,
        body=lambda db: {"name": unique("Status "), "short_name": unique("s"), "color": "#0000ff"},
        update={"is_done": True},
        wrong_type={"is_done": "perhaps"},
        wrong_type_message=BOOLEAN.format("is_done"),
        column_filter=_colors("color"),
        unique_field="short_name",
        required="short_name",
    ),
    _core(
        path="entity-types",
        model="EntityType",
        event="asset-type",
        make=factories.make_entity_type,
        body=lambda db: {"name": unique("Props ")},
        update={"short_name": "prp"},
        wrong_type={"archived": "nope-not-a-bool"},
        wrong_type_message=BOOLEAN.format("archived"),
        column_filter=ColumnFilter("short_name", "aa", "bb", "aa"),
        duplicate_message="Entity type with this name already exists",
    ),
]

# ---------------------------------------------------------------- entities and tasks

ENTITIES = [
    _entities(
        path="entities",
        model="Entity",
        event="asset",
        type_name="Asset",
        make=factories.make_entity,
        body=_entity_body,
        update={"description": "A brave hero"},
        wrong_type={"nb_frames": "many"},
        wrong_type_message=INTEGER.format("nb_frames"),
        project=_row_project,
    ),
    _entities(
        path="entity-links",
        model="EntityLink",
        make=factories.make_entity_link,
        body=_entity_link_body,
        update={"label": "fixed"},
        wrong_type={"nb_occurences": "twice"},
        wrong_type_message=INTEGER.format("nb_occurences"),
    ),
    _entities(
        path="asset-instances",
        model="AssetInstance",
        make=factories.make_asset_instance,
        body=_instance_body,
        update={"description": "On the left"},
        wrong_type={"active": "perhaps"},
        wrong_type_message=BOOLEAN.format("active"),
    ),
    _entities(
        path="tasks",
        model="Task",
        make=factories.make_task,
        body=_task_body,
        update={"priority": 2},
        wrong_type={"priority": "urgent"},
        wrong_type_message=INTEGER.format("priority"),
        payload=_task_payload,
        unknown_parent_status=404,  # an unknown entity is not found
    ),
]

# ---------------------------------------------------------------- reviews

REVIEWS = [
    _reviews(
        path="comments",
        model="Comment",
        make=factories.make_comment,
        body=lambda db: {
            "object_id": _task(db),
            "object_type": "Task",
            "person_id": _person(db),
            "text": "Looks good",
        },
        update={"text": "Looks better"},
        wrong_type={"pinned": "sometimes"},
        wrong_type_message=BOOLEAN.format("pinned"),
        payload=_comment_payload,
    ),
    _reviews(
        path="preview-files",
        model="PreviewFile",
        make=factories.make_preview_file,
        body=lambda db: {"task_id": _task(db), "name": "v001", "revision": 1, "extension": "png"},
        update={"description": "Shaded"},
        wrong_type={"width": "wide"},
        wrong_type_message=INTEGER.format("width"),
    ),
    _reviews(
        path="attachment-files",
        model="AttachmentFile",
        make=factories.make_attachment_file,
        body=lambda db: {
            "comment_id": sid(factories.make_comment(db)),
            "name": "notes.pdf",
            "extension": "pdf",
            "size": 1200,
        },
        update={"name": "renamed.pdf"},
        wrong_type={"size": "big"},
        wrong_type_message=INTEGER.format("size"),
    ),
    _reviews(
        path="playlists",
        model="Playlist",
        make=factories.make_playlist,
        body=lambda db: {"project_id": sid(factories.make_project(db)), "name": "Dailies"},
        update={"name": "Dailies 2"},
        wrong_type={"for_client": "maybe"},
        wrong_type_message=BOOLEAN.format("for_client"),
        project=_row_project,
    ),
    _reviews(
        path="news",
        model="News",
        event="news",
        make=factories.make_news,
        body=lambda db: {"task_id": _task(db), "author_id": _person(db), "change": True},
        update={"change": False},
        wrong_type={"change": "perhaps"},
        wrong_type_message=BOOLEAN.format("change"),
    ),
    _reviews(
        path="notifications",
        model="Notification",
        make=factories.make_notification,
        body=lambda db: {"person_id": _person(db), "author_id": _person(db), "type": "mention"},
        update={"read": True},
        wrong_type={"read": "unread"},
        wrong_type_message=BOOLEAN.format("read"),
        echo_skip=frozenset({"type"}),
    ),
    _reviews(
        path="subscriptions",
        model="Subscription",
        make=factories.make_subscription,
        body=lambda db: {"person_id": _person(db), "task_id": _task(db)},
        update=lambda db: {"task_type_id": sid(factories.make_task_type(db))},
        wrong_type={"task_id": 12},
        wrong_type_message="Invalid UUID value for 'task_id': 12.",
    ),
    _reviews(
        path="chats",
        model="Chat",
        make=factories.make_chat,
        body=lambda db: {"object_id": sid(factories.make_entity(db)), "object_type": "entity"},
        update={"last_message": "2024-05-01T10:00:00"},
        wrong_type={"last_message": "yesterday"},
        wrong_type_message=DATE.format("last_message", "yesterday"),
    ),
    _reviews(
        path="chat-messages",
        model="ChatMessage",
        make=factories.make_chat_message,
        body=lambda db: {
            "chat_id": sid(factories.make_chat(db)),
            "person_id": _person(db),
            "text": "Hello",
        },
        update={"text": "Hello again"},
        wrong_type={"text": ["hello"]},
        wrong_type_message=STRING.format("text"),
    ),
    _reviews(
        path="events",
        model="ApiEvent",
        event="api-event",
        make=factories.make_api_event,
        body=lambda db: {"name": "custom:event", "data": {"answer": 42}},
        update={"name": "custom:renamed"},
        wrong_type={"name": {"not": "text"}},
        wrong_type_message=STRING.format("name"),
        parents=False,
    ),
]

# ---------------------------------------------------------------- people and studio data

PEOPLE = [
    _people(
        path="time-spents",
        model="TimeSpent",
        make=_assigned_time_spent,
        body=_time_spent_body,
        update={"duration": 45.0},
        wrong_type={"duration": "long"},
        wrong_type_message=NUMBER.format("duration"),
    ),
    _people(
        path="day-offs",
        model="DayOff",
        make=factories.make_day_off,
        body=_day_off_body,
        update={"description": "Sick"},
        wrong_type={"date": "soon"},
        wrong_type_message=DATE.format("date", "soon"),
    ),
    _people(
        path="hardware-items",
        model="HardwareItem",
        make=factories.make_hardware_item,
        body=_named("Tablet", short_name="tab"),
        update={"inventory_amount": 4},
        wrong_type={"monthly_cost": "cheap"},
        wrong_type_message=INTEGER.format("monthly_cost"),
        parents=False,
    ),
    _people(
        path="softwares",
        model="Software",
        make=factories.make_software,
        body=_named("Blender", short_name="bl", file_extension=".blend"),
        update={"version": "5.0"},
        wrong_type={"inventory_amount": "many"},
        wrong_type_message=INTEGER.format("inventory_amount"),
        parents=False,
    ),
    _people(
        path="salary-scales",
        model="SalaryScale",
        make=factories.make_salary_scale,
        body=None,
        update={"salary": 3000},
        wrong_type={"salary": "lots"},
        wrong_type_message=INTEGER.format("salary"),
        create_refused="Salary scales cannot be created",
        lazy_first_listing=True,  # salary scales fill their grid on a first listing
        parents=False,
    ),
    _people(
        path="search-filters",
        model="SearchFilter",
        make=factories.make_search_filter,
        body=_search_body(search_query="status=wip"),
        update={"name": "Renamed"},
        wrong_type={"is_shared": MAYBE},
        wrong_type_message=BOOLEAN.format("is_shared"),
    ),
    _people(
        path="search-filter-groups",
        model="SearchFilterGroup",
        make=factories.make_search_filter_group,
        body=_search_body(color="#00ff00"),
        update={"name": "Renamed"},
        wrong_type={"is_shared": MAYBE},
        wrong_type_message=BOOLEAN.format("is_shared"),
    ),
    _people(
        path="custom-actions",
        model="CustomAction",
        make=factories.make_custom_action,
        body=_named("Publish", url="https://example.com/publish", entity_type="shot"),
        update={"url": "https://example.com/other"},
        wrong_type={"is_ajax": MAYBE},
        wrong_type_message=BOOLEAN.format("is_ajax"),
        parents=False,
    ),
    _people(
        path="plugins",
        model="Plugin",
        make=factories.make_plugin,
        body=_plugin_body,
        update={"description": "Exports things"},
        wrong_type={"frontend_project_enabled": MAYBE},
        wrong_type_message=BOOLEAN.format("frontend_project_enabled"),
        parents=False,
    ),
    _people(
        path="budgets",
        model="Budget",
        make=factories.make_budget,
        body=_budget_body,
        update={"name": "Quote B"},
        wrong_type={"currency": ["EUR"]},
        wrong_type_message=STRING.format("currency"),
    ),
    _people(
        path="budget-entries",
        model="BudgetEntry",
        event="budget-entry",
        make=factories.make_budget_entry,
        body=_budget_entry_body,
        update={"daily_salary": 321.5},
        wrong_type={"months_duration": "long"},
        wrong_type_message=INTEGER.format("months_duration"),
    ),
]

# ---------------------------------------------------------------- project configuration

CONFIG = [
    _config(
        path="metadata-descriptors",
        model="MetadataDescriptor",
        make=factories.make_metadata_descriptor,
        body=_descriptor_body,
        update={"for_client": True, "position": 2},
        wrong_type={"for_client": "sometimes"},
        wrong_type_message=BOOLEAN.format("for_client"),
        project=_row_project,
    ),
    _config(
        path="schedule-items",
        model="ScheduleItem",
        make=factories.make_schedule_item,
        body=_schedule_item_body,
        update={"end_date": "2030-03-01", "man_days": 12},
        wrong_type={"start_date": "yesterday"},
        wrong_type_message=DATE.format("start_date", "yesterday"),
        project=_row_project,
    ),
    _config(
        path="milestones",
        model="Milestone",
        make=factories.make_milestone,
        body=_milestone_body,
        update={"name": "Final", "date": "2031-01-01"},
        wrong_type={"date": "soon"},
        wrong_type_message=DATE.format("date", "soon"),
        project=_row_project,
    ),
    _config(
        path="status-automations",
        model="StatusAutomation",
        make=factories.make_status_automation,
        body=_automation_body,
        update={"archived": True, "import_last_revision": True},
        wrong_type={"archived": "maybe"},
        wrong_type_message=BOOLEAN.format("archived"),
    ),
    _config(
        path="file-status",
        model="FileStatus",
        event="file-status",
        make=factories.make_file_status,
        body=lambda db: {"name": "Approved", "color": "#112233"},
        update={"color": "#445566"},
        wrong_type={"color": ["#000000"]},
        wrong_type_message=STRING.format("color"),
        parents=False,
    ),
    _config(
        path="output-types",
        model="OutputType",
        make=factories.make_output_type,
        body=lambda db: {"name": "Geometry", "short_name": "geo"},
        update={"short_name": "geom"},
        wrong_type={"short_name": {"x": 1}},
        wrong_type_message=STRING.format("short_name"),
        parents=False,
    ),
    _config(
        path="output-files",
        model="OutputFile",
        make=factories.make_output_file,
        body=_output_file_body,
        update={"comment": "Fixed", "size": 2048},
        wrong_type={"size": "big"},
        wrong_type_message=INTEGER.format("size"),
        project=_entity_project,
    ),
    _config(
        path="working-files",
        model="WorkingFile",
        make=factories.make_working_file,
        body=_working_file_body,
        update={"comment": "WIP", "revision": 5},
        wrong_type={"revision": "next"},
        wrong_type_message=INTEGER.format("revision"),
    ),
    _config(
        path="preview-background-files",
        model="PreviewBackgroundFile",
        make=factories.make_preview_background_file,
        body=lambda db: {"name": "Studio", "extension": "hdr", "file_size": 1000},
        update={"archived": True},
        wrong_type={"file_size": "huge"},
        wrong_type_message=INTEGER.format("file_size"),
        parents=False,
    ),
    _config(
        path="project-templates",
        model="ProjectTemplate",
        make=factories.make_project_template,
        body=lambda db: {"name": "Feature film", "fps": "24", "max_retakes": 3},
        update={"description": "For movies", "ratio": "2.39"},
        wrong_type={"max_retakes": "few"},
        wrong_type_message=INTEGER.format("max_retakes"),
        write_not_found="Project template not found",
        refuses_unknown_fields=False,  # a template keeps only its known creation fields
        parents=False,
    ),
    _config(
        path="production-schedule-versions",
        model="ProductionScheduleVersion",
        make=factories.make_production_schedule_version,
        body=_version_body,
        update={"name": "V3", "canceled": True},
        wrong_type={"locked": "no way"},
        wrong_type_message=BOOLEAN.format("locked"),
        project=_row_project,
    ),
    _config(
        path="production-schedule-version-task-links",
        model="ProductionScheduleVersionTaskLink",
        make=factories.make_schedule_version_task_link,
        body=_version_link_body,
        update={"estimation": 7.5, "due_date": "2030-02-01T18:00:00"},
        wrong_type={"estimation": "long"},
        wrong_type_message=NUMBER.format("estimation"),
        parents=False,  # unknown or malformed parents: 404 (see test_config_versions)
    ),
]

CASES = CORE + ENTITIES + REVIEWS + PEOPLE + CONFIG
CASE_IDS = [case.path for case in CASES]
