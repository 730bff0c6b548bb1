"""Days off: owners and admins write, overlaps refused, logged hours dropped, who reads what."""

from __future__ import annotations

import datetime as dt

import pytest

from reeltrack.models import DayOff, Task, TimeSpent
from reeltrack.models.project import project_person_link
from tests import factories
from tests.crud.conftest import NON_ADMIN_ROLES, ROLES
from tests.crud.support import assert_error, assert_forbidden, events, one_event, reload, sid

OVERLAP = "Day off already exists for this period"


def day_off_body(person, start="2030-06-01", end="2030-06-05", **extra):
    return {"person_id": sid(person), "date": start, "end_date": end, **extra}


def count(db, model) -> int:
    db.commit()
    return db.query(model).count()


@pytest.mark.parametrize("role", ROLES)
def test_everyone_creates_their_own_day_off(role, caller, db):
    client = caller(role)
    response = client.post("/data/day-offs", json=day_off_body(client.person, description="Trip"))
    assert response.status_code == 201, response.text
    created = response.json()
    assert (created["type"], created["date"], created["end_date"]) == (
        "DayOff",
        "2030-06-01",
        "2030-06-05",
    )
    assert created["description"] == "Trip" and created["person_id"] == sid(client.person)
    assert one_event(db, "day-off:new").data == {"day_off_id": created["id"]}


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_only_admins_create_a_day_off_for_someone_else(role, caller, admin, db):
    other = factories.make_person(db)
    db.commit()
    assert_forbidden(caller(role).post("/data/day-offs", json=day_off_body(other)))
    assert count(db, DayOff) == 0
    assert admin.post("/data/day-offs", json=day_off_body(other)).status_code == 201


@pytest.mark.parametrize("role", ["admin", "user"])
def test_create_needs_a_person(role, caller, db):
    response = caller(role).post("/data/day-offs", json={"date": "2030-01-01"})
    assert_error(response, 400, "'person_id'")


@pytest.mark.parametrize(
    ("start", "end", "overlaps"),
    [
        ("2030-06-05", "2030-06-09", True),
        ("2030-05-28", "2030-06-01", True),
        ("2030-06-02", "2030-06-03", True),
        ("2030-05-20", "2030-06-20", True),
        ("2030-06-06", "2030-06-09", False),
        ("2030-05-25", "2030-05-31", False),
    ],
)
def test_overlapping_periods_are_refused(start, end, overlaps, admin, db):
    person = factories.make_person(db)
    factories.make_day_off(
        db, person_id=person.id, date=dt.date(2030, 6, 1), end_date=dt.date(2030, 6, 5)
    )
    db.commit()
    response = admin.post("/data/day-offs", json=day_off_body(person, start, end))
    if overlaps:
        assert_error(response, 400, OVERLAP)
        assert count(db, DayOff) == 1
    else:
        assert response.status_code == 201


def test_another_persons_leave_does_not_overlap(admin, db):
    factories.make_day_off(db, date=dt.date(2030, 6, 1), end_date=dt.date(2030, 6, 5))
    person = factories.make_person(db)
    db.commit()
    assert admin.post("/data/day-offs", json=day_off_body(person)).status_code == 201


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"end_date": "2030-05-01"}, "The data conflicts with database integrity rules."),
        ({"date": "first of june"}, "Invalid date format for 'date'"),
        ({"person_id": "someone"}, "Invalid UUID value for 'person_id'"),
        ({"description": ["list"]}, "Field 'description' must be a string."),
    ],
)
def test_create_refuses_bad_values(change, message, admin, db):
    person = factories.make_person(db)
    db.commit()
    error = assert_error(admin.post("/data/day-offs", json={**day_off_body(person), **change}), 400)
    assert error["message"].startswith(message)
    assert count(db, DayOff) == 0


def test_a_new_day_off_drops_the_hours_logged_during_it(as_role, db):
    artist = as_role("user")
    task = factories.make_bare_task(db)
    inside = [
        factories.make_time_spent(db, task_id=task.id, person_id=artist.person.id, date=day)
        for day in (dt.date(2030, 6, 1), dt.date(2030, 6, 5))
    ]
    outside = factories.make_time_spent(
        db, task_id=task.id, person_id=artist.person.id, date=dt.date(2030, 6, 6)
    )
    colleague = factories.make_time_spent(db, task_id=task.id, date=dt.date(2030, 6, 3))
    db.commit()
    assert artist.post("/data/day-offs", json=day_off_body(artist.person)).status_code == 201
    assert all(reload(db, TimeSpent, row.id) is None for row in inside)
    assert reload(db, TimeSpent, outside.id) is not None
    assert reload(db, TimeSpent, colleague.id) is not None
    assert reload(db, Task, task.id).duration == 120.0
    assert one_event(db, "task:update").data["task_id"] == sid(task)


def test_moving_a_day_off_drops_the_hours_of_its_new_period(as_role, db):
    artist = as_role("user")
    day_off = factories.make_day_off(
        db, person_id=artist.person.id, date=dt.date(2030, 1, 1), end_date=dt.date(2030, 1, 1)
    )
    spent = factories.make_time_spent(db, person_id=artist.person.id, date=dt.date(2030, 2, 2))
    db.commit()
    response = artist.put(
        f"/data/day-offs/{day_off.id}", json={"date": "2030-02-01", "end_date": "2030-02-03"}
    )
    assert response.status_code == 200
    assert reload(db, TimeSpent, spent.id) is None
    assert reload(db, DayOff, day_off.id).end_date == dt.date(2030, 2, 3)


