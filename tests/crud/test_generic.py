"""The generic suite every CRUD resource runs, as an admin: list, filter, page, get, write.

Each behaviour is written once and parametrised over the cases of `tests/crud/cases.py`
that it applies to; behaviours particular to one resource live in their own modules.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import uuid
from typing import Any

import pytest
from sqlalchemy import func, select, types
from sqlalchemy.orm import Session

from reeltrack.crud.registry import registry
from reeltrack.crud.resources import config, core, entities, people, reviews
from reeltrack.crud.spec import Registry
from tests.crud.cases import CASE_IDS, CASES, Case, params
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

GROUPS = {
    "core": core,
    "entities": entities,
    "reviews": reviews,
    "people": people,
    "config": config,
}
JSON = {"Content-Type": "application/json"}


def count_rows(db: Session, case: Case) -> int:
    db.commit()
    return db.scalar(select(func.count()).select_from(case.model_class))


def as_json(value: Any) -> Any:
    """A stored value as the API reads and writes it (ids and dates as strings)."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def new_events(db: Session, *rows: Any) -> list[Any]:
    """Logged events, less the rows the test made itself (the `events` resource's rows)."""
    made = {row.id for row in rows}
    return [event for event in events(db) if event.id not in made]


def has_boolean_column(case: Case) -> bool:
    columns = registry.specs[case.path].columns.values()
    return any(isinstance(column.type, types.Boolean) for column in columns)


def creatable(case: Case) -> bool:
    return case.body is not None


def base_body(db: Session, case: Case) -> dict[str, Any]:
    """A valid creation body, or nothing for a resource whose creation is refused."""
    return case.body(db) if case.body is not None else {}


# ---------------------------------------------------------------- every resource has a case


@pytest.mark.parametrize("group", list(GROUPS))
def test_every_resource_of_a_group_has_a_case(group):
    registered = Registry()
    GROUPS[group].register(registered)
    assert sorted(registered.specs) == sorted(c.path for c in CASES if c.group == group)


def test_every_resource_spec_has_exactly_one_case():
    assert sorted(CASE_IDS) == sorted(registry.specs)
    for case in CASES:
        assert registry.specs[case.path].model.__name__ == case.model


# ---------------------------------------------------------------- listing


@pytest.mark.parametrize("case", params())
def test_list_is_a_plain_array_of_typed_rows(case, admin, db):
    before = ids(admin.get(case.url()).json())
    rows = [case.make_row(db) for _ in range(3)]
    db.commit()
    response = admin.get(case.url())
    assert response.status_code == 200
    body = response.json()
    assert isinstance(body, list)
    listed = before | {sid(r) for r in rows}
    if case.lazy_first_listing:  # the listing also fills rows of its own
        assert ids(body) >= listed
    else:
        assert ids(body) == listed
    assert all(item["type"] == case.type for item in body)
    assert all(ISO_SECONDS.match(item["created_at"]) for item in body)


@pytest.mark.parametrize("case", params(lambda c: c.column_filter))
def test_list_filters_on_column_equality(case, admin, db):
    column = case.column_filter
    row_a = case.make_row(db, **{column.field: column.value_a})
    row_b = case.make_row(db, **{column.field: column.value_b})
    db.commit()
    body = admin.get(case.url(), params={column.field: column.query_a}).json()
    assert sid(row_a) in ids(body)
    assert sid(row_b) not in ids(body)
    assert all(item[column.field] == column.value_a for item in body)


@pytest.mark.parametrize("case", params())
def test_list_filters_on_an_id_and_on_a_json_list_of_ids(case, admin, db):
    rows = [case.make_row(db) for _ in range(3)]
    db.commit()
    assert ids(admin.get(case.url(), params={"id": sid(rows[1])}).json()) == {sid(rows[1])}
    wanted = [sid(rows[0]), sid(rows[2])]
    body = admin.get(case.url(), params={"id": json.dumps(wanted)}).json()
    assert sorted(ids(body)) == sorted(wanted)


