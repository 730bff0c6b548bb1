"""A template's asset types, status automations, preview backgrounds and descriptors."""

from __future__ import annotations

import uuid

import pytest

from reeltrack.models import ProjectTemplate
from tests import factories
from tests.crud.support import assert_error, events, reload
from tests.routes.project_templates.support import assert_400, seed, url


@pytest.fixture()
def data(db):
    return seed(db)


def test_asset_types_link_list_unlink(admin, db, data, count_queries):
    template, asset_type = data["template"], data["asset_type"]
    body = {"asset_type_id": str(asset_type.id)}
    response = admin.post(url(template, "asset-types"), json=body)
    assert response.status_code == 201, response.text
    assert response.json() == {"id": str(asset_type.id), "name": "Props"}
    # Linking twice is a no-op.
    assert admin.post(url(template, "asset-types"), json=body).status_code == 201
    with count_queries() as one:
        assert admin.get(url(template, "asset-types")).json() == [
            {"id": str(asset_type.id), "name": "Props"}
        ]
    other = factories.make_entity_type(db, name="Characters")
    db.commit()
    admin.post(url(template, "asset-types"), json={"asset_type_id": str(other.id)})
    with count_queries() as two:
        names = [row["name"] for row in admin.get(url(template, "asset-types")).json()]
    assert names == ["Characters", "Props"] and one.count == two.count
    assert admin.delete(url(template, f"asset-types/{asset_type.id}")).status_code == 204
    assert [row["name"] for row in admin.get(url(template, "asset-types")).json()] == ["Characters"]
    assert admin.delete(url(template, "asset-types/nope")).status_code == 204
    assert len(events(db, "project-template:update")) == 5


def test_asset_type_bad_input(admin, data):
    template = data["template"]
    unknown = str(uuid.uuid4())
    assert_400(
        admin.post(url(template, "asset-types"), json={"asset_type_id": unknown}),
        f"Asset type {unknown} does not exist",
    )
    assert_400(admin.post(url(template, "asset-types"), json={"asset_type_id": 3}))
    response = admin.post(
        f"/data/project-templates/{unknown}/asset-types",
        json={"asset_type_id": str(data["asset_type"].id)},
    )
    assert_error(response, 404, "Project template not found")
    assert_error(admin.delete(f"/data/project-templates/{unknown}/asset-types/{unknown}"), 404)


def test_status_automations(admin, db, data, count_queries):
    template, automation = data["template"], data["automation"]
    body = {"status_automation_id": str(automation.id)}
    response = admin.post(url(template, "status-automations"), json=body)
    assert response.status_code == 201
    created = response.json()
    assert created["type"] == "StatusAutomation" and created["id"] == str(automation.id)
    assert created["entity_type"] == "asset"
    admin.post(url(template, "status-automations"), json=body)
    with count_queries() as one:
        rows = admin.get(url(template, "status-automations")).json()
    assert rows == [created]
    second = factories.make_status_automation(db)
    db.commit()
    admin.post(url(template, "status-automations"), json={"status_automation_id": str(second.id)})
    with count_queries() as two:
        assert len(admin.get(url(template, "status-automations")).json()) == 2
    assert one.count == two.count
    assert admin.delete(url(template, f"status-automations/{automation.id}")).status_code == 204
    assert len(admin.get(url(template, "status-automations")).json()) == 1
    assert_400(admin.post(url(template, "status-automations"), json={"status_automation_id": "x"}))


