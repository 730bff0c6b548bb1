"""Random bodies and query strings against every CRUD resource: never a 5xx, Zou's
error shapes for every 4xx, and nothing half-written by a refused write."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, types

from reeltrack.crud.registry import registry
from reeltrack.crud.spec import ResourceSpec

SPECS = list(registry)
PATHS = [spec.path for spec in SPECS]
FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
JUNK_KEYS = ["foo", "type", "", "__class__", "id", "created_at", "updated_at", "x" * 300]
BAD_DATES = ["2026-13-45", "2026-02-30", "not-a-date", "2026-11-28T25:61:00", "0000-00-00", ""]
BAD_UUIDS = ["not-a-uuid", "1234", "g" * 32, "00000000-0000-0000-0000-00000000000Z", "[]"]
RESERVED = ["page", "limit", "relations", "fields", "force"]

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**31), max_value=2**31),
    st.integers(min_value=2**63 - 2, max_value=2**80) | st.integers(max_value=-(2**63) - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.text(min_size=300, max_size=600),
    st.sampled_from(BAD_DATES + BAD_UUIDS),
    st.uuids().map(str),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)


def plausible(column: Any) -> st.SearchStrategy[Any]:
    """Values of roughly the right type for a column, often valid, sometimes not."""
    sql_type = column.type
    if column.info.get("choices"):
        return st.sampled_from(tuple(column.info["choices"])) | st.text(max_size=12)
    if isinstance(sql_type, types.Uuid):
        return st.uuids().map(str) | st.sampled_from(BAD_UUIDS)
    if isinstance(sql_type, types.Boolean):
        return st.booleans() | st.sampled_from(["true", "no", "maybe", 2])
    if isinstance(sql_type, types.DateTime | types.Date):
        dates = st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)).map(dt.date.isoformat)
        moments = st.datetimes(dt.datetime(1900, 1, 1)).map(dt.datetime.isoformat)
        return dates | moments | st.sampled_from(BAD_DATES)
    if isinstance(sql_type, types.Integer):
        return st.integers(min_value=-(2**40), max_value=2**40) | json_scalars
    if isinstance(sql_type, types.Numeric | types.Float):
        return st.floats(allow_nan=False, allow_infinity=False, width=32) | json_scalars
    if isinstance(sql_type, types.String):
        length = sql_type.length or 60
        if length == 7:
            return st.from_regex(r"\A#[0-9a-f]{6}\Z") | st.text(max_size=9)
        return st.text(min_size=1, max_size=length + 3)
    return json_values


def plausible_body(spec: ResourceSpec) -> st.SearchStrategy[dict[str, Any]]:
    """The required columns (mostly valid) and some optional ones."""
    required = {key: plausible(spec.columns[key]) for key in spec.required or ()}
    optional = {
        key: plausible(column) | json_scalars
        for key, column in spec.columns.items()
        if key not in required and key not in ("id", "created_at", "updated_at")
    }
    return st.fixed_dictionaries(required, optional=optional)


def junk_body(spec: ResourceSpec) -> st.SearchStrategy[Any]:
    keys = st.sampled_from(sorted(spec.columns) + sorted(spec.link_map) + JUNK_KEYS)
    as_dict = st.dictionaries(keys, json_values, max_size=8)
    not_a_dict = st.lists(json_scalars, max_size=3) | json_scalars
    return as_dict | not_a_dict


def bodies(spec: ResourceSpec) -> st.SearchStrategy[Any]:
    return plausible_body(spec) | junk_body(spec)


def query_strings(spec: ResourceSpec) -> st.SearchStrategy[dict[str, str]]:
    keys = st.sampled_from(sorted(spec.columns) + sorted(spec.link_map) + RESERVED + ["junk"])
    texts = st.one_of(
        st.text(max_size=30),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.sampled_from(BAD_DATES + BAD_UUIDS + ["true", "[", '["a"]', "[1, {}]", "{}", "null"]),
        st.lists(st.uuids().map(str), max_size=3).map(lambda ids: orjson.dumps(ids).decode()),
        st.uuids().map(str),
    )
    return st.dictionaries(keys, texts, max_size=4)


# ------------------------------------------------------------------ checks


def check_answer(response: Any, what: str) -> None:
    """Never a server error; a refusal in Zou's shape."""
    assert response.status_code < 500, f"{what}: {response.status_code} {response.text[:300]}"
    if response.status_code < 400:
        return
    body = response.json()
    if response.status_code == 401:
        assert isinstance(body.get("msg") or body.get("message"), str), what
        return
    assert body.get("error") is True, f"{what}: {body}"
    assert isinstance(body.get("message"), str) and body["message"], f"{what}: {body}"
    assert set(body) <= {"error", "message", "data"}, f"{what}: {body}"


def count_rows(db: Any, spec: ResourceSpec) -> int:
    db.rollback()
    return db.scalar(select(func.count()).select_from(spec.model.__table__))


def snapshot(db: Any, spec: ResourceSpec, row_id: uuid.UUID) -> dict[str, Any]:
    db.rollback()
    table = spec.model.__table__
    row = db.execute(select(table).where(table.c.id == row_id)).mappings().one_or_none()
    return dict(row) if row is not None else {}


def send(caller: TestClient, method: str, path: str, body: Any) -> Any:
    content = json.dumps(body).encode()  # stdlib: orjson cannot write the huge integers
    headers = {"Content-Type": "application/json"}
    return caller.request(method, path, content=content, headers=headers)


# ------------------------------------------------------------------ the fuzz


@pytest.mark.parametrize("spec", SPECS, ids=PATHS)
def test_fuzz_create(fuzz_client, db, spec):
    @FUZZ
    @given(body=bodies(spec))
    def run(body: Any) -> None:
        before = count_rows(db, spec)
        response = send(fuzz_client, "POST", f"/data/{spec.path}", body)
        check_answer(response, f"POST {spec.path} {body!r}"[:500])
        if response.status_code >= 400:
            assert count_rows(db, spec) == before, f"half-written by {body!r}"[:500]
        elif response.status_code == 201:
            created = response.json()
            assert isinstance(created.get("id"), str) and isinstance(created.get("type"), str)
            assert count_rows(db, spec) >= before + 1

    run()


@pytest.mark.parametrize("spec", SPECS, ids=PATHS)
def test_fuzz_update(fuzz_client, db, make_row, spec):
    row_id = make_row(spec).id

    @FUZZ
    @given(body=bodies(spec))
    def run(body: Any) -> None:
        before = snapshot(db, spec, row_id)
        response = send(fuzz_client, "PUT", f"/data/{spec.path}/{row_id}", body)
        check_answer(response, f"PUT {spec.path} {body!r}"[:500])
        if response.status_code >= 400:
            assert snapshot(db, spec, row_id) == before, f"half-written by {body!r}"[:500]
        else:
            assert response.json()["id"] == str(row_id)

    run()


@pytest.mark.parametrize("spec", SPECS, ids=PATHS)
def test_fuzz_list(fuzz_client, make_row, spec):
    make_row(spec)

    @FUZZ
    @given(params=query_strings(spec))
    def run(params: dict[str, str]) -> None:
        response = fuzz_client.get(f"/data/{spec.path}", params=params)
        check_answer(response, f"GET {spec.path} {params!r}"[:500])
        if response.status_code == 200:
            assert isinstance(response.json(), list | dict)

    run()