@pytest.mark.parametrize("case", params())
def test_list_refuses_malformed_filters(case, admin):
    assert_error(
        admin.get(case.url(), params={"id": "[not json"}),
        400,
        "Malformed list filter for field id.",
    )
    assert_error(admin.get(case.url(), params={"id": "nope"}), 400, "Invalid UUID value: nope")


@pytest.mark.parametrize("case", params(has_boolean_column))
def test_list_refuses_malformed_boolean_filters(case, admin):
    columns = registry.specs[case.path].columns
    flag = next(key for key, column in columns.items() if isinstance(column.type, types.Boolean))
    response = admin.get(case.url(), params={flag: "maybe"})
    assert_error(response, 400, "Invalid boolean value: maybe")


@pytest.mark.parametrize("case", params())
def test_list_ignores_unknown_query_parameters(case, admin, db):
    case.make_row(db)
    db.commit()
    plain = admin.get(case.url()).json()
    filtered = admin.get(case.url(), params={"not_a_column": "x", "force": "true"}).json()
    assert ids(filtered) == ids(plain)


@pytest.mark.parametrize("case", params(lambda c: c.name_filter))
def test_list_name_filter_is_case_insensitive(case, admin, db):
    row = case.make_row(db, name="MixedCase")
    case.make_row(db)
    db.commit()
    body = admin.get(case.url(), params={"name": "mixedcase"}).json()
    assert ids(body) == {sid(row)}


@pytest.mark.parametrize("case", params())
def test_paginated_list_shape(case, admin, db):
    for _ in range(3):
        case.make_row(db)
    db.commit()
    total = len(admin.get(case.url()).json())
    seen: list[str] = []
    for page in (1, 2):
        body = admin.get(case.url(), params={"page": page, "limit": 2}).json()
        assert set(body) == {"data", "total", "nb_pages", "limit", "offset", "page"}
        assert body["total"] == total
        assert body["nb_pages"] == math.ceil(total / 2)
        assert (body["limit"], body["offset"], body["page"]) == (2, (page - 1) * 2, page)
        assert len(body["data"]) == min(2, total - (page - 1) * 2)
        assert all(item["type"] == case.type for item in body["data"])
        seen += [item["id"] for item in body["data"]]
    assert len(seen) == len(set(seen)) == min(4, total)


@pytest.mark.parametrize("case", params())
def test_paginated_list_edges(case, admin, db):
    case.make_row(db)
    db.commit()
    url = case.url()
    total = len(admin.get(url).json())
    beyond = admin.get(url, params={"page": total + 5, "limit": 1}).json()
    assert beyond["data"] == [] and beyond["total"] == total
    zero = admin.get(url, params={"page": 0, "limit": 1}).json()
    assert (zero["data"], zero["offset"], zero["page"]) == ([], -1, 0)
    default = admin.get(url, params={"page": 1}).json()
    assert default["limit"] == 100 and len(default["data"]) == total
    assert_error(admin.get(url, params={"page": "x"}), 400, "page must be an integer.")
    assert_error(admin.get(url, params={"page": 1, "limit": "x"}), 400, "limit must be an integer.")
    assert_error(
        admin.get(url, params={"page": 1, "limit": -1}), 400, "limit must be a positive integer."
    )


@pytest.mark.parametrize("case", params())
def test_fields_keeps_the_named_keys_plus_id_and_type(case, admin, db):
    row = case.make_row(db)
    db.commit()
    named = ["created_at"] + ([case.column_filter.field] if case.column_filter else [])
    for key in named:
        body = admin.get(case.url(), params={"fields": key}).json()
        assert sid(row) in ids(body)
        assert all(set(item) == {"id", "type", key} for item in body), key
        assert all(item["type"] == case.type for item in body)


@pytest.mark.parametrize("relations", ["false", "true"])
@pytest.mark.parametrize("case", params())
def test_list_query_count_does_not_grow_with_rows(case, relations, admin, db, count_queries):
    def measure(more: int) -> int:
        for _ in range(more):
            case.make_row(db)
        db.commit()
        if case.lazy_first_listing:
            admin.get(case.url())
        with count_queries() as counter:
            response = admin.get(case.url(), params={"relations": relations})
        assert response.status_code == 200
        return counter.count

    assert measure(3) == measure(30)


# ---------------------------------------------------------------- one row


