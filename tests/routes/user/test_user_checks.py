"""GET /data/user/tasks-to-check (+ filter-values): tasks waiting for feedback."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests import factories as f
from tests.crud.support import assert_error


def _world(db: Any, caller: Any) -> dict[str, Any]:
    project = f.make_project(db, team=[caller])
    outside = f.make_project(db)
    closed = f.make_project(db, team=[caller], closed=True)
    dept, other_dept = f.make_department(db), f.make_department(db)
    f.add_to_department(db, caller, dept)
    wfa = f.make_task_status(db, is_feedback_request=True)
    wip = f.make_task_status(db)
    in_dept = f.make_task_type(db, department_id=dept.id)
    elsewhere = f.make_task_type(db, department_id=other_dept.id)
    artist = f.make_person(db)
    w = {
        "project": project,
        "artist": artist,
        "wfa": wfa,
        "check_dept": f.make_task(
            db,
            f.make_entity(db, project),
            assignees=[artist],
            task_status_id=wfa.id,
            task_type_id=in_dept.id,
            due_date=dt.datetime(2026, 5, 1),
            priority=1,
        ),
        "check_other": f.make_task(
            db,
            f.make_entity(db, project),
            task_status_id=wfa.id,
            task_type_id=elsewhere.id,
            due_date=dt.datetime(2026, 4, 1),
            priority=3,
        ),
    }
    f.make_task(db, f.make_entity(db, project), task_status_id=wip.id, task_type_id=in_dept.id)
    f.make_task(db, f.make_entity(db, outside), task_status_id=wfa.id, task_type_id=in_dept.id)
    f.make_task(db, f.make_entity(db, closed), task_status_id=wfa.id, task_type_id=in_dept.id)
    db.commit()
    return w


def _ids(rows: list[dict[str, Any]]) -> list[str]:
    return sorted(row["id"] for row in rows)


def test_supervisor_sees_feedback_tasks_of_their_departments(as_role, db) -> None:
    supervisor = as_role("supervisor")
    w = _world(db, supervisor.person)

    response = supervisor.get("/data/user/tasks-to-check")

    assert response.status_code == 200
    rows = response.json()
    assert _ids(rows) == [str(w["check_dept"].id)]
    assert rows[0]["assignees"] == [str(w["artist"].id)]
    assert rows[0]["task_status_name"] == w["wfa"].name
    assert rows[0]["project_name"] == w["project"].name
    assert "last_comment" in rows[0]


def test_manager_sees_every_department_of_their_projects(as_role, db) -> None:
    manager = as_role("manager")
    w = _world(db, manager.person)
    rows = manager.get("/data/user/tasks-to-check").json()
    assert _ids(rows) == sorted([str(w["check_dept"].id), str(w["check_other"].id)])


def test_admin_sees_all_open_projects(as_role, db) -> None:
    admin = as_role("admin")
    _world(db, admin.person)
    assert len(admin.get("/data/user/tasks-to-check").json()) == 3


@pytest.mark.parametrize("role", ["user", "client", "vendor"])
def test_other_roles_get_nothing(as_role, db, role) -> None:
    caller = as_role(role)
    _world(db, caller.person)
    assert caller.get("/data/user/tasks-to-check").json() == []
    paged = caller.get("/data/user/tasks-to-check?page=1").json()
    assert paged["data"] == [] and paged["stats"]["total"] == 0
    values = caller.get("/data/user/tasks-to-check/filter-values").json()
    assert values == {
        "project_ids": [],
        "task_type_ids": [],
        "task_status_ids": [],
        "episode_ids": [],
        "person_ids": [],
    }


def test_filters_ordering_and_paging(as_role, db) -> None:
    manager = as_role("manager")
    w = _world(db, manager.person)
    dept_id, other_id = str(w["check_dept"].id), str(w["check_other"].id)

    def ids(query: str) -> list[str]:
        response = manager.get(f"/data/user/tasks-to-check?{query}")
        assert response.status_code == 200, response.text
        body = response.json()
        return [row["id"] for row in (body["data"] if "page=" in query else body)]

    assert ids(f"person_id={w['artist'].id}") == [dept_id]
    assert ids("person_id=unassigned") == [other_id]
    assert ids(f"task_type_id={w['check_other'].task_type_id}") == [other_id]
    assert ids("due_date_since=2026-04-15") == [dept_id]
    assert ids("due_date_until=2026-04-15T00:00:00") == [other_id]
    assert ids("order_by=due_date") == [other_id, dept_id]
    assert ids("order_by=priority") == [other_id, dept_id]
    assert ids("order_by=due_date&page=2&limit=1") == [dept_id]

    body = manager.get("/data/user/tasks-to-check?page=1&limit=1&order_by=due_date").json()
    assert body["page"] == 1 and body["limit"] == 1 and body["is_more"] is True
    assert body["stats"]["total"] == 2


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("project_id=nope", "Wrong UUID format."),
        ("person_id=nope,also", "Wrong UUID format."),
        ("due_date_since=2026-13-45", None),
        ("page=abc", "Wrong value for parameter page."),
    ],
)
def test_bad_arguments_are_400(as_role, query: str, message: str | None) -> None:
    assert_error(as_role("manager").get(f"/data/user/tasks-to-check?{query}"), 400, message)


def test_filter_values(as_role, db) -> None:
    manager = as_role("manager")
    w = _world(db, manager.person)
    values = manager.get("/data/user/tasks-to-check/filter-values").json()
    assert values["project_ids"] == [str(w["project"].id)]
    assert values["task_status_ids"] == [str(w["wfa"].id)]
    assert values["task_type_ids"] == sorted(
        [str(w["check_dept"].task_type_id), str(w["check_other"].task_type_id)]
    )
    assert values["person_ids"] == [str(w["artist"].id)]
    assert values["episode_ids"] == []


def test_query_count_is_fixed(as_role, db, count_queries) -> None:
    manager = as_role("manager")
    project = f.make_project(db, team=[manager.person])
    wfa = f.make_task_status(db, is_feedback_request=True)
    task_type = f.make_task_type(db)

    def add(count: int) -> None:
        for _ in range(count):
            task = f.make_task(
                db,
                f.make_entity(db, project),
                task_status_id=wfa.id,
                task_type_id=task_type.id,
                assignees=[f.make_person(db)],
            )
            f.make_comment(db, task)
        db.commit()

    add(3)
    with count_queries() as small:
        assert len(manager.get("/data/user/tasks-to-check").json()) == 3
    add(27)
    with count_queries() as large:
        assert len(manager.get("/data/user/tasks-to-check").json()) == 30
    assert small.count == large.count
