"""The five operations of entities, entity links, asset instances and tasks, as an admin."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import reeltrack.models as models
from reeltrack.crud.registry import registry
from reeltrack.crud.resources import entities
from reeltrack.crud.spec import Registry
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
class Case:
    """One resource of the group as the shared tests drive it."""

    path: str
    model: str
    type_name: str
    event: str
    make: Callable[..., Any]
    body: Callable[[Session], dict[str, Any]]
    update: dict[str, Any]
    wrong_type: dict[str, Any]
    wrong_type_message: str
    project_of: Callable[[Any], Any] | None = None

    @property
    def id_key(self) -> str:
        return f"{self.event.replace('-', '_')}_id"


def _entity_body(db: Session) -> dict[str, Any]:
    project = factories.make_project(db)
    kind = factories.make_entity_type(db)
    return {"name": "Hero", "project_id": sid(project), "entity_type_id": sid(kind)}


def _link_body(db: Session) -> dict[str, Any]:
    shot = factories.make_entity(db, type_name="Shot")
    asset = factories.make_entity(db, project_id=shot.project_id)
    return {"entity_in_id": sid(shot), "entity_out_id": sid(asset), "nb_occurences": 2}


def _instance_body(db: Session) -> dict[str, Any]:
    return {"asset_id": sid(factories.make_entity(db)), "number": 3, "name": "hero_0003"}


def _task_body(db: Session) -> dict[str, Any]:
    entity = factories.make_entity(db)
    task_type = factories.make_task_type(db, for_entity="Asset")
    return {"entity_id": sid(entity), "task_type_id": sid(task_type), "name": "layout"}


CASES = [
    Case(
        path="entities",
        model="Entity",
        type_name="Asset",
        event="asset",
        make=factories.make_entity,
        body=_entity_body,
        update={"description": "A brave hero"},
        wrong_type={"nb_frames": "many"},
        wrong_type_message="Field 'nb_frames' must be an integer.",
        project_of=lambda row: row.project_id,
    ),
    Case(
        path="entity-links",
        model="EntityLink",
        type_name="EntityLink",
        event="entity-link",
        make=factories.make_entity_link,
        body=_link_body,
        update={"label": "fixed"},
        wrong_type={"nb_occurences": "twice"},
        wrong_type_message="Field 'nb_occurences' must be an integer.",
    ),
    Case(
        path="asset-instances",
        model="AssetInstance",
        type_name="AssetInstance",
        event="asset-instance",
        make=factories.make_asset_instance,
        body=_instance_body,
        update={"description": "On the left"},
        wrong_type={"active": "perhaps"},
        wrong_type_message="Field 'active' must be a boolean.",
    ),
    Case(
        path="tasks",
        model="Task",
        type_name="Task",
        event="task",
        make=factories.make_task,
        body=_task_body,
        update={"priority": 2},
        wrong_type={"priority": "urgent"},
        wrong_type_message="Field 'priority' must be an integer.",
        project_of=lambda row: row.project_id,
    ),
]
IDS = [case.path for case in CASES]


@pytest.fixture(params=CASES, ids=IDS)
def case(request: pytest.FixtureRequest) -> Case:
    return request.param


def url(case: Case, row_id: object = None) -> str:
    return f"/data/{case.path}" if row_id is None else f"/data/{case.path}/{row_id}"


def count_rows(db: Session, case: Case) -> int:
    db.commit()
    return db.scalar(select(func.count()).select_from(getattr(models, case.model)))


def payload(case: Case, row: Any, **extra: Any) -> dict[str, Any]:
    data = {case.id_key: sid(row), **extra}
    if case.project_of is not None:
        data["project_id"] = str(case.project_of(row))
    return data


def test_every_resource_of_the_group_has_a_case():
    group = Registry()
    entities.register(group)
    assert sorted(group.specs) == sorted(IDS)
    for case in CASES:
        assert registry.specs[case.path].model.__name__ == case.model


def test_list_get_page_and_filter(case, admin, db):
    rows = [case.make(db) for _ in range(3)]
    db.commit()
    listed = admin.get(url(case)).json()
    assert ids(listed) >= {sid(r) for r in rows}
    assert {item["type"] for item in listed} == {case.type_name}
    page = admin.get(url(case), params={"page": 1, "limit": 2}).json()
    assert (page["nb_pages"], len(page["data"])) == (-(-page["total"] // 2), 2)
    filtered = admin.get(url(case), params={"id": sid(rows[1])}).json()
    assert ids(filtered) == {sid(rows[1])}
    one = admin.get(url(case, rows[0].id)).json()
    assert (one["id"], one["type"]) == (sid(rows[0]), case.type_name)
    fields = admin.get(url(case), params={"fields": "created_at"}).json()
    assert set(fields[0]) == {"id", "type", "created_at"}


def test_create_stores_the_row_and_logs_an_event(case, admin, db):
    body = case.body(db)
    db.commit()
    response = admin.post(url(case), json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["type"] == case.type_name
    assert all(created[key] == value for key, value in body.items())
    stored = reload(db, getattr(models, case.model), created["id"])
    assert stored is not None
    assert one_event(db, f"{case.event}:new").data == payload(case, stored)


def test_update_stores_the_change_and_logs_an_event(case, admin, db):
    row = case.make(db)
    db.commit()
    response = admin.put(url(case, row.id), json={**case.update, "id": str(uuid.uuid4())})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["id"] == sid(row) and body["type"] == case.type_name
    stored = reload(db, getattr(models, case.model), row.id)
    assert all(getattr(stored, key) == value for key, value in case.update.items())
    assert one_event(db, f"{case.event}:update").data == payload(case, row)


def test_delete_removes_the_row_and_logs_an_event(case, admin, db):
    row = case.make(db)
    db.commit()
    expected = payload(case, row)
    if case.path == "tasks":
        expected.update(entity_id=sid_of(row.entity_id), task_type_id=sid_of(row.task_type_id))
    response = admin.delete(url(case, row.id))
    assert response.status_code == 204, response.text
    assert reload(db, getattr(models, case.model), row.id) is None
    assert one_event(db, f"{case.event}:delete").data == expected
    assert_error(admin.get(url(case, row.id)), 404, NOT_FOUND)


def sid_of(value: Any) -> str:
    return str(value)


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_unknown_and_malformed_ids(case, method, admin):
    call = getattr(admin, method)
    kwargs = {"json": case.update} if method == "put" else {}
    assert_error(call(url(case, uuid.uuid4()), **kwargs), 404, NOT_FOUND)
    assert_error(call(url(case, "not-a-uuid"), **kwargs), 400, "Malformed ID.")


@pytest.mark.parametrize("payload_text", ["null", "[1, 2]", "{not json"])
def test_create_refuses_bodies_that_are_not_objects(case, payload_text, admin, db):
    before = count_rows(db, case)
    headers = {"Content-Type": "application/json"}
    response = admin.post(url(case), content=payload_text, headers=headers)
    assert_error(response, 400, EMPTY_BODY if payload_text == "null" else None)
    assert count_rows(db, case) == before


def test_create_refuses_wrong_types_and_unknown_fields(case, admin, db):
    body = case.body(db)
    db.commit()
    before = count_rows(db, case)
    response = admin.post(url(case), json={**body, **case.wrong_type})
    assert_error(response, 400, case.wrong_type_message)
    response = admin.post(url(case), json={**body, "bogus": 1})
    assert_error(response, 400, f"'bogus' is an invalid keyword argument for {case.model}")
    assert count_rows(db, case) == before
    assert events(db) == []


def test_create_refuses_unknown_parents(case, admin, db):
    body = case.body(db)
    db.commit()
    key = next(key for key in body if key.endswith("_id"))
    response = admin.post(url(case), json={**body, key: str(uuid.uuid4())})
    assert response.status_code in (400, 404), response.text
    assert response.json()["error"] is True
    malformed = admin.post(url(case), json={**body, key: "nope"})
    assert malformed.status_code == 400


def test_update_refuses_wrong_types_and_empty_bodies(case, admin, db):
    row = case.make(db)
    db.commit()
    assert_error(admin.put(url(case, row.id), json=case.wrong_type), 400, case.wrong_type_message)
    headers = {"Content-Type": "application/json"}
    assert_error(admin.put(url(case, row.id), content="null", headers=headers), 400, EMPTY_BODY)
    assert events(db) == []


@pytest.mark.parametrize("relations", ["false", "true"])
def test_list_query_count_does_not_grow_with_rows(case, relations, admin, db, count_queries):
    def measure(total: int) -> int:
        for _ in range(total):
            case.make(db)
        db.commit()
        with count_queries() as counter:
            response = admin.get(url(case), params={"relations": relations})
        assert response.status_code == 200
        return counter.count

    assert measure(3) == measure(27)
