"""Metadata descriptors shared by every open project the caller manages."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reeltrack.models import Entity, MetadataDescriptor, project_person_link
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, events, sid

BASE = "/data/metadata-descriptors/all-projects"


def descriptors(db) -> list[tuple[str, str, str]]:
    db.commit()
    rows = db.scalars(select(MetadataDescriptor), execution_options={"populate_existing": True})
    return sorted((str(r.project_id), r.field_name, r.name) for r in rows)


@pytest.fixture()
def projects(db):
    first = factories.make_project(db, name="A")
    second = factories.make_project(db, name="B")
    closed = factories.make_project(db, name="C", closed=True)
    db.commit()
    return first, second, closed


def add(db, project, person, role=None) -> None:
    db.execute(
        project_person_link.insert().values(project_id=project.id, person_id=person.id, role=role)
    )
    db.commit()


def test_an_admin_creates_a_descriptor_on_every_open_project(admin, db, projects):
    first, second, closed = projects
    factories.make_metadata_descriptor(
        db, project_id=second.id, name="Budget", field_name="budget", entity_type="Project"
    )
    db.commit()
    response = admin.post(BASE, json={"name": "Budget", "entity_type": "Project"})
    assert response.status_code == 201, response.text
    assert [d["project_id"] for d in response.json()] == [sid(first)]
    assert descriptors(db) == sorted(
        [(sid(first), "budget", "Budget"), (sid(second), "budget", "Budget")]
    )
    assert len(events(db, "metadata-descriptor:new")) == 1


def test_a_manager_only_reaches_projects_they_manage(as_role, db, projects):
    first, second, _ = projects
    manager = as_role("manager")
    add(db, first, manager.person)
    add(db, second, manager.person, role="user")
    response = manager.post(BASE, json={"name": "Size"})
    assert [d["project_id"] for d in response.json()] == [sid(first)]


@pytest.mark.parametrize("role", ("supervisor", "user", "client", "vendor"))
def test_only_managers_use_shared_descriptors(as_role, db, projects, role):
    caller = as_role(role)
    add(db, projects[0], caller.person, role="manager")
    assert_forbidden(caller.post(BASE, json={"name": "Size"}))
    assert_forbidden(caller.put(f"{BASE}/size", json={"entity_type": "Asset"}))
    assert_forbidden(caller.delete(f"{BASE}/size", params={"entity_type": "Asset"}))
    order = {"entity_type": "Asset", "field_order": ["size"]}
    assert_forbidden(caller.post("/actions/metadata-descriptors/all-projects/reorder", json=order))
    assert descriptors(db) == []


def test_shared_entity_types_exclude_tasks(admin, projects):
    response = admin.post(BASE, json={"name": "X", "entity_type": "Task"})
    assert_error(
        response,
        400,
        "Wrong entity type. Please select Asset, Shot, Sequence, Episode, Edit, or Project.",
    )
    assert_error(admin.delete(f"{BASE}/x"), 400)
    assert_error(
        admin.post(BASE, json={"name": "X", "data_type": "blob"}), 400, "Invalid data_type"
    )


def test_an_update_renames_everywhere(admin, db, projects):
    first, second, closed = projects
    for project in (first, second, closed):
        factories.make_metadata_descriptor(
            db, project_id=project.id, name="Size", field_name="size"
        )
    asset = factories.make_entity(db, project=first, data={"size": 3})
    db.commit()
    response = admin.put(f"{BASE}/size", json={"entity_type": "Asset", "name": "Big Size"})
    assert response.status_code == 200
    assert sorted(d["project_id"] for d in response.json()) == sorted([sid(first), sid(second)])
    assert {d["field_name"] for d in response.json()} == {"big_size"}
    assert (sid(closed), "size", "Size") in descriptors(db)
    assert db.get(Entity, asset.id, populate_existing=True).data == {"big_size": 3}


def test_a_delete_removes_the_field_everywhere(admin, db, projects):
    first, second, _ = projects
    one = factories.make_metadata_descriptor(db, project_id=first.id, field_name="size")
    two = factories.make_metadata_descriptor(db, project_id=second.id, field_name="size")
    factories.make_metadata_descriptor(
        db, project_id=second.id, field_name="size", entity_type="Shot"
    )
    asset = factories.make_entity(db, project=second, data={"size": 3})
    db.commit()
    response = admin.delete(f"{BASE}/size", params={"entity_type": "Asset"})
    assert response.status_code == 200
    assert sorted(response.json()) == sorted([sid(one), sid(two)])
    assert [row[1] for row in descriptors(db)] == ["size"]
    assert db.get(Entity, asset.id, populate_existing=True).data == {}


def test_a_reorder_applies_to_every_project(admin, db, projects):
    first, second, _ = projects
    for project in (first, second):
        factories.make_metadata_descriptor(db, project_id=project.id, name="A", field_name="a")
        factories.make_metadata_descriptor(db, project_id=project.id, name="B", field_name="b")
    db.commit()
    order = {"entity_type": "Asset", "field_order": ["b", "missing"]}
    response = admin.post("/actions/metadata-descriptors/all-projects/reorder", json=order)
    assert response.status_code == 200
    rows = response.json()
    assert [(d["project_id"], d["field_name"], d["position"]) for d in rows] == [
        (sid(first), "b", 1),
        (sid(first), "a", 2),
        (sid(second), "b", 1),
        (sid(second), "a", 2),
    ]
