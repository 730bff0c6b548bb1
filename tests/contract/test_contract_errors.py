"""Error bodies, status codes of writes, trailing slashes and the /api prefix."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from reeltrack.models import Department
from tests import factories

NOT_FOUND = (
    "404 Not Found: The requested URL was not found on the server. If you entered the URL "
    "manually please check your spelling and try again."
)
FORBIDDEN = (
    "You don't have the permission to access the requested resource. It is either "
    "read-protected or not readable by the server."
)
EMPTY = "Data are empty. Please verify that you sent JSON data and that you set the right headers."


def zou_error(response, status: int) -> str:
    """Assert Zou's `{"error": true, "message": ...}` shape and return the message."""
    assert response.status_code == status
    body = response.json()
    assert body["error"] is True
    assert isinstance(body["message"], str)
    assert set(body) <= {"error", "message", "data"}
    return body["message"]


def json_type() -> dict[str, str]:
    return {"Content-Type": "application/json"}


def count_departments(db) -> int:
    db.rollback()
    return db.scalar(select(func.count()).select_from(Department))


# ------------------------------------------------------------------ error bodies


@pytest.mark.parametrize("path", ["/nothing-here", "/data/no-such-model", "/api/nothing-here"])
def test_unknown_route_is_404_in_the_error_shape(admin, path):
    assert zou_error(admin.get(path), 404) == NOT_FOUND


def test_unknown_route_without_token_is_still_404(client):
    assert zou_error(client.get("/data/no-such-model/x/y"), 404) == NOT_FOUND


def test_missing_row_is_404(admin):
    response = admin.get(f"/data/departments/{uuid.uuid4()}")

    assert zou_error(response, 404) == NOT_FOUND
    assert response.json().get("data") is None


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_malformed_id_is_400(admin, method):
    response = admin.request(method, "/data/departments/not-a-uuid", json={"name": "x"})

    assert zou_error(response, 400) == "Malformed ID."
    assert response.json()["data"] is None


def test_forbidden_is_403_with_zou_message(as_role, db):
    artist = as_role("user")

    response = artist.post("/data/departments", json={"name": "Nope", "color": "#000000"})

    assert zou_error(response, 403) == FORBIDDEN
    assert count_departments(db) == 0


def test_missing_token_is_401_msg(client):
    response = client.get("/data/departments")

    assert (response.status_code, response.json()) == (401, {"msg": "Missing Authorization Header"})


def test_wrong_method_is_405(admin):
    response = admin.delete("/data/departments")

    assert zou_error(response, 405) == "The method is not allowed for the requested URL."


def test_null_body_is_data_empty(admin):
    response = admin.post("/data/departments", content=b"null", headers=json_type())

    assert zou_error(response, 400) == EMPTY


def test_invalid_json_is_400(admin, db):
    response = admin.post("/data/departments", content=b"{name: ", headers=json_type())

    zou_error(response, 400)
    assert count_departments(db) == 0


def test_unknown_key_on_create_is_refused(admin, db):
    body = {"name": "Lighting", "color": "#000000", "foo": 1}

    response = admin.post("/data/departments", json=body)

    assert zou_error(response, 400) == "'foo' is an invalid keyword argument for Department"
    assert count_departments(db) == 0


def test_unknown_key_on_update_is_ignored(admin, db):
    department = factories.make_department(db)
    db.commit()

    response = admin.put(f"/data/departments/{department.id}", json={"name": "FX", "foo": 1})

    assert response.status_code == 200
    assert response.json()["name"] == "FX"
    assert "foo" not in response.json()


def test_duplicate_unique_value_is_400(admin, db):
    factories.make_department(db, name="Rigging")
    db.commit()

    response = admin.post("/data/departments", json={"name": "Rigging", "color": "#000000"})

    assert zou_error(response, 400) == "A record with the same unique values already exists."
    assert count_departments(db) == 1


def test_missing_required_field_is_400(admin, db):
    zou_error(admin.post("/data/departments", json={"color": "#000000"}), 400)

    assert count_departments(db) == 0


# ------------------------------------------------------------------ status codes


def test_create_answers_201_with_the_row(admin, db):
    response = admin.post("/data/departments", json={"name": "Modeling", "color": "#abcdef"})

    assert response.status_code == 201
    body = response.json()
    assert (body["name"], body["color"], body["type"]) == ("Modeling", "#abcdef", "Department")
    assert count_departments(db) == 1


