"""Schedule items and milestones: project managers write, department supervisors adjust."""

from __future__ import annotations

import pytest

from reeltrack.models import Milestone, ScheduleItem
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, events, member, one_event, reload

ITEMS = "/data/schedule-items"
MILESTONES = "/data/milestones"
NON_ADMIN = ("manager", "supervisor", "user", "client", "vendor")


# ---------------------------------------------------------------- schedule items


@pytest.mark.parametrize("role", NON_ADMIN)
def test_schedule_items_are_listed_and_read_by_admins_only(role, as_role, db):
    caller, project = member(as_role, db, role)
    item = factories.make_schedule_item(db, project_id=project.id)
    db.commit()
    assert_forbidden(caller.get(ITEMS))
    assert_forbidden(caller.get(ITEMS, params={"project_id": str(project.id)}))
    assert_forbidden(caller.get(f"{ITEMS}/{item.id}"))


def item_body(project, task_type) -> dict:
    return {"project_id": str(project.id), "task_type_id": str(task_type.id), "man_days": 3}


def test_a_project_manager_creates_updates_and_deletes_schedule_items(as_role, db):
    manager, project = member(as_role, db, "manager")
    task_type = factories.make_task_type(db)
    db.commit()
    created = manager.post(ITEMS, json=item_body(project, task_type))
    assert created.status_code == 201, created.text
    url = f"{ITEMS}/{created.json()['id']}"
    assert manager.put(url, json={"man_days": 8}).json()["man_days"] == 8
    assert manager.delete(url).status_code == 204
    assert one_event(db, "schedule-item:delete").data["project_id"] == str(project.id)


@pytest.mark.parametrize("role", ["supervisor", "user", "client", "vendor"])
def test_other_members_cannot_create_or_delete_schedule_items(role, as_role, db):
    caller, project = member(as_role, db, role)
    task_type = factories.make_task_type(db)
    item = factories.make_schedule_item(db, project_id=project.id)
    db.commit()
    assert_forbidden(caller.post(ITEMS, json=item_body(project, task_type)))
    assert_forbidden(caller.delete(f"{ITEMS}/{item.id}"))
    assert reload(db, ScheduleItem, item.id) is not None


def test_a_manager_of_another_project_cannot_create_schedule_items(as_role, db):
    manager, _ = member(as_role, db, "manager")
    other = factories.make_project(db)
    task_type = factories.make_task_type(db)
    db.commit()
    assert_forbidden(manager.post(ITEMS, json=item_body(other, task_type)))
    assert_forbidden(manager.post(ITEMS, json={"task_type_id": str(task_type.id)}))


def test_a_project_role_decides_over_the_global_one(as_role, db):
    promoted, project = member(as_role, db, "user", link_role="manager")
    demoted, _ = member(as_role, db, "manager", project=project, link_role="user")
    task_type = factories.make_task_type(db)
    db.commit()
    assert promoted.post(ITEMS, json=item_body(project, task_type)).status_code == 201
    other = factories.make_task_type(db)
    db.commit()
    assert_forbidden(demoted.post(ITEMS, json=item_body(project, other)))


def test_supervisors_update_items_of_their_departments_task_types(as_role, db):
    animation, lighting = factories.make_department(db), factories.make_department(db)
    supervisor, project = member(as_role, db, "supervisor")
    factories.add_to_department(db, supervisor.person, animation)
    mine = factories.make_schedule_item(
        db,
        project_id=project.id,
        task_type_id=factories.make_task_type(db, department_id=animation.id).id,
    )
    theirs = factories.make_schedule_item(
        db,
        project_id=project.id,
        task_type_id=factories.make_task_type(db, department_id=lighting.id).id,
    )
    db.commit()
    assert supervisor.put(f"{ITEMS}/{mine.id}", json={"man_days": 4}).status_code == 200
    assert_forbidden(supervisor.put(f"{ITEMS}/{theirs.id}", json={"man_days": 4}))
    assert reload(db, ScheduleItem, theirs.id).man_days is None


def test_a_supervisor_without_departments_updates_any_item_of_the_project(as_role, db):
    supervisor, project = member(as_role, db, "supervisor")
    department = factories.make_department(db)
    task_type = factories.make_task_type(db, department_id=department.id)
    item = factories.make_schedule_item(db, project_id=project.id, task_type_id=task_type.id)
    elsewhere = factories.make_schedule_item(db)
    db.commit()
    assert supervisor.put(f"{ITEMS}/{item.id}", json={"man_days": 2}).status_code == 200
    assert_forbidden(supervisor.put(f"{ITEMS}/{elsewhere.id}", json={"man_days": 2}))


