"""Output and working files, file statuses and output types: who sees and changes what."""

from __future__ import annotations

import pytest

from reeltrack.models import OutputFile, WorkingFile
from tests import factories
from tests.crud.support import (
    FK_CONFLICT,
    assert_error,
    assert_forbidden,
    events,
    ids,
    member,
    reload,
    sid,
)

OUTPUTS = "/data/output-files"
WORKING = "/data/working-files"
NON_ADMIN = ("manager", "supervisor", "user", "client", "vendor")


# ---------------------------------------------------------------- statuses and types


@pytest.mark.parametrize("path", ["file-status", "output-types"])
@pytest.mark.parametrize("role", NON_ADMIN)
def test_anyone_reads_statuses_and_types_only_admins_write(path, role, as_role, db):
    caller = as_role(role)
    statuses = path == "file-status"
    row = (factories.make_file_status if statuses else factories.make_output_type)(db)
    body = {"name": "X", "color": "#000000"} if statuses else {"name": "X", "short_name": "x"}
    db.commit()
    url = f"/data/{path}/{row.id}"
    assert ids(caller.get(f"/data/{path}").json()) == {sid(row)}
    assert caller.get(url).json()["name"] == row.name
    assert_forbidden(caller.post(f"/data/{path}", json=body))
    assert_forbidden(caller.put(url, json={"name": "Y"}))
    assert_forbidden(caller.delete(url))


def test_a_file_status_in_use_is_not_deleted(admin, db):
    output = factories.make_output_file(db)
    db.commit()
    response = admin.delete(f"/data/file-status/{output.file_status_id}")
    assert_error(response, 400, FK_CONFLICT)


# ---------------------------------------------------------------- output files


def test_output_files_embed_their_source_working_file(admin, db):
    working = factories.make_working_file(db)
    output = factories.make_output_file(db, entity_id=working.entity_id, source_file_id=working.id)
    bare = factories.make_output_file(db)
    db.commit()
    listed = {item["id"]: item for item in admin.get(OUTPUTS).json()}
    source = listed[sid(output)]["source_file"]
    assert (source["id"], source["type"], source["name"]) == (
        sid(working),
        "WorkingFile",
        working.name,
    )
    assert "outputs" not in source
    assert listed[sid(bare)]["source_file"] is None
    one = admin.get(f"{OUTPUTS}/{output.id}").json()
    assert one["source_file"]["id"] == sid(working)
    assert admin.put(f"{OUTPUTS}/{output.id}", json={"comment": "c"}).json()["source_file"]


def test_members_list_the_output_files_of_their_open_projects(as_role, db):
    artist, project = member(as_role, db, "user")
    closed = factories.make_project(db, closed=True)
    member(as_role, db, "user", project=closed)
    factories.add_to_team(db, closed, artist.person)
    visible = factories.make_output_file(
        db, entity_id=factories.make_config_entity(db, project_id=project.id).id
    )
    factories.make_output_file(
        db, entity_id=factories.make_config_entity(db, project_id=closed.id).id
    )
    factories.make_output_file(db)
    db.commit()
    assert ids(artist.get(OUTPUTS).json()) == {sid(visible)}


def test_vendors_never_list_output_or_working_files(as_role, db):
    vendor, _ = member(as_role, db, "vendor")
    assert_forbidden(vendor.get(OUTPUTS))
    assert_forbidden(vendor.get(WORKING))
    assert_forbidden(vendor.get(WORKING, params={"page": 1}))


def test_one_output_file_needs_project_access(as_role, db):
    artist, project = member(as_role, db, "user")
    closed = factories.make_project(db, closed=True)
    factories.add_to_team(db, closed, artist.person)
    inside = factories.make_output_file(
        db, entity_id=factories.make_config_entity(db, project_id=closed.id).id
    )
    outside = factories.make_output_file(db)
    db.commit()
    assert artist.get(f"{OUTPUTS}/{inside.id}").json()["id"] == sid(inside)
    assert_forbidden(artist.get(f"{OUTPUTS}/{outside.id}"))


def test_a_vendor_reads_output_files_of_entities_they_work_on(as_role, db):
    vendor, project = member(as_role, db, "vendor")
    task = factories.make_config_task(db, project_id=project.id, assignees=[vendor.person])
    worked = factories.make_output_file(db, entity_id=task.entity_id)
    other = factories.make_output_file(
        db, entity_id=factories.make_config_entity(db, project_id=project.id).id
    )
    db.commit()
    assert vendor.get(f"{OUTPUTS}/{worked.id}").status_code == 200
    assert_forbidden(vendor.get(f"{OUTPUTS}/{other.id}"))


