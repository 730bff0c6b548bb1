"""Assigning, unassigning and prioritising tasks."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from reeltrack.models import Notification, Task
from reeltrack.models.task import task_person_link
from tests import factories as f
from tests.routes.tasks.helpers import events, fresh, in_team, member


def _assignees(db, task) -> set:
    fresh(db)
    link = task_person_link.c
    return set(db.scalars(select(link.person_id).where(link.task_id == task.id)))


def _task(db, project, department=None) -> Task:
    task_type = f.make_task_type(db, department_id=department.id if department else None)
    return f.make_task(db, f.make_entity(db, project), task_type_id=task_type.id)


def test_assign_links_notifies_joins_team_and_emits(as_role, db) -> None:
    project = f.make_project(db)
    manager = member(as_role, db, "manager", project)
    artist = f.make_person(db)
    task = _task(db, project)
    db.commit()

    response = manager.put(f"/actions/tasks/{task.id}/assign", json={"person_id": str(artist.id)})

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(task.id)
    assert body["assignees"] == [str(artist.id)]
    assert body["assigner_id"] == str(manager.person.id)
    assert _assignees(db, task) == {artist.id}
    assert in_team(db, project, artist)
    notes = list(db.scalars(select(Notification).where(Notification.person_id == artist.id)))
    assert [(n.type, n.task_id, n.author_id) for n in notes] == [
        ("assignation", task.id, manager.person.id)
    ]
    assert events(db, "task:assign") == [
        {"task_id": str(task.id), "person_id": str(artist.id), "project_id": str(project.id)}
    ]
    assert len(events(db, "notification:new")) == 1


def test_self_assignation_makes_no_notification(as_role, db) -> None:
    project = f.make_project(db)
    manager = member(as_role, db, "manager", project)
    task = _task(db, project)
    db.commit()

    response = manager.put(
        f"/actions/tasks/{task.id}/assign", json={"person_id": str(manager.person.id)}
    )

    assert response.status_code == 200
    assert db.scalars(select(Notification)).first() is None


def test_assign_bad_input(admin, db) -> None:
    task = _task(db, f.make_project(db))
    bot = f.make_person(db, is_bot=True)
    preview = f.make_person(db, preview_project_id=task.project_id)
    db.commit()
    url = f"/actions/tasks/{task.id}/assign"

    missing = admin.put(url, json={"person_id": str(uuid.uuid4())})
    assert missing.status_code == 400
    assert missing.json() == {"error": "Assignee doesn't exist in database."}
    assert admin.put(url, json={}).status_code == 400
    assert admin.put(url, json={"person_id": str(bot.id)}).status_code == 403
    assert admin.put(url, json={"person_id": str(preview.id)}).status_code == 400
    assert (
        admin.put(
            f"/actions/tasks/{uuid.uuid4()}/assign", json={"person_id": str(bot.id)}
        ).status_code
        == 404
    )
    assert (
        admin.put("/actions/tasks/nope/assign", json={"person_id": str(bot.id)}).status_code == 400
    )
    assert _assignees(db, task) == set()


def test_supervisor_and_artist_department_rules(as_role, db) -> None:
    project = f.make_project(db)
    animation, modeling = f.make_department(db), f.make_department(db)
    supervisor = member(as_role, db, "supervisor", project)
    artist = member(as_role, db, "user", project)
    f.add_to_department(db, supervisor.person, animation)
    f.add_to_department(db, artist.person, animation)
    outsider = f.make_person(db)
    f.add_to_department(db, outsider, modeling)
    in_department, elsewhere = _task(db, project, animation), _task(db, project, modeling)
    db.commit()

    def assign(client, task, person):
        return client.put(f"/actions/tasks/{task.id}/assign", json={"person_id": str(person.id)})

    assert assign(supervisor, in_department, artist.person).status_code == 200
    assert assign(supervisor, in_department, outsider).status_code == 403
    assert assign(supervisor, elsewhere, artist.person).status_code == 403
    assert assign(artist, in_department, artist.person).status_code == 200
    assert assign(artist, in_department, outsider).status_code == 403
    assert assign(artist, elsewhere, artist.person).status_code == 403


@pytest.mark.parametrize("role", ["client", "vendor"])
def test_clients_and_vendors_cannot_assign(as_role, db, role) -> None:
    project = f.make_project(db)
    caller = member(as_role, db, role, project)
    task = _task(db, project)
    db.commit()

    response = caller.put(
        f"/actions/tasks/{task.id}/assign", json={"person_id": str(caller.person.id)}
    )

    assert response.status_code == 403


def test_bulk_assign_skips_unknown_and_refused_tasks(as_role, db) -> None:
    project = f.make_project(db)
    manager = member(as_role, db, "manager", project)
    artist = f.make_person(db)
    mine = [_task(db, project), _task(db, project)]
    foreign = _task(db, f.make_project(db))
    db.commit()
    ids = [str(mine[0].id), str(uuid.uuid4()), "junk", str(foreign.id), str(mine[1].id)]

    response = manager.put(f"/actions/persons/{artist.id}/assign", json={"task_ids": ids})

    assert response.status_code == 200
    assert [row["id"] for row in response.json()] == [str(t.id) for t in mine]
    assert _assignees(db, foreign) == set()
    assert in_team(db, project, artist)
    assert (
        manager.put(f"/actions/persons/{artist.id}/assign", json={"task_ids": []}).status_code
        == 400
    )
    missing = manager.put(f"/actions/persons/{uuid.uuid4()}/assign", json={"task_ids": ids})
    assert missing.status_code == 400


def test_clear_assignation_of_one_person_or_everyone(as_role, db) -> None:
    project = f.make_project(db)
    manager = member(as_role, db, "manager", project)
    first, second = f.make_person(db), f.make_person(db)
    task_type = f.make_task_type(db)
    one = f.make_task(
        db, f.make_entity(db, project), assignees=[first, second], task_type_id=task_type.id
    )
    two = f.make_task(
        db, f.make_entity(db, project), assignees=[first, second], task_type_id=task_type.id
    )
    db.commit()

    partial = manager.put(
        "/actions/tasks/clear-assignation",
        json={"task_ids": [str(one.id)], "person_id": str(first.id)},
    )
    full = manager.put(
        "/actions/tasks/clear-assignation", json={"task_ids": [str(two.id), str(uuid.uuid4())]}
    )

    assert partial.json() == [str(one.id)]
    assert full.json() == [str(two.id)]
    assert _assignees(db, one) == {second.id}
    assert _assignees(db, two) == set()
    unassigned = {(e["task_id"], e["person_id"]) for e in events(db, "task:unassign")}
    assert unassigned == {
        (str(one.id), str(first.id)),
        (str(two.id), str(first.id)),
        (str(two.id), str(second.id)),
    }
    assert manager.put("/actions/tasks/clear-assignation", json={"task_ids": []}).status_code == 400


def test_artists_only_unassign_themselves(as_role, db) -> None:
    project = f.make_project(db)
    artist = member(as_role, db, "user", project)
    other = f.make_person(db)
    task = f.make_task(db, f.make_entity(db, project), assignees=[artist.person, other])
    db.commit()

    refused = artist.put(
        "/actions/tasks/clear-assignation",
        json={"task_ids": [str(task.id)], "person_id": str(other.id)},
    )
    done = artist.put(
        "/actions/tasks/clear-assignation",
        json={"task_ids": [str(task.id)], "person_id": str(artist.person.id)},
    )

    assert refused.json() == []
    assert done.json() == [str(task.id)]
    assert _assignees(db, task) == {other.id}


def test_set_priority(as_role, db) -> None:
    project = f.make_project(db)
    department = f.make_department(db)
    supervisor = member(as_role, db, "supervisor", project)
    f.add_to_department(db, supervisor.person, department)
    artist = member(as_role, db, "user", project)
    mine, other = _task(db, project, department), _task(db, project, f.make_department(db))
    db.commit()
    body = {"task_ids": [str(mine.id), str(other.id), str(uuid.uuid4())], "priority": 3}

    by_supervisor = supervisor.put("/actions/tasks/set-priority", json=body)
    by_artist = artist.put("/actions/tasks/set-priority", json={**body, "priority": 1})

    assert [row["id"] for row in by_supervisor.json()] == [str(mine.id)]
    assert by_supervisor.json()[0]["priority"] == 3
    assert by_artist.json() == []
    fresh(db)
    assert (db.get(Task, mine.id).priority, db.get(Task, other.id).priority) == (3, 0)
    assert [e["task_id"] for e in events(db, "task:update")] == [str(mine.id)]
    for bad in (
        {"task_ids": [str(mine.id)], "priority": -1},
        {"task_ids": [str(mine.id)]},
        {"priority": 2},
    ):
        assert supervisor.put("/actions/tasks/set-priority", json=bad).status_code == 400