@pytest.mark.parametrize("role", ["user", "client", "vendor"])
def test_other_members_cannot_update_items(role, as_role, db):
    caller, project = member(as_role, db, role)
    item = factories.make_schedule_item(db, project_id=project.id)
    db.commit()
    assert_forbidden(caller.put(f"{ITEMS}/{item.id}", json={"man_days": 2}))


def test_a_similar_schedule_item_is_refused(admin, db):
    project, task_type = factories.make_project(db), factories.make_task_type(db)
    factories.make_schedule_item(db, project_id=project.id, task_type_id=task_type.id)
    sequence = factories.make_config_entity(db, project_id=project.id)
    db.commit()
    body = item_body(project, task_type)
    assert_error(admin.post(ITEMS, json=body), 400, "A similar schedule item already exists")
    for_object = admin.post(ITEMS, json={**body, "object_id": str(sequence.id)})
    assert for_object.status_code == 201
    again = admin.post(ITEMS, json={**body, "object_id": str(sequence.id)})
    assert_error(again, 400, "A similar schedule item already exists")
    assert len(events(db, "schedule-item:new")) == 1


def test_an_update_drops_man_days_sent_as_text(admin, db):
    item = factories.make_schedule_item(db, man_days=5)
    db.commit()
    response = admin.put(f"{ITEMS}/{item.id}", json={"man_days": "7", "end_date": "2030-05-05"})
    assert response.status_code == 200
    assert response.json()["man_days"] == 5
    stored = reload(db, ScheduleItem, item.id)
    assert (stored.man_days, stored.end_date.isoformat()) == (5, "2030-05-05")


def test_the_project_of_an_item_never_changes(admin, db):
    item = factories.make_schedule_item(db)
    other = factories.make_project(db)
    db.commit()
    admin.put(f"{ITEMS}/{item.id}", json={"project_id": str(other.id)})
    assert reload(db, ScheduleItem, item.id).project_id == item.project_id


# ---------------------------------------------------------------- milestones


@pytest.mark.parametrize("role", NON_ADMIN)
def test_milestones_are_listed_by_admins_only(role, as_role, db):
    caller, project = member(as_role, db, role)
    factories.make_milestone(db, project_id=project.id)
    db.commit()
    assert_forbidden(caller.get(MILESTONES))


@pytest.mark.parametrize("role", ["manager", "supervisor", "user", "client"])
def test_team_members_read_one_milestone(role, as_role, db):
    caller, project = member(as_role, db, role)
    milestone = factories.make_milestone(db, project_id=project.id)
    outside = factories.make_milestone(db)
    db.commit()
    assert caller.get(f"{MILESTONES}/{milestone.id}").json()["name"] == milestone.name
    assert_forbidden(caller.get(f"{MILESTONES}/{outside.id}"))


def test_vendors_never_read_milestones(as_role, db):
    vendor, project = member(as_role, db, "vendor")
    milestone = factories.make_milestone(db, project_id=project.id)
    db.commit()
    assert_forbidden(vendor.get(f"{MILESTONES}/{milestone.id}"))


def test_project_managers_write_milestones(as_role, db):
    manager, project = member(as_role, db, "manager")
    outside = factories.make_milestone(db)
    db.commit()
    body = {"project_id": str(project.id), "name": "Lock", "date": "2030-01-01"}
    created = manager.post(MILESTONES, json=body)
    assert created.status_code == 201
    url = f"{MILESTONES}/{created.json()['id']}"
    assert manager.put(url, json={"name": "Picture lock"}).json()["name"] == "Picture lock"
    assert manager.delete(url).status_code == 204
    assert_forbidden(manager.put(f"{MILESTONES}/{outside.id}", json={"name": "x"}))
    assert_forbidden(manager.delete(f"{MILESTONES}/{outside.id}"))
    assert reload(db, Milestone, outside.id) is not None


@pytest.mark.parametrize("role", ["supervisor", "user", "client", "vendor"])
def test_other_members_cannot_write_milestones(role, as_role, db):
    caller, project = member(as_role, db, role)
    milestone = factories.make_milestone(db, project_id=project.id)
    db.commit()
    body = {"project_id": str(project.id), "name": "Lock"}
    assert_forbidden(caller.post(MILESTONES, json=body))
    assert_forbidden(caller.put(f"{MILESTONES}/{milestone.id}", json={"name": "x"}))
    assert_forbidden(caller.delete(f"{MILESTONES}/{milestone.id}"))


def test_a_milestone_without_project_is_refused_as_zou_does(admin, as_role):
    assert_error(admin.post(MILESTONES, json={"name": "Lock"}), 400, "'project_id'")
    assert_error(as_role("user").post(MILESTONES, json={"name": "Lock"}), 400, "'project_id'")


def test_a_milestone_needs_a_name(admin, db):
    project = factories.make_project(db)
    db.commit()
    response = admin.post(MILESTONES, json={"project_id": str(project.id)})
    assert "name" in assert_error(response, 400)["message"]
