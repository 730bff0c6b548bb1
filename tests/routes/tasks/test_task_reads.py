"""Task details, previews, an entity's tasks of a type, and project-wide lists."""

from __future__ import annotations

import uuid

import pytest

from tests import factories as f
from tests.routes.tasks.helpers import member, shots


def test_full_task_shape(as_role, db) -> None:
    project = f.make_project(db)
    artist = member(as_role, db, "user", project)
    assigner = f.make_person(db)
    episode = f.make_entity(db, project, type_name="Episode", name="E01")
    sequence = f.make_entity(db, project, type_name="Sequence", name="SQ01", parent_id=episode.id)
    shot = f.make_entity(db, project, type_name="Shot", name="SH01", parent_id=sequence.id)
    status = f.make_task_status(db)
    task = f.make_task(
        db, shot, assignees=[artist.person], task_status_id=status.id, assigner_id=assigner.id
    )
    f.make_subscription(db, person_id=artist.person.id, task_id=task.id)
    db.commit()

    response = artist.get(f"/data/tasks/{task.id}/full")

    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "Task"
    assert body["id"] == str(task.id)
    assert body["assignees"] == [str(artist.person.id)]
    assert body["entity"]["id"] == str(shot.id)
    assert body["entity_type"]["name"] == "Shot"
    assert body["project"]["id"] == str(project.id)
    assert body["task_status"]["id"] == str(status.id)
    assert body["task_type"]["id"] == str(task.task_type_id)
    assert body["is_subscribed"] is True
    assert [p["id"] for p in body["persons"]] == [str(artist.person.id)]
    assert "password" not in body["persons"][0]
    assert body["assigner"]["id"] == str(assigner.id)
    assert body["sequence"]["id"] == str(sequence.id)
    assert body["episode"]["id"] == str(episode.id)


def test_full_task_for_clients_and_outsiders(as_role, admin, db) -> None:
    project = f.make_project(db)
    client = member(as_role, db, "client", project)
    vendor = member(as_role, db, "vendor", project)
    artist = f.make_person(db)
    asset = f.make_entity(db, project)
    task = f.make_task(db, asset, assignees=[artist], assigner_id=artist.id, estimation=8)
    db.commit()

    body = client.get(f"/data/tasks/{task.id}/full").json()

    assert body["persons"] == [] and body["assignees"] == []
    assert "assigner" not in body and body["estimation"] == 0
    assert "sequence" not in body
    assert vendor.get(f"/data/tasks/{task.id}/full").status_code == 403
    assert as_role("user").get(f"/data/tasks/{task.id}/full").status_code == 403
    assert admin.get(f"/data/tasks/{uuid.uuid4()}/full").status_code == 404
    assert admin.get("/data/tasks/bad/full").status_code == 400


def test_task_previews_newest_revision_first_and_clients_miss_rejected(as_role, db) -> None:
    project = f.make_project(db)
    client = member(as_role, db, "client", project)
    artist = member(as_role, db, "user", project)
    task = f.make_task(db, f.make_entity(db, project))
    first = f.make_preview_file(db, task, revision=1, validation_status="rejected")
    second = f.make_preview_file(db, task, revision=2)
    db.commit()

    assert [p["id"] for p in artist.get(f"/data/tasks/{task.id}/previews").json()] == [
        str(second.id),
        str(first.id),
    ]
    assert [p["id"] for p in client.get(f"/data/tasks/{task.id}/previews").json()] == [
        str(second.id)
    ]
    assert as_role("user").get(f"/data/tasks/{task.id}/previews").status_code == 403


def test_entity_tasks_of_a_type(as_role, admin, db) -> None:
    project = f.make_project(db)
    client = member(as_role, db, "client", project)
    asset = f.make_entity(db, project)
    task_type = f.make_task_type(db)
    second = f.make_task(db, asset, task_type_id=task_type.id, name="b", estimation=4)
    first = f.make_task(db, asset, task_type_id=task_type.id, name="a")
    f.make_task(db, asset)
    db.commit()
    url = f"/data/entities/{asset.id}/task-types/{task_type.id}/tasks"

    assert [t["id"] for t in admin.get(url).json()] == [str(first.id), str(second.id)]
    assert admin.get(url).json()[1]["estimation"] == 4
    assert client.get(url).json()[1]["estimation"] == 0
    assert as_role("user").get(url).status_code == 403
    assert member(as_role, db, "vendor", project).get(url).status_code == 403
    assert (
        admin.get(f"/data/entities/{uuid.uuid4()}/task-types/{task_type.id}/tasks").status_code
        == 404
    )
    assert admin.get(f"/data/entities/{asset.id}/task-types/bad/tasks").status_code == 400


