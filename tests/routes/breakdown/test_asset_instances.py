"""Asset instances of scenes and shots: /data/scenes/<id>/asset-instances, camera-instances,
/data/shots/<id>/asset-instances (+ /<asset_instance_id>)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from reeltrack.models import asset_instance_link
from tests import factories as f
from tests.crud.support import assert_error, assert_forbidden, events, one_event
from tests.routes.breakdown.helpers import ROLES, assert_bad, make_production, member


def _linked(db, shot) -> set[str]:
    db.commit()
    link = asset_instance_link.c
    rows = db.scalars(select(link.asset_instance_id).where(link.entity_id == shot.id))
    return {str(row) for row in rows}


def test_scene_instances_are_numbered_and_named(admin, db, prod) -> None:
    prod.hero.name = "Hérö Big-Guy"
    db.merge(prod.hero)
    db.commit()
    url = f"/data/scenes/{prod.scene.id}/asset-instances"
    first = admin.post(url, json={"asset_id": str(prod.hero.id), "description": "left"})
    assert first.status_code == 201, first.text
    second = admin.post(url, json={"asset_id": str(prod.hero.id)})
    chair = admin.post(url, json={"asset_id": str(prod.chair.id)}).json()
    assert (first.json()["number"], second.json()["number"]) == (1, 2)
    assert first.json()["name"] == "Hero_Big_Guy_0001"
    assert first.json()["description"] == "left"
    assert first.json()["type"] == "AssetInstance"
    assert first.json()["scene_id"] == str(prod.scene.id)
    created = events(db, "asset_instance:new")
    assert len(created) == 3
    event = next(e for e in created if e.data["asset_instance_id"] == chair["id"])
    assert event.data["scene_id"] == str(prod.scene.id)
    assert event.data["asset_id"] == str(prod.chair.id)

    listing = admin.get(url).json()
    assert set(listing) == {str(prod.hero.id), str(prod.chair.id)}
    assert [row["number"] for row in listing[str(prod.hero.id)]] == [1, 2]


def test_camera_instances_only_list_cameras(admin, db, prod) -> None:
    camera_type = f.entity_type_named(db, "Camera")
    camera = f.make_entity(db, prod.project, name="Cam", entity_type_id=camera_type.id)
    db.commit()
    url = f"/data/scenes/{prod.scene.id}/asset-instances"
    admin.post(url, json={"asset_id": str(camera.id)})
    admin.post(url, json={"asset_id": str(prod.hero.id)})
    cameras = admin.get(f"/data/scenes/{prod.scene.id}/camera-instances").json()
    assert list(cameras) == [str(camera.id)]


def test_shot_instances_add_list_remove(admin, db, prod) -> None:
    shot = prod.shots[0]
    instance = f.make_asset_instance(db, asset=prod.hero, scene_id=prod.scene.id)
    db.commit()
    url = f"/data/shots/{shot.id}/asset-instances"
    added = admin.post(url, json={"asset_instance_id": str(instance.id)})
    assert added.status_code == 201, added.text
    assert added.json()["id"] == str(shot.id)
    assert added.json()["type"] == "Entity"
    assert admin.post(url, json={"asset_instance_id": str(instance.id)}).status_code == 201
    assert _linked(db, shot) == {str(instance.id)}
    assert one_event(db, "asset_instance:add-to-shot").data["shot_id"] == str(shot.id)

    listing = admin.get(url).json()
    assert [row["id"] for row in listing[str(prod.hero.id)]] == [str(instance.id)]

    removed = admin.delete(f"{url}/{instance.id}")
    assert removed.status_code == 204
    assert _linked(db, shot) == set()
    assert one_event(db, "asset_instance:remove-from-shot").data["asset_instance_id"] == str(
        instance.id
    )
    assert_error(admin.delete(f"{url}/{instance.id}"), 404)


def test_wrong_ids(admin, db, prod) -> None:
    other = make_production(db)
    foreign = f.make_asset_instance(db, asset=other.hero)
    db.commit()
    shot, scene = prod.shots[0], prod.scene
    assert_error(admin.get(f"/data/scenes/{shot.id}/asset-instances"), 404)
    assert_error(admin.get("/data/scenes/x/camera-instances"), 400, "Malformed ID.")
    assert_error(admin.get(f"/data/shots/{scene.id}/asset-instances"), 404)
    assert_error(admin.get(f"/data/shots/{uuid.uuid4()}/asset-instances"), 404)
    assert_bad(admin.post(f"/data/scenes/{scene.id}/asset-instances", json={"asset_id": "x"}))
    assert_bad(admin.post(f"/data/scenes/{scene.id}/asset-instances", json={}))
    shot_as_asset = {"asset_id": str(shot.id)}
    assert_error(admin.post(f"/data/scenes/{scene.id}/asset-instances", json=shot_as_asset), 404)
    foreign_asset = {"asset_id": str(other.hero.id)}
    assert_error(admin.post(f"/data/scenes/{scene.id}/asset-instances", json=foreign_asset), 400)
    url = f"/data/shots/{shot.id}/asset-instances"
    assert_error(admin.post(url, json={"asset_instance_id": str(foreign.id)}), 400)
    assert_error(admin.post(url, json={"asset_instance_id": str(uuid.uuid4())}), 404)
    assert_bad(admin.post(url, json={"asset_instance_id": 5}))
    assert_error(admin.delete(f"{url}/nope"), 400, "Malformed ID.")
    assert _linked(db, shot) == set()


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(as_role, db, prod, role) -> None:
    caller = member(as_role, db, prod.project, role)
    shot = prod.shots[0]
    instance = f.make_asset_instance(db, asset=prod.hero, scene_id=prod.scene.id)
    db.commit()
    reads = [
        caller.get(f"/data/scenes/{prod.scene.id}/asset-instances"),
        caller.get(f"/data/scenes/{prod.scene.id}/camera-instances"),
        caller.get(f"/data/shots/{shot.id}/asset-instances"),
    ]
    add = caller.post(
        f"/data/shots/{shot.id}/asset-instances", json={"asset_instance_id": str(instance.id)}
    )
    create = caller.post(
        f"/data/scenes/{prod.scene.id}/asset-instances", json={"asset_id": str(prod.chair.id)}
    )
    if role == "vendor":
        # A vendor reaches only the entities holding one of their tasks.
        for response in [*reads, add, create]:
            assert_forbidden(response)
        assert _linked(db, shot) == set()
    else:
        assert all(r.status_code == 200 for r in reads)
        assert (add.status_code, create.status_code) == (201, 201)


def test_vendor_with_tasks_reaches_the_entities(as_role, db, prod) -> None:
    vendor = member(as_role, db, prod.project, "vendor")
    shot = prod.shots[0]
    f.make_task(db, shot, assignees=[vendor.person])
    f.make_task(db, prod.hero, assignees=[vendor.person])
    instance = f.make_asset_instance(db, asset=prod.hero, scene_id=prod.scene.id)
    db.commit()
    assert vendor.get(f"/data/shots/{shot.id}/asset-instances").status_code == 200
    url = f"/data/shots/{shot.id}/asset-instances"
    assert vendor.post(url, json={"asset_instance_id": str(instance.id)}).status_code == 201
    assert_forbidden(vendor.get(f"/data/shots/{prod.shots[1].id}/asset-instances"))


def test_outsider_is_refused(as_role, db, prod) -> None:
    caller = as_role("manager")
    assert_forbidden(caller.get(f"/data/shots/{prod.shots[0].id}/asset-instances"))
    url = f"/data/scenes/{prod.scene.id}/asset-instances"
    assert_forbidden(caller.post(url, json={"asset_id": str(prod.hero.id)}))
