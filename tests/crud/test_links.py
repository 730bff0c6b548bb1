"""Project task type/status links (upsert) and the reorder actions."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from reeltrack.models import ProjectTaskStatusLink, ProjectTaskTypeLink, TaskType
from tests import factories
from tests.crud.conftest import NON_ADMIN_ROLES, ROLES
from tests.crud.support import assert_error, assert_forbidden, events, one_event, sid

TYPE_LINK_KEYS = {
    "id",
    "created_at",
    "updated_at",
    "project_id",
    "task_type_id",
    "priority",
    "hd_bitrate_compression",
    "ld_bitrate_compression",
    "is_client_visible",
    "type",
}
STATUS_LINK_KEYS = {
    "id",
    "created_at",
    "updated_at",
    "project_id",
    "task_status_id",
    "priority",
    "roles_for_board",
    "is_client_allowed",
    "type",
}


def link_rows(db, model) -> list:
    db.commit()
    return list(db.scalars(select(model), execution_options={"populate_existing": True}))


@pytest.fixture()
def setup(db):
    project = factories.make_project(db)
    task_type = factories.make_task_type(db)
    task_status = factories.make_task_status(db)
    db.commit()
    return project, task_type, task_status


# ---------------------------------------------------------------- task type links


def test_a_task_type_link_is_created_then_updated(admin, setup, db):
    project, task_type, _ = setup
    payload = {"project_id": sid(project), "task_type_id": sid(task_type), "priority": 3}
    created = admin.post("/data/task-type-links", json=payload)
    assert created.status_code == 201
    body = created.json()
    assert set(body) == TYPE_LINK_KEYS
    assert body["type"] == "ProjectTaskTypeLink"
    assert (body["priority"], body["is_client_visible"]) == (3, True)
    again = admin.post("/data/task-type-links", json={**payload, "priority": 7})
    assert again.status_code == 201
    assert (again.json()["id"], again.json()["priority"]) == (body["id"], 7)
    rows = link_rows(db, ProjectTaskTypeLink)
    assert [(str(r.task_type_id), r.priority) for r in rows] == [(sid(task_type), 7)]
    logged = events(db, "project:update")
    assert [e.data for e in logged] == [{"project_id": sid(project)}] * 2
    assert all(e.project_id == project.id for e in logged)


def test_task_type_link_arguments_may_come_from_the_query_string(admin, setup, db):
    project, task_type, _ = setup
    params = {"project_id": sid(project), "task_type_id": sid(task_type)}
    response = admin.post("/data/task-type-links", params=params)
    assert response.status_code == 201
    assert response.json()["priority"] == 1


@pytest.mark.parametrize(
    ("drop", "override", "message"),
    [
        ("project_id", {}, "Missing required parameter: project_id"),
        ("task_type_id", {}, "Missing required parameter: task_type_id"),
        (None, {"priority": "high"}, "Wrong value for parameter priority."),
        (None, {"task_type_id": "abc"}, "task_type_id is required and must be a valid UUID"),
    ],
)
def test_task_type_link_arguments_are_checked(drop, override, message, admin, setup, db):
    project, task_type, _ = setup
    payload = {"project_id": sid(project), "task_type_id": sid(task_type), **override}
    payload.pop(drop, None)
    assert_error(admin.post("/data/task-type-links", json=payload), 400, message)
    assert link_rows(db, ProjectTaskTypeLink) == []
    assert events(db) == []


def test_links_to_unknown_rows_are_not_found(admin, as_role, setup):
    project, task_type, task_status = setup
    unknown = str(uuid.uuid4())
    assert_error(
        admin.post(
            "/data/task-type-links", json={"project_id": sid(project), "task_type_id": unknown}
        ),
        404,
    )
    assert_error(
        as_role("manager").post(
            "/data/task-status-links",
            json={"project_id": unknown, "task_status_id": sid(task_status)},
        ),
        404,
    )


@pytest.mark.parametrize("role", ROLES)
def test_link_routes_need_a_manager_of_the_project(role, caller, setup, db):
    project, task_type, task_status = setup
    client = caller(role)
    factories.add_to_team(db, project, client.person)
    outsider_project = factories.make_project(db)
    db.commit()
    type_link = {"project_id": sid(project), "task_type_id": sid(task_type)}
    status_link = {"project_id": sid(project), "task_status_id": sid(task_status)}
    outside = {"project_id": sid(outsider_project), "task_type_id": sid(task_type)}
    calls = [
        client.post("/data/task-type-links", json=type_link),
        client.post("/data/task-status-links", json=status_link),
        client.post(
            f"/actions/projects/{project.id}/task-type-links/reorder",
            json={"task_type_ids": [sid(task_type)]},
        ),
        client.post(
            f"/actions/projects/{project.id}/task-status-links/reorder",
            json={"task_status_ids": [sid(task_status)]},
        ),
    ]
    if role in ("admin", "manager"):
        assert [r.status_code for r in calls] == [201, 201, 200, 200]
        assert len(events(db, "project:update")) == 4
    else:
        for response in calls:
            assert_forbidden(response)
        assert events(db) == []
    outsider = client.post("/data/task-type-links", json=outside)
    if role == "admin":
        assert outsider.status_code == 201
    else:
        assert_forbidden(outsider)


# ---------------------------------------------------------------- task status links


def test_a_task_status_link_upsert_rewrites_priority_and_board_roles(admin, setup, db):
    project, _, task_status = setup
    payload = {"project_id": sid(project), "task_status_id": sid(task_status)}
    created = admin.post(
        "/data/task-status-links",
        json={**payload, "priority": 2, "roles_for_board": ["user", "client"]},
    ).json()
    assert set(created) == STATUS_LINK_KEYS
    assert created["type"] == "ProjectTaskStatusLink"
    assert (created["priority"], created["roles_for_board"]) == (2, ["user", "client"])
    assert created["is_client_allowed"] is None
    again = admin.post("/data/task-status-links", json={**payload, "priority": 5}).json()
    assert again["id"] == created["id"]
    assert (again["priority"], again["roles_for_board"]) == (5, [])
    [row] = link_rows(db, ProjectTaskStatusLink)
    assert (row.priority, row.roles_for_board) == (5, [])
    assert len(events(db, "project:update")) == 2


def test_a_task_status_link_needs_a_valid_status_id(admin, setup, db):
    project, *_ = setup
    payload = {"project_id": sid(project), "task_status_id": "zzz"}
    assert_error(
        admin.post("/data/task-status-links", json=payload),
        400,
        "task_status_id is required and must be a valid UUID",
    )


# ---------------------------------------------------------------- reorder


@pytest.fixture()
def linked(db):
    project = factories.make_project(db)
    task_types = [factories.make_task_type(db) for _ in range(4)]
    statuses = [factories.make_task_status(db) for _ in range(3)]
    for position, task_type in enumerate(task_types[:3], start=1):
        db.add(
            ProjectTaskTypeLink(project_id=project.id, task_type_id=task_type.id, priority=position)
        )
    for position, status in enumerate(statuses, start=1):
        db.add(
            ProjectTaskStatusLink(
                project_id=project.id,
                task_status_id=status.id,
                priority=position,
                roles_for_board=["supervisor"],
            )
        )
    db.commit()
    return project, task_types, statuses


def test_reordering_task_type_links(admin, linked, db):
    project, (t1, t2, t3, unlinked), _ = linked
    order = [sid(t3), sid(t1), sid(t2), sid(unlinked), str(uuid.uuid4())]
    response = admin.post(
        f"/actions/projects/{project.id}/task-type-links/reorder", json={"task_type_ids": order}
    )
    assert response.status_code == 200
    body = response.json()
    assert [(item["task_type_id"], item["priority"]) for item in body] == [
        (sid(t3), 1),
        (sid(t1), 2),
        (sid(t2), 3),
    ]
    assert all(item["type"] == "ProjectTaskTypeLink" for item in body)
    stored = {str(r.task_type_id): r.priority for r in link_rows(db, ProjectTaskTypeLink)}
    assert stored == {sid(t3): 1, sid(t1): 2, sid(t2): 3}
    assert one_event(db, "project:update").data == {"project_id": sid(project)}


def test_reordering_task_status_links_keeps_board_roles(admin, linked, db):
    project, _, (s1, s2, s3) = linked
    response = admin.post(
        f"/actions/projects/{project.id}/task-status-links/reorder",
        json={"task_status_ids": [sid(s2), sid(s3), sid(s1)]},
    )
    assert [item["task_status_id"] for item in response.json()] == [sid(s2), sid(s3), sid(s1)]
    rows = link_rows(db, ProjectTaskStatusLink)
    assert {str(r.task_status_id): r.priority for r in rows} == {sid(s2): 1, sid(s3): 2, sid(s1): 3}
    assert all(r.roles_for_board == ["supervisor"] for r in rows)


def test_reordering_nothing_still_signals_the_project(admin, linked, db):
    project, *_ = linked
    response = admin.post(
        f"/actions/projects/{project.id}/task-type-links/reorder", json={"task_type_ids": []}
    )
    assert response.json() == []
    assert one_event(db, "project:update").data == {"project_id": sid(project)}


@pytest.mark.parametrize("kind", ["task-type", "task-status"])
@pytest.mark.parametrize("payload", [{}, {"ids": []}, [1, 2], {"KEY": "not-a-list"}])
def test_reorder_bodies_are_checked(kind, payload, admin, linked, db):
    project, *_ = linked
    key = f"{kind.replace('-', '_')}_ids"
    if isinstance(payload, dict) and "KEY" in payload:
        payload = {key: payload["KEY"]}
    response = admin.post(f"/actions/projects/{project.id}/{kind}-links/reorder", json=payload)
    message = f"Request body must be a JSON object with a '{key}' list."
    assert_error(response, 400, message)
    assert events(db) == []


def test_reorder_needs_a_known_well_formed_project(admin):
    body = {"task_type_ids": []}
    url = "/actions/projects/{}/task-type-links/reorder"
    assert_error(admin.post(url.format(uuid.uuid4()), json=body), 404)
    assert_error(admin.post(url.format("nope"), json=body), 400, "Malformed ID.")


def test_reordering_task_types_globally(admin, db):
    task_types = [factories.make_task_type(db, priority=9) for _ in range(3)]
    db.commit()
    order = [sid(task_types[2]), sid(task_types[0]), sid(task_types[1])]
    response = admin.post("/actions/task-types/reorder", json={"task_type_ids": order})
    assert response.status_code == 200
    body = response.json()
    assert [(item["id"], item["priority"], item["type"]) for item in body] == [
        (order[0], 1, "TaskType"),
        (order[1], 2, "TaskType"),
        (order[2], 3, "TaskType"),
    ]
    db.commit()
    stored = {
        str(t.id): t.priority
        for t in db.scalars(select(TaskType), execution_options={"populate_existing": True})
    }
    assert stored == {order[0]: 1, order[1]: 2, order[2]: 3}
    assert events(db) == []


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_only_admins_reorder_task_types(role, caller, db):
    task_type = factories.make_task_type(db, priority=4)
    db.commit()
    response = caller(role).post(
        "/actions/task-types/reorder", json={"task_type_ids": [sid(task_type)]}
    )
    assert_forbidden(response)
    db.commit()
    assert db.scalar(select(TaskType.priority).where(TaskType.id == task_type.id)) == 4


def test_task_type_reorder_body_is_checked(admin):
    message = "Request body must be a JSON object with a 'task_type_ids' list."
    assert_error(admin.post("/actions/task-types/reorder", json={"ids": []}), 400, message)


@pytest.mark.parametrize("path", ["/data/task-type-links", "/data/task-status-links"])
def test_link_routes_only_accept_post(path, admin, db):
    assert_error(admin.get(path), 405, "The method is not allowed for the requested URL.")
    assert db.scalar(select(func.count()).select_from(ProjectTaskTypeLink)) == 0
