"""Days off by person and period, and the studio-wide lists."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from tests import factories
from tests.crud.support import FORBIDDEN, NOT_FOUND

D = dt.date


@pytest.fixture()
def leave(db):
    """An artist with three days off in 2031: early January, mid February, late December."""
    artist = factories.make_person(db, role="user", first_name="Art")
    rows = [
        factories.make_day_off(db, person_id=artist.id, date=D(2031, 1, 2), end_date=D(2031, 1, 3)),
        factories.make_day_off(
            db,
            person_id=artist.id,
            date=D(2031, 2, 10),
            end_date=D(2031, 2, 12),
            description="Trip",
        ),
        factories.make_day_off(
            db, person_id=artist.id, date=D(2031, 12, 30), end_date=D(2032, 1, 2)
        ),
    ]
    db.commit()
    return artist, rows


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [row["id"] for row in response.json()]


def test_periods_select_overlapping_days_off(admin, leave):
    artist, (jan, feb, dec) = leave
    base = f"/data/persons/{artist.id}/day-offs"
    assert ids(admin.get(base)) == [str(jan.id), str(feb.id), str(dec.id)]
    assert ids(admin.get(f"{base}/year/2031")) == [str(jan.id), str(feb.id), str(dec.id)]
    assert ids(admin.get(f"{base}/year/2032")) == [str(dec.id)]
    assert ids(admin.get(f"{base}/month/2031/2")) == [str(feb.id)]
    assert ids(admin.get(f"{base}/month/2031/3")) == []
    # ISO week 7 of 2031 runs from Monday 10 to Sunday 16 February.
    assert ids(admin.get(f"{base}/week/2031/7")) == [str(feb.id)]
    assert ids(admin.get(f"{base}/week/2031/8")) == []
    one = admin.get(f"{base}/2031-02-11")
    assert one.status_code == 200
    assert one.json()["id"] == str(feb.id)
    assert one.json()["description"] == "Trip"
    assert one.json()["date"] == "2031-02-10"
    assert admin.get(f"{base}/2031-02-13").json() == {}


@pytest.mark.parametrize(
    "path",
    [
        "week/2031/54",
        "week/2031/0",
        "week/abc/2",
        "month/2031/13",
        "month/2031/0",
        "year/99999",
        "year/nope",
        "2031-13-45",
        "not-a-date",
    ],
)
def test_bad_periods_are_400(admin, leave, path):
    artist, _ = leave
    response = admin.get(f"/data/persons/{artist.id}/day-offs/{path}")
    assert response.status_code == 400
    assert response.json()["message"] == "Invalid date format."


def test_unknown_bad_and_bot_persons(admin, db):
    assert admin.get(f"/data/persons/{uuid.uuid4()}/day-offs").json()["message"] == NOT_FOUND
    bad = admin.get("/data/persons/bad/day-offs/year/2031")
    assert bad.status_code == 400
    assert bad.json()["message"] == "Malformed ID."
    bot = factories.make_person(db, is_bot=True)
    db.commit()
    assert admin.get(f"/data/persons/{bot.id}/day-offs").status_code == 403


def test_a_person_reads_their_own_leave(as_role, leave):
    artist, (jan, feb, dec) = leave
    token_client = as_role("user")
    # Someone else's leave is refused to an artist.
    response = token_client.get(f"/data/persons/{artist.id}/day-offs")
    assert response.status_code == 403
    assert response.json()["message"] == FORBIDDEN
    own = factories_client(as_role, leave)
    rows = own.get(f"/data/persons/{artist.id}/day-offs").json()
    assert [row["description"] for row in rows] == ["Holidays", "Trip", "Holidays"]


def factories_client(as_role, leave):
    """A client logged in as the artist who owns the leave."""
    artist, _ = leave
    from fastapi.testclient import TestClient

    base = as_role("user")
    app = base.app
    runtime = app.state.runtime
    token, _ = runtime.tokens.issue(artist.id)
    client = TestClient(app)
    client.headers["Authorization"] = f"Bearer {token}"
    return client


def test_managers_and_supervisors_of_a_shared_production(as_role, db, leave):
    artist, (jan, feb, dec) = leave
    project = factories.make_project(db)
    factories.add_to_team(db, project, artist)
    department = factories.make_department(db)
    factories.add_to_department(db, artist, department)
    db.commit()
    url = f"/data/persons/{artist.id}/day-offs/month/2031/2"

    manager = as_role("manager")
    assert manager.get(url).status_code == 403  # not in the production yet
    factories.add_to_team(db, project, manager.person)
    db.commit()
    assert manager.get(url).json()[0]["description"] == "Trip"

    supervisor = as_role("supervisor")
    other_department = factories.make_department(db)
    factories.add_to_team(db, project, supervisor.person)
    factories.add_to_department(db, supervisor.person, other_department)
    db.commit()
    assert supervisor.get(url).status_code == 403  # no shared department
    factories.add_to_department(db, supervisor.person, department)
    db.commit()
    rows = supervisor.get(url).json()
    assert [row["id"] for row in rows] == [str(feb.id)]
    assert "description" not in rows[0]
    assert (
        "description" not in supervisor.get(f"/data/persons/{artist.id}/day-offs/2031-02-10").json()
    )


@pytest.mark.parametrize("role", ["user", "client", "vendor"])
def test_other_roles_cannot_read_someone_elses_leave(as_role, db, leave, role):
    artist, _ = leave
    project = factories.make_project(db)
    factories.add_to_team(db, project, artist)
    caller = as_role(role)
    factories.add_to_team(db, project, caller.person)
    db.commit()
    for path in ("", "/year/2031", "/month/2031/2", "/week/2031/7", "/2031-02-10"):
        assert caller.get(f"/data/persons/{artist.id}/day-offs{path}").status_code == 403


def test_studio_lists_for_admins_and_others(admin, as_role, db, leave):
    artist, (jan, feb, dec) = leave
    other = factories.make_person(db, role="user")
    theirs = factories.make_day_off(
        db, person_id=other.id, date=D(2031, 2, 1), end_date=D(2031, 2, 1)
    )
    db.commit()
    assert ids(admin.get("/data/persons/day-offs/2031/2")) == [str(theirs.id), str(feb.id)]
    assert len(ids(admin.get("/data/persons/day-offs/2031"))) == 4
    assert ids(admin.get("/data/persons/day-offs/2032")) == [str(dec.id)]
    assert admin.get("/data/persons/day-offs/2031/13").status_code == 400
    assert admin.get("/data/persons/day-offs/year").status_code == 400

    # An artist sees only their own leave.
    own = factories_client(as_role, leave)
    assert ids(own.get("/data/persons/day-offs/2031/2")) == [str(feb.id)]

    # A supervisor of a shared production sees the dates, not the descriptions.
    project = factories.make_project(db)
    factories.add_to_team(db, project, artist)
    supervisor = as_role("supervisor")
    factories.add_to_team(db, project, supervisor.person)
    db.commit()
    rows = supervisor.get("/data/persons/day-offs/2031/2").json()
    assert [row["id"] for row in rows] == [str(feb.id)]
    assert "description" not in rows[0]
    manager = as_role("manager")
    factories.add_to_team(db, project, manager.person)
    db.commit()
    rows = manager.get("/data/persons/day-offs/2031/2").json()
    assert [row.get("description") for row in rows] == ["Trip"]


def test_lists_run_a_fixed_number_of_queries(admin, db, count_queries):
    person = factories.make_person(db)

    def add(first, count):
        for i in range(first, first + count):
            day = D(2030, 1, 1) + dt.timedelta(days=2 * i)
            factories.make_day_off(db, person_id=person.id, date=day, end_date=day)
        db.commit()

    def counts():
        result = []
        for url in (f"/data/persons/{person.id}/day-offs", "/data/persons/day-offs/2030"):
            with count_queries() as counter:
                assert admin.get(url).status_code == 200
            result.append(counter.count)
        return result

    add(0, 3)
    few = counts()
    add(3, 27)
    assert len(admin.get("/data/persons/day-offs/2030").json()) == 30
    assert counts() == few
