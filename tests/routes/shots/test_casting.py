"""GET /data/shots/<shot_id>/assets: the assets cast in a shot."""

from __future__ import annotations

import uuid

import pytest

from tests import factories as f
from tests.crud.support import assert_error, assert_forbidden
from tests.routes.breakdown.helpers import ROLES, link, make_production, member


@pytest.fixture()
def prod(db):
    return make_production(db)


def test_cast_assets_are_full_asset_rows(admin, db, prod) -> None:
    shot = prod.shots[0]
    gone = f.make_entity(db, prod.project, name="Gone", canceled=True)
    for asset in (prod.hero, prod.chair, gone):
        link(db, shot, asset)
    response = admin.get(f"/data/shots/{shot.id}/assets")
    assert response.status_code == 200, response.text
    rows = response.json()
    # Zou lists the linked rows as they are, canceled ones included.
    assert [row["name"] for row in rows] == ["Chair", "Gone", "Hero"]
    assert all(row["type"] == "Asset" for row in rows)
    assert rows[2]["id"] == str(prod.hero.id)
    assert rows[2]["entity_type_id"] == str(prod.character.id)
    assert {"project_id", "canceled", "nb_entities_out", "data"} <= set(rows[0])
    assert admin.get(f"/data/shots/{prod.shots[1].id}/assets").json() == []


def test_wrong_ids(admin, prod) -> None:
    assert_error(admin.get(f"/data/shots/{prod.hero.id}/assets"), 404)
    assert_error(admin.get(f"/data/shots/{prod.sequence.id}/assets"), 404)
    assert_error(admin.get(f"/data/shots/{uuid.uuid4()}/assets"), 404)
    assert_error(admin.get("/data/shots/nope/assets"), 400, "Malformed ID.")


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(as_role, db, prod, role) -> None:
    caller = member(as_role, db, prod.project, role)
    link(db, prod.shots[0], prod.hero)
    response = caller.get(f"/data/shots/{prod.shots[0].id}/assets")
    if role == "vendor":
        assert_forbidden(response)
        f.make_task(db, prod.shots[0], assignees=[caller.person])
        db.commit()
        response = caller.get(f"/data/shots/{prod.shots[0].id}/assets")
    assert response.status_code == 200, response.text
    assert [row["id"] for row in response.json()] == [str(prod.hero.id)]


def test_outsider_is_refused(as_role, prod) -> None:
    assert_forbidden(as_role("supervisor").get(f"/data/shots/{prod.shots[0].id}/assets"))
