"""Shot quotas of a person: weighted by logged time or by working days, or raw counts."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from tests import factories

T = dt.datetime


@pytest.fixture()
def quota(db):
    artist = factories.make_person(db, role="user")
    project = factories.make_project(db)
    sequence = factories.make_entity(db, project=project, type_name="Sequence", name="SQ01")
    shots = {
        name: factories.make_entity(
            db, project=project, type_name="Shot", name=name, parent_id=sequence.id
        )
        for name in ("SH01", "SH02", "SH03")
    }
    asset_task = factories.make_task(db, assignees=[artist], end_date=T(2031, 2, 5, 10))
    logged = factories.make_task(
        db, shots["SH01"], assignees=[artist], duration=120.0, end_date=T(2031, 2, 20, 10)
    )
    factories.make_time_spent(
        db, task_id=logged.id, person_id=artist.id, date=dt.date(2031, 2, 10), duration=60.0
    )
    factories.make_time_spent(
        db, task_id=logged.id, person_id=artist.id, date=dt.date(2031, 2, 11), duration=30.0
    )
    inside = factories.make_task(
        db,
        shots["SH02"],
        assignees=[artist],
        real_start_date=T(2031, 2, 3, 9),
        end_date=T(2031, 2, 7, 18),
    )
    straddling = factories.make_task(
        db,
        shots["SH03"],
        assignees=[artist],
        real_start_date=T(2031, 1, 27, 9),
        end_date=T(2031, 2, 4, 9),
    )
    db.commit()
    return {"artist": artist, "project": project, "tasks": (logged, inside, straddling, asset_task)}


@pytest.fixture()
def utc_admin(as_role):
    return as_role("admin", timezone="UTC")


def weights(response) -> list[tuple[str, float]]:
    assert response.status_code == 200, response.text
    return [(shot["full_name"], shot["weight"]) for shot in response.json()]


def test_weighted_month(utc_admin, quota):
    url = f"/data/persons/{quota['artist'].id}/quota-shots/month/2031/2"
    assert weights(utc_admin.get(url)) == [
        ("SQ01 / SH01", 0.75),  # 60/120 + 30/120 of logged time
        ("SQ01 / SH02", 1.0),  # worked and finished within the month
        ("SQ01 / SH03", 0.43),  # 3 of its 7 working days fall in February
    ]
    shot = utc_admin.get(url).json()[0]
    assert shot["type"] == "Entity"
    assert shot["project_id"] == str(quota["project"].id)


def test_raw_counts_and_done_modes(utc_admin, db, quota):
    url = f"/data/persons/{quota['artist'].id}/quota-shots/month/2031/2"
    raw = weights(utc_admin.get(url, params={"count_mode": "feedback"}))
    assert raw == [("SQ01 / SH01", 1), ("SQ01 / SH02", 1), ("SQ01 / SH03", 1)]
    assert utc_admin.get(url, params={"count_mode": "done"}).json() == []
    assert utc_admin.get(url, params={"count_mode": "weighteddone"}).json() == []
    logged = quota["tasks"][0]
    db.get(type(logged), logged.id).done_date = T(2031, 2, 21)
    db.commit()
    assert weights(utc_admin.get(url, params={"count_mode": "done"})) == [("SQ01 / SH01", 1)]
    bad = utc_admin.get(url, params={"count_mode": "fast"})
    assert bad.status_code == 400
    assert bad.json()["message"].startswith("count_mode must be equal to weighted")


def test_week_and_day_periods(utc_admin, quota):
    base = f"/data/persons/{quota['artist'].id}/quota-shots"
    # ISO week 7 of 2031 (10-16 February) holds the logged days only.
    assert weights(utc_admin.get(f"{base}/week/2031/7")) == [("SQ01 / SH01", 0.75)]
    assert weights(utc_admin.get(f"{base}/day/2031/2/11")) == [("SQ01 / SH01", 0.25)]
    for path in ("week/2031/60", "day/2031/2/30", "month/2031/0"):
        response = utc_admin.get(f"{base}/{path}")
        assert response.status_code == 400
        assert response.json()["message"] == "Invalid month or year."


def test_filters_on_production_and_task_type(utc_admin, quota):
    url = f"/data/persons/{quota['artist'].id}/quota-shots/month/2031/2"
    other = uuid.uuid4()
    assert utc_admin.get(url, params={"project_id": str(other)}).json() == []
    logged = quota["tasks"][0]
    only = utc_admin.get(url, params={"task_type_id": str(logged.task_type_id)})
    assert weights(only) == [("SQ01 / SH01", 0.75)]
    assert utc_admin.get(url, params={"project_id": "bad"}).status_code == 400


def test_who_may_read_quotas(as_role, app, runtime, db, quota):
    from fastapi.testclient import TestClient

    artist, project = quota["artist"], quota["project"]
    url = f"/data/persons/{artist.id}/quota-shots/month/2031/2"
    token, _ = runtime.tokens.issue(artist.id)
    own = TestClient(app)
    own.headers["Authorization"] = f"Bearer {token}"
    assert len(own.get(url).json()) == 3
    for role in ("manager", "supervisor", "user", "client", "vendor"):
        caller = as_role(role)
        assert caller.get(url).status_code == 403
        assert caller.get(url, params={"project_id": str(project.id)}).status_code == 403
    lead = as_role("supervisor")
    factories.add_to_team(db, project, lead.person)
    db.commit()
    assert len(lead.get(url, params={"project_id": str(project.id)}).json()) == 3
    assert lead.get(url).status_code == 403
    bot = factories.make_person(db, is_bot=True)
    db.commit()
    assert own.get(f"/data/persons/{bot.id}/quota-shots/month/2031/2").status_code == 403
    assert own.get(f"/data/persons/{uuid.uuid4()}/quota-shots/month/2031/2").status_code == 404


def test_the_callers_timezone_shifts_the_period(as_role, utc_admin, db, quota):
    artist, project = quota["artist"], quota["project"]
    late = factories.make_entity(db, project=project, type_name="Shot", name="LATE")
    factories.make_task(db, late, assignees=[artist], end_date=T(2031, 3, 1, 2))
    db.commit()
    url = f"/data/persons/{artist.id}/quota-shots/month/2031/2"
    # 2:00 UTC on 1 March is still February's last evening in New York, not in UTC.
    new_york = as_role("admin", timezone="America/New_York")
    names = [
        shot["full_name"] for shot in new_york.get(url, params={"count_mode": "feedback"}).json()
    ]
    assert "LATE" in names
    names = [
        shot["full_name"] for shot in utc_admin.get(url, params={"count_mode": "feedback"}).json()
    ]
    assert "LATE" not in names


def test_quotas_run_a_fixed_number_of_queries(utc_admin, db, quota, count_queries):
    artist, project = quota["artist"], quota["project"]
    url = f"/data/persons/{artist.id}/quota-shots/month/2031/2"

    def add(count):
        for _ in range(count):
            shot = factories.make_entity(db, project=project, type_name="Shot")
            task = factories.make_task(
                db, shot, assignees=[artist], duration=60.0, end_date=T(2031, 2, 25)
            )
            factories.make_time_spent(
                db, task_id=task.id, person_id=artist.id, date=dt.date(2031, 2, 14)
            )
        db.commit()

    add(3)
    with count_queries() as few:
        assert utc_admin.get(url).status_code == 200
    add(27)
    with count_queries() as many:
        assert len(utc_admin.get(url).json()) == 33
    assert few.count == many.count
