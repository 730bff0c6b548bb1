"""Entities: base type names, per-type events, role matrix, create and update rules."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import select

from reeltrack.models import Entity, EntityLink, EntityVersion
from reeltrack.models.project import project_person_link
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, events, ids, one_event, reload, sid

TEMPORAL = ["Shot", "Sequence", "Episode", "Edit", "Scene", "Concept", "ConceptFolder"]


def join(db, client, project, role: str | None = None) -> Any:
    """Put the caller in the project's team (with a per-project role when given)."""
    db.execute(
        project_person_link.insert().values(
            project_id=project.id, person_id=client.person.id, role=role
        )
    )
    db.commit()
    return client


def member(caller, db, project, role: str, **fields: Any) -> Any:
    return join(db, caller(role, **fields), project)


# ---------------------------------------------------------------- type names and events


def test_type_is_the_base_type_name_everywhere(admin, db):
    project = factories.make_project(db)
    rows = {name: factories.make_entity(db, project, type_name=name) for name in TEMPORAL}
    rows["Asset"] = factories.make_entity(db, project, type_name="Props")
    db.commit()
    listed = {item["id"]: item["type"] for item in admin.get("/data/entities").json()}
    assert listed == {sid(row): name for name, row in rows.items()}
    paged = admin.get("/data/entities", params={"page": 1, "fields": "name"}).json()["data"]
    assert {item["id"]: item["type"] for item in paged} == listed
    for name, row in rows.items():
        assert admin.get(f"/data/entities/{row.id}").json()["type"] == name


def test_events_are_named_after_the_base_type(admin, db):
    project = factories.make_project(db)
    shot_type = factories.entity_type_named(db, "Shot")
    folder = factories.make_entity(db, project, type_name="ConceptFolder")
    asset = factories.make_entity(db, project)
    db.commit()
    body = {"name": "SH010", "project_id": sid(project), "entity_type_id": sid(shot_type)}
    shot = admin.post("/data/entities", json=body).json()
    assert shot["type"] == "Shot"
    assert one_event(db, "shot:new").data == {"shot_id": shot["id"], "project_id": sid(project)}
    admin.put(f"/data/entities/{folder.id}", json={"description": "Moods"})
    event = one_event(db, "concept-folder:update")
    assert event.data == {"concept_folder_id": sid(folder), "project_id": sid(project)}
    assert admin.delete(f"/data/entities/{asset.id}").status_code == 204
    assert one_event(db, "asset:delete").data == {
        "asset_id": sid(asset),
        "project_id": sid(project),
    }
    assert events(db, "entity:new") == [] and events(db, "entity:update") == []


# ---------------------------------------------------------------- reading, role by role


@pytest.fixture()
def world(db):
    """An open project, a closed one and an open project the callers are not in."""
    open_project = factories.make_project(db)
    closed = factories.make_project(db, closed=True)
    other = factories.make_project(db)
    rows = {
        "open": factories.make_entity(db, open_project),
        "closed": factories.make_entity(db, closed),
        "other": factories.make_entity(db, other),
    }
    db.commit()
    return open_project, closed, other, rows


@pytest.mark.parametrize("role", ["manager", "supervisor", "user", "client", "bot"])
def test_team_members_list_entities_of_their_open_projects(world, role, caller, db):
    open_project, closed, _, rows = world
    client = member(caller, db, open_project, role)
    join(db, client, closed)
    assert ids(client.get("/data/entities").json()) == {sid(rows["open"])}
    page = client.get("/data/entities", params={"page": 1}).json()
    assert page["total"] == 1
    assert client.get(f"/data/entities/{rows['closed'].id}").status_code == 200
    assert_forbidden(client.get(f"/data/entities/{rows['other'].id}"))


def test_admins_list_every_entity(world, admin):
    *_, rows = world
    assert ids(admin.get("/data/entities").json()) == {sid(row) for row in rows.values()}


def test_vendors_only_reach_entities_with_a_task_assigned_to_them(world, as_role, db):
    open_project, _, _, rows = world
    vendor = member(as_role, db, open_project, "vendor")
    worked = factories.make_entity(db, open_project)
    factories.make_task(db, worked, assignees=[vendor.person])
    db.commit()
    assert ids(vendor.get("/data/entities").json()) == {sid(worked)}
    assert vendor.get(f"/data/entities/{worked.id}").status_code == 200
    assert_forbidden(vendor.get(f"/data/entities/{rows['open'].id}"))


def test_a_per_project_vendor_role_narrows_a_global_artist(world, as_role, db):
    open_project, *_ = world
    artist = join(db, as_role("user"), open_project, role="vendor")
    assert artist.get("/data/entities").json() == []


# ---------------------------------------------------------------- create


def entity_body(db, project, **extra: Any) -> dict[str, Any]:
    kind = factories.make_entity_type(db)
    db.commit()
    return {
        "name": f"Asset {uuid.uuid4().hex[:6]}",
        "project_id": sid(project),
        "entity_type_id": sid(kind),
        **extra,
    }


