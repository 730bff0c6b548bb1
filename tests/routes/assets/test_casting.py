"""Casting routes of the assets blueprint: cast-in, casting, asset instances, shot asset types."""

from __future__ import annotations

import uuid

import pytest

from tests import factories as f
from tests.crud.support import assert_error, assert_forbidden, events, one_event
from tests.routes.breakdown.helpers import (
    ROLES,
    assert_bad,
    cast,
    link,
    links_of,
    make_production,
    member,
)


@pytest.fixture()
def prod(db):
    return make_production(db)


def test_cast_in_lists_shots_then_assets(admin, db, prod) -> None:
    loose_sequence = f.make_entity(db, prod.project, type_name="Sequence", name="SQ00")
    loose_shot = f.make_entity(
        db, prod.project, type_name="Shot", name="SH900", parent_id=loose_sequence.id
    )
    link(db, prod.shots[1], prod.chair, nb_occurences=2)
    link(db, loose_shot, prod.chair)
    link(db, prod.hero, prod.chair, nb_occurences=3)
    link(db, prod.episode, prod.chair)
    response = admin.get(f"/data/assets/{prod.chair.id}/cast-in")
    assert response.status_code == 200, response.text
    assert response.json() == [
        {
            "shot_id": str(prod.shots[1].id),
            "shot_name": "SH002",
            "sequence_name": "SQ01",
            "episode_id": str(prod.episode.id),
            "episode_name": "E01",
            "preview_file_id": None,
            "nb_occurences": 2,
        },
        {
            "shot_id": str(loose_shot.id),
            "shot_name": "SH900",
            "sequence_name": "SQ00",
            "episode_id": "None",
            "episode_name": None,
            "preview_file_id": None,
            "nb_occurences": 1,
        },
        {
            "asset_id": str(prod.hero.id),
            "asset_name": "Hero",
            "asset_type_name": prod.character.name,
            "preview_file_id": None,
            "nb_occurences": 3,
        },
    ]


def test_asset_casting_get_and_put(admin, db, prod) -> None:
    url = f"/data/assets/{prod.hero.id}/casting"
    response = admin.put(url, json=[{"asset_id": str(prod.chair.id)}, cast(prod.villain, 2, "x")])
    assert response.status_code == 200, response.text
    assert response.json() == [cast(prod.chair), cast(prod.villain, 2, "x")]
    rows = admin.get(url).json()
    # By asset type name ("Character ..." before "Prop ..."), then asset name.
    assert [(row["asset_name"], row["nb_occurences"]) for row in rows] == [
        ("Villain", 2),
        ("Chair", 1),
    ]
    assert one_event(db, "asset:casting-update").data["nb_entities_out"] == 2
    assert len(events(db, "entity-link:new")) == 2


@pytest.mark.parametrize(
    "body",
    [
        {"asset_id": "x"},
        [{"nb_occurences": 1}],
        [{"asset_id": "nope"}],
        [{"asset_id": "{asset}", "nb_occurences": -2}],
        [{"asset_id": "{asset}", "nb_occurences": "lots"}],
        [{"asset_id": "{shot}"}],
        [{"asset_id": "{foreign}"}],
    ],
)
def test_asset_casting_bad_bodies(admin, db, prod, body) -> None:
    other = make_production(db)
    names = {
        "{asset}": str(prod.chair.id),
        "{shot}": str(prod.shots[0].id),
        "{foreign}": str(other.chair.id),
    }
    if isinstance(body, list):
        body = [
            {**e, "asset_id": names.get(e["asset_id"], e["asset_id"])} if "asset_id" in e else e
            for e in body
        ]
    assert_bad(admin.put(f"/data/assets/{prod.hero.id}/casting", json=body))
    assert links_of(db, prod.hero) == {}


def test_wrong_kind_and_unknown_ids(admin, prod) -> None:
    for path in ("cast-in", "casting", "shot-asset-instances", "asset-asset-instances"):
        assert_error(admin.get(f"/data/assets/{prod.shots[0].id}/{path}"), 404)
        assert_error(admin.get(f"/data/assets/{uuid.uuid4()}/{path}"), 404)
        assert_error(admin.get(f"/data/assets/nope/{path}"), 400, "Malformed ID.")
    assert_error(admin.put(f"/data/assets/{prod.episode.id}/casting", json=[]), 404)
    assert_error(admin.get(f"/data/shots/{prod.hero.id}/asset-types"), 404)


