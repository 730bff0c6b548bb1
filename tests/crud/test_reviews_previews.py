"""Preview files: scoped lists, reads through the task, updates, revisions and deletes."""

from __future__ import annotations

import pytest

from reeltrack.models import Entity, News, PreviewFile, Task, project_person_link, task_person_link
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, ids, one_event, reload, sid

NON_ADMIN = ("manager", "supervisor", "user", "client", "vendor")


def join(db, project, person, role=None):
    db.execute(
        project_person_link.insert().values(project_id=project.id, person_id=person.id, role=role)
    )


def assign(db, task, person):
    db.execute(task_person_link.insert().values(task_id=task.id, person_id=person.id))


@pytest.fixture()
def world(db):
    """An open project and a closed one, each with a task and a preview."""
    department = factories.make_department(db)
    task_type = factories.make_task_type(db, department_id=department.id)
    project = factories.make_project(db)
    task = factories.make_task(
        db, entity=factories.make_entity(db, project), task_type_id=task_type.id
    )
    preview = factories.make_preview_file(db, task=task, revision=1)
    closed = factories.make_project(db, closed=True)
    closed_task = factories.make_task(db, entity=factories.make_entity(db, closed))
    closed_preview = factories.make_preview_file(db, task=closed_task)
    db.commit()
    return {
        "project": project,
        "task": task,
        "preview": preview,
        "department": department,
        "closed": closed,
        "closed_preview": closed_preview,
        "other_preview": factories.make_preview_file(db),
    }


def member(as_role, db, project, role, team_role=None):
    caller = as_role(role)
    join(db, project, caller.person, team_role)
    db.commit()
    return caller


def test_lists_keep_open_team_projects_and_vendors_their_tasks(world, as_role, db):
    every = {sid(world[k]) for k in ("preview", "closed_preview", "other_preview")}
    for role in ("manager", "supervisor", "user", "client"):
        caller = member(as_role, db, world["project"], role)
        join(db, world["closed"], caller.person)
        db.commit()
        assert ids(caller.get("/data/preview-files").json()) == {sid(world["preview"])}
    vendor = as_role("vendor")
    assert vendor.get("/data/preview-files").json() == []
    assign(db, world["task"], vendor.person)
    db.commit()
    assert ids(vendor.get("/data/preview-files").json()) == {sid(world["preview"])}
    admin = as_role("admin")
    assert ids(admin.get("/data/preview-files").json()) >= every


def test_project_id_filters_through_the_task(world, admin):
    body = admin.get("/data/preview-files", params={"project_id": sid(world["project"])}).json()
    assert ids(body) == {sid(world["preview"])}
    assert_error(
        admin.get("/data/preview-files", params={"project_id": "x"}), 400, "Invalid project_id."
    )


def test_reading_one_needs_the_team_or_for_vendors_the_task(world, as_role, db):
    url = f"/data/preview-files/{world['preview'].id}"
    for role in ("manager", "supervisor", "user", "client"):
        assert member(as_role, db, world["project"], role).get(url).status_code == 200
        assert_forbidden(as_role(role).get(url))
    vendor = member(as_role, db, world["project"], "vendor")
    assert_forbidden(vendor.get(url))
    outside_vendor = as_role("vendor")
    assign(db, world["task"], outside_vendor.person)
    db.commit()
    body = outside_vendor.get(url).json()
    assert body["id"] == sid(world["preview"]) and body["comments"] == []


