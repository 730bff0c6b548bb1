"""Desktop login logs and the last presence they move."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from reeltrack.models import DesktopLoginLog, Person
from tests import factories


def logged_in_as(app, runtime, person) -> TestClient:
    token, _ = runtime.tokens.issue(person.id)
    client = TestClient(app)
    client.headers["Authorization"] = f"Bearer {token}"
    return client


def last_presence(db, person):
    db.commit()
    return db.scalars(
        select(Person.last_presence).where(Person.id == person.id),
        execution_options={"populate_existing": True},
    ).one()


def test_logins_are_recorded_and_listed_latest_first(admin, db):
    person = factories.make_person(db)
    db.commit()
    url = f"/data/persons/{person.id}/desktop-login-logs"
    first = admin.post(url, json={"date": "2031-02-10T08:30:00"})
    assert first.status_code == 201, first.text
    assert first.json()["date"] == "2031-02-10T08:30:00"
    assert first.json()["person_id"] == str(person.id)
    assert last_presence(db, person) == dt.date(2031, 2, 10)
    second = admin.post(url, json={"date": "2031-02-12"})
    assert second.json()["date"] == "2031-02-12T00:00:00"
    assert last_presence(db, person) == dt.date(2031, 2, 12)
    listed = admin.get(url).json()
    assert [row["id"] for row in listed] == [second.json()["id"], first.json()["id"]]


def test_a_later_time_spent_wins_the_last_presence(admin, db):
    person = factories.make_person(db)
    factories.make_time_spent(db, person_id=person.id, date=dt.date(2031, 3, 1))
    db.commit()
    url = f"/data/persons/{person.id}/desktop-login-logs"
    assert admin.post(url, json={"date": "2031-02-10T08:30:00"}).status_code == 201
    assert last_presence(db, person) == dt.date(2031, 3, 1)


def test_no_date_means_now(app, runtime, db):
    person = factories.make_person(db)
    db.commit()
    own = logged_in_as(app, runtime, person)
    created = own.post(f"/data/persons/{person.id}/desktop-login-logs")
    assert created.status_code == 201
    stamp = dt.datetime.fromisoformat(created.json()["date"])
    assert abs(stamp - dt.datetime.now(dt.UTC).replace(tzinfo=None)) < dt.timedelta(minutes=1)
    assert [
        row["id"] for row in own.get(f"/data/persons/{person.id}/desktop-login-logs").json()
    ] == [created.json()["id"]]


def test_bad_input(admin, db):
    person = factories.make_person(db)
    db.commit()
    url = f"/data/persons/{person.id}/desktop-login-logs"
    wrong = admin.post(url, json={"date": "2031-13-45"})
    assert wrong.status_code == 400
    assert wrong.json()["message"] == "Validation error."
    assert admin.get("/data/persons/bad/desktop-login-logs").json()["message"] == "Malformed ID."
    missing = f"/data/persons/{uuid.uuid4()}/desktop-login-logs"
    assert admin.get(missing).status_code == 404
    assert admin.post(missing, json={}).status_code == 404
    db.commit()
    assert db.scalars(select(DesktopLoginLog)).all() == []


@pytest.mark.parametrize(
    ("role", "reads", "writes"),
    [
        ("manager", True, False),
        ("supervisor", False, False),
        ("user", False, False),
        ("client", False, False),
        ("vendor", False, False),
    ],
)
def test_role_matrix(as_role, db, role, reads, writes):
    person = factories.make_person(db)
    db.add(DesktopLoginLog(person_id=person.id, date=dt.datetime(2031, 1, 1, 9)))
    db.commit()
    caller = as_role(role)
    url = f"/data/persons/{person.id}/desktop-login-logs"
    read = caller.get(url)
    assert read.status_code == (200 if reads else 403)
    if reads:
        assert len(read.json()) == 1
    assert caller.post(url, json={}).status_code == (201 if writes else 403)


def test_list_runs_a_fixed_number_of_queries(admin, db, count_queries):
    person = factories.make_person(db)

    def add(count):
        for i in range(count):
            db.add(DesktopLoginLog(person_id=person.id, date=dt.datetime(2031, 1, 1, 9, i)))
        db.commit()

    url = f"/data/persons/{person.id}/desktop-login-logs"
    add(3)
    with count_queries() as few:
        admin.get(url)
    add(27)
    with count_queries() as many:
        assert len(admin.get(url).json()) == 30
    assert few.count == many.count


def test_presence_sheet_marks_login_days(admin, db):
    ann = factories.make_person(db, first_name="Ann", last_name="Lee")
    bob = factories.make_person(db, first_name="Bob", last_name="Ray")
    factories.make_person(db, first_name="Gone", active=False)
    for person, when in (
        (ann, dt.datetime(2031, 2, 3, 9)),
        (ann, dt.datetime(2031, 2, 3, 14)),
        (ann, dt.datetime(2031, 2, 28, 9)),
        (bob, dt.datetime(2031, 3, 3, 9)),  # next month: not on the February sheet
    ):
        db.add(DesktopLoginLog(person_id=person.id, date=when))
    db.commit()
    response = admin.get("/data/persons/presence-logs/2031-02")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "kitsu_export.csv" in response.headers["content-disposition"]
    lines = [line.split(";") for line in response.text.strip().splitlines()]
    assert lines[0] == ["2031", *[str(day) for day in range(1, 29)]]
    rows = {line[0]: line[1:] for line in lines[1:]}
    assert "Gone" not in " ".join(rows)
    assert [i + 1 for i, mark in enumerate(rows["Ann Lee"]) if mark == "X"] == [3, 28]
    assert set(rows["Bob Ray"]) == {""}


@pytest.mark.parametrize("month", ["2031-13", "2031", "nope", "2031-02-01"])
def test_presence_sheet_bad_month(admin, month):
    response = admin.get(f"/data/persons/presence-logs/{month}")
    assert response.status_code == 400
    assert response.json()["message"] == "Invalid month or year."


@pytest.mark.parametrize("role", ["manager", "supervisor", "user", "client", "vendor"])
def test_presence_sheet_is_for_admins(as_role, role):
    assert as_role(role).get("/data/persons/presence-logs/2031-02").status_code == 403
