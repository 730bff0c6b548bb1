"""The five operations of every config resource, as an admin: values, events, bad input."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import func, select

import reeltrack.models as models
from reeltrack.crud.registry import registry
from reeltrack.crud.resources import config
from reeltrack.crud.spec import Registry
from tests.crud.config_cases import CONFIG_CASES, CONFIG_IDS, ConfigCase
from tests.crud.support import (
    EMPTY_BODY,
    NOT_FOUND,
    assert_error,
    events,
    ids,
    one_event,
    reload,
    sid,
)


@pytest.fixture(params=CONFIG_CASES, ids=CONFIG_IDS)
def case(request: pytest.FixtureRequest) -> ConfigCase:
    return request.param


def model_of(case: ConfigCase) -> type:
    return getattr(models, case.model)


def url(case: ConfigCase, row_id: object = None) -> str:
    base = f"/data/{case.path}"
    return base if row_id is None else f"{base}/{row_id}"


def count_rows(db, case: ConfigCase) -> int:
    db.commit()
    return db.scalar(select(func.count()).select_from(model_of(case)))


def expected_payload(db, case: ConfigCase, row) -> dict:
    payload = {case.id_key: sid(row)}
    if case.project_of is not None:
        payload["project_id"] = str(case.project_of(db, row))
    return payload


def stored_value(value):
    """A stored value as the API writes it back."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_every_config_resource_has_a_case():
    group = Registry()
    config.register(group)
    assert sorted(group.specs) == sorted(CONFIG_IDS)
    for case in CONFIG_CASES:
        assert registry.specs[case.path].model.__name__ == case.model


def test_list_get_and_paginate(case, admin, db):
    rows = [case.make(db) for _ in range(3)]
    db.commit()
    listed = admin.get(url(case)).json()
    assert ids(listed) == {sid(r) for r in rows}
    assert all(item["type"] == case.model for item in listed)
    page = admin.get(url(case), params={"page": 1, "limit": 2}).json()
    assert (page["total"], page["nb_pages"], len(page["data"])) == (3, 2, 2)
    one = admin.get(url(case, rows[0].id)).json()
    assert one["id"] == sid(rows[0]) and one["type"] == case.model
    assert one["created_at"] == rows[0].created_at.replace(microsecond=0).isoformat()


def test_list_filters_on_id_lists(case, admin, db):
    rows = [case.make(db) for _ in range(3)]
    db.commit()
    wanted = [sid(rows[0]), sid(rows[2])]
    body = admin.get(url(case), params={"id": f'["{wanted[0]}", "{wanted[1]}"]'}).json()
    assert ids(body) == set(wanted)
    assert_error(admin.get(url(case), params={"id": "nope"}), 400, "Invalid UUID value: nope")


def test_create_stores_the_row_and_logs_an_event(case, admin, db):
    body = case.body(db)
    db.commit()
    response = admin.post(url(case), json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["type"] == case.model
    stored = reload(db, model_of(case), created["id"])
    for key, value in body.items():
        assert created[key] == value, key
        assert stored_value(getattr(stored, key)) == value, key
    event = one_event(db, f"{case.event}:new")
    assert event.data == expected_payload(db, case, stored)
    assert event.user_id == admin.person.id


def test_update_stores_the_change_and_logs_an_event(case, admin, db):
    row = case.make(db)
    db.commit()
    response = admin.put(url(case, row.id), json={**case.update, "id": str(uuid.uuid4())})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["id"] == sid(row)
    stored = reload(db, model_of(case), row.id)
    for key, value in case.update.items():
        assert body[key] == value
        assert stored_value(getattr(stored, key)) == value
    event = one_event(db, f"{case.event}:update")
    assert event.data == expected_payload(db, case, stored)


def test_delete_removes_the_row_and_logs_an_event(case, admin, db):
    row = case.make(db)
    db.commit()
    payload = expected_payload(db, case, row)
    response = admin.delete(url(case, row.id))
    assert response.status_code == 204, response.text
    assert response.content == b""
    assert reload(db, model_of(case), row.id) is None
    assert one_event(db, f"{case.event}:delete").data == payload
    assert admin.get(url(case, row.id)).status_code == 404


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_unknown_and_malformed_ids(case, method, admin):
    kwargs = {"json": case.update} if method == "put" else {}
    call = getattr(admin, method)
    missing = call(url(case, uuid.uuid4()), **kwargs)
    if case.path == "project-templates" and method != "get":
        assert_error(missing, 404, "Project template not found")
    else:
        assert_error(missing, 404, NOT_FOUND)
    assert_error(call(url(case, "not-a-uuid"), **kwargs), 400, "Malformed ID.")


def test_bad_bodies_are_refused_and_change_nothing(case, admin, db):
    row = case.make(db)
    bad_body = {**case.body(db), **case.wrong_type}
    db.commit()
    before = count_rows(db, case)
    headers = {"Content-Type": "application/json"}
    assert_error(admin.post(url(case), content="null", headers=headers), 400, EMPTY_BODY)
    assert_error(admin.post(url(case), content="[1]", headers=headers), 400)
    assert_error(admin.post(url(case), content="{bad", headers=headers), 400)
    assert_error(admin.post(url(case), json=bad_body), 400)
    assert_error(admin.put(url(case, row.id), json=case.wrong_type), 400)
    assert_error(admin.put(url(case, row.id), content="null", headers=headers), 400, EMPTY_BODY)
    assert count_rows(db, case) == before
    assert events(db) == []


def test_list_runs_a_fixed_number_of_queries(case, admin, db, count_queries):
    def listing() -> int:
        with count_queries() as counter:
            assert admin.get(url(case), params={"relations": "true"}).status_code == 200
        return counter.count

    for _ in range(3):
        case.make(db)
    db.commit()
    few = listing()
    for _ in range(27):
        case.make(db)
    db.commit()
    assert listing() == few
