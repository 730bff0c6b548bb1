"""Time spents: admin CRUD, task durations kept in sync, who may delete, date ranges."""

from __future__ import annotations

import uuid

import pytest

from reeltrack.models import Task, TimeSpent
from reeltrack.models.task import task_person_link
from tests import factories
from tests.crud.conftest import NON_ADMIN_ROLES
from tests.crud.support import (
    DUPLICATE,
    FK_CONFLICT,
    assert_error,
    assert_forbidden,
    events,
    ids,
    reload,
    sid,
)

RANGE_MESSAGE = (
    "If querying for a range of dates, both a `start_date` and an `end_date` must be given."
)


def assign(db, task, person) -> None:
    db.execute(task_person_link.insert().values(task_id=task.id, person_id=person.id))


def names(db) -> list[tuple[str, dict]]:
    """Event names and payloads, sorted (events of one request share a timestamp)."""
    return sorted(((event.name, event.data) for event in events(db)), key=repr)


@pytest.fixture()
def task(db):
    row = factories.make_bare_task(db)
    db.commit()
    return row


def test_create_sums_the_task_duration_and_emits_task_and_time_spent_events(admin, db, task):
    person = factories.make_person(db)
    factories.make_time_spent(db, task_id=task.id, person_id=person.id, duration=30.0)
    db.commit()
    body = {"task_id": sid(task), "person_id": sid(person), "date": "2024-05-02", "duration": 90}
    response = admin.post("/data/time-spents", json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert (created["type"], created["date"], created["duration"]) == (
        "TimeSpent",
        "2024-05-02",
        90,
    )
    assert created["task_id"] == sid(task) and created["person_id"] == sid(person)
    assert reload(db, Task, task.id).duration == 120.0
    assert names(db) == [
        ("task:update", {"task_id": sid(task), "project_id": str(task.project_id)}),
        ("time-spent:new", {"time_spent_id": created["id"]}),
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"task_id": None}, "task_id"),
        ({"task_id": str(uuid.uuid4())}, FK_CONFLICT),
        ({"duration": 0}, "The data conflicts with database integrity rules."),
        ({"duration": "long"}, "Field 'duration' must be a number."),
        ({"date": "2024-13-45"}, "Invalid date format for 'date'"),
        ({"task_id": "not-a-uuid"}, "Invalid UUID value for 'task_id'"),
    ],
    ids=["no-task", "unknown-task", "zero-duration", "wrong-type", "bad-date", "bad-uuid"],
)
def test_create_refuses_bad_values(change, message, admin, db, task):
    body = {"task_id": sid(task), "date": "2024-05-02", "duration": 10, **change}
    body = {key: value for key, value in body.items() if value is not None}
    error = assert_error(admin.post("/data/time-spents", json=body), 400)
    assert message in error["message"]
    db.commit()
    assert db.query(TimeSpent).count() == 0
    assert events(db) == []


def test_one_time_spent_per_person_task_and_day(admin, db, task):
    person = factories.make_person(db)
    db.commit()
    body = {"task_id": sid(task), "person_id": sid(person), "date": "2024-05-02", "duration": 5}
    assert admin.post("/data/time-spents", json=body).status_code == 201
    assert_error(admin.post("/data/time-spents", json=body), 400, DUPLICATE)
    assert reload(db, Task, task.id).duration == 5.0


def test_update_recomputes_the_duration(admin, db, task):
    spent = factories.make_time_spent(db, task_id=task.id, duration=10.0)
    factories.make_time_spent(db, task_id=task.id, duration=20.0)
    db.commit()
    response = admin.put(f"/data/time-spents/{spent.id}", json={"duration": 40})
    assert response.status_code == 200 and response.json()["duration"] == 40
    assert reload(db, Task, task.id).duration == 60.0
    assert [name for name, _ in names(db)] == ["task:update", "time-spent:update"]


def test_moving_to_another_task_recomputes_both_tasks(admin, db, task):
    other = factories.make_bare_task(db)
    spent = factories.make_time_spent(db, task_id=task.id, duration=10.0)
    factories.make_time_spent(db, task_id=task.id, duration=5.0)
    db.commit()
    response = admin.put(f"/data/time-spents/{spent.id}", json={"task_id": sid(other)})
    assert response.status_code == 200
    assert reload(db, Task, task.id).duration == 5.0
    assert reload(db, Task, other.id).duration == 10.0
    updated = {data["task_id"] for name, data in names(db) if name == "task:update"}
    assert updated == {sid(task), sid(other)}


def test_update_refuses_an_unknown_or_null_task_and_keeps_durations(admin, db, task):
    spent = factories.make_time_spent(db, task_id=task.id, duration=10.0)
    db.execute(Task.__table__.update().values(duration=10.0))
    db.commit()
    unknown = admin.put(f"/data/time-spents/{spent.id}", json={"task_id": str(uuid.uuid4())})
    assert_error(unknown, 400, FK_CONFLICT)
    assert_error(admin.put(f"/data/time-spents/{spent.id}", json={"task_id": None}), 400)
    assert reload(db, TimeSpent, spent.id).task_id == task.id
    assert reload(db, Task, task.id).duration == 10.0
    assert events(db) == []


