"""Tasks: who updates what, assignation events, deletion rules."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from reeltrack.models import Comment, Entity, News, Notification, PreviewFile, Task, TimeSpent
from reeltrack.models.task import task_person_link
from tests import factories
from tests.crud.support import FK_CONFLICT, assert_error, assert_forbidden, events, reload, sid
from tests.crud.test_entities import join, member
from tests.crud.test_entities_delete import busy_task


def count(db, model, *where) -> int:
    db.commit()
    return db.scalar(select(func.count()).select_from(model).where(*where))


# ---------------------------------------------------------------- update


def test_managers_update_and_data_is_merged(caller, db):
    project = factories.make_project(db)
    task = factories.make_task(db, factories.make_entity(db, project), data={"a": 1})
    db.commit()
    manager = member(caller, db, project, "manager")
    body = {"data": {"b": 2}, "description": "Do it", "project_id": sid(factories.make_project(db))}
    db.commit()
    response = manager.put(f"/data/tasks/{task.id}", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["data"] == {"a": 1, "b": 2}
    stored = reload(db, Task, task.id)
    assert (stored.description, stored.project_id) == ("Do it", project.id)
    assert [e.name for e in events(db)] == ["task:update"]
    assert manager.put(f"/data/tasks/{task.id}", json={"data": {}}).json()["data"] == {}


@pytest.mark.parametrize("role", ["user", "client", "vendor", "bot"])
def test_other_members_may_not_update(role, caller, db):
    project = factories.make_project(db)
    task = factories.make_task(db, factories.make_entity(db, project), priority=1)
    db.commit()
    client = member(caller, db, project, role)
    assert_forbidden(client.put(f"/data/tasks/{task.id}", json={"priority": 4}))
    assert reload(db, Task, task.id).priority == 1 and events(db) == []


def test_supervisors_update_planning_fields_of_their_departments(as_role, db):
    project = factories.make_project(db)
    department, other = factories.make_department(db), factories.make_department(db)
    ours = factories.make_task(
        db,
        factories.make_entity(db, project),
        task_type_id=factories.make_task_type(db, department_id=department.id).id,
    )
    theirs = factories.make_task(
        db,
        factories.make_entity(db, project),
        task_type_id=factories.make_task_type(db, department_id=other.id).id,
    )
    supervisor = join(db, as_role("supervisor"), project)
    factories.add_to_department(db, supervisor.person, department)
    db.commit()
    planning = {"priority": 2, "due_date": "2030-01-02T10:00:00", "estimation": 3}
    assert supervisor.put(f"/data/tasks/{ours.id}", json=planning).status_code == 200
    assert_forbidden(supervisor.put(f"/data/tasks/{ours.id}", json={"name": "renamed"}))
    assert_forbidden(supervisor.put(f"/data/tasks/{theirs.id}", json={"priority": 2}))
    free = join(db, as_role("supervisor"), project)
    assert free.put(f"/data/tasks/{theirs.id}", json={"difficulty": 5}).status_code == 200
    assert reload(db, Task, ours.id).priority == 2
    assert reload(db, Task, theirs.id).difficulty == 5


def test_update_refuses_bad_values(admin, db):
    task = factories.make_task(db)
    db.commit()
    url = f"/data/tasks/{task.id}"
    assert_error(admin.put(url, json={"difficulty": 9}), 400)
    assert_error(admin.put(url, json={"data": [1, 2]}), 400)
    assert_error(admin.put(url, json={"due_date": "2030-13-45"}), 400)
    assert_error(admin.put(url, json={"assignees": "someone"}), 400)
    assert events(db) == []


# ---------------------------------------------------------------- assignation


def assignees(db, task) -> set[str]:
    db.commit()
    query = select(task_person_link.c.person_id).where(task_person_link.c.task_id == task.id)
    return {str(person_id) for person_id in db.scalars(query)}


def test_changing_assignees_emits_assign_and_unassign(admin, db):
    project = factories.make_project(db)
    kept, gone, new = (factories.make_person(db) for _ in range(3))
    task = factories.make_task(db, factories.make_entity(db, project), assignees=[kept, gone])
    db.commit()
    body = {"assignees": [sid(kept), sid(new), sid(admin.person)]}
    response = admin.put(f"/data/tasks/{task.id}", json=body)
    assert response.status_code == 200, response.text
    assert assignees(db, task) == {sid(kept), sid(new), sid(admin.person)}
    assigned = {e.data["person_id"] for e in events(db, "task:assign")}
    assert assigned == {sid(new), sid(admin.person)}
    unassigned = events(db, "task:unassign")
    assert [e.data for e in unassigned] == [
        {"task_id": sid(task), "person_id": sid(gone), "project_id": sid(project)}
    ]
    notified = db.scalars(select(Notification)).all()
    assert [(n.person_id, n.author_id, n.type) for n in notified] == [
        (new.id, admin.person.id, "assignation")
    ]
    names = [e.name for e in events(db)]
    assert names.count("task:update") == 1 and names.count("notification:new") == 1


def test_preview_accounts_are_never_assigned(admin, db):
    project = factories.make_project(db)
    viewer = factories.make_person(db, preview_project_id=project.id)
    task = factories.make_task(db, factories.make_entity(db, project))
    db.commit()
    response = admin.put(f"/data/tasks/{task.id}", json={"assignees": [sid(viewer)]})
    assert_error(response, 400, "A preview account can't be assigned")
    assert assignees(db, task) == set() and events(db) == []


# ---------------------------------------------------------------- delete


@pytest.mark.parametrize("role", ["supervisor", "user", "client", "vendor", "bot"])
def test_only_managers_delete_tasks(role, caller, as_role, db):
    project = factories.make_project(db)
    task = factories.make_task(db, factories.make_entity(db, project))
    db.commit()
    assert_forbidden(member(caller, db, project, role).delete(f"/data/tasks/{task.id}"))
    assert_forbidden(as_role("manager").delete(f"/data/tasks/{task.id}"))
    manager = join(db, as_role("manager"), project)
    assert manager.delete(f"/data/tasks/{task.id}").status_code == 204
    assert reload(db, Task, task.id) is None


def test_assignees_do_not_block_deletion(admin, db):
    task = factories.make_task(db, assignees=[factories.make_person(db)])
    db.commit()
    assert admin.delete(f"/data/tasks/{task.id}").status_code == 204
    assert count(db, Task) == 0 and assignees(db, task) == set()


def test_delete_is_refused_while_comments_or_time_exist(admin, db):
    commented = factories.make_task(db)
    db.add(Comment(object_id=commented.id, object_type="Task", person_id=admin.person.id))
    timed = factories.make_task(db)
    factories.make_time_spent(db, task_id=timed.id, person_id=admin.person.id)
    db.commit()
    for task in (commented, timed):
        assert_error(admin.delete(f"/data/tasks/{task.id}"), 400, FK_CONFLICT)
    assert count(db, Task) == 2 and events(db) == []


def test_forced_delete_removes_what_hangs_from_the_task(admin, db):
    project = factories.make_project(db, is_set_preview_automated=True)
    entity = factories.make_entity(db, project)
    task = busy_task(db, entity, admin.person)
    other = factories.make_task(db, entity, name="other")
    older = PreviewFile(task_id=other.id, name="old", extension="mp4", status="ready")
    db.add(older)
    db.commit()
    response = admin.delete(f"/data/tasks/{task.id}", params={"force": "true"})
    assert response.status_code == 204, response.text
    assert reload(db, Task, task.id) is None
    for model in (Comment, News, TimeSpent):
        assert count(db, model) == 0, model.__name__
    assert count(db, Notification) == 0
    assert count(db, PreviewFile) == 1
    assert reload(db, Entity, entity.id).preview_file_id == older.id
    event = events(db, "task:delete")[0]
    assert event.data == {
        "task_id": sid(task),
        "entity_id": sid(entity),
        "task_type_id": str(task.task_type_id),
        "project_id": sid(project),
    }


def test_forced_delete_clears_a_main_preview_when_not_automated(admin, db):
    entity = factories.make_entity(db)
    task = busy_task(db, entity, admin.person)
    db.commit()
    assert admin.delete(f"/data/tasks/{task.id}?force=true").status_code == 204
    assert reload(db, Entity, entity.id).preview_file_id is None
