"""The caller's time spents, days off and desktop login logs."""

from __future__ import annotations

import datetime as dt

import pytest

from reeltrack.models import DesktopLoginLog, Person
from tests import factories as f
from tests.crud.support import assert_error, events


def test_time_spents_of_a_day_are_the_callers_only(as_role, db) -> None:
    artist = as_role("user")
    day = dt.date(2026, 3, 4)
    mine = f.make_time_spent(db, person_id=artist.person.id, date=day, duration=120)
    f.make_time_spent(db, person_id=artist.person.id, date=dt.date(2026, 3, 5))
    f.make_time_spent(db, date=day)
    db.commit()

    response = artist.get("/data/user/time-spents/2026-03-04")

    assert response.status_code == 200
    rows = response.json()
    assert [row["id"] for row in rows] == [str(mine.id)]
    assert rows[0]["type"] == "TimeSpent"
    assert rows[0]["duration"] == 120
    assert rows[0]["date"] == "2026-03-04"


def test_time_spents_range_adds_project_and_task_type(as_role, db) -> None:
    artist = as_role("user")
    task = f.make_task(db)
    inside = f.make_time_spent(
        db, person_id=artist.person.id, task_id=task.id, date=dt.date(2026, 3, 4)
    )
    f.make_time_spent(db, person_id=artist.person.id, task_id=task.id, date=dt.date(2026, 4, 4))
    f.make_time_spent(db, task_id=task.id, date=dt.date(2026, 3, 4))
    db.commit()

    response = artist.get("/data/user/time-spents?start_date=2026-03-01&end_date=2026-03-31")

    rows = response.json()
    assert [row["id"] for row in rows] == [str(inside.id)]
    assert rows[0]["project_id"] == str(task.project_id)
    assert rows[0]["task_type_id"] == str(task.task_type_id)


def test_time_spents_without_dates_is_empty_as_in_zou(as_role, db) -> None:
    artist = as_role("user")
    f.make_time_spent(db, person_id=artist.person.id)
    db.commit()
    assert artist.get("/data/user/time-spents").json() == []


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/data/user/time-spents?start_date=2026-01-01", None),
        ("/data/user/time-spents?start_date=2026-13-45&end_date=2026-01-02", None),
        ("/data/user/time-spents/2026-13-45", "Wrong date format."),
        ("/data/user/day-offs/not-a-date", "Wrong date format."),
        ("/data/user/tasks/nope/time-spents/2026-01-01", "Malformed ID."),
    ],
)
def test_bad_dates_and_ids_are_400(as_role, path: str, message: str | None) -> None:
    assert_error(as_role("user").get(path), 400, message)


def test_task_time_spent_of_a_day(as_role, db) -> None:
    artist = as_role("user")
    task = f.make_task(db)
    row = f.make_time_spent(
        db, person_id=artist.person.id, task_id=task.id, date=dt.date(2026, 5, 6)
    )
    f.make_time_spent(db, task_id=task.id, date=dt.date(2026, 5, 7))
    db.commit()

    found = artist.get(f"/data/user/tasks/{task.id}/time-spents/2026-05-06")
    assert found.json()["id"] == str(row.id)
    missing = artist.get(f"/data/user/tasks/{task.id}/time-spents/2026-05-07")
    assert missing.status_code == 200
    assert missing.json() is None


def test_day_off_covering_a_day(as_role, db) -> None:
    artist = as_role("user")
    mine = f.make_day_off(
        db, person_id=artist.person.id, date=dt.date(2026, 7, 1), end_date=dt.date(2026, 7, 10)
    )
    f.make_day_off(db, date=dt.date(2026, 8, 1), end_date=dt.date(2026, 8, 2))
    db.commit()

    assert artist.get("/data/user/day-offs/2026-07-05").json()["id"] == str(mine.id)
    assert artist.get("/data/user/day-offs/2026-07-11").json() == {}
    assert artist.get("/data/user/day-offs/2026-08-01").json() == {}


def test_desktop_login_logs(as_role, db) -> None:
    artist = as_role("user")
    other = f.make_person(db)
    db.add(DesktopLoginLog(person_id=other.id, date=dt.datetime(2026, 1, 1)))
    db.commit()

    first = artist.post("/data/user/desktop-login-logs", json={"date": "2026-02-03T10:11:12"})
    assert first.status_code == 201
    assert first.json()["date"] == "2026-02-03T10:11:12"
    assert first.json()["person_id"] == str(artist.person.id)
    second = artist.post("/data/user/desktop-login-logs")
    assert second.status_code == 201

    rows = artist.get("/data/user/desktop-login-logs").json()
    assert [row["id"] for row in rows] == [second.json()["id"], first.json()["id"]]
    db.expire_all()
    assert db.get(Person, artist.person.id).last_presence == dt.datetime.now(dt.UTC).date()
    assert len(events(db, "person:update")) == 2
    bad = artist.post("/data/user/desktop-login-logs", json={"date": "yesterday"})
    assert_error(bad, 400, "Wrong date format.")


def test_user_time_routes_need_a_token(client) -> None:
    assert client.get("/data/user/desktop-login-logs").status_code == 401
    assert client.get("/data/user/day-offs/2026-01-01").status_code == 401
