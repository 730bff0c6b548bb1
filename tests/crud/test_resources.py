"""The generic suite each foundation resource inherits: list, filter, page, get, write."""

from __future__ import annotations

import json
import math
import uuid

import pytest
from sqlalchemy import func, select, types

import reeltrack.models as models
from reeltrack.crud.registry import registry
from reeltrack.crud.resources import core
from reeltrack.crud.spec import Registry
from tests.crud.cases import CASE_IDS, CASES, FILTER_VALUES, Case
from tests.crud.support import (
    EMPTY_BODY,
    ISO_SECONDS,
    NOT_FOUND,
    assert_error,
    events,
    ids,
    one_event,
    reload,
    sid,
)


@pytest.fixture(params=CASES, ids=CASE_IDS)
def case(request: pytest.FixtureRequest) -> Case:
    return request.param


def model_of(case: Case) -> type:
    return getattr(models, case.model)


def count_rows(db, case: Case) -> int:
    db.commit()
    return db.scalar(select(func.count()).select_from(model_of(case)))


def url(case: Case, row_id: object = None) -> str:
    base = f"/data/{case.path}"
    return base if row_id is None else f"{base}/{row_id}"


def test_every_foundation_resource_has_a_case():
    foundation = Registry()
    core.register(foundation)
    assert sorted(foundation.specs) == sorted(CASE_IDS)
    for case in CASES:
        assert registry.specs[case.path].model.__name__ == case.model


# ---------------------------------------------------------------- listing


def test_list_is_a_plain_array_of_typed_rows(case, admin, db):
    rows = [case.make_row(db) for _ in range(2)]
    db.commit()
    response = admin.get(url(case))
    assert response.status_code == 200
    body = response.json()
    assert isinstance(body, list)
    assert {sid(r) for r in rows} <= ids(body)
    listed = next(item for item in body if item["id"] == sid(rows[0]))
    assert listed["type"] == case.model
    assert ISO_SECONDS.match(listed["created_at"])


def test_list_filters_on_column_equality(case, admin, db):
    value_a, value_b, query_a, _ = FILTER_VALUES[case.path]
    row_a = case.make_row(db, **{case.filter_field: value_a})
    row_b = case.make_row(db, **{case.filter_field: value_b})
    db.commit()
    body = admin.get(url(case), params={case.filter_field: query_a}).json()
    assert sid(row_a) in ids(body)
    assert sid(row_b) not in ids(body)
    assert all(item[case.filter_field] == value_a for item in body)


def test_list_filters_with_a_json_list_as_in(case, admin, db):
    rows = [case.make_row(db) for _ in range(3)]
    db.commit()
    wanted = [sid(rows[0]), sid(rows[2])]
    body = admin.get(url(case), params={"id": json.dumps(wanted)}).json()
    assert sorted(ids(body)) == sorted(wanted)


def test_list_refuses_malformed_filters(case, admin):
    assert_error(
        admin.get(url(case), params={"id": "[not json"}),
        400,
        "Malformed list filter for field id.",
    )
    assert_error(admin.get(url(case), params={"id": "nope"}), 400, "Invalid UUID value: nope")


def test_list_refuses_malformed_boolean_filters(case, admin):
    columns = registry.specs[case.path].columns
    flags = [key for key, column in columns.items() if isinstance(column.type, types.Boolean)]
    if not flags:
        pytest.skip("no boolean column")
    response = admin.get(url(case), params={flags[0]: "maybe"})
    assert_error(response, 400, "Invalid boolean value: maybe")


def test_list_ignores_unknown_query_parameters(case, admin, db):
    case.make_row(db)
    db.commit()
    plain = admin.get(url(case)).json()
    filtered = admin.get(url(case), params={"not_a_column": "x", "force": "true"}).json()
    assert ids(filtered) == ids(plain)


def test_list_name_filter_is_case_insensitive(case, admin, db):
    if not case.has_name:
        pytest.skip("no name column")
    row = case.make_row(db, name="MixedCase")
    case.make_row(db)
    db.commit()
    body = admin.get(url(case), params={"name": "mixedcase"}).json()
    assert ids(body) == {sid(row)}


