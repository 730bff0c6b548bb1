"""One case per generic CRUD resource: how to make a row and what valid/invalid bodies are."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from reeltrack.models import ProjectStatus
from tests import factories
from tests.crud.support import DUPLICATE

_seq = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}{next(_seq)}"


@dataclass(frozen=True)
class Case:
    """What the generic suite needs to know about one resource."""

    path: str
    model: str
    event: str
    make: Callable[..., Any]
    body: Callable[[], dict[str, Any]]
    update: dict[str, Any]
    unique_field: str
    duplicate_message: str
    required: str
    filter_field: str
    wrong_type: dict[str, Any]
    wrong_type_message: str
    has_name: bool = True

    @property
    def id_key(self) -> str:
        return f"{self.event.replace('-', '_')}_id"

    def make_row(self, db: Session, **fields: Any) -> Any:
        return self.make(db, **fields)


def make_project_status(db: Session, **fields: Any) -> ProjectStatus:
    values: dict[str, Any] = {"name": unique("Status "), "color": "#000000"}
    values.update(fields)
    row = ProjectStatus(**values)
    db.add(row)
    db.flush()
    return row


def _person_body() -> dict[str, Any]:
    name = unique("person")
    return {"first_name": name, "last_name": "Doe", "email": f"{name}@example.com"}


CASES = [
    Case(
        path="persons",
        model="Person",
        event="person",
        make=factories.make_person,
        body=_person_body,
        update={"first_name": "Renamed"},
        unique_field="email",
        duplicate_message="Email already in use.",
        required="first_name",
        filter_field="last_name",
        wrong_type={"first_name": {"not": "a string"}},
        wrong_type_message="Field 'first_name' must be a string.",
        has_name=False,
    ),
    Case(
        path="departments",
        model="Department",
        event="department",
        make=factories.make_department,
        body=lambda: {"name": unique("Department "), "color": "#112233"},
        update={"color": "#abcdef"},
        unique_field="name",
        duplicate_message=DUPLICATE,
        required="color",
        filter_field="color",
        wrong_type={"archived": "maybe"},
        wrong_type_message="Field 'archived' must be a boolean.",
    ),
    Case(
        path="studios",
        model="Studio",
        event="studio",
        make=factories.make_studio,
        body=lambda: {"name": unique("Studio "), "color": "#445566"},
        update={"color": "#fedcba"},
        unique_field="name",
        duplicate_message=DUPLICATE,
        required="name",
        filter_field="color",
        wrong_type={"archived": [1]},
        wrong_type_message="Field 'archived' must be a boolean.",
    ),
    Case(
        path="organisations",
        model="Organisation",
        event="organisation",
        make=factories.make_organisation,
        body=lambda: {"name": unique("Org ")},
        update={"use_original_file_name": True},
        unique_field="name",
        duplicate_message=DUPLICATE,
        required="name",
        filter_field="timesheets_locked",
        wrong_type={"dark_theme_by_default": "sometimes"},
        wrong_type_message="Field 'dark_theme_by_default' must be a boolean.",
    ),
    Case(
        path="project-status",
        model="ProjectStatus",
        event="project-status",
        make=make_project_status,
        body=lambda: {"name": unique("Status "), "color": "#00ff00"},
        update={"color": "#ff0000"},
        unique_field="name",
        duplicate_message=DUPLICATE,
        required="color",
        filter_field="color",
        wrong_type={"color": ["#000000"]},
        wrong_type_message="Field 'color' must be a string.",
    ),
    Case(
        path="projects",
        model="Project",
        event="project",
        make=factories.make_project,
        body=lambda: {"name": unique("Project ")},
        update={"description": "A new description"},
        unique_field="name",
        duplicate_message=DUPLICATE,
        required="name",
        filter_field="code",
        wrong_type={"man_days": "many"},
        wrong_type_message="Field 'man_days' must be an integer.",
    ),
    Case(
        path="task-types",
        model="TaskType",
        event="task-type",
        make=factories.make_task_type,
        body=lambda: {"name": unique("Type "), "for_entity": "Shot"},
        update={"color": "#123123"},
        unique_field="name",
        duplicate_message="A task type with similar name already exists",
        required="name",
        filter_field="for_entity",
        wrong_type={"priority": "high"},
        wrong_type_message="Field 'priority' must be an integer.",
    ),
    Case(
        path="task-status",
        model="TaskStatus",
        event="task-status",
        make=factories.make_task_status,
        body=lambda: {"name": unique("Status "), "short_name": unique("s"), "color": "#0000ff"},
        update={"is_done": True},
        unique_field="short_name",
        duplicate_message=DUPLICATE,
        required="short_name",
        filter_field="color",
        wrong_type={"is_done": "perhaps"},
        wrong_type_message="Field 'is_done' must be a boolean.",
    ),
    Case(
        path="entity-types",
        model="EntityType",
        event="asset-type",
        make=factories.make_entity_type,
        body=lambda: {"name": unique("Props ")},
        update={"short_name": "prp"},
        unique_field="name",
        duplicate_message="Entity type with this name already exists",
        required="name",
        filter_field="short_name",
        wrong_type={"archived": "nope-not-a-bool"},
        wrong_type_message="Field 'archived' must be a boolean.",
    ),
]
CASE_IDS = [case.path for case in CASES]
NAMED_CASES = [case for case in CASES if case.has_name]

# Distinct values of `filter_field` for two rows made by the factory.
FILTER_VALUES: dict[str, tuple[Any, Any, str, str]] = {
    # path: (value of row a, value of row b, query string for a, query string for b)
    "persons": ("Alpha", "Beta", "Alpha", "Beta"),
    "departments": ("#aaaaaa", "#bbbbbb", "#aaaaaa", "#bbbbbb"),
    "studios": ("#aaaaaa", "#bbbbbb", "#aaaaaa", "#bbbbbb"),
    "organisations": (True, False, "true", "false"),
    "project-status": ("#aaaaaa", "#bbbbbb", "#aaaaaa", "#bbbbbb"),
    "projects": ("AAA", "BBB", "AAA", "BBB"),
    "task-types": ("Edit", "Episode", "Edit", "Episode"),
    "task-status": ("#aaaaaa", "#bbbbbb", "#aaaaaa", "#bbbbbb"),
    "entity-types": ("aa", "bb", "aa", "bb"),
}