def test_updates_by_managers_assignees_and_department_supervisors(world, as_role, db):
    url = f"/data/preview-files/{world['preview'].id}"
    assert_forbidden(
        member(as_role, db, world["project"], "user").put(url, json={"description": "a"})
    )
    assert_forbidden(as_role("manager").put(url, json={"description": "b"}))
    other_supervisor = member(as_role, db, world["project"], "supervisor")
    factories.add_to_department(db, other_supervisor.person, factories.make_department(db))
    db.commit()
    assert_forbidden(other_supervisor.put(url, json={"description": "c"}))
    supervisor = member(as_role, db, world["project"], "supervisor")
    factories.add_to_department(db, supervisor.person, world["department"])
    db.commit()
    assert supervisor.put(url, json={"validation_status": "validated"}).status_code == 200
    artist = member(as_role, db, world["project"], "user")
    assign(db, world["task"], artist.person)
    db.commit()
    assert artist.put(url, json={"description": "mine"}).status_code == 200
    manager = member(as_role, db, world["project"], "user", "manager")
    assert manager.put(url, json={"description": "final"}).json()["description"] == "final"
    stored = reload(db, PreviewFile, world["preview"].id)
    assert (stored.validation_status, stored.description) == ("validated", "final")
    assert_error(
        manager.put(url, json={"validation_status": "great"}), 400, "Invalid validation_status"
    )


def test_main_preview_revisions_stay_unique_and_extras_follow(world, admin, db):
    task = world["task"]
    extra = factories.make_preview_file(db, task=task, revision=1, position=2)
    second = factories.make_preview_file(db, task=task, revision=2)
    db.commit()
    response = admin.put(f"/data/preview-files/{second.id}", json={"revision": 1})
    assert_error(
        response,
        400,
        "Revision 1 already exists for this task. Choose a different revision number, "
        "or omit it to let the revision auto-increment.",
    )
    response = admin.put(f"/data/preview-files/{world['preview'].id}", json={"revision": "5"})
    assert response.status_code == 200 and response.json()["revision"] == 5
    assert reload(db, PreviewFile, extra.id).revision == 5
    assert reload(db, PreviewFile, second.id).revision == 2
    # An extra preview (position 2) is not checked.
    assert admin.put(f"/data/preview-files/{extra.id}", json={"revision": 2}).status_code == 200


def test_only_project_managers_delete(world, as_role, db):
    url = f"/data/preview-files/{world['preview'].id}"
    supervisor = member(as_role, db, world["project"], "supervisor")
    assign(db, world["task"], supervisor.person)
    db.commit()
    assert_forbidden(supervisor.delete(url))
    assert_forbidden(as_role("manager").delete(url))
    manager = member(as_role, db, world["project"], "manager")
    assert manager.delete(url).status_code == 204
    assert reload(db, PreviewFile, world["preview"].id) is None


def test_delete_restores_the_previous_main_previews(world, admin, db):
    task = world["task"]
    entity = db.get(Entity, task.entity_id)
    older = world["preview"]
    newer = factories.make_preview_file(db, task=task, revision=2)
    newer.created_at = older.created_at.replace(year=older.created_at.year + 1)
    world["project"].is_set_preview_automated = True
    task.last_preview_file_id = newer.id
    entity.preview_file_id = newer.id
    news = factories.make_news(db, task_id=task.id, preview_file_id=newer.id)
    db.commit()
    assert admin.delete(f"/data/preview-files/{newer.id}").status_code == 204
    assert reload(db, Task, task.id).last_preview_file_id == older.id
    assert reload(db, Entity, entity.id).preview_file_id == older.id
    assert reload(db, News, news.id).preview_file_id is None
    assert one_event(db, "preview-file:delete").data == {"preview_file_id": sid(newer)}
    assert one_event(db, "preview-file:set-main").data == {
        "entity_id": sid(entity),
        "preview_file_id": sid(older),
        "preview_file_status": "ready",
        "project_id": sid(world["project"]),
    }
    assert one_event(db, "task:update").data["task_id"] == sid(task)


def test_a_preview_a_comment_points_at_cannot_go(world, admin, db):
    comment = factories.make_comment(db, task=world["task"], preview_file_id=world["preview"].id)
    db.commit()
    response = admin.delete(f"/data/preview-files/{world['preview'].id}")
    assert_error(response, 400, "The change conflicts with records referencing this one.")
    assert reload(db, PreviewFile, world["preview"].id) is not None
    assert comment.id is not None


def test_creation_is_for_admins(world, as_role, db):
    for role in NON_ADMIN:
        caller = member(as_role, db, world["project"], role)
        assert_forbidden(caller.post("/data/preview-files", json={"task_id": sid(world["task"])}))