def test_backgrounds_and_default(admin, db, data, count_queries):
    template, studio, outdoor = data["template"], data["background"], data["background2"]
    counts = []
    for background in (studio, outdoor):
        body = {"preview_background_file_id": str(background.id)}
        response = admin.post(url(template, "preview-background-files"), json=body)
        assert response.status_code == 201
        with count_queries() as counted:
            rows = admin.get(url(template, "preview-background-files")).json()
        counts.append(counted.count)
    assert response.json() == {"id": str(outdoor.id), "name": "Outdoor", "is_default": False}
    assert counts[0] == counts[1]
    assert [row["name"] for row in rows] == ["Outdoor", "Studio"]
    response = admin.put(
        url(template, "default-preview-background-file"),
        json={"default_preview_background_file_id": str(studio.id)},
    )
    assert response.status_code == 200
    shown = response.json()
    assert shown["type"] == "ProjectTemplate" and shown["id"] == str(template.id)
    assert shown["default_preview_background_file_id"] == str(studio.id)
    assert "task_types" not in shown
    # Unlinking the default background clears it.
    assert admin.delete(url(template, f"preview-background-files/{studio.id}")).status_code == 204
    assert reload(db, ProjectTemplate, template.id).default_preview_background_file_id is None
    assert [row["name"] for row in admin.get(url(template, "preview-background-files")).json()] == [
        "Outdoor"
    ]


def test_default_background_must_be_linked(admin, db, data):
    template = data["template"]
    default = url(template, "default-preview-background-file")
    not_linked = {"default_preview_background_file_id": str(data["background"].id)}
    assert_400(
        admin.put(default, json=not_linked),
        "Preview background file is not linked to this template",
    )
    assert_400(admin.put(default, json={"default_preview_background_file_id": "nope"}))
    assert_400(admin.put(default, json={"default_preview_background_file_id": 4}))
    template.default_preview_background_file_id = data["background"].id
    db.commit()
    response = admin.put(default, json={"default_preview_background_file_id": None})
    assert response.status_code == 200
    assert response.json()["default_preview_background_file_id"] is None
    assert_error(
        admin.put(
            f"/data/project-templates/{uuid.uuid4()}/default-preview-background-file", json={}
        ),
        404,
    )


def test_metadata_descriptors_snapshot(admin, db, data):
    template = data["template"]
    descriptors = url(template, "metadata-descriptors")
    body = {
        "metadata_descriptors": [
            {"name": "Difficulté Level", "entity_type": "Asset", "data_type": "list", "extra": 1},
            {
                "name": "Notes",
                "field_name": "my_notes",
                "entity_type": "Task",
                "task_type_id": str(data["task_type"].id),
                "choices": ["a"],
                "for_client": 1,
                "departments": [None, "d1"],
                "position": 3,
            },
        ]
    }
    response = admin.put(descriptors, json=body)
    assert response.status_code == 200, response.text
    assert response.json()["type"] == "ProjectTemplate"
    assert response.json()["metadata_descriptors"] == [
        {
            "name": "Difficulté Level",
            "field_name": "difficulte_level",
            "entity_type": "Asset",
            "task_type_id": None,
            "data_type": "list",
            "choices": [],
            "for_client": False,
            "departments": [],
            "position": None,
        },
        {
            "name": "Notes",
            "field_name": "my_notes",
            "entity_type": "Task",
            "task_type_id": str(data["task_type"].id),
            "data_type": None,
            "choices": ["a"],
            "for_client": True,
            "departments": ["d1"],
            "position": 3,
        },
    ]
    # The legacy shape: a bare array.
    response = admin.put(descriptors, json=[{"name": "Solo"}])
    assert [item["name"] for item in response.json()["metadata_descriptors"]] == ["Solo"]
    assert reload(db, ProjectTemplate, template.id).metadata_descriptors[0]["field_name"] == "solo"
    # No descriptors (null or missing) empties the snapshot.
    assert admin.put(descriptors, json={}).json()["metadata_descriptors"] == []
    assert len(events(db, "project-template:update")) == 3


def test_metadata_descriptors_bad_input(admin, data):
    descriptors = url(data["template"], "metadata-descriptors")
    for body in (
        {"metadata_descriptors": "x"},
        {"metadata_descriptors": [1]},
        [["x"]],
        [{"name": 5}],
        [{"name": "a", "departments": "x"}],
    ):
        assert_400(admin.put(descriptors, json=body))
    assert_400(
        admin.put(descriptors, content=b"{nope", headers={"content-type": "application/json"})
    )
    assert_error(
        admin.put(f"/data/project-templates/{uuid.uuid4()}/metadata-descriptors", json=[]), 404
    )