def test_asset_instances_of_an_asset(admin, db, prod) -> None:
    url = f"/data/assets/{prod.hero.id}/asset-asset-instances"
    created = admin.post(url, json={"asset_to_instantiate_id": str(prod.chair.id)})
    assert created.status_code == 201, created.text
    row = created.json()
    assert (row["target_asset_id"], row["asset_id"], row["number"]) == (
        str(prod.hero.id),
        str(prod.chair.id),
        1,
    )
    assert row["name"] == "Chair_0001"
    event = one_event(db, "asset_instance:new").data
    assert event["asset_id"] == str(prod.hero.id)
    assert event["asset_instantiated"] == str(prod.chair.id)
    second = admin.post(url, json={"asset_to_instantiate_id": str(prod.chair.id)}).json()
    assert second["number"] == 2
    listing = admin.get(url).json()
    assert [r["id"] for r in listing[str(prod.chair.id)]] == [row["id"], second["id"]]
    assert_bad(admin.post(url, json={"asset_to_instantiate_id": "x"}))
    shot_body = {"asset_to_instantiate_id": str(prod.shots[0].id)}
    assert_error(admin.post(url, json=shot_body), 404)


def test_shot_and_scene_instances_of_an_asset(admin, db, prod) -> None:
    in_scene = f.make_asset_instance(db, asset=prod.hero, scene_id=prod.scene.id)
    in_asset = f.make_asset_instance(db, asset=prod.hero, target_asset_id=prod.villain.id)
    db.commit()
    url = f"/data/shots/{prod.shots[0].id}/asset-instances"
    admin.post(url, json={"asset_instance_id": str(in_scene.id)})
    by_shot = admin.get(f"/data/assets/{prod.hero.id}/shot-asset-instances").json()
    assert {k: [r["id"] for r in v] for k, v in by_shot.items()} == {
        str(prod.shots[0].id): [str(in_scene.id)]
    }
    by_scene = admin.get(f"/data/assets/{prod.hero.id}/scene-asset-instances").json()
    assert {k: [r["id"] for r in v] for k, v in by_scene.items()} == {
        str(prod.scene.id): [str(in_scene.id)]
    }
    assert str(in_asset.id) not in str(by_scene)


def test_shot_asset_types(admin, db, prod) -> None:
    link(db, prod.shots[0], prod.hero)
    link(db, prod.shots[0], prod.villain)
    rows = admin.get(f"/data/shots/{prod.shots[0].id}/asset-types").json()
    assert [(row["id"], row["type"]) for row in rows] == [(str(prod.character.id), "AssetType")]
    assert admin.get(f"/data/shots/{prod.shots[1].id}/asset-types").json() == []


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(as_role, db, prod, role) -> None:
    caller = member(as_role, db, prod.project, role)
    link(db, prod.shots[0], prod.hero)
    base = f"/data/assets/{prod.hero.id}"
    entity_reads = [caller.get(f"{base}/cast-in"), caller.get(f"{base}/casting")]
    project_reads = [
        caller.get(f"{base}/shot-asset-instances"),
        caller.get(f"{base}/scene-asset-instances"),
        caller.get(f"{base}/asset-asset-instances"),
        caller.get(f"/data/shots/{prod.shots[0].id}/asset-types"),
    ]
    write = caller.put(f"{base}/casting", json=[cast(prod.chair)])
    assert all(r.status_code == 200 for r in project_reads)
    if role == "vendor":
        for response in entity_reads:
            assert_forbidden(response)
    else:
        assert all(r.status_code == 200 for r in entity_reads)
    if role in ("admin", "manager"):
        assert write.status_code == 200, write.text
    else:
        assert_forbidden(write)
        assert links_of(db, prod.hero) == {}


def test_outsider_is_refused(as_role, prod) -> None:
    caller = as_role("manager")
    assert_forbidden(caller.get(f"/data/assets/{prod.hero.id}/cast-in"))
    assert_forbidden(caller.get(f"/data/assets/{prod.hero.id}/shot-asset-instances"))
    assert_forbidden(caller.put(f"/data/assets/{prod.hero.id}/casting", json=[]))
    assert_forbidden(caller.get(f"/data/shots/{prod.shots[0].id}/asset-types"))