@pytest.mark.parametrize("case", params())
def test_get_one(case, admin, db):
    row = case.make_row(db)
    db.commit()
    response = admin.get(case.url(row.id))
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["id"], body["type"]) == (sid(row), case.type)
    assert body["created_at"] == row.created_at.replace(microsecond=0).isoformat()
    assert ISO_SECONDS.match(body["updated_at"])
    if case.column_filter:
        assert body[case.column_filter.field] == getattr(row, case.column_filter.field)


@pytest.mark.parametrize("method", ["get", "put", "delete"])
@pytest.mark.parametrize("case", params())
def test_unknown_and_malformed_ids(case, method, admin, db):
    kwargs = {"json": case.change(db)} if method == "put" else {}
    db.commit()
    call = getattr(admin, method)
    missing = NOT_FOUND if method == "get" else case.write_not_found
    assert_error(call(case.url(uuid.uuid4()), **kwargs), 404, missing)
    assert_error(call(case.url("not-a-uuid"), **kwargs), 400, "Malformed ID.")


@pytest.mark.parametrize("case", params())
def test_served_under_api_prefix_and_with_trailing_slash(case, admin, db):
    row = case.make_row(db)
    db.commit()
    assert sid(row) in ids(admin.get(f"/api/data/{case.path}/").json())
    assert admin.get(f"/api/data/{case.path}/{row.id}/").json()["id"] == sid(row)


# ---------------------------------------------------------------- create


@pytest.mark.parametrize("case", params(creatable))
def test_create_answers_201_stores_the_row_and_logs_an_event(case, admin, db):
    body = case.body(db)
    db.commit()
    response = admin.post(case.url(), json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["type"] == case.type
    stored = reload(db, case.model_class, created["id"])
    assert stored is not None
    for key, value in body.items():
        if key not in case.echo_skip:
            assert created[key] == value, key
            assert as_json(getattr(stored, key)) == value, key
    event = one_event(db, f"{case.event_name}:new")
    assert event.data == case.event_payload(db, stored, "new")
    assert event.user_id == admin.person.id


@pytest.mark.parametrize("case", params(creatable))
def test_create_ignores_protected_fields(case, admin, db):
    forced = str(uuid.uuid4())
    body = {**case.body(db), "id": forced, "created_at": "2001-01-01T00:00:00"}
    db.commit()
    response = admin.post(case.url(), json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["id"] != forced
    assert not created["created_at"].startswith("2001")
    assert reload(db, case.model_class, forced) is None


@pytest.mark.parametrize(
    ("payload", "message"),
    [("null", EMPTY_BODY), ("[1, 2]", None), ("{not json", None)],
    ids=["null", "array", "invalid-json"],
)
@pytest.mark.parametrize("case", params())
def test_create_refuses_bodies_that_are_not_objects(case, payload, message, admin, db):
    before = count_rows(db, case)
    response = admin.post(case.url(), content=payload, headers=JSON)
    assert_error(response, 400, message)
    assert count_rows(db, case) == before
    assert new_events(db) == []


@pytest.mark.parametrize("case", params(lambda c: c.refuses_unknown_fields))
def test_create_refuses_unknown_fields(case, admin, db):
    body = base_body(db, case)
    before = count_rows(db, case)
    response = admin.post(case.url(), json={**body, "bogus": 1})
    unknown = f"'bogus' is an invalid keyword argument for {case.model}"
    assert_error(response, 400, case.create_refused or unknown)
    assert count_rows(db, case) == before
    assert new_events(db) == []


@pytest.mark.parametrize("case", params())
def test_create_refuses_wrong_types(case, admin, db):
    body = base_body(db, case)
    before = count_rows(db, case)
    response = admin.post(case.url(), json={**body, **case.wrong_type})
    assert_error(response, 400, case.create_refused or case.wrong_type_message)
    assert count_rows(db, case) == before
    assert new_events(db) == []


@pytest.mark.parametrize("case", params(lambda c: c.required))
def test_create_refuses_a_missing_required_field(case, admin, db):
    before = count_rows(db, case)
    body = case.body(db)
    body.pop(case.required, None)
    body_error = assert_error(admin.post(case.url(), json=body), 400)
    assert case.required in body_error["message"]
    assert count_rows(db, case) == before


@pytest.mark.parametrize("case", params(lambda c: c.long_field))
def test_create_refuses_too_long_strings(case, admin, db):
    before = count_rows(db, case)
    response = admin.post(case.url(), json={**case.body(db), case.long_field: "x" * 300})
    assert_error(response, 400)
    assert count_rows(db, case) == before


@pytest.mark.parametrize("case", params(lambda c: c.unique_field))
def test_create_refuses_a_duplicate_unique_value(case, admin, db):
    first = case.body(db)
    assert admin.post(case.url(), json=first).status_code == 201
    second = {**case.body(db), case.unique_field: first[case.unique_field]}
    assert_error(admin.post(case.url(), json=second), 400, case.duplicate_message)
    assert len(events(db, f"{case.event_name}:new")) == 1


@pytest.mark.parametrize("case", params(lambda c: c.parents))
def test_create_refuses_unknown_and_malformed_parents(case, admin, db):
    body = case.body(db)
    db.commit()
    parent = next(key for key in body if key.endswith("_id"))
    before = count_rows(db, case)
    response = admin.post(case.url(), json={**body, parent: str(uuid.uuid4())})
    assert_error(response, case.unknown_parent_status)
    assert_error(admin.post(case.url(), json={**body, parent: "nope"}), 400)
    assert count_rows(db, case) == before
    assert new_events(db) == []


# ---------------------------------------------------------------- update


@pytest.mark.parametrize("case", params())
def test_update_answers_200_stores_the_change_and_logs_an_event(case, admin, db):
    row = case.make_row(db)
    change = case.change(db)
    db.commit()
    response = admin.put(case.url(row.id), json={**change, "id": str(uuid.uuid4())})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["id"], body["type"]) == (sid(row), case.type)
    stored = reload(db, case.model_class, row.id)
    for key, value in change.items():
        assert body[key] == value, key
        assert as_json(getattr(stored, key)) == value, key
    event = one_event(db, f"{case.event_name}:update")
    assert event.data == case.event_payload(db, stored, "update")
    assert event.user_id == admin.person.id


@pytest.mark.parametrize("case", params())
def test_update_ignores_unknown_and_protected_fields(case, admin, db):
    row = case.make_row(db)
    change = case.change(db)
    db.commit()
    payload = {**change, "id": str(uuid.uuid4()), "not_a_column": 3, "type": "Other"}
    response = admin.put(case.url(row.id), json=payload)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["id"], body["type"]) == (sid(row), case.type)
    assert "not_a_column" not in body
    assert all(body[key] == value for key, value in change.items())


