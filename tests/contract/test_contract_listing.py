"""Collection routes: plain arrays, pages, filters and field selection."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest

from tests import factories

PAGE_KEYS = ["data", "total", "nb_pages", "limit", "offset", "page"]


@pytest.fixture()
def departments(db):
    """Five departments updated one minute apart, newest last."""
    base = dt.datetime(2026, 1, 1, 12, 0, 0)
    rows = []
    for i in range(5):
        row = factories.make_department(db, name=f"Dept {i}")
        row.updated_at = base + dt.timedelta(minutes=i)
        rows.append(row)
    db.commit()
    return rows


def ids(rows):
    return [str(row.id) for row in rows]


def error(response):
    assert response.status_code == 400
    body = response.json()
    assert body["error"] is True
    return body["message"]


# ------------------------------------------------------------------ pages


def test_without_page_the_list_is_a_plain_array(admin, departments):
    response = admin.get("/data/departments", params={"limit": 2})

    assert isinstance(response.json(), list)
    assert sorted(item["id"] for item in response.json()) == sorted(ids(departments))


@pytest.mark.parametrize(
    ("page", "count", "offset"),
    [(1, 2, 0), (2, 2, 2), (3, 1, 4), (4, 0, 6)],
)
def test_page_shape_and_numbers(admin, departments, page, count, offset):
    response = admin.get("/data/departments", params={"page": page, "limit": 2})

    assert response.status_code == 200
    body = response.json()
    assert list(body) == PAGE_KEYS
    assert len(body["data"]) == count
    assert (body["total"], body["nb_pages"], body["limit"]) == (5, 3, 2)
    assert (body["offset"], body["page"]) == (offset, page)


def test_pages_are_newest_first_and_cover_every_row_once(admin, departments):
    pages = [
        admin.get("/data/departments", params={"page": p, "limit": 2}).json()["data"]
        for p in (1, 2, 3)
    ]

    seen = [item["id"] for page in pages for item in page]
    assert seen == list(reversed(ids(departments)))


def test_page_zero_is_empty_with_a_negative_offset(admin, departments):
    body = admin.get("/data/departments", params={"page": 0, "limit": 2}).json()

    assert body == {"data": [], "total": 5, "nb_pages": 3, "limit": 2, "offset": -2, "page": 0}


def test_default_page_size_is_one_hundred(admin, departments):
    body = admin.get("/data/departments", params={"page": 1}).json()

    assert (body["limit"], body["nb_pages"], len(body["data"])) == (100, 1, 5)


def test_empty_collection_page(admin):
    body = admin.get("/data/studios", params={"page": 1}).json()

    assert body == {"data": [], "total": 0, "nb_pages": 0, "limit": 100, "offset": 0, "page": 1}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": "abc"}, "page must be an integer."),
        ({"page": 1, "limit": "many"}, "limit must be an integer."),
        ({"page": 1, "limit": -1}, "limit must be a positive integer."),
    ],
)
def test_bad_page_parameters(admin, departments, params, message):
    assert error(admin.get("/data/departments", params=params)) == message


def test_page_rows_are_full_rows(admin, departments):
    body = admin.get("/data/departments", params={"page": 1, "limit": 1}).json()

    assert set(body["data"][0]) >= {"id", "name", "color", "archived", "created_at", "type"}


# ------------------------------------------------------------------ filters


def test_name_filter_is_case_insensitive(admin, db):
    target = factories.make_department(db, name="Compositing")
    factories.make_department(db, name="Animation")
    db.commit()

    for name in ("compositing", "COMPOSITING", "Compositing"):
        rows = admin.get("/data/departments", params={"name": name}).json()
        assert [row["id"] for row in rows] == [str(target.id)]


def test_id_list_filter_means_in(admin, departments):
    wanted = ids(departments[1:3])

    rows = admin.get("/data/departments", params={"id": json.dumps(wanted)}).json()

    assert sorted(row["id"] for row in rows) == sorted(wanted)


def test_empty_id_list_filter_matches_nothing(admin, departments):
    assert admin.get("/data/departments", params={"id": "[]"}).json() == []


def test_filters_combine_with_pages(admin, departments):
    wanted = ids(departments[:3])

    params = {"id": json.dumps(wanted), "page": 1, "limit": 2}
    body = admin.get("/data/departments", params=params).json()

    assert (body["total"], body["nb_pages"], len(body["data"])) == (3, 2, 2)


def test_column_equality_filter(admin, db):
    archived = factories.make_department(db, archived=True)
    factories.make_department(db, archived=False)
    db.commit()

    rows = admin.get("/data/departments", params={"archived": "true"}).json()

    assert [row["id"] for row in rows] == [str(archived.id)]


def test_link_filter(admin, db):
    department = factories.make_department(db)
    member = factories.make_person(db)
    factories.make_person(db)
    factories.add_to_department(db, member, department)
    db.commit()

    rows = admin.get("/data/persons", params={"departments": str(department.id)}).json()

    assert [row["id"] for row in rows] == [str(member.id)]


def test_unknown_query_keys_are_ignored(admin, departments):
    rows = admin.get("/data/departments", params={"whatever": "1", "force": "true"}).json()

    assert len(rows) == 5


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"id": "not-a-uuid"}, "Invalid UUID value: not-a-uuid"),
        ({"archived": "maybe"}, "Invalid boolean value: maybe"),
        ({"id": '["broken"'}, "Malformed list filter for field id."),
        ({"id": '{"a": 1}'}, 'Invalid UUID value: {"a": 1}'),
        ({"created_at": "yesterday"}, "One of the provided values has an invalid format."),
    ],
)
def test_bad_filter_values_are_400(admin, departments, params, message):
    response = admin.get("/data/departments", params=params)

    assert error(response) == message


def test_hidden_column_filter_is_refused(admin):
    response = admin.get("/data/persons", params={"password": "x"})

    assert error(response) == "Filtering on password is not allowed."


def test_non_admin_cannot_filter_on_private_person_columns(as_role):
    artist = as_role("user")

    refused = artist.get("/data/persons", params={"daily_salary": "0"})
    allowed = artist.get("/data/persons", params={"email": artist.person.email})

    assert error(refused) == "Filtering on daily_salary is not allowed."
    assert allowed.status_code == 200
    assert [row["id"] for row in allowed.json()] == [str(artist.person.id)]


# ------------------------------------------------------------------ fields


def test_fields_keep_only_those_keys_plus_id_and_type(admin, departments):
    rows = admin.get("/data/departments", params={"fields": "name,nothing"}).json()

    assert len(rows) == 5
    assert all(set(row) == {"id", "type", "name"} for row in rows)


def test_unknown_row_is_404_and_random_uuid_filter_is_empty(admin, departments):
    missing = str(uuid.uuid4())

    assert admin.get("/data/departments", params={"id": missing}).json() == []
    assert admin.get(f"/data/departments/{missing}").status_code == 404


def test_huge_page_number_is_an_empty_page(admin, departments):
    page = 2**64

    response = admin.get("/data/departments", params={"page": page, "limit": 2})

    assert response.status_code == 200
    body = response.json()
    assert (body["data"], body["total"], body["page"]) == ([], 5, page)
    assert body["offset"] == (page - 1) * 2


def test_huge_limit_is_answered(admin, departments):
    response = admin.get("/data/departments", params={"page": 1, "limit": 2**64})

    assert response.status_code == 200
    body = response.json()
    assert (len(body["data"]), body["limit"], body["nb_pages"]) == (5, 2**64, 1)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/data/persons", {"data": "x"}),
        ("/data/persons", {"data": '["x"]'}),
        ("/data/departments", {"color": "#00\x0000"}),
        ("/data/departments", {"id": '["\\u0000"]'}),
    ],
)
def test_filters_no_column_can_take_are_400(admin, departments, path, params):
    message = error(admin.get(path, params=params))

    assert message in (
        "One of the provided values has an invalid format.",
        "Invalid UUID value: \x00",
    )


def test_nul_in_a_name_filter_is_never_a_server_error(admin, departments):
    response = admin.get("/data/departments", params={"name": "Dept\x000"})

    assert response.status_code in (200, 400)
    assert response.json() == [] or response.json()["error"] is True