def test_paginated_list_shape(case, admin, db):
    for _ in range(3):
        case.make_row(db)
    db.commit()
    total = len(admin.get(url(case)).json())
    seen: list[str] = []
    for page in (1, 2):
        body = admin.get(url(case), params={"page": page, "limit": 2}).json()
        assert set(body) == {"data", "total", "nb_pages", "limit", "offset", "page"}
        assert body["total"] == total
        assert body["nb_pages"] == math.ceil(total / 2)
        assert (body["limit"], body["offset"], body["page"]) == (2, (page - 1) * 2, page)
        assert len(body["data"]) == min(2, total - (page - 1) * 2)
        seen += [item["id"] for item in body["data"]]
    assert len(seen) == len(set(seen)) == min(4, total)


def test_paginated_list_edges(case, admin, db):
    case.make_row(db)
    db.commit()
    total = len(admin.get(url(case)).json())
    beyond = admin.get(url(case), params={"page": total + 5, "limit": 1}).json()
    assert beyond["data"] == [] and beyond["total"] == total
    zero = admin.get(url(case), params={"page": 0, "limit": 1}).json()
    assert (zero["data"], zero["offset"], zero["page"]) == ([], -1, 0)
    default = admin.get(url(case), params={"page": 1}).json()
    assert default["limit"] == 100 and len(default["data"]) == total
    assert_error(admin.get(url(case), params={"page": "x"}), 400, "page must be an integer.")
    assert_error(
        admin.get(url(case), params={"page": 1, "limit": "x"}), 400, "limit must be an integer."
    )
    assert_error(
        admin.get(url(case), params={"page": 1, "limit": -1}),
        400,
        "limit must be a positive integer.",
    )


def test_fields_keeps_the_named_keys_plus_id_and_type(case, admin, db):
    row = case.make_row(db)
    db.commit()
    body = admin.get(url(case), params={"fields": case.filter_field}).json()
    item = next(i for i in body if i["id"] == sid(row))
    assert set(item) == {"id", "type", case.filter_field}
    assert item["type"] == case.model


# ---------------------------------------------------------------- one row


def test_get_one(case, admin, db):
    row = case.make_row(db)
    db.commit()
    body = admin.get(url(case, row.id)).json()
    assert body["id"] == sid(row)
    assert body["type"] == case.model
    assert body[case.filter_field] == getattr(row, case.filter_field)
    assert ISO_SECONDS.match(body["updated_at"])


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_unknown_and_malformed_ids(case, method, admin):
    kwargs = {"json": case.update} if method == "put" else {}
    call = getattr(admin, method)
    assert_error(call(url(case, uuid.uuid4()), **kwargs), 404, NOT_FOUND)
    assert_error(call(url(case, "not-a-uuid"), **kwargs), 400, "Malformed ID.")


# ---------------------------------------------------------------- create


def test_create_answers_201_stores_the_row_and_logs_an_event(case, admin, db):
    body = case.body()
    response = admin.post(url(case), json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["type"] == case.model
    assert all(created[key] == value for key, value in body.items())
    stored = reload(db, model_of(case), created["id"])
    assert all(getattr(stored, key) == value for key, value in body.items())
    event = one_event(db, f"{case.event}:new")
    assert event.data == {case.id_key: created["id"]}
    assert event.user_id == admin.person.id


def test_create_ignores_protected_fields(case, admin, db):
    forced = str(uuid.uuid4())
    body = {**case.body(), "id": forced, "created_at": "2001-01-01T00:00:00"}
    created = admin.post(url(case), json=body).json()
    assert created["id"] != forced
    assert not created["created_at"].startswith("2001")
    assert reload(db, model_of(case), forced) is None


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("null", EMPTY_BODY),
        ("[1, 2]", None),
        ("{not json", None),
    ],
    ids=["null", "array", "invalid-json"],
)
def test_create_refuses_bodies_that_are_not_objects(case, payload, message, admin, db):
    before = count_rows(db, case)
    response = admin.post(url(case), content=payload, headers={"Content-Type": "application/json"})
    assert_error(response, 400, message)
    assert count_rows(db, case) == before