@pytest.mark.parametrize("case", params())
def test_update_refuses_an_empty_body(case, admin, db):
    row = case.make_row(db)
    db.commit()
    response = admin.put(case.url(row.id), content="null", headers=JSON)
    assert_error(response, 400, EMPTY_BODY)
    assert new_events(db, row) == []


@pytest.mark.parametrize("case", params())
def test_update_refuses_wrong_types_and_keeps_the_row(case, admin, db):
    row = case.make_row(db)
    db.commit()
    key = next(iter(case.wrong_type))
    before = getattr(row, key)
    response = admin.put(case.url(row.id), json=case.wrong_type)
    assert_error(response, 400, case.wrong_type_message)
    assert getattr(reload(db, case.model_class, row.id), key) == before
    assert new_events(db, row) == []


# ---------------------------------------------------------------- delete


@pytest.mark.parametrize("case", params())
def test_delete_answers_204_removes_the_row_and_logs_an_event(case, admin, db):
    row = case.make_row(db, **case.deletable)
    db.commit()
    row_id = sid(row)
    expected = case.event_payload(db, row, "delete")
    response = admin.delete(case.url(row_id))
    assert response.status_code == 204, response.text
    assert response.content == b""
    assert reload(db, case.model_class, row_id) is None
    event = one_event(db, f"{case.event_name}:delete")
    assert event.data == expected
    assert event.user_id == admin.person.id
    assert_error(admin.get(case.url(row_id)), 404, NOT_FOUND)
