"""Metadata descriptors and status automations: scoped lists, validations, delete rules."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from reeltrack.models import MetadataDescriptor, StatusAutomation
from reeltrack.models.metadata_descriptor import department_metadata_descriptor_link
from reeltrack.models.project import project_person_link
from reeltrack.models.project_template import project_template_status_automation_link
from tests import factories
from tests.crud.support import FK_CONFLICT, assert_error, assert_forbidden, events, ids, reload, sid

DESCRIPTORS = "/data/metadata-descriptors"
AUTOMATIONS = "/data/status-automations"


def join(db, project, person, role=None) -> None:
    db.execute(
        project_person_link.insert().values(project_id=project.id, person_id=person.id, role=role)
    )


def link_departments(db, descriptor, *departments) -> None:
    for department in departments:
        db.execute(
            department_metadata_descriptor_link.insert().values(
                metadata_descriptor_id=descriptor.id, department_id=department.id
            )
        )


# ---------------------------------------------------------------- descriptor lists


def test_members_list_the_descriptors_of_their_open_projects_only(as_role, db):
    artist = as_role("user")
    mine, closed, other = (
        factories.make_project(db),
        factories.make_project(db, closed=True),
        factories.make_project(db),
    )
    join(db, mine, artist.person)
    join(db, closed, artist.person)
    seen = factories.make_metadata_descriptor(db, project_id=mine.id)
    factories.make_metadata_descriptor(db, project_id=closed.id)
    factories.make_metadata_descriptor(db, project_id=other.id)
    db.commit()
    assert ids(artist.get(DESCRIPTORS).json()) == {sid(seen)}
    filtered = artist.get(DESCRIPTORS, params={"project_id": str(other.id)}).json()
    assert filtered == []


def test_admins_list_every_descriptor(admin, db):
    rows = [factories.make_metadata_descriptor(db) for _ in range(2)]
    db.commit()
    assert ids(admin.get(DESCRIPTORS).json()) == {sid(r) for r in rows}


def test_clients_only_list_descriptors_shared_with_clients(as_role, db):
    client = as_role("client")
    project = factories.make_project(db)
    join(db, project, client.person)
    shared = factories.make_metadata_descriptor(db, project_id=project.id, for_client=True)
    factories.make_metadata_descriptor(db, project_id=project.id, for_client=False)
    db.commit()
    assert ids(client.get(DESCRIPTORS).json()) == {sid(shared)}


def test_vendors_list_descriptors_of_their_departments_or_of_none(as_role, db):
    vendor = as_role("vendor")
    mine, theirs = factories.make_department(db), factories.make_department(db)
    factories.add_to_department(db, vendor.person, mine)
    project = factories.make_project(db)
    join(db, project, vendor.person)
    open_to_all = factories.make_metadata_descriptor(db, project_id=project.id)
    of_mine = factories.make_metadata_descriptor(db, project_id=project.id)
    of_theirs = factories.make_metadata_descriptor(db, project_id=project.id)
    link_departments(db, of_mine, mine, theirs)
    link_departments(db, of_theirs, theirs)
    db.commit()
    assert ids(vendor.get(DESCRIPTORS).json()) == {sid(open_to_all), sid(of_mine)}


def test_the_role_held_on_each_project_narrows_its_descriptors(as_role, db):
    artist = as_role("user")
    as_client, as_artist = factories.make_project(db), factories.make_project(db)
    join(db, as_client, artist.person, role="client")
    join(db, as_artist, artist.person)
    shared = factories.make_metadata_descriptor(db, project_id=as_client.id, for_client=True)
    factories.make_metadata_descriptor(db, project_id=as_client.id, for_client=False)
    internal = factories.make_metadata_descriptor(db, project_id=as_artist.id, for_client=False)
    db.commit()
    assert ids(artist.get(DESCRIPTORS).json()) == {sid(shared), sid(internal)}


def test_an_unqueried_list_carries_departments_a_queried_one_does_not(admin, db):
    department = factories.make_department(db)
    descriptor = factories.make_metadata_descriptor(db)
    link_departments(db, descriptor, department)
    db.commit()
    plain = admin.get(DESCRIPTORS).json()
    assert plain[0]["departments"] == [sid(department)]
    queried = admin.get(DESCRIPTORS, params={"project_id": str(descriptor.project_id)}).json()
    assert "departments" not in queried[0]
    with_relations = admin.get(DESCRIPTORS, params={"relations": "true"}).json()
    assert with_relations[0]["departments"] == [sid(department)]


# ---------------------------------------------------------------- one descriptor


@pytest.mark.parametrize("role", ["manager", "supervisor", "user", "client", "vendor"])
def test_one_descriptor_and_writes_are_for_admins_only(role, as_role, db):
    caller = as_role(role)
    descriptor = factories.make_metadata_descriptor(db)
    join(db, db.get(factories.Project, descriptor.project_id), caller.person)
    db.commit()
    url = f"{DESCRIPTORS}/{descriptor.id}"
    assert_forbidden(caller.get(url))
    assert_forbidden(caller.put(url, json={"name": "Renamed"}))
    assert_forbidden(caller.delete(url))
    body = {"project_id": str(descriptor.project_id), "entity_type": "Asset", "name": "X"}
    assert_forbidden(caller.post(DESCRIPTORS, json={**body, "field_name": "x"}))
    assert reload(db, MetadataDescriptor, descriptor.id).name == descriptor.name
    assert events(db) == []


@pytest.mark.parametrize("data_type", ["colour", None, 3])
def test_an_unknown_data_type_is_refused(data_type, admin, db):
    project = factories.make_project(db)
    descriptor = factories.make_metadata_descriptor(db)
    db.commit()
    body = {
        "project_id": str(project.id),
        "entity_type": "Asset",
        "name": "Tint",
        "field_name": "tint",
        "data_type": data_type,
    }
    assert_error(admin.post(DESCRIPTORS, json=body), 400, "Invalid data_type")
    response = admin.put(f"{DESCRIPTORS}/{descriptor.id}", json={"data_type": data_type})
    assert_error(response, 400, "Invalid data_type")
    assert reload(db, MetadataDescriptor, descriptor.id).data_type == "string"


def test_departments_are_set_on_create_and_replaced_on_update(admin, db):
    first, second = factories.make_department(db), factories.make_department(db)
    project = factories.make_project(db)
    db.commit()
    body = {
        "project_id": str(project.id),
        "entity_type": "Asset",
        "name": "Rig",
        "field_name": "rig",
        "data_type": "boolean",
        "departments": [str(first.id)],
    }
    created = admin.post(DESCRIPTORS, json=body).json()
    assert created["departments"] == [sid(first)]
    updated = admin.put(f"{DESCRIPTORS}/{created['id']}", json={"departments": [str(second.id)]})
    assert updated.json()["departments"] == [sid(second)]
    renamed = admin.put(f"{DESCRIPTORS}/{created['id']}", json={"name": "Rigging"}).json()
    assert renamed["departments"] == [sid(second)]
    unknown = admin.put(f"{DESCRIPTORS}/{created['id']}", json={"departments": [str(uuid.uuid4())]})
    assert_error(unknown, 400)
    assert admin.get(f"{DESCRIPTORS}/{created['id']}").json()["departments"] == [sid(second)]


def test_a_duplicate_field_name_in_a_project_is_refused(admin, db):
    descriptor = factories.make_metadata_descriptor(db)
    db.commit()
    body = {
        "project_id": str(descriptor.project_id),
        "entity_type": descriptor.entity_type,
        "name": "Another",
        "field_name": descriptor.field_name,
    }
    assert_error(admin.post(DESCRIPTORS, json=body), 400)


def test_deleting_a_descriptor_removes_its_department_links(admin, db):
    descriptor = factories.make_metadata_descriptor(db)
    link_departments(db, descriptor, factories.make_department(db))
    db.commit()
    assert admin.delete(f"{DESCRIPTORS}/{descriptor.id}").status_code == 204
    link = department_metadata_descriptor_link
    query = select(link.c.department_id).where(link.c.metadata_descriptor_id == descriptor.id)
    assert list(db.scalars(query)) == []


# ---------------------------------------------------------------- status automations


def test_everyone_but_vendors_lists_automations(as_role, db):
    automation = factories.make_status_automation(db)
    db.commit()
    for role in ("manager", "supervisor", "user", "client"):
        assert ids(as_role(role).get(AUTOMATIONS).json()) == {sid(automation)}
    assert_forbidden(as_role("vendor").get(AUTOMATIONS))


@pytest.mark.parametrize("role", ["manager", "supervisor", "user", "client", "vendor"])
def test_one_automation_and_writes_are_for_admins_only(role, as_role, db):
    caller = as_role(role)
    automation = factories.make_status_automation(db)
    db.commit()
    url = f"{AUTOMATIONS}/{automation.id}"
    assert_forbidden(caller.get(url))
    assert_forbidden(caller.post(AUTOMATIONS, json={"entity_type": "shot"}))
    assert_forbidden(caller.put(url, json={"archived": True}))
    assert_forbidden(caller.delete(url))
    assert reload(db, StatusAutomation, automation.id).archived is False


def test_an_automation_used_by_a_project_is_never_deleted(as_role, admin, db):
    from reeltrack.models import project_status_automation_link as link

    automation = factories.make_status_automation(db)
    project = factories.make_project(db)
    db.execute(link.insert().values(project_id=project.id, status_automation_id=automation.id))
    db.commit()
    url = f"{AUTOMATIONS}/{automation.id}"
    for caller in (as_role("user"), admin):
        assert_error(caller.delete(url), 400, "This automation is used in a project.")
    assert reload(db, StatusAutomation, automation.id) is not None
    assert events(db) == []


def test_an_automation_used_by_a_template_is_refused_with_the_conflict_message(admin, db):
    automation = factories.make_status_automation(db)
    template = factories.make_project_template(db)
    db.execute(
        project_template_status_automation_link.insert().values(
            project_template_id=template.id, status_automation_id=automation.id
        )
    )
    db.commit()
    assert_error(admin.delete(f"{AUTOMATIONS}/{automation.id}"), 400, FK_CONFLICT)
    assert reload(db, StatusAutomation, automation.id) is not None


def test_an_automation_with_a_bad_change_type_is_refused(admin, db):
    response = admin.post(AUTOMATIONS, json={"entity_type": "shot", "out_field_type": "colour"})
    assert_error(response, 400, "Invalid out_field_type")


def test_a_scoped_descriptor_list_runs_a_fixed_number_of_queries(as_role, db, count_queries):
    vendor = as_role("vendor")
    department = factories.make_department(db)
    factories.add_to_department(db, vendor.person, department)
    project = factories.make_project(db)
    join(db, project, vendor.person)

    def add(count: int) -> None:
        for _ in range(count):
            descriptor = factories.make_metadata_descriptor(db, project_id=project.id)
            link_departments(db, descriptor, department)
        db.commit()

    def listing() -> int:
        with count_queries() as counter:
            assert vendor.get(DESCRIPTORS).status_code == 200
        return counter.count

    add(3)
    few = listing()
    add(27)
    assert listing() == few
    assert len(vendor.get(DESCRIPTORS).json()) == 30
