"""Time spent per person (rows, ranges, periods by task) and the studio time tables."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from tests import factories
from tests.crud.support import FORBIDDEN

D = dt.date


@pytest.fixture()
def logged(db):
    """An artist logs time on two productions; another artist on the first one."""
    artist = factories.make_person(db, role="user")
    other = factories.make_person(db, role="user")
    department = factories.make_department(db)
    modeling = factories.make_task_type(db, department_id=department.id)
    first = factories.make_project(db, name="Alpha")
    second = factories.make_project(db, name="Beta")
    shot_a = factories.make_entity(db, project=first, name="A1")
    shot_b = factories.make_entity(db, project=second, name="B1")
    task_a = factories.make_task(db, shot_a, task_type_id=modeling.id)
    task_b = factories.make_task(db, shot_b)
    rows = {
        "a1": factories.make_time_spent(
            db, task_id=task_a.id, person_id=artist.id, date=D(2031, 2, 10), duration=60.0
        ),
        "a2": factories.make_time_spent(
            db, task_id=task_a.id, person_id=artist.id, date=D(2031, 2, 11), duration=30.0
        ),
        "b1": factories.make_time_spent(
            db, task_id=task_b.id, person_id=artist.id, date=D(2031, 3, 3), duration=120.0
        ),
        "o1": factories.make_time_spent(
            db, task_id=task_a.id, person_id=other.id, date=D(2031, 2, 10), duration=15.0
        ),
    }
    db.commit()
    return {
        "artist": artist,
        "other": other,
        "department": department,
        "projects": (first, second),
        "tasks": (task_a, task_b),
        "rows": rows,
    }


def test_rows_dates_and_ranges(admin, logged):
    artist, rows = logged["artist"], logged["rows"]
    base = f"/data/persons/{artist.id}/time-spents"
    everything = admin.get(base)
    assert [row["id"] for row in everything.json()] == [
        str(rows[key].id) for key in ("a1", "a2", "b1")
    ]
    one_day = admin.get(f"{base}/2031-02-11").json()
    assert [(row["id"], row["duration"]) for row in one_day] == [(str(rows["a2"].id), 30.0)]
    assert admin.get(f"{base}/2031-02-12").json() == []
    ranged = admin.get(base, params={"start_date": "2031-02-11", "end_date": "2031-03-03"}).json()
    assert [row["id"] for row in ranged] == [str(rows["a2"].id), str(rows["b1"].id)]
    first, second = logged["projects"]
    assert ranged[1]["project_id"] == str(second.id)
    assert ranged[1]["task_type_id"] == str(logged["tasks"][1].task_type_id)


def test_bad_dates_and_ranges(admin, logged):
    base = f"/data/persons/{logged['artist'].id}/time-spents"
    half = admin.get(base, params={"start_date": "2031-02-11"})
    assert half.status_code == 400
    assert "both a `start_date` and an `end_date`" in half.json()["message"]
    wrong = admin.get(base, params={"start_date": "2031-02-11", "end_date": "2031-14-01"})
    assert wrong.status_code == 400
    assert wrong.json()["message"] == "Wrong date format for 2031-02-11 and/or 2031-14-01"
    for path in ("2031-13-45", "week/2031/54", "day/2031/2/30", "month/2031/13", "year/x"):
        response = admin.get(f"{base}/{path}")
        assert response.status_code == 400, path
        assert response.json()["message"] in ("Invalid month or year.", "Invalid date format.")
    assert admin.get(f"/data/persons/{uuid.uuid4()}/time-spents").status_code == 404
    assert admin.get("/data/persons/nope/time-spents").json()["message"] == "Malformed ID."
    assert admin.get(f"{base}/year/2031", params={"project_id": "bad"}).status_code == 400


def test_periods_sum_time_per_task(admin, logged):
    artist = logged["artist"]
    task_a, task_b = logged["tasks"]
    first, second = logged["projects"]
    base = f"/data/persons/{artist.id}/time-spents"
    year = admin.get(f"{base}/year/2031").json()
    assert [(row["task_id"], row["duration"]) for row in year] == [
        (str(task_a.id), 90.0),
        (str(task_b.id), 120.0),
    ]
    assert year[0]["project_name"] == "Alpha"
    assert year[0]["entity_name"] == "A1"
    assert set(year[0]) == {
        "task_id",
        "task_type_id",
        "project_id",
        "project_name",
        "entity_name",
        "entity_type_name",
        "sequence_name",
        "episode_name",
        "duration",
    }
    month = admin.get(f"{base}/month/2031/2").json()
    assert [(row["task_id"], row["duration"]) for row in month] == [(str(task_a.id), 90.0)]
    week = admin.get(f"{base}/week/2031/7").json()  # 10-16 February
    assert [row["duration"] for row in week] == [90.0]
    day = admin.get(f"{base}/day/2031/2/11").json()
    assert [row["duration"] for row in day] == [30.0]
    only = admin.get(f"{base}/year/2031", params={"project_id": str(second.id)}).json()
    assert [row["task_id"] for row in only] == [str(task_b.id)]


def test_who_may_read_someone_elses_time(as_role, db, logged):
    artist = logged["artist"]
    first, second = logged["projects"]
    url = f"/data/persons/{artist.id}/time-spents/year/2031"
    for role in ("user", "client", "vendor"):
        response = as_role(role).get(url)
        assert response.status_code == 403
        assert response.json()["message"] == FORBIDDEN
    manager = as_role("manager")
    assert manager.get(url).json() == []  # in no production
    factories.add_to_team(db, first, manager.person)
    db.commit()
    assert [row["project_id"] for row in manager.get(url).json()] == [str(first.id)]
    forbidden = manager.get(url, params={"project_id": str(second.id)})
    assert forbidden.status_code == 403
    rows = manager.get(f"/data/persons/{artist.id}/time-spents").json()
    assert {row["id"] for row in rows} == {
        str(logged["rows"]["a1"].id),
        str(logged["rows"]["a2"].id),
    }
    supervisor = as_role("supervisor")
    factories.add_to_team(db, first, supervisor.person)
    factories.add_to_team(db, second, supervisor.person)
    factories.add_to_department(db, supervisor.person, logged["department"])
    db.commit()
    # Only the modeling task belongs to the supervisor's department.
    assert [row["task_id"] for row in supervisor.get(url).json()] == [str(logged["tasks"][0].id)]


def test_a_person_reads_their_own_time(app, runtime, logged):
    from fastapi.testclient import TestClient

    artist = logged["artist"]
    token, _ = runtime.tokens.issue(artist.id)
    own = TestClient(app)
    own.headers["Authorization"] = f"Bearer {token}"
    assert len(own.get(f"/data/persons/{artist.id}/time-spents/year/2031").json()) == 2
    assert own.get(f"/data/persons/{logged['other'].id}/time-spents").status_code == 403
    # An artist's tables only hold their own time.
    table = own.get("/data/persons/time-spents/month-table/2031").json()
    assert table == {"2": {str(artist.id): 90.0}, "3": {str(artist.id): 120.0}}


def test_bots_have_no_time_reports(admin, db):
    bot = factories.make_person(db, is_bot=True)
    db.commit()
    assert admin.get(f"/data/persons/{bot.id}/time-spents").status_code == 403


def test_studio_tables(admin, logged):
    artist, other = str(logged["artist"].id), str(logged["other"].id)
    day = admin.get("/data/persons/time-spents/day-table/2031/2").json()
    assert day == {"10": {artist: 60.0, other: 15.0}, "11": {artist: 30.0}}
    week = admin.get("/data/persons/time-spents/week-table/2031").json()
    assert week == {"7": {artist: 90.0, other: 15.0}, "10": {artist: 120.0}}
    month = admin.get("/data/persons/time-spents/month-table/2031").json()
    assert month == {"2": {artist: 90.0, other: 15.0}, "3": {artist: 120.0}}
    assert admin.get("/data/persons/time-spents/month-table/2030").json() == {}
    year = admin.get("/data/persons/time-spents/year-table").json()
    assert year == {"2031": {artist: 210.0, other: 15.0}}
    first, second = logged["projects"]
    only = admin.get(
        "/data/persons/time-spents/month-table/2031", params={"project_id": str(second.id)}
    ).json()
    assert only == {"3": {artist: 120.0}}
    modeling = admin.get(
        "/data/persons/time-spents/year-table",
        params={"department_id": str(logged["department"].id)},
    ).json()
    assert modeling == {"2031": {artist: 90.0, other: 15.0}}
    for path in ("day-table/2031/13", "day-table/x/1", "week-table/abc", "month-table/y"):
        response = admin.get(f"/data/persons/time-spents/{path}")
        assert response.status_code == 400
        assert response.json()["message"] == "Invalid month or year."


def test_leads_tables_cover_their_productions(as_role, db, logged):
    artist, other = str(logged["artist"].id), str(logged["other"].id)
    first, second = logged["projects"]
    manager = as_role("manager")
    factories.add_to_team(db, second, manager.person)
    db.commit()
    assert manager.get("/data/persons/time-spents/year-table").json() == {"2031": {artist: 120.0}}
    outside = manager.get(
        "/data/persons/time-spents/year-table", params={"project_id": str(first.id)}
    )
    assert outside.status_code == 403
    supervisor = as_role("supervisor")
    factories.add_to_team(db, first, supervisor.person)
    db.commit()
    refused = supervisor.get(
        "/data/persons/time-spents/year-table",
        params={"department_id": str(logged["department"].id)},
    )
    assert refused.status_code == 400
    assert refused.json()["message"] == "Supervisor not allowed to access this department"
    assert supervisor.get("/data/persons/time-spents/year-table").json() == {
        "2031": {artist: 90.0, other: 15.0}
    }


def test_reports_run_a_fixed_number_of_queries(admin, db, logged, count_queries):
    artist = logged["artist"]
    task_a, _ = logged["tasks"]

    def add(first, count):
        for i in range(first, first + count):
            task = factories.make_task(db, factories.make_entity(db, project=logged["projects"][0]))
            factories.make_time_spent(
                db, task_id=task.id, person_id=artist.id, date=D(2031, 4, 1) + dt.timedelta(i)
            )
        db.commit()

    urls = (
        f"/data/persons/{artist.id}/time-spents",
        f"/data/persons/{artist.id}/time-spents/year/2031",
        "/data/persons/time-spents/month-table/2031",
    )

    def counts():
        result = []
        for url in urls:
            with count_queries() as counter:
                assert admin.get(url).status_code == 200
            result.append(counter.count)
        return result

    add(0, 3)
    few = counts()
    add(3, 27)
    assert len(admin.get(urls[1]).json()) == 32
    assert counts() == few


def test_month_all_lists_rows_for_self_and_admins(admin, as_role, app, runtime, logged):
    from fastapi.testclient import TestClient

    artist, rows = logged["artist"], logged["rows"]
    url = f"/data/persons/{artist.id}/time-spents/month/all/2031/2"
    assert [row["id"] for row in admin.get(url).json()] == [
        str(rows["a1"].id),
        str(rows["a2"].id),
    ]
    token, _ = runtime.tokens.issue(artist.id)
    own = TestClient(app)
    own.headers["Authorization"] = f"Bearer {token}"
    assert len(own.get(url).json()) == 2
    for role in ("manager", "supervisor", "user", "client", "vendor"):
        assert as_role(role).get(url).status_code == 403
    bad = admin.get(f"/data/persons/{artist.id}/time-spents/month/all/2031/13")
    assert bad.status_code == 400
    assert bad.json()["message"] == "Invalid month or year."


def test_tables_filter_on_a_studio(admin, db, logged):
    studio = factories.make_studio(db)
    db.get(type(logged["other"]), logged["other"].id).studio_id = studio.id
    db.commit()
    table = admin.get(
        "/data/persons/time-spents/year-table", params={"studio_id": str(studio.id)}
    ).json()
    assert table == {"2031": {str(logged["other"].id): 15.0}}
    assert (
        admin.get("/data/persons/time-spents/year-table", params={"studio_id": "x"}).status_code
        == 400
    )


def test_a_day_given_with_a_time_is_read_as_that_day(admin, logged):
    base = f"/data/persons/{logged['artist'].id}/time-spents"
    assert len(admin.get(f"{base}/2031-02-11T10:00:00").json()) == 1
    assert admin.get(f"{base}/2031-02-11junk").status_code == 400
