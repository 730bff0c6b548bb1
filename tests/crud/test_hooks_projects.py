"""Project rules: open status by default, team protection, extras, delete rules, settings checks."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from reeltrack.models import (
    MetadataDescriptor,
    Milestone,
    Project,
    ProjectStatus,
    ProjectTaskStatusLink,
    ProjectTaskTypeLink,
)
from reeltrack.models.metadata_descriptor import department_metadata_descriptor_link
from reeltrack.models.project import project_person_link
from tests import factories
from tests.crud.support import assert_error, events, one_event, reload, sid

BITRATE = "Invalid bitrate {}. Expected an integer number of Mbit/s between 1 and 28."


def team_of(db, project_id) -> set[str]:
    db.commit()
    link = project_person_link.c
    query = select(link.person_id).where(link.project_id == uuid.UUID(str(project_id)))
    return {str(person_id) for person_id in db.scalars(query)}


# ---------------------------------------------------------------- create / update


def test_create_defaults_to_the_open_status_creating_it_when_missing(admin, db):
    db.commit()
    assert db.scalar(select(func.count()).select_from(ProjectStatus)) == 0
    response = admin.post("/data/projects", json={"name": "Fresh"})
    assert response.status_code == 201
    body = response.json()
    assert reload(db, ProjectStatus, body["project_status_id"]).name == "Open"
    assert (body["fps"], body["ratio"], body["resolution"]) == ("25", "16:9", "1920x1080")
    assert (body["production_type"], body["production_style"]) == ("short", "2d3d")
    assert body["team"] == [] and body["task_types"] == []
    assert one_event(db, "project:new").data == {"project_id": body["id"]}


def test_create_keeps_a_given_status_and_team(admin, db):
    closed = factories.project_status(db, "Closed")
    member = factories.make_person(db)
    db.commit()
    body = admin.post(
        "/data/projects",
        json={"name": "Given", "project_status_id": sid(closed), "team": [sid(member)]},
    ).json()
    assert body["project_status_id"] == sid(closed)
    assert body["team"] == [sid(member)]
    assert team_of(db, body["id"]) == {sid(member)}


def test_update_cannot_change_the_team(admin, db):
    member, intruder = factories.make_person(db), factories.make_person(db)
    project = factories.make_project(db, team=[member])
    db.commit()
    response = admin.put(
        f"/data/projects/{project.id}", json={"team": [sid(intruder)], "code": "X"}
    )
    assert response.status_code == 200
    assert response.json()["code"] == "X"
    assert team_of(db, project.id) == {sid(member)}


def test_a_manager_can_close_their_project_which_then_leaves_their_list(as_role, db):
    manager = as_role("manager")
    project = factories.make_project(db, team=[manager.person])
    closed = factories.project_status(db, "Closed")
    db.commit()
    assert [p["id"] for p in manager.get("/data/projects").json()] == [sid(project)]
    response = manager.put(f"/data/projects/{project.id}", json={"project_status_id": sid(closed)})
    assert response.json()["project_status_id"] == sid(closed)
    assert manager.get("/data/projects").json() == []
    assert one_event(db, "project:update").data == {"project_id": sid(project)}


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"hd_bitrate_compression": 40}, BITRATE.format(40)),
        ({"hd_bitrate_compression": 0}, BITRATE.format(0)),
        ({"ld_bitrate_compression": "abc"}, BITRATE.format("abc")),
        ({"ld_bitrate_compression": True}, BITRATE.format(True)),
        (
            {"hd_bitrate_compression": 8, "ld_bitrate_compression": 10},
            "The low definition bitrate (10) cannot exceed the high definition one (8).",
        ),
        (
            {"resolution": "1920*1080"},
            "Invalid resolution 1920*1080. Expected format: '1920x1080' or 'x1080'.",
        ),
        (
            {"resolution": "19x10"},
            "Invalid resolution 19x10. Expected format: '1920x1080' or 'x1080'.",
        ),
        ({"production_style": "opera"}, "Invalid production_style"),
    ],
)
def test_settings_are_checked_on_create_and_update(settings, message, admin, db):
    project = factories.make_project(db)
    db.commit()
    assert_error(admin.post("/data/projects", json={"name": "Bad", **settings}), 400, message)
    assert_error(admin.put(f"/data/projects/{project.id}", json=settings), 400, message)
    db.commit()
    assert db.scalar(select(func.count()).where(Project.name == "Bad")) == 0
    assert events(db) == []


def test_valid_settings_are_stored(admin, db):
    body = admin.post(
        "/data/projects",
        json={
            "name": "Good",
            "resolution": "x1080",
            "hd_bitrate_compression": 20,
            "ld_bitrate_compression": 6,
            "production_style": None,
        },
    ).json()
    assert (body["resolution"], body["production_style"]) == ("x1080", "2d3d")
    stored = reload(db, Project, body["id"])
    assert (stored.hd_bitrate_compression, stored.ld_bitrate_compression) == (20, 6)


def test_a_low_bitrate_is_compared_with_the_default_high_one(admin):
    ok = admin.post("/data/projects", json={"name": "Low", "ld_bitrate_compression": 28})
    assert ok.status_code == 201


def test_only_changed_bitrates_are_checked_on_update(admin, db):
    project = factories.make_project(db, hd_bitrate_compression=40)
    db.commit()
    response = admin.put(
        f"/data/projects/{project.id}", json={"hd_bitrate_compression": 40, "code": "Y"}
    )
    assert response.status_code == 200
    assert reload(db, Project, project.id).code == "Y"


# ---------------------------------------------------------------- reading


@pytest.fixture()
def configured(db):
    """A project with a team, a task type link, a task status link and two descriptors."""
    member = factories.make_person(db)
    department = factories.make_department(db)
    project = factories.make_project(db, team=[member])
    task_type, task_status = factories.make_task_type(db), factories.make_task_status(db)
    db.add(ProjectTaskTypeLink(project_id=project.id, task_type_id=task_type.id, priority=3))
    db.add(
        ProjectTaskStatusLink(
            project_id=project.id,
            task_status_id=task_status.id,
            priority=2,
            roles_for_board=["user", "client"],
        )
    )
    public, internal = (
        MetadataDescriptor(
            project_id=project.id,
            entity_type="Asset",
            name=name,
            field_name=name.lower(),
            data_type="string",
            for_client=for_client,
            position=position,
        )
        for name, for_client, position in (("Public", True, 1), ("Internal", False, 2))
    )
    db.add_all([public, internal])
    db.flush()
    db.execute(
        department_metadata_descriptor_link.insert().values(
            metadata_descriptor_id=internal.id, department_id=department.id
        )
    )
    db.commit()
    return project, member, task_type, task_status, public, internal, department


def test_get_one_adds_status_name_and_project_settings(admin, configured):
    project, member, task_type, task_status, public, internal, department = configured
    body = admin.get(f"/data/projects/{project.id}").json()
    assert body["project_status_name"] == "Open"
    assert body["team"] == [sid(member)]
    assert body["task_types"] == [sid(task_type)]
    assert body["task_type_links"] == {
        sid(task_type): {
            "priority": 3,
            "hd_bitrate_compression": None,
            "ld_bitrate_compression": None,
            "is_client_visible": True,
        }
    }
    assert body["task_types_priority"] == {sid(task_type): 3}
    assert body["task_statuses_link"] == {
        sid(task_status): {
            "priority": 2,
            "roles_for_board": ["user", "client"],
            "is_client_allowed": None,
        }
    }
    descriptors = {d["id"]: d for d in body["descriptors"]}
    assert set(descriptors) == {sid(public), sid(internal)}
    assert descriptors[sid(internal)]["departments"] == [sid(department)]
    assert descriptors[sid(public)]["field_name"] == "public"
    assert descriptors[sid(public)]["for_client"] is True


def test_get_one_without_relations_keeps_the_status_name_only(admin, configured):
    project = configured[0]
    body = admin.get(f"/data/projects/{project.id}", params={"relations": "false"}).json()
    assert body["project_status_name"] == "Open"
    assert not {"team", "task_type_links", "descriptors"} & set(body)


@pytest.mark.parametrize(
    ("role", "departments", "visible"),
    [
        ("client", False, {"Public"}),
        ("vendor", False, {"Public"}),
        ("vendor", True, {"Public", "Internal"}),
        ("supervisor", False, {"Public", "Internal"}),
    ],
)
def test_descriptors_are_narrowed_by_project_role(
    role, departments, visible, as_role, configured, db
):
    project, *_, department = configured
    caller = as_role(role)
    db.execute(
        project_person_link.insert().values(project_id=project.id, person_id=caller.person.id)
    )
    if departments:
        factories.add_to_department(db, caller.person, department)
    db.commit()
    body = caller.get(f"/data/projects/{project.id}").json()
    assert {d["name"] for d in body["descriptors"]} == visible


def test_list_shows_links_only_with_relations(admin, configured):
    project, member, task_type, *_ = configured
    plain = next(p for p in admin.get("/data/projects").json() if p["id"] == sid(project))
    assert "team" not in plain and "project_status_name" not in plain
    rich = admin.get("/data/projects", params={"relations": "true"}).json()
    rich = next(p for p in rich if p["id"] == sid(project))
    assert rich["team"] == [sid(member)]
    assert rich["task_types"] == [sid(task_type)]


# ---------------------------------------------------------------- delete


def test_open_projects_cannot_be_deleted_even_with_force(admin, db):
    project = factories.make_project(db)
    db.commit()
    response = admin.delete(f"/data/projects/{project.id}", params={"force": "true"})
    assert_error(response, 400, "Only closed projects can be deleted")
    assert reload(db, Project, project.id) is not None
    assert events(db) == []


def test_deleting_a_closed_project_drops_its_links(admin, configured, db):
    project = configured[0]
    closed = factories.project_status(db, "Closed")
    db.execute(
        Project.__table__.update()
        .where(Project.id == project.id)
        .values(project_status_id=closed.id)
    )
    db.execute(department_metadata_descriptor_link.delete())
    db.execute(MetadataDescriptor.__table__.delete())
    db.commit()
    project_id = sid(project)
    assert admin.delete(f"/data/projects/{project_id}").status_code == 204
    assert reload(db, Project, project_id) is None
    assert team_of(db, project_id) == set()
    assert db.scalar(select(func.count()).select_from(ProjectTaskTypeLink)) == 0
    assert one_event(db, "project:delete").data == {"project_id": project_id}


def test_a_closed_project_with_data_needs_force(admin, db):
    member = factories.make_person(db)
    project = factories.make_project(db, team=[member], closed=True)
    db.add(Milestone(name="Delivery", project_id=project.id))
    db.commit()
    project_id = sid(project)
    assert_error(admin.delete(f"/data/projects/{project_id}"), 400)
    assert reload(db, Project, project_id) is not None
    assert events(db) == []
    assert admin.delete(f"/data/projects/{project_id}", params={"force": "true"}).status_code == 204
    assert reload(db, Project, project_id) is None
    assert db.scalar(select(func.count()).select_from(Milestone)) == 0
    assert one_event(db, "project:delete").data == {"project_id": project_id}
