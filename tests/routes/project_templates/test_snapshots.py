"""A template made from a project's configuration, and a template applied to a project."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from reeltrack.models import (
    MetadataDescriptor,
    Project,
    ProjectTaskStatusLink,
    ProjectTaskTypeLink,
    ProjectTemplate,
    ProjectTemplateTaskStatusLink,
    ProjectTemplateTaskTypeLink,
    project_asset_type_link,
    project_preview_background_file_link,
    project_status_automation_link,
)
from reeltrack.models.project_template import (
    project_template_asset_type_link,
    project_template_preview_background_file_link,
    project_template_status_automation_link,
)
from tests import factories
from tests.crud.support import assert_error, events, one_event, reload
from tests.routes.project_templates.support import assert_400, seed


@pytest.fixture()
def data(db):
    return seed(db)


def _configure(db, data):
    """Give the seeded project one of everything a template copies."""
    project = data["project"]
    project.fps = "24"
    project.max_retakes = 3
    project.hd_bitrate_compression = 12
    project.file_tree = {"working": {"mountpoint": "/x"}}
    project.data = {"budget": 5}
    project.default_preview_background_file_id = data["background"].id
    db.add(
        ProjectTaskTypeLink(
            project_id=project.id,
            task_type_id=data["task_type"].id,
            priority=4,
            ld_bitrate_compression=3,
            is_client_visible=False,
        )
    )
    db.add(
        ProjectTaskStatusLink(
            project_id=project.id,
            task_status_id=data["task_status"].id,
            priority=2,
            roles_for_board=["client"],
            is_client_allowed=True,
        )
    )
    db.execute(
        project_asset_type_link.insert().values(
            project_id=project.id, asset_type_id=data["asset_type"].id
        )
    )
    db.execute(
        project_status_automation_link.insert().values(
            project_id=project.id, status_automation_id=data["automation"].id
        )
    )
    db.execute(
        project_preview_background_file_link.insert().values(
            project_id=project.id, preview_background_file_id=data["background"].id
        )
    )
    department = factories.make_department(db)
    descriptor = factories.make_metadata_descriptor(
        db, project_id=project.id, name="Difficulty", field_name="difficulty", choices=["a"]
    )
    db.flush()
    from reeltrack.models.metadata_descriptor import department_metadata_descriptor_link as link

    db.execute(
        link.insert().values(metadata_descriptor_id=descriptor.id, department_id=department.id)
    )
    db.commit()
    return department


def _targets(db, table, column, owner_column, owner_id):
    db.commit()
    return set(db.scalars(select(table.c[column]).where(table.c[owner_column] == owner_id)))


def test_template_from_project_copies_the_configuration(admin, db, data):
    department = _configure(db, data)
    project = data["project"]
    response = admin.post(
        f"/data/project-templates/from-project/{project.id}",
        json={"name": "Feature", "description": "From a film"},
    )
    assert response.status_code == 201, response.text
    shown = response.json()
    assert shown["type"] == "ProjectTemplate" and shown["name"] == "Feature"
    assert (shown["description"], shown["fps"], shown["max_retakes"]) == ("From a film", "24", 3)
    assert shown["hd_bitrate_compression"] == 12
    assert shown["file_tree"] == {"working": {"mountpoint": "/x"}} and shown["data"] == {
        "budget": 5
    }
    assert shown["default_preview_background_file_id"] == str(data["background"].id)
    assert shown["metadata_descriptors"] == [
        {
            "name": "Difficulty",
            "field_name": "difficulty",
            "entity_type": "Asset",
            "task_type_id": None,
            "data_type": "string",
            "choices": ["a"],
            "for_client": False,
            "departments": [str(department.id)],
            "position": None,
        }
    ]
    template_id = uuid.UUID(shown["id"])
    type_link = db.scalars(
        select(ProjectTemplateTaskTypeLink).where(
            ProjectTemplateTaskTypeLink.project_template_id == template_id
        )
    ).one()
    assert (type_link.task_type_id, type_link.priority, type_link.ld_bitrate_compression) == (
        data["task_type"].id,
        4,
        3,
    )
    assert type_link.is_client_visible is False
    status_link = db.scalars(
        select(ProjectTemplateTaskStatusLink).where(
            ProjectTemplateTaskStatusLink.project_template_id == template_id
        )
    ).one()
    assert (status_link.priority, status_link.roles_for_board, status_link.is_client_allowed) == (
        2,
        ["client"],
        True,
    )
    for table, column, key in (
        (project_template_asset_type_link, "asset_type_id", "asset_type"),
        (project_template_status_automation_link, "status_automation_id", "automation"),
        (project_template_preview_background_file_link, "preview_background_file_id", "background"),
    ):
        assert _targets(db, table, column, "project_template_id", template_id) == {data[key].id}
    assert one_event(db, "project-template:new").data["project_template_id"] == shown["id"]


def test_template_from_project_refusals(admin, db, data):
    project = data["project"]
    route = f"/data/project-templates/from-project/{project.id}"
    taken = data["template"].name
    assert_400(
        admin.post(route, json={"name": taken}), "A project template with this name already exists"
    )
    for body in ({}, {"name": ""}, {"name": 3}, {"name": "ok", "description": 4}, []):
        assert_400(admin.post(route, json=body))
    assert_400(admin.post(route, json={"name": "x" * 81}))
    assert_400(admin.post(route, json={"name": "a\x00b"}))
    response = admin.post(
        f"/data/project-templates/from-project/{uuid.uuid4()}", json={"name": "a"}
    )
    assert_error(response, 404, "Project not found")
    assert_error(admin.post("/data/project-templates/from-project/nope", json={"name": "a"}), 404)
    db.commit()
    assert db.scalars(select(ProjectTemplate.name)).all() == [taken]


def test_apply_template_to_project(admin, db, data):
    _configure(db, data)
    source = data["project"]
    made = admin.post(
        f"/data/project-templates/from-project/{source.id}", json={"name": "Snap"}
    ).json()
    target = factories.make_project(db, fps="30", max_retakes=9, homepage="shots")
    db.add(ProjectTaskTypeLink(project_id=target.id, task_type_id=data["task_type"].id, priority=1))
    db.commit()
    template = db.get(ProjectTemplate, uuid.UUID(made["id"]))
    template.homepage = None  # a setting the template leaves unset keeps the project's
    db.commit()
    response = admin.post(f"/data/projects/{target.id}/apply-template/{made['id']}")
    assert response.status_code == 200, response.text
    shown = response.json()
    assert shown["type"] == "Project" and shown["id"] == str(target.id)
    assert (shown["fps"], shown["max_retakes"], shown["homepage"]) == ("24", 3, "shots")
    assert shown["file_tree"] == {"working": {"mountpoint": "/x"}}
    assert shown["default_preview_background_file_id"] == str(data["background"].id)
    db.commit()
    # The existing task type link keeps its priority (additive apply).
    type_links = db.scalars(
        select(ProjectTaskTypeLink).where(ProjectTaskTypeLink.project_id == target.id)
    ).all()
    assert [(link.task_type_id, link.priority) for link in type_links] == [
        (data["task_type"].id, 1)
    ]
    status_link = db.scalars(
        select(ProjectTaskStatusLink).where(ProjectTaskStatusLink.project_id == target.id)
    ).one()
    assert (status_link.roles_for_board, status_link.is_client_allowed) == (["client"], True)
    for table, column, key in (
        (project_asset_type_link, "asset_type_id", "asset_type"),
        (project_status_automation_link, "status_automation_id", "automation"),
        (project_preview_background_file_link, "preview_background_file_id", "background"),
    ):
        assert _targets(db, table, column, "project_id", target.id) == {data[key].id}
    descriptor = db.scalars(
        select(MetadataDescriptor).where(MetadataDescriptor.project_id == target.id)
    ).one()
    assert (descriptor.name, descriptor.field_name, descriptor.choices) == (
        "Difficulty",
        "difficulty",
        ["a"],
    )
    created = one_event(db, "metadata-descriptor:new")
    assert created.data["metadata_descriptor_id"] == str(descriptor.id)
    update = one_event(db, "project:update")
    assert update.data == {"project_id": str(target.id)}
    # Applying again adds nothing.
    assert admin.post(f"/data/projects/{target.id}/apply-template/{made['id']}").status_code == 200
    assert len(events(db, "metadata-descriptor:new")) == 1


def test_apply_skips_snapshot_entries_that_cannot_be_created(admin, db, data):
    template, project = data["template"], data["project"]
    template.metadata_descriptors = [
        "junk",
        {"name": "", "entity_type": "Asset"},
        {"name": "No task type", "entity_type": "Task", "data_type": "string"},
        {"name": "Bad type", "entity_type": "Asset", "data_type": "nope"},
        {
            "name": "Bad departments",
            "entity_type": "Asset",
            "data_type": "string",
            "departments": ["x"],
        },
        {"name": "Bad entity", "entity_type": ["Asset"], "data_type": "string"},
        {"name": "Bad choices", "entity_type": "Shot", "data_type": "number", "choices": "x"},
        {"name": "Kept", "entity_type": "Shot", "data_type": "number"},
    ]
    db.commit()
    response = admin.post(f"/data/projects/{project.id}/apply-template/{template.id}")
    assert response.status_code == 200, response.text
    db.commit()
    names = db.scalars(
        select(MetadataDescriptor.name).where(MetadataDescriptor.project_id == project.id)
    ).all()
    assert names == ["Kept"]
    template.metadata_descriptors = {"not": "a list"}
    db.commit()
    assert (
        admin.post(f"/data/projects/{project.id}/apply-template/{template.id}").status_code == 200
    )


def test_apply_template_refusals(admin, db, data):
    template, project = data["template"], data["project"]
    unknown = uuid.uuid4()
    response = admin.post(f"/data/projects/{unknown}/apply-template/{unknown}")
    assert_error(response, 404, "Project not found")
    response = admin.post(f"/data/projects/{project.id}/apply-template/{unknown}")
    assert_error(response, 404, "Project template not found")
    assert_error(admin.post(f"/data/projects/nope/apply-template/{template.id}"), 404)
    assert_error(admin.post(f"/data/projects/{project.id}/apply-template/nope"), 404)
    assert reload(db, Project, project.id).fps == "25"
    assert events(db) == []