def test_output_files_are_updated_by_managers_or_people_on_the_entity(as_role, db):
    manager, project = member(as_role, db, "manager")
    artist, _ = member(as_role, db, "user", project=project)
    task = factories.make_config_task(db, project_id=project.id, assignees=[artist.person])
    mine = factories.make_output_file(db, entity_id=task.entity_id)
    temporal = factories.make_output_file(
        db,
        entity_id=factories.make_config_entity(db, project_id=project.id).id,
        temporal_entity_id=task.entity_id,
    )
    not_mine = factories.make_output_file(
        db, entity_id=factories.make_config_entity(db, project_id=project.id).id
    )
    db.commit()
    assert artist.put(f"{OUTPUTS}/{mine.id}", json={"comment": "a"}).status_code == 200
    assert artist.put(f"{OUTPUTS}/{temporal.id}", json={"comment": "b"}).status_code == 200
    assert_forbidden(artist.put(f"{OUTPUTS}/{not_mine.id}", json={"comment": "c"}))
    assert manager.put(f"{OUTPUTS}/{not_mine.id}", json={"comment": "d"}).status_code == 200
    assert_forbidden(manager.delete(f"{OUTPUTS}/{not_mine.id}"))
    assert_forbidden(manager.post(OUTPUTS, json={"name": "x", "revision": 1}))
    assert reload(db, OutputFile, not_mine.id).comment == "d"


def test_an_output_file_quality_must_be_known(admin, db):
    output = factories.make_output_file(db)
    db.commit()
    assert_error(
        admin.put(f"{OUTPUTS}/{output.id}", json={"quality": "ultra"}), 400, "Invalid quality"
    )
    assert reload(db, OutputFile, output.id).quality is None


# ---------------------------------------------------------------- working files


def test_members_list_working_files_of_their_projects_open_or_closed(as_role, db):
    artist, _ = member(as_role, db, "user")
    closed = factories.make_project(db, closed=True)
    factories.add_to_team(db, closed, artist.person)
    visible = factories.make_working_file(
        db, task_id=factories.make_config_task(db, project_id=closed.id).id
    )
    factories.make_working_file(db)
    db.commit()
    assert ids(artist.get(WORKING).json()) == {sid(visible)}


def test_one_working_file_needs_task_access(as_role, db):
    vendor, project = member(as_role, db, "vendor")
    artist, _ = member(as_role, db, "user", project=project)
    assigned = factories.make_config_task(db, project_id=project.id, assignees=[vendor.person])
    mine = factories.make_working_file(db, task_id=assigned.id)
    other = factories.make_working_file(
        db, task_id=factories.make_config_task(db, project_id=project.id).id
    )
    outside = factories.make_working_file(db)
    db.commit()
    assert vendor.get(f"{WORKING}/{mine.id}").status_code == 200
    assert_forbidden(vendor.get(f"{WORKING}/{other.id}"))
    assert artist.get(f"{WORKING}/{other.id}").status_code == 200
    assert_forbidden(artist.get(f"{WORKING}/{outside.id}"))


def test_working_files_are_updated_by_people_acting_on_the_task(as_role, db):
    animation = factories.make_department(db)
    manager, project = member(as_role, db, "manager")
    client, _ = member(as_role, db, "client", project=project)
    assignee, _ = member(as_role, db, "user", project=project)
    bystander, _ = member(as_role, db, "user", project=project)
    supervisor, _ = member(as_role, db, "supervisor", project=project)
    lead, _ = member(as_role, db, "supervisor", project=project)
    factories.add_to_department(db, supervisor.person, animation)
    factories.add_to_department(db, lead.person, factories.make_department(db))
    task = factories.make_config_task(
        db,
        project_id=project.id,
        assignees=[assignee.person],
        task_type_id=factories.make_task_type(db, department_id=animation.id).id,
    )
    working = factories.make_working_file(db, task_id=task.id)
    db.commit()
    url = f"{WORKING}/{working.id}"
    for caller in (manager, client, assignee, supervisor):
        assert caller.put(url, json={"comment": "ok"}).status_code == 200
    for caller in (bystander, lead):
        assert_forbidden(caller.put(url, json={"comment": "no"}))
    for caller in (manager, assignee):
        assert_forbidden(caller.delete(url))
    assert reload(db, WorkingFile, working.id) is not None


def test_the_creator_of_the_entity_may_update_its_working_files(as_role, db):
    artist, project = member(as_role, db, "user")
    entity = factories.make_config_entity(db, project_id=project.id, created_by=artist.person.id)
    task = factories.make_config_task(db, project_id=project.id, entity_id=entity.id)
    working = factories.make_working_file(db, task_id=task.id)
    db.commit()
    assert artist.put(f"{WORKING}/{working.id}", json={"comment": "mine"}).status_code == 200


@pytest.mark.parametrize("status", ["approved", None])
def test_a_working_file_validation_status_must_be_known(status, admin, db):
    working = factories.make_working_file(db)
    db.commit()
    response = admin.put(f"{WORKING}/{working.id}", json={"validation_status": status})
    assert_error(response, 400, "Invalid validation_status")
    assert reload(db, WorkingFile, working.id).validation_status == "neutral"


def test_working_files_list_their_outputs_which_outlive_them(admin, db):
    working = factories.make_working_file(db)
    output = factories.make_output_file(db, entity_id=working.entity_id, source_file_id=working.id)
    db.commit()
    one = admin.get(f"{WORKING}/{working.id}").json()
    assert one["outputs"] == [sid(output)]
    plain = admin.get(WORKING).json()
    assert "outputs" not in plain[0]
    admin.put(f"{WORKING}/{working.id}", json={"outputs": []})
    assert reload(db, OutputFile, output.id).source_file_id == working.id
    assert admin.delete(f"{WORKING}/{working.id}").status_code == 204
    assert reload(db, OutputFile, output.id).source_file_id is None
    assert sorted(e.name for e in events(db)) == ["working-file:delete", "working-file:update"]
