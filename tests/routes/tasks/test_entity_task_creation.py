"""POST /data/entities/{id}/tasks: tasks of several types for one entity."""

from __future__ import annotations

import uuid

import pytest

from reeltrack.models import ProjectTaskTypeLink, task_type_asset_type_link
from tests import factories as f
from tests.routes.tasks.helpers import events, member


def _enable(db, project, *task_types) -> None:
    for task_type in task_types:
        db.add(ProjectTaskTypeLink(project_id=project.id, task_type_id=task_type.id))
    db.flush()


def test_default_types_are_the_project_types_fitting_the_entity(admin, db) -> None:
    project = f.make_project(db)
    asset = f.make_entity(db, project)
    modeling = f.make_task_type(db, for_entity="Asset")
    rigging = f.make_task_type(db, for_entity="Asset")
    anim = f.make_task_type(db, for_entity="Shot")
    f.make_task_type(db, for_entity="Asset")  # not enabled in the project
    _enable(db, project, modeling, rigging, anim)
    f.make_task(db, asset, task_type_id=rigging.id)
    db.commit()

    response = admin.post(f"/data/entities/{asset.id}/tasks", json={})

    assert response.status_code == 201
    rows = response.json()
    assert [row["task_type_id"] for row in rows] == [str(modeling.id)]
    assert rows[0]["entity_id"] == str(asset.id)
    assert [e["task_id"] for e in events(db, "task:new")] == [rows[0]["id"]]


def test_the_asset_type_workflow_limits_the_types(admin, db) -> None:
    project = f.make_project(db)
    asset = f.make_entity(db, project)
    modeling, rigging = f.make_task_type(db), f.make_task_type(db)
    _enable(db, project, modeling, rigging)
    db.execute(
        task_type_asset_type_link.insert().values(
            asset_type_id=asset.entity_type_id, task_type_id=modeling.id
        )
    )
    db.commit()

    listed = admin.post(
        f"/data/entities/{asset.id}/tasks", json={"task_type_ids": [str(rigging.id)]}
    )
    default = admin.post(f"/data/entities/{asset.id}/tasks", json={})

    assert listed.status_code == 400
    assert "workflow" in listed.json()["message"]
    assert [row["task_type_id"] for row in default.json()] == [str(modeling.id)]


def test_listed_types_must_fit_and_be_enabled(admin, db) -> None:
    project = f.make_project(db)
    shot = f.make_entity(db, project, type_name="Shot")
    anim = f.make_task_type(db, for_entity="Shot")
    modeling = f.make_task_type(db, for_entity="Asset")
    layout = f.make_task_type(db, for_entity="Shot")
    _enable(db, project, anim, modeling)
    db.commit()
    url = f"/data/entities/{shot.id}/tasks"

    assert admin.post(url, json={"task_type_ids": [str(modeling.id)]}).status_code == 400
    assert admin.post(url, json={"task_type_ids": [str(layout.id)]}).status_code == 400
    assert admin.post(url, json={"task_type_ids": [str(uuid.uuid4())]}).status_code == 404
    assert admin.post(url, json={"task_type_ids": ["bad"]}).status_code == 400
    assert admin.post(url, json={"task_type_ids": "bad"}).status_code == 400
    created = admin.post(url, json={"task_type_ids": [str(anim.id)]})
    assert created.status_code == 201
    assert [row["task_type_id"] for row in created.json()] == [str(anim.id)]
    assert admin.post("/data/entities/nope/tasks", json={}).status_code == 400
    assert admin.post(f"/data/entities/{uuid.uuid4()}/tasks", json={}).status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [("manager", 201), ("supervisor", 201), ("user", 201), ("client", 403), ("vendor", 403)],
)
def test_roles(as_role, db, role, status) -> None:
    project = f.make_project(db)
    asset = f.make_entity(db, project)
    modeling = f.make_task_type(db)
    _enable(db, project, modeling)
    db.commit()
    caller = member(as_role, db, role, project)

    response = caller.post(f"/data/entities/{asset.id}/tasks", json={})

    assert response.status_code == status


def test_outsiders_are_refused(as_role, db) -> None:
    asset = f.make_entity(db)
    db.commit()

    assert as_role("manager").post(f"/data/entities/{asset.id}/tasks", json={}).status_code == 403