def _project_with_tasks(db, size: int):
    project = f.make_project(db)
    people = [f.make_person(db) for _ in range(2)]
    for shot in shots(db, project, size):
        f.make_task(db, shot, assignees=people)
    db.commit()
    return project


def test_project_tasks_with_assignees_in_a_fixed_number_of_queries(
    admin, db, count_queries
) -> None:
    counts = []
    for size in (3, 30):
        project = _project_with_tasks(db, size)
        with count_queries() as counter:
            response = admin.get(f"/data/projects/{project.id}/tasks")
        rows = response.json()
        assert len(rows) == size
        assert all(len(row["assignees"]) == 2 for row in rows)
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_project_tasks_filters_paging_and_scope(as_role, admin, db) -> None:
    project = f.make_project(db)
    vendor = member(as_role, db, "vendor", project)
    episode = f.make_entity(db, project, type_name="Episode")
    sequence = f.make_entity(db, project, type_name="Sequence", parent_id=episode.id)
    in_episode = f.make_task(
        db, f.make_entity(db, project, type_name="Shot", parent_id=sequence.id)
    )
    other = f.make_task(db, f.make_entity(db, project), assignees=[vendor.person])
    db.commit()
    base = f"/data/projects/{project.id}/tasks"

    assert [t["id"] for t in admin.get(f"{base}?episode_id={episode.id}").json()] == [
        str(in_episode.id)
    ]
    assert [t["id"] for t in admin.get(f"{base}?task_type_id={other.task_type_id}").json()] == [
        str(other.id)
    ]
    page = admin.get(f"{base}?page=1&limit=1").json()
    assert (page["total"], page["nb_pages"], page["limit"], len(page["data"])) == (2, 2, 1, 1)
    assert [t["id"] for t in vendor.get(base).json()] == [str(other.id)]
    assert as_role("manager").get(base).status_code == 403
    assert admin.get(f"/data/projects/{uuid.uuid4()}/tasks").status_code == 404
    assert admin.get(f"{base}?task_type_id=bad").status_code == 400


@pytest.mark.parametrize("route", ["notifications", "preview-files", "subscriptions"])
def test_project_admin_lists(as_role, admin, db, route) -> None:
    project = f.make_project(db)
    task = f.make_task(db, f.make_entity(db, project))
    outside = f.make_task(db)
    rows = {
        "notifications": lambda t: f.make_notification(db, task_id=t.id),
        "preview-files": lambda t: f.make_preview_file(db, t),
        "subscriptions": lambda t: f.make_subscription(db, task_id=t.id),
    }
    wanted = rows[route](task)
    rows[route](outside)
    manager = member(as_role, db, "manager", project)
    db.commit()
    url = f"/data/projects/{project.id}/{route}"

    response = admin.get(url)

    assert response.status_code == 200
    assert [row["id"] for row in response.json()] == [str(wanted.id)]
    assert manager.get(url).status_code == 403
    assert admin.get(f"/data/projects/{uuid.uuid4()}/{route}").status_code == 404
    if route == "notifications":
        assert response.json()[0]["type"] == "Notification"
        assert response.json()[0]["notification_type"] == "comment"
        page = admin.get(url + "?page=1").json()
        assert page["total"] == 1 and page["data"][0]["id"] == str(wanted.id)


def test_full_task_reads_a_fixed_number_of_statements(admin, db, count_queries) -> None:
    project = f.make_project(db)
    sequence = f.make_entity(db, project, type_name="Sequence")
    shot = f.make_entity(db, project, type_name="Shot", parent_id=sequence.id)
    alone = f.make_task(db, shot, assignees=[f.make_person(db)])
    crowded = f.make_task(db, shot, assignees=[f.make_person(db) for _ in range(4)])
    db.commit()
    counts = []
    for task in (alone, crowded):
        with count_queries() as counter:
            body = admin.get(f"/data/tasks/{task.id}/full").json()
        counts.append(counter.count)
        assert len(body["persons"]) == len(body["assignees"])
        assert sorted(p["id"] for p in body["persons"]) == sorted(body["assignees"])
        assert body["is_subscribed"] is False and body["sequence"]["id"] == str(sequence.id)
    assert counts[0] == counts[1]
    assert len(admin.get(f"/data/tasks/{crowded.id}/full").json()["assignees"]) == 4