def test_create_refuses_unknown_fields(case, admin, db):
    before = count_rows(db, case)
    response = admin.post(url(case), json={**case.body(), "bogus": 1})
    assert_error(response, 400, f"'bogus' is an invalid keyword argument for {case.model}")
    assert count_rows(db, case) == before
    assert events(db) == []


def test_create_refuses_a_missing_required_field(case, admin, db):
    before = count_rows(db, case)
    body = case.body()
    body.pop(case.required, None)
    body_error = assert_error(admin.post(url(case), json=body), 400)
    assert case.required in body_error["message"]
    assert count_rows(db, case) == before


def test_create_refuses_wrong_types(case, admin, db):
    before = count_rows(db, case)
    response = admin.post(url(case), json={**case.body(), **case.wrong_type})
    assert_error(response, 400, case.wrong_type_message)
    assert count_rows(db, case) == before


def test_create_refuses_too_long_strings(case, admin, db):
    before = count_rows(db, case)
    field = "first_name" if case.path == "persons" else "name"
    response = admin.post(url(case), json={**case.body(), field: "x" * 300})
    assert_error(response, 400)
    assert count_rows(db, case) == before


def test_create_refuses_a_duplicate_unique_value(case, admin, db):
    first = case.body()
    assert admin.post(url(case), json=first).status_code == 201
    second = {**case.body(), case.unique_field: first[case.unique_field]}
    assert_error(admin.post(url(case), json=second), 400, case.duplicate_message)
    assert len(events(db, f"{case.event}:new")) == 1


# ---------------------------------------------------------------- update


def test_update_answers_200_stores_the_change_and_logs_an_event(case, admin, db):
    row = case.make_row(db)
    db.commit()
    response = admin.put(url(case, row.id), json=case.update)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["id"] == sid(row) and body["type"] == case.model
    assert all(body[key] == value for key, value in case.update.items())
    stored = reload(db, model_of(case), row.id)
    assert all(getattr(stored, key) == value for key, value in case.update.items())
    event = one_event(db, f"{case.event}:update")
    assert event.data == {case.id_key: sid(row)}
    assert event.user_id == admin.person.id


def test_update_ignores_unknown_and_protected_fields(case, admin, db):
    row = case.make_row(db)
    db.commit()
    payload = {**case.update, "id": str(uuid.uuid4()), "not_a_column": 3, "type": "Other"}
    body = admin.put(url(case, row.id), json=payload).json()
    assert body["id"] == sid(row)
    assert body["type"] == case.model
    assert "not_a_column" not in body


def test_update_refuses_an_empty_body(case, admin, db):
    row = case.make_row(db)
    db.commit()
    response = admin.put(
        url(case, row.id), content="null", headers={"Content-Type": "application/json"}
    )
    assert_error(response, 400, EMPTY_BODY)
    assert events(db) == []


def test_update_refuses_wrong_types_and_keeps_the_row(case, admin, db):
    row = case.make_row(db)
    db.commit()
    key = next(iter(case.wrong_type))
    before = getattr(row, key)
    response = admin.put(url(case, row.id), json=case.wrong_type)
    assert_error(response, 400, case.wrong_type_message)
    assert getattr(reload(db, model_of(case), row.id), key) == before
    assert events(db) == []


# ---------------------------------------------------------------- delete


def test_delete_answers_204_removes_the_row_and_logs_an_event(case, admin, db):
    row = case.make_row(db, **({"closed": True} if case.path == "projects" else {}))
    db.commit()
    row_id = sid(row)
    response = admin.delete(url(case, row_id))
    assert response.status_code == 204, response.text
    assert response.content == b""
    assert reload(db, model_of(case), row_id) is None
    event = one_event(db, f"{case.event}:delete")
    assert event.data == {case.id_key: row_id}
    assert admin.get(url(case, row_id)).status_code == 404


def test_served_under_api_prefix_and_with_trailing_slash(case, admin, db):
    row = case.make_row(db)
    db.commit()
    assert sid(row) in ids(admin.get(f"/api/data/{case.path}/").json())
    assert admin.get(f"/api/data/{case.path}/{row.id}/").json()["id"] == sid(row)
