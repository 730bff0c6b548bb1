"""Metadata descriptors of a project: list, create, read, update, delete, reorder."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from reeltrack.models import Entity, MetadataDescriptor, Project, Task, project_person_link
from reeltrack.models.metadata_descriptor import department_metadata_descriptor_link as dlink
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, events, sid

NON_MANAGERS = ("user", "client", "vendor")


@pytest.fixture()
def project(db):
    project = factories.make_project(db)
    db.commit()
    return project


def member(as_role, db, project, role, **fields):
    caller = as_role(role, **fields)
    db.execute(
        project_person_link.insert().values(project_id=project.id, person_id=caller.person.id)
    )
    db.commit()
    return caller


def url(project, suffix: str = "") -> str:
    return f"/data/projects/{sid(project)}/metadata-descriptors{suffix}"


def fresh(db, model, row_id):
    db.commit()
    return db.get(model, row_id, populate_existing=True)


def link_department(db, descriptor, department) -> None:
    db.execute(
        dlink.insert().values(metadata_descriptor_id=descriptor.id, department_id=department.id)
    )


# ---------------------------------------------------------------- create


def test_a_manager_creates_a_descriptor(as_role, db, project):
    manager = member(as_role, db, project, "manager")
    department = factories.make_department(db)
    db.commit()
    payload = {
        "name": "Épisode Length (s)",
        "entity_type": "Shot",
        "data_type": "list",
        "choices": ["a", "b"],
        "for_client": True,
        "departments": [sid(department)],
    }
    response = manager.post(url(project), json=payload)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["type"] == "MetadataDescriptor"
    assert body["field_name"] == "episode_length_s"
    assert (body["entity_type"], body["data_type"], body["choices"]) == ("Shot", "list", ["a", "b"])
    assert body["for_client"] is True
    assert body["departments"] == [sid(department)]
    assert body["project_id"] == sid(project)
    event = events(db, "metadata-descriptor:new")[0]
    assert event.data == {"metadata_descriptor_id": body["id"], "project_id": sid(project)}


def test_defaults_make_a_string_asset_descriptor(admin, project):
    body = admin.post(url(project), json={"name": "Notes"}).json()
    assert (body["entity_type"], body["data_type"], body["field_name"]) == (
        "Asset",
        "string",
        "notes",
    )
    assert (body["for_client"], body["choices"], body["departments"]) == (False, [], [])


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"name": "X", "entity_type": "Person"}, "Wrong entity type."),
        ({"name": "X", "data_type": "blob"}, "Invalid data_type"),
        ({"name": "X", "entity_type": "Task"}, "Task metadata descriptors require a task_type_id."),
        (
            {"name": "X", "entity_type": "Task", "task_type_id": str(uuid.uuid4())},
            "Task type not found.",
        ),
        ({"name": "X", "task_type_id": str(uuid.uuid4())}, "task_type_id only applies to Task"),
    ],
)
def test_bad_descriptors_are_refused(admin, db, project, payload, message):
    response = admin.post(url(project), json=payload)
    assert response.status_code == 400
    assert response.json()["message"].startswith(message)
    db.commit()
    assert db.scalars(select(MetadataDescriptor)).all() == []


def test_a_name_is_required_and_unique(admin, project):
    assert admin.post(url(project), json={}).json()["message"] == "Validation error."
    assert admin.post(url(project), json={"name": "Size"}).status_code == 201
    assert_error(
        admin.post(url(project), json={"name": "size"}), 400, "Metadata descriptor already exists."
    )
    assert admin.post(url(project), json={"name": "Size", "entity_type": "Shot"}).status_code == 201


def test_a_task_descriptor_needs_a_task_type(admin, db, project):
    task_type = factories.make_task_type(db)
    db.commit()
    payload = {"name": "Frames", "entity_type": "Task", "task_type_id": sid(task_type)}
    response = admin.post(url(project), json=payload)
    assert response.status_code == 201
    assert response.json()["task_type_id"] == sid(task_type)


def test_an_unknown_department_is_refused(admin, project):
    response = admin.post(url(project), json={"name": "X", "departments": [str(uuid.uuid4())]})
    assert_error(response, 404)


def test_a_supervisor_creates_only_for_their_departments(as_role, db, project):
    mine, other = factories.make_department(db), factories.make_department(db)
    supervisor = member(as_role, db, project, "supervisor")
    factories.add_to_department(db, supervisor.person, mine)
    db.commit()
    assert_forbidden(supervisor.post(url(project), json={"name": "A"}))
    assert_forbidden(supervisor.post(url(project), json={"name": "A", "departments": [sid(other)]}))
    ok = supervisor.post(url(project), json={"name": "A", "departments": [sid(mine)]})
    assert ok.status_code == 201


@pytest.mark.parametrize("role", NON_MANAGERS)
def test_others_cannot_create(as_role, db, project, role):
    caller = member(as_role, db, project, role)
    assert_forbidden(caller.post(url(project), json={"name": "A"}))


def test_a_manager_of_another_project_cannot_create(as_role, db, project):
    other = factories.make_project(db)
    manager = member(as_role, db, other, "manager")
    assert_forbidden(manager.post(url(project), json={"name": "A"}))


# ---------------------------------------------------------------- read


def test_members_list_descriptors_by_position_as_their_role_allows(as_role, db, project):
    second = factories.make_metadata_descriptor(db, project_id=project.id, position=2)
    first = factories.make_metadata_descriptor(
        db, project_id=project.id, position=1, for_client=True
    )
    factories.make_metadata_descriptor(db)  # another project
    db.commit()
    artist = member(as_role, db, project, "user")
    assert [d["id"] for d in artist.get(url(project)).json()] == [sid(first), sid(second)]
    client = member(as_role, db, project, "client")
    assert [d["id"] for d in client.get(url(project)).json()] == [sid(first)]
    assert client.get(url(project, f"/{sid(first)}")).json()["id"] == sid(first)
    assert_forbidden(client.get(url(project, f"/{sid(second)}")))


def test_a_vendor_reads_descriptors_of_their_departments_or_none(as_role, db, project):
    mine, other = factories.make_department(db), factories.make_department(db)
    free = factories.make_metadata_descriptor(db, project_id=project.id, position=1)
    ours = factories.make_metadata_descriptor(db, project_id=project.id, position=2)
    theirs = factories.make_metadata_descriptor(db, project_id=project.id, position=3)
    link_department(db, ours, mine)
    link_department(db, theirs, other)
    vendor = member(as_role, db, project, "vendor")
    factories.add_to_department(db, vendor.person, mine)
    db.commit()
    assert [d["id"] for d in vendor.get(url(project)).json()] == [sid(free), sid(ours)]
    assert vendor.get(url(project, f"/{sid(ours)}")).json()["departments"] == [sid(mine)]
    assert_forbidden(vendor.get(url(project, f"/{sid(theirs)}")))


def test_descriptors_are_read_through_their_own_project(admin, as_role, db, project):
    elsewhere = factories.make_metadata_descriptor(db)
    db.commit()
    assert_error(admin.get(url(project, f"/{sid(elsewhere)}")), 404)
    assert_error(admin.get(url(project, "/bad")), 400, "Malformed ID.")
    assert_forbidden(as_role("manager").get(url(project)))


def test_listing_runs_a_fixed_number_of_queries(admin, db, project, count_queries):
    def build(count: int) -> int:
        for _ in range(count):
            descriptor = factories.make_metadata_descriptor(db, project_id=project.id)
            link_department(db, descriptor, factories.make_department(db))
        db.commit()
        with count_queries() as counter:
            admin.get(url(project))
        return counter.count

    assert build(3) == build(30)


# ---------------------------------------------------------------- update


def test_a_rename_moves_the_stored_values(admin, db, project):
    descriptor = factories.make_metadata_descriptor(
        db, project_id=project.id, name="Old", field_name="old", entity_type="Shot"
    )
    shot = factories.make_entity(db, project=project, type_name="Shot", data={"old": 3, "x": 1})
    asset = factories.make_entity(db, project=project, data={"old": 4})
    db.commit()
    payload = {"name": "New Name", "data_type": "number", "for_client": True}
    response = admin.put(url(project, f"/{sid(descriptor)}"), json=payload)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["name"], body["field_name"], body["data_type"]) == (
        "New Name",
        "new_name",
        "number",
    )
    assert fresh(db, Entity, shot.id).data == {"x": 1, "new_name": 3}
    assert fresh(db, Entity, asset.id).data == {"old": 4}
    assert len(events(db, "metadata-descriptor:update")) == 1


def test_an_update_resets_what_the_body_omits_as_zou_does(admin, db, project):
    department = factories.make_department(db)
    descriptor = factories.make_metadata_descriptor(
        db, project_id=project.id, for_client=True, choices=["a"], data_type="list"
    )
    link_department(db, descriptor, department)
    db.commit()
    body = admin.put(url(project, f"/{sid(descriptor)}"), json={}).json()
    assert body["name"] == descriptor.name
    assert (body["for_client"], body["data_type"], body["choices"], body["departments"]) == (
        False,
        "string",
        [],
        [],
    )


def test_bad_updates_are_refused(admin, db, project):
    taken = factories.make_metadata_descriptor(db, project_id=project.id, name="Taken")
    descriptor = factories.make_metadata_descriptor(db, project_id=project.id)
    db.commit()
    target = url(project, f"/{sid(descriptor)}")
    assert_error(admin.put(target, json={"name": ""}), 400, "Name cannot be empty.")
    assert_error(admin.put(target, json={"data_type": "blob"}), 400, "Invalid data_type")
    assert_error(
        admin.put(target, json={"name": "Taken"}), 400, "Metadata descriptor already exists."
    )
    assert_error(
        admin.put(target, json={"name": "x" * 121}), 400, "Metadata descriptor name is too long."
    )
    assert fresh(db, MetadataDescriptor, taken.id).name == "Taken"


@pytest.mark.parametrize("role", NON_MANAGERS)
def test_others_cannot_update_or_delete(as_role, db, project, role):
    descriptor = factories.make_metadata_descriptor(db, project_id=project.id)
    db.commit()
    caller = member(as_role, db, project, role)
    assert_forbidden(caller.put(url(project, f"/{sid(descriptor)}"), json={"name": "Z"}))
    assert_forbidden(caller.delete(url(project, f"/{sid(descriptor)}")))
    assert fresh(db, MetadataDescriptor, descriptor.id) is not None


# ---------------------------------------------------------------- delete


def test_deleting_removes_the_field_from_entities(admin, db, project):
    descriptor = factories.make_metadata_descriptor(
        db, project_id=project.id, field_name="size", entity_type="Asset"
    )
    link_department(db, descriptor, factories.make_department(db))
    asset = factories.make_entity(db, project=project, data={"size": 2, "keep": 1})
    shot = factories.make_entity(db, project=project, type_name="Shot", data={"size": 9})
    other = factories.make_entity(db, data={"size": 5})
    db.commit()
    response = admin.delete(url(project, f"/{sid(descriptor)}"))
    assert response.status_code == 204
    assert fresh(db, MetadataDescriptor, descriptor.id) is None
    assert fresh(db, Entity, asset.id).data == {"keep": 1}
    assert fresh(db, Entity, shot.id).data == {"size": 9}
    assert fresh(db, Entity, other.id).data == {"size": 5}
    event = events(db, "metadata-descriptor:delete")[0]
    assert event.data["metadata_descriptor_id"] == sid(descriptor)


def test_deleting_project_and_task_descriptors_cleans_their_rows(admin, db):
    project = factories.make_project(db, data={"budget": 1, "keep": 2})
    task_type = factories.make_task_type(db)
    on_project = factories.make_metadata_descriptor(
        db, project_id=project.id, field_name="budget", entity_type="Project"
    )
    on_tasks = factories.make_metadata_descriptor(
        db,
        project_id=project.id,
        field_name="frames",
        entity_type="Task",
        task_type_id=task_type.id,
    )
    entity = factories.make_entity(db, project=project)
    task = factories.make_task(db, entity, task_type_id=task_type.id, data={"frames": 3})
    db.commit()
    assert admin.delete(url(project, f"/{sid(on_project)}")).status_code == 204
    assert admin.delete(url(project, f"/{sid(on_tasks)}")).status_code == 204
    assert fresh(db, Project, project.id).data == {"keep": 2}
    assert fresh(db, Task, task.id).data == {}


# ---------------------------------------------------------------- reorder


def test_a_manager_reorders_descriptors(as_role, db, project):
    manager = member(as_role, db, project, "manager")
    a = factories.make_metadata_descriptor(db, project_id=project.id, name="A", position=1)
    b = factories.make_metadata_descriptor(db, project_id=project.id, name="B", position=2)
    c = factories.make_metadata_descriptor(db, project_id=project.id, name="C", position=3)
    factories.make_metadata_descriptor(db, project_id=project.id, entity_type="Shot")
    db.commit()
    payload = {"entity_type": "Asset", "descriptor_ids": [sid(c), sid(a)]}
    response = manager.post(url(project, "/reorder"), json=payload)
    assert response.status_code == 200
    assert [(d["name"], d["position"]) for d in response.json()] == [("C", 1), ("A", 2), ("B", 3)]
    assert fresh(db, MetadataDescriptor, b.id).position == 3


def test_bad_reorders_are_refused(as_role, admin, db, project):
    descriptor = factories.make_metadata_descriptor(db, project_id=project.id, entity_type="Shot")
    db.commit()
    missing = {"entity_type": "Asset", "descriptor_ids": [sid(descriptor)]}
    response = admin.post(url(project, "/reorder"), json=missing)
    message = (
        f"Descriptor {sid(descriptor)} not found for project {sid(project)} and entity type Asset"
    )
    assert_error(response, 400, message)
    wrong = {"entity_type": "Person", "descriptor_ids": [sid(descriptor)]}
    assert (
        admin.post(url(project, "/reorder"), json=wrong)
        .json()["message"]
        .startswith("Wrong entity")
    )
    empty = admin.post(url(project, "/reorder"), json={"entity_type": "Shot", "descriptor_ids": []})
    assert empty.json()["message"] == "Validation error."
    supervisor = member(as_role, db, project, "supervisor")
    ok = {"entity_type": "Shot", "descriptor_ids": [sid(descriptor)]}
    assert_forbidden(supervisor.post(url(project, "/reorder"), json=ok))