def test_client_supplied_id_is_ignored_on_create(admin):
    chosen = str(uuid.uuid4())

    body = admin.post("/data/departments", json={"id": chosen, "name": "X", "color": "#000000"})

    assert body.status_code == 201
    assert body.json()["id"] != chosen


def test_delete_answers_204_with_an_empty_body(admin, db):
    department = factories.make_department(db)
    db.commit()

    response = admin.delete(f"/data/departments/{department.id}")

    assert response.status_code == 204
    assert response.content == b""
    assert admin.get(f"/data/departments/{department.id}").status_code == 404


def test_update_answers_200(admin, db):
    department = factories.make_department(db)
    db.commit()

    response = admin.put(f"/data/departments/{department.id}", json={"color": "#ffffff"})

    assert (response.status_code, response.json()["color"]) == (200, "#ffffff")


# ------------------------------------------------------------------ slashes and /api


@pytest.mark.parametrize(
    "path", ["/data/persons/", "/api/data/persons", "/api/data/persons/", "/data/persons"]
)
def test_persons_list_at_every_spelling(admin, path):
    response = admin.get(path)

    assert response.status_code == 200
    assert [row["id"] for row in response.json()] == [str(admin.person.id)]


def test_trailing_slash_on_an_instance(admin, db):
    department = factories.make_department(db)
    db.commit()

    response = admin.get(f"/data/departments/{department.id}/")

    assert (response.status_code, response.json()["id"]) == (200, str(department.id))


@pytest.mark.parametrize("path", ["/auth/login", "/auth/login/", "/api/auth/login"])
def test_login_at_every_spelling(client, db, path):
    person = factories.make_person(db)
    db.commit()

    body = {"email": person.email, "password": factories.DEFAULT_PASSWORD}
    response = client.post(path, json=body)

    assert response.status_code == 200
    assert response.json()["login"] is True


def test_api_prefix_serves_writes(admin, db):
    created = admin.post("/api/data/departments", json={"name": "Api", "color": "#000000"})

    assert created.status_code == 201
    assert admin.delete(f"/api/data/departments/{created.json()['id']}").status_code == 204
    assert count_departments(db) == 0


@pytest.mark.parametrize("path", ["/api", "/api/", "/"])
def test_api_root_answers_like_the_root(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert response.json() == client.get("/").json()
    assert response.json()["version"] == "1.0.97"


def test_api_prefix_gives_the_same_errors(client, admin):
    assert client.get("/api/data/persons").json() == {"msg": "Missing Authorization Header"}
    assert zou_error(admin.get("/api/data/persons/oops"), 400) == "Malformed ID."


# ------------------------------------------------------------------ values the database refuses


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"name": "Lay\x00out", "color": "#000000"},
            "Field 'name' must not contain NUL characters.",
        ),
        ({"name": "x" * 81, "color": "#000000"}, "Field 'name' is longer than 80 characters."),
        (
            {"name": "Out", "color": "#000000", "archived": "perhaps"},
            "Field 'archived' must be a boolean.",
        ),
    ],
)
def test_refused_values_write_nothing(admin, db, body, message):
    response = admin.post("/data/departments", json=body)

    refused = zou_error(response, 400)
    if message is not None:
        assert refused == message
    assert count_departments(db) == 0


@pytest.mark.parametrize("salary", [2**31, -(2**31) - 1, 2**63 - 1, 2**64])
def test_integers_beyond_the_column_range_are_400(admin, db, salary):
    target = factories.make_person(db)
    db.commit()

    response = admin.put(f"/data/persons/{target.id}", json={"daily_salary": salary})

    assert response.status_code == 400
    assert response.json()["error"] is True
    assert admin.get(f"/data/persons/{target.id}").json()["daily_salary"] == 0


@pytest.mark.parametrize("hours", ["1e999", 2**64 + 1.0, "NaN"])
def test_floats_out_of_range_are_400(admin, hours):
    response = admin.post("/data/organisations", json={"name": "Floaty", "hours_by_day": hours})

    if hours == 2**64 + 1.0:
        assert response.status_code == 201
        assert response.json()["hours_by_day"] == 2**64 + 1.0
    else:
        assert zou_error(response, 400) == "Field 'hours_by_day' is out of range."
