"""How to make a row, a creation body and an update for each config resource."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from reeltrack.models.project import project_person_link
from tests import factories


@dataclass(frozen=True)
class ConfigCase:
    """One config resource as the shared tests drive it."""

    path: str
    model: str
    make: Callable[..., Any]
    body: Callable[[Session], dict[str, Any]]
    update: dict[str, Any]
    wrong_type: dict[str, Any]
    # How the event payload finds its project: a column of the row, or nothing.
    project_of: Callable[[Session, Any], Any] | None = None

    @property
    def event(self) -> str:
        return self.path.removesuffix("s") if self.path != "file-status" else self.path

    @property
    def id_key(self) -> str:
        return f"{self.event.replace('-', '_')}_id"


def _project(db: Session, row: Any) -> Any:
    return row.project_id


def _entity_project(db: Session, row: Any) -> Any:
    from reeltrack.models import Entity

    return db.get(Entity, row.entity_id).project_id


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


def _link_body(db: Session) -> dict[str, Any]:
    version = factories.make_production_schedule_version(db)
    task = factories.make_config_task(db, project_id=version.project_id)
    return {
        "production_schedule_version_id": str(version.id),
        "task_id": str(task.id),
        "start_date": "2030-01-02T09:00:00",
        "estimation": 3.5,
    }


CONFIG_CASES = [
    ConfigCase(
        "metadata-descriptors",
        "MetadataDescriptor",
        factories.make_metadata_descriptor,
        _descriptor_body,
        {"for_client": True, "position": 2},
        {"for_client": "sometimes"},
        _project,
    ),
    ConfigCase(
        "schedule-items",
        "ScheduleItem",
        factories.make_schedule_item,
        _schedule_item_body,
        {"end_date": "2030-03-01", "man_days": 12},
        {"start_date": "yesterday"},
        _project,
    ),
    ConfigCase(
        "milestones",
        "Milestone",
        factories.make_milestone,
        _milestone_body,
        {"name": "Final", "date": "2031-01-01"},
        {"date": "soon"},
        _project,
    ),
    ConfigCase(
        "status-automations",
        "StatusAutomation",
        factories.make_status_automation,
        _automation_body,
        {"archived": True, "import_last_revision": True},
        {"archived": "maybe"},
    ),
    ConfigCase(
        "file-status",
        "FileStatus",
        factories.make_file_status,
        lambda db: {"name": "Approved", "color": "#112233"},
        {"color": "#445566"},
        {"color": ["#000000"]},
    ),
    ConfigCase(
        "output-types",
        "OutputType",
        factories.make_output_type,
        lambda db: {"name": "Geometry", "short_name": "geo"},
        {"short_name": "geom"},
        {"short_name": {"x": 1}},
    ),
    ConfigCase(
        "output-files",
        "OutputFile",
        factories.make_output_file,
        _output_file_body,
        {"comment": "Fixed", "size": 2048},
        {"size": "big"},
        _entity_project,
    ),
    ConfigCase(
        "working-files",
        "WorkingFile",
        factories.make_working_file,
        _working_file_body,
        {"comment": "WIP", "revision": 5},
        {"revision": "next"},
    ),
    ConfigCase(
        "preview-background-files",
        "PreviewBackgroundFile",
        factories.make_preview_background_file,
        lambda db: {"name": "Studio", "extension": "hdr", "file_size": 1000},
        {"archived": True},
        {"file_size": "huge"},
    ),
    ConfigCase(
        "project-templates",
        "ProjectTemplate",
        factories.make_project_template,
        lambda db: {"name": "Feature film", "fps": "24", "max_retakes": 3},
        {"description": "For movies", "ratio": "2.39"},
        {"max_retakes": "few"},
    ),
    ConfigCase(
        "production-schedule-versions",
        "ProductionScheduleVersion",
        factories.make_production_schedule_version,
        _version_body,
        {"name": "V3", "canceled": True},
        {"locked": "no way"},
        _project,
    ),
    ConfigCase(
        "production-schedule-version-task-links",
        "ProductionScheduleVersionTaskLink",
        factories.make_schedule_version_task_link,
        _link_body,
        {"estimation": 7.5, "due_date": "2030-02-01T18:00:00"},
        {"estimation": "long"},
    ),
]
CONFIG_IDS = [case.path for case in CONFIG_CASES]


def member(as_role: Any, db: Session, role: str, project: Any = None, link_role: Any = None) -> Any:
    """A caller of `role` on the team of `project` (a new one unless given), and the project."""
    caller = as_role(role)
    project = project or factories.make_project(db)
    db.execute(
        project_person_link.insert().values(
            project_id=project.id, person_id=caller.person.id, role=link_role
        )
    )
    db.commit()
    return caller, project