def test_managers_create_and_created_by_is_forced(as_role, db):
    project = factories.make_project(db)
    manager = join(db, as_role("manager"), project)
    someone = factories.make_person(db)
    body = entity_body(db, project, created_by=sid(someone), status="complete")
    response = manager.post("/data/entities", json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["created_by"] == sid(manager.person)
    assert (created["status"], created["type"]) == ("complete", "Asset")
    assert {"entities_out", "entities_in", "instance_casting"} <= set(created)
    assert reload(db, Entity, created["id"]).created_by == manager.person.id


def test_a_per_project_manager_role_may_create(as_role, db):
    project = factories.make_project(db)
    artist = join(db, as_role("user"), project, role="manager")
    assert artist.post("/data/entities", json=entity_body(db, project)).status_code == 201
    demoted = join(db, as_role("manager"), project, role="user")
    assert_forbidden(demoted.post("/data/entities", json=entity_body(db, project)))


@pytest.mark.parametrize("role", ["supervisor", "user", "client", "vendor", "bot"])
def test_other_roles_may_not_create(role, caller, db):
    project = factories.make_project(db)
    client = member(caller, db, project, role)
    assert_forbidden(client.post("/data/entities", json=entity_body(db, project)))
    assert events(db) == []


def test_managers_outside_the_team_may_not_create(as_role, db):
    project = factories.make_project(db)
    assert_forbidden(as_role("manager").post("/data/entities", json=entity_body(db, project)))


def test_create_validations(admin, db):
    project = factories.make_project(db)
    db.commit()
    bad_status = entity_body(db, project, status="paused")
    assert_error(admin.post("/data/entities", json=bad_status), 400, "Invalid status")
    no_project = entity_body(db, project)
    del no_project["project_id"]
    assert_error(admin.post("/data/entities", json=no_project), 400, "'project_id'")
    assert_error(admin.post("/data/entities", json=entity_body(db, project, name=None)), 400)
    unknown = entity_body(db, project, entity_type_id=str(uuid.uuid4()))
    assert_error(admin.post("/data/entities", json=unknown), 400)
    assert events(db) == []


# ---------------------------------------------------------------- update


def test_update_merges_data_and_keeps_protected_fields(admin, db):
    project, elsewhere = factories.make_project(db), factories.make_project(db)
    asset = factories.make_entity(db, project, data={"a": 1, "b": 2}, shotgun_id=7)
    shot = factories.make_entity(db, project, type_name="Shot")
    db.add(EntityLink(entity_in_id=shot.id, entity_out_id=asset.id))
    db.commit()
    body = {
        "data": {"b": 3, "c": 4},
        "project_id": sid(elsewhere),
        "created_by": sid(factories.make_person(db)),
        "shotgun_id": 99,
        "entities_in": [],
        "type": "Shot",
        "status": "complete",
    }
    db.commit()
    response = admin.put(f"/data/entities/{asset.id}", json=body)
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["data"] == {"a": 1, "b": 3, "c": 4}
    assert (answer["type"], answer["status"], answer["shotgun_id"]) == ("Asset", "complete", 7)
    assert answer["entities_in"] == [sid(shot)] and answer["entities_out"] == []
    stored = reload(db, Entity, asset.id)
    assert (stored.project_id, stored.created_by) == (project.id, None)
    assert admin.put(f"/data/entities/{asset.id}", json={"name": "Kept"}).json()["data"] == {
        "a": 1,
        "b": 3,
        "c": 4,
    }


def test_update_refuses_duplicates_bad_status_and_bad_data(admin, db):
    project = factories.make_project(db)
    kind = factories.make_entity_type(db)
    first = factories.make_entity(db, project, entity_type_id=kind.id, name="Tree")
    second = factories.make_entity(db, project, entity_type_id=kind.id, name="Rock")
    db.commit()
    message = (
        f"An entity with name 'Tree', project_id '{project.id}', entity_type_id '{kind.id}', "
        "and parent_id 'None' already exists. The combination of these fields must be unique."
    )
    assert_error(admin.put(f"/data/entities/{second.id}", json={"name": "Tree"}), 400, message)
    url = f"/data/entities/{first.id}"
    assert_error(admin.put(url, json={"status": "paused"}), 400, "Invalid status")
    assert_error(admin.put(url, json={"data": [1]}), 400)
    assert_error(admin.put(url, json={"parent_id": "nope"}), 400)
    assert admin.put(url, json={"source_id": "null"}).json()["source_id"] is None
    assert [e.name for e in events(db)] == ["asset:update"]


def test_who_may_update(as_role, caller, db):
    project = factories.make_project(db)
    artist = member(caller, db, project, "user")
    mine = factories.make_entity(db, project, created_by=artist.person.id)
    theirs = factories.make_entity(db, project)
    db.commit()
    assert artist.put(f"/data/entities/{mine.id}", json={"name": "Mine"}).status_code == 200
    assert_forbidden(artist.put(f"/data/entities/{theirs.id}", json={"name": "X"}))
    manager = member(caller, db, project, "manager")
    assert manager.put(f"/data/entities/{theirs.id}", json={"name": "Y"}).status_code == 200
    for role in ("client", "vendor", "bot"):
        assert_forbidden(
            member(caller, db, project, role).put(f"/data/entities/{theirs.id}", json={"name": "Z"})
        )
    assert_forbidden(as_role("manager").put(f"/data/entities/{theirs.id}", json={"name": "W"}))
    assert reload(db, Entity, theirs.id).name == "Y"


def test_supervisors_only_change_metadata_of_their_departments(as_role, db):
    from reeltrack.models import MetadataDescriptor, department_metadata_descriptor_link

    project = factories.make_project(db)
    shot = factories.make_entity(db, project, type_name="Shot", data={"frame_in": 1})
    free = join(db, as_role("supervisor"), project)
    url = f"/data/entities/{shot.id}"
    assert free.put(url, json={"data": {"camera": "A"}}).status_code == 200
    assert_forbidden(free.put(url, json={"data": {"camera": "B"}, "name": "SH"}))
    department, other = factories.make_department(db), factories.make_department(db)
    bound = join(db, as_role("supervisor"), project)
    factories.add_to_department(db, bound.person, department)
    for field, dept in (("camera", department), ("lens", other)):
        descriptor = MetadataDescriptor(
            project_id=project.id, entity_type="Shot", name=field, field_name=field
        )
        db.add(descriptor)
        db.flush()
        db.execute(
            department_metadata_descriptor_link.insert().values(
                metadata_descriptor_id=descriptor.id, department_id=dept.id
            )
        )
    db.commit()
    assert bound.put(url, json={"data": {"camera": "C"}}).status_code == 200
    assert_forbidden(bound.put(url, json={"data": {"lens": "50mm"}}))
    assert_forbidden(bound.put(url, json={"data": {"unknown": 1}}))
    assert reload(db, Entity, shot.id).data == {"frame_in": 1, "camera": "C"}


# ---------------------------------------------------------------- shot versions


def versions(db, shot) -> list[EntityVersion]:
    db.commit()
    query = select(EntityVersion).where(EntityVersion.entity_id == shot.id)
    return list(db.scalars(query, execution_options={"populate_existing": True}))


def test_shot_frame_and_name_changes_record_folded_versions(admin, as_role, db):
    project = factories.make_project(db)
    shot = factories.make_entity(
        db, project, type_name="Shot", name="SH010", data={"frame_in": 1, "frame_out": 10}
    )
    db.commit()
    url = f"/data/entities/{shot.id}"
    admin.put(url, json={"data": {"frame_in": 5}})
    admin.put(url, json={"data": {"frame_out": 20}})
    found = versions(db, shot)
    assert len(found) == 1
    assert (found[0].name, found[0].person_id) == ("SH010", admin.person.id)
    assert found[0].data == {"frame_in": 5, "frame_out": 20}
    manager = join(db, as_role("manager"), project)
    manager.put(url, json={"name": "SH020"})
    assert len(versions(db, shot)) == 2
    admin.put(url, json={"description": "no frame change"})
    assert len(versions(db, shot)) == 2
    asset = factories.make_entity(db, project, data={"frame_in": 1})
    db.commit()
    admin.put(f"/data/entities/{asset.id}", json={"data": {"frame_in": 2}})
    assert versions(db, asset) == []


def test_relations_add_the_casting_lists(admin, db):
    project = factories.make_project(db)
    shot = factories.make_entity(db, project, type_name="Shot")
    asset = factories.make_entity(db, project)
    db.add(EntityLink(entity_in_id=shot.id, entity_out_id=asset.id))
    db.commit()
    plain = admin.get("/data/entities", params={"id": sid(shot)}).json()[0]
    assert "entities_out" not in plain
    listed = admin.get("/data/entities", params={"id": sid(shot), "relations": "true"}).json()
    assert listed[0]["entities_out"] == [sid(asset)] and listed[0]["instance_casting"] == []
    one = admin.get(f"/data/entities/{asset.id}").json()
    assert one["entities_in"] == [sid(shot)]
    assert "entities_in" not in admin.get(f"/data/entities/{asset.id}?relations=false").json()


@pytest.mark.parametrize("role", ["vendor", "client", "supervisor"])
def test_scoped_list_query_count_does_not_grow(role, as_role, db, count_queries):
    project = factories.make_project(db)
    client = join(db, as_role(role), project)

    def measure(total: int) -> int:
        for _ in range(total):
            entity = factories.make_entity(db, project, type_name="Shot")
            factories.make_task(db, entity, assignees=[client.person])
        db.commit()
        with count_queries() as counter:
            body = client.get("/data/entities", params={"relations": "true"}).json()
        assert {item["type"] for item in body} == {"Shot"}
        return counter.count

    assert measure(3) == measure(30)
