"""How rows look on the wire: all columns plus `type`, Zou's value encodings."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import types

from reeltrack.auth.actor import Actor
from reeltrack.crud.registry import registry
from reeltrack.models import Department, Person
from tests import factories

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SPECS = list(registry)
PATHS = [spec.path for spec in SPECS]


def admin_actor(person: Person) -> Actor:
    return Actor(person_id=person.id, role="admin")


def visible_columns(spec, person) -> set[str]:
    return set(spec.columns) - set(spec.hidden_columns(admin_actor(person)))


def check_type(spec, data) -> None:
    """`type` is the model class, unless the resource names its rows (entities: "Asset")."""
    renamers = ("output", "output_rows", "detail")
    if all(getattr(spec.hooks, name, None) is None for name in renamers):
        assert data["type"] == spec.model.__name__
    else:
        assert isinstance(data["type"], str) and data["type"]


def get_detail(admin, spec, row) -> dict:
    """GET one row; resources that gate reads on parents a bare row lacks are skipped."""
    response = admin.get(f"/data/{spec.path}/{row.id}")
    if response.status_code in (403, 404) and spec.hooks.check_read is not None:
        pytest.skip(f"{spec.path} needs a realistic parent to be read")
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("spec", SPECS, ids=PATHS)
def test_one_row_has_every_visible_column_and_its_type(admin, make_row, spec):
    row = make_row(spec)

    data = get_detail(admin, spec, row)

    assert visible_columns(spec, admin.person) <= set(data)
    assert not set(spec.hidden_columns(admin_actor(admin.person))) & set(data)
    check_type(spec, data)
    assert data["id"] == str(row.id)


@pytest.mark.parametrize("spec", SPECS, ids=PATHS)
def test_listed_rows_have_every_visible_column_and_no_relations(admin, make_row, spec):
    row = make_row(spec)

    response = admin.get(f"/data/{spec.path}")

    assert response.status_code == 200
    rows = response.json()
    assert isinstance(rows, list)
    [data] = [item for item in rows if item["id"] == str(row.id)]
    assert visible_columns(spec, admin.person) <= set(data)
    check_type(spec, data)
    if not getattr(spec, "list_relations_default", False):
        assert not {link.key for link in spec.links or ()} & set(data)


@pytest.mark.parametrize("spec", SPECS, ids=PATHS)
def test_uuid_datetime_and_date_values_are_zou_strings(admin, make_row, spec):
    row = make_row(spec)

    data = get_detail(admin, spec, row)

    for key, column in spec.columns.items():
        value = data.get(key)
        if value is None:
            continue
        if column.type.python_type is dt.datetime:
            assert DATETIME_RE.match(value), (key, value)
        elif column.type.python_type is dt.date:
            assert DATE_RE.match(value), (key, value)
        elif isinstance(column.type, types.Uuid):
            assert UUID_RE.match(value), (key, value)
    assert DATETIME_RE.match(data["created_at"])
    assert DATETIME_RE.match(data["updated_at"])


def test_datetimes_drop_fractions_and_offsets(admin, db):
    department = factories.make_department(db)
    department.created_at = dt.datetime(2026, 11, 28, 6, 49, 52, 987654)
    department.updated_at = dt.datetime(2026, 11, 28, 6, 49, 53, 1)
    db.commit()

    data = admin.get(f"/data/departments/{department.id}").json()

    assert data["created_at"] == "2026-11-28T06:49:52"
    assert data["updated_at"] == "2026-11-28T06:49:53"


def test_created_rows_carry_current_utc_timestamps(admin):
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)

    data = admin.post("/data/departments", json={"name": "Layout", "color": "#112233"}).json()

    created = dt.datetime.fromisoformat(data["created_at"])
    assert DATETIME_RE.match(data["created_at"])
    assert before - dt.timedelta(seconds=1) <= created <= before + dt.timedelta(seconds=5)


def test_date_columns_are_plain_dates(admin):
    body = {"name": "Dated", "start_date": "2026-11-28", "end_date": "2027-01-31T10:20:30Z"}

    created = admin.post("/data/projects", json=body)

    assert created.status_code == 201
    assert created.json()["start_date"] == "2026-11-28"
    assert created.json()["end_date"] == "2027-01-31"
    fetched = admin.get(f"/data/projects/{created.json()['id']}").json()
    assert (fetched["start_date"], fetched["end_date"]) == ("2026-11-28", "2027-01-31")


def test_uuid_references_are_strings(admin, db):
    status = factories.project_status(db, "Open")
    db.commit()

    data = admin.post("/data/projects", json={"name": "Refs"}).json()

    assert data["project_status_id"] == str(status.id)
    assert UUID_RE.match(data["id"])


def test_relations_are_lists_of_id_strings(admin, db):
    artist = factories.make_person(db)
    project = factories.make_project(db, team=[artist, admin.person])
    db.commit()

    one = admin.get(f"/data/projects/{project.id}").json()
    listed = admin.get("/data/projects", params={"relations": "true"}).json()
    plain = admin.get("/data/projects").json()

    assert sorted(one["team"]) == sorted([str(artist.id), str(admin.person.id)])
    assert sorted(listed[0]["team"]) == sorted(one["team"])
    assert "team" not in plain[0]


def test_float_columns_stay_floats(admin):
    created = admin.post("/data/organisations", json={"name": "Studio Org", "hours_by_day": 7})

    assert created.status_code == 201
    assert created.json()["hours_by_day"] == 7.0
    assert type(created.json()["hours_by_day"]) is float
    fetched = admin.get(f"/data/organisations/{created.json()['id']}").json()
    assert type(fetched["hours_by_day"]) is float


def test_login_organisation_hours_by_day_is_a_float(client, db):
    person = factories.make_person(db)
    db.commit()

    body = {"email": person.email, "password": factories.DEFAULT_PASSWORD}
    organisation = client.post("/auth/login", json=body).json()["organisation"]

    assert organisation["hours_by_day"] == 8.0
    assert type(organisation["hours_by_day"]) is float


def test_booleans_integers_and_json_keep_their_types(admin, db):
    target = factories.make_person(db)
    db.commit()
    payload = {"nested": [1, 2.5, {"deep": None}], "flag": True}

    response = admin.put(
        f"/data/persons/{target.id}",
        json={"data": payload, "daily_salary": "350", "notifications_enabled": "true"},
    )

    assert response.status_code == 200
    data = response.json()
    assert data["data"] == payload
    assert data["daily_salary"] == 350
    assert data["notifications_enabled"] is True


def test_lists_are_plain_arrays(admin, db):
    for _ in range(3):
        factories.make_department(db)
    db.commit()

    response = admin.get("/data/departments")

    assert response.headers["content-type"].startswith("application/json")
    assert response.text.startswith("[")
    assert len(response.json()) == 3
    assert all(item["type"] == "Department" for item in response.json())


def test_row_type_names_are_model_class_names(admin, db):
    factories.make_department(db)
    db.commit()

    department = admin.get("/data/departments").json()[0]
    person = admin.get(f"/data/persons/{admin.person.id}").json()

    assert (department["type"], person["type"]) == (Department.__name__, "Person")
