"""Tasks: creation checks, who lists and reads which, the client view, the episode filter."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import func, select

from reeltrack.models import Task
from tests import factories
from tests.crud.support import NOT_FOUND, assert_error, assert_forbidden, events, ids, sid
from tests.crud.test_entities import join, member

MISMATCH = "Task type of the task does not match entity type."


def count_tasks(db) -> int:
    db.commit()
    return db.scalar(select(func.count()).select_from(Task))


def task_body(db, entity=None, **extra: Any) -> dict[str, Any]:
    entity = entity or factories.make_entity(db)
    task_type = factories.make_task_type(db, for_entity="Asset")
    db.commit()
    return {"entity_id": sid(entity), "task_type_id": sid(task_type), **extra}


# ---------------------------------------------------------------- create


def test_create_defaults_name_and_project_and_answers_with_assignees(admin, db):
    entity = factories.make_entity(db)
    artist = factories.make_person(db)
    body = task_body(db, entity, assignees=[sid(artist)])
    db.commit()
    response = admin.post("/data/tasks", json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert (created["name"], created["type"]) == ("main", "Task")
    assert created["project_id"] == sid_of(entity.project_id)
    assert created["assignees"] == [sid(artist)]
    event = events(db, "task:new")[0]
    assert event.data == {"task_id": created["id"], "project_id": sid_of(entity.project_id)}


def sid_of(value: Any) -> str:
    return str(value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"task_type_id": None}, "A valid task_type_id is required."),
        ({"task_type_id": "nope"}, "A valid task_type_id is required."),
        ({"entity_id": 12}, "A valid entity_id is required."),
        ({"assignees": "someone"}, "assignees must be a list."),
        ({"assignees": ["not-an-id"]}, None),
        ({"assignees": [str(uuid.uuid4())]}, None),
        ({"project_id": str(uuid.uuid4())}, None),
        ({"priority": "high"}, "Field 'priority' must be an integer."),
    ],
)
def test_create_validations(change, message, admin, db):
    response = admin.post("/data/tasks", json={**task_body(db), **change})
    assert_error(response, 400, message)
    assert count_tasks(db) == 0 and events(db) == []


def test_create_refuses_unknown_parents_with_404(admin, db):
    body = task_body(db)
    for key in ("task_type_id", "entity_id"):
        response = admin.post("/data/tasks", json={**body, key: str(uuid.uuid4())})
        assert_error(response, 404, NOT_FOUND)


def test_create_refuses_preview_accounts_and_duplicates(admin, db):
    project = factories.make_project(db)
    viewer = factories.make_person(db, preview_project_id=project.id)
    body = task_body(db, factories.make_entity(db, project), name="anim")
    db.commit()
    bad = admin.post("/data/tasks", json={**body, "assignees": [sid(viewer)]})
    assert_error(bad, 400, "A preview account can't be assigned")
    assert admin.post("/data/tasks", json=body).status_code == 201
    assert_error(admin.post("/data/tasks", json=body), 400, "Task already exists.")
    assert admin.post("/data/tasks", json={**body, "name": "anim2"}).status_code == 201
    assert count_tasks(db) == 2


def test_task_type_must_fit_the_entity(admin, db):
    project = factories.make_project(db)
    asset = factories.make_entity(db, project)
    shot = factories.make_entity(db, project, type_name="Shot")
    for_shots = factories.make_task_type(db, for_entity="Shot")
    for_assets = factories.make_task_type(db, for_entity="Asset")
    for_edits = factories.make_task_type(db, for_entity="Edit")
    db.commit()

    def create(entity, task_type):
        body = {"entity_id": sid(entity), "task_type_id": sid(task_type)}
        return admin.post("/data/tasks", json=body)

    assert_error(create(asset, for_shots), 400, MISMATCH)
    assert_error(create(shot, for_assets), 400, MISMATCH)
    assert_error(create(shot, for_edits), 400, MISMATCH)
    assert create(shot, for_shots).status_code == 201
    assert create(asset, for_assets).status_code == 201


@pytest.mark.parametrize("role", ["manager", "supervisor", "user", "bot"])
def test_team_members_create_tasks(role, caller, db):
    project = factories.make_project(db)
    client = member(caller, db, project, role)
    response = client.post("/data/tasks", json=task_body(db, factories.make_entity(db, project)))
    assert response.status_code == 201, response.text


@pytest.mark.parametrize("role", ["client", "vendor"])
def test_clients_and_vendors_do_not_create_tasks(role, caller, db):
    project = factories.make_project(db)
    client = member(caller, db, project, role)
    assert_forbidden(
        client.post("/data/tasks", json=task_body(db, factories.make_entity(db, project)))
    )
    assert count_tasks(db) == 0


def test_people_outside_the_team_do_not_create_tasks(as_role, db):
    assert_forbidden(as_role("manager").post("/data/tasks", json=task_body(db)))
    assert count_tasks(db) == 0


# ---------------------------------------------------------------- reading


@pytest.fixture()
def world(db):
    open_project = factories.make_project(db)
    closed = factories.make_project(db, closed=True)
    other = factories.make_project(db)
    tasks = {
        "open": factories.make_task(db, factories.make_entity(db, open_project)),
        "closed": factories.make_task(db, factories.make_entity(db, closed)),
        "other": factories.make_task(db, factories.make_entity(db, other)),
    }
    db.commit()
    return open_project, closed, tasks


@pytest.mark.parametrize("role", ["manager", "supervisor", "user", "client", "bot"])
def test_members_list_tasks_of_open_projects_and_read_their_projects(world, role, caller, db):
    open_project, closed, tasks = world
    client = member(caller, db, open_project, role)
    join(db, client, closed)
    assert ids(client.get("/data/tasks").json()) == {sid(tasks["open"])}
    assert client.get(f"/data/tasks/{tasks['closed'].id}").status_code == 200
    assert_forbidden(client.get(f"/data/tasks/{tasks['other'].id}"))


def test_admins_list_every_task(world, admin):
    *_, tasks = world
    assert ids(admin.get("/data/tasks").json()) == {sid(task) for task in tasks.values()}


def test_vendors_list_their_tasks_and_read_tasks_of_their_entities(world, as_role, db):
    open_project, _, tasks = world
    vendor = member(as_role, db, open_project, "vendor")
    entity = factories.make_entity(db, open_project)
    mine = factories.make_task(db, entity, assignees=[vendor.person])
    sibling = factories.make_task(db, entity)
    db.commit()
    assert ids(vendor.get("/data/tasks").json()) == {sid(mine)}
    assert vendor.get(f"/data/tasks/{sibling.id}").status_code == 200
    assert_forbidden(vendor.get(f"/data/tasks/{tasks['open'].id}"))


def test_clients_get_the_studio_fields_blank(as_role, db):
    project = factories.make_project(db)
    artist = factories.make_person(db)
    task = factories.make_task(
        db,
        factories.make_entity(db, project),
        assignees=[artist],
        priority=3,
        estimation=5.0,
        duration=2.0,
        retake_count=2,
        assigner_id=artist.id,
        difficulty=4,
    )
    db.commit()
    client = join(db, as_role("client"), project)
    for item in (
        client.get(f"/data/tasks/{task.id}").json(),
        client.get("/data/tasks", params={"relations": "true"}).json()[0],
    ):
        assert item["assignees"] == [] and item["assigner_id"] is None
        assert (item["priority"], item["estimation"], item["duration"]) == (0, 0, 0)
        assert (item["retake_count"], item["difficulty"]) == (0, None)
        assert item["entity_id"] == sid_of(task.entity_id)
    plain = client.get("/data/tasks").json()[0]
    assert "assignees" not in plain and plain["priority"] == 0
    studio = join(db, as_role("user"), project).get(f"/data/tasks/{task.id}").json()
    assert (studio["assignees"], studio["priority"]) == ([sid(artist)], 3)
    per_project = join(db, as_role("user"), project, role="client")
    assert per_project.get(f"/data/tasks/{task.id}").json()["priority"] == 0


def test_episode_filter(admin, db):
    project = factories.make_project(db)
    episode = factories.make_entity(db, project, type_name="Episode")
    sequence = factories.make_entity(db, project, type_name="Sequence", parent_id=episode.id)
    shot = factories.make_entity(db, project, type_name="Shot", parent_id=sequence.id)
    inside = factories.make_task(db, shot)
    factories.make_task(db, factories.make_entity(db, project, type_name="Shot"))
    db.commit()
    listed = admin.get("/data/tasks", params={"episode_id": sid(episode)}).json()
    assert ids(listed) == {sid(inside)}
    assert_error(
        admin.get("/data/tasks", params={"episode_id": "nope"}),
        400,
        "Invalid UUID format for episode_id: nope",
    )


@pytest.mark.parametrize("role", ["client", "vendor", "user"])
def test_scoped_list_query_count_does_not_grow(role, as_role, db, count_queries):
    project = factories.make_project(db)
    client = join(db, as_role(role), project)

    def measure(total: int) -> int:
        for _ in range(total):
            factories.make_task(db, factories.make_entity(db, project), assignees=[client.person])
        db.commit()
        with count_queries() as counter:
            body = client.get("/data/tasks", params={"relations": "true"}).json()
        assert len(body) == len(db.scalars(select(Task.id)).all())
        return counter.count

    assert measure(3) == measure(30)