def test_admin_deletes_a_time_spent_of_an_assignee(admin, db, task):
    person = factories.make_person(db)
    assign(db, task, person)
    spent = factories.make_time_spent(db, task_id=task.id, person_id=person.id, duration=10.0)
    factories.make_time_spent(db, task_id=task.id, duration=7.0)
    db.commit()
    assert admin.delete(f"/data/time-spents/{spent.id}").status_code == 204
    assert reload(db, TimeSpent, spent.id) is None
    assert reload(db, Task, task.id).duration == 7.0
    assert names(db) == [
        ("task:update", {"task_id": sid(task), "project_id": str(task.project_id)}),
        ("time-spent:delete", {"time_spent_id": sid(spent)}),
    ]


def test_not_even_an_admin_deletes_time_of_someone_not_assigned(admin, db, task):
    spent = factories.make_time_spent(db, task_id=task.id)
    db.commit()
    assert_forbidden(admin.delete(f"/data/time-spents/{spent.id}"))
    assert reload(db, TimeSpent, spent.id) is not None


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_an_assignee_deletes_their_own_time_spent(role, caller, db, task):
    client = caller(role)
    assign(db, task, client.person)
    spent = factories.make_time_spent(db, task_id=task.id, person_id=client.person.id)
    db.commit()
    assert client.delete(f"/data/time-spents/{spent.id}").status_code == 204
    assert reload(db, TimeSpent, spent.id) is None


def test_an_unassigned_person_cannot_delete_their_time_spent(as_role, db, task):
    artist = as_role("user")
    spent = factories.make_time_spent(db, task_id=task.id, person_id=artist.person.id)
    db.commit()
    assert_forbidden(artist.delete(f"/data/time-spents/{spent.id}"))


@pytest.mark.parametrize(
    ("role", "link_role", "in_team", "allowed"),
    [
        ("manager", None, True, True),
        ("manager", None, False, False),
        ("manager", "user", True, False),
        ("user", "manager", True, True),
        ("supervisor", None, True, False),
        ("user", None, True, False),
    ],
)
def test_a_project_manager_deletes_time_of_an_assignee(
    role, link_role, in_team, allowed, as_role, db, task
):
    client = as_role(role)
    other = factories.make_project(db)
    factories.add_to_team(db, other, client.person)  # a manager elsewhere counts for nothing
    if in_team:
        db.execute(
            factories.project_person_link.insert().values(
                project_id=task.project_id, person_id=client.person.id, role=link_role
            )
        )
    worker = factories.make_person(db)
    assign(db, task, worker)
    spent = factories.make_time_spent(db, task_id=task.id, person_id=worker.id)
    db.commit()
    response = client.delete(f"/data/time-spents/{spent.id}")
    if allowed:
        assert response.status_code == 204
    else:
        assert_forbidden(response)
    assert (reload(db, TimeSpent, spent.id) is None) is allowed


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_only_admins_list_read_create_and_update(role, caller, db, task):
    client = caller(role)
    spent = factories.make_time_spent(db, task_id=task.id, person_id=client.person.id)
    db.commit()
    assert_forbidden(client.get("/data/time-spents"))
    assert_forbidden(client.get("/data/time-spents", params={"page": 1}))
    assert_forbidden(client.get(f"/data/time-spents/{spent.id}"))
    body = {"task_id": sid(task), "person_id": sid(client.person), "date": "2024-02-02"}
    assert_forbidden(client.post("/data/time-spents", json={**body, "duration": 1}))
    assert_forbidden(client.put(f"/data/time-spents/{spent.id}", json={"duration": 99}))
    assert reload(db, TimeSpent, spent.id).duration == 60.0
    assert events(db) == []


def test_date_range_filter_is_inclusive(admin, db, task):
    import datetime as dt

    days = [dt.date(2024, 3, day) for day in (1, 2, 3, 4)]
    rows = [factories.make_time_spent(db, task_id=task.id, date=day) for day in days]
    db.commit()
    body = admin.get(
        "/data/time-spents", params={"start_date": "2024-03-02", "end_date": "2024-03-03"}
    ).json()
    assert ids(body) == {sid(rows[1]), sid(rows[2])}
    paged = admin.get(
        "/data/time-spents",
        params={"start_date": "2024-03-02", "end_date": "2024-03-04", "page": 1},
    ).json()
    assert paged["total"] == 3


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start_date": "2024-03-02"}, RANGE_MESSAGE),
        ({"end_date": "2024-03-02"}, RANGE_MESSAGE),
        ({"start_date": "yesterday", "end_date": "2024-03-02"}, "One of the provided values"),
    ],
)
def test_date_range_filter_refusals(params, message, admin):
    error = assert_error(admin.get("/data/time-spents", params=params), 400)
    assert error["message"].startswith(message)


def test_list_query_count_does_not_grow_with_rows(admin, db, task, count_queries):
    def measure(total: int) -> int:
        for _ in range(total - len(admin.get("/data/time-spents").json())):
            factories.make_time_spent(db, task_id=task.id)
        db.commit()
        with count_queries() as counter:
            assert len(admin.get("/data/time-spents").json()) == total
        return counter.count

    assert measure(3) == measure(30)
