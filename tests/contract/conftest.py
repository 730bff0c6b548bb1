"""Rows of any served resource, for the contract and fuzz tests."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import types
from sqlalchemy.orm import Session

from reeltrack.crud.spec import ResourceSpec
from reeltrack.db.base import Base
from tests import factories

KNOWN_FACTORIES: dict[str, Callable[[Session], Any]] = {
    "Person": factories.make_person,
    "Department": factories.make_department,
    "Studio": factories.make_studio,
    "Organisation": factories.make_organisation,
    "Project": factories.make_project,
    "TaskType": factories.make_task_type,
    "TaskStatus": factories.make_task_status,
    "EntityType": factories.make_entity_type,
    "ProjectStatus": lambda session: factories.project_status(session, f"PS {factories.n()}"),
}


def _model_of_table(table: Any) -> Any:
    for mapper in Base.registry.mappers:
        if mapper.local_table is table:
            return mapper.class_
    return None


def _plain_value(column: Any) -> Any:
    """A valid value for a required column without a foreign key."""
    sql_type = column.type
    choices = column.info.get("choices")
    if choices:
        return choices[0]
    if isinstance(sql_type, types.Uuid):
        return uuid.uuid4()
    if isinstance(sql_type, types.Boolean):
        return False
    if isinstance(sql_type, types.DateTime):
        return dt.datetime(2026, 1, 2, 3, 4, 5)
    if isinstance(sql_type, types.Date):
        return dt.date(2026, 1, 2)
    if isinstance(sql_type, types.Integer):
        return 1
    if isinstance(sql_type, types.Numeric | types.Float):
        return 1.0
    if isinstance(sql_type, types.String):
        length = sql_type.length or 40
        if column.name == "color" or length == 7:
            return "#123456"
        return f"v{factories.n()}"[:length]
    return None


def build_row(session: Session, model: Any, depth: int = 0) -> Any:
    """A row of any model: its factory when there is one, else its required columns."""
    factory = KNOWN_FACTORIES.get(model.__name__)
    if factory is not None:
        return factory(session)
    if depth > 4:
        raise RuntimeError(f"cannot build a {model.__name__}: parents nest too deep")
    values: dict[str, Any] = {}
    for column in model.__table__.columns:
        if column.default is not None or column.server_default is not None:
            continue
        if column.nullable and not column.primary_key:
            continue
        key = next(iter(column.foreign_keys), None)
        if key is not None:
            parent = _model_of_table(key.column.table)
            values[column.key] = build_row(session, parent, depth + 1).id
        else:
            values[column.key] = _plain_value(column)
    row = model(**values)
    session.add(row)
    session.flush()
    return row


@pytest.fixture()
def make_row(db: Session) -> Callable[[ResourceSpec], Any]:
    """Create and commit one row of a resource; skip resources we cannot build."""

    def make(spec: ResourceSpec) -> Any:
        try:
            row = build_row(db, spec.model)
        except Exception as exc:  # a future model with unusual constraints
            db.rollback()
            pytest.skip(f"no generic row for {spec.path}: {exc}")
        db.commit()
        return row

    return make


@pytest.fixture()
def fuzz_client(app: Any, admin: TestClient) -> TestClient:
    """The admin's client, answering server errors instead of raising them."""
    caller = TestClient(app, raise_server_exceptions=False)
    caller.headers["Authorization"] = admin.headers["Authorization"]
    return caller
