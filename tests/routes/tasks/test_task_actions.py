"""Bulk task deletion and main preview actions."""

from __future__ import annotations

import uuid

import pytest

from reeltrack.models import Comment, Entity, Task, TimeSpent
from tests import factories as f
from tests.routes.tasks.helpers import events, fresh, member


def _exists(db, model, row_id) -> bool:
    fresh(db)
    return db.get(model, row_id) is not None


def test_delete_tasks_of_the_project_with_their_dependents(as_role, db) -> None:
    project = f.make_project(db)
    manager = member(as_role, db, "manager", project)
    entity = f.make_entity(db, project)
    doomed = f.make_task(db, entity, assignees=[manager.person])
    kept = f.make_task(db, f.make_entity(db, project))
    foreign = f.make_task(db)
    comment = f.make_comment(db, doomed)
    time_spent = f.make_time_spent(db, task_id=doomed.id, person_id=manager.person.id)
    preview = f.make_preview_file(db, doomed)
    db.get(Entity, entity.id).preview_file_id = preview.id
    db.commit()
    doomed_id, type_id, comment_id, time_spent_id = (
        doomed.id,
        doomed.task_type_id,
        comment.id,
        time_spent.id,
    )
    ids = [str(doomed.id), str(foreign.id), str(uuid.uuid4())]

    response = manager.post(f"/actions/projects/{project.id}/delete-tasks", json=ids)

    assert response.status_code == 200
    assert response.json() == ids
    assert not _exists(db, Task, doomed_id)
    assert not _exists(db, Comment, comment_id)
    assert not _exists(db, TimeSpent, time_spent_id)
    assert db.get(Entity, entity.id).preview_file_id is None
    assert _exists(db, Task, kept.id) and _exists(db, Task, foreign.id)
    assert events(db, "task:delete") == [
        {
            "task_id": str(doomed_id),
            "entity_id": str(entity.id),
            "task_type_id": str(type_id),
            "project_id": str(project.id),
        }
    ]


@pytest.mark.parametrize("body", [None, {"ids": []}, ["nope"], "x"])
def test_delete_tasks_needs_an_id_list(admin, db, body) -> None:
    project = f.make_project(db)
    db.commit()

    response = admin.post(f"/actions/projects/{project.id}/delete-tasks", json=body)

    assert response.status_code == 400


@pytest.mark.parametrize(("role", "status"), [("supervisor", 403), ("user", 403), ("client", 403)])
def test_only_managers_delete_tasks(as_role, db, role, status) -> None:
    project = f.make_project(db)
    caller = member(as_role, db, role, project)
    task = f.make_task(db, f.make_entity(db, project))
    db.commit()

    response = caller.post(f"/actions/projects/{project.id}/delete-tasks", json=[str(task.id)])

    assert response.status_code == status
    assert _exists(db, Task, task.id)


def test_admins_delete_every_task_of_a_type(as_role, admin, db) -> None:
    project = f.make_project(db)
    task_type = f.make_task_type(db)
    doomed = [
        f.make_task(db, f.make_entity(db, project), task_type_id=task_type.id) for _ in range(2)
    ]
    other_project = f.make_task(db, task_type_id=task_type.id)
    other_type = f.make_task(db, f.make_entity(db, project))
    db.commit()
    doomed_ids = [task.id for task in doomed]
    url = f"/actions/projects/{project.id}/task-types/{task_type.id}/delete-tasks"

    manager = member(as_role, db, "manager", project)
    assert manager.delete(url).status_code == 403
    assert admin.delete(url).status_code == 204
    assert not any(_exists(db, Task, task_id) for task_id in doomed_ids)
    assert _exists(db, Task, other_project.id) and _exists(db, Task, other_type.id)
    assert len(events(db, "task:delete")) == 2
    assert (
        admin.delete(
            f"/actions/projects/{uuid.uuid4()}/task-types/{task_type.id}/delete-tasks"
        ).status_code
        == 404
    )
    assert (
        admin.delete(f"/actions/projects/bad/task-types/{task_type.id}/delete-tasks").status_code
        == 400
    )


def test_set_main_preview_uses_the_last_revision(as_role, db) -> None:
    project = f.make_project(db)
    artist = member(as_role, db, "user", project)
    shot = f.make_entity(db, project, type_name="Shot")
    task = f.make_task(db, shot)
    f.make_preview_file(db, task, revision=1)
    latest = f.make_preview_file(db, task, revision=2, status="ready")
    db.commit()

    response = artist.put(f"/actions/tasks/{task.id}/set-main-preview")

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(shot.id)
    assert body["preview_file_id"] == str(latest.id)
    assert body["preview_file_status"] == "ready"
    fresh(db)
    assert db.get(Entity, shot.id).preview_file_id == latest.id
    assert events(db, "preview-file:set-main") == [
        {
            "entity_id": str(shot.id),
            "preview_file_id": str(latest.id),
            "preview_file_status": "ready",
            "project_id": str(project.id),
        }
    ]
    assert events(db, "shot:update") == [{"shot_id": str(shot.id), "project_id": str(project.id)}]


def test_set_main_preview_refusals(as_role, admin, db) -> None:
    project = f.make_project(db)
    client = member(as_role, db, "client", project)
    vendor = member(as_role, db, "vendor", project)
    task = f.make_task(db, f.make_entity(db, project))
    f.make_preview_file(db, task)
    bare = f.make_task(db, f.make_entity(db, project))
    db.commit()

    assert client.put(f"/actions/tasks/{task.id}/set-main-preview").status_code == 403
    assert vendor.put(f"/actions/tasks/{task.id}/set-main-preview").status_code == 403
    assert as_role("manager").put(f"/actions/tasks/{task.id}/set-main-preview").status_code == 403
    no_preview = admin.put(f"/actions/tasks/{bare.id}/set-main-preview")
    assert no_preview.status_code == 400
    assert admin.put(f"/actions/tasks/{uuid.uuid4()}/set-main-preview").status_code == 404
    assert admin.put("/actions/tasks/bad/set-main-preview").status_code == 400


def test_set_main_previews_in_bulk_skips_tasks_without_preview(admin, db) -> None:
    project = f.make_project(db)
    tasks = [f.make_task(db, f.make_entity(db, project)) for _ in range(2)]
    preview = f.make_preview_file(db, tasks[0])
    db.commit()

    response = admin.put(
        "/actions/tasks/set-main-preview", json={"task_ids": [str(t.id) for t in tasks]}
    )

    assert response.status_code == 200
    assert [row["preview_file_id"] for row in response.json()] == [str(preview.id)]
    assert events(db, "asset:update") == [
        {"asset_id": str(tasks[0].entity_id), "project_id": str(project.id)}
    ]
    assert admin.put("/actions/tasks/set-main-preview", json={"task_ids": []}).status_code == 400
    unknown = admin.put("/actions/tasks/set-main-preview", json={"task_ids": [str(uuid.uuid4())]})
    assert unknown.status_code == 404