def test_update_checks_overlaps_with_the_other_days_off_only(as_role, db):
    artist = as_role("user")
    mine = factories.make_day_off(
        db, person_id=artist.person.id, date=dt.date(2030, 1, 1), end_date=dt.date(2030, 1, 3)
    )
    factories.make_day_off(
        db, person_id=artist.person.id, date=dt.date(2030, 1, 10), end_date=dt.date(2030, 1, 12)
    )
    db.commit()
    grown = artist.put(f"/data/day-offs/{mine.id}", json={"end_date": "2030-01-05"})
    assert grown.status_code == 200 and grown.json()["end_date"] == "2030-01-05"
    clash = artist.put(f"/data/day-offs/{mine.id}", json={"end_date": "2030-01-10"})
    assert_error(clash, 400, OVERLAP)
    assert reload(db, DayOff, mine.id).end_date == dt.date(2030, 1, 5)


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_owners_update_and_delete_their_day_off_others_cannot(role, caller, db):
    client = caller(role)
    mine = factories.make_day_off(db, person_id=client.person.id)
    theirs = factories.make_day_off(db)
    db.commit()
    updated = client.put(f"/data/day-offs/{mine.id}", json={"description": "Moved"})
    assert updated.status_code == 200 and updated.json()["description"] == "Moved"
    assert_forbidden(client.put(f"/data/day-offs/{theirs.id}", json={"description": "Mine"}))
    assert_forbidden(client.delete(f"/data/day-offs/{theirs.id}"))
    assert reload(db, DayOff, theirs.id).description == "Holidays"
    assert client.delete(f"/data/day-offs/{mine.id}").status_code == 204
    assert reload(db, DayOff, mine.id) is None
    assert sorted(event.name for event in events(db)) == ["day-off:delete", "day-off:update"]


def test_only_admins_give_a_day_off_to_someone_else(as_role, admin, db):
    artist = as_role("user")
    other = factories.make_person(db)
    day_off = factories.make_day_off(db, person_id=artist.person.id)
    db.commit()
    moved = {"person_id": sid(other)}
    assert_forbidden(artist.put(f"/data/day-offs/{day_off.id}", json=moved))
    assert reload(db, DayOff, day_off.id).person_id == artist.person.id
    same = artist.put(f"/data/day-offs/{day_off.id}", json={"person_id": sid(artist.person)})
    assert same.status_code == 200
    assert admin.put(f"/data/day-offs/{day_off.id}", json=moved).json()["person_id"] == sid(other)


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_only_admins_list_days_off(role, caller, admin, db):
    client = caller(role)
    factories.make_day_off(db, person_id=client.person.id)
    db.commit()
    assert_forbidden(client.get("/data/day-offs"))
    assert_forbidden(client.get("/data/day-offs", params={"person_id": sid(client.person)}))
    assert len(admin.get("/data/day-offs").json()) == 1


# ---------------------------------------------------------------- reading one day off


def _join(db, project, person, role=None) -> None:
    db.execute(
        project_person_link.insert().values(project_id=project.id, person_id=person.id, role=role)
    )


@pytest.fixture()
def leave(db):
    """A day off of a worker on a production, with a description."""
    worker = factories.make_person(db)
    project = factories.make_project(db, team=[worker])
    day_off = factories.make_day_off(db, person_id=worker.id, description="Doctor")
    db.commit()
    return {"worker": worker, "project": project, "day_off": day_off}


@pytest.mark.parametrize(
    ("role", "link_role", "shared", "expected"),
    [
        ("manager", None, True, "full"),
        ("manager", None, False, "denied"),
        ("user", "manager", True, "full"),
        ("manager", "user", True, "denied"),
        ("supervisor", None, True, "dates"),
        ("supervisor", None, False, "denied"),
        ("user", "supervisor", True, "dates"),
        ("user", None, True, "denied"),
        ("client", None, True, "denied"),
        ("vendor", None, True, "denied"),
    ],
)
def test_who_reads_a_day_off(role, link_role, shared, expected, as_role, db, leave):
    reader = as_role(role)
    project = leave["project"] if shared else factories.make_project(db)
    _join(db, project, reader.person, link_role)
    db.commit()
    response = reader.get(f"/data/day-offs/{leave['day_off'].id}")
    if expected == "denied":
        assert_forbidden(response)
        return
    body = response.json()
    assert body["id"] == sid(leave["day_off"]) and body["date"] == leave["day_off"].date.isoformat()
    if expected == "full":
        assert body["description"] == "Doctor"
    else:
        assert "description" not in body


@pytest.mark.parametrize("role", ["admin", "user", "vendor"])
def test_admins_and_the_person_read_the_whole_day_off(role, caller, db):
    client = caller(role)
    day_off = factories.make_day_off(db, person_id=client.person.id, description="Mine")
    db.commit()
    assert client.get(f"/data/day-offs/{day_off.id}").json()["description"] == "Mine"


def test_a_supervisor_with_departments_reads_only_their_departments(as_role, db, leave):
    supervisor = as_role("supervisor")
    _join(db, leave["project"], supervisor.person)
    lighting, modeling = factories.make_department(db), factories.make_department(db)
    factories.add_to_department(db, supervisor.person, lighting)
    factories.add_to_department(db, leave["worker"], modeling)
    db.commit()
    url = f"/data/day-offs/{leave['day_off'].id}"
    assert_forbidden(supervisor.get(url))
    factories.add_to_department(db, leave["worker"], lighting)
    db.commit()
    body = supervisor.get(url).json()
    assert body["id"] == sid(leave["day_off"]) and "description" not in body


def test_list_query_count_does_not_grow_with_rows(admin, db, count_queries):
    def measure(total: int) -> int:
        for _ in range(total - len(admin.get("/data/day-offs").json())):
            factories.make_day_off(db)
        db.commit()
        with count_queries() as counter:
            assert len(admin.get("/data/day-offs").json()) == total
        return counter.count

    assert measure(3) == measure(30)
