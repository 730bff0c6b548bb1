"""The five operations of every people-group resource, as an admin: values, events, bad input."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import reeltrack.models as models
from reeltrack.crud.registry import registry
from reeltrack.crud.resources import people
from reeltrack.crud.spec import Registry
from reeltrack.models.task import task_person_link
from tests import factories
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


@dataclass(frozen=True)
class PeopleCase:
    """One people-group resource as the shared tests drive it."""

    path: str
    model: str
    event: str
    make: Callable[..., Any]
    body: Callable[[Session], dict[str, Any]] | None
    update: dict[str, Any]
    wrong_type: dict[str, Any]

    @property
    def id_key(self) -> str:
        return f"{self.event.replace('-', '_')}_id"


def _assigned_time_spent(db: Session, **fields: Any) -> Any:
    """A time spent whose person is assigned to the task, so an admin may delete it."""
    row = factories.make_time_spent(db, **fields)
    db.execute(task_person_link.insert().values(task_id=row.task_id, person_id=row.person_id))
    return row


def _time_spent_body(db: Session) -> dict[str, Any]:
    task, person = factories.make_bare_task(db), factories.make_person(db)
    return {"task_id": sid(task), "person_id": sid(person), "date": "2024-04-04", "duration": 30.0}


def _day_off_body(db: Session) -> dict[str, Any]:
    person = factories.make_person(db)
    return {"person_id": sid(person), "date": "2031-01-01", "end_date": "2031-01-02"}


def _named(prefix: str, **extra: Any) -> Callable[[Session], dict[str, Any]]:
    return lambda db: {"name": f"{prefix} {uuid.uuid4().hex[:8]}", **extra}


def _search_body(**extra: Any) -> Callable[[Session], dict[str, Any]]:
    def body(db: Session) -> dict[str, Any]:
        person = factories.make_person(db)
        return {"list_type": "asset", "name": "Mine", "person_id": sid(person), **extra}

    return body


def _plugin_body(db: Session) -> dict[str, Any]:
    return {
        "plugin_id": uuid.uuid4().hex,
        "name": "Exporter",
        "version": "2.0",
        "maintainer_name": "Jo",
        "license": "GPL",
    }


def _budget_body(db: Session) -> dict[str, Any]:
    project = factories.make_project(db)
    return {"project_id": sid(project), "name": "Quote", "revision": 2, "currency": "EUR"}


def _budget_entry_body(db: Session) -> dict[str, Any]:
    return {
        "budget_id": sid(factories.make_budget(db)),
        "department_id": sid(factories.make_department(db)),
        "person_id": sid(factories.make_person(db)),
        "start_date": "2030-01-01",
        "months_duration": 2,
        "daily_salary": 300.0,
        "seniority": "junior",
    }


MAYBE = "maybe"
CASES = [
    PeopleCase(
        "time-spents",
        "TimeSpent",
        "time-spent",
        _assigned_time_spent,
        _time_spent_body,
        {"duration": 45.0},
        {"duration": "long"},
    ),
    PeopleCase(
        "day-offs",
        "DayOff",
        "day-off",
        factories.make_day_off,
        _day_off_body,
        {"description": "Sick"},
        {"date": "soon"},
    ),
    PeopleCase(
        "hardware-items",
        "HardwareItem",
        "hardware-item",
        factories.make_hardware_item,
        _named("Tablet", short_name="tab"),
        {"inventory_amount": 4},
        {"monthly_cost": "cheap"},
    ),
    PeopleCase(
        "softwares",
        "Software",
        "software",
        factories.make_software,
        _named("Blender", short_name="bl", file_extension=".blend"),
        {"version": "5.0"},
        {"inventory_amount": "many"},
    ),
    PeopleCase(
        "salary-scales",
        "SalaryScale",
        "salary-scale",
        factories.make_salary_scale,
        None,
        {"salary": 3000},
        {"salary": "lots"},
    ),
    PeopleCase(
        "search-filters",
        "SearchFilter",
        "search-filter",
        factories.make_search_filter,
        _search_body(search_query="status=wip"),
        {"name": "Renamed"},
        {"is_shared": MAYBE},
    ),
    PeopleCase(
        "search-filter-groups",
        "SearchFilterGroup",
        "search-filter-group",
        factories.make_search_filter_group,
        _search_body(color="#00ff00"),
        {"name": "Renamed"},
        {"is_shared": MAYBE},
    ),
    PeopleCase(
        "custom-actions",
        "CustomAction",
        "custom-action",
        factories.make_custom_action,
        _named("Publish", url="https://example.com/publish", entity_type="shot"),
        {"url": "https://example.com/other"},
        {"is_ajax": MAYBE},
    ),
    PeopleCase(
        "plugins",
        "Plugin",
        "plugin",
        factories.make_plugin,
        _plugin_body,
        {"description": "Exports things"},
        {"frontend_project_enabled": MAYBE},
    ),
    PeopleCase(
        "budgets",
        "Budget",
        "budget",
        factories.make_budget,
        _budget_body,
        {"name": "Quote B"},
        {"currency": ["EUR"]},
    ),
    PeopleCase(
        "budget-entries",
        "BudgetEntry",
        "budget-entry",
        factories.make_budget_entry,
        _budget_entry_body,
        {"daily_salary": 321.5},
        {"months_duration": "long"},
    ),
]
CREATABLE = [case for case in CASES if case.body is not None]


@pytest.fixture(params=CASES, ids=[case.path for case in CASES])
def case(request: pytest.FixtureRequest) -> PeopleCase:
    return request.param


@pytest.fixture(params=CREATABLE, ids=[case.path for case in CREATABLE])
def creatable(request: pytest.FixtureRequest) -> PeopleCase:
    return request.param


def model_of(case: PeopleCase) -> type:
    return getattr(models, case.model)


def url(case: PeopleCase, row_id: object = None) -> str:
    base = f"/data/{case.path}"
    return base if row_id is None else f"{base}/{row_id}"


def count_rows(db, case: PeopleCase) -> int:
    db.commit()
    return db.scalar(select(func.count()).select_from(model_of(case)))


def expected_payload(case: PeopleCase, row: Any) -> dict:
    payload = {case.id_key: sid(row)}
    if getattr(row, "project_id", None) is not None:
        payload["project_id"] = str(row.project_id)
    return payload


def as_json(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def test_every_people_resource_has_a_case():
    group = Registry()
    people.register(group)
    assert sorted(group.specs) == sorted(case.path for case in CASES)
    for case in CASES:
        assert registry.specs[case.path].model.__name__ == case.model


def test_list_get_filter_and_paginate(case, admin, db):
    rows = [case.make(db) for _ in range(3)]
    db.commit()
    listed = admin.get(url(case)).json()
    assert {sid(r) for r in rows} <= ids(listed)
    assert all(item["type"] == case.model for item in listed)
    page = admin.get(url(case), params={"page": 1, "limit": 2}).json()
    assert (page["total"], len(page["data"])) == (len(listed), 2)
    one = admin.get(url(case, rows[0].id)).json()
    assert one["id"] == sid(rows[0]) and one["type"] == case.model
    assert one["created_at"] == rows[0].created_at.replace(microsecond=0).isoformat()
    wanted = [sid(rows[0]), sid(rows[2])]
    body = admin.get(url(case), params={"id": f'["{wanted[0]}", "{wanted[1]}"]'}).json()
    assert ids(body) == set(wanted)
    assert_error(admin.get(url(case), params={"id": "nope"}), 400, "Invalid UUID value: nope")


def test_create_stores_the_row_and_logs_an_event(creatable, admin, db):
    case = creatable
    assert case.body is not None
    body = case.body(db)
    db.commit()
    response = admin.post(url(case), json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["type"] == case.model
    stored = reload(db, model_of(case), created["id"])
    for key, value in body.items():
        assert created[key] == value, key
        assert as_json(getattr(stored, key)) == value, key
    event = one_event(db, f"{case.event}:new")
    assert event.data == expected_payload(case, stored)
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
        assert as_json(getattr(stored, key)) == value
    assert one_event(db, f"{case.event}:update").data == expected_payload(case, stored)


def test_delete_removes_the_row_and_logs_an_event(case, admin, db):
    row = case.make(db)
    db.commit()
    payload = expected_payload(case, row)
    response = admin.delete(url(case, row.id))
    assert response.status_code == 204, response.text
    assert response.content == b""
    assert reload(db, model_of(case), row.id) is None
    assert one_event(db, f"{case.event}:delete").data == payload
    assert_error(admin.get(url(case, row.id)), 404, NOT_FOUND)


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_unknown_and_malformed_ids(case, method, admin):
    kwargs = {"json": case.update} if method == "put" else {}
    call = getattr(admin, method)
    assert_error(call(url(case, uuid.uuid4()), **kwargs), 404, NOT_FOUND)
    assert_error(call(url(case, "not-a-uuid"), **kwargs), 400, "Malformed ID.")


def test_bad_bodies_are_refused_and_change_nothing(case, admin, db):
    row = case.make(db)
    bad_body = {**(case.body(db) if case.body else {}), **case.wrong_type}
    db.commit()
    before = count_rows(db, case)
    headers = {"Content-Type": "application/json"}
    assert_error(admin.post(url(case), content="null", headers=headers), 400, EMPTY_BODY)
    assert_error(admin.post(url(case), content="[1]", headers=headers), 400)
    assert_error(admin.post(url(case), content="{bad", headers=headers), 400)
    assert_error(admin.post(url(case), json=bad_body), 400)
    assert_error(admin.post(url(case), json={**bad_body, "bogus": 1}), 400)
    assert_error(admin.put(url(case, row.id), json=case.wrong_type), 400)
    assert_error(admin.put(url(case, row.id), content="null", headers=headers), 400, EMPTY_BODY)
    assert count_rows(db, case) == before
    assert events(db) == []


def test_list_runs_a_fixed_number_of_queries(case, admin, db, count_queries):
    def listing() -> int:
        admin.get(url(case))  # salary scales fill their grid on a first listing
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
